import { Field, InputType } from 'type-graphql';

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

  @Field(() => [String], { defaultValue: [], description: '决议（按序）' })
  resolutions: string[];
}
