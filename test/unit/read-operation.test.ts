/** Which department calls are reads (retried, merged when identical) is decided by parsing the planner's document, not by how its text begins. */
import { isReadOperation } from '../../gateway/src/identity-data-source';

it('a query is a read, however its text begins; a mutation never is', () => {
  expect(isReadOperation('query Unified__education__0($id: ID!) { student(id: $id) { name } }')).toBe(true);
  expect(isReadOperation('{ schools { code } }')).toBe(true);
  expect(isReadOperation('# a comment first\nquery { schools { code } }')).toBe(true);
  expect(isReadOperation('mutation Grant__civil_affairs__0($input: GrantAidInput!) { grantAid(input: $input) { id } }')).toBe(false);
  expect(isReadOperation('# querying\nmutation { grantAid(input: {}) { id } }')).toBe(false);
  expect(isReadOperation(undefined)).toBe(false);
});
