import { afterName, badInput, ConnectionType, decodeCursor, decodeNameCursor, forbidden, nameKey, pageSizeFor, pageWithLazyCount, searchName, startsWith, toPage } from '@kongchuo/shared/core';
import { calendarDate, compulsoryAgeBirthRange, linkageKey, requiredText } from '@kongchuo/shared/domain';
import { DEPARTMENTS, type Department, type Identity } from '@kongchuo/shared/identity';
import { writeTransaction } from '@kongchuo/shared/server';
import { raw, type FilterQuery } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { CommunityContext } from '../context';
import { Community, HomeVisit, Resident, Subdistrict } from '../entities';
import { residentScope } from '../loaders';
import { RecordHomeVisitInput, type VisitParticipantInput } from './community.inputs';
import { Student } from './student.resolver';

/** A community worker acts within their subdistrict or community only. */
function assertInScope(identity: Identity, resident: Resident, field: string) {
  const community = resident.household.getEntity().community.getEntity();
  const { kind, code } = identity.scope;
  const inScope = kind === 'district' || (kind === 'subdistrict' && community.subdistrict.code === code) || (kind === 'community' && community.code === code);
  if (!inScope) throw forbidden(`this child lives outside your ${kind} (${code})`, field);
}

@ObjectType({ description: '辖区内的儿童（按调用者的街道/社区范围）' })
export class ResidentConnection extends ConnectionType(Student) {}

const CHILD_RELATIONS = ['子', '女', '孙子', '孙女'];

const MAX_PARTICIPANTS = 10;

/** The people who went along, each checked and named by its place in the list. */
function visitParticipants(list: VisitParticipantInput[]): { name: string; role: string; department: string }[] {
  if (list.length > MAX_PARTICIPANTS) throw badInput('input.participants', `input.participants: at most ${MAX_PARTICIPANTS}`);
  return list.map((p, i) => {
    const at = `input.participants[${i}]`;
    if (!DEPARTMENTS.includes(p.department as Department)) throw badInput(`${at}.department`, `${at}.department: one of ${DEPARTMENTS.join(', ')}`);
    return { name: requiredText(p.name, `${at}.name`, 50), role: requiredText(p.role, `${at}.role`, 20), department: p.department };
  });
}

@Resolver()
export class CommunityResolver {
  @Query(() => ResidentConnection, { description: '辖区内居住的儿童：街道、社区工作人员只看到本辖区（统一视图的入口）' })
  async residents(
    @Ctx() ctx: CommunityContext,
    @Arg('communityCode', () => String, { nullable: true }) communityCode?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('compulsoryAgeOn', () => String, { nullable: true, description: '只列该日处于义务教育年龄的儿童（查居住，四查三比对）' }) compulsoryAgeOn?: string,
    @Arg('name', () => String, { nullable: true, description: '姓名（居民登记），从头匹配；结果按姓名排序' }) nameArg?: string,
    @Arg('idNumber', () => String, { nullable: true, description: '18 位居民身份证号码：在本部门换算为人员关联键后查找，号码本身不离开本部门、不记录' }) idNumber?: string,
  ): Promise<ResidentConnection> {
    const limit = pageSizeFor(ctx.identity.role, first);
    const name = searchName(nameArg, 'name');
    const key = idNumber != null ? linkageKey(idNumber, ctx.linkageSecret, 'idNumber') : undefined;
    const cursor = name ? undefined : decodeCursor(after);
    const nameCursor = name ? decodeNameCursor(after) : undefined;
    const age = compulsoryAgeOn ? compulsoryAgeBirthRange(calendarDate(compulsoryAgeOn, 'compulsoryAgeOn')) : null;
    // a raw SQL fragment is used once, so each query gets its own conditions
    const where = (): FilterQuery<Resident>[] => [
      residentScope(ctx.identity),
      { relation: { $in: CHILD_RELATIONS } },
      ...(communityCode ? [{ household: { community: communityCode } }] : []),
      ...(key ? [{ id: key }] : []),
      ...(name ? [{ name: startsWith(name) }] : []),
      // the birth date is digits 7–14 of the resident ID number (GB 11643)
      ...(age ? [{ [raw((alias) => `substr(${alias}.resident_id, 7, 8)`)]: { $gte: age.bornFrom.replace(/-/g, ''), $lte: age.bornTo.replace(/-/g, '') } } as FilterQuery<Resident>] : []),
    ];
    // by name: in name order (the index's), otherwise in key order
    const rows: { id: string; name: string }[] = name
      ? await ctx.em.find(Resident, { $and: [...where(), ...afterName(nameCursor)] } as FilterQuery<Resident>, { orderBy: { name: 'asc', id: 'asc' }, limit: limit + 1, fields: ['id', 'name'] })
      : await ctx.em.find(Resident, { $and: [...where(), ...(cursor ? [{ id: { $gt: cursor } }] : [])] }, { orderBy: { id: 'asc' }, limit: limit + 1, fields: ['id', 'name'] });
    const page = toPage(rows, limit, name ? nameKey : (r) => r.id);
    return pageWithLazyCount(() => ctx.em.count(Resident, { $and: where() }), { ...page, nodes: page.nodes.map((r) => ({ id: r.id })) });
  }

  @Query(() => Student, { nullable: true, description: '一名居住在辖区内的儿童（统一视图的入口；街道、社区工作人员只查到本辖区的）' })
  async resident(@Arg('id', () => ID) id: string, @Ctx() ctx: CommunityContext): Promise<Student | null> {
    const r = await ctx.loaders.resident.load(id);
    return r ? { id: r.id } : null;
  }

  @Query(() => HomeVisit, { nullable: true, description: '一条家访记录（本辖区）' })
  async homeVisit(@Arg('id', () => ID) id: string, @Ctx() ctx: CommunityContext): Promise<HomeVisit | null> {
    const visit = await ctx.loaders.homeVisit.load(id);
    if (!visit || ctx.identity.scope.kind === 'district') return visit;
    return (await ctx.loaders.resident.load(visit.studentId)) ? visit : null;
  }

  @Query(() => [Subdistrict], { description: '街道（乡镇）' })
  subdistricts(@Ctx() ctx: CommunityContext): Promise<Subdistrict[]> {
    return ctx.em.find(Subdistrict, {}, { orderBy: { code: 'asc' } });
  }

  @Query(() => [Community], { description: '社区' })
  communities(@Ctx() ctx: CommunityContext, @Arg('subdistrictCode', () => String, { nullable: true }) subdistrictCode?: string): Promise<Community[]> {
    return ctx.em.find(Community, subdistrictCode ? { subdistrict: subdistrictCode } : {}, { orderBy: { code: 'asc' } });
  }

  @Mutation(() => HomeVisit, { description: '登记家访（街道社区）' })
  async recordHomeVisit(@Arg('input', () => RecordHomeVisitInput) input: RecordHomeVisitInput, @Ctx() ctx: CommunityContext): Promise<HomeVisit> {
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today() });
    const visitorName = requiredText(input.visitorName, 'input.visitorName', 50);
    const visitorRole = requiredText(input.visitorRole, 'input.visitorRole', 20);
    const notes = requiredText(input.notes, 'input.notes', 2000);
    const participants = visitParticipants(input.participants ?? []);
    // school staff: their pupils, as education answers — asked first, so that whether a child outside
    // the school lives in the district is not told
    if (ctx.identity.department !== 'community') await ctx.scope.assert(input.studentId, 'input.studentId');
    // looked up district-wide, so that a child outside the caller's area is FORBIDDEN, not unknown
    const resident = await ctx.em.findOne(Resident, { id: input.studentId }, { populate: ['household.community'] });
    if (!resident) throw badInput('input.studentId', 'input.studentId: no resident with this key in the district');
    // community staff: their area, from the register here
    if (ctx.identity.department === 'community') assertInScope(ctx.identity, resident, 'input.studentId');
    return writeTransaction(ctx.em, async (em) =>
      em.create(HomeVisit, {
        id: randomUUID(), studentId: input.studentId, date, visitorName, visitorRole, visitorDepartment: ctx.identity.department, participants,
        outcome: input.outcome, notes, recordedBy: ctx.identity.user,
      }),
    );
  }
}

