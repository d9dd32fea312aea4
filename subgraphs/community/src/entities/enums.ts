/**
 * The department's enums as the API names them: each declared in domain/ (plain TypeScript, used by
 * the rules there) and registered here for GraphQL, with the names and Chinese descriptions clients see.
 */
import { registerEnumType } from 'type-graphql';
import { VisitOutcome } from '../domain/enums';

registerEnumType(VisitOutcome, {
  name: 'VisitOutcome',
  valuesConfig: {
    MET_FAMILY: { description: '见到家长' }, CHILD_PERSUADED: { description: '动员成功' }, REFUSED: { description: '拒绝' },
    NOT_HOME: { description: '未遇' }, MOVED_AWAY: { description: '已搬离' },
  },
});

export { VisitOutcome };
