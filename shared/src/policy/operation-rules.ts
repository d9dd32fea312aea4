/**
 * Operation rules (docs/architecture.md#policy): for every query and mutation of the supergraph, who may call it —
 * which departments, which roles, at which scope — and which children it may reach.
 *
 * Each subgraph enforces the rule of each of its root fields before the resolver runs
 * (`applyOperationRules`, applied with the field rules when the schema is built); a root field
 * without a rule fails the build, so nothing new is callable by accident. The rules go into the
 * supergraph as `@callable` on each root field and into docs/permissions.md.
 *
 * A caller is written `department[:role][@scope|scope…]`: `education` is district staff of the
 * education bureau, `education@district|school` adds school staff, `community:grid_worker@community`
 * the grid workers only. Without `@`, district scope only: a narrower scope is always named.
 */
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { forbidden } from '../core';
import { DEPARTMENTS, SCOPE_KINDS, type Department, type Identity, type ScopeKind } from '../identity';
import type { RowScope } from './row-scope';

/** What a rule says of the children an operation reaches. */
export type RowRule =
  /** no child's data: reference lists, rules, aggregates */
  | 'none'
  /** only children inside the caller's row scope; others are refused (FORBIDDEN) or left out of lists */
  | 'scope';

export interface OperationRule {
  /** `Query.field` or `Mutation.field` */
  operation: string;
  label: string;
  callers: readonly string[];
  rows: RowRule;
}

interface Caller {
  department: Department;
  role?: string;
  scopes: ScopeKind[];
}

export function parseCaller(spec: string): Caller {
  const m = /^([a-z_]+)(?::([a-z_]+))?(?:@([a-z|]+))?$/.exec(spec);
  if (!m || !DEPARTMENTS.includes(m[1] as Department)) throw new Error(`operation rules: bad caller ${spec}`);
  const scopes = (m[3] ?? 'district').split('|') as ScopeKind[];
  if (scopes.some((s) => !SCOPE_KINDS.includes(s))) throw new Error(`operation rules: bad scope in ${spec}`);
  return { department: m[1] as Department, role: m[2], scopes };
}

const ALL_SCOPES = 'district|school|subdistrict|community';
/** every department at the district, school staff and community staff: reference data with no child in it */
const EVERYONE = ['education@district|school', 'public_security', 'civil_affairs', `community@${ALL_SCOPES}`, 'joint_meeting'];
const EDUCATION_STAFF = ['education@district|school'];
const DISTRICT_EDUCATION = ['education'];
const ASSIGNERS = ['joint_meeting', 'education'];

const q = (field: string, label: string, callers: readonly string[], rows: RowRule = 'scope'): OperationRule => ({ operation: `Query.${field}`, label, callers, rows });
const m = (field: string, label: string, callers: readonly string[], rows: RowRule = 'scope'): OperationRule => ({ operation: `Mutation.${field}`, label, callers, rows });

export const OPERATION_RULES: readonly OperationRule[] = [
  // ---- education (教育局)
  q('student', '一名学生（统一视图入口）', ['education@district|school', 'public_security', 'civil_affairs', 'joint_meeting']),
  q('students', '学生列表', ['education@district|school', 'public_security', 'civil_affairs', 'joint_meeting']),
  q('dropoutCase', '一份辍学档案', [...EDUCATION_STAFF, 'public_security', 'civil_affairs', 'joint_meeting']),
  q('dropoutCases', '辍学档案（一校一册）', [...EDUCATION_STAFF, 'public_security', 'civil_affairs', 'joint_meeting']),
  q('schools', '本区学校', EVERYONE, 'none'),
  q('school', '一所学校', EVERYONE, 'none'),
  q('screenings', '大排查记录', [...EDUCATION_STAFF, 'joint_meeting'], 'none'),
  q('schoolInterviews', '约谈记录', [...EDUCATION_STAFF, 'joint_meeting'], 'none'),
  q('districtOverview', '全区概况（统计数）', EVERYONE, 'none'),
  q('dropoutFigures', '一年的辍学统计：各校、原因、逐月劝返（统计数；学校工作人员只含本校）', [...EDUCATION_STAFF, 'public_security', 'civil_affairs', 'joint_meeting'], 'none'),
  q('overviewYears', '有数据的年份', EVERYONE, 'none'),
  q('letters', '发函登记', DISTRICT_EDUCATION),
  q('letter', '一份函件', ['education@district|school', 'joint_meeting']),
  q('schoolMonthlyReport', '学校月报（统计数）', [...EDUCATION_STAFF, 'joint_meeting'], 'none'),
  q('suspectedDropouts', '疑似辍学台账（预警）', [...EDUCATION_STAFF, 'joint_meeting']),
  q('earlyWarningPolicy', '预警规则', [...EDUCATION_STAFF, 'joint_meeting'], 'none'),
  q('studentStatusRules', '学籍异动规则（依法禁止的异动、本省留级规则及出处）', EVERYONE, 'none'),
  q('studentImport', '一次学籍导入', EDUCATION_STAFF),
  q('educationAuditLog', '教育局审计日志', ['joint_meeting']),
  m('enrollStudent', '新建学籍', EDUCATION_STAFF),
  m('recordStatusChange', '登记学籍异动', EDUCATION_STAFF),
  m('openDropoutCase', '建立辍学档案', EDUCATION_STAFF),
  m('addCaseRecord', '追加劝返过程记录', EDUCATION_STAFF),
  m('assignResponsibility', '更新四包责任链', EDUCATION_STAFF),
  m('closeDropoutCase', '辍学档案销号', EDUCATION_STAFF),
  m('recordAbsences', '登记缺勤', EDUCATION_STAFF),
  // education cannot tell which subdistrict or community a child lives in: the district bureau or one school
  m('importStudents', '导入学籍（学校人员只导入本校）', EDUCATION_STAFF),
  m('createSchool', '新建学校', DISTRICT_EDUCATION, 'none'),
  m('recordScreening', '登记大排查', DISTRICT_EDUCATION, 'none'),
  m('recordSchoolInterview', '登记约谈', DISTRICT_EDUCATION, 'none'),
  m('markInterviewRectified', '登记整改完成', DISTRICT_EDUCATION, 'none'),
  m('issueLetter', '发函至户籍地', DISTRICT_EDUCATION),
  m('acknowledgeLetter', '登记对方签收', DISTRICT_EDUCATION),
  m('recordLetterReply', '登记回函', DISTRICT_EDUCATION),
  m('updateEarlyWarningPolicy', '修改预警规则', DISTRICT_EDUCATION, 'none'),
  // ---- public security (公安)
  q('registeredChildren', '户籍适龄儿童名单', ['public_security', 'education', 'joint_meeting']),
  q('locateRequests', '协查工作单', ['public_security']),
  q('locateRequest', '一条协查', ['public_security', 'education@district|school', 'joint_meeting']),
  q('legalNotice', '一份法律告知书送达记录', ['public_security', 'education@district|school', 'joint_meeting']),
  q('hukouImport', '一次户籍导入', ['public_security']),
  q('publicSecurityAuditLog', '公安审计日志', ['joint_meeting']),
  m('requestLocate', '发起协查（本范围内的儿童）', ['public_security', 'education@district|school', 'joint_meeting', `community@${ALL_SCOPES}`]),
  m('registerHousehold', '登记户', ['public_security'], 'none'),
  m('registerPerson', '登记人口', ['public_security']),
  m('issueResidencePermit', '办理居住证', ['public_security']),
  m('reportLocate', '协查反馈', ['public_security']),
  m('serveLegalNotice', '送达法律告知书', ['public_security']),
  m('recordEmployerViolation', '登记非法使用童工', ['public_security']),
  m('markJuvenileCase', '登记涉案未成年人（仅起始日期）', ['public_security']),
  m('endJuvenileCase', '涉案未成年人结案', ['public_security']),
  // district staff only: a row (a region code, a 户号) does not say which subdistrict or community it belongs to
  m('importHukou', '导入户籍', ['public_security']),
  // ---- civil affairs (民政/扶贫)
  q('aidGrant', '一条资助发放记录', ['civil_affairs', 'joint_meeting']),
  q('povertyImport', '一次贫困户导入', ['civil_affairs']),
  q('civilAffairsAuditLog', '民政审计日志', ['joint_meeting']),
  m('registerPoorHousehold', '登记建档立卡户', ['civil_affairs'], 'none'),
  m('addPoorHouseholdMember', '登记贫困户成员', ['civil_affairs']),
  m('grantAid', '登记资助发放', ['civil_affairs']),
  m('registerLeftBehindChild', '留守儿童登记', ['civil_affairs']),
  m('recordDisability', '残疾信息登记', ['civil_affairs']),
  m('recognizeChildWelfare', '儿童福利认定登记（孤儿、事实无人抚养儿童、困境儿童）', ['civil_affairs']),
  // district staff only, as for 户籍
  m('importPoverty', '导入贫困户', ['civil_affairs']),
  // ---- community (街道/社区)
  q('residents', '辖区内居住的儿童', ['education', 'public_security', 'civil_affairs', `community@${ALL_SCOPES}`, 'joint_meeting']),
  q('resident', '一名辖区内居住的儿童', ['education', 'public_security', 'civil_affairs', `community@${ALL_SCOPES}`, 'joint_meeting']),
  q('homeVisit', '一条家访记录', [`community@${ALL_SCOPES}`, 'education@district|school', 'joint_meeting']),
  q('subdistricts', '街道（乡镇）', EVERYONE, 'none'),
  q('communities', '社区', EVERYONE, 'none'),
  q('residentImport', '一次居民导入', [`community@${ALL_SCOPES}`]),
  q('communityAuditLog', '街道社区审计日志', ['joint_meeting']),
  m('recordHomeVisit', '登记家访（社区：本辖区的儿童；学校：本校学生的大家访、包人家访；可登记同行的其他部门人员）', [`community@${ALL_SCOPES}`, 'education@district|school']),
  m('importResidents', '导入居民（只导入本辖区）', [`community@${ALL_SCOPES}`]),
  // ---- joint meeting (联席会议)
  q('myTasks', '本部门的任务（本范围内的儿童）', EVERYONE),
  q('workQueue', '工作台：本部门的任务，分页（本范围内的儿童）', EVERYONE),
  q('tasks', '全区任务', ASSIGNERS),
  q('task', '一项任务', EVERYONE),
  q('weeklyReport', '劝返工作周报（统计数）', EVERYONE, 'none'),
  q('taskCounts', '各部门各状态的任务数（统计数）', ASSIGNERS, 'none'),
  q('taskRules', '任务类型的规则：承办部门与办结佐证材料', EVERYONE, 'none'),
  q('meetings', '联席会议（其任务按范围）', EVERYONE),
  q('supervisedResolutions', '决议督办台账（牵头部门、完成时限、落实情况）', EVERYONE, 'none'),
  q('meeting', '一次联席会议（其任务按范围）', EVERYONE),
  q('crossChecks', '历次四查三比对', ASSIGNERS),
  q('crossCheck', '一次比对', ASSIGNERS),
  q('ledger', '台账', ASSIGNERS),
  q('jointMeetingAuditLog', '联席会议审计日志', ['joint_meeting']),
  m('assignTask', '交办任务', ASSIGNERS),
  m('reassignTask', '重新交办任务', ASSIGNERS),
  m('acceptTask', '接收任务（承办部门，本范围内的儿童）', EVERYONE),
  m('startTask', '开始办理（承办部门）', EVERYONE),
  m('completeTask', '办结（承办部门，附本部门记录的佐证材料）', EVERYONE),
  m('rejectTask', '退回任务（承办部门）', EVERYONE),
  m('recordMeeting', '登记联席会议', ['joint_meeting'], 'none'),
  m('reportOnResolution', '决议督办：牵头部门报告进展、落实，联席会议办公室督促', ['joint_meeting', 'education', 'public_security', 'civil_affairs', 'community@district|subdistrict'], 'none'),
  m('runCrossCheck', '运行四查三比对', ASSIGNERS),
  m('actOnFinding', '处理一条发现（交办任务）', ASSIGNERS),
  m('dismissFinding', '排除一条发现', ASSIGNERS),
];

const byOperation = new Map(OPERATION_RULES.map((r) => [r.operation, { rule: r, callers: r.callers.map(parseCaller) }]));

export const operationRuleFor = (operation: string): OperationRule | undefined => byOperation.get(operation)?.rule;

/** Whether the rule lets this identity call the operation. */
export function mayCall(operation: string, identity: Identity): boolean {
  const entry = byOperation.get(operation);
  if (!entry) return false;
  return entry.callers.some((c) => c.department === identity.department && (!c.role || c.role === identity.role) && c.scopes.includes(identity.scope.kind));
}

/** Who may call, in words (for errors and the document). */
export const callersOf = (rule: OperationRule) => rule.callers.join(', ');

/** Root fields of a subgraph that are the federation machinery, not operations of ours. */
const FEDERATION_ROOTS = new Set(['_entities', '_service']);

/**
 * Enforces the operation rules on a subgraph's Query and Mutation fields: a caller the rule does
 * not name gets FORBIDDEN naming the operation, before anything is read or written. A root field
 * with no rule makes the schema fail to build.
 */
export function applyOperationRules(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root || !isObjectType(root)) continue;
    for (const field of Object.values(root.getFields())) {
      if (FEDERATION_ROOTS.has(field.name)) continue;
      const operation = `${root.name}.${field.name}`;
      const rule = operationRuleFor(operation);
      if (!rule) throw new Error(`${operation} has no operation rule: declare who may call it in shared/src/policy/operation-rules.ts`);
      const original: GraphQLFieldResolver<unknown, { identity: Identity; scope?: RowScope }> = field.resolve ?? defaultFieldResolver;
      field.resolve = async (source, args, ctx, info) => {
        if (!mayCall(operation, ctx.identity)) {
          const { department, role, scope } = ctx.identity;
          throw forbidden(`${field.name} (${rule.label}) is for ${callersOf(rule)}; you are ${department}:${role}@${scope.kind}`, field.name);
        }
        // an operation on one named child: the child must be inside the caller's scope before anything is read or written
        const child = (args as { input?: { studentId?: unknown } }).input?.studentId;
        if (rule.rows === 'scope' && typeof child === 'string' && ctx.scope && !ctx.scope.whole) await ctx.scope.assert(child, 'input.studentId');
        return original(source, args, ctx, info);
      };
    }
  }
  return schema;
}

