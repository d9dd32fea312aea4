import { TimestampType } from '@kongchuo/shared/core';
import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CaseOutcome, CaseRecordKind, CaseStatus, DiscoverySource, DropoutReason, ResponsibilityLevel } from '../domain/enums';
import { School } from './school';
import { Screening } from './screening';
import { Student } from './student';

/** One link of the 四包 responsibility chain. */
@ObjectType({ description: '四包责任人' })
export class Responsibility {
  @Field(() => ResponsibilityLevel)
  level: ResponsibilityLevel;

  @Field({ description: '姓名' })
  name: string;

  @Field({ description: '职务' })
  title: string;
}

/** 一生一案: the case file of one child who dropped out. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '辍学学生档案（一生一案）' })
@Entity({ tableName: 'dropout_case' })
@Index({ properties: ['discoveredOn'] })
// one open case per child, kept by the database: two offices opening one at the same moment get one case and a CONFLICT
@Index({ name: 'dropout_case_one_open_per_student', expression: `create unique index "dropout_case_one_open_per_student" on "dropout_case" ("student_id") where "status" = 'OPEN'` })
export class DropoutCase {
  [OptionalProps]?: 'status' | 'outcome' | 'closedOn' | 'screening' | 'version' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Index()
  @ManyToOne(() => Student, { ref: true })
  student: Ref<Student>;

  @Index()
  @ManyToOne(() => School, { ref: true })
  school: Ref<School>;

  @Field(() => Int, { description: '发现时年级' })
  @Property({ type: 'integer' })
  grade: number;

  @Field({ description: '发现日期' })
  @Property({ type: 'date' })
  discoveredOn: string;

  @Field(() => DiscoverySource)
  @Enum({ items: () => DiscoverySource })
  source: DiscoverySource;

  @ManyToOne(() => Screening, { ref: true, nullable: true })
  screening: Ref<Screening> | null = null;

  @Field(() => [DropoutReason], { description: '辍学原因' })
  @Property({ type: 'json' })
  reasons: DropoutReason[];

  @Field(() => [Responsibility], { description: '四包责任链' })
  @Property({ type: 'json' })
  responsibilityChain: Responsibility[];

  @Field(() => CaseStatus)
  @Enum({ items: () => CaseStatus })
  status: CaseStatus = CaseStatus.OPEN;

  @Field(() => CaseOutcome, { nullable: true })
  @Enum({ items: () => CaseOutcome, nullable: true })
  outcome: CaseOutcome | null = null;

  @Field(() => String, { nullable: true, description: '销号日期' })
  @Property({ type: 'date', nullable: true })
  closedOn: string | null = null;

  @OneToMany(() => CaseRecord, (r) => r.dropoutCase)
  records = new Collection<CaseRecord>(this);

  @Field(() => Int, { description: '版本号（乐观锁）' })
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();
}

/** A dated entry of a case's persuasion timeline (过程性材料). */
@ObjectType({ description: '劝返过程记录' })
@Entity({ tableName: 'case_record' })
export class CaseRecord {
  [OptionalProps]?: 'recordedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Index()
  @ManyToOne(() => DropoutCase, { ref: true })
  dropoutCase: Ref<DropoutCase>;

  @Field()
  @Property({ type: 'date' })
  date: string;

  @Field(() => CaseRecordKind)
  @Enum({ items: () => CaseRecordKind })
  kind: CaseRecordKind;

  @Field()
  @Property({ type: 'text' })
  summary: string;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Field()
  @Property({ type: TimestampType, onCreate: () => new Date() })
  recordedAt: Date = new Date();
}
