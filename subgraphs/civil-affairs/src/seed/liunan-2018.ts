import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { insertInChunks } from '@kongchuo/shared/core';
import { linkageKeyOfValid } from '@kongchuo/shared/domain';
import { generateLiunan2018, type DemoWorld } from '@kongchuo/demo';
import { AidGrant, AidProgramme, ChildWelfareCategory, ChildWelfareRecord, DisabilityCategory, DisabilityRecord, LeftBehindChild, PoorHousehold, PoorHouseholdMember, PovertyStatus } from '../entities';

/**
 * Civil affairs' share of the demo world: registered-poor households (none among Liunan's
 * dropouts; one family registered in 忻城县) with their aid grants, the left-behind registry and
 * disability records. Does nothing on a non-empty database.
 */
export async function seedCivilAffairs(rootEm: EntityManager, linkageSecret: string, world: DemoWorld = generateLiunan2018()) {
  const em = rootEm.fork();
  if (await em.count(PoorHousehold)) return null;
  const households: Partial<PoorHousehold>[] = [];
  const members: Partial<PoorHouseholdMember>[] = [];
  const aids: Partial<AidGrant>[] = [];
  const leftBehind: Partial<LeftBehindChild>[] = [];
  const welfare: Partial<ChildWelfareRecord>[] = [];
  const disabilities: Partial<DisabilityRecord>[] = [];
  const now = new Date();
  for (const child of world.children) {
    const id = linkageKeyOfValid(child.idNumber, linkageSecret);
    if (child.poorHousehold) {
      const householdId = randomUUID();
      const p = child.poorHousehold;
      households.push({ id: householdId, regionCode: p.regionCode, headName: p.headName, registeredYear: p.registeredYear, status: p.status as PovertyStatus, version: 1 });
      members.push({ id, residentId: child.idNumber, name: child.name, household: householdId as never, relation: child.gender === 'MALE' ? '子' : '女' });
      const head = child.household.guardians[0];
      members.push({ id: linkageKeyOfValid(head.idNumber, linkageSecret), residentId: head.idNumber, name: head.name, household: householdId as never, relation: '户主' });
    }
    for (const a of child.aids) {
      aids.push({ id: randomUUID(), studentId: id, programme: a.programme as AidProgramme, amountFen: a.amountYuan * 100, periodStart: a.periodStart, periodEnd: a.periodEnd, grantedOn: a.grantedOn, recordedBy: 'demo-seed', createdAt: now });
    }
    if (child.leftBehind) {
      const carer = child.household.guardians.find((g) => g.relation === child.household.carer) ?? child.household.guardians[0];
      leftBehind.push({ id, residentId: child.idNumber, name: child.name, carerName: carer.name, carerRelation: carer.relation, parentsWorkplace: child.household.parentsWorkplace, registeredOn: '2018-03-01', version: 1 });
    }
    if (child.welfare) {
      welfare.push({ id, residentId: child.idNumber, name: child.name, category: child.welfare.category as ChildWelfareCategory, recognisedOn: child.welfare.recognisedOn, basis: child.welfare.basis, version: 1 });
    }
    if (child.disability) {
      disabilities.push({ id, residentId: child.idNumber, name: child.name, category: child.disability.category as DisabilityCategory, grade: child.disability.grade, certificateNumber: `${child.idNumber}${child.disability.grade}`, recordedOn: '2017-06-01' });
    }
  }
  await em.transactional(async (tx) => {
    await insertInChunks(tx, PoorHousehold, households);
    await insertInChunks(tx, PoorHouseholdMember, members);
    await insertInChunks(tx, AidGrant, aids);
    await insertInChunks(tx, LeftBehindChild, leftBehind);
    await insertInChunks(tx, ChildWelfareRecord, welfare);
    await insertInChunks(tx, DisabilityRecord, disabilities);
  });
  return { poorHouseholds: households.length, aidGrants: aids.length, leftBehindChildren: leftBehind.length, disabilityRecords: disabilities.length, childWelfareRecords: welfare.length };
}
