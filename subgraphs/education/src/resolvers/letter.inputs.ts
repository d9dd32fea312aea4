import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: '发函至户籍地教育部门' })
export class IssueLetterInput {
  @Field(() => ID)
  caseId: string;

  @Field({ description: '户籍地行政区划代码（取自统一视图中的户籍）' })
  originRegionCode: string;

  @Field(() => String, { nullable: true, description: '收函单位；缺省为“<户籍地>教育局”' })
  recipient?: string;

  @Field()
  sentOn: string;

  @Field(() => String, { nullable: true, description: '函件内容；缺省用标准函文' })
  body?: string;
}

@InputType({ description: '登记对方签收或回函' })
export class LetterProgressInput {
  @Field(() => ID)
  letterId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field()
  date: string;

  @Field(() => String, { nullable: true, description: '回函内容（登记回函时必填）' })
  reply?: string;
}
