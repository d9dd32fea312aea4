/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { CrossCheckStatus, LedgerKind, FindingKind, FindingStatus } from '../domain/cross-check';
import { TaskType, TaskStatus, TaskAction, EvidenceKind } from '../domain/tasks';
import { TimelineStatusCode, TimelineVisitOutcome } from '../domain/enums';

registerEnumType(LedgerKind, {
  name: 'LedgerKind',
  description: '三本台账',
  valuesConfig: { SCHOOL_AGE: { description: '适龄儿童台账' }, SUSPECTED_DROPOUT: { description: '疑似辍学台账' }, DROPOUT: { description: '辍学台账' } },
});
registerEnumType(FindingKind, {
  name: 'FindingKind',
  description: '比对发现',
  valuesConfig: {
    NEVER_ENROLLED: { description: '有户籍/居住登记、无学籍（未入学）' }, LEFT_SCHOOL: { description: '学籍转出但仍在本区（去向待核）' },
    NOT_ATTENDING: { description: '在籍未在校（缺课达到报告线）' }, TREAT_AS_DROPOUT: { description: '连续缺课达到规定周数，视为辍学' },
    POOR_DROPOUT: { description: '辍学学生属建档立卡贫困户' },
  },
});
registerEnumType(CrossCheckStatus, {
  name: 'CrossCheckStatus',
  description: '比对进度',
  valuesConfig: { QUEUED: { description: '排队中' }, RUNNING: { description: '比对中' }, DONE: { description: '已完成' }, FAILED: { description: '失败' } },
});
registerEnumType(FindingStatus, {
  name: 'FindingStatus',
  valuesConfig: { OPEN: { description: '待处理' }, ACTED: { description: '已派发任务' }, DISMISSED: { description: '核实排除' } },
});
registerEnumType(TaskType, {
  name: 'TaskType',
  valuesConfig: {
    HOME_VISIT: { description: '家访（社区）' }, LOCATE_FAMILY: { description: '查找家庭下落（公安）' }, AID: { description: '资助帮扶（民政/扶贫）' },
    LEGAL_NOTICE: { description: '法律告知监护人或用人单位（公安）' }, RE_ENROLMENT: { description: '复学安置（教育）' }, LETTER_TO_ORIGIN: { description: '函告户籍地（教育）' },
  },
});
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  valuesConfig: {
    ASSIGNED: { description: '已派发' }, ACCEPTED: { description: '已接收' }, IN_PROGRESS: { description: '办理中' }, DONE: { description: '已办结' }, REJECTED: { description: '已退回' },
  },
});
registerEnumType(TaskAction, { name: 'TaskAction' });
registerEnumType(EvidenceKind, { name: 'EvidenceKind', description: '办结凭证：由承办部门在本部门记录' });
registerEnumType(TimelineStatusCode, { name: 'StatusChangeCode' });
registerEnumType(TimelineVisitOutcome, { name: 'VisitOutcome' });

export { CrossCheckStatus, LedgerKind, FindingKind, FindingStatus, TaskType, TaskStatus, TaskAction, EvidenceKind, TimelineStatusCode, TimelineVisitOutcome };
