import { downloadReport, serviceDown, stateOf, type GqlError, type Identity } from '../api';
import { Section } from '../ui';
import { DEPARTMENT, ENROLLMENT, TASK_STATUS, TASK_TYPE, t } from '../i18n';
import { useQuery } from '../query';
import { graphql } from '../gql';

graphql(`fragment ChildFields on Student {
  id name idNumber gender birthDate
  enrollment { status grade className school { name } }
  dropoutCase { discoveredOn status reasons }
  hukou { name regionName isLocal registeredAddress } isMigrant guardians { name relation phone }
  poverty { registered } isLeftBehind disability { category grade }
  community { name gridName residentName subdistrict { name } } family { carer parentsWorkingAway address } homeVisits { date outcome notes }
  tasks { id type status assignedDepartment dueDate overdue }
  timeline { date kind department summary }
}`);
const CHILD_BY_STUDENT = graphql(`query ChildByStudent($id: ID!) { student(id: $id) { ...ChildFields } }`);
const CHILD_BY_RESIDENT = graphql(`query ChildByResident($id: ID!) { resident(id: $id) { ...ChildFields } }`);

type Child = Record<string, unknown> & {
  id: string; name: string | null; idNumber: string | null; gender: string | null; birthDate: string | null;
  enrollment: { status: string; grade: number; className: string; school: { name: string } } | null;
  dropoutCase: { discoveredOn: string; status: string; reasons: string[] } | null;
  hukou: { name: string; regionName: string | null; isLocal: boolean; registeredAddress: string | null } | null; isMigrant: boolean | null; guardians: { name: string; relation: string; phone: string | null }[] | null;
  poverty: { registered: boolean } | null; isLeftBehind: boolean | null; disability: { category: string; grade: number } | null;
  community: { name: string; gridName: string; residentName: string; subdistrict: { name: string } } | null; family: { carer: string; parentsWorkingAway: boolean; address: string | null } | null;
  homeVisits: { date: string; outcome: string; notes: string | null }[] | null;
  tasks: { id: string; type: string; status: string; assignedDepartment: string; dueDate: string; overdue: boolean }[] | null;
  timeline: { date: string; kind: string; department: string; summary: string }[] | null;
};

/** The worst state among some fields of the child: a whole section greys out if its department is down. */
function sectionState(errors: GqlError[], root: string, service: string, fields: string[]) {
  if (serviceDown(errors, service)) return { state: 'unavailable' as const, message: service };
  for (const f of fields) {
    const s = stateOf(errors, root, f);
    if (s.state !== 'ok') return s;
  }
  return { state: 'ok' as const };
}

const Row = (p: { k: string; v: unknown; field: string; errors: GqlError[]; root: string }) => {
  const s = stateOf(p.errors, p.root, p.field);
  return (
    <tr data-field={p.field}>
      <th>{p.k}</th>
      <td data-state={s.state}>{s.state === 'forbidden' ? <span className="muted">{t('无权查看')}</span> : s.state === 'unavailable' ? <span className="muted">{t('服务不可用')}</span> : p.v == null || p.v === '' ? '—' : String(p.v)}</td>
    </tr>
  );
};

export function ChildPage(props: { id: string; identity: Identity }) {
  const root = props.identity.scope.kind === 'community' || props.identity.scope.kind === 'subdistrict' ? 'resident' : 'student';
  const q = useQuery<Record<string, Child | null>>(root === 'resident' ? CHILD_BY_RESIDENT : CHILD_BY_STUDENT, { id: props.id });
  const c = q.data?.[root] ?? null;
  const e = q.errors;
  const top = stateOf(e, root);
  if (q.loading) return <Section title={t('学生')} loading />;
  if (!c) return <Section title={t('学生')} state={top.state === 'ok' ? 'ok' : top.state} message={top.message} empty testId="child" />;
  const R = (k: string, v: unknown, field: string) => <Row k={k} v={v} field={field} errors={e} root={root} />;
  const edu = sectionState(e, root, 'education', ['enrollment']);
  const police = sectionState(e, root, 'public-security', ['hukou', 'isMigrant']);
  const civil = sectionState(e, root, 'civil-affairs', ['poverty', 'isLeftBehind']);
  const comm = sectionState(e, root, 'community', ['community']);
  const jm = sectionState(e, root, 'joint-meeting', ['tasks']);
  return (
    <div className="child" data-testid="child">
      <h2>
        {c.name ?? c.hukou?.name ?? c.community?.residentName ?? c.id}
        {(props.identity.department === 'joint_meeting' || props.identity.department === 'education') && (
          <a className="action" data-action="assign-for-child" href={`#/work?student=${encodeURIComponent(c.id)}`}>{t('派发任务')}</a>
        )}
        <button className="action" data-action="export-case-file" onClick={() => downloadReport('case-file', { studentId: c.id })}>{t('导出一生一案')}</button>
      </h2>
      <div className="grid">
        <Section title={t('学籍（教育）')} state={edu.state} testId="child-education">
          <table><tbody>
            {R('姓名', c.name, 'name')}{R('身份证号', c.idNumber, 'idNumber')}{R('出生日期', c.birthDate, 'birthDate')}
            {R('学籍', c.enrollment ? `${ENROLLMENT[c.enrollment.status]} · ${c.enrollment.school.name} ${c.enrollment.grade}年级 ${c.enrollment.className}` : t('无学籍'), 'enrollment')}
            {R('辍学档案', c.dropoutCase ? `${c.dropoutCase.discoveredOn} ${c.dropoutCase.status === 'OPEN' ? '未结案' : '已结案'}` : null, 'dropoutCase')}
          </tbody></table>
        </Section>
        <Section title={t('户籍（公安）')} state={police.state} testId="child-police">
          <table><tbody>
            {R('户籍姓名', c.hukou?.name, 'hukou')}{R('户籍地', c.hukou ? `${c.hukou.regionName ?? ''}${c.hukou.isLocal ? '（本区）' : ''}` : null, 'hukou')}
            {R('户籍地址', c.hukou?.registeredAddress, 'hukou')}{R('随迁子女', c.isMigrant == null ? null : c.isMigrant ? '是' : '否', 'isMigrant')}
            {R('监护人', c.guardians?.map((g) => `${g.name}（${g.relation}）${g.phone ?? ''}`).join('，'), 'guardians')}
          </tbody></table>
        </Section>
        <Section title={t('民政/扶贫')} state={civil.state} testId="child-civil-affairs">
          <table><tbody>
            {R('建档立卡', c.poverty == null ? null : c.poverty.registered ? '是' : '否', 'poverty')}{R('留守儿童', c.isLeftBehind == null ? null : c.isLeftBehind ? '是' : '否', 'isLeftBehind')}
            {R('残疾', c.disability ? `${c.disability.category} ${c.disability.grade}级` : null, 'disability')}
          </tbody></table>
        </Section>
        <Section title={t('社区')} state={comm.state} testId="child-community">
          <table><tbody>
            {R('居住社区', c.community ? `${c.community.subdistrict.name} ${c.community.name} ${c.community.gridName}` : null, 'community')}
            {R('照料人', c.family?.carer, 'family')}{R('居住地址', c.family?.address, 'family')}
            {R('家访', c.homeVisits?.map((v) => `${v.date} ${v.outcome}`).join('；'), 'homeVisits')}
          </tbody></table>
        </Section>
        <Section title={t('劝返任务')} state={jm.state} empty={!c.tasks?.length} testId="child-tasks">
          <ul>{c.tasks?.map((x) => <li key={x.id}>{TASK_TYPE[x.type]} · {DEPARTMENT[x.assignedDepartment]} · {TASK_STATUS[x.status]} · {x.dueDate}{x.overdue ? ` ${t('逾期')}` : ''}</li>)}</ul>
        </Section>
        <Section title={t('时间线')} state={sectionState(e, root, 'joint-meeting', ['timeline']).state} empty={!c.timeline?.length} testId="child-timeline">
          <ol className="timeline">{c.timeline?.map((x, i) => <li key={i}><time>{x.date}</time> {DEPARTMENT[x.department] ?? x.department} · {x.summary}</li>)}</ol>
        </Section>
      </div>
    </div>
  );
}
