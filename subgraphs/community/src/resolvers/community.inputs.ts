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
}
