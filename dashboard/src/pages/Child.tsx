import { downloadReport, serviceDown, stateOf, type GqlError, type Identity } from '../api';
import { Section } from '../ui';
import { L, dept, t } from '../i18n';
import type { ChildFieldsFragment } from '../gql/graphql';
import { useScopeWords } from '../work/places';
import { HomeVisitForm, LeftBehindForm } from '../work/EvidenceForms';
import { useState } from 'react';
import { useQuery } from '../query';
import { graphql } from '../gql';

graphql(`fragment ChildFields on Student {
  id name idNumber gender birthDate
  enrollment { status grade className school { name } }
  dropoutCase { discoveredOn status reasons }
  hukou { name regionName isLocal registeredAddress } isMigrant guardians { name relation phone }
  poverty { registered } isLeftBehind disability { category grade }
  community { name gridName residentName subdistrict { name } } family { carer parentsWorkingAway address } homeVisits { date outcome visitorName visitorRole visitorDepartment participants { name role department } notes }
  tasks { id type status assignedDepartment dueDate overdue completedOn evidenceKind }
  timeline { date kind department summary statusChange visitOutcome taskType taskAction evidenceKind detail reply }
}`);
const CHILD_BY_STUDENT = graphql(`query ChildByStudent($id: ID!) { student(id: $id) { ...ChildFields } }`);
const CHILD_BY_RESIDENT = graphql(`query ChildByResident($id: ID!) { resident(id: $id) { ...ChildFields } }`);

type Child = ChildFieldsFragment;

/** The worst state among some fields of the child: a whole section greys out if its department is down. */
function sectionState(errors: GqlError[], root: string, service: string, fields: string[]) {
  if (serviceDown(errors, service)) return { state: 'unavailable' as const, message: service };
  for (const f of fields) {
    const s = stateOf(errors, root, f);
    if (s.state !== 'ok') return s;
  }
  return { state: 'ok' as const };
}

/** A timeline entry in the words of the language shown, from its codes (the server's Chinese summary when it has none). */
function entryWords(x: NonNullable<Child['timeline']>[number]): string {
  if (x.kind === 'STATUS_CHANGE' && x.statusChange) return `${t('学籍异动')} ${L('StatusChangeCode', x.statusChange)}`;
  if (x.kind === 'HOME_VISIT' && x.visitOutcome) return `${t('家访')}：${L('VisitOutcome', x.visitOutcome)}`;
  if (x.kind === 'LETTER' && x.detail) return x.reply ? `${x.detail} ${t('回函')}` : `${t('发函至')} ${x.detail}`;
  if (x.kind === 'TASK' && x.taskType && x.taskAction) {
    return `${L('TaskType', x.taskType)}：${L('TaskAction', x.taskAction)}${x.evidenceKind ? `，${t('佐证材料')}：${L('EvidenceKind', x.evidenceKind)}` : ''}${x.detail ? `（${x.detail}）` : ''}`;
  }
  return x.summary;
}

const Row = (p: { k: string; v: unknown; field: string; errors: GqlError[]; root: string }) => {
  const s = stateOf(p.errors, p.root, p.field);
  return (
    <tr data-field={p.field}>
      <th scope="row">{t(p.k)}</th>
      <td data-state={s.state}>{s.state === 'forbidden' ? <span className="muted">{t('无权查看')}</span> : s.state === 'unavailable' ? <span className="muted">{t('服务不可用')}</span> : p.v == null || p.v === '' ? '—' : String(p.v)}</td>
    </tr>
  );
};

export function ChildPage(props: { id: string; identity: Identity }) {
  const root = props.identity.scope.kind === 'community' || props.identity.scope.kind === 'subdistrict' ? 'resident' : 'student';
  const [version, setVersion] = useState(0);
  const byResident = useQuery(root === 'resident' ? CHILD_BY_RESIDENT : null, { id: props.id }, version);
  const byStudent = useQuery(root === 'student' ? CHILD_BY_STUDENT : null, { id: props.id }, version);
  const q = root === 'resident' ? byResident : byStudent;
  const c: Child | null = (root === 'resident' ? byResident.data?.resident : byStudent.data?.student) ?? null;
  const e = q.errors;
  const top = stateOf(e, root);
  const reach = useScopeWords(props.identity);
  if (q.loading) return <Section title={t('学生')} loading />;
  if (!c) {
    // outside the caller's scope, or no such child: the page says which reach it looked in, not whether the child exists
    return (
      <Section title={t('学生')} state={top.state === 'ok' ? 'ok' : top.state} message={top.message} empty testId="child">
        <p className="muted" data-testid="child-not-found">{t('在您的范围内没有这名儿童')}（{reach}）</p>
      </Section>
    );
  }
  const R = (k: string, v: unknown, field: string) => <Row k={k} v={v} field={field} errors={e} root={root} />;
  const edu = sectionState(e, root, 'education', ['enrollment']);
  const police = sectionState(e, root, 'public-security', ['hukou', 'isMigrant']);
  const civil = sectionState(e, root, 'civil-affairs', ['poverty', 'isLeftBehind']);
  const comm = sectionState(e, root, 'community', ['community']);
  const jm = sectionState(e, root, 'joint-meeting', ['tasks']);
  return (
    <div className="child" data-testid="child">
      <h2>
        {c.name ?? c.hukou?.name ?? c.community?.residentName ?? t('（姓名不可见）')}
        {(props.identity.department === 'joint_meeting' || (props.identity.department === 'education' && props.identity.scope.kind === 'district')) && (
          <a className="action" data-action="assign-for-child" href={`#/workspace?student=${encodeURIComponent(c.id)}`}>{t('交办任务')}</a>
        )}
        <button className="action print-button" data-action="print" onClick={() => window.print()}>{t('打印')}</button>
        <button className="action" data-action="export-case-file" onClick={() => downloadReport('case-file', { studentId: c.id })}>{t('导出一生一案')}</button>
      </h2>
      <div className="grid">
        <Section title={t('学籍（教育）')} state={edu.state} testId="child-education">
          <table><tbody>
            {R('姓名', c.name, 'name')}{R('身份证号', c.idNumber, 'idNumber')}{R('出生日期', c.birthDate, 'birthDate')}
            {R('学籍', c.enrollment ? `${L('EnrollmentStatus', c.enrollment.status)} · ${c.enrollment.school.name} ${c.enrollment.grade}${t('年级')} ${c.enrollment.className}` : t('无学籍'), 'enrollment')}
            {R('辍学档案', c.dropoutCase ? `${c.dropoutCase.discoveredOn} ${L('CaseStatus', c.dropoutCase.status)}${c.dropoutCase.reasons.length ? ` · ${c.dropoutCase.reasons.map((r) => L('DropoutReason', r)).join('、')}` : ''}` : null, 'dropoutCase')}
          </tbody></table>
        </Section>
        <Section title={t('户籍（公安）')} state={police.state} testId="child-police">
          <table><tbody>
            {R('户籍姓名', c.hukou?.name, 'hukou')}{R('户籍地', c.hukou ? `${c.hukou.regionName ?? ''}${c.hukou.isLocal ? t('（本区）') : ''}` : null, 'hukou')}
            {R('户籍地址', c.hukou?.registeredAddress, 'hukou')}{R('随迁子女', c.isMigrant == null ? null : c.isMigrant ? t('是') : t('否'), 'isMigrant')}
            {R('监护人', c.guardians?.map((g) => `${g.name}（${g.relation}）${g.phone ?? ''}`).join('，'), 'guardians')}
          </tbody></table>
        </Section>
        <Section title={t('民政/扶贫')} state={civil.state} testId="child-civil-affairs">
          <table><tbody>
            {R('建档立卡', c.poverty == null ? null : c.poverty.registered ? t('是') : t('否'), 'poverty')}{R('留守儿童', c.isLeftBehind == null ? null : c.isLeftBehind ? t('是') : t('否'), 'isLeftBehind')}
            {R('残疾', c.disability ? `${L('DisabilityCategory', c.disability.category)} ${c.disability.grade}${t('级')}` : null, 'disability')}
          </tbody></table>
          {props.identity.department === 'civil_affairs' && c.isLeftBehind === false && (
            <details className="record" data-testid="register-left-behind">
              <summary>{t('登记留守儿童')}</summary>
              <LeftBehindForm studentId={c.id} name={c.name ?? c.hukou?.name ?? ''} onSaved={() => setVersion((v) => v + 1)} />
            </details>
          )}
        </Section>
        <Section title={t('社区')} state={comm.state} testId="child-community">
          <table><tbody>
            {R('居住社区', c.community ? `${c.community.subdistrict.name} ${c.community.name} ${c.community.gridName}` : null, 'community')}
            {R('照料人', c.family?.carer, 'family')}{R('居住地址', c.family?.address, 'family')}
            
          </tbody></table>
        </Section>
        <Section title={t('家访记录')} state={comm.state} testId="child-visits">
          {c.homeVisits?.length ? <table className="list">
            <thead><tr><th scope="col">{t('日期')}</th><th scope="col">{t('结果')}</th><th scope="col">{t('走访人')}</th><th scope="col">{t('情况')}</th></tr></thead>
            <tbody>
              {c.homeVisits?.map((v, i) => {
                const notes = stateOf(e, root, 'homeVisits', i, 'notes');
                return (
                  <tr key={i} data-visit={i}>
                    <td><time>{v.date}</time></td><td>{L('VisitOutcome', v.outcome)}</td>
                    <td>{v.visitorName}（{t(v.visitorRole)}，{dept(v.visitorDepartment)}）{v.participants.length ? <><br /><small data-field="participants">{t('同行')}：{v.participants.map((p) => `${p.name}（${t(p.role)}，${dept(p.department)}）`).join('、')}</small></> : null}</td>
                    <td data-field="notes" data-state={notes.state}>{notes.state === 'forbidden' ? <span className="muted">{t('无权查看')}</span> : v.notes ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table> : <p className="muted" data-state="empty">{t('暂无数据')}</p>}
          {(props.identity.department === 'community' || props.identity.department === 'education') && (
            <details className="record" data-testid="record-visit">
              <summary>{t('登记家访')}</summary>
              <HomeVisitForm key={version} studentId={c.id} identity={props.identity} submitLabel={t("登记家访")} onRecorded={async () => setVersion((v) => v + 1)} />
            </details>
          )}
        </Section>
        <Section title={t('劝返任务')} state={jm.state} empty={!c.tasks?.length} testId="child-tasks">
          <ul>{c.tasks?.map((x) => <li key={x.id} data-task-status={x.status}>{L('TaskType', x.type)} · {dept(x.assignedDepartment)} · {L('TaskStatus', x.status)} · {t('办结期限')} {x.dueDate}{x.completedOn ? ` · ${t('办结日期')} ${x.completedOn}` : ''}{x.evidenceKind ? ` · ${t('佐证材料')}：${L('EvidenceKind', x.evidenceKind)}` : ''}{x.overdue ? ` ${t('逾期')}` : ''}</li>)}</ul>
        </Section>
        <Section title={t('时间线')} state={sectionState(e, root, 'joint-meeting', ['timeline']).state} empty={!c.timeline?.length} testId="child-timeline">
          <ol className="timeline">{c.timeline?.map((x, i) => <li key={i}><time>{x.date}</time> {dept(x.department)} · {entryWords(x)}</li>)}</ol>
        </Section>
      </div>
    </div>
  );
}
