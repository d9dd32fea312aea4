/**
 * The reports the offices hand in, as Excel workbooks (exceljs), read through the supergraph as the
 * caller: 学校月报, 周报, 巩固率, 一校一册, 一生一案, 发函. Each is built from what the caller's
 * department may see (see table.ts) and nothing else.
 */
import './exceljs-utf8';
import ExcelJS from 'exceljs';
import { type Identity } from '@kongchuo/shared/identity';
import { departmentLabel, label } from '@kongchuo/shared/labels';
import { trustedDocument, type TrustedDocument } from '@kongchuo/shared/policy';
import { addPairs, addTable, conditionalSelectionOf, variableDefinitionsOf, includeVariablesFor, selectionOf, visibleColumns, type Column } from './table';

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; serviceName?: string } }[];
}
/** Reads one of the reports' registered documents (REPORT_DOCUMENTS) as the caller. */
export type Reader = <T>(document: TrustedDocument, variables?: Record<string, unknown>) => Promise<GraphQLAnswer<T>>;

/** A report that cannot be made: the code and field of the first error (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, …). */
export class ReportError extends Error {
  constructor(readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

/**
 * The data of an answer that must be complete. `asked`: the top-level fields of the row the report
 * asked for; a FORBIDDEN error on any other field is the gateway fetching a `@requires` input the
 * caller may not see (e.g. the status history behind a timeline), which the report does not show.
 */
async function must<T>(read: Reader, query: TrustedDocument, variables: Record<string, unknown> = {}, asked?: string[]): Promise<T> {
  const r = await read<T>(query, variables);
  const e = r.errors?.find((x) => !(asked && x.extensions?.code === 'FORBIDDEN' && typeof x.path?.[1] === 'string' && !asked.includes(x.path[1] as string)));
  if (e) throw new ReportError(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR', e.message, e.extensions?.field);
  if (!r.data) throw new ReportError('INTERNAL_SERVER_ERROR', 'no answer');
  return r.data;
}

const param = (params: Record<string, string | undefined>, name: string, test: RegExp, what: string): string => {
  const v = params[name];
  if (!v || !test.test(v)) throw new ReportError('BAD_USER_INPUT', `${name}: ${what}`, name);
  return v;
};

export interface BuiltReport {
  workbook: ExcelJS.Workbook;
  fileName: string;
}

function workbook(identity: Identity): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = `控辍保学 (${identity.user}, ${identity.department})`;
  wb.created = new Date();
  return wb;
}

// ---------------------------------------------------------------- 学校月报
interface MonthRow { school: { code: string; name: string }; enrolledAtStart: number; admitted: number; transfersIn: number; transfersOut: number; suspended: number; resumed: number; droppedOut: number; returned: number; left: number; enrolledAtEnd: number; rate: number | null }
const n = (header: string, key: keyof MonthRow): Column<MonthRow> => ({ header, select: key, value: (r) => r[key], total: true, width: 10 });
const MONTH_COLUMNS: Column<MonthRow>[] = [
  { header: '学校标识码', select: 'school { code }', value: (r) => r.school.code, width: 14 },
  { header: '学校', select: 'school { name }', value: (r) => r.school.name, width: 28 },
  n('月初在籍', 'enrolledAtStart'), n('招生', 'admitted'), n('转入', 'transfersIn'), n('转出', 'transfersOut'), n('休学', 'suspended'), n('复学', 'resumed'),
  n('辍学', 'droppedOut'), n('劝返复学', 'returned'), n('毕业等离校', 'left'), n('月末在籍', 'enrolledAtEnd'),
  { header: '学额巩固率（%）', select: 'rate', value: (r) => r.rate, width: 14 },
];

async function monthly(read: Reader, identity: Identity, p: Record<string, string | undefined>): Promise<BuiltReport> {
  const month = param(p, 'month', /^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
  const columns = visibleColumns(MONTH_COLUMNS, identity);
  const data = await must<{ schoolMonthlyReport: MonthRow[] }>(read,
    DOCUMENTS.monthly, { month, schoolCode: p.schoolCode ?? null, ...includeVariablesFor(MONTH_COLUMNS, columns) });
  const rows = data.schoolMonthlyReport;
  const wb = workbook(identity);
  addTable(wb, '月报', `${month} 学校月报（控辍保学）`, columns, rows, {
    totals: (all) => {
      const sum = (k: keyof MonthRow) => all.reduce((s, r) => s + (r[k] as number), 0);
      const base = sum('enrolledAtStart') + sum('admitted') + sum('transfersIn') - sum('transfersOut') - sum('left');
      return { '学额巩固率（%）': base > 0 ? Math.min(100, Math.round((sum('enrolledAtEnd') / base) * 10000) / 100) : null, 学校: `${all.length} 所学校` };
    },
  });
  return { workbook: wb, fileName: `学校月报-${month}${p.schoolCode ? `-${p.schoolCode}` : ''}.xlsx` };
}

// ---------------------------------------------------------------- 周报
interface WeekRow { department: string; assigned: number; accepted: number; inProgress: number; done: number; rejected: number; overdue: number; completedThisWeek: number }
const w = (header: string, key: keyof WeekRow): Column<WeekRow> => ({ header, select: key, value: (r) => r[key], total: true, width: 10 });
const WEEK_COLUMNS: Column<WeekRow>[] = [
  { header: '承办部门', select: 'department', value: (r) => departmentLabel(r.department), width: 14 },
  w('已交办', 'assigned'), w('已接收', 'accepted'), w('办理中', 'inProgress'), w('已办结', 'done'), w('已退回', 'rejected'), w('逾期', 'overdue'), w('本周办结', 'completedThisWeek'),
];

async function weekly(read: Reader, identity: Identity, p: Record<string, string | undefined>): Promise<BuiltReport> {
  const weekEnding = param(p, 'weekEnding', /^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
  const columns = visibleColumns(WEEK_COLUMNS, identity);
  const data = await must<{ weeklyReport: { weekStart: string; weekEnd: string; rows: WeekRow[] } }>(read,
    DOCUMENTS.weekly, { weekEnding, ...includeVariablesFor(WEEK_COLUMNS, columns) });
  const wb = workbook(identity);
  const r = data.weeklyReport;
  addTable(wb, '周报', `劝返工作周报（${r.weekStart} 至 ${r.weekEnd}）`, columns, r.rows);
  return { workbook: wb, fileName: `劝返周报-${r.weekEnd}.xlsx` };
}

// ---------------------------------------------------------------- 巩固率
async function consolidation(read: Reader, identity: Identity, p: Record<string, string | undefined>): Promise<BuiltReport> {
  const year = Number(param(p, 'year', /^\d{4}$/, 'must be a year'));
  const data = await must<{ districtOverview: { dropoutsFound: number; returned: number; stillOut: number; closedOtherwise: number; consolidationRate: number | null; consolidationTarget: number | null; schoolsInterviewed: number; consolidation: { cohortYear: number; cohortEnrolment: number; transfersIn: number; transfersOut: number; graduates: number; formula: string } } }>(read,
    DOCUMENTS.consolidation, { year });
  const o = data.districtOverview;
  const c = o.consolidation;
  const wb = workbook(identity);
  addPairs(wb, '巩固率', `${year} 年九年义务教育巩固率`, [
    ['届别（一年级入学年份）', c.cohortYear], ['一年级入学人数', c.cohortEnrolment], ['跨区转入', c.transfersIn], ['跨区转出', c.transfersOut],
    ['九年级毕业人数', c.graduates], ['巩固率（%）', o.consolidationRate], ['目标（%）', o.consolidationTarget],
    ['是否达标', o.consolidationRate != null && o.consolidationTarget != null ? o.consolidationRate >= o.consolidationTarget : null], ['公式', c.formula],
    ['当年发现辍学', o.dropoutsFound], ['年底前劝返复学', o.returned], ['转学就读或移交销号', o.closedOtherwise], ['年底仍辍学', o.stillOut], ['约谈学校数', o.schoolsInterviewed],
  ]);
  return { workbook: wb, fileName: `巩固率-${year}.xlsx` };
}

// ---------------------------------------------------------------- 一校一册
interface CaseRow {
  id: string; grade: number; discoveredOn: string; reasons: string[]; status: string; outcome: string | null; closedOn: string | null;
  school: { name: string }; responsibilityChain: { level: string; name: string; title: string }[];
  student: { name: string | null; idNumber: string | null; gender: string | null; hukou: { regionName: string | null } | null; isMigrant: boolean | null; poverty: { registered: boolean } | null; guardians: { name: string; phone: string | null }[] | null };
  records: { date: string; kind: string; summary: string }[];
}
const CASE_COLUMNS: Column<CaseRow>[] = [
  { header: '学生', field: 'Student.name', select: 'student { name }', value: (r) => r.student.name, width: 10 },
  { header: '身份证号', field: 'Student.idNumber', select: 'student { idNumber }', value: (r) => r.student.idNumber, width: 22 },
  { header: '性别', field: 'Student.gender', select: 'student { gender }', value: (r) => (r.student.gender ? label('Gender', r.student.gender) : null), width: 6 },
  { header: '年级', select: 'grade', value: (r) => r.grade, width: 6 },
  { header: '户籍地', field: 'Student.hukou', select: 'student { hukou { regionName } }', value: (r) => r.student.hukou?.regionName, width: 12 },
  { header: '随迁子女', field: 'Student.isMigrant', select: 'student { isMigrant }', value: (r) => r.student.isMigrant, width: 8 },
  { header: '建档立卡', field: 'Student.poverty', select: 'student { poverty { registered } }', value: (r) => r.student.poverty?.registered ?? false, width: 8 },
  { header: '监护人及电话', field: 'Guardian.phone', select: 'student { guardians { name phone } }', value: (r) => r.student.guardians?.map((g) => `${g.name} ${g.phone ?? ''}`.trim()), width: 36 },
  { header: '发现日期', select: 'discoveredOn', value: (r) => r.discoveredOn, width: 12 },
  { header: '辍学原因', select: 'reasons', value: (r) => r.reasons.map((x) => label('DropoutReason', x)), width: 20 },
  { header: '四包责任人', select: 'responsibilityChain { level name title }', value: (r) => r.responsibilityChain.map((c) => `${c.title}${c.name}`), width: 48 },
  { header: '状态', select: 'status', value: (r) => label('CaseStatus', r.status), width: 8 },
  { header: '结果', select: 'outcome', value: (r) => (r.outcome ? label('CaseOutcome', r.outcome) : null), width: 10 },
  { header: '销号日期', select: 'closedOn', value: (r) => r.closedOn, width: 12 },
];
const RECORD_COLUMNS: Column<{ who: string; date: string; kind: string; summary: string }>[] = [
  { header: '学生', select: '', value: (r) => r.who, width: 10 }, { header: '日期', select: '', value: (r) => r.date, width: 12 },
  { header: '类别', select: '', value: (r) => label('CaseRecordKind', r.kind), width: 12 }, { header: '过程记录', select: '', value: (r) => r.summary, width: 80 },
];

async function caseBook(read: Reader, identity: Identity, p: Record<string, string | undefined>): Promise<BuiltReport> {
  const schoolCode = param(p, 'schoolCode', /^\d{10}$/, 'must be a 10-digit school code');
  const columns = visibleColumns(CASE_COLUMNS, identity);
  const nodes: CaseRow[] = [];
  let after: string | null = null;
  let schoolName = schoolCode;
  do {
    const data: { school: { name: string } | null; dropoutCases: { nodes: CaseRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await must(read,
      DOCUMENTS.caseBook, { schoolCode, code: schoolCode, after, ...includeVariablesFor(CASE_COLUMNS, columns) });
    if (!data.school) throw new ReportError('NOT_FOUND', `no school ${schoolCode}`, 'schoolCode');
    schoolName = data.school.name;
    nodes.push(...data.dropoutCases.nodes);
    after = data.dropoutCases.pageInfo.hasNextPage ? data.dropoutCases.pageInfo.endCursor : null;
  } while (after);
  const wb = workbook(identity);
  addTable(wb, '一校一册', `${schoolName} 控辍保学台账（一校一册）`, columns, nodes);
  const records = nodes.flatMap((c) => c.records.map((r) => ({ who: (c.student.name ?? c.id) as string, ...r })));
  addTable(wb, '过程记录', `${schoolName} 劝返过程记录`, RECORD_COLUMNS, records);
  return { workbook: wb, fileName: `一校一册-${schoolName}.xlsx` };
}

// ---------------------------------------------------------------- 一生一案
interface CaseFileChild {
  name: string | null; idNumber: string | null; gender: string | null; birthDate: string | null; studentNumber?: string | null;
  enrollment: { status: string; grade: number; className: string; school: { name: string } } | null;
  hukou?: { regionFullName: string | null; registeredAddress: string | null } | null; isMigrant?: boolean | null;
  guardians?: { name: string; relation: string; phone: string | null }[] | null;
  poverty?: { registered: boolean; aids: { programme: string; amount: number | null; grantedOn: string }[] | null } | null;
  isLeftBehind?: boolean | null; disability?: { category: string; grade: number } | null;
  community?: { name: string; gridName: string } | null; family?: { carer: string; address: string | null } | null;
  dropoutCases?: { discoveredOn: string; reasons: string[]; status: string; outcome: string | null; closedOn: string | null; records: { date: string; kind: string; summary: string }[]; letters: { recipient: string; sentOn: string; status: string; reply: string | null }[] }[] | null;
  homeVisits?: { date: string; visitorName: string; outcome: string; notes: string | null }[] | null;
  tasks?: { typeLabel: string; assignedDepartment: string; status: string; dueDate: string; completedOn: string | null }[] | null;
  timeline?: { date: string; department: string; summary: string }[] | null;
}
/** Each part of the case file with the matrix field that governs it; denied parts are not asked for. */
const CASE_FILE_PARTS: { field: string; select: string }[] = [
  { field: 'Student.name', select: 'name gender birthDate' },
  { field: 'Student.idNumber', select: 'idNumber' },
  { field: 'Student.studentNumber', select: 'studentNumber' },
  { field: 'Student.enrollment', select: 'enrollment { status grade className school { name } }' },
  { field: 'Student.hukou', select: 'hukou { regionFullName registeredAddress }' },
  { field: 'Student.isMigrant', select: 'isMigrant' },
  { field: 'Student.guardians', select: 'guardians { name relation phone }' },
  { field: 'Student.poverty', select: 'poverty { registered }' },
  { field: 'AidGrant.amount', select: 'poverty { aids { programme amount grantedOn } }' },
  { field: 'Student.isLeftBehind', select: 'isLeftBehind' },
  { field: 'Student.disability', select: 'disability { category grade }' },
  { field: 'Student.community', select: 'community { name gridName }' },
  { field: 'Student.family', select: 'family { carer address }' },
  { field: 'Student.dropoutCases', select: 'dropoutCases { discoveredOn reasons status outcome closedOn records { date kind summary } letters { recipient sentOn status reply } }' },
  { field: 'Student.homeVisits', select: 'homeVisits { date visitorName outcome }' },
  { field: 'HomeVisit.notes', select: 'homeVisits { notes }' },
  { field: 'Student.tasks', select: 'tasks { typeLabel assignedDepartment status dueDate completedOn }' },
  { field: 'Student.timeline', select: 'timeline { date department summary }' },
];

const CASE_FILE_COLUMNS: Column<unknown>[] = CASE_FILE_PARTS.map((x) => ({ header: x.field, field: x.field, select: x.select, value: () => null }));

async function caseFile(read: Reader, identity: Identity, p: Record<string, string | undefined>): Promise<BuiltReport> {
  const id = param(p, 'studentId', /^[A-Za-z0-9_-]{43}$/, 'must be a linkage key');
  const parts = visibleColumns(CASE_FILE_COLUMNS, identity);
  const root = identity.scope.kind === 'community' || identity.scope.kind === 'subdistrict' ? 'resident' : 'student';
  const selection = selectionOf(parts as Column<unknown>[]);
  const asked = [...selection.matchAll(/(?:^|\}|\s)([a-zA-Z]+)/g)].map((m) => m[1]);
  const data = await must<Record<string, CaseFileChild | null>>(read, root === 'resident' ? DOCUMENTS.caseFileOfResident : DOCUMENTS.caseFileOfStudent,
    { id, ...includeVariablesFor(CASE_FILE_COLUMNS, parts) }, asked);
  const c = data.c;
  if (!c) throw new ReportError('NOT_FOUND', `no child ${id} that you may see`, 'studentId');
  const has = (field: string) => parts.some((x) => x.field === field);
  const wb = workbook(identity);
  const pairs: [string, unknown][] = [];
  if (has('Student.name')) pairs.push(['姓名', c.name], ['性别', c.gender ? label('Gender', c.gender) : null], ['出生日期', c.birthDate]);
  if (has('Student.idNumber')) pairs.push(['身份证号', c.idNumber]);
  if (has('Student.studentNumber')) pairs.push(['全国学籍号', c.studentNumber]);
  if (has('Student.enrollment')) pairs.push(['学籍', c.enrollment ? `${c.enrollment.school.name} ${c.enrollment.grade}年级 ${c.enrollment.className}（${label('EnrollmentStatus', c.enrollment.status)}）` : '无学籍']);
  if (has('Student.hukou')) pairs.push(['户籍地', c.hukou?.regionFullName], ['户籍地址', c.hukou?.registeredAddress]);
  if (has('Student.isMigrant')) pairs.push(['随迁子女', c.isMigrant]);
  if (has('Student.guardians')) pairs.push(['监护人', c.guardians?.map((g) => `${g.name}（${g.relation}）${g.phone ?? ''}`)]);
  if (has('Student.poverty')) pairs.push(['建档立卡贫困户', c.poverty?.registered ?? false]);
  if (has('AidGrant.amount')) pairs.push(['资助', c.poverty?.aids?.map((a) => `${a.grantedOn} ${label('AidProgramme', a.programme)} ${a.amount ?? ''}元`)]);
  if (has('Student.isLeftBehind')) pairs.push(['留守儿童', c.isLeftBehind]);
  if (has('Student.disability')) pairs.push(['残疾', c.disability ? `${label('DisabilityCategory', c.disability.category)} ${c.disability.grade}级` : null]);
  if (has('Student.community')) pairs.push(['居住社区', c.community ? `${c.community.name} ${c.community.gridName}` : null]);
  if (has('Student.family')) pairs.push(['照料人', c.family?.carer], ['居住地址', c.family?.address]);
  addPairs(wb, '基本情况', `一生一案：${c.name ?? id}`, pairs);
  if (has('Student.dropoutCases')) {
    const records = (c.dropoutCases ?? []).flatMap((d) => d.records.map((r) => ({ who: d.discoveredOn, ...r })));
    addTable(wb, '过程记录', '辍学档案过程记录', [{ ...RECORD_COLUMNS[0], header: '档案（发现日期）' }, ...RECORD_COLUMNS.slice(1)], records);
    const letters = (c.dropoutCases ?? []).flatMap((d) => d.letters);
    addTable(wb, '发函', '致户籍地教育部门函件', [
      { header: '收函单位', select: '', value: (l: (typeof letters)[number]) => l.recipient, width: 24 }, { header: '发函日期', select: '', value: (l) => l.sentOn, width: 12 },
      { header: '状态', select: '', value: (l) => label('LetterStatus', l.status), width: 12 }, { header: '回函', select: '', value: (l) => l.reply, width: 60 },
    ], letters);
  }
  if (has('Student.homeVisits')) {
    addTable(wb, '家访', '家访记录', [
      { header: '日期', select: '', value: (v: NonNullable<CaseFileChild['homeVisits']>[number]) => v.date, width: 12 }, { header: '走访人', select: '', value: (v) => v.visitorName, width: 10 },
      { header: '结果', select: '', value: (v) => label('VisitOutcome', v.outcome), width: 14 },
      ...(has('HomeVisit.notes') ? [{ header: '情况', select: '', value: (v: NonNullable<CaseFileChild['homeVisits']>[number]) => v.notes, width: 60 }] : []),
    ], c.homeVisits ?? []);
  }
  if (has('Student.tasks')) {
    addTable(wb, '劝返任务', '劝返任务', [
      { header: '任务', select: '', value: (t: NonNullable<CaseFileChild['tasks']>[number]) => t.typeLabel, width: 16 }, { header: '承办部门', select: '', value: (t) => departmentLabel(t.assignedDepartment), width: 12 },
      { header: '状态', select: '', value: (t) => label('TaskStatus', t.status), width: 12 }, { header: '期限', select: '', value: (t) => t.dueDate, width: 12 }, { header: '办结日期', select: '', value: (t) => t.completedOn, width: 12 },
    ], c.tasks ?? []);
  }
  if (has('Student.timeline')) {
    addTable(wb, '时间线', '时间线', [
      { header: '日期', select: '', value: (e: NonNullable<CaseFileChild['timeline']>[number]) => e.date, width: 12 }, { header: '部门', select: '', value: (e) => departmentLabel(e.department), width: 12 },
      { header: '事项', select: '', value: (e) => e.summary, width: 60 },
    ], c.timeline ?? []);
  }
  return { workbook: wb, fileName: `一生一案-${c.name ?? id.slice(0, 8)}.xlsx` };
}

// ---------------------------------------------------------------- 函件
interface LetterRow { recipient: string; originRegionCode: string; sentOn: string; status: string; acknowledgedOn: string | null; repliedOn: string | null; reply: string | null; body: string; dropoutCase: { student: { name: string | null; hukou: { regionName: string | null } | null } } }
const LETTER_COLUMNS: Column<LetterRow>[] = [
  { header: '学生', field: 'Student.name', select: 'dropoutCase { student { name } }', value: (r) => r.dropoutCase.student.name, width: 10 },
  { header: '户籍地', field: 'Student.hukou', select: 'dropoutCase { student { hukou { regionName } } }', value: (r) => r.dropoutCase.student.hukou?.regionName, width: 12 },
  { header: '收函单位', select: 'recipient originRegionCode', value: (r) => r.recipient, width: 24 },
  { header: '发函日期', select: 'sentOn', value: (r) => r.sentOn, width: 12 },
  { header: '状态', select: 'status', value: (r) => label('LetterStatus', r.status), width: 10 },
  { header: '签收日期', select: 'acknowledgedOn', value: (r) => r.acknowledgedOn, width: 12 },
  { header: '回函日期', select: 'repliedOn', value: (r) => r.repliedOn, width: 12 },
  { header: '函件内容', select: 'body', value: (r) => r.body, width: 60 },
  { header: '回函内容', select: 'reply', value: (r) => r.reply, width: 60 },
];

async function letters(read: Reader, identity: Identity, _p: Record<string, string | undefined>): Promise<BuiltReport> {
  const columns = visibleColumns(LETTER_COLUMNS, identity);
  const data = await must<{ letters: LetterRow[] }>(read, DOCUMENTS.letters, includeVariablesFor(LETTER_COLUMNS, columns));
  const wb = workbook(identity);
  addTable(wb, '发函', '致户籍地教育部门函件（发函登记）', columns, data.letters);
  return { workbook: wb, fileName: '发函登记.xlsx' };
}

/** Every document the reports send: fixed at build time, registered with the gateway as trusted documents. */
const DOCUMENTS = (() => {
  const childOf = (root: 'student' | 'resident', name: string) =>
    `query ${name}${variableDefinitionsOf(['$id: ID!'], CASE_FILE_COLUMNS)} { c: ${root}(id: $id) { ${conditionalSelectionOf(CASE_FILE_COLUMNS)} } }`;
  const texts = {
    monthly: `query ReportMonthly${variableDefinitionsOf(['$month: String!', '$schoolCode: String'], MONTH_COLUMNS)} { schoolMonthlyReport(month: $month, schoolCode: $schoolCode) { ${conditionalSelectionOf(MONTH_COLUMNS)} } }`,
    weekly: `query ReportWeekly${variableDefinitionsOf(['$weekEnding: String!'], WEEK_COLUMNS)} { weeklyReport(weekEnding: $weekEnding) { weekStart weekEnd rows { ${conditionalSelectionOf(WEEK_COLUMNS)} } } }`,
    consolidation: `query ReportConsolidation($year: Int!) { districtOverview(year: $year) { dropoutsFound returned stillOut closedOtherwise consolidationRate consolidationTarget schoolsInterviewed consolidation { cohortYear cohortEnrolment transfersIn transfersOut graduates formula } } }`,
    caseBook: `query ReportCaseBook${variableDefinitionsOf(['$schoolCode: String', '$code: ID!', '$after: String'], CASE_COLUMNS)} { school(code: $code) { name } dropoutCases(filter: { schoolCode: $schoolCode }, first: 500, after: $after) { nodes { id ${conditionalSelectionOf(CASE_COLUMNS)} records { date kind summary } } pageInfo { hasNextPage endCursor } } }`,
    caseFileOfStudent: childOf('student', 'ReportCaseFileOfStudent'),
    caseFileOfResident: childOf('resident', 'ReportCaseFileOfResident'),
    letters: `query ReportLetters${variableDefinitionsOf([], LETTER_COLUMNS)} { letters { ${conditionalSelectionOf(LETTER_COLUMNS)} } }`,
  };
  return Object.fromEntries(Object.entries(texts).map(([k, body]) => [k, trustedDocument(body)])) as Record<keyof typeof texts, TrustedDocument>;
})();
export const REPORT_DOCUMENTS: readonly TrustedDocument[] = Object.values(DOCUMENTS);

export const REPORTS = {
  monthly: { title: '学校月报', params: 'month=YYYY-MM [schoolCode]', build: monthly },
  weekly: { title: '劝返周报', params: 'weekEnding=YYYY-MM-DD', build: weekly },
  consolidation: { title: '巩固率', params: 'year=YYYY', build: consolidation },
  'case-book': { title: '一校一册', params: 'schoolCode', build: caseBook },
  'case-file': { title: '一生一案', params: 'studentId', build: caseFile },
  letters: { title: '发函登记', params: '', build: letters },
} as const;
export type ReportId = keyof typeof REPORTS;

export function buildReport(id: string, read: Reader, identity: Identity, params: Record<string, string | undefined>): Promise<BuiltReport> {
  // own names only: `constructor`, `__proto__` and the like are no report
  const report = Object.hasOwn(REPORTS, id) ? (REPORTS as Record<string, (typeof REPORTS)[ReportId]>)[id] : undefined;
  if (!report) throw new ReportError('NOT_FOUND', `no report ${id}; reports: ${Object.keys(REPORTS).join(', ')}`, 'report');
  return report.build(read, identity, params);
}
