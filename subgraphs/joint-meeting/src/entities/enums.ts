/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { enumValues } from '@kongchuo/shared/labels';
import { CrossCheckStatus, LedgerKind, FindingKind, FindingStatus } from '../domain/cross-check';
import { TaskType, TaskStatus, TaskAction, EvidenceKind } from '../domain/tasks';
import { ResolutionStatus, FollowUpKind } from '../domain/supervision';
import { TimelineStatusCode, TimelineVisitOutcome } from '../domain/enums';

registerEnumType(LedgerKind, { name: 'LedgerKind', description: '三本台账', valuesConfig: enumValues('LedgerKind') });
registerEnumType(FindingKind, { name: 'FindingKind', description: '比对发现', valuesConfig: enumValues('FindingKind') });
registerEnumType(CrossCheckStatus, { name: 'CrossCheckStatus', description: '比对进度', valuesConfig: enumValues('CrossCheckStatus') });
registerEnumType(FindingStatus, { name: 'FindingStatus', valuesConfig: enumValues('FindingStatus') });
registerEnumType(TaskType, { name: 'TaskType', valuesConfig: enumValues('TaskType') });
registerEnumType(TaskStatus, { name: 'TaskStatus', valuesConfig: enumValues('TaskStatus') });
registerEnumType(TaskAction, { name: 'TaskAction', valuesConfig: enumValues('TaskAction') });
registerEnumType(ResolutionStatus, { name: 'ResolutionStatus', valuesConfig: enumValues('ResolutionStatus') });
registerEnumType(FollowUpKind, { name: 'FollowUpKind', valuesConfig: enumValues('FollowUpKind') });
registerEnumType(EvidenceKind, { name: 'EvidenceKind', description: '办结佐证材料：由承办部门在本部门记录', valuesConfig: enumValues('EvidenceKind') });
registerEnumType(TimelineStatusCode, { name: 'StatusChangeCode', valuesConfig: enumValues('StatusChangeCode') });
registerEnumType(TimelineVisitOutcome, { name: 'VisitOutcome', valuesConfig: enumValues('VisitOutcome') });

export { CrossCheckStatus, LedgerKind, FindingKind, FindingStatus, TaskType, TaskStatus, TaskAction, EvidenceKind, TimelineStatusCode, TimelineVisitOutcome, ResolutionStatus, FollowUpKind };
