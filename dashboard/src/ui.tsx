import { useEffect, useRef, type ReactNode } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// only what the dashboard draws: bars, lines, pies, as SVG
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
import type { SectionState } from './api';
import { t } from './i18n';

/** A panel that shows its own loading, empty, forbidden, unavailable (greyed) and error states. */
export function Section(props: { title: string; loading?: boolean; state?: SectionState; message?: string; empty?: boolean; children?: ReactNode; testId?: string }) {
  const state = props.state ?? 'ok';
  let body: ReactNode = props.children;
  if (props.loading) body = <p className="muted">{t('加载中…')}</p>;
  else if (state === 'forbidden') body = <p className="muted" data-state="forbidden">{t('无权查看（权限矩阵）')}</p>;
  else if (state === 'unavailable') body = <p className="muted" data-state="unavailable">{t('该部门服务暂不可用')}{props.message ? `（${props.message}）` : ''}</p>;
  else if (state === 'error') body = <p className="error" data-state="error">{t('出错了')}：{props.message}</p>;
  else if (props.empty) body = <p className="muted" data-state="empty">{t('暂无数据')}</p>;
  return (
    <section className={`panel ${state !== 'ok' ? `panel-${state}` : ''}`} data-testid={props.testId} data-state={props.loading ? 'loading' : state}>
      <h3>{props.title}</h3>
      {body}
    </section>
  );
}

export function Kpi(props: { label: string; value: ReactNode; sub?: ReactNode; testId: string }) {
  return (
    <div className="kpi" data-testid={props.testId}>
      <div className="kpi-label">{props.label}</div>
      <div className="kpi-value">{props.value}</div>
      {props.sub && <div className="kpi-sub">{props.sub}</div>}
    </div>
  );
}

/**
 * An Apache ECharts chart; `option` is its whole configuration. `summary` is its text alternative:
 * the same figures as a table, which screen readers read and the page prints in the chart's stead
 * when it cannot draw (the SVG itself is hidden from assistive technology).
 */
export function Chart(props: { option: echarts.EChartsCoreOption; height?: number; testId?: string; summary?: [string, string | number][]; caption?: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.setOption({ animation: false, ...props.option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [props.option]);
  return (
    <figure className="chart-figure">
      <div ref={el} className="chart" style={{ height: props.height ?? 260 }} data-testid={props.testId} aria-hidden="true" />
      {props.summary && (
        <table className="visually-hidden chart-data">
          {props.caption && <caption>{props.caption}</caption>}
          <tbody>{props.summary.map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td>{v}</td></tr>)}</tbody>
        </table>
      )}
    </figure>
  );
}

/** Counts values into [name, count] pairs, largest first. */
export function countBy<T>(items: T[], key: (item: T) => string | null | undefined): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) {
    const k = key(i);
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
}
