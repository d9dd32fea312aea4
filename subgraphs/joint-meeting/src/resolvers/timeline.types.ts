import { Directive, Field, ObjectType } from 'type-graphql';
import { TimelineStatusCode, TimelineVisitOutcome } from '../domain/enums';

@ObjectType('StatusChange')
export class RequiredStatusChange {
  @Directive('@external')
  @Field(() => TimelineStatusCode)
  code: TimelineStatusCode;

  @Directive('@external')
  @Field()
  date: string;
}

@ObjectType({ description: '时间线条目（学籍异动、家访、劝返任务合并）' })
export class TimelineEntry {
  @Field({ description: '日期' })
  date: string;

  @Field({ description: 'STATUS_CHANGE, HOME_VISIT, LETTER 或 TASK' })
  kind: string;

  @Field({ description: '记录部门' })
  department: string;

  @Field({ description: '摘要' })
  summary: string;
}
