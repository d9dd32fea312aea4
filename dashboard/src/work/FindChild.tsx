import { useState, type FormEvent } from 'react';
import { gql, fieldErrors, type GqlError, type Identity } from '../api';
import { graphql } from '../gql';
import type { ChildSummaryFragment } from '../gql/graphql';
import { useQuery } from '../query';
import { L, t, tf } from '../i18n';

/**
 * 查找儿童: by name (from its beginning), by ID number (made the linkage key by the department that
 * is asked, never sent on), by school, grade and class, or by community — through the owners'
 * fields, as far as the caller's scope reaches: staff of a school search their pupils
 * (`students`), staff of a subdistrict or community the children living there (`residents`).
 */
graphql(`fragment ChildSummary on Student {
  id name
  enrollment { status grade className school { code name } }
  community { code name residentName }
  hukou { name }
}`);
const FIND_STUDENTS = graphql(`query FindStudents($filter: StudentFilter, $first: Int, $after: String) {
  students(filter: $filter, first: $first, after: $after) { totalCount nodes { ...ChildSummary } pageInfo { hasNextPage endCursor } }
}`);
const FIND_RESIDENTS = graphql(`query FindResidents($name: String, $idNumber: String, $communityCode: String, $first: Int, $after: String) {
  residents(name: $name, idNumber: $idNumber, communityCode: $communityCode, first: $first, after: $after) { totalCount nodes { ...ChildSummary } pageInfo { hasNextPage endCursor } }
}`);
const PLACES = graphql(`query SearchPlaces { schools { code name type } communities { code name } }`);

export type ChildSummary = ChildSummaryFragment;

/** The name a child is known by: 学籍, else 户籍, else the residence register. */
export const childName = (c: Pick<ChildSummary, 'name' | 'hukou' | 'community'> | null | undefined) => c?.name ?? c?.hukou?.name ?? c?.community?.residentName ?? '—';
/** Where a child is: school, grade and class; community. */
export const childPlace = (c: Pick<ChildSummary, 'enrollment' | 'community'> | null | undefined) =>
  [c?.enrollment ? `${c.enrollment.school.name} ${c.enrollment.grade}${t('年级')}${c.enrollment.className}` : t('无学籍'), c?.community?.name].filter(Boolean).join(' · ');

/** The grades a kind of school teaches (小学 1–6, 初中 7–9, 九年一贯制 1–9). */
const gradesOf = (type: string | undefined) => (type === 'PRIMARY' ? [1, 2, 3, 4, 5, 6] : type === 'JUNIOR' ? [7, 8, 9] : [1, 2, 3, 4, 5, 6, 7, 8, 9]);

type Mode = 'name' | 'idNumber' | 'class' | 'community';
const MODE_WORDS: Record<Mode, string> = { name: '姓名', idNumber: '身份证号', class: '学校班级', community: '社区' };
const PAGE = 20;

export function FindChild(props: { identity: Identity; onPick?: (child: ChildSummary) => void; pickLabel?: string }) {
  const byResidence = props.identity.scope.kind === 'subdistrict' || props.identity.scope.kind === 'community';
  const modes: Mode[] = byResidence ? ['name', 'idNumber', 'community'] : ['name', 'idNumber', 'class', ...(props.identity.department === 'community' || props.identity.department === 'joint_meeting' ? ['community' as const] : [])];
  const [mode, setMode] = useState<Mode>('name');
  const [text, setText] = useState('');
  const [schoolCode, setSchoolCode] = useState(props.identity.scope.kind === 'school' ? props.identity.scope.code : '');
  const [grade, setGrade] = useState('');
  const [className, setClassName] = useState('');
  const [communityCode, setCommunityCode] = useState('');
  const [result, setResult] = useState<{ nodes: ChildSummary[]; totalCount: number; next: string | null; errors: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);
  const places = useQuery(mode === 'class' || mode === 'community' ? PLACES : null, {});

  const search = async (after: string | null) => {
    setBusy(true);
    let r: { data: { students?: Conn; residents?: Conn } | null; errors: GqlError[] };
    type Conn = { totalCount: number; nodes: ChildSummary[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
    const residents = byResidence || mode === 'community';
    if (residents) {
      r = await gql(FIND_RESIDENTS, {
        name: mode === 'name' ? text : null, idNumber: mode === 'idNumber' ? text.trim() : null,
        communityCode: mode === 'community' ? communityCode || null : null, first: PAGE, after,
      });
    } else {
      const filter = mode === 'name' ? { name: text } : mode === 'idNumber' ? { idNumber: text.trim() }
        : { schoolCode: schoolCode || null, grade: grade ? Number(grade) : null, className: className.trim() || null, enrollmentStatus: null };
      r = await gql(FIND_STUDENTS, { filter, first: PAGE, after });
    }
    setBusy(false);
    const conn = r.data?.students ?? r.data?.residents;
    // a field the server names (filter.name, idNumber …) shows beside the box; the rest above the list
    const errors = Object.fromEntries(Object.entries(fieldErrors(r.errors)).map(([k, v]) => [k.replace(/^filter\./, ''), v]));
    setResult((prev) => ({
      nodes: after && prev ? [...prev.nodes, ...(conn?.nodes ?? [])] : conn?.nodes ?? [],
      totalCount: conn?.totalCount ?? 0,
      next: conn?.pageInfo.hasNextPage ? conn.pageInfo.endCursor ?? null : null,
      errors,
    }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search(null);
  };
  const error = (field: string) => result?.errors[field] && <span className="field-error" role="alert" id={`find-${field}-error`}>{result.errors[field]}</span>;
  const schools = places.data?.schools ?? [];
  const school = schools.find((s) => s.code === schoolCode);
  return (
    <div className="find-child" data-testid="find-child">
      <form onSubmit={submit} className="search-form" role="search" aria-label={t('查找儿童')}>
        <fieldset className="modes">
          <legend className="visually-hidden">{t('查找方式')}</legend>
          {modes.map((m) => (
            <label key={m} className={`mode ${mode === m ? 'active' : ''}`}>
              <input type="radio" name="find-mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-mode={m} />
              {t(MODE_WORDS[m])}
            </label>
          ))}
        </fieldset>
        {(mode === 'name' || mode === 'idNumber') && (
          <label className="grow">
            <span>{mode === 'name' ? t('姓名（从第一个字起）') : t('18 位身份证号')}</span>
            <input data-field="find-text" value={text} onChange={(e) => setText(e.target.value)} required maxLength={mode === 'name' ? 50 : 18}
              inputMode={mode === 'idNumber' ? 'text' : undefined} autoComplete="off" aria-invalid={!!result?.errors[mode]} aria-describedby={`find-${mode}-error`} />
            {error(mode)}
          </label>
        )}
        {mode === 'class' && (
          <>
            <label>
              <span>{t('学校')}</span>
              <select data-field="find-school" value={schoolCode} onChange={(e) => setSchoolCode(e.target.value)} disabled={props.identity.scope.kind === 'school'}>
                <option value="">{t('全部')}</option>
                {schools.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
              </select>
            </label>
            <label>
              <span>{t('年级')}</span>
              <select data-field="find-grade" value={grade} onChange={(e) => setGrade(e.target.value)}>
                <option value="">{t('全部')}</option>
                {gradesOf(school?.type).map((g) => <option key={g} value={g}>{g}</option>)}
              </select>
            </label>
            <label>
              <span>{t('班级')}</span>
              <input data-field="find-class" value={className} onChange={(e) => setClassName(e.target.value)} maxLength={20} />
              {error('className')}
            </label>
          </>
        )}
        {mode === 'community' && (
          <label>
            <span>{t('社区')}</span>
            <select data-field="find-community" value={communityCode} onChange={(e) => setCommunityCode(e.target.value)}>
              <option value="">{t('全部')}</option>
              {(places.data?.communities ?? []).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          </label>
        )}
        <button className="primary" type="submit" data-action="find" disabled={busy}>{t('查找')}</button>
      </form>
      {result?.errors[''] && <p className="error" role="alert">{result.errors['']}</p>}
      {result && (
        <div data-testid="find-results" aria-live="polite">
          <p className="muted">{result.totalCount > result.nodes.length ? tf('找到 {n} 名，已列出 {shown} 名', { n: result.totalCount, shown: result.nodes.length }) : tf('找到 {n} 名', { n: result.totalCount })}</p>
          {result.nodes.length > 0 && (
            <table className="list">
              <thead><tr><th scope="col">{t('姓名')}</th><th scope="col">{t('学校、年级、班级')}</th><th scope="col">{t('居住社区')}</th><th scope="col">{t('学籍状态')}</th><th scope="col"><span className="visually-hidden">{t('操作')}</span></th></tr></thead>
              <tbody>
                {result.nodes.map((c) => (
                  <tr key={c.id} data-child={c.id}>
                    <td><a href={`#/child/${encodeURIComponent(c.id)}`}>{childName(c)}</a></td>
                    <td>{c.enrollment ? `${c.enrollment.school.name} ${c.enrollment.grade}${t('年级')} ${c.enrollment.className}` : t('无学籍')}</td>
                    <td>{c.community?.name ?? '—'}</td>
                    <td>{c.enrollment ? L('EnrollmentStatus', c.enrollment.status) : '—'}</td>
                    <td>{props.onPick && <button type="button" data-action="pick" onClick={() => props.onPick!(c)}>{props.pickLabel ?? t('选择')}</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.next && <button type="button" data-action="more" onClick={() => void search(result.next)} disabled={busy}>{t('更多')}</button>}
        </div>
      )}
    </div>
  );
}
