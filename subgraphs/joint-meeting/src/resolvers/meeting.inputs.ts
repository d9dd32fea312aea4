import { Field, ID, InputType, Int } from 'type-graphql';
import { FollowUpKind } from '../entities';

@InputType({ description: '登记联席会议' })
export class RecordMeetingInput {
  @Field()
  date: string;

  @Field()
  title: string;

  @Field({ description: '主持（职务）' })
  chair: string;

  @Field(() => [String], { description: '出席部门' })
  departmentsPresent: string[];

  @Field()
  agenda: string;

  @Field(() => String, { nullable: true })
  minutes?: string;

  @Field(() => [String], { defaultValue: [], description: '决议（按序；不列入督办的）' })
  resolutions: string[];

  @Field(() => [DecisionInput], { defaultValue: [], description: '列入督办的决议：牵头部门、完成时限（排在 resolutions 之后）' })
  decisions: DecisionInput[];
}

@InputType({ description: '列入督办的决议' })
export class DecisionInput {
  @Field()
  text: string;

  @Field({ description: '牵头部门：education、public_security、civil_affairs、community' })
  leadDepartment: string;

  @Field({ description: '完成时限 YYYY-MM-DD（不早于会议日期）' })
  dueDate: string;
}

@InputType({ description: '决议督办：牵头部门报告进展或落实，联席会议办公室督促' })
export class ReportOnResolutionInput {
  @Field(() => ID)
  resolutionId: string;

  @Field(() => Int, { description: '决议当前版本号（乐观锁）' })
  expectedVersion: number;

  @Field(() => FollowUpKind)
  kind: FollowUpKind;

  @Field({ description: '日期 YYYY-MM-DD（不晚于今天）' })
  date: string;

  @Field()
  text: string;
}
