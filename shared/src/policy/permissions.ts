/**
 * THE permission matrix (docs/architecture.md#policy): who may read which field of whose data.
 *
 * Every subgraph enforces it on its own schema (`applyPermissions`), it is carried into the
 * supergraph as the `@access` directive on each field, and `npm run permissions:doc` renders it
 * as docs/permissions.md for the joint meeting to approve. Nothing else decides field access.
 *
 * - `allow`: the value as stored;  `mask`: the value masked (`idNumber`, `phone`, `address`);
 * - `deny`: null, with a FORBIDDEN error naming the field (the rest of the answer still comes back).
 * Fields of `Student` that are not `id` are personal data: a read by a department other than the
 * field's `owner` is written to that subgraph's audit log.
 *
 * A rule may set a role apart (`'community:grid_worker'`); otherwise the department's entry applies.
 */
import { LABELS } from '../labels';
import type { Department } from '../identity';
import { maskAddress, maskIdNumber, maskPhone } from './masking';
import { ROW_SCOPES } from './row-scope';
import { OPERATION_RULES } from './operation-rules';

export type Access = 'allow' | 'mask' | 'deny';
export type MaskKind = 'idNumber' | 'phone' | 'address';

export interface FieldRule {
  /** `Type.field` as in the supergraph */
  field: string;
  /** the department whose records hold the value */
  owner: Department;
  /** what it is, in the words of the approved table */
  label: string;
  access: Record<Department, Access> & Partial<Record<`${Department}:${string}`, Access>>;
  mask?: MaskKind;
}

const ALL: Record<Department, Access> = { education: 'allow', public_security: 'allow', civil_affairs: 'allow', community: 'allow', joint_meeting: 'allow' };
const only = (allowed: Department[], otherwise: Access = 'deny'): Record<Department, Access> =>
  Object.fromEntries(Object.keys(ALL).map((d) => [d, allowed.includes(d as Department) ? 'allow' : otherwise])) as Record<Department, Access>;

export const PERMISSIONS: readonly FieldRule[] = [
  // ---- education (教育局)
  { field: 'Student.name', owner: 'education', label: '姓名', access: ALL },
  { field: 'Student.gender', owner: 'education', label: '性别', access: ALL },
  { field: 'Student.birthDate', owner: 'education', label: '出生日期', access: ALL },
  { field: 'Student.studentNumber', owner: 'education', label: '全国学籍号（含身份证号）', access: only(['education', 'public_security'], 'deny') },
  { field: 'Student.idNumber', owner: 'education', label: '居民身份证号码', access: only(['education', 'public_security'], 'mask'), mask: 'idNumber' },
  { field: 'Student.cohortYear', owner: 'education', label: '入学年份', access: ALL },
  { field: 'Student.version', owner: 'education', label: '学籍记录版本号', access: ALL },
  { field: 'Student.enrollment', owner: 'education', label: '在籍情况（学校、年级、班级）', access: ALL },
  { field: 'Student.statusChanges', owner: 'education', label: '学籍异动历史', access: only(['education', 'joint_meeting']) },
  { field: 'Student.dropoutCase', owner: 'education', label: '辍学档案（一生一案）', access: ALL },
  { field: 'Student.dropoutCases', owner: 'education', label: '全部辍学档案', access: only(['education', 'joint_meeting']) },
  { field: 'Student.absences', owner: 'education', label: '缺勤记录', access: only(['education', 'joint_meeting']) },
  { field: 'Student.earlyWarning', owner: 'education', label: '辍学倾向预警（等级与原因，含其他部门的因素）', access: only(['education', 'joint_meeting']) },
  // ---- public security (公安)
  { field: 'Student.hukou', owner: 'public_security', label: '户籍', access: ALL },
  { field: 'Hukou.name', owner: 'public_security', label: '户籍登记姓名', access: ALL },
  { field: 'Hukou.registeredAddress', owner: 'public_security', label: '户籍地址', access: only(['public_security'], 'mask'), mask: 'address' },
  { field: 'Hukou.householdNumber', owner: 'public_security', label: '户号', access: only(['public_security']) },
  { field: 'Student.isMigrant', owner: 'public_security', label: '是否随迁子女', access: ALL },
  { field: 'Student.guardians', owner: 'public_security', label: '监护人', access: ALL },
  { field: 'Guardian.phone', owner: 'public_security', label: '监护人电话', access: only(['public_security', 'education', 'community'], 'mask'), mask: 'phone' },
  { field: 'Student.residencePermit', owner: 'public_security', label: '居住证', access: only(['public_security', 'community', 'joint_meeting']) },
  { field: 'ResidencePermit.address', owner: 'public_security', label: '居住证地址', access: only(['public_security', 'community'], 'mask'), mask: 'address' },
  { field: 'Student.locateRequests', owner: 'public_security', label: '协查记录', access: only(['public_security', 'education', 'joint_meeting']) },
  { field: 'Student.legalNotices', owner: 'public_security', label: '法律告知书送达记录', access: only(['public_security', 'education', 'joint_meeting']) },
  { field: 'Student.employerViolations', owner: 'public_security', label: '非法使用童工查处记录（公安案件）', access: only(['public_security']) },
  // 未成年人保护法 第一百零三条: nothing that identifies a minor in a case is disclosed; only "involved or not", for the early warning, to the district bureau and the joint meeting
  { field: 'Student.involvedInCase', owner: 'public_security', label: '是否涉案未成年人（仅是否，不含案情）', access: { ...only(['public_security', 'education', 'joint_meeting']), 'education:school_staff': 'deny' } },
  // ---- civil affairs (民政/扶贫)
  { field: 'Student.poverty', owner: 'civil_affairs', label: '贫困与资助情况', access: ALL },
  { field: 'AidGrant.amount', owner: 'civil_affairs', label: '资助金额', access: only(['civil_affairs', 'joint_meeting']) },
  { field: 'Student.isLeftBehind', owner: 'civil_affairs', label: '是否留守儿童', access: ALL },
  { field: 'Student.leftBehind', owner: 'civil_affairs', label: '留守儿童登记（照料人、父母务工地）', access: only(['civil_affairs', 'community', 'education', 'joint_meeting']) },
  { field: 'Student.disability', owner: 'civil_affairs', label: '残疾信息', access: only(['civil_affairs', 'education', 'joint_meeting']) },
  { field: 'Student.childWelfare', owner: 'civil_affairs', label: '儿童福利认定（孤儿、事实无人抚养儿童、困境儿童）', access: only(['civil_affairs', 'education', 'community', 'joint_meeting']) },
  // ---- community (街道/社区)
  { field: 'Student.community', owner: 'community', label: '居住社区、网格', access: ALL },
  { field: 'CommunityPlace.residentName', owner: 'community', label: '社区居民登记姓名', access: ALL },
  { field: 'Student.family', owner: 'community', label: '家庭情况', access: only(['community', 'education', 'civil_affairs', 'joint_meeting']) },
  { field: 'FamilySituation.address', owner: 'community', label: '居住地址', access: only(['community', 'public_security'], 'mask'), mask: 'address' },
  { field: 'Student.homeVisits', owner: 'community', label: '家访记录', access: ALL },
  // ---- joint meeting (联席会议)
  { field: 'Student.timeline', owner: 'joint_meeting', label: '合并时间线（各部分按其来源字段的权限）', access: ALL },
  { field: 'Student.tasks', owner: 'joint_meeting', label: '劝返任务（交办、承办部门、期限、进度）', access: ALL },
  // ---- the departments' own records about a child, wherever a query reaches them (task evidence, lists, lookups by id)
  { field: 'HomeVisit.notes', owner: 'community', label: '家访情况记录', access: only(['community', 'education', 'joint_meeting']) },
  { field: 'LocateRequest.reports', owner: 'public_security', label: '协查反馈（公安查找结果）', access: only(['public_security', 'education', 'joint_meeting']) },
  { field: 'LegalNotice.recipient', owner: 'public_security', label: '法律告知书送达对象（监护人或用人单位）', access: only(['public_security', 'education', 'joint_meeting']) },
  { field: 'LegalNotice.content', owner: 'public_security', label: '法律告知书内容', access: only(['public_security', 'education', 'joint_meeting']) },
  { field: 'Letter.recipient', owner: 'education', label: '函件收件单位', access: only(['education', 'joint_meeting']) },
  { field: 'Letter.body', owner: 'education', label: '函件正文（含学生情况）', access: only(['education', 'joint_meeting']) },
  { field: 'Letter.reply', owner: 'education', label: '回函内容', access: only(['education', 'joint_meeting']) },
  // a record's attestation (signed by its department, naming the child's key): only the department that vouches reads it, to hand it to the joint meeting with the task it evidences
  { field: 'HomeVisit.attestation', owner: 'community', label: '家访记录的签名证明（办结佐证材料；社区和登记家访的学校读取）', access: only(['community', 'education']) },
  { field: 'LocateRequest.attestation', owner: 'public_security', label: '协查记录的签名证明（办结佐证材料）', access: only(['public_security']) },
  { field: 'LegalNotice.attestation', owner: 'public_security', label: '法律告知书的签名证明（办结佐证材料）', access: only(['public_security']) },
  { field: 'AidGrant.attestation', owner: 'civil_affairs', label: '资助发放的签名证明（办结佐证材料）', access: only(['civil_affairs']) },
  { field: 'DropoutCase.attestation', owner: 'education', label: '辍学档案的签名证明（复学佐证材料）', access: only(['education']) },
  { field: 'Letter.attestation', owner: 'education', label: '函件的签名证明（办结佐证材料）', access: only(['education']) },
];

/**
 * Records that name one child, in the subgraph that keeps them: where the child's linkage key is
 * on the record as that subgraph resolves it. Every field that returns one of these is held to the
 * caller's row scope, whichever query reached it, and a read of a field rule's value on one by
 * another department is audited against that child.
 */
export const CHILD_RECORDS: Readonly<Record<string, { owner: Department; childKey: string; label: string }>> = {
  Student: { owner: 'education', childKey: 'id', label: '学生' },
  PersuasionTask: { owner: 'joint_meeting', childKey: 'studentId', label: '劝返任务' },
  LedgerEntry: { owner: 'joint_meeting', childKey: 'studentId', label: '台账条目（比对发现）' },
  HomeVisit: { owner: 'community', childKey: 'studentId', label: '家访记录' },
  LocateRequest: { owner: 'public_security', childKey: 'studentId', label: '协查' },
  LegalNotice: { owner: 'public_security', childKey: 'studentId', label: '法律告知书' },
  EmployerViolation: { owner: 'public_security', childKey: 'studentId', label: '非法使用童工查处记录' },
  AidGrant: { owner: 'civil_affairs', childKey: 'studentId', label: '资助发放' },
  DropoutCase: { owner: 'education', childKey: 'student.id', label: '辍学档案' },
  Letter: { owner: 'education', childKey: 'dropoutCase.student.id', label: '函件' },
  SuspectedDropout: { owner: 'education', childKey: 'student.id', label: '疑似辍学台账条目' },
};

/**
 * The child a record names, read along its `childKey` (MikroORM references are unwrapped on the
 * way); `undefined` when the record as resolved does not carry it, which a row scope treats as
 * outside.
 */
export function childOf(typeName: string, source: unknown): string | undefined {
  const spec = CHILD_RECORDS[typeName];
  if (!spec) return undefined;
  let value: unknown = source;
  for (const step of spec.childKey.split('.')) {
    if (value == null || typeof value !== 'object') return undefined;
    const v = value as Record<string, unknown> & { unwrap?: () => unknown };
    // a MikroORM Ref: its primary key is on it; other properties are on the entity it wraps
    value = step in v ? v[step] : typeof v.unwrap === 'function' ? (v.unwrap() as Record<string, unknown>)[step] : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}

const byField = new Map(PERMISSIONS.map((r) => [r.field, r]));

export const ruleFor = (typeField: string): FieldRule | undefined => byField.get(typeField);

/** The access a department (and role) has to a field. */
export function accessFor(rule: FieldRule, department: Department, role: string): Access {
  return rule.access[`${department}:${role}` as const] ?? rule.access[department];
}

const MASKS: Record<MaskKind, (v: string) => string> = { idNumber: maskIdNumber, phone: maskPhone, address: maskAddress };

export function applyMask(kind: MaskKind, value: unknown): unknown {
  return typeof value === 'string' ? MASKS[kind](value) : value;
}


const DEPARTMENT_LABELS = Object.fromEntries(Object.entries(LABELS.Department).map(([d, [zh]]) => [d, zh])) as Record<Department, string>;
const ACCESS_LABELS: Record<Access, string> = { allow: '✅ 可见', mask: '🔒 脱敏', deny: '⛔ 不可见' };
const MASK_LABELS: Record<MaskKind, string> = { idNumber: '身份证号：保留前 6 位与后 4 位', phone: '电话：仅后 4 位', address: '地址：仅到社区/村' };

/** docs/permissions.md, rendered from the matrix above (`npm run permissions:doc`). */
export function renderPermissionsDoc(): string {
  const departments = Object.keys(DEPARTMENT_LABELS) as Department[];
  const lines = [
    '# 数据访问权限矩阵 (permission matrix)',
    '',
    '<!-- Generated by `npm run permissions:doc` from shared/src/policy/permissions.ts; a test fails when it is stale. Do not edit by hand. -->',
    '',
    '各部门只能看到其工作所需的字段。规则在数据所在的服务中执行（网关不做过滤），并以 `@access` 指令写入 supergraph。',
    '其他部门读取某儿童的个人信息时，数据所在服务写入防篡改（哈希链）审计日志。',
    '',
    '## 字段级权限',
    '',
    `| 字段 | 内容 | 数据所有部门 | ${departments.map((d) => DEPARTMENT_LABELS[d]).join(' | ')} | 脱敏方式 |`,
    `|---|---|---|${departments.map(() => '---').join('|')}|---|`,
    ...PERMISSIONS.map((r) => {
      const overrides = Object.entries(r.access).filter(([k]) => k.includes(':')).map(([k, v]) => `${k} ${ACCESS_LABELS[v as Access]}`);
      const cells = departments.map((d) => ACCESS_LABELS[r.access[d]]);
      return `| \`${r.field}\` | ${r.label} | ${DEPARTMENT_LABELS[r.owner]} | ${cells.join(' | ')} | ${r.mask ? MASK_LABELS[r.mask] : ''}${overrides.length ? ` 角色例外：${overrides.join('，')}` : ''} |`;
    }),
    '',
    '未列出的字段（如各部门自己的工作记录、统计数）对有权调用该查询的部门可见。',
    '“⛔ 不可见”的字段返回 null，并附 `FORBIDDEN` 错误指明字段；同一查询中的其他字段照常返回。',
    '',
    '## 行级范围',
    '',
    '每个范围是关于儿童的一条规则，由掌握该事实的部门判定（学校：教育局学籍；街道、社区：居民登记）；各部门在自己的数据上执行，',
    '不依赖网关过滤：不掌握该事实的部门直接向其所有部门询问（服务间请求，HMAC 认证，答复缓存一分钟）。',
    '',
    '| 范围 | 适用人员 | 可见的儿童 | 判定部门 |',
    '|---|---|---|---|',
    ...ROW_SCOPES.map((s) => `| ${s.scope} | ${s.who} | ${s.rule} | ${s.owner} |`),
    '',
    '下列记录都指向一名儿童；任何查询到达它们（列表、按 id 查询、任务佐证材料、会议的任务、台账、时间线）时，只返回调用者范围内的儿童的记录，',
    '范围外的单条记录返回 `FORBIDDEN`，且不透露其是否存在；其他部门读取其中受字段规则约束的内容时写入审计日志：',
    '',
    '| 记录类型 | 内容 | 所属部门 |',
    '|---|---|---|',
    ...Object.entries(CHILD_RECORDS).map(([type, r]) => `| \`${type}\` | ${r.label} | ${DEPARTMENT_LABELS[r.owner]} |`),
    '',
    '## 操作权限',
    '',
    '每个查询与变更都列在这里；未列出的操作无法调用（构建时即报错）。调用者写作 `部门[:角色][@范围|…]`，不写 `@` 即仅区级人员。',
    '“行”一栏：`scope` 只涉及调用者范围内的儿童，`none` 不涉及儿童个人信息。不在列表中的调用者得到 `FORBIDDEN`，不读写任何数据。',
    '',
    '| 操作 | 内容 | 可调用者 | 行 |',
    '|---|---|---|---|',
    ...OPERATION_RULES.map((r) => `| \`${r.operation}\` | ${r.label} | ${r.callers.map((c) => `\`${c}\``).join(' ')} | ${r.rows} |`),
    '',
  ];
  return lines.join('\n');
}
