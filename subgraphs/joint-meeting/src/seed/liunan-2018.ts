import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { insertInChunks } from '@kongchuo/shared/core';
import { linkageKeyOfValid } from '@kongchuo/shared/domain';
import { generateLiunan2018, type DemoWorld } from '@kongchuo/demo';
import { EvidenceKind, FollowUpKind, Meeting, PersuasionTask, Resolution, ResolutionFollowUp, ResolutionStatus, TaskAction, TaskEvent, TaskStatus, TaskType } from '../entities';

const MAY_11 = '2018-05-11';
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86400000).toISOString().slice(0, 10);

/**
 * The joint meeting's share of the demo world: the 11 May 2018 meeting (招生暨控辍保学工作联席会议)
 * and the tasks it assigned for the 75 children, with their history — a home visit for every
 * child (evidenced by the community's visit record), re-enrolment for the 59 who came back
 * (evidenced by their case file, closed as returned), police locating the families of the 12
 * migrant children still out (evidenced by the locate report) and a letter to each one's origin
 * region's education bureau (evidenced by the letter), and legal notices to the
 * guardians of the 4 local children still out, still in progress.
 */
export async function seedJointMeeting(rootEm: EntityManager, linkageSecret: string, world: DemoWorld = generateLiunan2018()) {
  const em = rootEm.fork();
  if (await em.count(Meeting)) return null;
  const meetingId = randomUUID();
  const meeting = {
    id: meetingId, date: MAY_11, title: '2018年招生暨控辍保学工作联席会议', chair: '区委常委、宣传部长、副区长',
    departmentsPresent: ['education', 'public_security', 'civil_affairs', 'community'],
    agenda: '通报5月全区辍学学生大排查情况；明确各职能部门控辍保学职责；部署辍学学生劝返工作。',
    minutes: '会议通报大排查共发现辍学学生75名，80%以上为进城务工人员随迁子女。会议要求落实政府线、教育线“双线四包”责任，一生一案，限期劝返。',
    version: 1, createdAt: new Date(`${MAY_11}T10:00:00+08:00`),
  };
  // each resolution with its lead department and deadline (督办), and what was reported on it
  const decided: { text: string; lead: string; due: string; reports: { date: string; kind: FollowUpKind; text: string }[] }[] = [
    { text: '教育局牵头，对75名辍学学生逐一落实“四包”责任人，建立一生一案，实行周报制度。', lead: 'education', due: '2018-05-31', reports: [
      { date: '2018-05-25', kind: FollowUpKind.PROGRESS, text: '已落实68名学生的四包责任人，其余7名所在学校正在核对班级。' },
      { date: '2018-05-31', kind: FollowUpKind.CARRIED_OUT, text: '75名学生四包责任人全部落实，一生一案建档完毕，周报自5月第4周起报送。' }] },
    { text: '街道、社区组织网格员会同班主任逐户家访，核实学生去向，动员复学。', lead: 'community', due: '2018-06-15', reports: [
      { date: '2018-06-14', kind: FollowUpKind.CARRIED_OUT, text: '75名学生家庭均已家访，核实去向；未见到家长的已二次上门。' }] },
    { text: '公安机关协助查找随迁家庭下落，依法查处雇用义务教育阶段学生的经营者。', lead: 'public_security', due: '2018-08-31', reports: [
      { date: '2018-07-10', kind: FollowUpKind.PROGRESS, text: '已反馈12户随迁家庭下落；查处使用童工线索3起。' },
      { date: '2018-08-20', kind: FollowUpKind.URGED, text: '请公安分局于8月底前报送其余随迁家庭的协查结果。' },
      { date: '2018-08-30', kind: FollowUpKind.CARRIED_OUT, text: '全部随迁家庭协查完毕，结果已反馈教育局。' }] },
    { text: '民政、扶贫部门对困难家庭学生落实资助，确保不因贫失学。', lead: 'civil_affairs', due: '2018-06-30', reports: [
      { date: '2018-06-28', kind: FollowUpKind.CARRIED_OUT, text: '经比对，辍学学生中无柳南区建档立卡贫困家庭学生；困难家庭学生资助已按学期发放。' }] },
    { text: '对户籍在外地的辍学学生，由教育局函告户籍地教育部门，共同做好劝返。', lead: 'education', due: '2018-06-30', reports: [
      { date: '2018-06-22', kind: FollowUpKind.CARRIED_OUT, text: '已向12名仍未返校学生的户籍地教育局发函，附学生情况。' }] },
  ];
  const resolutions = decided.map((d, i) => ({
    id: randomUUID(), meeting: meetingId as never, ordinal: i + 1, text: d.text, leadDepartment: d.lead, dueDate: d.due,
    status: ResolutionStatus.CARRIED_OUT, carriedOutOn: d.reports.at(-1)!.date, lastFollowUpOn: d.reports.at(-1)!.date, followUpCount: d.reports.length, version: 1 + d.reports.length,
  }));
  const followUps = decided.flatMap((d, i) => d.reports.map((r) => ({
    id: randomUUID(), resolution: resolutions[i].id as never, date: r.date, kind: r.kind, department: r.kind === FollowUpKind.URGED ? 'joint_meeting' : d.lead, text: r.text, recordedBy: 'demo-seed',
    recordedAt: new Date(`${r.date}T17:00:00+08:00`),
  })));

  const tasks: Partial<PersuasionTask>[] = [];
  const events: Partial<TaskEvent>[] = [];
  const add = (studentId: string, caseId: string, type: TaskType, department: string, dueDate: string, steps: { action: TaskAction; date: string; to: TaskStatus; note?: string }[], evidence?: { kind: EvidenceKind; id: string }) => {
    const id = randomUUID();
    const last = steps[steps.length - 1];
    tasks.push({
      id, studentId, caseId, meeting: meetingId as never, type, assignedDepartment: department, dueDate, status: last.to,
      evidenceKind: evidence?.kind ?? null, evidenceId: evidence?.id ?? null, completedOn: last.to === TaskStatus.DONE ? last.date : null,
      createdBy: 'joint-meeting', version: steps.length, createdAt: new Date(`${MAY_11}T12:00:00+08:00`),
    });
    let from: TaskStatus | null = null;
    for (const s of steps) {
      events.push({ task: id as never, at: new Date(`${s.date}T17:00:00+08:00`), date: s.date, user: s.action === TaskAction.ASSIGN ? 'joint-meeting' : `${department}-demo`, department: s.action === TaskAction.ASSIGN ? 'joint_meeting' : department, action: s.action, fromStatus: from, toStatus: s.to, note: s.note ?? null });
      from = s.to;
    }
  };
  const assigned = { action: TaskAction.ASSIGN, date: MAY_11, to: TaskStatus.ASSIGNED };
  const done = (start: string, end: string) => [
    assigned,
    { action: TaskAction.ACCEPT, date: start, to: TaskStatus.ACCEPTED },
    { action: TaskAction.START, date: start, to: TaskStatus.IN_PROGRESS },
    { action: TaskAction.COMPLETE, date: end, to: TaskStatus.DONE },
  ];

  for (const child of world.children) {
    const d = child.dropout;
    if (!d) continue;
    const studentId = linkageKeyOfValid(child.idNumber, linkageSecret);
    const visit = child.homeVisits[0];
    const start = visit.date < MAY_11 ? MAY_11 : visit.date;
    add(studentId, d.caseId, TaskType.HOME_VISIT, 'community', addDays(MAY_11, 14), done(MAY_11, start), { kind: EvidenceKind.HOME_VISIT, id: visit.id });
    if (d.returnedOn) {
      add(studentId, d.caseId, TaskType.RE_ENROLMENT, 'education', '2018-09-30', done(MAY_11, d.returnedOn), { kind: EvidenceKind.RE_ENROLMENT, id: d.caseId });
    } else if (child.located) {
      add(studentId, d.caseId, TaskType.LOCATE_FAMILY, 'public_security', addDays(MAY_11, 45), done(child.located.requestedOn, child.located.reportedOn), { kind: EvidenceKind.LOCATE_REPORT, id: child.located.id });
      if (d.letter) add(studentId, d.caseId, TaskType.LETTER_TO_ORIGIN, 'education', '2018-06-30', done(MAY_11, d.letter.sentOn), { kind: EvidenceKind.LETTER, id: d.letter.id });
    } else {
      add(studentId, d.caseId, TaskType.LEGAL_NOTICE, 'public_security', '2018-07-31', [
        assigned,
        { action: TaskAction.ACCEPT, date: addDays(MAY_11, 3), to: TaskStatus.ACCEPTED },
        { action: TaskAction.START, date: addDays(MAY_11, 10), to: TaskStatus.IN_PROGRESS, note: '已向监护人送达《义务教育法》告知书，监护人仍未送学' },
      ]);
    }
  }
  await em.transactional(async (tx) => {
    await tx.insert(Meeting, meeting);
    await insertInChunks(tx, Resolution, resolutions);
    await insertInChunks(tx, ResolutionFollowUp, followUps);
    await insertInChunks(tx, PersuasionTask, tasks);
    await insertInChunks(tx, TaskEvent, events);
  });
  return { meetings: 1, resolutions: resolutions.length, resolutionFollowUps: followUps.length, tasks: tasks.length, taskEvents: events.length };
}
