import { Arg, Ctx, Directive, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, sqlOf, decodeCursor, pageWithLazyCount, pageSizeFor, toPage } from '@kongchuo/shared/core';
import { calendarDate, compulsoryAgeBirthRange, findRegion } from '@kongchuo/shared/domain';
import { StudentKey } from '@kongchuo/shared/server';
import type { PublicSecurityContext } from '../context';
import { EmployerViolation, LegalNotice, LocateRequest, Person, RegisteredAreaType, ResidencePermit } from '../entities';
import { isMigrantChild } from '../domain/migrant';

@Directive('@key(fields: "id")')
@ObjectType({ description: '学生（统一视图：公安部分）' })
export class Student extends StudentKey {}

@ObjectType({ description: '户籍登记的适龄儿童（按人员关联键）' })
export class RegisteredChildConnection extends ConnectionType(Student) {}

@ObjectType({ description: '户籍' })
export class Hukou {
  @Field({ description: '户籍登记姓名' })
  name: string;

  @Field({ description: '户籍登记出生日期' })
  birthDate: string;

  @Field({ description: '户籍地行政区划代码 (GB/T 2260)' })
  regionCode: string;

  @Field(() => String, { nullable: true, description: '户籍地名称' })
  regionName: string | null;

  @Field(() => String, { nullable: true, description: '户籍地全称' })
  regionFullName: string | null;

  @Field({ description: '是否本区户籍' })
  isLocal: boolean;

  @Field(() => String, { nullable: true, description: '户号' })
  householdNumber: string;

  @Field({ description: '户籍地址' })
  registeredAddress: string;

  @Field(() => RegisteredAreaType, { nullable: true, description: '户籍地址城乡属性（统计用区划和城乡划分代码：城镇/乡村）' })
  areaType: RegisteredAreaType | null;
}

@ObjectType({ description: '监护人（同户成年人）' })
export class Guardian {
  @Field()
  name: string;

  @Field({ description: '与户主/学生关系' })
  relation: string;

  @Field(() => String, { nullable: true })
  phone: string | null;
}

const ADULT_AGE_YEARS = 18;

@Resolver(() => Student)
export class StudentResolver {
  @Query(() => RegisteredChildConnection, {
    description: '查户籍：本区户籍或持有效居住证、在该日处于义务教育年龄（满6周岁至未满16周岁，按学年计）的儿童；供四查三比对',
  })
  async registeredChildren(
    @Ctx() ctx: PublicSecurityContext,
    @Arg('asOf', () => String, { nullable: true, description: '日期，默认今天' }) asOf?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<RegisteredChildConnection> {
    const on = asOf ? calendarDate(asOf, 'asOf') : ctx.today();
    const limit = pageSizeFor(ctx.identity.role, first);
    const cursor = decodeCursor(after);
    const { bornFrom, bornTo } = compulsoryAgeBirthRange(on);
    // set-wise: households with a residence permit valid on the day, as a subquery
    const permitted = sqlOf(ctx.em).createQueryBuilder(ResidencePermit, 'rp').select('rp.household').where({ issuedOn: { $lte: on }, validUntil: { $gte: on } });
    const base = () => sqlOf(ctx.em).createQueryBuilder(Person, 'p').join('p.household', 'h')
      .where({ birthDate: { $gte: bornFrom, $lte: bornTo } })
      .andWhere({ $or: [{ 'h.regionCode': ctx.districtCode }, { 'h.number': { $in: permitted.getKnexQuery() } }] });
    const rows = await base().select(['p.id']).andWhere(cursor ? { id: { $gt: cursor } } : {}).orderBy({ id: 'asc' }).limit(limit + 1).execute<{ id: string }[]>();
    return pageWithLazyCount(() => base().getCount(), toPage(rows.map((r) => ({ id: r.id })), limit, (r) => r.id));
  }

  @FieldResolver(() => Hukou, { nullable: true, description: '户籍（公安）' })
  async hukou(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<Hukou | null> {
    const person = await ctx.loaders.person.load(s.id);
    if (!person) return null;
    const region = findRegion(person.regionCode);
    return {
      name: person.name, birthDate: person.birthDate,
      regionCode: person.regionCode, regionName: region?.name ?? null, regionFullName: region?.fullName ?? null,
      isLocal: person.regionCode === ctx.districtCode, householdNumber: person.householdNumber, registeredAddress: person.registeredAddress, areaType: person.areaType,
    };
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: '进城务工人员随迁子女（教育统计指标解释）：户籍在外省，或在本省外县（区）的乡村，在本区随父母居住就学；不以居住证为条件。户籍或城乡属性不明时为空',
  })
  async isMigrant(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<boolean | null> {
    const person = await ctx.loaders.person.load(s.id);
    if (!person) return null;
    return isMigrantChild({ regionCode: person.regionCode, areaType: person.areaType }, ctx.districtCode);
  }

  @FieldResolver(() => [Guardian], { nullable: true, description: '监护人（户籍登记的同户成年人）' })
  async guardians(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<Guardian[] | null> {
    const person = await ctx.loaders.person.load(s.id);
    if (!person) return null;
    const members = await ctx.loaders.householdMembers.load(person.householdNumber);
    const adultBorn = `${Number(ctx.today().slice(0, 4)) - ADULT_AGE_YEARS}${ctx.today().slice(4)}`;
    return members.filter((m) => m.id !== person.id && m.birthDate <= adultBorn).map((m) => ({ name: m.name, relation: m.relation, phone: m.phone }));
  }

  @FieldResolver(() => ResidencePermit, { nullable: true, description: '家庭居住证（最新）' })
  async residencePermit(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<ResidencePermit | null> {
    const person = await ctx.loaders.person.load(s.id);
    if (!person) return null;
    return (await ctx.loaders.permits.load(person.householdNumber))[0] ?? null;
  }

  @FieldResolver(() => [LocateRequest], { nullable: true, description: '协查记录' })
  locateRequests(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<LocateRequest[]> {
    return ctx.loaders.locateRequests.load(s.id);
  }

  @FieldResolver(() => [LegalNotice], { nullable: true, description: '法律告知书送达记录' })
  legalNotices(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<LegalNotice[]> {
    return ctx.loaders.legalNotices.load(s.id);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '是否涉案未成年人（仅是否，不含案情；公安登记，结案后为否）' })
  involvedInCase(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<boolean> {
    return ctx.loaders.involvedInCase.load(s.id);
  }

  @FieldResolver(() => [EmployerViolation], { nullable: true, description: '非法使用童工记录' })
  employerViolations(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<EmployerViolation[]> {
    return ctx.loaders.employerViolations.load(s.id);
  }
}
