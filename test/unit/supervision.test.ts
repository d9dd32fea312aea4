import { FollowUpKind as K, ResolutionStatus as S, decideFollowUp, isResolutionOverdue } from '../../subgraphs/joint-meeting/src/domain/supervision';

/** 督办: who reports on a resolution, who urges, and when it is overdue. */
describe('supervision of the joint meeting\'s resolutions (督办)', () => {
  it('the lead department reports progress and, at the end, that it was carried out', () => {
    expect(decideFollowUp(K.PROGRESS, S.SUPERVISED, 'community', 'community')).toEqual({ ok: true, status: S.SUPERVISED });
    expect(decideFollowUp(K.CARRIED_OUT, S.SUPERVISED, 'community', 'community')).toEqual({ ok: true, status: S.CARRIED_OUT });
  });

  it('another department may not report on it; only the joint meeting\'s office urges', () => {
    expect(decideFollowUp(K.PROGRESS, S.SUPERVISED, 'community', 'education')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decideFollowUp(K.URGED, S.SUPERVISED, 'community', 'community')).toMatchObject({ ok: false, code: 'FORBIDDEN', field: 'input.kind' });
    expect(decideFollowUp(K.URGED, S.SUPERVISED, 'community', 'joint_meeting')).toEqual({ ok: true, status: S.SUPERVISED });
  });

  it('a resolution carried out, or never put under supervision, takes no more follow-ups', () => {
    expect(decideFollowUp(K.PROGRESS, S.CARRIED_OUT, 'community', 'community')).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
    expect(decideFollowUp(K.URGED, S.RECORDED, null, 'joint_meeting')).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
  });

  it('is overdue past its deadline while not carried out', () => {
    expect(isResolutionOverdue(S.SUPERVISED, '2026-12-01', '2026-12-02')).toBe(true);
    expect(isResolutionOverdue(S.SUPERVISED, '2026-12-02', '2026-12-02')).toBe(false);
    expect(isResolutionOverdue(S.CARRIED_OUT, '2026-12-01', '2026-12-02')).toBe(false);
    expect(isResolutionOverdue(S.RECORDED, null, '2026-12-02')).toBe(false);
  });
});
