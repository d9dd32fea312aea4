import { useEffect, useState } from 'react';
import { downloadReport, gql, sectionStateOf, stateOf, type GqlError, type GqlResult, type Identity } from '../api';
import { useQuery } from '../query';
import { graphql } from '../gql';
import type { StillOutHukouQuery } from '../gql/graphql';
import { Chart, Kpi, Section, countBy } from '../ui';
import { L, choices, dept, t } from '../i18n';

const DISTRICT_OVERVIEW = graphql(`query DistrictOverview($year: Int!) { districtOverview(year: $year) { dropoutsFound returned stillOut consolidationRate consolidationTarget } }`);
/** counted by education from the year's case files (no page limit) */
const DROPOUT_FIGURES = graphql(`query DropoutFigures($year: Int!) { dropoutFigures(year: $year) { found stillOut bySchool { school { code name } count } byReason { reason count } returnsByMonth { month count } } }`);
const OVERVIEW_YEARS = graphql(`query OverviewYears { overviewYears }`);
const TASK_COUNTS = graphql(`query TaskCounts { taskCounts { department status count } }`);
/** the hukou and migrant charts need each child's hukou (public security's): every page of the year's cases */
const STILL_OUT_HUKOU = graphql(`query StillOutHukou($year: Int!, $after: String) {
  dropoutCases(filter: { discoveredIn: $year }, first: 500, after: $after) { nodes { status student { isMigrant hukou { regionName } } } pageInfo { hasNextPage endCursor } }
}`);

type CaseNode = StillOutHukouQuery['dropoutCases']['nodes'][number];

/** Every page of the year's cases, with each child's hukou: counted in full, however many. */
function useYearCases(year: number): { nodes: CaseNode[]; errors: GqlError[]; loading: boolean } {
  const [state, setState] = useState<{ nodes: CaseNode[]; errors: GqlError[]; loading: boolean }>({ nodes: [], errors: [], loading: true });
  useEffect(() => {
    let live = true;
    setState({ nodes: [], errors: [], loading: true });
    (async () => {
      const nodes: CaseNode[] = [];
      let after: string | null = null;
      for (;;) {
        const r: GqlResult<StillOutHukouQuery> = await gql(STILL_OUT_HUKOU, { year, after });
        if (!live) return;
        nodes.push(...(r.data?.dropoutCases.nodes ?? []));
        const page: StillOutHukouQuery['dropoutCases']['pageInfo'] | undefined = r.data?.dropoutCases.pageInfo;
        if (r.errors.length || !page?.hasNextPage) return setState({ nodes, errors: r.errors, loading: false });
        after = page.endCursor ?? null;
      }
    })();
    return () => {
      live = false;
    };
  }, [year]);
  return state;
}

const bar = (pairs: [string, number][], horizontal = false) => ({
  grid: { left: horizontal ? 150 : 40, right: 20, top: 20, bottom: horizontal ? 20 : 60, containLabel: true },
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
  const years = useQuery(OVERVIEW_YEARS, {});
  const kpi = useQuery(DISTRICT_OVERVIEW, { year: YEAR });
  const figures = useQuery(DROPOUT_FIGURES, { year: YEAR });
  const cases = useYearCases(YEAR);
  const tasks = useQuery(TASK_COUNTS, {});

  const o = kpi.data?.districtOverview;
  const f = figures.data?.dropoutFigures;
  const kpiState = stateOf(kpi.errors, 'districtOverview');
  const figureState = sectionStateOf(figures.errors, 'education', 'dropoutFigures');
  const caseState = sectionStateOf(cases.errors, 'education', 'dropoutCases');
  const hukouState = sectionStateOf(cases.errors, 'public-security', 'dropoutCases', 'nodes');
  const stillOut = cases.nodes.filter((c) => c.status === 'OPEN');
  const migrants = cases.nodes.filter((c) => c.student.isMigrant).length;
  const byRegion = countBy(stillOut, (c) => c.student.hukou?.regionName ?? t('未知'));
  const bySchool: [string, number][] = (f?.bySchool ?? []).map((s) => [s.school.name.replace('柳南区', ''), s.count]);
  const byReason: [string, number][] = (f?.byReason ?? []).map((r) => [L('DropoutReason', r.reason), r.count]);
  const returnsByMonth: [string, number][] = (f?.returnsByMonth ?? []).map((m) => [m.month, m.count]);
  let cumulative = 0;
  const cumulativeReturns = returnsByMonth.map(([m, n]) => [m, (cumulative += n)] as [string, number]);
  const taskRows = tasks.data?.taskCounts ?? [];
  const departments = [...new Set(taskRows.map((x) => x.department))].sort();
  const statuses = choices('TaskStatus').map(([code]) => code);
  const taskCount = (d: string, s: string) => taskRows.find((x) => x.department === d && x.status === s)?.count ?? 0;
  const taskState = sectionStateOf(tasks.errors, 'joint-meeting', 'taskCounts');
  // the years that have data, newest first; the chosen one even if it has none
  const yearList = [...new Set([...(years.data?.overviewYears ?? []), YEAR])].sort((a, b) => b - a);

  return (
    <div className="overview">
      <div className="exports" data-testid="exports">
        {t('导出 Excel')}：
        <label className="visually-hidden" htmlFor="report-month">{t('月份')}</label>
        <input id="report-month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-field="report-month" />
        <button data-action="export-monthly" onClick={() => exportReport('monthly', { month })}>{t('学校月报')}</button>
        <button data-action="export-consolidation" onClick={() => exportReport('consolidation', { year: String(YEAR) })}>{t('巩固率')}</button>
        <button data-action="export-letters" onClick={() => exportReport('letters', {})}>{t('发函登记')}</button>
        {exportMessage && <span className="muted" data-testid="export-message" role="status">{exportMessage}</span>}
      </div>
      <label className="year">
        <span className="visually-hidden">{t('年份')}</span>
        <select data-field="year" value={YEAR} onChange={(e) => chooseYear(Number(e.target.value))}>
          {yearList.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </label>
      <Section title={`${YEAR} ${t('年')}`} loading={kpi.loading} state={kpiState.state} message={kpiState.message} testId="kpis">
        {o && (
          <div className="kpis">
            <Kpi testId="kpi-found" label={t('发现辍学')} value={o.dropoutsFound} />
            <Kpi testId="kpi-returned" label={t('已劝返')} value={o.returned} />
            <Kpi testId="kpi-still-out" label={t('仍未返校')} value={o.stillOut} />
            <Kpi testId="kpi-rate" label={t('巩固率')} value={o.consolidationRate == null ? '—' : `${o.consolidationRate.toFixed(2)}%`} sub={o.consolidationTarget == null ? t('未定目标') : `${t('目标')} ${o.consolidationTarget}%`} />
          </div>
        )}
      </Section>
      <div className="grid">
        <Section title={t('仍未返校学生户籍地')} loading={cases.loading} state={caseState.state !== 'ok' ? caseState.state : hukouState.state} message={caseState.message ?? hukouState.message} empty={stillOut.length === 0} testId="chart-hukou">
          <Chart option={bar(byRegion, true)} summary={byRegion} caption={t('仍未返校学生户籍地')} />
        </Section>
        <Section title={t('各校辍学人数')} loading={figures.loading} state={figureState.state} message={figureState.message} empty={bySchool.length === 0} testId="chart-school">
          <Chart option={bar(bySchool, true)} height={320} summary={bySchool} caption={t('各校辍学人数')} />
        </Section>
        <Section title={t('辍学原因')} loading={figures.loading} state={figureState.state} message={figureState.message} empty={byReason.length === 0} testId="chart-reason">
          <Chart option={{ tooltip: {}, series: [{ type: 'pie', radius: ['35%', '65%'], data: byReason.map(([name, value]) => ({ name, value })), label: { formatter: '{b} {c}' } }] }} summary={byReason} caption={t('辍学原因')} />
        </Section>
        <Section title={t('随迁子女占比')} loading={cases.loading} state={caseState.state} message={caseState.message} empty={cases.nodes.length === 0} testId="chart-migrant">
          <p className="big" data-testid="migrant-share">{cases.nodes.length ? `${((migrants / cases.nodes.length) * 100).toFixed(1)}%` : '—'}</p>
          <Chart height={200} option={{ tooltip: {}, series: [{ type: 'pie', radius: '60%', data: [{ name: t('随迁子女'), value: migrants }, { name: t('本地户籍'), value: cases.nodes.length - migrants }], label: { formatter: '{b} {c}' } }] }}
            summary={[[t('随迁子女'), migrants], [t('本地户籍'), cases.nodes.length - migrants]]} caption={t('随迁子女占比')} />
        </Section>
        <Section title={t('各部门任务办理情况')} loading={tasks.loading} state={taskState.state} message={taskState.message} empty={taskRows.length === 0} testId="chart-tasks">
          <Chart option={{
            tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 20, top: 40, bottom: 30, containLabel: true },
            xAxis: { type: 'category', data: departments.map((d) => dept(d)) }, yAxis: { type: 'value', minInterval: 1 },
            series: statuses.map((s) => ({ type: 'bar', stack: 'all', name: L('TaskStatus', s), data: departments.map((d) => taskCount(d, s)) })),
          }} summary={departments.flatMap((d) => statuses.filter((s) => taskCount(d, s)).map((s) => [`${dept(d)} · ${L('TaskStatus', s)}`, taskCount(d, s)] as [string, number]))} caption={t('各部门任务办理情况')} />
        </Section>
        <Section title={t('劝返进度（按月）')} loading={figures.loading} state={figureState.state} message={figureState.message} empty={returnsByMonth.length === 0} testId="chart-returns">
          <Chart option={{
            tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30, containLabel: true },
            xAxis: { type: 'category', data: returnsByMonth.map((r) => r[0]) }, yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', name: t('当月劝返'), data: returnsByMonth.map((r) => r[1]) }, { type: 'line', name: t('累计'), data: cumulativeReturns.map((r) => r[1]) }],
          }} summary={returnsByMonth.map(([m, n], i) => [m, `${n}（${t('累计')} ${cumulativeReturns[i][1]}）`])} caption={t('劝返进度（按月）')} />
        </Section>
      </div>
    </div>
  );
}
