/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { NoticeRecipient, LocateStatus } from '../domain/enums';

registerEnumType(NoticeRecipient, { name: 'NoticeRecipient', valuesConfig: { GUARDIAN: { description: '监护人' }, EMPLOYER: { description: '用人单位' } } });
registerEnumType(LocateStatus, { name: 'LocateStatus', valuesConfig: { OPEN: { description: '协查中' }, REPORTED: { description: '已反馈' } } });

export { NoticeRecipient, LocateStatus };
