import { codeOf, gql, ok } from '../support/client';

/** The joint meeting's resolutions with a lead department and a deadline are followed up (督办) until carried out. */
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
const RECORD = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id resolutions { id ordinal status leadDepartment dueDate version } } }`;
const REPORT = `mutation($input: ReportOnResolutionInput!) { reportOnResolution(input: $input) { id status version carriedOutOn overdue followUps { kind department text } } }`;
const LEDGER = `query($status: ResolutionStatus, $lead: String) { supervisedResolutions(status: $status, leadDepartment: $lead) { id text leadDepartment dueDate overdue status meeting { title } followUps { kind department } } }`;

interface R { id: string; ordinal: number; status: string; leadDepartment: string | null; dueDate: string | null; version: number }

describe('resolution supervision (督办)', () => {
  it('the 2018 meeting\'s five resolutions were each carried out by their lead department by the deadline', async () => {
    const { supervisedResolutions } = await ok<{ supervisedResolutions: { leadDepartment: string; dueDate: string; overdue: boolean; meeting: { title: string }; followUps: { kind: string }[] }[] }>(
      LEDGER, { status: 'CARRIED_OUT' }, { as: 'joint-meeting' });
    const may = supervisedResolutions.filter((r) => r.meeting.title === '2018年招生暨控辍保学工作联席会议');
    expect(may.map((r) => r.leadDepartment).sort()).toEqual(['civil_affairs', 'community', 'education', 'education', 'public_security']);
    expect(may.every((r) => !r.overdue && r.followUps.at(-1)!.kind === 'CARRIED_OUT')).toBe(true);
  });

  it('a decision with a lead department and deadline is followed: progress, urging, carried out; others may not report on it', async () => {
    const { recordMeeting } = await ok<{ recordMeeting: { resolutions: R[] } }>(RECORD, { input: {
      date: today(), title: '督办测试会议', chair: '副区长', departmentsPresent: ['education', 'community'], agenda: '议程',
      resolutions: ['通报情况'], decisions: [{ text: '社区两周内完成辍学学生家访', leadDepartment: 'community', dueDate: inDays(14) }],
    } }, { as: 'joint-meeting' });
    const [plain, decision] = recordMeeting.resolutions;
    expect(plain).toMatchObject({ ordinal: 1, status: 'RECORDED', leadDepartment: null });
    expect(decision).toMatchObject({ ordinal: 2, status: 'SUPERVISED', leadDepartment: 'community', dueDate: inDays(14) });

    const open = (await ok<{ supervisedResolutions: { id: string; overdue: boolean }[] }>(LEDGER, { lead: 'community' }, { as: 'community' })).supervisedResolutions;
    expect(open.find((r) => r.id === decision.id)).toMatchObject({ overdue: false });

    const wrong = await gql(REPORT, { input: { resolutionId: decision.id, expectedVersion: decision.version, kind: 'PROGRESS', date: today(), text: '进展' } }, { as: 'edu-admin' });
    expect(codeOf(wrong)).toEqual({ code: 'FORBIDDEN', field: 'input.resolutionId' });
    const progress = (await ok<{ reportOnResolution: { version: number; status: string } }>(REPORT, { input: { resolutionId: decision.id, expectedVersion: decision.version, kind: 'PROGRESS', date: today(), text: '已家访 30 户' } }, { as: 'community' })).reportOnResolution;
    expect(progress.status).toBe('SUPERVISED');
    const stale = await gql(REPORT, { input: { resolutionId: decision.id, expectedVersion: decision.version, kind: 'PROGRESS', date: today(), text: '重复' } }, { as: 'community' });
    expect(codeOf(stale)).toEqual({ code: 'CONFLICT', field: 'input.expectedVersion' });
    const urged = (await ok<{ reportOnResolution: { version: number } }>(REPORT, { input: { resolutionId: decision.id, expectedVersion: progress.version, kind: 'URGED', date: today(), text: '请按期完成' } }, { as: 'joint-meeting' })).reportOnResolution;
    // a second report the same day from the same view is refused too: every report moves the version
    const twice = await gql(REPORT, { input: { resolutionId: decision.id, expectedVersion: progress.version, kind: 'URGED', date: today(), text: '再次督促' } }, { as: 'joint-meeting' });
    expect(codeOf(twice)).toEqual({ code: 'CONFLICT', field: 'input.expectedVersion' });
    const done = (await ok<{ reportOnResolution: { status: string; carriedOutOn: string; followUps: { kind: string; department: string }[] } }>(REPORT, {
      input: { resolutionId: decision.id, expectedVersion: urged.version, kind: 'CARRIED_OUT', date: today(), text: '全部家访完毕' },
    }, { as: 'community' })).reportOnResolution;
    expect(done).toMatchObject({ status: 'CARRIED_OUT', carriedOutOn: today() });
    expect(done.followUps.map((f) => `${f.kind}:${f.department}`)).toEqual(['PROGRESS:community', 'URGED:joint_meeting', 'CARRIED_OUT:community']);
    const again = await gql(REPORT, { input: { resolutionId: plain.id, expectedVersion: plain.version, kind: 'PROGRESS', date: today(), text: 'x' } }, { as: 'joint-meeting' });
    expect(codeOf(again)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.resolutionId' });
  });

  it('refuses a decision without a real lead department or with a deadline before the meeting, writing nothing', async () => {
    const bad = await gql(RECORD, { input: {
      date: today(), title: '坏', chair: '副区长', departmentsPresent: ['education', 'community'], agenda: '议程',
      decisions: [{ text: '某事', leadDepartment: 'police', dueDate: inDays(3) }],
    } }, { as: 'joint-meeting' });
    expect(codeOf(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.decisions[0].leadDepartment' });
    const early = await gql(RECORD, { input: {
      date: today(), title: '坏', chair: '副区长', departmentsPresent: ['education', 'community'], agenda: '议程',
      decisions: [{ text: '某事', leadDepartment: 'community', dueDate: '2018-01-01' }],
    } }, { as: 'joint-meeting' });
    expect(codeOf(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.decisions[0].dueDate' });
    const { meetings } = await ok<{ meetings: { title: string }[] }>('{ meetings { title } }', {}, { as: 'joint-meeting' });
    expect(meetings.filter((m) => m.title === '坏')).toEqual([]);
  });
});
