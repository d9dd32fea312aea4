/**
 * Region codes of GB/T 2260 (中华人民共和国行政区划代码), from the `gb2260` npm package
 * (github.com/cn/GB2260.js, MIT: the Ministry of Civil Affairs' published tables, revisions
 * 2002-12 … 2016-07). Every code of every revision is known; a code missing from the newest
 * revision is marked retired with the last revision that had it — old ID numbers still carry
 * such codes (450221 柳江县, a district as 450206 柳江区 since 2016).
 * Changes after 2016-07 (e.g. 祁阳县 → 祁阳市 in 2021) are not in the package.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const REVISIONS: string[] = require('gb2260/lib/revisions.json');

export interface Region {
  code: string;
  /** the division's own name, e.g. 柳南区 */
  name: string;
  /** with prefecture and province, e.g. 广西壮族自治区柳州市柳南区 */
  fullName: string;
  /** the prefecture-level name, e.g. 柳州市 (null for provinces and prefectures) */
  prefecture: string | null;
  province: string;
  /** the newest revision (YYYYMM) that lists the code */
  lastRevision: string;
  retired: boolean;
}

function load(): Map<string, Region> {
  const tables = REVISIONS.map((r) => ({ revision: r, table: require(`gb2260/lib/${r}.json`) as Record<string, string> })); // newest first
  const newest = tables[0].revision;
  const out = new Map<string, Region>();
  for (const { revision, table } of tables) {
    for (const [code, name] of Object.entries(table)) {
      if (out.has(code)) continue;
      const province = table[`${code.slice(0, 2)}0000`] ?? '';
      const prefectureName = /0{2}$/.test(code) ? null : table[`${code.slice(0, 4)}00`] ?? null;
      const prefecture = prefectureName && prefectureName !== '市辖区' && prefectureName !== '县' ? prefectureName : null;
      const fullName = /0{4}$/.test(code) ? name : `${province}${prefecture ?? ''}${name}`;
      out.set(code, { code, name, fullName, prefecture, province, lastRevision: revision, retired: revision !== newest });
    }
  }
  return out;
}

let regions: Map<string, Region> | undefined;
const table = () => (regions ??= load());

export function findRegion(code: string): Region | undefined {
  return table().get(code);
}

/** Is the code a division in some revision of GB/T 2260? */
export const isKnownRegion = (code: string) => /^\d{6}$/.test(code) && table().has(code);

/** The first two digits name a province (the test an ID number's address code must pass). */
export const isKnownProvince = (code: string) => /^\d{6}$/.test(code) && table().has(`${code.slice(0, 2)}0000`);

/** The region's name, the province's where the county is unknown, or null. */
export function regionName(code: string): string | null {
  return findRegion(code)?.name ?? findRegion(`${code.slice(0, 2)}0000`)?.name ?? null;
}

/** A short name for letters and charts: 柳州市柳江区, 来宾市兴宾区, or the province for provinces. */
export function regionShortName(code: string): string | null {
  const r = findRegion(code);
  return r ? `${r.prefecture ?? ''}${r.name}` : null;
}

/** The district this deployment serves (柳南区 in the demo). */
export const DEMO_DISTRICT_CODE = '450204';
