import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';
import { VisitOutcome } from '../domain/enums';
import { Community, GridArea } from './places';

/** 居民户: a household living in a community, with its family situation. */
@Entity({ tableName: 'resident_household' })
export class ResidentHousehold {
  [OptionalProps]?: 'version' | 'notes';

  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @ManyToOne(() => Community, { ref: true })
  community: Ref<Community>;

  @Index()
  @ManyToOne(() => GridArea, { ref: true })
  grid: Ref<GridArea>;

  @Property({ type: 'string', length: 200 })
  address: string;

  /** both parents work away from home (外出务工) */
  @Property({ type: 'boolean' })
  parentsWorkingAway: boolean;

  /** who looks after the children day to day */
  @Property({ type: 'string', length: 50 })
  carer: string;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ version: true })
  version: number;
}

/** 居民: a person living in a community household, keyed by the linkage key. */
@Entity({ tableName: 'resident' })
@Index({ properties: ['name', 'id'] })
export class Resident {
  @PrimaryKey({ type: 'string', length: 43 })
  id: string;

  @Property({ type: 'string', length: 18, unique: true })
  residentId: string;

  @Property({ type: 'string', length: 50 })
  name: string;

  @Index()
  @ManyToOne(() => ResidentHousehold, { ref: true })
  household: Ref<ResidentHousehold>;

  @Property({ type: 'string', length: 20 })
  relation: string;
}

/** Someone who went along on a visit (a joint visit: 联合家访), with the department they work for. */
@ObjectType({ description: '同行走访人（联合家访）' })
export class VisitParticipant {
  @Field()
  name: string;

  @Field({ description: '身份：班主任、科任教师、民警、社区干部…' })
  role: string;

  @Field({ description: '所在部门（department 代码）' })
  department: string;
}

/**
 * 家访: a visit to a child's home — by the community (grid worker, cadre), by the school (班主任 or
 * 科任教师 on the 大家访 or for the pupil they are responsible for), or by several departments together.
 * The community keeps the register of visits whoever made them; the visitor's department is recorded.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: '家访记录' })
@Entity({ tableName: 'home_visit' })
export class HomeVisit {
  [OptionalProps]?: 'createdAt' | 'version' | 'visitorDepartment' | 'participants';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field(() => ID, { description: '学生（人员关联键）' })
  @Index()
  @Property({ type: 'string', length: 43 })
  studentId: string;

  @Field()
  @Property({ type: 'date' })
  date: string;

  @Field({ description: '走访人' })
  @Property({ type: 'string', length: 50 })
  visitorName: string;

  @Field({ description: '走访人身份：网格员、社区干部、班主任…' })
  @Property({ type: 'string', length: 20 })
  visitorRole: string;

  @Field({ description: '登记走访的部门（department 代码）：社区、教育（学校）…' })
  @Property({ type: 'string', length: 20, default: 'community' })
  visitorDepartment: string = 'community';

  @Field(() => [VisitParticipant], { description: '同行走访人（联合家访）；无则为空' })
  @Property({ type: 'json', default: '[]' })
  participants: VisitParticipant[] = [];

  @Field(() => VisitOutcome)
  @Enum({ items: () => VisitOutcome })
  outcome: VisitOutcome;

  @Field(() => String, { nullable: true, description: '走访情况' })
  @Property({ type: 'text' })
  notes: string;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Field(() => Int)
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}
