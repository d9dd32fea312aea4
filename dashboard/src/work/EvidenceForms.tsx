import { useState, type FormEvent, type ReactNode } from 'react';
import { gql, fieldErrors, type GqlError, type Identity } from '../api';
import { graphql } from '../gql';
import type { AidProgramme, NoticeRecipient, VisitOutcome } from '../gql/graphql';
import { useQuery } from '../query';
import { choices, t } from '../i18n';
import { today } from '../dates';

/**
 * 办结佐证材料: each department records its own work in its own service — a home visit, a locate
 * report, a legal notice served, an aid grant, a return to school, a letter to the origin region —
 * and the task is completed on that record and the attestation its department signs of it, with
 * no id typed by hand. A field the server refuses shows its message beside that field
 * (`extensions.field`); what was typed stays; nothing is saved.
 */
export interface Evidence { kind: string; id: string; attestation: string }

const RECORD_HOME_VISIT = graphql(`mutation RecordVisitEvidence($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id attestation } }`);
const REQUEST_LOCATE = graphql(`mutation RequestLocateEvidence($input: RequestLocateInput!) { requestLocate(input: $input) { id version } }`);
const REPORT_LOCATE = graphql(`mutation ReportLocateEvidence($input: ReportLocateInput!) { reportLocate(input: $input) { id attestation } }`);
const SERVE_NOTICE = graphql(`mutation ServeNoticeEvidence($input: ServeLegalNoticeInput!) { serveLegalNotice(input: $input) { id attestation } }`);
const GRANT_AID = graphql(`mutation GrantAidEvidence($input: GrantAidInput!) { grantAid(input: $input) { id attestation } }`);
const CHILD_AT_SCHOOL = graphql(`query ChildAtSchool($id: ID!) { student(id: $id) { id version enrollment { status grade className school { name } } dropoutCase { id status } hukou { regionCode regionName } } }`);
const RETURN_TO_SCHOOL = graphql(`mutation ReturnToSchoolEvidence($input: RecordStatusChangeInput!) { recordStatusChange(input: $input) { id version dropoutCases { id status outcome closedOn attestation } } }`);
const ISSUE_LETTER = graphql(`mutation IssueLetterEvidence($input: IssueLetterInput!) { issueLetter(input: $input) { id attestation } }`);
const REGISTER_LEFT_BEHIND = graphql(`mutation RegisterLeftBehindForm($input: RegisterLeftBehindChildInput!) { registerLeftBehindChild(input: $input) { registeredOn version } }`);
const ADD_CASE_RECORD = graphql(`mutation AddCaseRecordForm($input: AddCaseRecordInput!) { addCaseRecord(input: $input) { id } }`);

/** One field of a form: its label, the control, and the server's word on it. */
export function Field(props: { label: string; name: string; errors: Record<string, string>; children: ReactNode; hint?: string }) {
  const error = props.errors[props.name];
  return (
    <label className={`field ${error ? 'invalid' : ''}`} data-form-field={props.name}>
      <span>{props.label}</span>
      {props.children}
      {props.hint && <small className="muted">{props.hint}</small>}
      {error && <span className="field-error" role="alert" data-error-for={props.name}>{error}</span>}
    </label>
  );
}

interface FormProps { studentId: string; caseId?: string | null; identity: Identity; onRecorded: (e: Evidence) => Promise<void> }

/** Runs a form's save: the errors by field, or the evidence handed on. */
function useSave() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const save = async (work: () => Promise<{ errors: GqlError[]; evidence?: Evidence }>, onRecorded: (e: Evidence) => Promise<void>) => {
    setBusy(true);
    const r = await work();
    setErrors(fieldErrors(r.errors));
    if (!r.errors.length && r.evidence) await onRecorded(r.evidence);
    setBusy(false);
  };
  return { errors, busy, save };
}

const Actions = (p: { busy: boolean; label: string; errors: Record<string, string> }) => (
  <div className="form-actions">
    <button className="primary" type="submit" data-action="record-evidence" disabled={p.busy}>{p.label}</button>
    {p.errors[''] && <p className="error" role="alert" data-testid="form-error">{p.errors['']}</p>}
  </div>
);

const VISITOR_ROLES = ['网格员', '社区干部', '街道干部', '班主任', '科任教师', '校领导', '民警', '民政干部', '其他'];

interface Participant { name: string; role: string; department: string }

/**
 * 家访: when, what came of it, who went in which role, what was found — by the community (grid
 * worker, cadre), by the school (班主任, 科任教师: 大家访, 包人), and whoever went along from other
 * departments (联合家访).
 */
export function HomeVisitForm(props: FormProps & { submitLabel?: string }) {
  const school = props.identity.department === 'education';
  const [date, setDate] = useState(today());
  const [outcome, setOutcome] = useState<VisitOutcome>('MET_FAMILY');
  const [visitorName, setVisitorName] = useState(props.identity.name);
  const [visitorRole, setVisitorRole] = useState(school ? '班主任' : props.identity.role === 'grid_worker' ? '网格员' : '社区干部');
  const [notes, setNotes] = useState('');
  const [participants, setParticipants] = useState<Participant[]>([]);
  const { errors, busy, save } = useSave();
  const change = (i: number, p: Partial<Participant>) => setParticipants((list) => list.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const r = await gql(RECORD_HOME_VISIT, { input: { studentId: props.studentId, date, outcome, visitorName, visitorRole, notes, participants } });
      return { errors: r.errors, evidence: r.data ? { kind: 'HOME_VISIT', ...r.data.recordHomeVisit } : undefined };
    }, props.onRecorded);
  };
  return (
    <form className="evidence-form" data-form="HOME_VISIT" onSubmit={submit} noValidate>
      <Field label={t('家访日期')} name="date" errors={errors}><input type="date" data-field="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} required /></Field>
      <Field label={t('家访结果')} name="outcome" errors={errors}>
        <select data-field="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as VisitOutcome)}>
          {choices('VisitOutcome').map(([code, words]) => <option key={code} value={code}>{words}</option>)}
        </select>
      </Field>
      <Field label={t('走访人')} name="visitorName" errors={errors}><input data-field="visitorName" value={visitorName} maxLength={50} onChange={(e) => setVisitorName(e.target.value)} required /></Field>
      <Field label={t('走访人身份')} name="visitorRole" errors={errors}>
        <select data-field="visitorRole" value={visitorRole} onChange={(e) => setVisitorRole(e.target.value)}>
          {VISITOR_ROLES.map((r) => <option key={r} value={r}>{t(r)}</option>)}
        </select>
      </Field>
      <Field label={t('家访情况')} name="notes" errors={errors}><textarea data-field="notes" value={notes} rows={3} maxLength={2000} onChange={(e) => setNotes(e.target.value)} required /></Field>
      <fieldset className="participants" data-testid="participants">
        <legend>{t('同行人员（联合家访）')}</legend>
        {participants.map((p, i) => (
          <div className="participant" key={i} data-participant={i}>
            <Field label={t('姓名')} name={`participants[${i}].name`} errors={errors}><input data-field={`participants[${i}].name`} value={p.name} maxLength={50} onChange={(e) => change(i, { name: e.target.value })} required /></Field>
            <Field label={t('身份')} name={`participants[${i}].role`} errors={errors}>
              <select data-field={`participants[${i}].role`} value={p.role} onChange={(e) => change(i, { role: e.target.value })}>
                {VISITOR_ROLES.map((r) => <option key={r} value={r}>{t(r)}</option>)}
              </select>
            </Field>
            <Field label={t('所在部门')} name={`participants[${i}].department`} errors={errors}>
              <select data-field={`participants[${i}].department`} value={p.department} onChange={(e) => change(i, { department: e.target.value })}>
                {choices('Department').map(([d, words]) => <option key={d} value={d}>{words}</option>)}
              </select>
            </Field>
            <button type="button" data-action="remove-participant" onClick={() => setParticipants((list) => list.filter((_, j) => j !== i))}>{t('移除')}</button>
          </div>
        ))}
        <button type="button" data-action="add-participant" onClick={() => setParticipants((list) => [...list, { name: '', role: school ? '社区干部' : '班主任', department: school ? 'community' : 'education' }])}>{t('添加同行人员')}</button>
      </fieldset>
      <Actions busy={busy} label={props.submitLabel ?? t('登记家访并办结')} errors={errors} />
    </form>
  );
}

/** 查找家庭下落 (police): where the family was found, on a locate request of this task's child. */
export function LocateReportForm(props: FormProps) {
  const [date, setDate] = useState(today());
  const [regionCode, setRegionCode] = useState('');
  const [summary, setSummary] = useState('');
  const [request, setRequest] = useState<{ id: string; version: number } | null>(null);
  const { errors, busy, save } = useSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      let req = request;
      if (!req) {
        const q = await gql(REQUEST_LOCATE, { input: { studentId: props.studentId, reason: t('劝返任务：查找家庭下落') } });
        if (!q.data) return { errors: q.errors };
        req = q.data.requestLocate;
        setRequest(req);
      }
      const r = await gql(REPORT_LOCATE, { input: { requestId: req.id, expectedVersion: req.version, date, regionCode: regionCode.trim(), summary } });
      return { errors: r.errors, evidence: r.data ? { kind: 'LOCATE_REPORT', ...r.data.reportLocate } : undefined };
    }, props.onRecorded);
  };
  return (
    <form className="evidence-form" data-form="LOCATE_FAMILY" onSubmit={submit} noValidate>
      <Field label={t('查找日期')} name="date" errors={errors}><input type="date" data-field="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} required /></Field>
      <Field label={t('现居住地行政区划代码')} name="regionCode" errors={errors} hint={t('6 位，如 450204 柳南区')}>
        <input data-field="regionCode" value={regionCode} inputMode="numeric" maxLength={6} onChange={(e) => setRegionCode(e.target.value)} required />
      </Field>
      <Field label={t('查找情况')} name="summary" errors={errors}><textarea data-field="summary" value={summary} rows={3} maxLength={2000} onChange={(e) => setSummary(e.target.value)} required /></Field>
      <Actions busy={busy} label={t('登记协查反馈并办结')} errors={errors} />
    </form>
  );
}

/** 法律告知 (police): to whom, when, what the notice said. */
export function LegalNoticeForm(props: FormProps) {
  const [recipientKind, setRecipientKind] = useState<NoticeRecipient>('GUARDIAN');
  const [recipient, setRecipient] = useState('');
  const [servedOn, setServedOn] = useState(today());
  const [content, setContent] = useState('依据《中华人民共和国义务教育法》，适龄儿童、少年的父母或者其他法定监护人应当依法保证其按时入学接受并完成义务教育。');
  const { errors, busy, save } = useSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const r = await gql(SERVE_NOTICE, { input: { studentId: props.studentId, recipientKind, recipient, servedOn, content } });
      return { errors: r.errors, evidence: r.data ? { kind: 'LEGAL_NOTICE', ...r.data.serveLegalNotice } : undefined };
    }, props.onRecorded);
  };
  return (
    <form className="evidence-form" data-form="LEGAL_NOTICE" onSubmit={submit} noValidate>
      <Field label={t('送达对象')} name="recipientKind" errors={errors}>
        <select data-field="recipientKind" value={recipientKind} onChange={(e) => setRecipientKind(e.target.value as NoticeRecipient)}>
          {choices('NoticeRecipient').map(([code, words]) => <option key={code} value={code}>{words}</option>)}
        </select>
      </Field>
      <Field label={t('监护人姓名或用人单位名称')} name="recipient" errors={errors}><input data-field="recipient" value={recipient} maxLength={100} onChange={(e) => setRecipient(e.target.value)} required /></Field>
      <Field label={t('送达日期')} name="servedOn" errors={errors}><input type="date" data-field="servedOn" value={servedOn} max={today()} onChange={(e) => setServedOn(e.target.value)} required /></Field>
      <Field label={t('告知内容')} name="content" errors={errors}><textarea data-field="content" value={content} rows={3} onChange={(e) => setContent(e.target.value)} required /></Field>
      <Actions busy={busy} label={t('登记送达并办结')} errors={errors} />
    </form>
  );
}

/** 资助帮扶 (civil affairs): which programme, how much, for which period, granted when. */
export function AidGrantForm(props: FormProps) {
  const year = today().slice(0, 4);
  const [programme, setProgramme] = useState<AidProgramme>('MINIMUM_LIVING');
  const [amount, setAmount] = useState('');
  const [periodStart, setPeriodStart] = useState(`${year}-09-01`);
  const [periodEnd, setPeriodEnd] = useState(`${Number(year) + 1}-01-31`);
  const [grantedOn, setGrantedOn] = useState(today());
  const { errors, busy, save } = useSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const value = Number(amount);
      if (!amount.trim() || !Number.isFinite(value)) return { errors: [{ message: t('请填写金额（元）'), extensions: { field: 'input.amount' } }] };
      const r = await gql(GRANT_AID, { input: { studentId: props.studentId, programme, amount: value, periodStart, periodEnd, grantedOn } });
      return { errors: r.errors, evidence: r.data ? { kind: 'AID_GRANT', ...r.data.grantAid } : undefined };
    }, props.onRecorded);
  };
  return (
    <form className="evidence-form" data-form="AID" onSubmit={submit} noValidate>
      <Field label={t('资助项目')} name="programme" errors={errors}>
        <select data-field="programme" value={programme} onChange={(e) => setProgramme(e.target.value as AidProgramme)}>
          {choices('AidProgramme').map(([code, words]) => <option key={code} value={code}>{words}</option>)}
        </select>
      </Field>
      <Field label={t('金额（元）')} name="amount" errors={errors}><input data-field="amount" value={amount} inputMode="decimal" onChange={(e) => setAmount(e.target.value)} required /></Field>
      <Field label={t('资助期间起')} name="periodStart" errors={errors}><input type="date" data-field="periodStart" value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} required /></Field>
      <Field label={t('资助期间止')} name="periodEnd" errors={errors}><input type="date" data-field="periodEnd" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} required /></Field>
      <Field label={t('发放日期')} name="grantedOn" errors={errors}><input type="date" data-field="grantedOn" value={grantedOn} max={today()} onChange={(e) => setGrantedOn(e.target.value)} required /></Field>
      <Actions busy={busy} label={t('登记发放并办结')} errors={errors} />
    </form>
  );
}

/** 复学安置 (education): 12 复学 in the pupil's record, which closes the case as returned. */
export function ReturnToSchoolForm(props: FormProps) {
  const child = useQuery(CHILD_AT_SCHOOL, { id: props.studentId });
  const s = child.data?.student;
  const [date, setDate] = useState(today());
  const [grade, setGrade] = useState('');
  const [className, setClassName] = useState('');
  const { errors, busy, save } = useSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!s) return;
    void save(async () => {
      const r = await gql(RETURN_TO_SCHOOL, {
        input: { studentId: props.studentId, code: 'RESUMPTION', date, expectedVersion: s.version ?? 0, grade: Number(grade || s.enrollment?.grade), className: className || s.enrollment?.className, crossesDistrict: false },
      });
      const closed = r.data?.recordStatusChange.dropoutCases?.filter((c) => c.status === 'CLOSED' && c.outcome === 'RETURNED').sort((a, b) => (b.closedOn ?? '').localeCompare(a.closedOn ?? ''))[0];
      if (r.data && !closed) return { errors: [{ message: t('已登记复学，但没有以“劝返复学”销号的档案') }] };
      return { errors: r.errors, evidence: closed ? { kind: 'RE_ENROLMENT', id: closed.id, attestation: closed.attestation } : undefined };
    }, props.onRecorded);
  };
  if (child.loading) return <p className="muted">{t('加载中…')}</p>;
  if (!s) return <p className="error" role="alert">{child.errors[0]?.message ?? t('无学籍')}</p>;
  return (
    <form className="evidence-form" data-form="RE_ENROLMENT" onSubmit={submit} noValidate>
      <p className="muted">{s.enrollment ? `${s.enrollment.school.name} ${s.enrollment.grade}${t('年级')} ${s.enrollment.className}` : ''}</p>
      <Field label={t('复学日期')} name="date" errors={errors}><input type="date" data-field="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} required /></Field>
      <Field label={t('复学年级')} name="grade" errors={errors}><input data-field="grade" inputMode="numeric" placeholder={String(s.enrollment?.grade ?? '')} value={grade} onChange={(e) => setGrade(e.target.value)} /></Field>
      <Field label={t('班级')} name="className" errors={errors}><input data-field="className" placeholder={s.enrollment?.className ?? ''} value={className} maxLength={20} onChange={(e) => setClassName(e.target.value)} /></Field>
      <Actions busy={busy} label={t('登记复学并办结')} errors={errors} />
    </form>
  );
}

/** 函告户籍地 (education): a letter to the education bureau of the child's hukou region. */
export function LetterForm(props: FormProps) {
  const child = useQuery(CHILD_AT_SCHOOL, { id: props.studentId });
  const s = child.data?.student;
  const [sentOn, setSentOn] = useState(today());
  const [regionCode, setRegionCode] = useState('');
  const [recipient, setRecipient] = useState('');
  const { errors, busy, save } = useSave();
  const caseId = props.caseId ?? s?.dropoutCase?.id ?? null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      if (!caseId) return { errors: [{ message: t('该生没有辍学档案，无法发函'), extensions: { field: 'input.caseId' } }] };
      const r = await gql(ISSUE_LETTER, { input: { caseId, originRegionCode: (regionCode || s?.hukou?.regionCode || '').trim(), recipient: recipient.trim() || null, sentOn } });
      return { errors: r.errors, evidence: r.data ? { kind: 'LETTER', ...r.data.issueLetter } : undefined };
    }, props.onRecorded);
  };
  if (child.loading) return <p className="muted">{t('加载中…')}</p>;
  return (
    <form className="evidence-form" data-form="LETTER_TO_ORIGIN" onSubmit={submit} noValidate>
      <Field label={t('户籍地行政区划代码')} name="originRegionCode" errors={errors} hint={s?.hukou?.regionName ?? undefined}>
        <input data-field="originRegionCode" value={regionCode} placeholder={s?.hukou?.regionCode ?? ''} inputMode="numeric" maxLength={6} onChange={(e) => setRegionCode(e.target.value)} />
      </Field>
      <Field label={t('收函单位')} name="recipient" errors={errors} hint={t('缺省为户籍地教育局')}><input data-field="recipient" value={recipient} maxLength={100} onChange={(e) => setRecipient(e.target.value)} /></Field>
      <Field label={t('发函日期')} name="sentOn" errors={errors}><input type="date" data-field="sentOn" value={sentOn} max={today()} onChange={(e) => setSentOn(e.target.value)} required /></Field>
      {errors.caseId && <p className="error" role="alert">{errors.caseId}</p>}
      <Actions busy={busy} label={t('登记发函并办结')} errors={errors} />
    </form>
  );
}

/** 劝返过程记录 (education): a call, a talk, a note on the child's case file; not a task's evidence. */
export function CaseRecordForm(props: { caseId: string; onSaved: () => void }) {
  const [date, setDate] = useState(today());
  const [kind, setKind] = useState<'PHONE_CALL' | 'TALK' | 'HOME_VISIT' | 'NOTE'>('TALK');
  const [summary, setSummary] = useState('');
  const [saved, setSaved] = useState(false);
  const { errors, busy, save } = useSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const r = await gql(ADD_CASE_RECORD, { input: { caseId: props.caseId, date, kind, summary } });
      if (!r.errors.length) {
        setSummary('');
        setSaved(true);
        props.onSaved();
      }
      return { errors: r.errors };
    }, async () => undefined);
  };
  return (
    <form className="evidence-form" data-form="CASE_RECORD" onSubmit={submit} noValidate>
      <Field label={t('日期')} name="date" errors={errors}><input type="date" data-field="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} /></Field>
      <Field label={t('类别')} name="kind" errors={errors}>
        <select data-field="kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {choices('CaseRecordKind').filter(([c]) => ['PHONE_CALL', 'TALK', 'HOME_VISIT', 'NOTE'].includes(c)).map(([code, words]) => <option key={code} value={code}>{words}</option>)}
        </select>
      </Field>
      <Field label={t('过程记录')} name="summary" errors={errors}><textarea data-field="summary" value={summary} rows={3} onChange={(e) => { setSummary(e.target.value); setSaved(false); }} /></Field>
      <div className="form-actions">
        <button type="submit" data-action="add-case-record" disabled={busy}>{t('追加过程记录')}</button>
        {saved && <span className="muted" role="status">✓ {t('已记录')}</span>}
        {errors[''] && <p className="error" role="alert">{errors['']}</p>}
      </div>
    </form>
  );
}

const CARER_RELATIONS = ['祖父母', '外祖父母', '其他亲属', '邻居或朋友', '其他'];

/** 留守儿童登记 (civil affairs), from the child's page: the ID number typed from the household booklet must be this child's. */
export function LeftBehindForm(props: { studentId: string; name: string; onSaved: () => void }) {
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState(props.name);
  const [carerName, setCarerName] = useState('');
  const [carerRelation, setCarerRelation] = useState(CARER_RELATIONS[0]);
  const [parentsWorkplace, setParentsWorkplace] = useState('');
  const [registeredOn, setRegisteredOn] = useState(today());
  const [saved, setSaved] = useState(false);
  const { errors, busy, save } = useSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const r = await gql(REGISTER_LEFT_BEHIND, { input: { studentId: props.studentId, idNumber: idNumber.trim(), name, carerName, carerRelation, parentsWorkplace: parentsWorkplace.trim() || null, registeredOn } });
      if (!r.errors.length) {
        setSaved(true);
        props.onSaved();
      }
      return { errors: r.errors };
    }, async () => undefined);
  };
  if (saved) return <p role="status" data-testid="left-behind-saved">✓ {t('已登记为留守儿童')}</p>;
  return (
    <form className="evidence-form" data-form="LEFT_BEHIND" onSubmit={submit} noValidate>
      <Field label={t('身份证号（户口簿）')} name="idNumber" errors={errors}><input data-field="idNumber" value={idNumber} maxLength={18} autoComplete="off" onChange={(e) => setIdNumber(e.target.value)} required /></Field>
      <Field label={t('姓名')} name="name" errors={errors}><input data-field="name" value={name} maxLength={50} onChange={(e) => setName(e.target.value)} required /></Field>
      <Field label={t('照料人')} name="carerName" errors={errors}><input data-field="carerName" value={carerName} maxLength={50} onChange={(e) => setCarerName(e.target.value)} required /></Field>
      <Field label={t('与儿童关系')} name="carerRelation" errors={errors}>
        <select data-field="carerRelation" value={carerRelation} onChange={(e) => setCarerRelation(e.target.value)}>{CARER_RELATIONS.map((r) => <option key={r} value={r}>{t(r)}</option>)}</select>
      </Field>
      <Field label={t('父母务工地')} name="parentsWorkplace" errors={errors}><input data-field="parentsWorkplace" value={parentsWorkplace} maxLength={100} onChange={(e) => setParentsWorkplace(e.target.value)} /></Field>
      <Field label={t('登记日期')} name="registeredOn" errors={errors}><input type="date" data-field="registeredOn" value={registeredOn} max={today()} onChange={(e) => setRegisteredOn(e.target.value)} /></Field>
      <Actions busy={busy} label={t('登记留守儿童')} errors={errors} />
    </form>
  );
}

/** The form each kind of task is evidenced with, for the department that does it. */
export const EVIDENCE_FORM: Partial<Record<string, (p: FormProps) => ReactNode>> = {
  HOME_VISIT: HomeVisitForm,
  LOCATE_FAMILY: LocateReportForm,
  LEGAL_NOTICE: LegalNoticeForm,
  AID: AidGrantForm,
  RE_ENROLMENT: ReturnToSchoolForm,
  LETTER_TO_ORIGIN: LetterForm,
};
