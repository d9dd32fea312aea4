import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { insertInChunks } from '@kongchuo/shared/core';
import { linkageKeyOfValid } from '@kongchuo/shared/domain';
import { generateLiunan2018, type DemoChild, type DemoWorld } from '@kongchuo/demo';
import { Community, GridArea, GridWorker, HomeVisit, Resident, ResidentHousehold, Subdistrict, VisitOutcome } from '../entities';

/**
 * The communities' share of the demo world: subdistricts, communities, grids and their workers,
 * every child's household with its family situation, and the home visits made for the 75 cases.
 * Does nothing on a non-empty database.
 */
export async function seedCommunity(rootEm: EntityManager, linkageSecret: string, world: DemoWorld = generateLiunan2018()) {
  const em = rootEm.fork();
  if (await em.count(Subdistrict)) return null;
  const workers: Partial<GridWorker>[] = [];
  const grids: Partial<GridArea>[] = [];
  for (const c of world.communities) {
    for (const g of c.grids) {
      const workerId = randomUUID();
      workers.push({ id: workerId, name: g.worker.name, phone: g.worker.phone });
      grids.push({ code: g.code, name: g.name, community: c.code as never, worker: workerId as never });
    }
  }
  const households: Partial<ResidentHousehold>[] = [];
  const residents: Partial<Resident>[] = [];
  const visits: Partial<HomeVisit>[] = [];
  const now = new Date();
  const register = (child: Pick<DemoChild, 'idNumber' | 'name' | 'gender' | 'household'>) => {
    const h = child.household;
    const householdId = randomUUID();
    households.push({ id: householdId, community: h.communityCode as never, grid: h.gridCode as never, address: h.address, parentsWorkingAway: h.parentsWorkingAway, carer: h.carer, notes: h.parentsWorkplace ? `父母在${h.parentsWorkplace}务工` : null, version: 1 });
    residents.push({ id: linkageKeyOfValid(child.idNumber, linkageSecret), residentId: child.idNumber, name: child.name, household: householdId as never, relation: child.gender === 'MALE' ? '子' : '女' });
    for (const g of h.guardians) residents.push({ id: linkageKeyOfValid(g.idNumber, linkageSecret), residentId: g.idNumber, name: g.name, household: householdId as never, relation: g.relation });
  };
  // children with no 学籍 living in a community (the cross-check finds them)
  for (const child of world.unenrolled) if (child.knownTo.includes('community')) register(child);
  for (const child of world.children) {
    const studentId = linkageKeyOfValid(child.idNumber, linkageSecret);
    register(child);
    for (const v of child.homeVisits) {
      visits.push({ id: v.id, studentId, date: v.date, visitorName: v.visitorName, visitorRole: v.visitorRole, visitorDepartment: v.visitorDepartment, participants: v.participants, outcome: v.outcome as VisitOutcome, notes: v.notes, recordedBy: 'demo-seed', version: 1, createdAt: now });
    }
  }
  await em.transactional(async (tx) => {
    await insertInChunks(tx, Subdistrict, world.subdistricts);
    await insertInChunks(tx, Community, world.communities.map((c) => ({ code: c.code, name: c.name, subdistrict: c.subdistrictCode as never })));
    await insertInChunks(tx, GridWorker, workers);
    await insertInChunks(tx, GridArea, grids);
    await insertInChunks(tx, ResidentHousehold, households);
    await insertInChunks(tx, Resident, residents);
    await insertInChunks(tx, HomeVisit, visits);
  });
  return { communities: world.communities.length, grids: grids.length, households: households.length, residents: residents.length, homeVisits: visits.length };
}
