import { Field, ID, InputType, Int } from 'type-graphql';
import { NoticeRecipient } from '../entities';

@InputType({ description: '登记户' })
export class RegisterHouseholdInput {
  @Field({ description: '户号' })
  number: string;

  @Field({ description: '户籍地行政区划代码' })
  regionCode: string;

  @Field()
  registeredAddress: string;

  @Field()
  headName: string;
}

@InputType({ description: '登记人口' })
export class RegisterPersonInput {
  @Field()
  idNumber: string;

  @Field()
  name: string;

  @Field()
  householdNumber: string;

  @Field({ description: '与户主关系' })
  relation: string;

  @Field(() => String, { nullable: true })
  phone?: string;
}

@InputType({ description: '办理居住证' })
export class IssueResidencePermitInput {
  @Field()
  householdNumber: string;

  @Field()
  holderName: string;

  @Field()
  address: string;

  @Field(() => String, { nullable: true })
  communityCode?: string;

  @Field()
  issuedOn: string;

  @Field()
  validUntil: string;
}

@InputType({ description: '发起协查' })
export class RequestLocateInput {
  @Field(() => ID)
  studentId: string;

  @Field()
  reason: string;
}

@InputType({ description: '协查反馈' })
export class ReportLocateInput {
  @Field(() => ID)
  requestId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field()
  date: string;

  @Field({ description: '现居住地行政区划代码' })
  regionCode: string;

  @Field()
  summary: string;
}

@InputType({ description: '登记非法使用童工' })
export class RecordEmployerViolationInput {
  @Field(() => ID)
  studentId: string;

  @Field()
  employerName: string;

  @Field()
  foundOn: string;

  @Field()
  action: string;
}

@InputType({ description: '送达法律告知书' })
export class ServeLegalNoticeInput {
  @Field(() => ID)
  studentId: string;

  @Field(() => NoticeRecipient)
  recipientKind: NoticeRecipient;

  @Field({ description: '监护人姓名或用人单位名称' })
  recipient: string;

  @Field()
  servedOn: string;

  @Field()
  content: string;
}

@InputType({ description: '涉案未成年人登记（仅登记起止日期，不含案情）' })
export class MarkJuvenileCaseInput {
  @Field(() => ID)
  studentId: string;

  @Field({ description: '涉案起始日期 YYYY-MM-DD' })
  since: string;
}

@InputType({ description: '涉案未成年人：结案' })
export class EndJuvenileCaseInput {
  @Field(() => ID)
  studentId: string;

  @Field({ description: '结案日期 YYYY-MM-DD' })
  endedOn: string;
}
