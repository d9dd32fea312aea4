import { Arg, Ctx, Directive, Field, FieldResolver, Float, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, badRows, decodeCursor, encodeCursor, forbidden, pageSizeFor } from '@kongchuo/shared/core';
import { addDays, calendarDate, optionalText } from '@kongchuo/shared/domain';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import { provinceOf, type EducationContext } from '../context';
import { Absence, EarlyWarningPolicy, FactorWeight, Student } from '../entities';
import {
  RiskFactor, RiskLevel, absenceDetails, assessRisk, attendanceSignal, lookbackDays, rulesProblems,
  type AbsenceFact, type AttendanceSignal, type EarlyWarningRules, type EducationFacts,
} from '../domain/early-warning';
import { EnrollmentStatus, StatusChangeCode } from '../domain/enums';
import { schoolRowFilter } from '../domain/access';
import { UpdateEarlyWarningPolicyInput } from './attendance.inputs';

@ObjectType({ description: '出勤情况（预警读数）' })
export class AttendanceReading {
  @Field(() => Float, { description: '窗口内无故缺课天数（半天计 0.5）' })
  unexcusedDays: number;

  @Field(() => Int, { description: '连续缺课周数' })
  consecutiveAbsentWeeks: number;

  @Field(() => String, { nullable: true, description: '最近一次无故缺课' })
  lastUnexcusedOn: string | null;

  @Field({ description: '达到报告线（辍学倾向，须报告）' })
  overReportLine: boolean;

  @Field({ description: '达到“连续N周视为辍学”' })
  treatAsDropout: boolean;
}

@ObjectType({ description: '预警原因：哪个部门的哪条记录，计几分' })
export class RiskReasonView {
  @Field(() => RiskFactor)
  factor: RiskFactor;

  @Field({ description: '信息来源部门' })
  department: string;

  @Field(() => Int, { description: '权重（本省规则）' })
  weight: number;

  @Field({ description: '说明' })
  detail: string;
}

@ObjectType({ description: '辍学倾向预警：等级、得分与每一条原因（规则见 earlyWarningPolicy）' })
export class EarlyWarning {
  @Field({ description: '读数日期' })
  asOf: string;

  @Field(() => RiskLevel)
  level: RiskLevel;

  @Field(() => Int, { description: '各因素权重之和' })
  score: number;

  @Field(() => [RiskReasonView], { description: '为什么预警（按权重）' })
  reasons: RiskReasonView[];

  @Field(() => [String], { description: '未能读到其因素的部门（服务不可用或调用者无权查看），等级可能偏低' })
  unknownDepartments: string[];

  @Field(() => AttendanceReading)
  attendance: AttendanceReading;
}

@ObjectType({ description: '疑似辍学台账条目：在籍但未在校（缺课达到报告线或连续数周）' })
export class SuspectedDropout {
  @Field(() => Student)
  student: Student;

  @Field(() => AttendanceReading)
  attendance: AttendanceReading;

  @Field(() => [String], { description: '列入台账的原因' })
  reasons: string[];

  @Field({ description: '建议：连续缺课达到规定周数的登记辍学（28）并建档；其余家访核实' })
  suggestedAction: string;
}

@ObjectType()
export class SuspectedDropoutConnection extends ConnectionType(SuspectedDropout) {}

const rulesOf = async (ctx: EducationContext) => (await ctx.loaders.earlyWarningPolicy.load(provinceOf(ctx))).rules();

function reading(s: AttendanceSignal): AttendanceReading {
  return { unexcusedDays: s.unexcusedDays, consecutiveAbsentWeeks: s.consecutiveWeeks, lastUnexcusedOn: s.lastUnexcusedOn, overReportLine: s.overReportLine, treatAsDropout: s.treatAsDropout };
}

function ledgerReasons(s: AttendanceSignal, r: EarlyWarningRules): string[] {
  const say = absenceDetails(s, r);
  return [...(s.treatAsDropout ? [say.consecutiveWeeks] : []), ...(s.overReportLine ? [say.overReportLine] : [])];
}

async function educationFacts(s: Student, asOf: string, rules: EarlyWarningRules, ctx: EducationContext): Promise<EducationFacts> {
  const [absences, changes] = await Promise.all([
    ctx.loaders.absencesSince.load(`${addDays(asOf, -lookbackDays(rules))}|${s.id}`),
    ctx.loaders.statusChanges.load(s.id),
  ]);
  const yearAgo = addDays(asOf, -365);
  const within = (code: StatusChangeCode) => changes.some((c) => c.code === code && c.date > yearAgo && c.date <= asOf);
  return {
    signal: attendanceSignal(absences, asOf, rules),
    previousDropout: changes.some((c) => c.code === StatusChangeCode.DROPOUT && c.date <= asOf),
    repeatedGradeWithinYear: within(StatusChangeCode.REPETITION),
    transferredInWithinYear: within(StatusChangeCode.TRANSFER_IN),
  };
}

@Resolver(() => Student)
export class EarlyWarningResolver {
  @FieldResolver(() => EarlyWarning, {
    nullable: true,
    description: '辍学倾向预警（在读学生；非在读为空）：教育的出勤与学籍信号，加上民政、公安、社区的因素（经 supergraph 以调用者身份读取）',
  })
  @Directive('@requires(fields: "isMigrant involvedInCase isLeftBehind poverty { registered } disability { grade } childWelfare { category } family { parentsWorkingAway }")')
  async earlyWarning(
    @Root() s: Student,
    @Ctx() ctx: EducationContext,
    @Arg('asOf', () => String, { nullable: true, description: '读数日期，默认今天' }) asOf?: string,
  ): Promise<EarlyWarning | null> {
    if (s.status !== EnrollmentStatus.ENROLLED) return null;
    const on = asOf ? calendarDate(asOf, 'asOf') : ctx.today();
    const rules = await rulesOf(ctx);
    const facts = await educationFacts(s, on, rules, ctx);
    const known = (v: unknown) => (v === undefined ? null : v);
    const risk = assessRisk(facts, {
      migrant: known(s.isMigrant) as boolean | null,
      leftBehind: known(s.isLeftBehind) as boolean | null,
      // a child with no record in that department is simply not poor / not disabled / living with parents
      registeredPoor: s.poverty === undefined ? null : !!s.poverty?.registered,
      disabled: s.disability === undefined ? null : s.disability !== null,
      parentsAway: s.family === undefined ? null : !!s.family?.parentsWorkingAway,
      welfare: s.childWelfare === undefined ? null : (s.childWelfare?.category ?? 'NONE'),
      involvedInCase: known(s.involvedInCase) as boolean | null,
    }, rules);
    return { asOf: on, level: risk.level, score: risk.score, reasons: risk.reasons, unknownDepartments: risk.unknown, attendance: reading(facts.signal) };
  }

  @Query(() => SuspectedDropoutConnection, {
    description: '疑似辍学台账（学籍 ↔ 在校）：在读学生中无故缺课达到报告线或连续数周的，按严重程度；学校人员只看到本校',
  })
  async suspectedDropouts(
    @Ctx() ctx: EducationContext,
    @Arg('asOf', () => String, { nullable: true, description: '读数日期，默认今天' }) asOf?: string,
    @Arg('schoolCode', () => String, { nullable: true }) schoolCode?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<SuspectedDropoutConnection> {
    const on = asOf ? calendarDate(asOf, 'asOf') : ctx.today();
    const limit = pageSizeFor(ctx.identity.role, first);
    const offset = Number(decodeCursor(after) ?? 0);
    const rules = await rulesOf(ctx);
    const studentWhere = { status: EnrollmentStatus.ENROLLED, ...schoolRowFilter(ctx.identity), ...(schoolCode ? { school: schoolCode } : {}) };
    // set-wise: every unexcused absence in the look-back of every enrolled child in scope, in one query
    const rows = await ctx.em.find(
      Absence,
      { excused: false, date: { $gte: addDays(on, -lookbackDays(rules)), $lte: on }, student: studentWhere },
      { fields: ['student', 'date', 'portion', 'excused'], orderBy: { id: 'asc' } },
    );
    const byStudent = new Map<string, AbsenceFact[]>();
    for (const r of rows) byStudent.set(r.student.id, [...(byStudent.get(r.student.id) ?? []), r]);
    const flagged = [...byStudent]
      .map(([id, absences]) => ({ id, signal: attendanceSignal(absences, on, rules) }))
      .filter((x) => x.signal.overReportLine || x.signal.treatAsDropout)
      .sort((a, b) => Number(b.signal.treatAsDropout) - Number(a.signal.treatAsDropout) || b.signal.consecutiveWeeks - a.signal.consecutiveWeeks
        || b.signal.unexcusedDays - a.signal.unexcusedDays || a.id.localeCompare(b.id));
    const page = flagged.slice(offset, offset + limit);
    const students = await ctx.loaders.student.loadMany(page.map((x) => x.id));
    const nodes = page.map((x, i) => ({
      student: students[i] as Student,
      attendance: reading(x.signal),
      reasons: ledgerReasons(x.signal, rules),
      suggestedAction: x.signal.treatAsDropout ? '登记辍学（28），建立一生一案，交办劝返任务' : '班主任、网格员家访核实，报告区教育局',
    }));
    const end = offset + page.length;
    return { totalCount: flagged.length, nodes, pageInfo: { hasNextPage: end < flagged.length, endCursor: page.length ? encodeCursor(String(end)) : null } };
  }
}

@Resolver(() => EarlyWarningPolicy)
export class EarlyWarningPolicyResolver {
  @Query(() => EarlyWarningPolicy, { description: '本省辍学倾向预警规则（阈值、权重、等级线、学期）' })
  earlyWarningPolicy(@Ctx() ctx: EducationContext): Promise<EarlyWarningPolicy> {
    return ctx.loaders.earlyWarningPolicy.load(provinceOf(ctx));
  }

  @FieldResolver(() => [FactorWeight], { description: '各因素权重' })
  weights(@Root() p: EarlyWarningPolicy): FactorWeight[] {
    return Object.values(RiskFactor).map((factor) => ({ factor, weight: p.rules().weights[factor] }));
  }

  @Mutation(() => EarlyWarningPolicy, { description: '修改本省预警规则（区教育局）；修改后台账与预警立即按新规则计算' })
  async updateEarlyWarningPolicy(@Arg('input', () => UpdateEarlyWarningPolicyInput) input: UpdateEarlyWarningPolicyInput, @Ctx() ctx: EducationContext): Promise<EarlyWarningPolicy> {
    if (ctx.identity.department !== 'education' || ctx.identity.scope.kind !== 'district') {
      throw forbidden('only the district education bureau sets the early-warning rules', 'input');
    }
    const province = provinceOf(ctx);
    return writeTransaction(ctx.em, async (em) => {
      const stored = await em.findOne(EarlyWarningPolicy, { province });
      const current = stored ?? EarlyWarningPolicy.defaults(province);
      assertVersion(current.version, input.expectedVersion);
      const base = current.rules();
      const next: EarlyWarningRules = {
        reportUnexcusedDays: input.reportUnexcusedDays ?? base.reportUnexcusedDays,
        reportWindowDays: input.reportWindowDays ?? base.reportWindowDays,
        dropoutConsecutiveWeeks: input.dropoutConsecutiveWeeks ?? base.dropoutConsecutiveWeeks,
        absentWeekMinDays: input.absentWeekMinDays ?? base.absentWeekMinDays,
        terms: input.terms?.map((t) => ({ start: t.start, end: t.end })) ?? base.terms,
        weights: { ...base.weights, ...Object.fromEntries((input.weights ?? []).map((w) => [w.factor, w.weight])) },
        levels: input.levels ? { low: input.levels.low, medium: input.levels.medium, high: input.levels.high } : base.levels,
      };
      const problems = rulesProblems(next);
      // a province's values are entered with the document they come from
      const valuesChange = [input.reportUnexcusedDays, input.reportWindowDays, input.dropoutConsecutiveWeeks, input.absentWeekMinDays, input.weights, input.levels].some((v) => v != null);
      const source = optionalText(input.source, 'input.source', 300);
      const calendarSource = optionalText(input.calendarSource, 'input.calendarSource', 300);
      if (valuesChange && !source) problems.push({ field: 'input.source', message: 'input.source: name the document these values come from (文件名称及文号)' });
      if (input.terms && !calendarSource) problems.push({ field: 'input.calendarSource', message: 'input.calendarSource: name the 校历 the terms come from' });
      if (problems.length) throw badRows(problems, 'rule values');
      const values = {
        reportUnexcusedDays: next.reportUnexcusedDays, reportWindowDays: next.reportWindowDays, dropoutConsecutiveWeeks: next.dropoutConsecutiveWeeks,
        absentWeekMinDays: next.absentWeekMinDays, terms: [...next.terms], weightsByFactor: next.weights, levels: next.levels,
        ...(source ? { source } : {}), ...(calendarSource ? { calendarSource } : {}),
        updatedBy: ctx.identity.user, updatedAt: new Date(),
      };
      if (stored) return Object.assign(stored, values);
      return em.create(EarlyWarningPolicy, { province, ...values });
    }, { early_warning_policy: 'input.expectedVersion', PRIMARY: 'input.expectedVersion' });
  }
}
