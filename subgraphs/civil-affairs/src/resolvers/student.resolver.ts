import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { regionName } from '@kongchuo/shared/domain';
import { StudentKey } from '@kongchuo/shared/server';
import type { CivilAffairsContext } from '../context';
import { AidGrant, ChildWelfareRecord, DisabilityRecord, LeftBehindChild, PovertyStatus } from '../entities';

@Directive('@key(fields: "id")')
@ObjectType({ description: '学生（统一视图：民政/扶贫部分）' })
export class Student extends StudentKey {}

@ObjectType({ description: '贫困与资助情况' })
export class Poverty {
  @Field({ description: '是否建档立卡贫困户（含防返贫监测对象）' })
  registered: boolean;

  @Field(() => PovertyStatus, { nullable: true })
  status: PovertyStatus | null;

  @Field(() => Int, { nullable: true, description: '建档年份' })
  registeredYear: number | null;

  @Field(() => String, { nullable: true, description: '建档地行政区划代码' })
  regionCode: string | null;

  @Field(() => String, { nullable: true, description: '建档地' })
  regionName: string | null;

  @Field(() => [AidGrant], { description: '资助发放记录' })
  aids: AidGrant[];
}

@Resolver(() => Student)
export class StudentResolver {
  @FieldResolver(() => Poverty, { nullable: true, description: '贫困与资助（民政/扶贫）' })
  async poverty(@Root() s: Student, @Ctx() ctx: CivilAffairsContext): Promise<Poverty> {
    const [membership, aids] = await Promise.all([ctx.loaders.membership.load(s.id), ctx.loaders.aids.load(s.id)]);
    const h = membership?.household.getEntity();
    return {
      registered: h ? h.status !== PovertyStatus.LIFTED : false,
      status: h?.status ?? null,
      registeredYear: h?.registeredYear ?? null,
      regionCode: h?.regionCode ?? null,
      regionName: h ? regionName(h.regionCode) : null,
      aids,
    };
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '是否登记为留守儿童' })
  async isLeftBehind(@Root() s: Student, @Ctx() ctx: CivilAffairsContext): Promise<boolean> {
    return (await ctx.loaders.leftBehind.load(s.id)) !== null;
  }

  @FieldResolver(() => LeftBehindChild, { nullable: true, description: '留守儿童登记' })
  leftBehind(@Root() s: Student, @Ctx() ctx: CivilAffairsContext): Promise<LeftBehindChild | null> {
    return ctx.loaders.leftBehind.load(s.id);
  }

  @FieldResolver(() => DisabilityRecord, { nullable: true, description: '残疾信息' })
  disability(@Root() s: Student, @Ctx() ctx: CivilAffairsContext): Promise<DisabilityRecord | null> {
    return ctx.loaders.disability.load(s.id);
  }

  @FieldResolver(() => ChildWelfareRecord, { nullable: true, description: '儿童福利认定（孤儿、事实无人抚养儿童、困境儿童）；未认定为空' })
  childWelfare(@Root() s: Student, @Ctx() ctx: CivilAffairsContext): Promise<ChildWelfareRecord | null> {
    return ctx.loaders.childWelfare.load(s.id);
  }
}
