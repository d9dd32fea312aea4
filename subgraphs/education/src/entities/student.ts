import { TimestampType } from '@kongchuo/shared/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { OptionalProps } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ChildWelfareCategory, EnrollmentStatus, Gender } from './enums';
import { School } from './school';

@ObjectType('ChildWelfareRecord')
export class RequiredChildWelfare {
  @Directive('@external')
  @Field(() => ChildWelfareCategory)
  category: ChildWelfareCategory;
}

@ObjectType('Poverty')
export class RequiredPoverty {
  @Directive('@external')
  @Field()
  registered: boolean;
}

@ObjectType('DisabilityRecord')
export class RequiredDisability {
  @Directive('@external')
  @Field(() => Int)
  grade: number;
}

@ObjectType('FamilySituation')
export class RequiredFamily {
  @Directive('@external')
  @Field()
  parentsWorkingAway: boolean;
}

/**
 * A child in the education bureau's student-status records (学籍). Its id is the linkage key
 * (HMAC of the resident ID number, docs/architecture.md#the-unified-student-and-the-linkage-key) that every department shares.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: '学生（统一视图：教育局部分）' })
@Entity({ tableName: 'student' })
@Index({ properties: ['status', 'id'] })
@Index({ properties: ['school', 'id'] })
@Index({ properties: ['name', 'id'] })
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

  @Field(() => String, { nullable: true, description: '姓名（学籍；无学籍的儿童为空，见 hukou.name、community.residentName）' })
  @Property({ type: 'string', length: 50 })
  name: string;

  @Field(() => Gender, { nullable: true })
  @Enum({ items: () => Gender })
  gender: Gender;

  @Field(() => String, { nullable: true, description: '出生日期 YYYY-MM-DD' })
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
  @Field(() => Int, { nullable: true, description: '入学年级（一年级入学年份）' })
  @Index()
  @Property({ type: 'integer' })
  cohortYear: number;

  @Field(() => Int, { nullable: true, description: '版本号（乐观锁）' })
  @Property({ version: true })
  version: number;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  createdAt: Date = new Date();

  @Property({ type: TimestampType, onCreate: () => new Date(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  // ---- other departments' facts the early warning reads (`earlyWarning` @requires them; never stored here)
  @Directive('@external')
  @Field(() => Boolean, { nullable: true })
  isMigrant?: boolean | null;

  @Directive('@external')
  @Field(() => Boolean, { nullable: true })
  isLeftBehind?: boolean | null;

  @Directive('@external')
  @Field(() => RequiredPoverty, { nullable: true })
  poverty?: RequiredPoverty | null;

  @Directive('@external')
  @Field(() => RequiredDisability, { nullable: true })
  disability?: RequiredDisability | null;

  @Directive('@external')
  @Field(() => RequiredFamily, { nullable: true })
  family?: RequiredFamily | null;

  @Directive('@external')
  @Field(() => RequiredChildWelfare, { nullable: true })
  childWelfare?: RequiredChildWelfare | null;

  @Directive('@external')
  @Field(() => Boolean, { nullable: true })
  involvedInCase?: boolean | null;
}

/** The fields of the other departments' records that `earlyWarning` requires, as that subgraph names them. */
export const REQUIRED_BY_EARLY_WARNING = ['isMigrant', 'isLeftBehind', 'poverty', 'disability', 'family', 'childWelfare', 'involvedInCase'] as const;
