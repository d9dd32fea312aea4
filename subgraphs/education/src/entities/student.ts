import { TimestampType } from '@kongchuo/shared';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { EnrollmentStatus, Gender } from '../domain/enums';
import { School } from './school';

/**
 * A child in the education bureau's student-status records (学籍). Its id is the linkage key
 * (HMAC of the resident ID number, DESIGN §2) that every department shares.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: '学生（统一视图：教育局部分）' })
@Entity({ tableName: 'student' })
@Index({ properties: ['status', 'id'] })
@Index({ properties: ['school', 'id'] })
export class Student {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: '人员关联键 (HMAC of the resident ID number)' })
  @PrimaryKey({ type: 'string', length: 43 })
  id: string;

  /** 学籍号: G + the 18-character ID number (J/L for children without one) */
  @Field(() => String, { nullable: true, description: '全国学籍号' })
  @Property({ type: 'string', length: 19, unique: true })
  studentNumber: string;

  /** the full resident ID number; exposed only through the masked `idNumber` field */
  @Property({ type: 'string', length: 18, nullable: true, unique: true })
  residentId: string | null;

  @Field({ description: '姓名' })
  @Property({ type: 'string', length: 50 })
  name: string;

  @Field(() => Gender)
  @Enum({ items: () => Gender })
  gender: Gender;

  @Field({ description: '出生日期 YYYY-MM-DD' })
  @Property({ type: 'date' })
  birthDate: string;

  @ManyToOne(() => School, { ref: true })
  school: Ref<School>;

  @Property({ type: 'integer' })
  grade: number;

  @Property({ type: 'string', length: 20 })
  className: string;

  @Enum({ items: () => EnrollmentStatus })
  status: EnrollmentStatus;

  /** autumn of the year the child entered grade 1 (the consolidation-rate cohort) */
  @Field(() => Int, { description: '入学年级（一年级入学年份）' })
  @Index()
  @Property({ type: 'integer' })
  cohortYear: number;

  @Field(() => Int, { description: '版本号（乐观锁）' })
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Property({ type: TimestampType, onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
