import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { AidProgramme, ChildWelfareCategory, DisabilityCategory, PovertyStatus } from '../entities';

@InputType({ description: '建档立卡户登记' })
export class RegisterPoorHouseholdInput {
  @Field()
  regionCode: string;

  @Field()
  headName: string;

  @Field(() => Int)
  registeredYear: number;

  @Field(() => PovertyStatus)
  status: PovertyStatus;
}

@InputType({ description: '贫困户成员' })
export class AddPoorHouseholdMemberInput {
  @Field(() => ID)
  householdId: string;

  @Field()
  idNumber: string;

  @Field()
  name: string;

  @Field()
  relation: string;
}

@InputType({ description: '资助发放' })
export class GrantAidInput {
  @Field(() => ID, { description: '学生（人员关联键）' })
  studentId: string;

  @Field(() => AidProgramme)
  programme: AidProgramme;

  @Field(() => Float, { description: '金额（元），大于 0，精确到分' })
  amount: number;

  @Field()
  periodStart: string;

  @Field()
  periodEnd: string;

  @Field()
  grantedOn: string;
}

@InputType({ description: '留守儿童登记' })
export class RegisterLeftBehindChildInput {
  @Field({ description: '18 位居民身份证号码（取自户口簿）' })
  idNumber: string;

  @Field(() => ID, { nullable: true, description: '从某名儿童的页面登记时：该儿童（人员关联键），身份证号码须是其本人的' })
  studentId?: string;

  @Field()
  name: string;

  @Field()
  carerName: string;

  @Field()
  carerRelation: string;

  @Field(() => String, { nullable: true })
  parentsWorkplace?: string;

  @Field()
  registeredOn: string;
}

@InputType({ description: '残疾信息登记' })
export class RecordDisabilityInput {
  @Field()
  idNumber: string;

  @Field()
  name: string;

  @Field(() => DisabilityCategory)
  category: DisabilityCategory;

  @Field(() => Int)
  grade: number;

  @Field(() => String, { nullable: true })
  certificateNumber?: string;

  @Field()
  recordedOn: string;
}

@InputType({ description: '儿童福利认定登记' })
export class RecognizeChildWelfareInput {
  @Field({ description: '18 位居民身份证号码' })
  idNumber: string;

  @Field(() => ID, { nullable: true, description: '从某名儿童的页面登记时：该儿童（人员关联键），身份证号码须是其本人的' })
  studentId?: string;

  @Field()
  name: string;

  @Field(() => ChildWelfareCategory)
  category: ChildWelfareCategory;

  @Field({ description: '认定日期 YYYY-MM-DD' })
  recognisedOn: string;

  @Field({ description: '认定依据' })
  basis: string;
}
