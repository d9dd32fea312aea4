import { badInput, conflict } from '@kongchuo/shared/core';
import { writeTransaction } from '@kongchuo/shared/server';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { EducationContext } from '../context';
import { School } from '../entities';
import { CreateSchoolInput } from './school.inputs';

@Resolver(() => School)
export class SchoolResolver {
  @Query(() => [School], { description: '本区学校' })
  schools(@Ctx() ctx: EducationContext, @Arg('subdistrictCode', () => String, { nullable: true }) subdistrictCode?: string): Promise<School[]> {
    return ctx.em.find(School, subdistrictCode ? { subdistrictCode } : {}, { orderBy: { code: 'asc' } });
  }

  @Query(() => School, { nullable: true })
  school(@Arg('code', () => ID) code: string, @Ctx() ctx: EducationContext): Promise<School | null> {
    return ctx.loaders.school.load(code);
  }

  @Mutation(() => School, { description: '新建学校（区教育局）' })
  async createSchool(@Arg('input', () => CreateSchoolInput) input: CreateSchoolInput, @Ctx() ctx: EducationContext): Promise<School> {
    if (!/^\d{10}$/.test(input.code)) throw badInput('input.code', 'input.code: 学校标识码 is 10 digits');
    const name = input.name.trim();
    if (!name || name.length > 100) throw badInput('input.name', 'input.name must be 1–100 characters');
    if (!/^\d{9}$/.test(input.subdistrictCode)) throw badInput('input.subdistrictCode', 'input.subdistrictCode: a subdistrict code is 9 digits');
    if (!input.subdistrictCode.startsWith(ctx.identity.scope.code)) {
      throw badInput('input.subdistrictCode', `input.subdistrictCode: not a subdistrict of ${ctx.identity.scope.code}`);
    }
    if (await ctx.em.count(School, { code: input.code })) throw conflict('input.code', `input.code: school ${input.code} exists`);
    if (await ctx.em.count(School, { name })) throw conflict('input.name', `input.name: a school named ${name} exists`);
    return writeTransaction(
      ctx.em,
      async (em) => em.create(School, { code: input.code, name, type: input.type, subdistrictCode: input.subdistrictCode, subdistrictName: input.subdistrictName.trim() }),
      { 'school.name': 'input.name', name: 'input.name', code: 'input.code' },
    );
  }
}
