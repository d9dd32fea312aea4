import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { FollowUpKind, ResolutionStatus } from './enums';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';

/** 联席会议: a joint meeting of the departments, chaired by a district leader. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '控辍保学联席会议' })
@Entity({ tableName: 'meeting' })
export class Meeting {
  [OptionalProps]?: 'createdAt' | 'version' | 'minutes';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field({ description: '会议日期' })
  @Index()
  @Property({ type: 'date' })
  date: string;

  @Field({ description: '会议名称' })
  @Property({ type: 'string', length: 200 })
  title: string;

  @Field({ description: '主持（职务）' })
  @Property({ type: 'string', length: 100 })
  chair: string;

  @Field(() => [String], { description: '出席部门' })
  @Property({ type: 'json' })
  departmentsPresent: string[];

  @Field({ description: '议程' })
  @Property({ type: 'text' })
  agenda: string;

  @Field(() => String, { nullable: true, description: '会议纪要' })
  @Property({ type: 'text', nullable: true })
  minutes: string | null = null;

  @OneToMany(() => Resolution, (r) => r.meeting)
  resolutions = new Collection<Resolution>(this);

  @Field(() => Int)
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}

/** 会议决议: one decision of a meeting; with a lead department and a deadline it is supervised (督办, domain/supervision.ts). */
@ObjectType({ description: '会议决议（列明牵头部门和完成时限的，纳入督办）' })
@Entity({ tableName: 'resolution' })
export class Resolution {
  [OptionalProps]?: 'leadDepartment' | 'dueDate' | 'status' | 'carriedOutOn' | 'lastFollowUpOn' | 'followUpCount' | 'version';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @ManyToOne(() => Meeting, { ref: true })
  meeting: Ref<Meeting>;

  @Field(() => Int, { description: '序号' })
  @Property({ type: 'integer' })
  ordinal: number;

  @Field({ description: '决议内容' })
  @Property({ type: 'text' })
  text: string;

  @Field(() => String, { nullable: true, description: '牵头部门（department 代码）' })
  @Property({ type: 'string', length: 20, nullable: true })
  leadDepartment: string | null = null;

  @Field(() => String, { nullable: true, description: '完成时限 YYYY-MM-DD' })
  @Index()
  @Property({ type: 'date', nullable: true })
  dueDate: string | null = null;

  @Field(() => ResolutionStatus)
  @Enum({ items: () => ResolutionStatus, default: ResolutionStatus.RECORDED })
  status: ResolutionStatus = ResolutionStatus.RECORDED;

  @Field(() => String, { nullable: true, description: '落实日期' })
  @Property({ type: 'date', nullable: true })
  carriedOutOn: string | null = null;

  @Field(() => String, { nullable: true, description: '最近一次督办记录的日期' })
  @Property({ type: 'date', nullable: true })
  lastFollowUpOn: string | null = null;

  @Field(() => Int, { description: '督办记录条数' })
  @Property({ type: 'integer', default: 0 })
  followUpCount: number = 0;

  @Field(() => Int, { description: '版本号（乐观锁）' })
  @Property({ version: true })
  version: number;

  @OneToMany(() => ResolutionFollowUp, (f) => f.resolution)
  followUps = new Collection<ResolutionFollowUp>(this);
}

/** 督办记录: a progress report, the report that it was carried out, or the office's urging. */
@ObjectType({ description: '督办记录（进展、落实、督促）' })
@Entity({ tableName: 'resolution_follow_up' })
export class ResolutionFollowUp {
  [OptionalProps]?: 'recordedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @ManyToOne(() => Resolution, { ref: true })
  resolution: Ref<Resolution>;

  @Field()
  @Property({ type: 'date' })
  date: string;

  @Field(() => FollowUpKind)
  @Enum({ items: () => FollowUpKind })
  kind: FollowUpKind;

  @Field({ description: '报告或督促的部门（department 代码）' })
  @Property({ type: 'string', length: 20 })
  department: string;

  @Field({ description: '内容' })
  @Property({ type: 'text' })
  text: string;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  recordedAt: Date = new Date();
}
