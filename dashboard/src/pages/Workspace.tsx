import { useState, type FormEvent } from 'react';
import { gql, fieldErrors, stateOf, type Identity } from '../api';
import { graphql } from '../gql';
import type { TaskStatus, TaskType } from '../gql/graphql';
import { useQuery } from '../query';
import { L, choices, dept, t, tf } from '../i18n';
import { Section } from '../ui';
import { inDays } from '../dates';
import { FindChild, childName, childPlace, type ChildSummary } from '../work/FindChild';
import { TaskCard } from '../work/TaskCard';
import { Field } from '../work/EvidenceForms';
import { useScopeWords } from '../work/places';
import { Resolutions } from '../work/Resolutions';

const WORK_QUEUE = graphql(`query WorkQueue($filter: WorkQueueFilter, $first: Int, $after: String) {
  workQueue(filter: $filter, first: $first, after: $after) { totalCount nodes { ...QueueTask } pageInfo { hasNextPage endCursor } }
}`);
const PICKED_CHILD = graphql(`query PickedChild($id: ID!) { student(id: $id) { ...ChildSummary } resident(id: $id) { ...ChildSummary } }`);
const ASSIGN_TASK = graphql(`mutation AssignFromWorkspace($input: AssignTaskInput!) { assignTask(input: $input) { id } }`);

/** who does each kind of task, as the joint meeting's rules say (docs/architecture.md#persuasion-tasks) */
const TASK_RULES = graphql(`query TaskRules { taskRules { type departments evidence } }`);
const PAGE = 20;
const STATUS_CHOICES: Record<string, TaskStatus[] | null> = { open: null, DONE: ['DONE'], REJECTED: ['REJECTED'], all: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'DONE', 'REJECTED'] };


/** 交办任务: pick the child from a search, see who it is, choose the work and its due date. */
function AssignForm(props: { identity: Identity; onAssigned: () => void }) {
  // from a child's page: #/workspace?student=<linkage key>
  const fromPage = new URLSearchParams(location.hash.split('?')[1] ?? '').get('student');
  const picked = useQuery(fromPage ? PICKED_CHILD : null, { id: fromPage ?? '' });
  // undefined: nothing chosen yet (the child of the page it came from, if any); null: cleared
  const [chosen, setChild] = useState<ChildSummary | null | undefined>(undefined);
  const child = chosen === undefined ? picked.data?.student ?? picked.data?.resident ?? null : chosen;
  const [type, setType] = useState<TaskType>('HOME_VISIT');
  const [dueDate, setDueDate] = useState(inDays(14));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const rules = useQuery(TASK_RULES, {});
  const departmentOf = (taskType: string) => rules.data?.taskRules.find((r) => r.type === taskType)?.departments[0] ?? '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!child) return setErrors({ studentId: t('请先查找并选择一名儿童') });
    const r = await gql(ASSIGN_TASK, { input: { studentId: child.id, type, department: departmentOf(type), dueDate, note: note.trim() || null } });
    setErrors(fieldErrors(r.errors));
    if (r.data) {
      setDone(r.data.assignTask.id);
      setNote('');
      props.onAssigned();
    }
  };
  return (
    <div className="assign" data-testid="assign-form">
      {!child ? (
        <FindChild identity={props.identity} onPick={(c) => { setChild(c); setDone(null); }} pickLabel={t('交办给该生')} />
      ) : (
        <form onSubmit={(e) => void submit(e)} className="evidence-form" noValidate>
          <p className="picked" data-testid="assign-child">
            <strong>{childName(child)}</strong> <span className="muted">{childPlace(child)}</span>
            <button type="button" data-action="change-child" onClick={() => setChild(null)}>{t('换一名')}</button>
          </p>
          {errors.studentId && <p className="field-error" role="alert">{errors.studentId}</p>}
          <Field label={t('任务类型')} name="type" errors={errors}>
            <select data-field="type" value={type} onChange={(e) => setType(e.target.value as TaskType)}>
              {(rules.data?.taskRules ?? []).map((r) => <option key={r.type} value={r.type}>{L('TaskType', r.type)} → {r.departments.map((d) => dept(d)).join('、')}</option>)}
            </select>
          </Field>
          <Field label={t('办结期限')} name="dueDate" errors={errors}><input type="date" data-field="due" value={dueDate} min={inDays(0)} onChange={(e) => setDueDate(e.target.value)} /></Field>
          <Field label={t('说明')} name="note" errors={errors}><input data-field="note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} /></Field>
          <div className="form-actions">
            <button className="primary" type="submit" data-action="assign">{t('交办')}</button>
            {errors[''] && <p className="error" role="alert">{errors['']}</p>}
            {done && <p role="status" data-testid="assign-message" data-task-id={done}>✓ {t('已交办给')}{dept(departmentOf(type))}</p>}
          </div>
        </form>
      )}
    </div>
  );
}

/**
 * 工作台: the first page after sign-in for a department's staff — find a child, the department's
 * open work (overdue first, then due soonest, newest first within a day) with filters and pages,
 * each task naming its child and carrying the form of its evidence; the joint meeting and the
 * bureau also assign work here. Only children inside the caller's scope are listed.
 */
export function Workspace(props: { identity: Identity }) {
  const { identity } = props;
  const assigner = (identity.department === 'joint_meeting' || identity.department === 'education') && identity.scope.kind === 'district';
  const [status, setStatus] = useState('open');
  const [type, setType] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [dueBy, setDueBy] = useState('');
  const [department, setDepartment] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  // the department select: '' the caller's own (the joint meeting's: every department), 'all' every department, or one
  const filter = {
    status: STATUS_CHOICES[status], type: (type || null) as TaskType | null, overdue: overdue || null, dueBy: dueBy || null,
    department: department && department !== 'all' ? department : null, allDepartments: department === 'all' || null,
  };
  const queue = useQuery(WORK_QUEUE, { filter, first: PAGE, after: cursors.at(-1) ?? null }, version);
  // the department's own work lately done, with the evidence each rests on
  const done = useQuery(WORK_QUEUE, { filter: { status: ['DONE'] }, first: 5, after: null }, version);
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setCursors([null]);
  };
  const q = queue.data?.workQueue;
  const state = stateOf(queue.errors, 'workQueue');
  const pageNumber = cursors.length;
  const reach = useScopeWords(identity);
  return (
    <div className="workspace" data-testid="workspace">
      <Section title={t('查找儿童')} testId="find">
        <p className="muted">{t('查找范围')}：{reach}</p>
        <FindChild identity={identity} />
      </Section>
      {assigner && <Section title={t('交办任务')} testId="assign"><AssignForm identity={identity} onAssigned={refresh} /></Section>}
      <Section title={identity.department === 'joint_meeting' ? t('各部门任务') : `${t('本部门任务')}（${dept(identity.department)}）`} testId="queue" state={state.state} message={state.message} loading={queue.loading && !q}>
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('筛选')}>
          <label>{t('状态')}
            <select data-filter="status" value={status} onChange={(e) => changed(setStatus)(e.target.value)}>
              <option value="open">{t('未办结')}</option>
              <option value="DONE">{L('TaskStatus', 'DONE')}</option>
              <option value="REJECTED">{L('TaskStatus', 'REJECTED')}</option>
              <option value="all">{t('全部')}</option>
            </select>
          </label>
          <label>{t('任务类型')}
            <select data-filter="type" value={type} onChange={(e) => changed(setType)(e.target.value)}>
              <option value="">{t('全部')}</option>
              {choices('TaskType').map(([code, words]) => <option key={code} value={code}>{words}</option>)}
            </select>
          </label>
          {assigner && (
            <label>{t('承办部门')}
              <select data-filter="department" value={department} onChange={(e) => changed(setDepartment)(e.target.value)}>
                <option value="">{identity.department === 'joint_meeting' ? t('全部') : t('本部门')}</option>
                {identity.department !== 'joint_meeting' && <option value="all">{t('全部')}</option>}
                {['education', 'public_security', 'civil_affairs', 'community'].map((d) => <option key={d} value={d}>{dept(d)}</option>)}
              </select>
            </label>
          )}
          <label className="check"><input type="checkbox" data-filter="overdue" checked={overdue} onChange={(e) => changed(setOverdue)(e.target.checked)} />{t('只看逾期')}</label>
          <label>{t('期限不晚于')}<input type="date" data-filter="due-by" value={dueBy} onChange={(e) => changed(setDueBy)(e.target.value)} /></label>
          <button type="button" className="print-button" onClick={() => window.print()}>{t('打印')}</button>
        </form>
        {q && (
          <>
            <p className="muted" data-testid="queue-count" aria-live="polite">
              {q.totalCount > 0 ? tf('共 {n} 条，第 {page} 页', { n: q.totalCount, page: pageNumber }) : tf('共 {n} 条', { n: 0 })}。{t('只列出您范围内的儿童')}（{reach}）。
            </p>
            {q.nodes.length === 0 ? <p className="muted" data-state="empty">{t('没有符合条件的任务')}</p> : (
              <ul className="tasks">{q.nodes.map((x) => <TaskCard key={x.id} task={x} identity={identity} onChange={refresh} />)}</ul>
            )}
            <nav className="pager" aria-label={t('翻页')}>
              <button data-action="previous-page" disabled={pageNumber === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('上一页')}</button>
              <button data-action="next-page" disabled={!q.pageInfo.hasNextPage} onClick={() => setCursors((c) => [...c, q.pageInfo.endCursor ?? null])}>{t('下一页')}</button>
            </nav>
          </>
        )}
      </Section>
      <Section title={t('本部门最近办结')} testId="recent-done" loading={done.loading && !done.data} state={stateOf(done.errors, 'workQueue').state} empty={done.data?.workQueue.nodes.length === 0}>
        <table className="list">
          <thead><tr><th scope="col">{t('姓名')}</th><th scope="col">{t('任务类型')}</th><th scope="col">{t('办结日期')}</th><th scope="col">{t('佐证材料')}</th></tr></thead>
          <tbody>
            {done.data?.workQueue.nodes.map((x) => (
              <tr key={x.id} data-task-id={x.id}>
                <td><a href={`#/child/${encodeURIComponent(x.student.id)}`}>{childName(x.student)}</a></td>
                <td>{L('TaskType', x.type)}</td><td>{x.completedOn ?? '—'}</td><td>{x.evidenceKind ? L('EvidenceKind', x.evidenceKind) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" data-action="show-done" onClick={() => { setStatus('DONE'); setCursors([null]); }}>{t('查看全部已办结')}</button>
      </Section>
      {identity.scope.kind !== 'school' && identity.scope.kind !== 'community' && <Resolutions identity={identity} />}
    </div>
  );
}
