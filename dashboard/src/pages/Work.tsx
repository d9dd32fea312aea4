import { useState } from 'react';
import { stateOf, type Identity } from '../api';
import { Section } from '../ui';
import { L, choices, t } from '../i18n';
import { useQuery } from '../query';
import { graphql } from '../gql';
import { TaskCard } from '../work/TaskCard';

const ALL_TASKS = graphql(`query TaskBoard { tasks { ...QueueTask } }`);

/** shown per column: the open work whole, the latest of the done */
const SHOWN: Record<string, number> = { DONE: 10 };

/**
 * 任务看板 (the joint meeting and the district bureau): every department's tasks by status, open
 * work overdue first then by due date, done work the latest first. Work is done from each
 * department's workspace; here it is watched and reassigned.
 */
export function Work(props: { identity: Identity }) {
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const all = useQuery(ALL_TASKS, {}, version);
  const board = all.data?.tasks ?? [];
  return (
    <div className="work">
      <p className="muted"><a href="#/workspace">{t('派发任务请到工作台')}</a></p>
      <Section title={t('全部任务')} loading={all.loading} state={stateOf(all.errors, 'tasks').state} empty={board.length === 0} testId="task-board">
        <div className="board">
          {choices('TaskStatus').map(([s]) => {
            const column = board.filter((x) => x.status === s)
              .sort((a, b) => (s === 'DONE' ? b.dueDate.localeCompare(a.dueDate) : Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate)));
            const shown = SHOWN[s] ?? 50;
            return (
              <div key={s} className="column" data-column={s}>
                <h4>{L('TaskStatus', s)} ({column.length})</h4>
                <ul className="tasks">{column.slice(0, shown).map((x) => <TaskCard key={`${x.id}-${x.version}`} task={x} identity={props.identity} onChange={refresh} />)}</ul>
                {column.length > shown && <p className="more">… {t('另有')} {column.length - shown}</p>}
              </div>
            );
          })}
        </div>
      </Section>
    </div>
  );
}
