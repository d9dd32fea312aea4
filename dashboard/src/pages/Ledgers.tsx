import { useState } from 'react';
import { gql, stateOf, type Identity } from '../api';
import { Section } from '../ui';
import { L, dept, t } from '../i18n';
import { useQuery } from '../query';
import { graphql } from '../gql';
import { inDays } from '../dates';



const SUSPECTED_DROPOUTS = graphql(`query SuspectedDropouts($asOf: String) { suspectedDropouts(asOf: $asOf, first: 100) { totalCount nodes { student { id name enrollment { school { name } grade } earlyWarning(asOf: $asOf) { level score reasons { detail department } } } attendance { unexcusedDays consecutiveAbsentWeeks treatAsDropout } suggestedAction } } }`);
graphql(`fragment FindingFields on LedgerEntry { id version ledger finding knownTo reasons suggestedTask status student { id name hukou { name } community { residentName } } }`);
const LEDGER_FINDINGS = graphql(`query LedgerFindings {
  crossCheck { id asOf schoolAge findings }
  schoolAge: ledger(kind: SCHOOL_AGE, onlyFindings: true, first: 100) { totalCount nodes { ...FindingFields } }
  suspected: ledger(kind: SUSPECTED_DROPOUT, onlyFindings: true, first: 100) { totalCount nodes { ...FindingFields } }
  dropouts: ledger(kind: DROPOUT, onlyFindings: true, first: 100) { totalCount nodes { ...FindingFields } }
}`);
const RUN_CROSS_CHECK = graphql(`mutation RunCrossCheck($asOf: String) { runCrossCheck(asOf: $asOf) { status schoolAge findings } }`);
const ACT_ON_FINDING = graphql(`mutation ActOnFinding($input: ActOnFindingInput!) { actOnFinding(input: $input) { id } }`);

export function Ledgers(_props: { identity: Identity }) {
  const [asOf, setAsOf] = useState('2018-12-21');
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const suspected = useQuery(SUSPECTED_DROPOUTS, { asOf });
  const findings = useQuery(LEDGER_FINDINGS, {}, version);
  const lines = [...(findings.data?.schoolAge.nodes ?? []), ...(findings.data?.suspected.nodes ?? []), ...(findings.data?.dropouts.nodes ?? [])];
  const run = async () => {
    setMessage(t('加载中…'));
    const r = await gql(RUN_CROSS_CHECK, { asOf });
    const done = r.data?.runCrossCheck;
    // a long run comes back unfinished: the cross-check worker is still on it, and the ledgers show the last finished one
    setMessage(r.errors.length ? r.errors[0].message : done!.status !== 'DONE' ? t('比对仍在进行，稍后刷新查看结果') : `✓ ${done!.schoolAge} / ${done!.findings}`);
    setVersion((v) => v + 1);
  };
  const act = async (f: { id: string; version: number }) => {
    const r = await gql(ACT_ON_FINDING, { input: { entryId: f.id, expectedVersion: f.version, dueDate: inDays(14) } });
    setMessage(r.errors.length ? r.errors[0].message : '✓');
    setVersion((v) => v + 1);
  };
  const s = stateOf(suspected.errors, 'suspectedDropouts');
  const f = stateOf(findings.errors, 'schoolAge');
  return (
    <div className="ledgers">
      <label>{t('比对日期')} <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} /></label>
      <Section title={`${t('疑似辍学台账')}（${suspected.data?.suspectedDropouts.totalCount ?? '…'}）`} loading={suspected.loading} state={s.state} message={s.message} empty={suspected.data?.suspectedDropouts.nodes.length === 0} testId="suspected">
        <table className="list">
          <thead><tr><th scope="col">{t('姓名')}</th><th scope="col">{t('学校、年级')}</th><th scope="col">{t('缺课')}</th><th scope="col">{t('预警等级')}</th><th scope="col">{t('预警因素')}</th><th scope="col">{t('建议')}</th></tr></thead>
          <tbody>
          {suspected.data?.suspectedDropouts.nodes.map((n) => (
            <tr key={n.student.id}>
              <td><a href={`#/child/${encodeURIComponent(n.student.id)}`}>{n.student.name}</a></td>
              <td>{n.student.enrollment?.school.name} {n.student.enrollment?.grade}{t('年级')}</td>
              <td>{t('无故缺课')} {n.attendance.unexcusedDays} {t('天')}{n.attendance.consecutiveAbsentWeeks ? `，${t('连续')} ${n.attendance.consecutiveAbsentWeeks} ${t('周')}` : ''}</td>
              <td className={`level-${n.student.earlyWarning?.level}`}>{n.student.earlyWarning ? `${L('RiskLevel', n.student.earlyWarning.level)} ${n.student.earlyWarning.score}` : ''}</td>
              <td>{n.student.earlyWarning?.reasons.map((r) => r.detail).join('；')}</td>
              <td>{n.suggestedAction}</td>
            </tr>
          ))}
        </tbody></table>
      </Section>
      <Section title={`${t('四查三比对')}${findings.data?.crossCheck ? `（${findings.data.crossCheck.asOf}：${t('适龄')} ${findings.data.crossCheck.schoolAge}，${t('发现')} ${findings.data.crossCheck.findings}）` : ''}`} loading={findings.loading} state={f.state} message={f.message} testId="findings">
        <button data-action="run-check" onClick={run}>{t('运行比对')}</button> {message && <span data-testid="run-message">{message}</span>}
        <p className="muted" data-testid="findings-count">{t('适龄儿童台账')} {findings.data?.schoolAge.totalCount ?? 0} · {t('疑似辍学台账')} {findings.data?.suspected.totalCount ?? 0} · {t('辍学台账')} {findings.data?.dropouts.totalCount ?? 0}</p>
        <table className="list">
          <thead><tr><th scope="col">{t('姓名')}</th><th scope="col">{t('台账')}</th><th scope="col">{t('发现')}</th><th scope="col">{t('记录部门')}</th><th scope="col">{t('依据')}</th><th scope="col">{t('处理')}</th></tr></thead>
          <tbody>
          {lines.map((n) => (
            <tr key={n.id} data-finding={n.finding}>
              <td><a href={`#/child/${encodeURIComponent(n.student.id)}`}>{n.student.name ?? n.student.hukou?.name ?? n.student.community?.residentName}</a></td>
              <td>{L('LedgerKind', n.ledger)}</td>
              <td>{n.finding ? L('FindingKind', n.finding) : '—'}</td>
              <td>{n.knownTo.map((d) => dept(d)).join('、')}</td>
              <td>{n.reasons.join('；')}</td>
              <td>{n.status === 'OPEN' && n.suggestedTask ? <button data-action="act" onClick={() => act(n)}>{t('处理：交办建议任务')}（{L('TaskType', n.suggestedTask)}）</button> : L('FindingStatus', n.status)}</td>
            </tr>
          ))}
        </tbody></table>
      </Section>
    </div>
  );
}
