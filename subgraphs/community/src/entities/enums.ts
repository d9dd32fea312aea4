/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { enumValues } from '@kongchuo/shared/labels';
import { VisitOutcome } from '../domain/enums';

registerEnumType(VisitOutcome, { name: 'VisitOutcome', valuesConfig: enumValues('VisitOutcome') });

export { VisitOutcome };
