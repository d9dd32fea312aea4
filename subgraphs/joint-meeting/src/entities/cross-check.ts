import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';
import { CrossCheckStatus, FindingKind, FindingStatus, LedgerKind } from '../domain/cross-check';
import { TaskType } from './enums';

/**
 * Who is running the district's 四查三比对 now: one row at most (id `district`), inserted when a
 * run starts and deleted when it ends, so every instance of the joint meeting on this database
 * sees it; a row past `until` is a run whose process died, and the next caller clears it.
 */
@Entity({ tableName: 'cross_check_lease' })
export class CrossCheckLease {
  @PrimaryKey({ type: 'string', length: 20 })
  id: string;

  /** a random token of the run holding it, so only that run releases it */
  @Property({ type: 'string', length: 36 })
  token: string;

  @Property({ type: 'string', length: 64 })
  startedBy: string;

  @Property({ type: TimestampType })
  since: Date;

  @Property({ type: TimestampType })
  until: Date;
}

/** 四查三比对 run: one cross-department check on a date, with what it counted and how long each step took. */
@ObjectType({ description: '四查三比对（一次比对）' })
@Entity({ tableName: 'cross_check_run' })
export class CrossCheckRun {
  [OptionalProps]?: 'startedAt' | 'status' | 'failure' | 'finishedAt' | 'active';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field({ description: '比对日期（适龄按该日所在学年计）' })
  @Index()
  @Property({ type: 'date' })
  asOf: string;

  @Field()
  @Property({ type: 'string', length: 64 })
  startedBy: string;

  @Field(() => Date)
  @Property({ type: TimestampType, onCreate: () => new Date() })
  startedAt: Date = new Date();

  @Field(() => CrossCheckStatus, { description: '进度：排队、比对中、完成或失败（失败时见 failure）' })
  @Enum({ items: () => CrossCheckStatus, default: CrossCheckStatus.DONE })
  status: CrossCheckStatus = CrossCheckStatus.QUEUED;

  /** 'district' while the run is queued or running, null after: its unique index keeps one such run in the district */
  @Property({ type: 'string', length: 20, nullable: true, unique: 'cross_check_run_active_unique' })
  active: string | null = null;

  @Field(() => String, { nullable: true, description: '失败原因（不含个人信息）' })
  @Property({ type: 'string', length: 500, nullable: true })
  failure: string | null = null;

  @Field(() => Date, { nullable: true, description: '完成或失败的时间' })
  @Property({ type: TimestampType, nullable: true })
  finishedAt: Date | null = null;

  @Field(() => Int, { description: '公安户籍/居住证登记的适龄儿童' })
  @Property({ type: 'integer' })
  registeredByPolice: number;

  @Field(() => Int, { description: '社区居住登记的适龄儿童' })
  @Property({ type: 'integer' })
  livingInCommunities: number;

  @Field(() => Int, { description: '适龄儿童台账（两者合并）' })
  @Property({ type: 'integer' })
  schoolAge: number;

  @Field(() => Int, { description: '其中有本区学籍' })
  @Property({ type: 'integer' })
  withEnrollment: number;

  @Field(() => Int, { description: '疑似辍学台账' })
  @Property({ type: 'integer' })
  suspectedDropouts: number;

  @Field(() => Int, { description: '辍学台账' })
  @Property({ type: 'integer' })
  dropouts: number;

  @Field(() => Int, { description: '需处理的发现' })
  @Property({ type: 'integer' })
  findings: number;

  /** milliseconds per step, e.g. { police: 812, community: 640, suspected: 90, poverty: 40, write: 300, total: 1890 } */
  @Property({ type: 'json' })
  timings: Record<string, number>;
}

/** One line of a ledger in a run; a line with a finding is worked on (a task) or dismissed after checking. */
@ObjectType({ description: '台账条目' })
@Entity({ tableName: 'ledger_entry' })
@Index({ properties: ['run', 'ledger', 'id'] })
@Index({ properties: ['run', 'finding', 'status'] })
export class LedgerEntry {
  [OptionalProps]?: 'version' | 'status' | 'taskId' | 'dismissedReason' | 'handledBy';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @ManyToOne(() => CrossCheckRun, { ref: true })
  run: Ref<CrossCheckRun>;

  @Field(() => LedgerKind)
  @Enum({ items: () => LedgerKind })
  ledger: LedgerKind;

  /** the child's linkage key */
  @Index()
  @Property({ type: 'string', length: 43 })
  studentId: string;

  @Field(() => [String], { description: '哪些部门有该儿童的记录' })
  @Property({ type: 'json' })
  knownTo: string[];

  @Field(() => String, { nullable: true, description: '学籍状态（无学籍为空）' })
  @Property({ type: 'string', length: 20, nullable: true })
  enrollmentStatus: string | null;

  @Field(() => FindingKind, { nullable: true, description: '比对发现（无则为空）' })
  @Enum({ items: () => FindingKind, nullable: true })
  finding: FindingKind | null;

  @Field(() => [String], { description: '原因' })
  @Property({ type: 'json' })
  reasons: string[];

  @Field(() => TaskType, { nullable: true, description: '建议交办的任务' })
  @Enum({ items: () => TaskType, nullable: true })
  suggestedTask: TaskType | null;

  @Field(() => FindingStatus, { nullable: true, description: '发现的处理状态' })
  @Enum({ items: () => FindingStatus, nullable: true })
  status: FindingStatus | null = null;

  @Field(() => String, { nullable: true, description: '交办的任务' })
  @Property({ type: 'uuid', nullable: true })
  taskId: string | null = null;

  @Field(() => String, { nullable: true, description: '排除理由' })
  @Property({ type: 'text', nullable: true })
  dismissedReason: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  handledBy: string | null = null;

  @Field(() => Int)
  @Property({ version: true })
  version: number;
}
