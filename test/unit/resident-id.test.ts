import { ageOn, checkCharacter, composeResidentId, normaliseIdNumber, parseResidentId } from '@kongchuo/shared/domain';
import { maskIdNumber } from '@kongchuo/shared/policy';

const TODAY = new Date('2026-11-29T00:00:00Z');

describe('GB 11643 resident ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character (worked example of the standard)', () => {
    // 11010519491231002X is the standard's published example
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(parseResidentId('11010519491231002X', TODAY)).toMatchObject({ ok: true, facts: { birthDate: '1949-12-31', gender: 'FEMALE', regionCode: '110105' } });
  });

  it('accepts a composed number and reads birth date, gender and region from it', () => {
    const id = composeResidentId('450204', '2005-03-14', 123);
    const r = parseResidentId(id, TODAY);
    expect(r).toEqual({ ok: true, facts: { idNumber: id, regionCode: '450204', regionName: '柳南区', birthDate: '2005-03-14', gender: 'MALE' } });
  });

  it('names retired region codes that old numbers still carry (450221 柳江县)', () => {
    const r = parseResidentId(composeResidentId('450221', '2004-07-24', 2), TODAY);
    expect(r.ok && r.facts.regionName).toBe('柳江县');
  });

  it.each([
    ['wrong check digit', (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0'), 'check digit'],
    ['17 characters', (id: string) => id.slice(0, 17), '17 digits'],
    ['letters inside', (id: string) => 'A' + id.slice(1), '17 digits'],
    ['unknown province 99', (id: string) => '99' + id.slice(2), 'not a GB/T 2260 region'],
  ])('refuses %s', (_label, mutate, reason) => {
    const r = parseResidentId(mutate(composeResidentId('450204', '2006-01-02', 45)), TODAY);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('refuses impossible and future birth dates even with a matching check digit', () => {
    const feb30 = '45020420050230123';
    expect(parseResidentId(feb30 + checkCharacter(feb30), TODAY)).toEqual({ ok: false, reason: 'birth date is not a real date' });
    const future = '45020420301201123';
    expect(parseResidentId(future + checkCharacter(future), TODAY)).toEqual({ ok: false, reason: 'birth date is in the future' });
  });

  it('normalises a lower-case x and spaces', () => {
    expect(normaliseIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(parseResidentId('11010519491231002x', TODAY).ok).toBe(true);
  });

  it('masks as region code + 8 stars + last four', () => {
    expect(maskIdNumber('450204200503141234')).toBe('450204********1234');
  });

  it('computes full years of age', () => {
    expect(ageOn('2005-03-14', '2021-03-13')).toBe(15);
    expect(ageOn('2005-03-14', '2021-03-14')).toBe(16);
  });
});
