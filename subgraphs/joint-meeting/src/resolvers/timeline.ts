import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

/**
 * What the joint meeting needs of other departments' records to merge a child's timeline. The
 * gateway fetches these (`@requires`) from their owners *as the caller*, so the permission
 * matrix applies: a department that may not see a child's status history gets a timeline without it.
 */
export enum TimelineStatusCode {
  ADMISSION = 'ADMISSION', RESUMPTION = 'RESUMPTION', TRANSFER_IN = 'TRANSFER_IN', GRADUATION = 'GRADUATION', COMPLETION = 'COMPLETION',
  SUSPENSION = 'SUSPENSION', WITHDRAWAL = 'WITHDRAWAL', EXPULSION = 'EXPULSION', DEATH = 'DEATH', TRANSFER_OUT = 'TRANSFER_OUT',
  DROPOUT = 'DROPOUT', PROMOTION = 'PROMOTION', CLASS_CHANGE = 'CLASS_CHANGE', REPETITION = 'REPETITION',
}
registerEnumType(TimelineStatusCode, { name: 'StatusChangeCode' });

export enum TimelineVisitOutcome {
  MET_FAMILY = 'MET_FAMILY', CHILD_PERSUADED = 'CHILD_PERSUADED', REFUSED = 'REFUSED', NOT_HOME = 'NOT_HOME', MOVED_AWAY = 'MOVED_AWAY',
}
registerEnumType(TimelineVisitOutcome, { name: 'VisitOutcome' });

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
