import { Field, ID, InputType } from 'type-graphql';
import { VisitOutcome } from '../entities';

@InputType({ description: '登记家访' })
export class RecordHomeVisitInput {
  @Field(() => ID, { description: '学生（人员关联键）' })
  studentId: string;

  @Field({ description: '家访日期 YYYY-MM-DD（不晚于今天）' })
  date: string;

  @Field()
  visitorName: string;

  @Field({ description: '网格员、社区干部、班主任…' })
  visitorRole: string;

  @Field(() => VisitOutcome)
  outcome: VisitOutcome;

  @Field()
  notes: string;

  @Field(() => [VisitParticipantInput], { nullable: true, description: '同行走访人（联合家访：其他部门的人员一同走访）' })
  participants?: VisitParticipantInput[];
}

@InputType({ description: '同行走访人' })
export class VisitParticipantInput {
  @Field()
  name: string;

  @Field({ description: '班主任、科任教师、民警、社区干部…' })
  role: string;

  @Field({ description: '所在部门：education、public_security、civil_affairs、community、joint_meeting' })
  department: string;
}
