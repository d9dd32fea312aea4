import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, afterName, badInput, conflict, decodeCursor, decodeNameCursor, nameKey, pageWithLazyCount, notFound, pageSizeFor, searchName, startsWith, toPage } from '@kongchuo/shared/core';
import { linkageKey, optionalText, parseResidentId, requiredText } from '@kongchuo/shared/domain';
import { assertVersion, writeTransaction } from '@kongchuo/shared/server';
import { provinceOf, type EducationContext } from '../context';
import { CaseRecord, DropoutCase, School, StatusChange, Student } from '../entities';
import { CaseOutcome, CaseRecordKind, CaseStatus, DiscoverySource, DropoutReason, EnrollmentStatus, Gender, StatusChangeCode as C } from '../domain/enums';
import { applyStatusChange, type Transition } from '../domain/status-machine';
import { FORBIDDEN_IN_COMPULSORY_STAGE, statusRulesFor } from '../domain/status-rules';
import { schoolYearOf } from '../domain/consolidation-rate';
import { assertCanRecordFor, studentListScope } from '../domain/access';
import { EnrollStudentInput, RecordStatusChangeInput, StudentFilter } from './student.inputs';

@ObjectType({ description: '在籍情况' })
export class Enrollment {
  @Field(() => EnrollmentStatus)
  status: EnrollmentStatus;

  @Field(() => School)
  school: School;

  @Field(() => Int)
  grade: number;

  @Field()
  className: string;

  @Field({ description: '全国学籍号' })
  studentNumber: string;
}

@ObjectType()
export class StudentConnection extends ConnectionType(Student) {}

/** The rows after a key-ordered cursor. */
const afterKey = (cursor: string | undefined): FilterQuery<Student>[] => (cursor ? [{ id: { $gt: cursor } }] : []);

const STUDENT_NUMBER = /^[GJL]\d{17}[\dX]$/;

function failed(t: Transition & { ok: false }): never {
  throw badInput(`input.${t.field}`, `input.${t.field}: ${t.reason}`);
}

@ObjectType({ description: '学籍异动规则：法律禁止的异动与本省细则（均注明出处）' })
export class StudentStatusRules {
  @Field({ description: '省级行政区划代码（两位）' })
  province: string;

  @Field({ description: '本省规则的出处' })
  source: string;

  @Field({ description: '25 开除：义务教育阶段一律禁止（义务教育法 第二十七条）' })
  expulsion: string;

  @Field({ description: '24 退学：义务教育阶段不可办理' })
  withdrawal: string;

  @Field({ description: '33 留级：本省是否允许' })
  repetitionAllowed: boolean;

  @Field({ description: '33 留级：须监护人书面申请' })
  repetitionNeedsGuardianApplication: boolean;

  @Field({ description: '33 留级：须学籍主管部门核准（登记核准文号）' })
  repetitionNeedsApproval: boolean;
}

@Resolver(() => Student)
export class StudentResolver {
  @Query(() => StudentStatusRules, { description: '本区所在省的学籍异动规则及出处（docs/rules.md）' })
  studentStatusRules(@Ctx() ctx: EducationContext): StudentStatusRules {
    const r = statusRulesFor(provinceOf(ctx));
    return {
      province: r.province, source: r.source, expulsion: FORBIDDEN_IN_COMPULSORY_STAGE.EXPULSION, withdrawal: FORBIDDEN_IN_COMPULSORY_STAGE.WITHDRAWAL,
      repetitionAllowed: r.repetition.kind !== 'FORBIDDEN',
      repetitionNeedsGuardianApplication: r.repetition.kind === 'ON_APPLICATION',
      repetitionNeedsApproval: r.repetition.kind === 'ON_APPLICATION' && r.repetition.needsApproval,
    };
  }

  @Query(() => Student, { nullable: true, description: '一名学生（人员关联键）' })
  student(@Arg('id', () => ID) id: string, @Ctx() ctx: EducationContext): Promise<Student | null> {
    studentListScope(ctx.identity);
    return ctx.loaders.student.load(id);
  }

  @Query(() => StudentConnection, { description: '学生列表（按调用者可见范围）' })
  async students(
    @Ctx() ctx: EducationContext,
    @Arg('filter', () => StudentFilter, { nullable: true }) filter?: StudentFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<StudentConnection> {
    const limit = pageSizeFor(ctx.identity.role, first);
    const where: FilterQuery<Student>[] = [studentListScope(ctx.identity)];
    if (filter?.enrollmentStatus) where.push({ status: filter.enrollmentStatus });
    if (filter?.schoolCode) where.push({ school: filter.schoolCode });
    if (filter?.grade != null) where.push({ grade: filter.grade });
    if (filter?.cohortYear != null) where.push({ cohortYear: filter.cohortYear });
    if (filter?.className != null) where.push({ className: requiredText(filter.className, 'filter.className', 20) });
    // the ID number becomes the linkage key here and goes no further (not logged, not sent on)
    if (filter?.idNumber != null) where.push({ id: linkageKey(filter.idNumber, ctx.linkageSecret, 'filter.idNumber') });
    const name = searchName(filter?.name, 'filter.name');
    if (name) where.push({ name: startsWith(name) });
    // by name: in name order (the index's), otherwise in key order
    const rows = name
      ? await ctx.em.find(Student, { $and: [...where, ...afterName(decodeNameCursor(after))] } as FilterQuery<Student>, { orderBy: { name: 'asc', id: 'asc' }, limit: limit + 1 })
      : await ctx.em.find(Student, { $and: [...where, ...afterKey(decodeCursor(after))] }, { orderBy: { id: 'asc' }, limit: limit + 1 });
    for (const s of rows) ctx.loaders.student.prime(s.id, s);
    return pageWithLazyCount(() => ctx.em.count(Student, { $and: where }), toPage(rows, limit, name ? nameKey : (s) => s.id));
  }

  @FieldResolver(() => String, { nullable: true, description: '居民身份证号码（按权限脱敏，见权限矩阵）' })
  idNumber(@Root() student: Student): string | null {
    return student.residentId;
  }

  @FieldResolver(() => Enrollment, { nullable: true, description: '在籍情况（无学籍则为空）' })
  async enrollment(@Root() student: Student, @Ctx() ctx: EducationContext): Promise<Enrollment> {
    const school = await ctx.loaders.school.load(student.school.code);
    return { status: student.status, school: school!, grade: student.grade, className: student.className, studentNumber: student.studentNumber };
  }

  @FieldResolver(() => [StatusChange], { nullable: true, description: '学籍异动历史（按时间）' })
  statusChanges(@Root() student: Student, @Ctx() ctx: EducationContext): Promise<StatusChange[]> {
    return ctx.loaders.statusChanges.load(student.id);
  }

  @FieldResolver(() => DropoutCase, { nullable: true, description: '当前（或最近的）辍学档案' })
  async dropoutCase(@Root() student: Student, @Ctx() ctx: EducationContext): Promise<DropoutCase | null> {
    const cases = await ctx.loaders.cases.load(student.id);
    return cases.find((c) => c.status === CaseStatus.OPEN) ?? cases[0] ?? null;
  }

  @FieldResolver(() => [DropoutCase], { nullable: true, description: '全部辍学档案' })
  dropoutCases(@Root() student: Student, @Ctx() ctx: EducationContext): Promise<DropoutCase[]> {
    return ctx.loaders.cases.load(student.id);
  }

  @Mutation(() => Student, { description: '新建学籍：招生 (11) 或转入 (13)' })
  async enrollStudent(@Arg('input', () => EnrollStudentInput) input: EnrollStudentInput, @Ctx() ctx: EducationContext): Promise<Student> {
    const parsed = parseResidentId(input.idNumber);
    if (!parsed.ok) throw badInput('input.idNumber', `input.idNumber: not a valid resident ID number (${parsed.reason})`);
    const { facts } = parsed;
    const name = requiredText(input.name, 'input.name', 50);
    const className = requiredText(input.className, 'input.className', 20);
    const code = input.code ?? C.ADMISSION;
    if (code !== C.ADMISSION && code !== C.TRANSFER_IN) {
      throw badInput('input.code', 'input.code: a new record starts with ADMISSION (11 招生) or TRANSFER_IN (13 转入)');
    }
    const studentNumber = input.studentNumber?.trim() || `G${facts.idNumber}`;
    if (!STUDENT_NUMBER.test(studentNumber) || (studentNumber.startsWith('G') && studentNumber !== `G${facts.idNumber}`)) {
      throw badInput('input.studentNumber', 'input.studentNumber: must be G + the ID number (or J/L + 18 characters)');
    }
    assertCanRecordFor(ctx.identity, input.schoolCode);
    const school = await ctx.em.findOne(School, { code: input.schoolCode });
    if (!school) throw badInput('input.schoolCode', `input.schoolCode: no school ${input.schoolCode}`);
    const [lo, hi] = school.gradeRange;
    if (!Number.isInteger(input.grade) || input.grade < lo || input.grade > hi) {
      throw badInput('input.grade', `input.grade: ${school.name} teaches grades ${lo}–${hi}`);
    }
    const t = applyStatusChange({ status: null, grade: null, birthDate: facts.birthDate, lastChangeOn: null }, { code, date: input.date, grade: input.grade }, ctx.today(), statusRulesFor(provinceOf(ctx)));
    if (!t.ok) failed(t);
    const id = linkageKey(facts.idNumber, ctx.linkageSecret, 'input.idNumber');
    if (await ctx.em.count(Student, { id })) throw conflict('input.idNumber', 'input.idNumber: this child already has a student-status record; record a status change instead');
    if (await ctx.em.count(Student, { studentNumber })) throw conflict('input.studentNumber', `input.studentNumber: ${studentNumber} is already in use`);

    return writeTransaction(ctx.em, async (em) => {
      const student = em.create(Student, {
        id, studentNumber, residentId: facts.idNumber, name, gender: facts.gender as Gender, birthDate: facts.birthDate,
        school, grade: t.grade, className, status: t.status, cohortYear: schoolYearOf(input.date) - t.grade + 1,
      });
      em.create(StatusChange, {
        student, code, date: input.date, schoolCode: school.code, grade: t.grade, fromStatus: null, toStatus: t.status,
        crossesDistrict: code === C.TRANSFER_IN && input.crossesDistrict, counterpart: input.counterpart ?? null, recordedBy: ctx.identity.user,
      });
      return student;
    }, { student_number: 'input.studentNumber', resident_id: 'input.idNumber', 'student.id': 'input.idNumber', PRIMARY: 'input.idNumber' });
  }

  @Mutation(() => Student, { description: '登记学籍异动（append-only）；12 复学自动以“劝返复学”销号，28 辍学自动建档' })
  async recordStatusChange(@Arg('input', () => RecordStatusChangeInput) input: RecordStatusChangeInput, @Ctx() ctx: EducationContext): Promise<Student> {
    const student = await ctx.loaders.student.load(input.studentId);
    if (!student) throw notFound('student', input.studentId);
    assertCanRecordFor(ctx.identity, student.school.code, 'input.studentId');
    assertVersion(student.version, input.expectedVersion);
    const last = await ctx.em.findOne(StatusChange, { student }, { orderBy: { date: 'desc', id: 'desc' } });
    const approvalReference = optionalText(input.approvalReference, 'input.approvalReference', 60);
    const t = applyStatusChange(
      { status: student.status, grade: student.grade, birthDate: student.birthDate, lastChangeOn: last?.date ?? null },
      { code: input.code, date: input.date, grade: input.grade, papers: { guardianApplication: input.guardianApplication, approvalReference } },
      ctx.today(),
      statusRulesFor(provinceOf(ctx)),
    );
    if (!t.ok) failed(t);
    let school = await ctx.em.findOneOrFail(School, { code: student.school.code });
    const movesSchool = input.code === C.TRANSFER_IN || input.code === C.ADMISSION;
    if (input.schoolCode && input.schoolCode !== school.code) {
      if (!movesSchool && input.code !== C.RESUMPTION) throw badInput('input.schoolCode', 'input.schoolCode: only admission, transfer in or resumption moves a child to another school');
      assertCanRecordFor(ctx.identity, input.schoolCode);
      const next = await ctx.em.findOne(School, { code: input.schoolCode });
      if (!next) throw badInput('input.schoolCode', `input.schoolCode: no school ${input.schoolCode}`);
      school = next;
    } else if (input.code === C.ADMISSION) {
      throw badInput('input.schoolCode', 'input.schoolCode: admission to junior middle school names the new school');
    }
    const [lo, hi] = school.gradeRange;
    if (t.status === EnrollmentStatus.ENROLLED && (t.grade < lo || t.grade > hi)) {
      throw badInput('input.grade', `input.grade: ${school.name} teaches grades ${lo}–${hi}`);
    }
    const className = input.className != null ? requiredText(input.className, 'input.className', 20) : student.className;
    if (input.code === C.CLASS_CHANGE && className === student.className) throw badInput('input.className', 'input.className: 32 调班 needs the new class');
    const crosses = (input.code === C.TRANSFER_IN || input.code === C.TRANSFER_OUT) && input.crossesDistrict;

    return writeTransaction(ctx.em, async (em) => {
      const fromStatus = student.status;
      em.persist(student);
      student.status = t.status;
      student.grade = t.grade;
      student.className = className;
      student.school = em.getReference(School, school.code) as never;
      em.create(StatusChange, {
        student, code: input.code, date: input.date, schoolCode: school.code, grade: t.grade, fromStatus, toStatus: t.status,
        crossesDistrict: crosses, counterpart: input.counterpart ?? null, reason: input.reason ?? null, recordedBy: ctx.identity.user,
        ...(input.code === C.REPETITION ? { guardianApplication: input.guardianApplication, approvalReference } : {}),
      });
      const open = await em.findOne(DropoutCase, { student, status: CaseStatus.OPEN });
      if (input.code === C.RESUMPTION && open) {
        // 劝返一个、销号一个: the case closes the moment the child is back.
        Object.assign(open, { status: CaseStatus.CLOSED, outcome: CaseOutcome.RETURNED, closedOn: input.date });
        em.create(CaseRecord, { dropoutCase: open, date: input.date, kind: CaseRecordKind.RETURNED, summary: `复学：${school.name} ${t.grade} 年级 ${className}`, recordedBy: ctx.identity.user });
      }
      if (input.code === C.DROPOUT && !open) {
        // 一生一案: every dropout has a case file from the day it is recorded.
        const c = em.create(DropoutCase, {
          id: randomUUID(), student, school, grade: t.grade, discoveredOn: input.date, source: DiscoverySource.SCHOOL_REPORT,
          reasons: input.dropoutReasons?.length ? input.dropoutReasons : [DropoutReason.OTHER], responsibilityChain: [],
        });
        em.create(CaseRecord, { dropoutCase: c, date: input.date, kind: CaseRecordKind.DISCOVERED, summary: input.reason ?? '学校登记辍学', recordedBy: ctx.identity.user });
      }
      return student;
    });
  }
}
