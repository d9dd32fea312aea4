import { useState, type FormEvent } from 'react';
import { gql, fieldErrors, stateOf, type Identity } from '../api';
import { graphql } from '../gql';
import type { FollowUpKind, ResolutionStatus, SupervisedResolutionsQuery } from '../gql/graphql';
import { useQuery } from '../query';
import { L, dept, t } from '../i18n';
import { Section } from '../ui';
import { today } from '../dates';
import { Field } from './EvidenceForms';

const SUPERVISED = graphql(`query SupervisedResolutions($status: ResolutionStatus, $lead: String) {
  supervisedResolutions(status: $status, leadDepartment: $lead) { id version text leadDepartment dueDate overdue status carriedOutOn meeting { date title } followUps { date kind department text } }
}`);
const REPORT = graphql(`mutation ReportOnResolutionForm($input: ReportOnResolutionInput!) { reportOnResolution(input: $input) { id version status } }`);

type Row = SupervisedResolutionsQuery['supervisedResolutions'][number];

/** One report on a resolution: progress or carried out by the lead department, urging by the joint meeting's office. */
function ReportForm(props: { row: Row; identity: Identity; onSaved: () => void }) {
  const office = props.identity.department === 'joint_meeting';
  const [kind, setKind] = useState<FollowUpKind>(office ? 'URGED' : 'PROGRESS');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await gql(REPORT, { input: { resolutionId: props.row.id, expectedVersion: props.row.version, kind, date: today(), text } });
    setErrors(fieldErrors(r.errors));
    if (!r.errors.length) props.onSaved();
  };
  const kinds: FollowUpKind[] = office ? ['URGED', 'PROGRESS', 'CARRIED_OUT'] : ['PROGRESS', 'CARRIED_OUT'];
  return (
    <form className="evidence-form" data-form="resolution-report" onSubmit={(e) => void submit(e)} noValidate>
      <Field label={t('督办记录')} name="kind" errors={errors}>
        <select data-field="kind" value={kind} onChange={(e) => setKind(e.target.value as FollowUpKind)}>
          {kinds.map((k) => <option key={k} value={k}>{L('FollowUpKind', k)}</option>)}
        </select>
      </Field>
      <Field label={t('内容')} name="text" errors={errors}><textarea data-field="text" rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} required /></Field>
      <button className="primary" type="submit" data-action="report-resolution">{t('报送')}</button>
      {(errors[''] || errors.resolutionId || errors.expectedVersion) && <p className="error" role="alert">{errors[''] ?? errors.resolutionId ?? errors.expectedVersion}</p>}
    </form>
  );
}

/**
 * 决议督办: the joint meeting's decisions under supervision — for the office every one, for a
 * department those it leads — each with its deadline, whether it is overdue, and what was reported.
 */
export function Resolutions(props: { identity: Identity }) {
  const { identity } = props;
  const office = identity.department === 'joint_meeting';
  const [status, setStatus] = useState<ResolutionStatus>('SUPERVISED');
  const [version, setVersion] = useState(0);
  const q = useQuery(SUPERVISED, { status, lead: office ? null : identity.department }, version);
  const rows = q.data?.supervisedResolutions ?? [];
  const mayReport = office || identity.scope.kind === 'district' || identity.scope.kind === 'subdistrict';
  return (
    <Section title={office ? t('决议督办') : `${t('本部门牵头的决议')}（${dept(identity.department)}）`} testId="resolutions" loading={q.loading && !q.data} state={stateOf(q.errors, 'supervisedResolutions').state}>
      <label>{t('状态')}
        <select data-filter="resolution-status" value={status} onChange={(e) => setStatus(e.target.value as ResolutionStatus)}>
          <option value="SUPERVISED">{L('ResolutionStatus', 'SUPERVISED')}</option>
          <option value="CARRIED_OUT">{L('ResolutionStatus', 'CARRIED_OUT')}</option>
        </select>
      </label>
      {rows.length === 0 ? <p className="muted" data-state="empty">{t('暂无数据')}</p> : (
        <ul className="resolutions">
          {rows.map((r) => (
            <li key={r.id} data-resolution={r.id} data-overdue={r.overdue}>
              <p><strong>{r.text}</strong></p>
              <p className="muted">{r.meeting.date} {r.meeting.title} · {t('牵头部门')} {r.leadDepartment ? dept(r.leadDepartment) : '—'} · {t('完成时限')} {r.dueDate ?? '—'} · {L('ResolutionStatus', r.status)}{r.carriedOutOn ? ` ${r.carriedOutOn}` : ''}{r.overdue ? ` · ${t('逾期')}` : ''}</p>
              {r.followUps.length > 0 && (
                <ol className="timeline">{r.followUps.map((f, i) => <li key={i}><time>{f.date}</time> {dept(f.department)} · {L('FollowUpKind', f.kind)}：{f.text}</li>)}</ol>
              )}
              {r.status === 'SUPERVISED' && mayReport && (
                <details className="record"><summary>{t('报送督办记录')}</summary><ReportForm key={r.version} row={r} identity={identity} onSaved={() => setVersion((v) => v + 1)} /></details>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
