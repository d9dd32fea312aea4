import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { insertInChunks } from '@kongchuo/shared/core';
import { linkageKeyOfValid, regionShortName } from '@kongchuo/shared/domain';
import { generateLiunan2018, type DemoWorld } from '@kongchuo/demo';
import { Absence, CaseRecord, ConsolidationTarget, DropoutCase, Letter, LetterStatus, School, SchoolInterview, Screening, StatusChange, Student } from '../entities';
import { CaseOutcome, CaseRecordKind, CaseStatus, DiscoverySource, EnrollmentStatus, Gender, SchoolType, StatusChangeCode } from '../domain/enums';
import { applyStatusChange, type StudentState } from '../domain/status-machine';
import { AbsencePortion } from '../domain/early-warning';

export interface EducationSeedReport {
  schools: number;
  students: number;
  statusChanges: number;
  dropoutCases: number;
  absences: number;
}

const SEEDER = 'demo-seed';
/**
 * Writes education's share of the demo world: schools, every child's student-status record and
 * full history, the May 2018 screening with its 75 case files, the 25 April interviews and the
 * 2018 target. Each history is replayed through the status state machine first, so the demo
 * cannot hold a history the service itself would refuse. Does nothing on a non-empty database.
 */
export async function seedEducation(rootEm: EntityManager, linkageSecret: string, world: DemoWorld = generateLiunan2018()): Promise<EducationSeedReport | null> {
  const em = rootEm.fork();
  if (await em.count(School)) return null;

  const students: Partial<Student>[] = [];
  const changes: Partial<StatusChange>[] = [];
  const cases: Partial<DropoutCase>[] = [];
  const records: Partial<CaseRecord>[] = [];
  const letters: Partial<Letter>[] = [];
  const absences: Partial<Absence>[] = [];
  const screeningId = randomUUID();
  const now = new Date();

  for (const child of world.children) {
    const id = linkageKeyOfValid(child.idNumber, linkageSecret);
    let state: StudentState = { status: null, grade: null, birthDate: child.birthDate, lastChangeOn: null };
    for (const e of child.history) {
      const t = applyStatusChange(state, { code: e.code, date: e.date, grade: e.grade }, '2018-12-31');
      if (!t.ok) throw new Error(`demo data: ${child.name}'s history refused at ${e.date} code ${e.code}: ${t.reason}`);
      changes.push({
        student: id as never, code: e.code as StatusChangeCode, date: e.date, schoolCode: e.schoolCode, grade: t.grade,
        fromStatus: state.status, toStatus: t.status, crossesDistrict: e.crossesDistrict ?? false,
        counterpart: e.counterpart ?? null, reason: e.reason ?? null, recordedBy: SEEDER, recordedAt: new Date(`${e.date}T09:00:00+08:00`),
      });
      state = { ...state, status: t.status, grade: t.grade, lastChangeOn: e.date };
    }
    if (state.status !== child.status || state.grade !== child.grade) {
      throw new Error(`demo data: ${child.name} ends ${state.status}/${state.grade}, expected ${child.status}/${child.grade}`);
    }
    students.push({
      id, studentNumber: `G${child.idNumber}`, residentId: child.idNumber, name: child.name, gender: child.gender as Gender,
      birthDate: child.birthDate, school: child.schoolCode as never, grade: child.grade, className: child.className,
      status: child.status as EnrollmentStatus, cohortYear: child.cohortYear, version: 1, createdAt: now, updatedAt: now,
    });
    for (const a of child.absences) {
      absences.push({ student: id as never, schoolCode: child.schoolCode, date: a.date, portion: a.portion as AbsencePortion, excused: a.excused, reason: a.reason, recordedBy: SEEDER, recordedAt: new Date(`${a.date}T16:00:00+08:00`) });
    }
    if (child.dropout) {
      const d = child.dropout;
      const caseId = d.caseId;
      cases.push({
        id: caseId, student: id as never, school: d.schoolCode as never, grade: d.grade, discoveredOn: d.discoveredOn,
        source: DiscoverySource.SCREENING, screening: screeningId as never, reasons: d.reasons as never, responsibilityChain: d.chain as never,
        status: d.returnedOn ? CaseStatus.CLOSED : CaseStatus.OPEN, outcome: d.returnedOn ? CaseOutcome.RETURNED : null,
        closedOn: d.returnedOn, version: 1, createdAt: new Date(`${d.discoveredOn}T09:00:00+08:00`),
      });
      const add = (date: string, kind: CaseRecordKind, summary: string) => records.push({ dropoutCase: caseId as never, date, kind, summary, recordedBy: SEEDER, recordedAt: new Date(`${date}T17:00:00+08:00`) });
      const plus = (days: number) => new Date(Date.parse(d.discoveredOn) + days * 86400000).toISOString().slice(0, 10);
      add(d.discoveredOn, CaseRecordKind.DISCOVERED, '2018年5月全区大排查发现长期未到校，登记辍学，建立一生一案');
      add(plus(5), CaseRecordKind.HOME_VISIT, '班主任、科任教师上门家访，了解辍学原因，宣传《义务教育法》');
      add(plus(12), CaseRecordKind.TALK, '校领导与学生及监护人谈心谈话，动员复学');
      if (d.returnedOn) add(d.returnedOn, CaseRecordKind.RETURNED, '劝返复学，销号');
      else if (child.migrant) add(plus(30), CaseRecordKind.NOTE, '学生已随父母离开本区，需户籍地教育部门协同');
      if (d.letter) {
        const recipient = `${regionShortName(child.hukouRegion)}教育局`;
        letters.push({
          id: d.letter.id, dropoutCase: caseId as never, originRegionCode: child.hukouRegion, recipient, sentOn: d.letter.sentOn,
          body: `${recipient}：经我区大排查，贵地户籍学生${child.name}已辍学，特此函告，请协助劝返，并及时报告当地政府扶贫部门。`,
          status: d.letter.repliedOn ? LetterStatus.REPLIED : d.letter.acknowledgedOn ? LetterStatus.ACKNOWLEDGED : LetterStatus.SENT,
          acknowledgedOn: d.letter.acknowledgedOn, repliedOn: d.letter.repliedOn, reply: d.letter.reply, recordedBy: SEEDER, version: 1, createdAt: now,
        });
        add(d.letter.sentOn, CaseRecordKind.LETTER, `发函至${recipient}`);
        if (d.letter.repliedOn) add(d.letter.repliedOn, CaseRecordKind.LETTER, `${recipient}回函：${d.letter.reply}`);
      }
    }
  }

  await em.transactional(async (tx) => {
    await insertInChunks(tx, School, world.schools.map((s) => ({ code: s.code, name: s.name, type: s.type as SchoolType, subdistrictCode: s.subdistrictCode, subdistrictName: s.subdistrictName, createdAt: now })));
    await insertInChunks(tx, Student, students);
    await insertInChunks(tx, StatusChange, changes);
    await insertInChunks(tx, Absence, absences);
    await tx.insert(Screening, { id: screeningId, ...world.screening, findings: world.screening.findings, recordedBy: SEEDER });
    await insertInChunks(tx, DropoutCase, cases);
    await insertInChunks(tx, CaseRecord, records);
    await insertInChunks(tx, Letter, letters);
    await insertInChunks(tx, SchoolInterview, world.interviews.map((i) => ({
      id: randomUUID(), school: i.schoolCode as never, date: i.date, interviewees: i.interviewees, findings: i.findings,
      responsibilityLetterSigned: true, rectificationDeadline: i.rectificationDeadline, rectifiedOn: i.rectifiedOn, version: 1, recordedBy: SEEDER,
    })));
    await tx.insert(ConsolidationTarget, world.consolidationTarget);
  });
  return { schools: world.schools.length, students: students.length, statusChanges: changes.length, dropoutCases: cases.length, absences: absences.length };
}
