import { parse, type OperationDefinitionNode } from 'graphql';
import { isRequested } from '../../gateway/src/unrequested-errors';

/** Which error paths are the client's own selections (gateway/src/unrequested-errors.ts). */
describe('an error path is requested when it follows the operation\'s selections', () => {
  const doc = parse(`query Q($id: ID!) {
    student(id: $id) { id me: name ...Extra earlyWarning { level } }
    list: students(first: 2) { nodes { ... on Student { hukou { regionCode } } } }
  }
  fragment Extra on Student { guardians { phone } }`);
  const op = doc.definitions[0] as OperationDefinitionNode;

  it.each([
    [['student', 'me'], true],
    [['student', 'name'], false], // asked under an alias only
    [['student', 'guardians', 0, 'phone'], true], // through a named fragment
    [['list', 'nodes', 1, 'hukou', 'regionCode'], true], // through an inline fragment, past list indices
    [['student', 'involvedInCase'], false], // fetched for @requires, never asked for
    [['students', 'nodes', 0, 'hukou'], false], // the field's name, not its response key
    [['student', 'earlyWarning', 'reasons'], false],
  ])('%j → %p', (path, expected) => {
    expect(isRequested(path as (string | number)[], op, doc)).toBe(expected);
  });
});
