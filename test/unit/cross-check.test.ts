import { FindingKind, LedgerKind, crossCheck } from '../../subgraphs/joint-meeting/src/domain/cross-check';

const lists = (over: Partial<Parameters<typeof crossCheck>[0]> = {}) => crossCheck({
  public_security: [], community: [], enrollment: new Map(), suspected: [], dropouts: [], ...over,
});

describe('四查三比对 matching', () => {
  it('户籍/居住 ↔ 学籍: the union of the registries, each child with what 学籍 says', () => {
    const rows = lists({
      public_security: ['a', 'b', 'c'], community: ['b', 'd', 'e'],
      enrollment: new Map([['a', 'ENROLLED'], ['b', 'SUSPENDED'], ['e', 'TRANSFERRED_OUT'], ['z', 'ENROLLED']]),
    });
    const schoolAge = rows.filter((r) => r.ledger === LedgerKind.SCHOOL_AGE);
    expect(schoolAge.map((r) => r.studentId).sort()).toEqual(['a', 'b', 'c', 'd', 'e']); // z: enrolled, known to neither registry
    const by = Object.fromEntries(schoolAge.map((r) => [r.studentId, r]));
    expect(by.a.finding).toBeNull();
    expect(by.b).toMatchObject({ finding: null, knownTo: ['community', 'public_security'] });
    expect(by.c).toMatchObject({ finding: FindingKind.NEVER_ENROLLED, suggestedTask: 'LOCATE_FAMILY' }); // police only: find the family
    expect(by.d).toMatchObject({ finding: FindingKind.NEVER_ENROLLED, suggestedTask: 'HOME_VISIT' }); // the community knows where they live
    expect(by.e).toMatchObject({ finding: FindingKind.LEFT_SCHOOL, enrollmentStatus: 'TRANSFERRED_OUT' });
  });

  it('学籍 ↔ 在校 and 辍学 ↔ 贫困', () => {
    const rows = lists({
      public_security: ['s1'],
      suspected: [{ id: 's1', treatAsDropout: false, reasons: ['x'] }, { id: 's2', treatAsDropout: true, reasons: ['y'] }],
      dropouts: [{ id: 'p', registeredPoor: true }, { id: 'q', registeredPoor: false }, { id: 'r', registeredPoor: null }],
    });
    const suspected = rows.filter((r) => r.ledger === LedgerKind.SUSPECTED_DROPOUT);
    expect(suspected.map((r) => [r.studentId, r.finding, r.suggestedTask])).toEqual([['s1', 'NOT_ATTENDING', 'HOME_VISIT'], ['s2', 'TREAT_AS_DROPOUT', 'RE_ENROLMENT']]);
    expect(suspected[0].knownTo).toEqual(['education', 'public_security']);
    const dropouts = rows.filter((r) => r.ledger === LedgerKind.DROPOUT);
    expect(dropouts.map((r) => [r.studentId, r.finding])).toEqual([['p', 'POOR_DROPOUT'], ['q', null], ['r', null]]);
    expect(dropouts[2].reasons[0]).toContain('未能比对');
  });
});
