import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { insertInChunks } from '@kongchuo/shared/core';
import { linkageKeyOfValid } from '@kongchuo/shared/domain';
import { generateLiunan2018, type DemoChild, type DemoWorld } from '@kongchuo/demo';
import { EmployerViolation, Household, JuvenileCaseMark, LegalNotice, LocateReport, LocateRequest, LocateStatus, NoticeRecipient, Person, RegisteredAreaType, ResidencePermit } from '../entities';

/**
 * Public security's share of the demo world: every child's household registration with the
 * parents (and carers) in it, residence permits of migrant families, and the locate requests and
 * employer cases of the still-out children. Does nothing on a non-empty database.
 */
export async function seedPublicSecurity(rootEm: EntityManager, linkageSecret: string, world: DemoWorld = generateLiunan2018()) {
  const em = rootEm.fork();
  if (await em.count(Household)) return null;
  const now = new Date();
  const households: Partial<Household>[] = [];
  const persons: Partial<Person>[] = [];
  const permits: Partial<ResidencePermit>[] = [];
  const requests: Partial<LocateRequest>[] = [];
  const reports: Partial<LocateReport>[] = [];
  const violations: Partial<EmployerViolation>[] = [];
  const notices: Partial<LegalNotice>[] = [];
  const caseMarks: Partial<JuvenileCaseMark>[] = [];
  const register = (child: Pick<DemoChild, 'idNumber' | 'name' | 'gender' | 'birthDate' | 'household'>) => {
    const h = child.household;
    households.push({ number: h.number, regionCode: h.regionCode, areaType: h.areaType as RegisteredAreaType, registeredAddress: h.registeredAddress, headName: h.guardians[0].name, createdAt: now });
    persons.push({ id: linkageKeyOfValid(child.idNumber, linkageSecret), residentId: child.idNumber, name: child.name, gender: child.gender, birthDate: child.birthDate, household: h.number as never, relation: child.gender === 'MALE' ? '子' : '女', phone: null, version: 1, createdAt: now });
    for (const g of h.guardians) {
      persons.push({ id: linkageKeyOfValid(g.idNumber, linkageSecret), residentId: g.idNumber, name: g.name, gender: g.gender, birthDate: g.birthDate, household: h.number as never, relation: g.relation, phone: g.phone, version: 1, createdAt: now });
    }
    if (h.residencePermit) {
      permits.push({ id: randomUUID(), household: h.number as never, holderName: h.guardians[0].name, address: h.address, communityCode: h.communityCode, ...h.residencePermit });
    }
  };
  // children with no 学籍 whom the police registry knows (the cross-check finds them)
  for (const child of world.unenrolled) if (child.knownTo.includes('public_security')) register(child);
  for (const child of world.children) {
    const h = child.household;
    const studentId = linkageKeyOfValid(child.idNumber, linkageSecret);
    register(child);
    if (child.located) {
      const id = child.located.id;
      requests.push({ id, studentId, requestedOn: child.located.requestedOn, requestedBy: 'education', reason: '学生辍学后全家离开租住地，请协查下落', status: LocateStatus.REPORTED, version: 1, createdAt: now });
      reports.push({ request: id as never, date: child.located.reportedOn, regionCode: child.located.regionCode, summary: child.located.summary, officer: 'demo-seed' });
    }
    if (child.dropout && !child.dropout.returnedOn && !child.migrant) {
      // the 4 local children still out: the guardians were served a notice and still did not send them
      const servedOn = new Date(Date.parse(child.dropout.discoveredOn) + 10 * 86400000).toISOString().slice(0, 10);
      notices.push({ id: randomUUID(), studentId, recipientKind: NoticeRecipient.GUARDIAN, recipient: h.guardians[0].name, servedOn, content: '依据《义务教育法》第五条、第五十八条，告知监护人应当送适龄子女入学接受并完成义务教育。', officer: 'demo-seed', createdAt: now });
    }
    if (child.caseMark) {
      caseMarks.push({ id: randomUUID(), studentId, since: child.caseMark.since, recordedBy: 'demo-seed', createdAt: now });
    }
    if (child.employedBy) {
      violations.push({ id: randomUUID(), studentId, ...child.employedBy, recordedBy: 'demo-seed', createdAt: now });
    }
  }
  await em.transactional(async (tx) => {
    await insertInChunks(tx, Household, households);
    await insertInChunks(tx, Person, persons);
    await insertInChunks(tx, ResidencePermit, permits);
    await insertInChunks(tx, LocateRequest, requests);
    await insertInChunks(tx, LocateReport, reports);
    await insertInChunks(tx, EmployerViolation, violations);
    await insertInChunks(tx, LegalNotice, notices);
    await insertInChunks(tx, JuvenileCaseMark, caseMarks);
  });
  return { households: households.length, persons: persons.length, residencePermits: permits.length, locateRequests: requests.length, legalNotices: notices.length, employerViolations: violations.length, juvenileCaseMarks: caseMarks.length };
}
