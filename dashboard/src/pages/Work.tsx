import { useState } from 'react';
import { stateOf, type Identity } from '../api';
import { Section } from '../ui';
import { L, t } from '../i18n';
import { useQuery } from '../query';
import { graphql } from '../gql';
import { TaskCard } from '../work/TaskCard';

/** each column a page of the queue: open work overdue first then due soonest, done and returned work the latest due first */
const BOARD = graphql(`query TaskBoard {
  assigned: workQueue(filter: { status: [ASSIGNED], allDepartments: true }, first: 30) { totalCount nodes { ...QueueTask } }
  accepted: workQueue(filter: { status: [ACCEPTED], allDepartments: true }, first: 30) { totalCount nodes { ...QueueTask } }
  inProgress: workQueue(filter: { status: [IN_PROGRESS], allDepartments: true }, first: 30) { totalCount nodes { ...QueueTask } }
  done: workQueue(filter: { status: [DONE], allDepartments: true }, first: 10) { totalCount nodes { ...QueueTask } }
  rejected: workQueue(filter: { status: [REJECTED], allDepartments: true }, first: 30) { totalCount nodes { ...QueueTask } }
}`);
const COLUMNS = [['ASSIGNED', 'assigned'], ['ACCEPTED', 'accepted'], ['IN_PROGRESS', 'inProgress'], ['DONE', 'done'], ['REJECTED', 'rejected']] as const;

/**
 * 任务看板 (the joint meeting and the district bureau): every department's tasks by status, open
 * work overdue first then by due date, done work the latest first. Work is done from each
 * department's workspace; here it is watched and reassigned.
 */
export function Work(props: { identity: Identity }) {
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const all = useQuery(BOARD, {}, version);
  const board = all.data;
  return (
    <div className="work">
      <p className="muted"><a href="#/workspace">{t('交办任务请到工作台')}</a></p>
      <Section title={t('全部任务')} loading={all.loading && !board} state={stateOf(all.errors, 'assigned').state} testId="task-board">
        <div className="board">
          {COLUMNS.map(([status, key]) => {
            const column = board?.[key];
            const more = (column?.totalCount ?? 0) - (column?.nodes.length ?? 0);
            return (
              <div key={status} className="column" data-column={status}>
                <h4>{L('TaskStatus', status)} ({column?.totalCount ?? 0})</h4>
                <ul className="tasks">{column?.nodes.map((x) => <TaskCard key={x.id} task={x} identity={props.identity} onChange={refresh} />)}</ul>
                {more > 0 && <p className="more">… {t('另有')} {more}（<a href="#/workspace">{t('工作台')}</a>）</p>}
              </div>
            );
          })}
        </div>
      </Section>
    </div>
  );
}
