/**
 * The Liunan District 2018 demo world, generated deterministically from a fixed seed.
 *
 * Every department's seeder draws its own records from this one population, so the records
 * agree across subgraphs the way real records of the same children would. Nothing here is a
 * figure: the seed summary's numbers (75 found, 59 returned, 16 still out, the hukou regions of
 * the 16, >80% migrants, 10 interviewed schools, the 2009 cohort that yields 99.91%) are
 * produced by generating the underlying children and events, and the services count them.
 *
 * All people are synthetic: generated names and valid-checksum ID numbers.
 */
import { Faker, zh_CN, base } from '@faker-js/faker';
import { composeResidentId } from '../resident-id';
import { DEMO_SCOPES } from '../accounts';

export type DemoSchoolType = 'PRIMARY' | 'JUNIOR' | 'NINE_YEAR';
export type DemoStatus = 'ENROLLED' | 'SUSPENDED' | 'TRANSFERRED_OUT' | 'DROPPED_OUT' | 'GRADUATED' | 'DECEASED';

export interface DemoSubdistrict {
  code: string;
  name: string;
}

export interface DemoSchool {
  code: string;
  name: string;
  type: DemoSchoolType;
  subdistrictCode: string;
  subdistrictName: string;
  /** one of the ten schools whose leaders were interviewed on 25 April 2018 */
  interviewed: boolean;
}

export interface DemoStatusEvent {
  code: number;
  date: string;
  grade: number;
  schoolCode: string;
  crossesDistrict?: boolean;
  counterpart?: string;
  reason?: string;
}

export interface DemoDropout {
  discoveredOn: string;
  schoolCode: string;
  grade: number;
  reasons: string[];
  returnedOn: string | null;
  chain: { level: string; name: string; title: string }[];
}

export interface DemoChild {
  idNumber: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  /** GB/T 2260 code of the household registration (户籍) */
  hukouRegion: string;
  /** hukou outside the district while living in it (随迁子女) */
  migrant: boolean;
  /** 建档立卡 registered-poor household */
  registeredPoor: boolean;
  cohortYear: number;
  schoolCode: string;
  grade: number;
  className: string;
  status: DemoStatus;
  history: DemoStatusEvent[];
  dropout?: DemoDropout;
}

export interface DemoWorld {
  districtCode: string;
  subdistricts: DemoSubdistrict[];
  schools: DemoSchool[];
  children: DemoChild[];
  screening: { title: string; startedOn: string; endedOn: string; organiser: string; findings: string };
  interviews: { schoolCode: string; date: string; interviewees: { name: string; title: string }[]; findings: string; rectificationDeadline: string; rectifiedOn: string | null }[];
  consolidationTarget: { year: number; targetPercent: number; setBy: string };
}

/** 柳南区 subdistricts and towns (乡级区划, GB/T 10114-style codes). */
export const LIUNAN_SUBDISTRICTS: DemoSubdistrict[] = [
  { code: '450204001', name: '柳南街道' }, { code: '450204002', name: '南站街道' }, { code: '450204003', name: '河西街道' },
  { code: '450204004', name: '银山街道' }, { code: '450204005', name: '潭西街道' }, { code: '450204006', name: '西鹅街道' },
  { code: '450204007', name: '鹅山街道' }, { code: '450204008', name: '南环街道' }, { code: '450204100', name: '太阳村镇' },
  { code: '450204101', name: '洛满镇' }, { code: '450204102', name: '流山镇' },
];

/** Where the migrant children of Liunan come from (region codes, weights). */
const MIGRANT_ORIGINS: [string, number][] = [
  ['450206', 14], ['450222', 8], ['450224', 7], ['450223', 6], ['451302', 12], ['451321', 6], ['451202', 5],
  ['450881', 6], ['450203', 8], ['450205', 6], ['431121', 4], ['522601', 3], ['441881', 3], ['510722', 2],
];

/** The 16 children still out at the end of 2018, by hukou region (seed summary). */
export const STILL_OUT_REGIONS: string[] = [
  '450204', '450204', '450204', '450204', '450206', '450206', '450206', '450222', '450224',
  '451302', '451302', '451302', '451302', '451202', '450881', '451321',
];

const DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const REASONS_WEIGHTED: [string, number][] = [
  ['WEARY_OF_STUDY', 30], ['FAMILY_MOBILITY', 22], ['WORKING', 14], ['LEARNING_DIFFICULTY', 12],
  ['FAMILY_PROBLEMS', 10], ['FAMILY_POVERTY', 4], ['ILLNESS_OR_DISABILITY', 3], ['EARLY_MARRIAGE', 2], ['OTHER', 3],
];

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86400000).toISOString().slice(0, 10);

export const DEMO_COUNTS = {
  /** 2009 cohort (graduates in July 2018) */
  cohort2009Admitted: 2150,
  cohort2009TransfersIn: 140,
  cohort2009TransfersOut: 60,
  primaryPerGrade: 1900,
  juniorPerGrade: 1700,
  suspended: 12,
} as const;

export function generateLiunan2018(seed = 2018): DemoWorld {
  const f = new Faker({ locale: [zh_CN, base], seed });
  const pick = <T>(items: [T, number][]): T => f.helpers.weightedArrayElement(items.map(([value, weight]) => ({ value, weight })));
  const usedIds = new Set<string>();
  const personName = (gender: 'MALE' | 'FEMALE') => f.person.lastName() + f.person.firstName(gender === 'MALE' ? 'male' : 'female');

  // ---------------------------------------------------------------- schools
  const schools: DemoSchool[] = [];
  const addSchool = (seq: number, name: string, type: DemoSchoolType, interviewed: boolean) => {
    const sd = LIUNAN_SUBDISTRICTS[(seq + 9) % LIUNAN_SUBDISTRICTS.length];
    schools.push({ code: `21450204${pad(seq)}`, name, type, subdistrictCode: sd.code, subdistrictName: sd.name, interviewed });
  };
  for (let i = 1; i <= 8; i++) addSchool(i, `柳南区第${DIGITS[i - 1]}初级中学`, 'JUNIOR', i <= 7);
  addSchool(9, '柳南区第一九年一贯制学校', 'NINE_YEAR', true);
  addSchool(10, '柳南区第二九年一贯制学校', 'NINE_YEAR', true);
  for (let i = 11; i <= 30; i++) addSchool(i, `柳南区第${DIGITS[i - 11]}小学`, 'PRIMARY', i === 11);
  if (!schools.some((s) => s.code === DEMO_SCOPES.school && s.interviewed)) throw new Error('demo: the school-staff account must point at an interviewed school');
  const primaries = schools.filter((s) => s.type !== 'JUNIOR');
  const juniors = schools.filter((s) => s.type !== 'PRIMARY');
  const interviewedSchools = schools.filter((s) => s.interviewed);

  // ---------------------------------------------------------------- people
  const birthDateFor = (cohortYear: number) => addDays(ymd(cohortYear - 7, 9, 1), f.number.int({ min: 0, max: 364 }));
  const idFor = (region: string, birthDate: string, gender: 'MALE' | 'FEMALE') => {
    // children born in 柳江 before it became a district (2016) carry the retired 柳江县 code
    const idRegion = region === '450206' && birthDate < '2016-01-01' ? '450221' : region;
    for (;;) {
      const seq = f.number.int({ min: 0, max: 499 }) * 2 + (gender === 'MALE' ? 1 : 0);
      const id = composeResidentId(idRegion, birthDate, seq);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const newChild = (cohortYear: number, opts: { region?: string; migrant?: boolean } = {}) => {
    const gender: 'MALE' | 'FEMALE' = f.datatype.boolean({ probability: 0.52 }) ? 'MALE' : 'FEMALE';
    const migrant = opts.migrant ?? (opts.region ? opts.region !== '450204' : f.datatype.boolean({ probability: 0.22 }));
    const hukouRegion = opts.region ?? (migrant ? pick(MIGRANT_ORIGINS) : '450204');
    const birthDate = birthDateFor(cohortYear);
    return { gender, migrant, hukouRegion, birthDate, idNumber: idFor(hukouRegion, birthDate, gender), name: personName(gender) };
  };

  /**
   * The status history of a child of `cohortYear` from entry until `until` (exclusive), ending in
   * the grade they are in then: admission to grade 1 (or a cross-district transfer in), yearly
   * promotion (31), primary graduation (21) and junior admission (11) for those who move school.
   */
  const schoolPath = (cohortYear: number, primary: DemoSchool, junior: DemoSchool, transferInGrade: number | null, until: string) => {
    const history: DemoStatusEvent[] = [];
    const entryGrade = transferInGrade ?? 1;
    const entryYear = cohortYear + entryGrade - 1;
    let school = entryGrade >= 7 ? junior : primary;
    if (transferInGrade) {
      history.push({ code: 13, date: ymd(entryYear, 9, 1), grade: entryGrade, schoolCode: school.code, crossesDistrict: true, counterpart: '区外转入' });
    } else {
      history.push({ code: 11, date: ymd(entryYear, 9, 1), grade: 1, schoolCode: school.code });
    }
    let grade = entryGrade;
    for (let y = entryYear + 1; ymd(y, 9, 1) < until && grade < 9; y++) {
      if (grade === 6 && school.type === 'PRIMARY') {
        history.push({ code: 21, date: ymd(y, 7, 5), grade: 6, schoolCode: school.code });
        school = junior;
        grade = 7;
        history.push({ code: 11, date: ymd(y, 9, 1), grade: 7, schoolCode: school.code });
      } else {
        grade += 1;
        history.push({ code: 31, date: ymd(y, 9, 1), grade, schoolCode: school.code });
      }
    }
    return { history, grade, school };
  };
  const classOf = () => `${f.number.int({ min: 1, max: 4 })}班`;
  const primaryFor = (junior: DemoSchool) => (junior.type === 'NINE_YEAR' ? junior : f.helpers.arrayElement(primaries));
  const juniorFor = (primary: DemoSchool) => (primary.type === 'NINE_YEAR' ? primary : f.helpers.arrayElement(juniors));

  const children: DemoChild[] = [];
  const asOf = '2018-12-31';

  // current students of the 2018–19 school year, grades 1–9 (cohorts 2018 … 2010)
  for (let grade = 1; grade <= 9; grade++) {
    const cohortYear = 2018 - grade + 1;
    const n = grade <= 6 ? DEMO_COUNTS.primaryPerGrade : DEMO_COUNTS.juniorPerGrade;
    const pool = grade <= 6 ? primaries : juniors;
    for (let i = 0; i < n; i++) {
      const school = pool[i % pool.length];
      const primary = grade <= 6 ? school : primaryFor(school);
      const junior = grade <= 6 ? juniorFor(school) : school;
      const transferIn = f.datatype.boolean({ probability: 0.05 }) && grade > 1 ? f.number.int({ min: 2, max: grade }) : null;
      const p = newChild(cohortYear);
      const path = schoolPath(cohortYear, primary, junior, transferIn, '2018-09-02');
      children.push({ ...p, registeredPoor: false, cohortYear, schoolCode: path.school.code, grade: path.grade, className: classOf(), status: 'ENROLLED', history: path.history });
    }
  }
  // a few suspended for illness (休学)
  for (const c of f.helpers.arrayElements(children, DEMO_COUNTS.suspended)) {
    c.history.push({ code: 23, date: '2018-10-15', grade: c.grade, schoolCode: c.schoolCode, reason: '因病休学' });
    c.status = 'SUSPENDED';
  }

  // the 2009 cohort: 2,150 admitted + 140 transferred in − 60 transferred out; all but 2 graduate in July 2018
  const cohort2009: DemoChild[] = [];
  for (let i = 0; i < DEMO_COUNTS.cohort2009Admitted + DEMO_COUNTS.cohort2009TransfersIn; i++) {
    const junior = juniors[i % juniors.length];
    const transferIn = i >= DEMO_COUNTS.cohort2009Admitted ? f.number.int({ min: 2, max: 9 }) : null;
    const p = newChild(2009);
    const path = schoolPath(2009, primaryFor(junior), junior, transferIn, '2018-06-30');
    cohort2009.push({ ...p, registeredPoor: false, cohortYear: 2009, schoolCode: path.school.code, grade: path.grade, className: classOf(), status: 'ENROLLED', history: path.history });
  }
  // transfers out of the district during the nine years (only among those admitted at grade 1, before grade 9 ends)
  for (const c of f.helpers.arrayElements(cohort2009.slice(0, DEMO_COUNTS.cohort2009Admitted), DEMO_COUNTS.cohort2009TransfersOut)) {
    const lastDate = c.history[c.history.length - 1].date;
    const cut = f.number.int({ min: 1, max: c.history.length - 1 });
    c.history = c.history.slice(0, cut);
    while (c.history.length > 1 && c.history[c.history.length - 1].code === 21) c.history.pop(); // a primary graduate is not "at" a school
    const last = c.history[c.history.length - 1];
    const date = addDays(last.date, f.number.int({ min: 30, max: 200 }));
    c.history.push({ code: 27, date: date < lastDate ? date : addDays(last.date, 30), grade: last.grade, schoolCode: last.schoolCode, crossesDistrict: true, counterpart: '随父母转学至区外' });
    c.grade = last.grade;
    c.schoolCode = last.schoolCode;
    c.status = 'TRANSFERRED_OUT';
  }
  children.push(...cohort2009);

  // ---------------------------------------------------------------- the 75 dropouts of May 2018
  const screeningDay = (i: number) => addDays('2018-05-02', i % 29);
  const chainFor = (school: DemoSchool) => [
    { level: 'BUREAU_LEADER', name: personName('MALE'), title: '区教育局副局长' },
    { level: 'SCHOOL_LEADER', name: personName(f.datatype.boolean() ? 'MALE' : 'FEMALE'), title: `${school.name}副校长` },
    { level: 'HEAD_TEACHER', name: personName('FEMALE'), title: '班主任' },
    { level: 'SUBJECT_TEACHER', name: personName(f.datatype.boolean() ? 'MALE' : 'FEMALE'), title: f.helpers.arrayElement(['语文教师', '数学教师', '英语教师', '道德与法治教师']) },
  ];
  const reasonsFor = (migrant: boolean) => {
    const first = migrant && f.datatype.boolean({ probability: 0.4 }) ? 'FAMILY_MOBILITY' : pick(REASONS_WEIGHTED);
    const second = f.datatype.boolean({ probability: 0.35 }) ? pick(REASONS_WEIGHTED) : first;
    return [...new Set([first, second])];
  };
  // which interviewed school each dropout attended: the school-staff demo school gets a share
  const dropoutSchool = (i: number) => interviewedSchools[i % interviewedSchools.length];

  // The 2 from the 2009 cohort who left in grade 9 are among the 16 still out.
  const cohortDropouts = cohort2009
    .filter((c) => c.status === 'ENROLLED' && c.history.every((e) => e.code !== 13) && interviewedSchools.some((s) => s.code === c.schoolCode))
    .slice(0, 2);
  const dropouts: DemoChild[] = [];
  for (let i = 0; i < 75; i++) {
    const stillOut = i < 16;
    const region = stillOut ? STILL_OUT_REGIONS[i] : undefined;
    const migrant = stillOut ? region !== '450204' : i < 16 + 50; // 12 + 50 = 62 of 75 migrants (82.7%)
    let child: DemoChild;
    if (stillOut && i >= 14) {
      // re-use a 2009-cohort child's record: they must carry the still-out region
      child = cohortDropouts[i - 14];
      const p = newChild(2009, { region, migrant });
      Object.assign(child, { ...p, birthDate: p.birthDate, idNumber: p.idNumber });
      usedIds.add(child.idNumber);
      child.history = child.history.filter((e) => e.date < '2018-05-01');
    } else {
      const school = dropoutSchool(i);
      const currentGrade = school.type === 'PRIMARY' ? 6 : f.helpers.arrayElement([8, 9]);
      const cohortYear = 2018 - currentGrade + 1;
      const p = newChild(cohortYear, { region: region ?? (migrant ? pick(MIGRANT_ORIGINS) : '450204'), migrant });
      const primary = school.type === 'PRIMARY' ? school : primaryFor(school);
      const path = schoolPath(cohortYear, primary, school.type === 'PRIMARY' ? juniorFor(school) : school, null, '2018-05-01');
      child = { ...p, registeredPoor: false, cohortYear, schoolCode: path.school.code, grade: path.grade, className: classOf(), status: 'ENROLLED', history: path.history };
      children.push(child);
    }
    child.registeredPoor = region === '451321'; // 忻城县 建档立卡贫困户 (seed summary)
    const school = schools.find((s) => s.code === child.schoolCode)!;
    const grade = child.history[child.history.length - 1].grade;
    const discoveredOn = screeningDay(i);
    child.history.push({ code: 28, date: discoveredOn, grade, schoolCode: school.code, reason: '大排查发现长期未到校' });
    let returnedOn: string | null = null;
    if (stillOut) {
      child.status = 'DROPPED_OUT';
      child.grade = grade;
    } else {
      returnedOn = addDays('2018-05-20', Math.floor(((i - 16) * 214) / 59));
      const back = returnedOn >= '2018-09-01' ? Math.min(9, 2018 - child.cohortYear + 1) : grade;
      child.history.push({ code: 12, date: returnedOn, grade: back, schoolCode: school.code, reason: '劝返复学' });
      if (returnedOn < '2018-09-01' && back < 9) child.history.push({ code: 31, date: '2018-09-01', grade: back + 1, schoolCode: school.code });
      child.status = 'ENROLLED';
      child.grade = child.history[child.history.length - 1].grade;
    }
    child.dropout = { discoveredOn, schoolCode: school.code, grade, reasons: reasonsFor(child.migrant), returnedOn, chain: chainFor(school) };
    dropouts.push(child);
  }

  // the rest of the 2009 cohort graduates on 5 July 2018
  for (const c of cohort2009) {
    if (c.status !== 'ENROLLED') continue;
    c.history.push({ code: 21, date: '2018-07-05', grade: 9, schoolCode: c.schoolCode });
    c.status = 'GRADUATED';
    c.grade = 9;
  }
  for (const c of children) c.history.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  void asOf;

  const interviews = interviewedSchools.map((s, i) => ({
    schoolCode: s.code,
    date: '2018-04-25',
    interviewees: [
      { name: personName('MALE'), title: '校长（正职领导）' },
      { name: personName('FEMALE'), title: '副校长（分管领导）' },
      { name: personName('MALE'), title: '教导主任（分管中层干部）' },
      { name: personName('FEMALE'), title: '学籍管理员' },
    ],
    findings: '义务教育阶段出现辍学现象；家访不及时，学籍异动登记不规范。',
    rectificationDeadline: '2018-06-30',
    rectifiedOn: i < 9 ? addDays('2018-06-10', i * 2) : null,
  }));

  return {
    districtCode: '450204',
    subdistricts: LIUNAN_SUBDISTRICTS,
    schools,
    children,
    screening: {
      title: '2018年5月全区辍学学生大排查',
      startedOn: '2018-05-02',
      endedOn: '2018-05-31',
      organiser: '柳南区教育局教管办',
      findings: '全区义务教育阶段学校逐校逐班排查在籍未在校学生，建立辍学学生台账，一生一案。',
    },
    interviews,
    consolidationTarget: { year: 2018, targetPercent: 97, setBy: '柳州市教育局' },
  };
}
