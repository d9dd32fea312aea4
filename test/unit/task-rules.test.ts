import { TASK_RULES, TaskStatus as S, TaskType, canDo, decideMove, isOverdue } from '../../subgraphs/joint-meeting/src/domain/tasks';

describe('persuasion task rules', () => {
  it('sends each kind of task only to a department that can do it', () => {
    expect(canDo(TaskType.HOME_VISIT, 'community')).toBe(true);
    expect(canDo(TaskType.HOME_VISIT, 'education')).toBe(true); // the school's teachers visit too (大家访, 包人)
    expect(canDo(TaskType.HOME_VISIT, 'public_security')).toBe(false);
    expect(canDo(TaskType.LOCATE_FAMILY, 'public_security')).toBe(true);
    expect(canDo(TaskType.LEGAL_NOTICE, 'public_security')).toBe(true);
    expect(canDo(TaskType.AID, 'civil_affairs')).toBe(true);
    expect(canDo(TaskType.RE_ENROLMENT, 'education')).toBe(true);
    expect(canDo(TaskType.LETTER_TO_ORIGIN, 'education')).toBe(true);
    expect(canDo(TaskType.AID, 'joint_meeting')).toBe(false);
    expect(Object.keys(TASK_RULES)).toHaveLength(6);
  });

  it('moves assigned → accepted → in progress → done for the assigned department only', () => {
    expect(decideMove('ACCEPT' as never, S.ASSIGNED, 'community', 'community')).toEqual({ ok: true, to: S.ACCEPTED });
    expect(decideMove('START' as never, S.ACCEPTED, 'community', 'community')).toEqual({ ok: true, to: S.IN_PROGRESS });
    expect(decideMove('COMPLETE' as never, S.IN_PROGRESS, 'community', 'community')).toEqual({ ok: true, to: S.DONE });
    expect(decideMove('COMPLETE' as never, S.ACCEPTED, 'community', 'community')).toEqual({ ok: true, to: S.DONE });
    expect(decideMove('ACCEPT' as never, S.ASSIGNED, 'community', 'education')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decideMove('ACCEPT' as never, S.ASSIGNED, 'community', 'joint_meeting')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses moves that do not fit the status', () => {
    expect(decideMove('COMPLETE' as never, S.ASSIGNED, 'community', 'community')).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
    expect(decideMove('ACCEPT' as never, S.DONE, 'community', 'community')).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
    expect(decideMove('REJECT' as never, S.DONE, 'community', 'community')).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
    expect(decideMove('REASSIGN' as never, S.DONE, 'community', 'joint_meeting')).toMatchObject({ ok: false, code: 'BAD_USER_INPUT' });
  });

  it('lets the assignee reject, and only the joint meeting or education reassign', () => {
    expect(decideMove('REJECT' as never, S.IN_PROGRESS, 'public_security', 'public_security')).toEqual({ ok: true, to: S.REJECTED });
    expect(decideMove('REASSIGN' as never, S.REJECTED, 'public_security', 'joint_meeting')).toEqual({ ok: true, to: S.ASSIGNED });
    expect(decideMove('REASSIGN' as never, S.REJECTED, 'public_security', 'education')).toEqual({ ok: true, to: S.ASSIGNED });
    expect(decideMove('REASSIGN' as never, S.REJECTED, 'public_security', 'public_security')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('is overdue when past its due date and not done', () => {
    expect(isOverdue('2018-07-31', S.IN_PROGRESS, '2018-08-01')).toBe(true);
    expect(isOverdue('2018-07-31', S.IN_PROGRESS, '2018-07-31')).toBe(false);
    expect(isOverdue('2018-07-31', S.DONE, '2026-01-01')).toBe(false);
  });
});
