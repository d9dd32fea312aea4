import { Directive, Field, ObjectType } from 'type-graphql';
import { TimelineStatusCode, TimelineVisitOutcome } from '../domain/enums';
import { EvidenceKind, TaskAction, TaskType } from '../domain/tasks';

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

  @Field({ description: '摘要（中文）；各部分的代码见下列字段，界面以其名称显示' })
  summary: string;

  @Field(() => TimelineStatusCode, { nullable: true, description: '学籍异动类型（STATUS_CHANGE）' })
  statusChange?: TimelineStatusCode | null;

  @Field(() => TimelineVisitOutcome, { nullable: true, description: '家访结果（HOME_VISIT）' })
  visitOutcome?: TimelineVisitOutcome | null;

  @Field(() => TaskType, { nullable: true, description: '任务类型（TASK）' })
  taskType?: TaskType | null;

  @Field(() => TaskAction, { nullable: true, description: '办理动作（TASK）' })
  taskAction?: TaskAction | null;

  @Field(() => EvidenceKind, { nullable: true, description: '办结佐证材料（TASK 的办结）' })
  evidenceKind?: EvidenceKind | null;

  @Field(() => String, { nullable: true, description: '收函单位（LETTER）或办理说明（TASK）' })
  detail?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否回函（LETTER）' })
  reply?: boolean | null;
}
