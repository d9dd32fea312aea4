import { Field, InputType } from 'type-graphql';
import { TaskStatus, TaskType } from '../entities';

@InputType({ description: '工作台任务筛选' })
export class WorkQueueFilter {
  @Field(() => [TaskStatus], { nullable: true, description: '状态；缺省为未办结的（已交办、已接收、办理中）' })
  status?: TaskStatus[];

  @Field(() => TaskType, { nullable: true })
  type?: TaskType;

  @Field(() => Boolean, { nullable: true, description: '只列逾期的' })
  overdue?: boolean;

  @Field(() => String, { nullable: true, description: '办结期限不晚于该日 YYYY-MM-DD' })
  dueBy?: string;

  @Field(() => String, { nullable: true, description: '承办部门（联席会议、区教育局可看各部门的；其他部门只看本部门的）' })
  department?: string;

  @Field(() => Boolean, { nullable: true, description: '各部门的（联席会议、区教育局；联席会议缺省即是）' })
  allDepartments?: boolean;
}
