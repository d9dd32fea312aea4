import { applyStatusChange, type StudentState } from '../../subgraphs/education/src/domain/status-machine';
import { EnrollmentStatus as S, StatusChangeCode as C } from '../../subgraphs/education/src/domain/enums';
import { statusRulesFor, type ProvinceStatusRules } from '../../subgraphs/education/src/domain/status-rules';

const TODAY = '2026-11-29';
const child = (status: S | null, grade: number | null, birthDate = '2010-05-01', lastChangeOn: string | null = '2020-09-01'): StudentState => ({ status, grade, birthDate, lastChangeOn });

describe('student-status state machine (学籍异动)', () => {
  it('admits a child with no record into grade 1', () => {
    expect(applyStatusChange(child(null, null, '2012-03-01', null), { code: C.ADMISSION, date: '2018-09-01', grade: 1 }, TODAY)).toEqual({ ok: true, status: S.ENROLLED, grade: 1 });
  });

  it('admits a primary graduate to junior middle school at grade 7 only', () => {
    expect(applyStatusChange(child(S.GRADUATED, 6), { code: C.ADMISSION, date: '2022-09-01', grade: 7 }, TODAY)).toEqual({ ok: true, status: S.ENROLLED, grade: 7 });
    expect(applyStatusChange(child(S.GRADUATED, 6), { code: C.ADMISSION, date: '2022-09-01', grade: 8 }, TODAY)).toMatchObject({ ok: false, field: 'grade' });
  });

  it.each([
    ['复学 of a child at school', child(S.ENROLLED, 5), C.RESUMPTION],
    ['招生 of a child already enrolled', child(S.ENROLLED, 5), C.ADMISSION],
    ['辍学 of a graduate', child(S.GRADUATED, 9), C.DROPOUT],
    ['升级 of a dropout', child(S.DROPPED_OUT, 7), C.PROMOTION],
    ['转出 of a dropout', child(S.DROPPED_OUT, 7), C.TRANSFER_OUT],
    ['死亡 twice', child(S.DECEASED, 7), C.DEATH],
    ['毕业 from grade 8', child(S.ENROLLED, 8), C.GRADUATION],
    ['升级 past grade 9', child(S.ENROLLED, 9), C.PROMOTION],
  ])('refuses %s', (_label, state, code) => {
    expect(applyStatusChange(state, { code, date: '2021-03-01', grade: 7 }, TODAY)).toMatchObject({ ok: false, field: 'code' });
  });

  it.each([
    ['a 12-year-old in grade 6', child(S.ENROLLED, 6, '2009-05-01'), '2021-09-10'],
    ['a 16-year-old in grade 8 (the age does not end the compulsory stage)', child(S.ENROLLED, 8, '2005-03-01'), '2021-09-10'],
    ['a suspended 17-year-old in grade 9', child(S.SUSPENDED, 9, '2004-03-01'), '2021-09-10'],
  ])('refuses 25 开除 (义务教育法 §27) and 24 退学 for %s, pointing to 28 辍学', (_label, state, date) => {
    expect(applyStatusChange(state, { code: C.EXPULSION, date }, TODAY)).toMatchObject({ ok: false, field: 'code', reason: expect.stringContaining('第二十七条') });
    expect(applyStatusChange(state, { code: C.WITHDRAWAL, date }, TODAY)).toMatchObject({ ok: false, field: 'code', reason: expect.stringContaining('28 辍学') });
    expect(applyStatusChange(state, { code: C.DROPOUT, date }, TODAY)).toEqual({ ok: true, status: S.DROPPED_OUT, grade: state.grade });
  });

  describe('33 留级 follows the province rule', () => {
    const pupil = child(S.ENROLLED, 4);
    const forbidden: ProvinceStatusRules = { province: '43', source: 'test', repetition: { kind: 'FORBIDDEN' } };
    const onApplication: ProvinceStatusRules = { province: '45', source: 'test', repetition: { kind: 'ON_APPLICATION', needsApproval: true } };
    const noApproval: ProvinceStatusRules = { province: '45', source: 'test', repetition: { kind: 'ON_APPLICATION', needsApproval: false } };
    const papers = (guardianApplication: boolean, approvalReference: string | null) => ({ code: C.REPETITION, date: '2021-07-01', papers: { guardianApplication, approvalReference } });

    it('is refused where the province forbids it, even with papers', () => {
      expect(applyStatusChange(pupil, papers(true, '柳南教学〔2021〕3号'), TODAY, forbidden)).toMatchObject({ ok: false, field: 'code' });
    });
    it('needs the guardian\'s written application, then the approval reference where the province asks for it', () => {
      expect(applyStatusChange(pupil, { code: C.REPETITION, date: '2021-07-01' }, TODAY, onApplication)).toMatchObject({ ok: false, field: 'guardianApplication' });
      expect(applyStatusChange(pupil, papers(true, null), TODAY, onApplication)).toMatchObject({ ok: false, field: 'approvalReference' });
      expect(applyStatusChange(pupil, papers(true, '  '), TODAY, onApplication)).toMatchObject({ ok: false, field: 'approvalReference' });
      expect(applyStatusChange(pupil, papers(true, '柳南教学〔2021〕3号'), TODAY, onApplication)).toEqual({ ok: true, status: S.ENROLLED, grade: 4 });
      expect(applyStatusChange(pupil, papers(true, null), TODAY, noApproval)).toEqual({ ok: true, status: S.ENROLLED, grade: 4 });
    });
    it('uses the baseline (application and approval) for a province whose rule is not entered, and 湖南\'s own where it is', () => {
      expect(statusRulesFor('45')).toMatchObject({ province: '45', repetition: { kind: 'ON_APPLICATION', needsApproval: true } });
      expect(statusRulesFor('43')).toMatchObject({ repetition: { kind: 'FORBIDDEN' }, source: expect.stringContaining('湖南省中小学生学籍管理实施细则') });
      expect(applyStatusChange(pupil, papers(false, null), TODAY)).toMatchObject({ ok: false, field: 'guardianApplication' });
    });
  });

  it('walks a dropout and a return: 28 辍学 then 12 复学 (possibly into a later grade)', () => {
    const out = applyStatusChange(child(S.ENROLLED, 7), { code: C.DROPOUT, date: '2021-03-01' }, TODAY);
    expect(out).toEqual({ ok: true, status: S.DROPPED_OUT, grade: 7 });
    expect(applyStatusChange(child(S.DROPPED_OUT, 7, '2010-05-01', '2021-03-01'), { code: C.RESUMPTION, date: '2021-09-01', grade: 8 }, TODAY)).toEqual({ ok: true, status: S.ENROLLED, grade: 8 });
  });

  it('promotes, suspends, transfers, graduates', () => {
    expect(applyStatusChange(child(S.ENROLLED, 3), { code: C.PROMOTION, date: '2021-09-01' }, TODAY)).toEqual({ ok: true, status: S.ENROLLED, grade: 4 });
    expect(applyStatusChange(child(S.ENROLLED, 3), { code: C.SUSPENSION, date: '2021-09-01' }, TODAY)).toEqual({ ok: true, status: S.SUSPENDED, grade: 3 });
    expect(applyStatusChange(child(S.SUSPENDED, 3), { code: C.TRANSFER_OUT, date: '2021-09-01' }, TODAY)).toEqual({ ok: true, status: S.TRANSFERRED_OUT, grade: 3 });
    expect(applyStatusChange(child(S.TRANSFERRED_OUT, 3), { code: C.TRANSFER_IN, date: '2021-09-01', grade: 3 }, TODAY)).toEqual({ ok: true, status: S.ENROLLED, grade: 3 });
    expect(applyStatusChange(child(S.ENROLLED, 9), { code: C.GRADUATION, date: '2021-07-05' }, TODAY)).toEqual({ ok: true, status: S.GRADUATED, grade: 9 });
  });

  it('keeps the history append-only in time and refuses future or pre-birth dates', () => {
    expect(applyStatusChange(child(S.ENROLLED, 3), { code: C.PROMOTION, date: '2020-08-31' }, TODAY)).toMatchObject({ ok: false, field: 'date' });
    expect(applyStatusChange(child(S.ENROLLED, 3), { code: C.PROMOTION, date: '2027-01-01' }, TODAY)).toMatchObject({ ok: false, field: 'date', reason: 'date is in the future' });
    expect(applyStatusChange(child(null, null, '2012-03-01', null), { code: C.ADMISSION, date: '2011-09-01', grade: 1 }, TODAY)).toMatchObject({ ok: false, field: 'date' });
    expect(applyStatusChange(child(S.ENROLLED, 3), { code: C.PROMOTION, date: '2021-02-30' }, TODAY)).toMatchObject({ ok: false, field: 'date' });
  });
});
