import { composeResidentId, linkageKey, LINKAGE_KEY_PATTERN } from '@kongchuo/shared/domain';

describe('linkage key (pseudonymous person key)', () => {
  const id = composeResidentId('451302', '2004-11-02', 77);

  it('is the same for every department holding the same secret, and does not contain the number', () => {
    const a = linkageKey(id, 'district-secret');
    expect(linkageKey(id, 'district-secret')).toBe(a);
    expect(a).toMatch(LINKAGE_KEY_PATTERN);
    expect(a).not.toContain(id.slice(6, 14));
  });

  it('normalises before hashing (lower-case x, spaces)', () => {
    const x = '11010519491231002X';
    expect(linkageKey(' 110105 19491231002x', 's')).toBe(linkageKey(x, 's'));
  });

  it('differs under another secret', () => {
    expect(linkageKey(id, 'a')).not.toBe(linkageKey(id, 'b'));
  });

  it('refuses an invalid number with BAD_USER_INPUT naming the field', () => {
    expect(() => linkageKey('450204200503141230', 's', 'input.idNumber')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.idNumber' }) }));
  });
});
