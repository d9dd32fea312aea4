import { registerEnumType } from 'type-graphql';
import { EvidenceKind, TaskAction, TaskStatus, TaskType } from '../domain/tasks';

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

export { EvidenceKind, TaskAction, TaskStatus, TaskType };
