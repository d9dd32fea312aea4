import { useState } from 'react';
import { gql, isConflict, type GqlError, type Identity } from '../api';
import { graphql } from '../gql';
import type { QueueTaskFragment } from '../gql/graphql';
import { L, dept, t } from '../i18n';
import { inDays } from '../dates';
import { childName, childPlace } from './FindChild';
import { CaseRecordForm, EVIDENCE_FORM, type Evidence } from './EvidenceForms';

graphql(`fragment QueueTask on PersuasionTask {
  id type status version assignedDepartment dueDate overdue note caseId evidenceKind completedOn rejectionReason
  student { ...ChildSummary dropoutCase { id status } }
  history { date user department action note }
}`);
const ACCEPT_TASK = graphql(`mutation AcceptQueueTask($input: MoveTaskInput!) { acceptTask(input: $input) { id version status } }`);
const START_TASK = graphql(`mutation StartQueueTask($input: MoveTaskInput!) { startTask(input: $input) { id version status } }`);
const COMPLETE_TASK = graphql(`mutation CompleteQueueTask($input: CompleteTaskInput!) { completeTask(input: $input) { id version status } }`);
const REJECT_TASK = graphql(`mutation RejectQueueTask($input: RejectTaskInput!) { rejectTask(input: $input) { id version status } }`);
const REASSIGN_TASK = graphql(`mutation ReassignQueueTask($input: ReassignTaskInput!) { reassignTask(input: $input) { id version status } }`);

export type QueueTask = QueueTaskFragment;

const ASSIGNERS = ['joint_meeting', 'education'];
/** the statuses a department still works on */
const OPEN = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS'];

/**
 * One task as its department works it: the child it is about (name, school and grade, community),
 * what and by when, what has been done; the next step for the department that holds it, with the
 * form of its evidence; and, for the joint meeting and the bureau, a new due date.
 */
export function TaskCard(props: { task: QueueTask; identity: Identity; onChange: () => void }) {
  const { task, identity } = props;
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [newDue, setNewDue] = useState(inDays(7));
  const [working, setWorking] = useState(false);
  const [recorded, setRecorded] = useState<Evidence | null>(null);
  const mine = task.assignedDepartment === identity.department;
  const assigner = ASSIGNERS.includes(identity.department) && identity.scope.kind === 'district';
  const report = (errors: GqlError[]) => {
    if (!errors.length) return false;
    const conflict = isConflict(errors);
    setError(conflict ? t('这条任务已被他人更新，已显示最新状态') : errors.map((e) => e.message).join('；'));
    if (conflict) props.onChange();
    return true;
  };
  const move = async (step: 'accept' | 'start') => {
    const input = { taskId: task.id, expectedVersion: task.version };
    const r = step === 'accept' ? await gql(ACCEPT_TASK, { input }) : await gql(START_TASK, { input });
    if (!report(r.errors)) props.onChange();
  };
  const complete = async (evidence: Evidence) => {
    setRecorded(evidence);
    const r = await gql(COMPLETE_TASK, {
      input: { taskId: task.id, expectedVersion: task.version, evidenceKind: evidence.kind as never, evidenceId: evidence.id, evidenceAttestation: evidence.attestation },
    });
    if (!report(r.errors)) props.onChange();
  };
  const reject = async () => {
    const r = await gql(REJECT_TASK, { input: { taskId: task.id, expectedVersion: task.version, reason } });
    if (!report(r.errors)) props.onChange();
  };
  const reassign = async () => {
    const r = await gql(REASSIGN_TASK, { input: { taskId: task.id, expectedVersion: task.version, department: task.assignedDepartment, dueDate: newDue } });
    if (!report(r.errors)) props.onChange();
  };
  const Form = EVIDENCE_FORM[task.type];
  const child = task.student;
  return (
    <li className={`task ${task.overdue ? 'overdue' : ''}`} data-testid="task" data-task-id={task.id} data-status={task.status} data-type={task.type}>
      <div className="task-head">
        <a className="child-name" href={`#/child/${encodeURIComponent(child.id)}`} data-testid="task-child">{childName(child)}</a>
        <span className="child-place">{childPlace(child)}</span>
      </div>
      <div className="task-meta">
        <strong>{L('TaskType', task.type)}</strong>
        <span>{dept(task.assignedDepartment)}</span>
        <span className={`status status-${task.status}`}>{L('TaskStatus', task.status)}</span>
        {task.overdue && <span className="badge">{t('逾期')}</span>}
        <span className="due">{t('办结期限')} <time>{task.dueDate}</time></span>
        {task.completedOn && <span>{t('办结日期')} <time>{task.completedOn}</time></span>}
        {task.evidenceKind && <span data-testid="task-evidence">{t('佐证材料')}：{L('EvidenceKind', task.evidenceKind)}</span>}
      </div>
      {task.note && <p className="note">{task.note}</p>}
      {task.rejectionReason && <p className="note">{t('退回理由')}：{task.rejectionReason}</p>}
      <details className="history" data-testid="task-history">
        <summary>{t('办理记录')}（{task.history.length}）</summary>
        <ol>{task.history.map((h, i) => <li key={i}><time>{h.date}</time> {dept(h.department)} {h.user} {L('TaskAction', h.action)}{h.note ? `：${h.note}` : ''}</li>)}</ol>
      </details>
      {mine && (
        <div className="task-actions">
          {task.status === 'ASSIGNED' && <button data-action="accept" onClick={() => void move('accept')}>{t('接收')}</button>}
          {task.status === 'ACCEPTED' && <button data-action="start" onClick={() => void move('start')}>{t('开始办理')}</button>}
          {(task.status === 'ACCEPTED' || task.status === 'IN_PROGRESS') && Form && !working && (
            <button className="primary" data-action="work" onClick={() => setWorking(true)}>{t('登记办理情况')}</button>
          )}
        </div>
      )}
      {mine && working && Form && (task.status === 'ACCEPTED' || task.status === 'IN_PROGRESS') && (
        <div className="work-form" data-testid="evidence-form">
          {recorded ? (
            // the record is saved; only the completion is left (for example after someone else moved the task)
            <p>
              {t('佐证材料已登记')}：{L('EvidenceKind', recorded.kind)}
              <button className="primary" data-action="complete" onClick={() => void complete(recorded)}>{t('办结')}</button>
            </p>
          ) : (
            <Form studentId={child.id} caseId={task.caseId ?? child.dropoutCase?.id ?? null} identity={identity} onRecorded={complete} />
          )}
          {identity.department === 'education' && (task.caseId ?? child.dropoutCase?.id) && (
            <details>
              <summary>{t('追加过程记录')}</summary>
              <CaseRecordForm caseId={(task.caseId ?? child.dropoutCase?.id)!} onSaved={() => undefined} />
            </details>
          )}
        </div>
      )}
      {mine && OPEN.includes(task.status) && (
        <details className="reject">
          <summary>{t('退回')}</summary>
          <label>{t('退回理由')}<input value={reason} onChange={(e) => setReason(e.target.value)} data-field="reason" maxLength={2000} /></label>
          <button data-action="reject" disabled={!reason.trim()} onClick={() => void reject()}>{t('退回')}</button>
        </details>
      )}
      {assigner && task.status !== 'DONE' && (
        <span className="reassign">
          <label>{t('新的办结期限')}<input type="date" value={newDue} min={inDays(0)} onChange={(e) => setNewDue(e.target.value)} data-field="new-due" /></label>
          <button data-action="reassign" onClick={() => void reassign()}>{t('重新交办')}</button>
        </span>
      )}
      {error && <p className="error" role="alert" data-testid="task-error">{error}</p>}
    </li>
  );
}
