import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TimestampType } from '@kongchuo/shared/core';
import { EvidenceKind, TaskAction, TaskStatus, TaskType } from './enums';
import { Meeting } from './meeting';

/** 劝返任务: one piece of persuasion work assigned to a department for one child's case. */
@ObjectType({ description: '劝返任务' })
@Entity({ tableName: 'persuasion_task' })
@Index({ properties: ['assignedDepartment', 'status', 'dueDate'] })
export class PersuasionTask {
  [OptionalProps]?: 'createdAt' | 'version' | 'status' | 'assignee' | 'meeting' | 'evidenceKind' | 'evidenceId' | 'rejectionReason' | 'completedOn' | 'caseId' | 'note';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  /** the child's linkage key */
  @Index()
  @Property({ type: 'string', length: 43 })
  studentId: string;

  @Field(() => String, { nullable: true, description: '辍学档案号（教育局）' })
  @Property({ type: 'string', length: 36, nullable: true })
  caseId: string | null = null;

  @ManyToOne(() => Meeting, { ref: true, nullable: true })
  meeting: Ref<Meeting> | null = null;

  @Field(() => TaskType)
  @Enum({ items: () => TaskType })
  type: TaskType;

  @Field({ description: '承办部门' })
  @Property({ type: 'string', length: 20 })
  assignedDepartment: string;

  @Field(() => String, { nullable: true, description: '承办人' })
  @Property({ type: 'string', length: 64, nullable: true })
  assignee: string | null = null;

  @Field({ description: '办结期限' })
  @Property({ type: 'date' })
  dueDate: string;

  @Field(() => TaskStatus)
  @Enum({ items: () => TaskStatus })
  status: TaskStatus = TaskStatus.ASSIGNED;

  @Field(() => String, { nullable: true, description: '交办说明' })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Field(() => EvidenceKind, { nullable: true, description: '办结佐证材料类型' })
  @Enum({ items: () => EvidenceKind, nullable: true })
  evidenceKind: EvidenceKind | null = null;

  @Field(() => String, { nullable: true, description: '办结佐证材料（承办部门记录的编号）' })
  @Property({ type: 'string', length: 64, nullable: true })
  evidenceId: string | null = null;

  @Field(() => String, { nullable: true, description: '办结日期' })
  @Property({ type: 'date', nullable: true })
  completedOn: string | null = null;

  @Field(() => String, { nullable: true, description: '退回理由' })
  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  @Field({ description: '交办人' })
  @Property({ type: 'string', length: 64 })
  createdBy: string;

  @OneToMany(() => TaskEvent, (e) => e.task)
  events = new Collection<TaskEvent>(this);

  @Field(() => Int, { description: '版本号（乐观锁）' })
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}

/** One step of a task's history: who did what, when (append-only). */
@ObjectType({ description: '任务办理记录' })
@Entity({ tableName: 'task_event' })
export class TaskEvent {
  [OptionalProps]?: 'note' | 'fromStatus';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Index()
  @ManyToOne(() => PersuasionTask, { ref: true })
  task: Ref<PersuasionTask>;

  @Field({ description: '时间' })
  @Property({ type: TimestampType })
  at: Date;

  @Field({ description: '业务日期' })
  @Property({ type: 'date' })
  date: string;

  @Field()
  @Property({ type: 'string', length: 64 })
  user: string;

  @Field()
  @Property({ type: 'string', length: 20 })
  department: string;

  @Field(() => TaskAction)
  @Enum({ items: () => TaskAction })
  action: TaskAction;

  @Field(() => TaskStatus, { nullable: true })
  @Enum({ items: () => TaskStatus, nullable: true })
  fromStatus: TaskStatus | null = null;

  @Field(() => TaskStatus)
  @Enum({ items: () => TaskStatus })
  toStatus: TaskStatus;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
