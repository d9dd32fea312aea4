import { Field, ID, InputType, Int } from 'type-graphql';
import { DropoutReason, EnrollmentStatus, StatusChangeCode } from '../domain/enums';

@InputType({ description: '学生筛选条件' })
export class StudentFilter {
  @Field(() => EnrollmentStatus, { nullable: true })
  enrollmentStatus?: EnrollmentStatus;

  @Field(() => String, { nullable: true, description: '学校标识码' })
  schoolCode?: string;

  @Field(() => Int, { nullable: true })
  grade?: number;

  @Field(() => Int, { nullable: true, description: '一年级入学年份' })
  cohortYear?: number;

  @Field(() => String, { nullable: true, description: '班级（与 schoolCode、grade 同用）' })
  className?: string;

  @Field(() => String, { nullable: true, description: '姓名，从头匹配（“张”找到张三、张小红）；结果按姓名排序' })
  name?: string;

  @Field(() => String, { nullable: true, description: '18 位居民身份证号码：在本部门换算为人员关联键后查找，号码本身不离开本部门、不记录' })
  idNumber?: string;
}


@InputType({ description: '新建学籍（招生或转入）' })
export class EnrollStudentInput {
  @Field({ description: '18 位居民身份证号码' })
  idNumber: string;

  @Field()
  name: string;

  @Field()
  schoolCode: string;

  @Field(() => Int)
  grade: number;

  @Field()
  className: string;

  @Field({ description: '入学/转入日期 YYYY-MM-DD' })
  date: string;

  // no enum default value here: defaults are fixed when @apollo/subgraph rebuilds the schema from SDL,
  // before enum values are mapped, so the resolver applies the default instead
  @Field(() => StatusChangeCode, { nullable: true, description: 'ADMISSION (11 招生, default) or TRANSFER_IN (13 转入)' })
  code?: StatusChangeCode;

  @Field({ defaultValue: false, description: '转入是否来自区外' })
  crossesDistrict: boolean;

  @Field(() => String, { nullable: true, description: '转入来源' })
  counterpart?: string;

  @Field(() => String, { nullable: true, description: '学籍号；缺省为 G + 身份证号' })
  studentNumber?: string;
}

@InputType({ description: '登记学籍异动' })
export class RecordStatusChangeInput {
  @Field(() => ID)
  studentId: string;

  @Field(() => StatusChangeCode)
  code: StatusChangeCode;

  @Field({ description: 'YYYY-MM-DD' })
  date: string;

  @Field(() => Int, { description: '学生当前版本号（乐观锁）' })
  expectedVersion: number;

  @Field(() => Int, { nullable: true, description: '新年级（招生、转入、复学时）' })
  grade?: number;

  @Field(() => String, { nullable: true })
  className?: string;

  @Field(() => String, { nullable: true, description: '新学校（初中招生、转入时）' })
  schoolCode?: string;

  @Field({ defaultValue: false, description: '转入/转出是否跨区' })
  crossesDistrict: boolean;

  @Field(() => String, { nullable: true, description: '转入来源/转出去向' })
  counterpart?: string;

  @Field(() => String, { nullable: true })
  reason?: string;

  @Field(() => [DropoutReason], { nullable: true, description: '辍学原因（28 辍学时，用于自动建档）' })
  dropoutReasons?: DropoutReason[];

  @Field({ defaultValue: false, description: '33 留级：已收到监护人书面申请（本省规则要求时）' })
  guardianApplication: boolean;

  @Field(() => String, { nullable: true, description: '33 留级：学籍主管部门核准文号（本省规则要求时）' })
  approvalReference?: string;
}
