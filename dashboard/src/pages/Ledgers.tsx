import { useState } from 'react';
import { gql, stateOf, type Identity } from '../api';
import { Section } from '../ui';
import { TASK_TYPE, t } from '../i18n';
import { useQuery } from '../query';
import { graphql } from '../gql';
import { inDays } from '../dates';

const FINDING: Record<string, string> = {
  NEVER_ENROLLED: '未入学（有户籍/居住登记、无学籍）', LEFT_SCHOOL: '转出后去向待核', NOT_ATTENDING: '在籍未在校', TREAT_AS_DROPOUT: '连续缺课视为辍学', POOR_DROPOUT: '辍学学生属建档立卡贫困户',
};
const LEVEL: Record<string, string> = { NONE: '无', LOW: '关注', MEDIUM: '预警', HIGH: '高危' };

interface Suspected { student: { id: string; name: string | null; enrollment: { school: { name: string }; grade: number } | null; earlyWarning: { level: string; score: number; reasons: { detail: string; department: string }[] } | null }; attendance: { unexcusedDays: number; consecutiveAbsentWeeks: number; treatAsDropout: boolean }; suggestedAction: string }
interface Finding { id: string; version: number; finding: string; knownTo: string[]; reasons: string[]; suggestedTask: string | null; status: string; student: { id: string; name: string | null; hukou: { name: string } | null; community: { residentName: string } | null } }

const SUSPECTED_DROPOUTS = graphql(`query SuspectedDropouts($asOf: String) { suspectedDropouts(asOf: $asOf, first: 100) { totalCount nodes { student { id name enrollment { school { name } grade } earlyWarning(asOf: $asOf) { level score reasons { detail department } } } attendance { unexcusedDays consecutiveAbsentWeeks treatAsDropout } suggestedAction } } }`);
const LEDGER_FINDINGS = graphql(`query LedgerFindings { crossCheck { id asOf schoolAge findings } ledger(kind: SCHOOL_AGE, onlyFindings: true, first: 100) { nodes { id version finding knownTo reasons suggestedTask status student { id name hukou { name } community { residentName } } } } }`);
const RUN_CROSS_CHECK = graphql(`mutation RunCrossCheck($asOf: String) { runCrossCheck(asOf: $asOf) { status schoolAge findings } }`);
const ACT_ON_FINDING = graphql(`mutation ActOnFinding($input: ActOnFindingInput!) { actOnFinding(input: $input) { id } }`);

export function Ledgers(_props: { identity: Identity }) {
  const [asOf, setAsOf] = useState('2018-12-21');
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const suspected = useQuery<{ suspectedDropouts: { totalCount: number; nodes: Suspected[] } }>(
    SUSPECTED_DROPOUTS,
    { asOf },
  );
  const findings = useQuery<{ crossCheck: { id: string; asOf: string; schoolAge: number; findings: number } | null; ledger: { nodes: Finding[] } }>(
    LEDGER_FINDINGS, {}, version,
  );
  const run = async () => {
    setMessage(t('加载中…'));
    const r = await gql<{ runCrossCheck: { status: string; schoolAge: number; findings: number } }>(RUN_CROSS_CHECK, { asOf });
    const done = r.data?.runCrossCheck;
    // a long run comes back unfinished: the cross-check worker is still on it, and the ledgers show the last finished one
    setMessage(r.errors.length ? r.errors[0].message : done!.status !== 'DONE' ? t('比对仍在进行，稍后刷新查看结果') : `✓ ${done!.schoolAge} / ${done!.findings}`);
    setVersion((v) => v + 1);
  };
  const act = async (f: Finding) => {
    const r = await gql(ACT_ON_FINDING, { input: { entryId: f.id, expectedVersion: f.version, dueDate: inDays(14) } });
    setMessage(r.errors.length ? r.errors[0].message : '✓');
    setVersion((v) => v + 1);
  };
  const s = stateOf(suspected.errors, 'suspectedDropouts');
  const f = stateOf(findings.errors, 'ledger');
  return (
    <div className="ledgers">
      <label>{t('比对日期')} <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
      <Section title={`${t('疑似辍学台账')}（${suspected.data?.suspectedDropouts.totalCount ?? '…'}）`} loading={suspected.loading} state={s.state} message={s.message} empty={suspected.data?.suspectedDropouts.nodes.length === 0} testId="suspected">
        <table className="list"><tbody>
          {suspected.data?.suspectedDropouts.nodes.map((n) => (
            <tr key={n.student.id}>
              <td><a href={`#/child/${encodeURIComponent(n.student.id)}`}>{n.student.name}</a></td>
              <td>{n.student.enrollment?.school.name} {n.student.enrollment?.grade}年级</td>
              <td>无故缺课 {n.attendance.unexcusedDays} 天{n.attendance.consecutiveAbsentWeeks ? `，连续 ${n.attendance.consecutiveAbsentWeeks} 周` : ''}</td>
              <td className={`level-${n.student.earlyWarning?.level}`}>{n.student.earlyWarning ? `${LEVEL[n.student.earlyWarning.level]} ${n.student.earlyWarning.score}` : ''}</td>
              <td>{n.student.earlyWarning?.reasons.map((r) => r.detail).join('；')}</td>
              <td>{n.suggestedAction}</td>
            </tr>
          ))}
        </tbody></table>
      </Section>
      <Section title={`${t('四查三比对')}${findings.data?.crossCheck ? `（${findings.data.crossCheck.asOf}：适龄 ${findings.data.crossCheck.schoolAge}，发现 ${findings.data.crossCheck.findings}）` : ''}`} loading={findings.loading} state={f.state} message={f.message} testId="findings">
        <button data-action="run-check" onClick={run}>{t('运行比对')}</button> {message && <span data-testid="run-message">{message}</span>}
        <table className="list"><tbody>
          {findings.data?.ledger.nodes.map((n) => (
            <tr key={n.id} data-finding={n.finding}>
              <td>{n.student.name ?? n.student.hukou?.name ?? n.student.community?.residentName}</td>
              <td>{FINDING[n.finding]}</td>
              <td>{n.reasons.join('；')}</td>
              <td>{n.status === 'OPEN' && n.suggestedTask ? <button data-action="act" onClick={() => act(n)}>{t('处理：派发建议任务')}（{TASK_TYPE[n.suggestedTask]}）</button> : n.status}</td>
            </tr>
          ))}
        </tbody></table>
      </Section>
    </div>
  );
}
