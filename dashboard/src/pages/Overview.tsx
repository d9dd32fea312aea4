import { useState } from 'react';
import { downloadReport, sectionStateOf, stateOf, type Identity } from '../api';
import { useQuery } from '../query';
import { graphql } from '../gql';

const DISTRICT_OVERVIEW = graphql(`query DistrictOverview($year: Int!) { districtOverview(year: $year) { dropoutsFound returned stillOut consolidationRate consolidationTarget } }`);
const CASE_FIGURES = graphql(`query CaseFigures { dropoutCases(first: 500) { nodes { status outcome closedOn discoveredOn reasons school { name } student { isMigrant hukou { regionName } } } } }`);
const TASK_FIGURES = graphql(`query TaskFigures { tasks { assignedDepartment status } }`);
import { Chart, Kpi, Section, countBy } from '../ui';
import { L, choices, dept, t } from '../i18n';


/** from the demo's first year (2018) to this one */
const YEARS = Array.from({ length: new Date().getFullYear() - 2017 }, (_, i) => 2018 + i);
const bar = (pairs: [string, number][], horizontal = false) => ({
  grid: { left: horizontal ? 150 : 40, right: 20, top: 20, bottom: horizontal ? 20 : 60 },
  tooltip: {},
  [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: pairs.map((p) => p[0]), axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 }, inverse: horizontal },
  [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', data: pairs.map((p) => p[1]), label: { show: true, position: horizontal ? 'right' : 'top' } }],
});

export function Overview(_props: { identity: Identity }) {
  const [YEAR, setYear] = useState(Number(sessionStorage.getItem('kc.year') ?? 2018));
  const chooseYear = (y: number) => {
    sessionStorage.setItem('kc.year', String(y));
    setYear(y);
  };
  const [exportMessage, setExportMessage] = useState<string | null>(null);
  const [month, setMonth] = useState(`${YEAR}-05`);
  const exportReport = async (report: string, params: Record<string, string>) => setExportMessage((await downloadReport(report, params)) ?? '✓');
  const kpi = useQuery(DISTRICT_OVERVIEW, { year: YEAR });
  const cases = useQuery(CASE_FIGURES, {});
  const tasks = useQuery(TASK_FIGURES, {});

  const o = kpi.data?.districtOverview;
  const kpiState = stateOf(kpi.errors, 'districtOverview');
  const caseState = sectionStateOf(cases.errors, 'education', 'dropoutCases');
  const nodes = (cases.data?.dropoutCases.nodes ?? []).filter((c) => c.discoveredOn.startsWith(String(YEAR)));
  const stillOut = nodes.filter((c) => c.status === 'OPEN');
  const hukouState = sectionStateOf(cases.errors, 'public-security', 'dropoutCases', 'nodes');
  const migrants = nodes.filter((c) => c.student.isMigrant).length;
  const returnsByMonth = countBy(nodes.filter((c) => c.outcome === 'RETURNED' && c.closedOn), (c) => c.closedOn!.slice(0, 7)).sort((a, b) => a[0].localeCompare(b[0]));
  let cumulative = 0;
  const taskRows = tasks.data?.tasks ?? [];
  const departments = [...new Set(taskRows.map((x) => x.assignedDepartment))].sort();
  const statuses = choices('TaskStatus').map(([code]) => code);

  return (
    <div className="overview">
      <div className="exports" data-testid="exports">
        {t('导出 Excel')}：
        <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-field="report-month" />
        <button data-action="export-monthly" onClick={() => exportReport('monthly', { month })}>{t('学校月报')}</button>
        <button data-action="export-consolidation" onClick={() => exportReport('consolidation', { year: String(YEAR) })}>{t('巩固率')}</button>
        <button data-action="export-letters" onClick={() => exportReport('letters', {})}>{t('发函登记')}</button>
        {exportMessage && <span className="muted" data-testid="export-message">{exportMessage}</span>}
      </div>
      <label className="year">
        <select data-field="year" value={YEAR} onChange={(e) => chooseYear(Number(e.target.value))}>
          {YEARS.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </label>
      <Section title={`${YEAR} ${t('年')}`} loading={kpi.loading} state={kpiState.state} message={kpiState.message} testId="kpis">
        {o && (
          <div className="kpis">
            <Kpi testId="kpi-found" label={t('发现辍学')} value={o.dropoutsFound} />
            <Kpi testId="kpi-returned" label={t('已劝返')} value={o.returned} />
            <Kpi testId="kpi-still-out" label={t('仍未返校')} value={o.stillOut} />
            <Kpi testId="kpi-rate" label={t('巩固率')} value={o.consolidationRate == null ? '—' : `${o.consolidationRate.toFixed(2)}%`} sub={o.consolidationTarget == null ? undefined : `${t('目标')} ${o.consolidationTarget}%`} />
          </div>
        )}
      </Section>
      <div className="grid">
        <Section title={t('仍未返校学生户籍地')} loading={cases.loading} state={caseState.state !== 'ok' ? caseState.state : hukouState.state} message={caseState.message ?? hukouState.message} empty={stillOut.length === 0} testId="chart-hukou">
          <Chart option={bar(countBy(stillOut, (c) => c.student.hukou?.regionName ?? t('未知')), true)} />
        </Section>
        <Section title={t('各校辍学人数')} loading={cases.loading} state={caseState.state} message={caseState.message} empty={nodes.length === 0} testId="chart-school">
          <Chart option={bar(countBy(nodes, (c) => c.school.name.replace('柳南区', '')), true)} height={320} />
        </Section>
        <Section title={t('辍学原因')} loading={cases.loading} state={caseState.state} message={caseState.message} empty={nodes.length === 0} testId="chart-reason">
          <Chart option={{ tooltip: {}, series: [{ type: 'pie', radius: ['35%', '65%'], data: countBy(nodes.flatMap((c) => c.reasons.map((r) => ({ r }))), (x) => L('DropoutReason', x.r)).map(([name, value]) => ({ name, value })), label: { formatter: '{b} {c}' } }] }} />
        </Section>
        <Section title={t('随迁子女占比')} loading={cases.loading} state={caseState.state} message={caseState.message} empty={nodes.length === 0} testId="chart-migrant">
          <p className="big" data-testid="migrant-share">{nodes.length ? `${((migrants / nodes.length) * 100).toFixed(1)}%` : '—'}</p>
          <Chart height={200} option={{ tooltip: {}, series: [{ type: 'pie', radius: '60%', data: [{ name: t('随迁子女'), value: migrants }, { name: t('本地户籍'), value: nodes.length - migrants }], label: { formatter: '{b} {c}' } }] }} />
        </Section>
        <Section title={t('各部门任务办理情况')} loading={tasks.loading} state={sectionStateOf(tasks.errors, 'joint-meeting', 'tasks').state} message={sectionStateOf(tasks.errors, 'joint-meeting', 'tasks').message} empty={taskRows.length === 0} testId="chart-tasks">
          <Chart option={{
            tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 20, top: 40, bottom: 30 },
            xAxis: { type: 'category', data: departments.map((d) => dept(d)) }, yAxis: { type: 'value', minInterval: 1 },
            series: statuses.map((s) => ({ type: 'bar', stack: 'all', name: L('TaskStatus', s), data: departments.map((d) => taskRows.filter((x) => x.assignedDepartment === d && x.status === s).length) })),
          }} />
        </Section>
        <Section title={t('劝返进度（按月）')} loading={cases.loading} state={caseState.state} message={caseState.message} empty={returnsByMonth.length === 0} testId="chart-returns">
          <Chart option={{
            tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'category', data: returnsByMonth.map((r) => r[0]) }, yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', name: t('当月劝返'), data: returnsByMonth.map((r) => r[1]) }, { type: 'line', name: t('累计'), data: returnsByMonth.map((r) => (cumulative += r[1])) }],
          }} />
        </Section>
      </div>
    </div>
  );
}
