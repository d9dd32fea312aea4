import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { StudentKey } from '@kongchuo/shared/server';
import type { CommunityContext } from '../context';
import { HomeVisit, Subdistrict } from '../entities';

@Directive('@key(fields: "id")')
@ObjectType({ description: '学生（统一视图：街道社区部分）' })
export class Student extends StudentKey {}

@ObjectType({ description: '居住社区' })
export class CommunityPlace {
  @Field({ description: '社区代码' })
  code: string;

  @Field({ description: '社区名称' })
  name: string;

  @Field(() => Subdistrict, { description: '所属街道' })
  subdistrict: Subdistrict;

  @Field({ description: '网格' })
  gridName: string;

  @Field({ description: '网格员' })
  gridWorkerName: string;

  @Field({ description: '社区居民登记的姓名' })
  residentName: string;
}

@ObjectType({ description: '家庭情况' })
export class FamilySituation {
  @Field({ description: '父母均外出务工' })
  parentsWorkingAway: boolean;

  @Field({ description: '日常照料人' })
  carer: string;

  @Field({ description: '居住地址' })
  address: string;

  @Field(() => String, { nullable: true })
  notes: string | null;
}

@Resolver(() => Student)
export class StudentResolver {
  @FieldResolver(() => CommunityPlace, { nullable: true, description: '居住社区（街道社区）' })
  async community(@Root() s: Student, @Ctx() ctx: CommunityContext): Promise<CommunityPlace | null> {
    const resident = await ctx.loaders.resident.load(s.id);
    if (!resident) return null;
    return {
      code: resident.communityCode, name: resident.communityName, subdistrict: { code: resident.subdistrictCode, name: resident.subdistrictName },
      gridName: resident.gridName, gridWorkerName: resident.gridWorkerName, residentName: resident.name,
    };
  }

  @FieldResolver(() => FamilySituation, { nullable: true, description: '家庭情况' })
  async family(@Root() s: Student, @Ctx() ctx: CommunityContext): Promise<FamilySituation | null> {
    const resident = await ctx.loaders.resident.load(s.id);
    if (!resident) return null;
    return { parentsWorkingAway: resident.parentsWorkingAway, carer: resident.carer, address: resident.address, notes: resident.notes };
  }

  @FieldResolver(() => [HomeVisit], { nullable: true, description: '家访记录' })
  async homeVisits(@Root() s: Student, @Ctx() ctx: CommunityContext): Promise<HomeVisit[] | null> {
    // staff of a subdistrict or community see the visits of their own residents only
    if (ctx.identity.scope.kind !== 'district' && !(await ctx.loaders.resident.load(s.id))) return null;
    return ctx.loaders.homeVisits.load(s.id);
  }
}
