import { Field, InputType } from 'type-graphql';

@InputType()
export class RecordScreeningInput {
  @Field()
  title: string;

  @Field()
  startedOn: string;

  @Field()
  endedOn: string;

  @Field()
  organiser: string;

  @Field()
  findings: string;
}

@InputType()
export class IntervieweeInput {
  @Field()
  name: string;

  @Field()
  title: string;
}

@InputType({ description: '登记约谈' })
export class RecordSchoolInterviewInput {
  @Field()
  schoolCode: string;

  @Field()
  date: string;

  @Field(() => [IntervieweeInput])
  interviewees: IntervieweeInput[];

  @Field()
  findings: string;

  @Field()
  responsibilityLetterSigned: boolean;

  @Field()
  rectificationDeadline: string;
}
