/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { enumValues } from '@kongchuo/shared/labels';
import { NoticeRecipient, LocateStatus } from '../domain/enums';
import { RegisteredAreaType } from '../domain/migrant';

registerEnumType(NoticeRecipient, { name: 'NoticeRecipient', valuesConfig: enumValues('NoticeRecipient') });
registerEnumType(LocateStatus, { name: 'LocateStatus', valuesConfig: enumValues('LocateStatus') });
registerEnumType(RegisteredAreaType, { name: 'RegisteredAreaType', valuesConfig: enumValues('RegisteredAreaType') });

export { NoticeRecipient, LocateStatus, RegisteredAreaType };
