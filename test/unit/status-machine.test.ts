import { applyStatusChange, type StudentState } from '../../subgraphs/education/src/domain/status-machine';
import { EnrollmentStatus as S, StatusChangeCode as C } from '../../subgraphs/education/src/domain/enums';

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

  it('forbids 退学 and 开除 of a compulsory-age child, allows them from 16', () => {
    const young = child(S.ENROLLED, 9, '2006-05-01');
    expect(applyStatusChange(young, { code: C.WITHDRAWAL, date: '2021-03-01' }, TODAY)).toMatchObject({ ok: false, field: 'code', reason: expect.stringContaining('compulsory-age') });
    expect(applyStatusChange(young, { code: C.EXPULSION, date: '2021-03-01' }, TODAY)).toMatchObject({ ok: false, field: 'code' });
    expect(applyStatusChange(young, { code: C.WITHDRAWAL, date: '2022-05-01' }, TODAY)).toEqual({ ok: true, status: S.DROPPED_OUT, grade: 9 });
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
