import { useState } from 'react';
import { gql, stateOf, type Identity, type RegisteredDocument } from '../api';
import { Section } from '../ui';
import { DEPARTMENT, EVIDENCE_OF, TASK_DEPARTMENT, TASK_STATUS, TASK_TYPE, t } from '../i18n';
import { useQuery } from '../query';
import { graphql } from '../gql';
import { inDays, today } from '../dates';

interface Task {
  id: string; type: string; status: string; version: number; assignedDepartment: string; dueDate: string; overdue: boolean; note: string | null; evidenceId: string | null;
  student: { id: string }; history: { date: string; user: string; department: string; action: string; note: string | null }[];
}
graphql(`fragment TaskFields on PersuasionTask { id type status version assignedDepartment dueDate overdue note evidenceId student { id } history { date user department action note } }`);
const MY_TASKS = graphql(`query MyTasks { myTasks(includeDone: true) { ...TaskFields } }`);
const ALL_TASKS = graphql(`query AllTasks { tasks { ...TaskFields } }`);
const REASSIGN_TASK = graphql(`mutation ReassignTask($input: ReassignTaskInput!) { reassignTask(input: $input) { id } }`);
const COMPLETE_TASK = graphql(`mutation CompleteTask($input: CompleteTaskInput!) { completeTask(input: $input) { id } }`);
const REJECT_TASK = graphql(`mutation RejectTask($input: RejectTaskInput!) { rejectTask(input: $input) { id } }`);
const ACCEPT_TASK = graphql(`mutation AcceptTask($input: MoveTaskInput!) { acceptTask(input: $input) { id } }`);
const START_TASK = graphql(`mutation StartTask($input: MoveTaskInput!) { startTask(input: $input) { id } }`);
const RECORD_HOME_VISIT = graphql(`mutation RecordHomeVisit($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id } }`);
const ASSIGN_TASK = graphql(`mutation AssignTask($input: AssignTaskInput!) { assignTask(input: $input) { id } }`);
/** The evidence's attestation, signed by the department that recorded it: the joint meeting checks it with that department's key. */
const ATTESTATION: Record<string, RegisteredDocument> = {
  HOME_VISIT: graphql(`query HomeVisitAttestation($id: ID!) { record: homeVisit(id: $id) { attestation } }`),
  LOCATE_REPORT: graphql(`query LocateRequestAttestation($id: ID!) { record: locateRequest(id: $id) { attestation } }`),
  AID_GRANT: graphql(`query AidGrantAttestation($id: ID!) { record: aidGrant(id: $id) { attestation } }`),
  LEGAL_NOTICE: graphql(`query LegalNoticeAttestation($id: ID!) { record: legalNotice(id: $id) { attestation } }`),
  RE_ENROLMENT: graphql(`query DropoutCaseAttestation($id: ID!) { record: dropoutCase(id: $id) { attestation } }`),
  LETTER: graphql(`query LetterAttestation($id: ID!) { record: letter(id: $id) { attestation } }`),
};
const ACTION: Record<string, string> = { ASSIGN: '派发', ACCEPT: '接收', START: '开始办理', COMPLETE: '办结', REJECT: '退回', REASSIGN: '改派' };

function TaskCard(props: { task: Task; identity: Identity; onChange: () => void }) {
  const { task, identity } = props;
  const [error, setError] = useState<string | null>(null);
  const [evidenceId, setEvidenceId] = useState('');
  const [visitNotes, setVisitNotes] = useState('');
  const [reason, setReason] = useState('');
  const mine = task.assignedDepartment === identity.department;
  const assigner = identity.department === 'joint_meeting' || identity.department === 'education';
  const [newDue, setNewDue] = useState(inDays(7));
  const reassign = () => gql(REASSIGN_TASK, {
    input: { taskId: task.id, expectedVersion: task.version, department: task.assignedDepartment, dueDate: newDue },
  }).then((r) => (r.errors.length ? setError(r.errors[0].message) : props.onChange()));
  const run = async (mutation: 'completeTask' | 'rejectTask', input: Record<string, unknown>) => {
    const r = await gql(mutation === 'completeTask' ? COMPLETE_TASK : REJECT_TASK, { input });
    if (r.errors.length) setError(r.errors.map((e) => e.message).join('; '));
    else props.onChange();
  };
  const complete = async () => {
    const evidenceKind = EVIDENCE_OF[task.type];
    const a = await gql<{ record: { attestation: string } | null }>(ATTESTATION[evidenceKind], { id: evidenceId.trim() });
    if (a.errors.length || !a.data?.record) return setError(a.errors.map((e) => e.message).join('; ') || t('没有这条凭证记录'));
    await run('completeTask', { taskId: task.id, expectedVersion: task.version, evidenceKind, evidenceId: evidenceId.trim(), evidenceAttestation: a.data.record.attestation });
  };
  const move = (name: 'acceptTask' | 'startTask') => gql(name === 'acceptTask' ? ACCEPT_TASK : START_TASK, { input: { taskId: task.id, expectedVersion: task.version } })
    .then((r) => (r.errors.length ? setError(r.errors[0].message) : props.onChange()));
  const recordVisit = async () => {
    const r = await gql<{ recordHomeVisit: { id: string } }>(
      RECORD_HOME_VISIT,
      { input: { studentId: task.student.id, date: today(), visitorName: identity.name, visitorRole: '网格员', outcome: 'MET_FAMILY', notes: visitNotes || '上门核实，动员入学' } },
    );
    if (r.errors.length) setError(r.errors[0].message);
    else setEvidenceId(r.data!.recordHomeVisit.id);
  };
  return (
    <li className={`task ${task.overdue ? 'overdue' : ''}`} data-testid="task" data-task-id={task.id} data-status={task.status}>
      <div className="task-head">
        <strong>{TASK_TYPE[task.type]}</strong> · {DEPARTMENT[task.assignedDepartment]} · <span className="status">{TASK_STATUS[task.status]}</span>
        {task.overdue && <span className="badge">{t('逾期')}</span>}
        <span className="due">{t('办结期限')} {task.dueDate}</span>
        <a href={`#/child/${encodeURIComponent(task.student.id)}`}>{t('打开')}</a>
      </div>
      {task.note && <div className="note">{task.note}</div>}
      <details className="history" data-testid="task-history">
        <summary>{t('办理记录')}（{task.history.length}）</summary>
        <ol>{task.history.map((h, i) => <li key={i}>{h.date} {DEPARTMENT[h.department] ?? h.department} {h.user} {ACTION[h.action] ?? h.action}{h.note ? `：${h.note}` : ''}</li>)}</ol>
      </details>
      {mine && task.status === 'ASSIGNED' && <button data-action="accept" onClick={() => move('acceptTask')}>{t('接收')}</button>}
      {mine && task.status === 'ACCEPTED' && <button data-action="start" onClick={() => move('startTask')}>{t('开始办理')}</button>}
      {mine && task.status === 'IN_PROGRESS' && (
        <div className="complete">
          {task.type === 'HOME_VISIT' && identity.department === 'community' && (
            <span>
              <input placeholder={t('家访情况')} value={visitNotes} onChange={(e) => setVisitNotes(e.target.value)} data-field="visit-notes" />
              <button data-action="record-visit" onClick={recordVisit}>{t('登记家访')}</button>
            </span>
          )}
          <input placeholder={t('凭证编号')} value={evidenceId} onChange={(e) => setEvidenceId(e.target.value)} data-field="evidence" />
          <button data-action="complete" disabled={!evidenceId} onClick={() => void complete()}>{t('办结')}</button>
        </div>
      )}
      {mine && ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS'].includes(task.status) && (
        <span className="reject">
          <input placeholder={t('退回理由')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button data-action="reject" disabled={!reason.trim()} onClick={() => run('rejectTask', { taskId: task.id, expectedVersion: task.version, reason })}>{t('退回')}</button>
        </span>
      )}
      {assigner && task.status !== 'DONE' && (
        <span className="reassign">
          <input type="date" value={newDue} onChange={(e) => setNewDue(e.target.value)} data-field="new-due" />
          <button data-action="reassign" onClick={reassign}>{t('改派')}</button>
        </span>
      )}
      {error && <p className="error" data-testid="task-error">{error}</p>}
    </li>
  );
}

function AssignForm(props: { onAssigned: () => void }) {
  const [studentId, setStudentId] = useState(new URLSearchParams(location.hash.split('?')[1] ?? '').get('student') ?? '');
  const [type, setType] = useState('HOME_VISIT');
  const [dueDate, setDueDate] = useState(inDays(14));
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async () => {
    const r = await gql<{ assignTask: { id: string } }>(ASSIGN_TASK, {
      input: { studentId: studentId.trim(), type, department: TASK_DEPARTMENT[type], dueDate, note: note || null },
    });
    if (r.errors.length) setMessage(r.errors.map((e) => `${e.extensions?.field ?? ''} ${e.message}`).join('; '));
    else {
      setMessage(`✓ ${r.data!.assignTask.id}`);
      props.onAssigned();
    }
  };
  return (
    <div className="form" data-testid="assign-form">
      <label>{t('学生关联键')}<input data-field="student" value={studentId} onChange={(e) => setStudentId(e.target.value)} /></label>
      <label>{t('任务类型')}
        <select data-field="type" value={type} onChange={(e) => setType(e.target.value)}>
          {Object.entries(TASK_TYPE).map(([k, v]) => <option key={k} value={k}>{v} → {DEPARTMENT[TASK_DEPARTMENT[k]]}</option>)}
        </select>
      </label>
      <label>{t('办结期限')}<input data-field="due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} /></label>
      <label>{t('说明')}<input data-field="note" value={note} onChange={(e) => setNote(e.target.value)} /></label>
      <button data-action="assign" onClick={submit}>{t('派发')}</button>
      {message && <p data-testid="assign-message">{message}</p>}
    </div>
  );
}

export function Work(props: { identity: Identity }) {
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const mine = useQuery<{ myTasks: Task[] }>(MY_TASKS, {}, version);
  const assigner = props.identity.department === 'joint_meeting' || props.identity.department === 'education';
  const all = useQuery<{ tasks: Task[] }>(assigner ? ALL_TASKS : null, {}, version);
  const mineState = stateOf(mine.errors, 'myTasks');
  const board = all.data?.tasks ?? [];
  return (
    <div className="work">
      {assigner && <Section title={t('派发任务')}><AssignForm onAssigned={refresh} /></Section>}
      {props.identity.department !== 'joint_meeting' && (
        <Section title={t('我的任务（逾期在前）')} loading={mine.loading} state={mineState.state} message={mineState.message} empty={(mine.data?.myTasks ?? []).length === 0} testId="my-tasks">
          <ul className="tasks">{(mine.data?.myTasks ?? []).map((x) => <TaskCard key={`${x.id}-${x.version}`} task={x} identity={props.identity} onChange={refresh} />)}</ul>
        </Section>
      )}
      {assigner && (
        <Section title={t('全部任务')} loading={all.loading} state={stateOf(all.errors, 'tasks').state} empty={board.length === 0} testId="task-board">
          <div className="board">
            {Object.keys(TASK_STATUS).map((s) => (
              <div key={s} className="column" data-column={s}>
                <h4>{TASK_STATUS[s]} ({board.filter((x) => x.status === s).length})</h4>
                <ul className="tasks">
                  {board.filter((x) => x.status === s)
                    // open work: overdue first, then by due date; done work: the latest first
                    .sort((a, b) => (s === 'DONE' ? b.dueDate.localeCompare(a.dueDate) : Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate)))
                    .slice(0, s === 'DONE' ? 10 : 50)
                    .map((x) => <TaskCard key={`${x.id}-${x.version}`} task={x} identity={props.identity} onChange={refresh} />)}
                </ul>
                {board.filter((x) => x.status === s).length > (s === 'DONE' ? 10 : 50) && <p className="more">… {board.filter((x) => x.status === s).length - (s === 'DONE' ? 10 : 50)}</p>}
              </div>
            ))}
          </div>
        </Section>
      )}
    </div>
  );
}
