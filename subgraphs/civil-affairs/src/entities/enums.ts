/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { enumValues } from '@kongchuo/shared/labels';
import { PovertyStatus, AidProgramme, DisabilityCategory, ChildWelfareCategory } from '../domain/enums';

registerEnumType(PovertyStatus, { name: 'PovertyStatus', valuesConfig: enumValues('PovertyStatus') });
registerEnumType(AidProgramme, { name: 'AidProgramme', valuesConfig: enumValues('AidProgramme') });
registerEnumType(DisabilityCategory, { name: 'DisabilityCategory', valuesConfig: enumValues('DisabilityCategory') });
registerEnumType(ChildWelfareCategory, { name: 'ChildWelfareCategory', valuesConfig: enumValues('ChildWelfareCategory') });

export { PovertyStatus, AidProgramme, DisabilityCategory, ChildWelfareCategory };
