import { Field, ID, InputType, Int } from 'type-graphql';
import { AbsencePortion, RiskFactor } from '../domain/early-warning';

@InputType({ description: '一条缺勤' })
export class AbsenceInput {
  @Field(() => ID, { description: '学生（人员关联键）' })
  studentId: string;

  @Field({ description: '日期 YYYY-MM-DD（须在学期内，不晚于今天）' })
  date: string;

  @Field(() => AbsencePortion, { nullable: true, description: '时段，默认全天' })
  portion?: AbsencePortion;

  @Field({ description: '是否请假（病假、事假）；无故缺课为 false' })
  excused: boolean;

  @Field(() => String, { nullable: true })
  reason?: string;
}

@InputType({ description: '学校批量登记缺勤（全部写入或全部不写）' })
export class RecordAbsencesInput {
  @Field({ description: '学校标识码' })
  schoolCode: string;

  @Field(() => [AbsenceInput], { description: '至多 5000 条' })
  absences: AbsenceInput[];
}

@InputType()
export class TermInput {
  @Field({ description: '开学日期 YYYY-MM-DD（本省校历）' })
  start: string;

  @Field({ description: '学期结束日期 YYYY-MM-DD（本省校历）' })
  end: string;
}

@InputType()
export class FactorWeightInput {
  @Field(() => RiskFactor)
  factor: RiskFactor;

  @Field(() => Int)
  weight: number;
}

@InputType()
export class LevelThresholdsInput {
  @Field(() => Int)
  low: number;

  @Field(() => Int)
  medium: number;

  @Field(() => Int)
  high: number;
}

@InputType({ description: '修改本省预警规则（未给出的项保持不变）' })
export class UpdateEarlyWarningPolicyInput {
  @Field(() => Int, { description: '规则当前版本号（乐观锁；默认规则为 0）' })
  expectedVersion: number;

  @Field(() => Int, { nullable: true })
  reportUnexcusedDays?: number;

  @Field(() => Int, { nullable: true })
  reportWindowDays?: number;

  @Field(() => Int, { nullable: true })
  dropoutConsecutiveWeeks?: number;

  @Field(() => Int, { nullable: true })
  absentWeekMinDays?: number;

  @Field(() => [TermInput], { nullable: true })
  terms?: TermInput[];

  @Field(() => [FactorWeightInput], { nullable: true, description: '只需列出要改的因素' })
  weights?: FactorWeightInput[];

  @Field(() => LevelThresholdsInput, { nullable: true })
  levels?: LevelThresholdsInput;

  @Field(() => String, { nullable: true, description: '阈值、权重、等级线的出处（文件名称及文号）；修改这些值时必填' })
  source?: string;

  @Field(() => String, { nullable: true, description: '校历的出处（本省教育厅发布的校历文件）；修改学期时必填' })
  calendarSource?: string;
}
