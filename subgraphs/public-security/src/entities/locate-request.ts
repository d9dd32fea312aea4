import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';
import { LocateStatus } from '../domain/enums';

/** 协查: a request to public security to find where a child's family is. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '协查（查找学生及家庭下落）' })
@Entity({ tableName: 'locate_request' })
export class LocateRequest {
  [OptionalProps]?: 'status' | 'version' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  /** the child's linkage key */
  @Field(() => ID, { description: '学生（人员关联键）' })
  @Index()
  @Property({ type: 'string', length: 43 })
  studentId: string;

  @Field()
  @Property({ type: 'date' })
  requestedOn: string;

  @Field({ description: '请求部门' })
  @Property({ type: 'string', length: 40 })
  requestedBy: string;

  @Field()
  @Property({ type: 'text' })
  reason: string;

  @Field(() => LocateStatus)
  @Enum({ items: () => LocateStatus })
  status: LocateStatus = LocateStatus.OPEN;

  @OneToMany(() => LocateReport, (r) => r.request)
  reports = new Collection<LocateReport>(this);

  @Field(() => Int)
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}

/** 协查反馈: where the family was found. */
@ObjectType({ description: '协查反馈' })
@Entity({ tableName: 'locate_report' })
export class LocateReport {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Index()
  @ManyToOne(() => LocateRequest, { ref: true })
  request: Ref<LocateRequest>;

  @Field()
  @Property({ type: 'date' })
  date: string;

  @Field({ description: '现居住地所在行政区划代码' })
  @Property({ type: 'string', length: 6 })
  regionCode: string;

  @Field({ description: '情况' })
  @Property({ type: 'text' })
  summary: string;

  @Field({ description: '办理民警' })
  @Property({ type: 'string', length: 64 })
  officer: string;
}
