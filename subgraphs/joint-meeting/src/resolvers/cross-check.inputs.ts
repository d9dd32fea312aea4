import { Field, ID, InputType, Int } from 'type-graphql';
import { TaskType } from '../entities';

@InputType({ description: '处理一条发现：交办一项任务（默认为建议的任务）' })
export class ActOnFindingInput {
  @Field(() => ID)
  entryId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field({ description: '办结期限 YYYY-MM-DD' })
  dueDate: string;

  @Field(() => TaskType, { nullable: true, description: '默认：建议的任务' })
  type?: TaskType;

  @Field(() => ID, { nullable: true, description: '依据的联席会议' })
  meetingId?: string;

  @Field(() => String, { nullable: true })
  note?: string;
}

@InputType({ description: '核实后排除一条发现（须写明理由，如“已在区外学校就读，已核实学籍”）' })
export class DismissFindingInput {
  @Field(() => ID)
  entryId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field()
  reason: string;
}
