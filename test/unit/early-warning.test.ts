import { compulsoryAgeBirthRange, mondayOf } from '@kongchuo/shared/domain';
import {
  AbsencePortion as P, DEFAULT_RULES, RiskLevel, assessRisk, attendanceSignal, portionsOverlap, rulesProblems,
  type AbsenceFact, type OtherDepartmentsFacts,
} from '../../subgraphs/education/src/domain/early-warning';

const away = (dates: string[], portion = P.FULL_DAY, excused = false): AbsenceFact[] => dates.map((date) => ({ date, portion, excused }));
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400e3) {
    const d = new Date(t);
    if (d.getUTCDay() % 6 !== 0) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}
const nobody: OtherDepartmentsFacts = { registeredPoor: false, leftBehind: false, disabled: false, migrant: false, parentsAway: false, welfare: 'NONE', involvedInCase: false };
const quiet = { previousDropout: false, repeatedGradeWithinYear: false, transferredInWithinYear: false };

describe('attendance signal', () => {
  it('counts unexcused days in the window, halves as halves, excused not at all', () => {
    const s = attendanceSignal([
      ...away(['2025-11-03', '2025-11-04']), ...away(['2025-11-05'], P.MORNING), ...away(['2025-11-05'], P.AFTERNOON),
      ...away(['2025-11-06'], P.MORNING), ...away(['2025-11-10', '2025-11-11'], P.FULL_DAY, true), ...away(['2025-09-01']),
    ], '2025-11-28', DEFAULT_RULES);
    expect(s.unexcusedDays).toBe(3.5); // 1 Sep is outside the 30-day window
    expect(s.overReportLine).toBe(false);
    expect(s.lastUnexcusedOn).toBe('2025-11-06');
  });

  it('ignores absences after the date read', () => {
    expect(attendanceSignal(away(['2025-12-01']), '2025-11-28', DEFAULT_RULES).unexcusedDays).toBe(0);
  });

  it('counts consecutive weeks away back from the week read, or the one before while it is in progress', () => {
    const fourWeeks = away(weekdays('2025-11-03', '2025-11-28'));
    expect(attendanceSignal(fourWeeks, '2025-11-28', DEFAULT_RULES)).toMatchObject({ consecutiveWeeks: 4, treatAsDropout: true, overReportLine: true });
    // read on the Monday after: the new week has no absence yet, so the count starts from last week
    expect(attendanceSignal(fourWeeks, '2025-12-01', DEFAULT_RULES).consecutiveWeeks).toBe(4);
    // a week of only two days away breaks the run (absentWeekMinDays 3)
    const broken = away([...weekdays('2025-11-03', '2025-11-14'), '2025-11-17', '2025-11-18', ...weekdays('2025-11-24', '2025-11-28')]);
    expect(attendanceSignal(broken, '2025-11-28', DEFAULT_RULES).consecutiveWeeks).toBe(1);
  });

  it('the winter break (weeks outside the terms) neither counts nor breaks the run', () => {
    const rules = { ...DEFAULT_RULES, terms: [{ start: '2025-09-01', end: '2026-01-30' }, { start: '2026-03-02', end: '2026-07-10' }] };
    const run = away([...weekdays('2026-01-19', '2026-01-30'), ...weekdays('2026-03-02', '2026-03-13')]);
    expect(attendanceSignal(run, '2026-03-13', rules).consecutiveWeeks).toBe(4);
  });

  it('the National Day week (no school day) neither counts nor breaks a run of five weeks away', () => {
    // 2018: 1–7 October off; 29 and 30 September were working days (调休)
    const run = away([...weekdays('2018-09-10', '2018-09-28'), '2018-09-29', '2018-09-30', ...weekdays('2018-10-08', '2018-10-19')]);
    expect(attendanceSignal(run, '2018-10-19', DEFAULT_RULES)).toMatchObject({ consecutiveWeeks: 5, treatAsDropout: true });
  });

  it('an absence on a weekend or a public holiday is no absence', () => {
    const s = attendanceSignal(away(['2018-12-08', '2018-12-09', '2018-10-02', '2018-10-03', '2018-10-04']), '2018-12-10', DEFAULT_RULES);
    expect(s).toMatchObject({ unexcusedDays: 0, lastUnexcusedOn: null, consecutiveWeeks: 0 });
  });

  it('a short week is away when every one of its school days is', () => {
    // the term ends on Tuesday 20 November: that week has two school days
    const rules = { ...DEFAULT_RULES, terms: [{ start: '2018-09-03', end: '2018-11-20' }] };
    const run = away([...weekdays('2018-11-05', '2018-11-16'), '2018-11-19', '2018-11-20']);
    expect(attendanceSignal(run, '2018-11-20', rules).consecutiveWeeks).toBe(3);
    expect(attendanceSignal(away([...weekdays('2018-11-05', '2018-11-16'), '2018-11-19']), '2018-11-20', rules).consecutiveWeeks).toBe(2);
  });

  it('thresholds come from the rules', () => {
    const s = attendanceSignal(away(['2025-11-24', '2025-11-25', '2025-11-26']), '2025-11-28', { ...DEFAULT_RULES, reportUnexcusedDays: 3, dropoutConsecutiveWeeks: 1 });
    expect(s).toMatchObject({ overReportLine: true, treatAsDropout: true });
  });
});

describe('risk assessment', () => {
  const signal = (days: number, weeks = 0) => ({ unexcusedDays: days, consecutiveWeeks: weeks, lastUnexcusedOn: null, overReportLine: days >= 5, treatAsDropout: weeks >= 4 });

  it('adds the weights of the factors present; only the strongest absence factor counts', () => {
    const r = assessRisk({ ...quiet, signal: signal(20, 4) }, nobody, DEFAULT_RULES);
    expect(r.reasons.map((x) => x.factor)).toEqual(['ABSENCE_CONSECUTIVE_WEEKS']);
    expect(r).toMatchObject({ score: 8, level: RiskLevel.HIGH });
  });

  it('other departments\' factors raise the level and say where they come from', () => {
    const r = assessRisk({ ...quiet, signal: signal(2) }, { ...nobody, leftBehind: true, parentsAway: true }, DEFAULT_RULES);
    expect(r.reasons.map((x) => `${x.factor}@${x.department}`).sort()).toEqual(['ABSENCE_SOME@education', 'LEFT_BEHIND@civil_affairs', 'PARENTS_AWAY@community']);
    expect(r).toMatchObject({ score: 4, level: RiskLevel.MEDIUM });
  });

  it('no factor: NONE; a department that could not be read is named, not guessed', () => {
    const r = assessRisk({ ...quiet, signal: signal(0) }, { ...nobody, migrant: null, registeredPoor: null }, DEFAULT_RULES);
    expect(r).toMatchObject({ score: 0, level: RiskLevel.NONE, unknown: ['civil_affairs', 'public_security'] });
  });

  it('weights and level lines are the province\'s; a zero weight drops the factor', () => {
    const rules = { ...DEFAULT_RULES, weights: { ...DEFAULT_RULES.weights, MIGRANT: 0, PREVIOUS_DROPOUT: 5 }, levels: { low: 1, medium: 5, high: 10 } };
    const r = assessRisk({ ...quiet, previousDropout: true, signal: signal(0) }, { ...nobody, migrant: true }, rules);
    expect(r.reasons.map((x) => x.factor)).toEqual(['PREVIOUS_DROPOUT']);
    expect(r.level).toBe(RiskLevel.MEDIUM);
  });
});

describe('the national priority groups', () => {
  it.each([
    ['ORPHAN', 'ORPHAN'], ['DE_FACTO_UNCARED', 'DE_FACTO_UNCARED'], ['IN_DIFFICULTY', 'IN_DIFFICULTY'],
  ] as const)('civil affairs\' recognition as %s is a factor of its own, with its weight', (welfare, factor) => {
    const r = assessRisk({ ...quiet, signal: { unexcusedDays: 0, consecutiveWeeks: 0, lastUnexcusedOn: null, overReportLine: false, treatAsDropout: false } }, { ...nobody, welfare }, DEFAULT_RULES);
    expect(r.reasons).toEqual([expect.objectContaining({ factor, department: 'civil_affairs', weight: DEFAULT_RULES.weights[factor] })]);
  });

  it('a minor involved in a case is a public-security factor; not knowing it names the department', () => {
    const none = { unexcusedDays: 0, consecutiveWeeks: 0, lastUnexcusedOn: null, overReportLine: false, treatAsDropout: false };
    expect(assessRisk({ ...quiet, signal: none }, { ...nobody, involvedInCase: true }, DEFAULT_RULES).reasons.map((x) => x.factor)).toEqual(['INVOLVED_IN_CASE']);
    expect(assessRisk({ ...quiet, signal: none }, { ...nobody, involvedInCase: null }, DEFAULT_RULES).unknown).toEqual(['public_security']);
    expect(assessRisk({ ...quiet, signal: none }, { ...nobody, welfare: null }, DEFAULT_RULES).unknown).toEqual(['civil_affairs']);
  });
});

describe('calendar rules', () => {
  it('a morning and an afternoon may share a day; anything with a full day may not', () => {
    expect(portionsOverlap(P.MORNING, P.AFTERNOON)).toBe(false);
    expect(portionsOverlap(P.MORNING, P.MORNING)).toBe(true);
    expect(portionsOverlap(P.FULL_DAY, P.AFTERNOON)).toBe(true);
  });

  it('compulsory age is the nine birth cohorts of the school year the date falls in', () => {
    expect(compulsoryAgeBirthRange('2018-12-21')).toEqual({ bornFrom: '2003-09-01', bornTo: '2012-08-31' });
    expect(compulsoryAgeBirthRange('2019-03-01')).toEqual({ bornFrom: '2003-09-01', bornTo: '2012-08-31' });
    expect(compulsoryAgeBirthRange('2019-09-01')).toEqual({ bornFrom: '2004-09-01', bornTo: '2013-08-31' });
    expect(mondayOf('2025-11-30')).toBe('2025-11-24');
    expect(mondayOf('2025-11-24')).toBe('2025-11-24');
  });

  it('refuses rules that make no sense, naming each field', () => {
    expect(rulesProblems(DEFAULT_RULES)).toEqual([]);
    const bad = rulesProblems({ ...DEFAULT_RULES, reportWindowDays: 3, levels: { low: 4, medium: 4, high: 7 }, terms: [{ start: '2026-13-01', end: '2027-01-31' }, { start: '2027-03-01', end: '2027-02-01' }] });
    expect(bad.map((p) => p.field)).toEqual(['input.reportWindowDays', 'input.levels', 'input.terms[0].start', 'input.terms[1].end']);
    expect(rulesProblems({ ...DEFAULT_RULES, terms: [{ start: '2026-09-01', end: '2027-01-20' }, { start: '2027-01-10', end: '2027-07-01' }] }).map((p) => p.field)).toEqual(['input.terms[1].start']);
  });
});
