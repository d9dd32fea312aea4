import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { StudentKey, findRegion } from '@kongchuo/shared';
import type { PublicSecurityContext } from '../context';
import { EmployerViolation, LegalNotice, LocateRequest, ResidencePermit } from '../entities';

@Directive('@key(fields: "id")')
@ObjectType({ description: '学生（统一视图：公安部分）' })
export class Student extends StudentKey {}

@ObjectType({ description: '户籍' })
export class Hukou {
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
  @FieldResolver(() => Hukou, { nullable: true, description: '户籍（公安）' })
  async hukou(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<Hukou | null> {
    const person = await ctx.loaders.person.load(s.id);
    if (!person) return null;
    const h = person.household.getEntity();
    const region = findRegion(h.regionCode);
    return {
      regionCode: h.regionCode, regionName: region?.name ?? null, regionFullName: region?.fullName ?? null,
      isLocal: h.regionCode === ctx.districtCode, householdNumber: h.number, registeredAddress: h.registeredAddress,
    };
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '随迁子女：户籍在区外、居住在区内（持居住证）' })
  async isMigrant(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<boolean | null> {
    const person = await ctx.loaders.person.load(s.id);
    if (!person) return null;
    const household = person.household.getEntity();
    if (household.regionCode === ctx.districtCode) return false;
    return (await ctx.loaders.permits.load(household.number)).length > 0;
  }

  @FieldResolver(() => [Guardian], { nullable: true, description: '监护人（户籍登记的同户成年人）' })
  async guardians(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<Guardian[] | null> {
    const person = await ctx.loaders.person.load(s.id);
    if (!person) return null;
    const members = await ctx.loaders.householdMembers.load(person.household.number);
    const adultBorn = `${Number(ctx.today().slice(0, 4)) - ADULT_AGE_YEARS}${ctx.today().slice(4)}`;
    return members.filter((m) => m.id !== person.id && m.birthDate <= adultBorn).map((m) => ({ name: m.name, relation: m.relation, phone: m.phone }));
  }

  @FieldResolver(() => ResidencePermit, { nullable: true, description: '家庭居住证（最新）' })
  async residencePermit(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<ResidencePermit | null> {
    const person = await ctx.loaders.person.load(s.id);
    if (!person) return null;
    return (await ctx.loaders.permits.load(person.household.number))[0] ?? null;
  }

  @FieldResolver(() => [LocateRequest], { nullable: true, description: '协查记录' })
  locateRequests(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<LocateRequest[]> {
    return ctx.loaders.locateRequests.load(s.id);
  }

  @FieldResolver(() => [LegalNotice], { nullable: true, description: '法律告知书送达记录' })
  legalNotices(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<LegalNotice[]> {
    return ctx.loaders.legalNotices.load(s.id);
  }

  @FieldResolver(() => [EmployerViolation], { nullable: true, description: '违法招用记录' })
  employerViolations(@Root() s: Student, @Ctx() ctx: PublicSecurityContext): Promise<EmployerViolation[]> {
    return ctx.loaders.employerViolations.load(s.id);
  }
}
