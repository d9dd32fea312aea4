import { TimestampType } from '@kongchuo/shared/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EnrollmentStatus, StatusChangeCode } from '../domain/enums';
import { Student } from './student';

/** One entry of a child's append-only student-status history (学籍异动). Never updated or deleted. */
@ObjectType({ description: '学籍异动记录' })
@Entity({ tableName: 'status_change' })
@Index({ properties: ['code', 'date'] })
export class StatusChange {
  [OptionalProps]?: 'recordedAt' | 'crossesDistrict' | 'counterpart' | 'reason' | 'guardianApplication' | 'approvalReference';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Index()
  @ManyToOne(() => Student, { ref: true })
  student: Ref<Student>;

  @Field(() => StatusChangeCode)
  @Enum({ items: () => StatusChangeCode })
  code: StatusChangeCode;

  @Field({ description: '异动日期' })
  @Property({ type: 'date' })
  date: string;

  @Field({ description: '异动时所在学校' })
  @Property({ type: 'string', length: 10 })
  schoolCode: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  grade: number;

  @Field(() => EnrollmentStatus, { nullable: true })
  @Enum({ items: () => EnrollmentStatus, nullable: true })
  fromStatus: EnrollmentStatus | null;

  @Field(() => EnrollmentStatus)
  @Enum({ items: () => EnrollmentStatus })
  toStatus: EnrollmentStatus;

  @Field({ description: '转入/转出是否跨区（巩固率只计跨区转学）' })
  @Property({ type: 'boolean', default: false })
  crossesDistrict: boolean = false;

  @Field(() => String, { nullable: true, description: '转入来源/转出去向' })
  @Property({ type: 'string', length: 200, nullable: true })
  counterpart: string | null = null;

  @Field(() => String, { nullable: true, description: '原因' })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Field({ description: '33 留级：监护人书面申请已收' })
  @Property({ type: 'boolean', default: false })
  guardianApplication: boolean = false;

  @Field(() => String, { nullable: true, description: '33 留级：学籍主管部门核准文号' })
  @Property({ type: 'string', length: 60, nullable: true })
  approvalReference: string | null = null;

  @Field({ description: '登记人' })
  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Field()
  @Property({ type: TimestampType, onCreate: () => new Date() })
  recordedAt: Date = new Date();
}
