import { TimestampType } from '@kongchuo/shared/core';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AbsencePortion, DEFAULT_RULES, RiskFactor, RiskLevel, type EarlyWarningRules, type Term } from '../domain/early-warning';
import { DERIVED_TERMS_TO, expandMonthDayTerms } from '../domain/school-calendar';

/** Said of the starting values until the province stores its own with their source. */
export const DEFAULT_SOURCE = '本系统起始值，非本省发布的规则：请按本省文件修改并注明出处';
export const DEFAULT_CALENDAR_SOURCE = '替代校历：按春节推算（秋季学期 9月1日至春节前15天，春季学期元宵节至7月10日），法定节假日按国务院办公厅节假日安排；请录入本省校历';
import { Student } from './student';

/**
 * 缺勤记录: one absence of one child on one school day (the whole day, or a half), recorded by the
 * school. A day holds a full-day absence or at most one morning and one afternoon.
 */
@ObjectType({ description: '缺勤记录' })
@Entity({ tableName: 'absence' })
@Unique({ properties: ['student', 'date', 'portion'] })
@Index({ properties: ['date', 'excused'] })
export class Absence {
  [OptionalProps]?: 'reason' | 'recordedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @ManyToOne(() => Student, { ref: true })
  student: Ref<Student>;

  @Field({ description: '缺勤时所在学校' })
  @Property({ type: 'string', length: 10 })
  schoolCode: string;

  @Field({ description: '日期' })
  @Property({ type: 'date' })
  date: string;

  @Field(() => AbsencePortion)
  @Enum({ items: () => AbsencePortion })
  portion: AbsencePortion;

  @Field({ description: '是否请假（病假、事假）' })
  @Property({ type: 'boolean' })
  excused: boolean;

  @Field(() => String, { nullable: true, description: '原因' })
  @Property({ type: 'string', length: 200, nullable: true })
  reason: string | null = null;

  @Field()
  @Property({ type: 'string', length: 64 })
  recordedBy: string;

  @Property({ type: TimestampType, onCreate: () => new Date() })
  recordedAt: Date = new Date();
}

@ObjectType({ description: '学期（校历日期；其中的周末、法定节假日不是上课日）' })
export class TermDates implements Term {
  @Field({ description: '开学 YYYY-MM-DD' })
  start: string;

  @Field({ description: '放假前最后一天 YYYY-MM-DD' })
  end: string;
}

@ObjectType({ description: '因素权重' })
export class FactorWeight {
  @Field(() => RiskFactor)
  factor: RiskFactor;

  @Field(() => Int)
  weight: number;
}

@ObjectType({ description: '等级分数线' })
export class LevelThresholds {
  @Field(() => Int, { description: '关注' })
  low: number;

  @Field(() => Int, { description: '预警' })
  medium: number;

  @Field(() => Int, { description: '高危' })
  high: number;
}

/**
 * 辍学预警规则: the province's thresholds and weights (provinces set them; docs/architecture.md#the-problem). One row per
 * province; until one is stored, the defaults apply (version 0).
 */
@ObjectType({ description: '辍学倾向预警规则（按省）' })
@Entity({ tableName: 'early_warning_policy' })
export class EarlyWarningPolicy {
  [OptionalProps]?: 'updatedAt' | 'version' | 'source' | 'calendarSource';

  @Field({ description: '省级行政区划代码（前两位）' })
  @PrimaryKey({ type: 'string', length: 2 })
  province: string;

  @Field(() => Int, { description: '报告线：窗口内无故缺课天数' })
  @Property({ type: 'integer' })
  reportUnexcusedDays: number;

  @Field(() => Int, { description: '窗口（天）' })
  @Property({ type: 'integer' })
  reportWindowDays: number;

  @Field(() => Int, { description: '连续缺课周数视为辍学' })
  @Property({ type: 'integer' })
  dropoutConsecutiveWeeks: number;

  @Field(() => Int, { description: '一周无故缺课达几天算“缺课周”' })
  @Property({ type: 'integer' })
  absentWeekMinDays: number;

  @Field(() => [TermDates], { description: '学期（校历）' })
  @Property({ type: 'json' })
  terms: Term[];

  @Field({ description: '阈值、权重、等级线的出处' })
  @Property({ type: 'text', default: DEFAULT_SOURCE })
  source: string = DEFAULT_SOURCE;

  @Field({ description: '校历的出处' })
  @Property({ type: 'text', default: DEFAULT_CALENDAR_SOURCE })
  calendarSource: string = DEFAULT_CALENDAR_SOURCE;

  @Property({ type: 'json' })
  weightsByFactor: Record<RiskFactor, number>;

  @Field(() => LevelThresholds)
  @Property({ type: 'json' })
  levels: { low: number; medium: number; high: number };

  @Field(() => String, { nullable: true, description: '最后修改人' })
  @Property({ type: 'string', length: 64, nullable: true })
  updatedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: TimestampType, nullable: true })
  updatedAt: Date | null = null;

  @Field(() => Int, { description: '版本号（乐观锁；0 = 尚未保存，使用默认值）' })
  @Property({ version: true })
  version: number;

  rules(): EarlyWarningRules {
    return {
      reportUnexcusedDays: this.reportUnexcusedDays, reportWindowDays: this.reportWindowDays, dropoutConsecutiveWeeks: this.dropoutConsecutiveWeeks,
      absentWeekMinDays: this.absentWeekMinDays, terms: expandMonthDayTerms(this.terms, DERIVED_TERMS_TO), weights: { ...DEFAULT_RULES.weights, ...this.weightsByFactor }, levels: this.levels,
    };
  }

  static defaults(province: string): EarlyWarningPolicy {
    const p = new EarlyWarningPolicy();
    Object.assign(p, {
      province, reportUnexcusedDays: DEFAULT_RULES.reportUnexcusedDays, reportWindowDays: DEFAULT_RULES.reportWindowDays,
      dropoutConsecutiveWeeks: DEFAULT_RULES.dropoutConsecutiveWeeks, absentWeekMinDays: DEFAULT_RULES.absentWeekMinDays,
      terms: DEFAULT_RULES.terms, weightsByFactor: DEFAULT_RULES.weights, levels: DEFAULT_RULES.levels, updatedBy: null, version: 0,
    });
    return p;
  }
}

