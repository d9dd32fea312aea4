import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import {
  badInput, calendarDate, forbidden, requireDepartment, requiredText, writeTransaction, type Identity,
} from '@kongchuo/shared';
import type { CommunityContext } from '../context';
import { Community, HomeVisit, Subdistrict, VisitOutcome, type Resident } from '../entities';
import { Student } from './student.resolver';

@InputType({ description: '登记家访' })
export class RecordHomeVisitInput {
  @Field(() => ID, { description: '学生（人员关联键）' })
  studentId: string;

  @Field({ description: '家访日期 YYYY-MM-DD（不晚于今天）' })
  date: string;

  @Field()
  visitorName: string;

  @Field({ description: '网格员、社区干部、班主任…' })
  visitorRole: string;

  @Field(() => VisitOutcome)
  outcome: VisitOutcome;

  @Field()
  notes: string;
}

/** A community worker acts within their subdistrict or community only. */
function assertInScope(identity: Identity, resident: Resident, field: string) {
  const community = resident.household.getEntity().community.getEntity();
  const { kind, code } = identity.scope;
  const inScope = kind === 'district' || (kind === 'subdistrict' && community.subdistrict.code === code) || (kind === 'community' && community.code === code);
  if (!inScope) throw forbidden(`this child lives outside your ${kind} (${code})`, field);
}

@Resolver()
export class CommunityResolver {
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
    requireDepartment(ctx.identity, ['community'], 'record home visits');
    const date = calendarDate(input.date, 'input.date', { notAfter: ctx.today() });
    const visitorName = requiredText(input.visitorName, 'input.visitorName', 50);
    const visitorRole = requiredText(input.visitorRole, 'input.visitorRole', 20);
    const notes = requiredText(input.notes, 'input.notes', 2000);
    const resident = await ctx.loaders.resident.load(input.studentId);
    if (!resident) throw badInput('input.studentId', 'input.studentId: no resident with this key in the district');
    assertInScope(ctx.identity, resident, 'input.studentId');
    return writeTransaction(ctx.em, async (em) =>
      em.create(HomeVisit, { id: randomUUID(), studentId: input.studentId, date, visitorName, visitorRole, outcome: input.outcome, notes, recordedBy: ctx.identity.user }),
    );
  }
}

