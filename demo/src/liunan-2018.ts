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
import { addDays, composeResidentId, regionShortName } from '@kongchuo/shared/domain';
import { DEMO_SCOPES } from '@kongchuo/shared/identity';

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
  /** the case file's id, shared by every department's records of it */
  caseId: string;
  discoveredOn: string;
  schoolCode: string;
  grade: number;
  reasons: string[];
  returnedOn: string | null;
  chain: { level: string; name: string; title: string }[];
  /** the letter to the origin region's education bureau (still-out children registered elsewhere) */
  letter?: { id: string; sentOn: string; acknowledgedOn: string | null; repliedOn: string | null; reply: string | null };
}

export interface DemoGuardian {
  idNumber: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  /** 父亲 / 母亲 / 祖父 / 祖母 … (to the child) */
  relation: string;
  phone: string;
}

export interface DemoHousehold {
  /** 户号 */
  number: string;
  regionCode: string;
  registeredAddress: string;
  /** 城镇 or 乡村 of the registered address (统计用区划和城乡划分代码), as the police registry holds it */
  areaType: 'URBAN' | 'RURAL';
  /** where the family lives in the district */
  address: string;
  communityCode: string;
  gridCode: string;
  guardians: DemoGuardian[];
  /** residence permit (居住证) of a migrant family; a quarter of them have none (居住证 is not what makes a 随迁子女) */
  residencePermit: { issuedOn: string; validUntil: string } | null;
  parentsWorkingAway: boolean;
  /** who looks after the child day to day */
  carer: string;
  parentsWorkplace: string | null;
}

export interface DemoAid {
  programme: 'TWO_EXEMPTIONS_ONE_SUBSIDY' | 'NUTRITION' | 'STUDENT_GRANT' | 'MINIMUM_LIVING';
  amountYuan: number;
  periodStart: string;
  periodEnd: string;
  grantedOn: string;
}

export interface DemoHomeVisit {
  id: string;
  date: string;
  visitorName: string;
  visitorRole: string;
  outcome: 'MET_FAMILY' | 'CHILD_PERSUADED' | 'REFUSED' | 'NOT_HOME' | 'MOVED_AWAY';
  notes: string;
  /** the department that recorded the visit: the community, or the school (a teacher's visit) */
  visitorDepartment: 'community' | 'education';
  /** who went along from other departments (a joint visit) */
  participants: { name: string; role: string; department: string }[];
}

export interface DemoChild {
  idNumber: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  /** GB/T 2260 code of the household registration (户籍) */
  hukouRegion: string;
  /** 进城务工人员随迁子女 by the national definition: 户籍 in another province, or in the countryside of another county of Guangxi */
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
  /** filled by the second pass (households, communities, civil affairs, visits) */
  household: DemoHousehold;
  poorHousehold: { regionCode: string; registeredYear: number; status: 'REGISTERED' | 'LIFTED'; headName: string } | null;
  aids: DemoAid[];
  leftBehind: boolean;
  disability: { category: string; grade: number } | null;
  homeVisits: DemoHomeVisit[];
  /** unexcused and excused absences recorded by the school in the autumn 2018 term */
  absences: DemoAbsence[];
  /** public security was asked to find the family (协查) and reported where it is */
  located: { id: string; requestedOn: string; reportedOn: string; regionCode: string; summary: string } | null;
  /** hired by an employer while of compulsory age */
  employedBy: { employerName: string; foundOn: string; action: string } | null;
  /** civil affairs' 儿童福利认定 (孤儿, 事实无人抚养儿童, 困境儿童) */
  welfare: { category: 'ORPHAN' | 'DE_FACTO_UNCARED' | 'IN_DIFFICULTY'; recognisedOn: string; basis: string } | null;
  /** the police mark a minor involved in a case (from when; nothing of the case) */
  caseMark: { since: string } | null;
}

type EnrichedFields = 'household' | 'poorHousehold' | 'aids' | 'leftBehind' | 'disability' | 'homeVisits' | 'located' | 'employedBy' | 'absences' | 'welfare' | 'caseMark';
type BaseChild = Omit<DemoChild, EnrichedFields>;

export interface DemoAbsence {
  date: string;
  portion: 'FULL_DAY' | 'MORNING' | 'AFTERNOON';
  excused: boolean;
  reason: string;
}

/**
 * A child of compulsory age whom public security or a community knows but no school has enrolled:
 * no 学籍 anywhere in the district. Only the cross-department check (四查三比对) finds them.
 */
export interface DemoUnenrolledChild {
  idNumber: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  hukouRegion: string;
  migrant: boolean;
  household: DemoHousehold;
  knownTo: ('public_security' | 'community')[];
  situation: string;
}

export interface DemoCommunity {
  code: string;
  name: string;
  subdistrictCode: string;
  grids: { code: string; name: string; worker: { name: string; phone: string } }[];
}

export interface DemoWorld {
  districtCode: string;
  subdistricts: DemoSubdistrict[];
  communities: DemoCommunity[];
  schools: DemoSchool[];
  children: DemoChild[];
  screening: { title: string; startedOn: string; endedOn: string; organiser: string; findings: string };
  interviews: { schoolCode: string; date: string; interviewees: { name: string; title: string }[]; findings: string; rectificationDeadline: string; rectifiedOn: string | null }[];
  consolidationTarget: { year: number; targetPercent: number; setBy: string };
  /** children of compulsory age with no 学籍, known only to public security and/or a community */
  unenrolled: DemoUnenrolledChild[];
}

/** The date the demo's ledgers and early warnings are read on: the last school day before the 2018 winter count. */
export const DEMO_LEDGER_DATE = '2018-12-21';

/** 柳南区 subdistricts and towns (乡级区划, GB/T 10114-style codes). */
export const LIUNAN_SUBDISTRICTS: DemoSubdistrict[] = [
  { code: '450204001', name: '柳南街道' }, { code: '450204002', name: '南站街道' }, { code: '450204003', name: '河西街道' },
  { code: '450204004', name: '银山街道' }, { code: '450204005', name: '潭西街道' }, { code: '450204006', name: '西鹅街道' },
  { code: '450204007', name: '鹅山街道' }, { code: '450204008', name: '南环街道' }, { code: '450204100', name: '太阳村镇' },
  { code: '450204101', name: '洛满镇' }, { code: '450204102', name: '流山镇' },
];

/** Where the migrant children of Liunan come from: the countryside of Guangxi's other counties, and other provinces (region codes, weights). */
const MIGRANT_ORIGINS: [string, number][] = [
  ['450206', 14], ['450222', 8], ['450224', 7], ['450223', 6], ['451302', 12], ['451321', 6], ['451202', 5],
  ['450881', 6], ['431121', 4], ['522601', 3], ['441881', 3], ['510722', 2],
];

/**
 * Children registered in the city's other urban districts (城中区, 鱼峰区, 柳北区) who live and study in
 * Liunan: out-of-district 户籍, but not 随迁子女 (an urban registration of the same province).
 */
const CITY_URBAN_DISTRICTS: [string, number][] = [['450202', 3], ['450203', 5], ['450205', 4]];
/** One in so many out-of-district children drawn for the school population is from the city's urban districts. */
const CITY_URBAN_EVERY = 6;

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
// (addDays: shared/dates)

export const DEMO_COUNTS = {
  /** 2009 cohort (graduates in July 2018) */
  cohort2009Admitted: 2150,
  cohort2009TransfersIn: 140,
  cohort2009TransfersOut: 60,
  primaryPerGrade: 1900,
  juniorPerGrade: 1700,
  suspended: 12,
} as const;

/**
 * `scale` multiplies the children at school in 2018–19 (16,500 at scale 1) and `schools` sets how
 * many schools (30, the demo's, at least) for benchmarks of a bigger district; everything the seed
 * summary fixes (the 75, the 2009 cohort, the interviewed schools) stays as it is.
 */
export function generateLiunan2018(seed = 2018, opts: { scale?: number; schools?: number } = {}): DemoWorld {
  const scale = opts.scale ?? 1;
  const f = new Faker({ locale: [zh_CN, base], seed });
  const pick = <T>(items: [T, number][]): T => f.helpers.weightedArrayElement(items.map(([value, weight]) => ({ value, weight })));
  const usedIds = new Set<string>();
  const personName = (gender: 'MALE' | 'FEMALE') => f.person.lastName() + f.person.firstName(gender === 'MALE' ? 'male' : 'female');

  // ---------------------------------------------------------------- schools
  const schools: DemoSchool[] = [];
  const addSchool = (seq: number, name: string, type: DemoSchoolType, interviewed: boolean) => {
    const sd = LIUNAN_SUBDISTRICTS[(seq + 9) % LIUNAN_SUBDISTRICTS.length];
    // 学校标识码: 10 digits; the demo's 30 are 2145020401…30, a bigger city's further ones 2145021100…
    const code = seq < 100 ? `21450204${pad(seq)}` : `2145021${String(seq).padStart(3, '0')}`;
    schools.push({ code, name, type, subdistrictCode: sd.code, subdistrictName: sd.name, interviewed });
  };
  for (let i = 1; i <= 8; i++) addSchool(i, `柳南区第${DIGITS[i - 1]}初级中学`, 'JUNIOR', i <= 7);
  addSchool(9, '柳南区第一九年一贯制学校', 'NINE_YEAR', true);
  addSchool(10, '柳南区第二九年一贯制学校', 'NINE_YEAR', true);
  for (let i = 11; i <= 30; i++) addSchool(i, `柳南区第${DIGITS[i - 11]}小学`, 'PRIMARY', i === 11);
  // a bigger city (benchmarks): more schools in the demo's proportions (8 junior : 2 nine-year : 20 primary)
  for (let seq = 100, k = 0; schools.length < Math.min(opts.schools ?? 30, 900); seq++, k++) {
    const type: DemoSchoolType = k % 15 < 4 ? 'JUNIOR' : k % 15 === 4 ? 'NINE_YEAR' : 'PRIMARY';
    const label = type === 'JUNIOR' ? '初级中学' : type === 'NINE_YEAR' ? '九年一贯制学校' : '小学';
    addSchool(seq, `柳南区第${seq - 69}${label}`, type, false);
  }
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
  let outOfDistrict = 0;
  const newChild = (cohortYear: number, opts: { region?: string; migrant?: boolean } = {}) => {
    const gender: 'MALE' | 'FEMALE' = f.datatype.boolean({ probability: 0.52 }) ? 'MALE' : 'FEMALE';
    const away = opts.migrant ?? (opts.region ? opts.region !== '450204' : f.datatype.boolean({ probability: 0.22 }));
    // of the out-of-district children drawn at random, one in CITY_URBAN_EVERY is registered in the city's urban districts
    const cityUrban = away && opts.migrant === undefined && !opts.region && ++outOfDistrict % CITY_URBAN_EVERY === 0;
    const migrant = away && !cityUrban;
    const hukouRegion = opts.region ?? (cityUrban ? pick(CITY_URBAN_DISTRICTS) : migrant ? pick(MIGRANT_ORIGINS) : '450204');
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

  const children: BaseChild[] = [];
  const asOf = '2018-12-31';

  // current students of the 2018–19 school year, grades 1–9 (cohorts 2018 … 2010)
  for (let grade = 1; grade <= 9; grade++) {
    const cohortYear = 2018 - grade + 1;
    const n = Math.round((grade <= 6 ? DEMO_COUNTS.primaryPerGrade : DEMO_COUNTS.juniorPerGrade) * scale);
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
  const cohort2009: BaseChild[] = [];
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
  const dropouts: BaseChild[] = [];
  for (let i = 0; i < 75; i++) {
    const stillOut = i < 16;
    const region = stillOut ? STILL_OUT_REGIONS[i] : undefined;
    const migrant = stillOut ? region !== '450204' : i < 16 + 50; // 12 + 50 = 62 of 75 migrants (82.7%)
    let child: BaseChild;
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
    child.dropout = { caseId: f.string.uuid(), discoveredOn, schoolCode: school.code, grade, reasons: reasonsFor(child.migrant), returnedOn, chain: chainFor(school) };
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

  const communities = communitiesOf(f);
  const enriched = enrich(f, children, schools, communities, personName);
  // a separate random stream, so that the records above stay exactly as they were
  const unenrolled = earlyWarningCases(new Faker({ locale: [zh_CN, base], seed: seed + 1 }), enriched, communities);
  return {
    districtCode: '450204',
    subdistricts: LIUNAN_SUBDISTRICTS,
    communities,
    schools,
    unenrolled,
    children: enriched,
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

// ---------------------------------------------------------------- second pass: the other departments' facts

const COMMUNITY_WORDS = ['和平', '幸福', '阳光', '新村', '繁荣', '团结', '建设', '友谊', '春晖', '兴隆'];
const ROADS = ['和平路', '建设路', '文化路', '新民路', '长青路', '育才路', '光明路', '工业路', '兴业路', '民主路'];
const WORKPLACES = ['广东省东莞市', '广东省深圳市', '广东省佛山市', '浙江省宁波市', '福建省晋江市'];
const DISABILITIES = ['VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE'];

/** Five communities (社区) per subdistrict, three grids (网格) each, a grid worker per grid. */
function communitiesOf(f: Faker): DemoCommunity[] {
  const out: DemoCommunity[] = [];
  LIUNAN_SUBDISTRICTS.forEach((sd, i) => {
    for (let c = 1; c <= 5; c++) {
      const code = `${sd.code}${pad(c).padStart(3, '0')}`;
      const word = COMMUNITY_WORDS[(i * 5 + c) % COMMUNITY_WORDS.length];
      const name = sd.name.endsWith('镇') ? `${sd.name}${word}村` : `${sd.name.replace('街道', '')}${word}社区`;
      out.push({
        code, name, subdistrictCode: sd.code,
        grids: [1, 2, 3].map((g) => ({
          code: `${code}${pad(g)}`, name: `${name}第${g}网格`,
          worker: { name: f.person.lastName() + f.person.firstName(), phone: mobile(f) },
        })),
      });
    }
  });
  if (!out.some((c) => c.code === DEMO_SCOPES.community)) throw new Error('demo: the grid-worker account must point at a demo community');
  return out;
}

const mobile = (f: Faker) => `1${f.helpers.arrayElement(['3', '5', '7', '8', '9'])}${f.string.numeric(9)}`;

function enrich(
  f: Faker,
  children: BaseChild[],
  schools: DemoSchool[],
  communities: DemoCommunity[],
  personName: (g: 'MALE' | 'FEMALE') => string,
): DemoChild[] {
  const usedIds = new Set(children.map((c) => c.idNumber));
  const adultId = (region: string, gender: 'MALE' | 'FEMALE', minYear: number, maxYear: number) => {
    for (;;) {
      const birth = ymd(f.number.int({ min: minYear, max: maxYear }), f.number.int({ min: 1, max: 12 }), f.number.int({ min: 1, max: 28 }));
      const id = composeResidentId(region === '450206' ? '450221' : region, birth, f.number.int({ min: 0, max: 499 }) * 2 + (gender === 'MALE' ? 1 : 0));
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return { id, birth };
      }
    }
  };
  const bySubdistrict = new Map<string, DemoCommunity[]>();
  for (const c of communities) bySubdistrict.set(c.subdistrictCode, [...(bySubdistrict.get(c.subdistrictCode) ?? []), c]);
  let householdSeq = 0;
  const schoolByCode = new Map(schools.map((s) => [s.code, s]));

  return children.map((child, index) => {
    const school = schoolByCode.get(child.schoolCode)!;
    const community = f.helpers.arrayElement(bySubdistrict.get(school.subdistrictCode)!);
    const grid = f.helpers.arrayElement(community.grids);
    const birthYear = Number(child.birthDate.slice(0, 4));
    const surname = child.name.slice(0, 1);
    const father = adultId(child.hukouRegion, 'MALE', birthYear - 40, birthYear - 22);
    const mother = adultId(child.hukouRegion, 'FEMALE', birthYear - 38, birthYear - 20);
    // left behind: a local child whose parents both work away from home
    const leftBehind = !child.migrant && !child.dropout && f.datatype.boolean({ probability: 0.04 });
    const guardians: DemoGuardian[] = [
      { idNumber: father.id, birthDate: father.birth, gender: 'MALE', relation: '父亲', name: surname + f.person.firstName('male'), phone: mobile(f) },
      { idNumber: mother.id, birthDate: mother.birth, gender: 'FEMALE', relation: '母亲', name: personName('FEMALE'), phone: mobile(f) },
    ];
    if (leftBehind) {
      const gp = adultId(child.hukouRegion, 'FEMALE', birthYear - 70, birthYear - 50);
      guardians.push({ idNumber: gp.id, birthDate: gp.birth, gender: 'FEMALE', relation: '祖母', name: personName('FEMALE'), phone: mobile(f) });
    }
    const address = `柳州市柳南区${community.name}${f.helpers.arrayElement(ROADS)}${f.number.int({ min: 1, max: 300 })}号`;
    const origin = findOrigin(child.hukouRegion);
    householdSeq += 1;
    // 户籍 in Liunan: the family's own address (its towns' villages are 乡村); the city's urban districts: an urban street there
    const local = child.hukouRegion === '450204';
    const inTown = Number(community.subdistrictCode.slice(6)) >= 100;
    const permit = (p: { issuedOn: string; validUntil: string }) => (Number(child.idNumber.slice(14, 17)) % 4 === 3 ? null : p);
    const household: DemoHousehold = {
      number: `${child.hukouRegion.slice(0, 4)}${String(householdSeq).padStart(6, '0')}`,
      regionCode: child.hukouRegion,
      registeredAddress: child.migrant ? `${origin}${f.helpers.arrayElement(COMMUNITY_WORDS)}村${f.number.int({ min: 1, max: 20 })}组`
        : local ? address : address.replace(`柳州市柳南区${community.name}`, regionShortName(child.hukouRegion) ?? ''),
      areaType: child.migrant || (local && inTown) ? 'RURAL' : 'URBAN',
      address, communityCode: community.code, gridCode: grid.code, guardians,
      residencePermit: child.migrant ? permit({ issuedOn: ymd(f.number.int({ min: 2014, max: 2018 }), f.number.int({ min: 1, max: 6 }), 10), validUntil: ymd(2021, 12, 31) }) : null,
      parentsWorkingAway: leftBehind,
      carer: leftBehind ? '祖母' : '父母',
      parentsWorkplace: leftBehind ? f.helpers.arrayElement(WORKPLACES) : null,
    };

    // registered-poor households: none among Liunan's dropouts; the 忻城 child's family is registered in 忻城县
    const poor = child.registeredPoor || (!child.migrant && !child.dropout && f.datatype.boolean({ probability: 0.012 }));
    const poorHousehold = poor
      ? { regionCode: child.hukouRegion, registeredYear: f.helpers.arrayElement([2014, 2015, 2016]), status: 'REGISTERED' as const, headName: guardians[0].name }
      : null;
    const aids: DemoAid[] = [];
    if (poor && child.status === 'ENROLLED') {
      aids.push({ programme: 'TWO_EXEMPTIONS_ONE_SUBSIDY', amountYuan: child.grade <= 6 ? 500 : 625, periodStart: '2018-09-01', periodEnd: '2019-01-31', grantedOn: '2018-10-15' });
      aids.push({ programme: 'STUDENT_GRANT', amountYuan: 1000, periodStart: '2018-09-01', periodEnd: '2019-07-31', grantedOn: '2018-11-05' });
    }
    if (poor && f.datatype.boolean({ probability: 0.5 })) {
      aids.push({ programme: 'MINIMUM_LIVING', amountYuan: 3960, periodStart: '2018-01-01', periodEnd: '2018-12-31', grantedOn: '2018-01-20' });
    }
    const disability = f.datatype.boolean({ probability: 0.004 }) ? { category: f.helpers.arrayElement(DISABILITIES), grade: f.number.int({ min: 1, max: 4 }) } : null;

    // home visits and police help for the 75 cases
    const homeVisits: DemoHomeVisit[] = [];
    let located: DemoChild['located'] = null;
    let employedBy: DemoChild['employedBy'] = null;
    const d = child.dropout;
    if (d) {
      const day = (n: number) => addDays(d.discoveredOn, n);
      const headTeacher = d.chain.find((c) => c.level === 'HEAD_TEACHER')!;
      const alone = { visitorDepartment: 'community' as const, participants: [] };
      homeVisits.push({ id: f.string.uuid(), date: day(3), visitorName: grid.worker.name, visitorRole: '网格员', outcome: 'MET_FAMILY', notes: '上门核实学生去向，宣传义务教育法，了解家庭困难', ...alone });
      if (d.returnedOn) {
        // the head teacher went along: a joint visit of the community and the school
        homeVisits.push({
          id: f.string.uuid(), date: addDays(d.returnedOn, -3) > day(3) ? addDays(d.returnedOn, -3) : day(4), visitorName: personName('FEMALE'), visitorRole: '社区干部', outcome: 'CHILD_PERSUADED',
          notes: '与班主任一同动员，家长同意送返学校', visitorDepartment: 'community', participants: [{ name: headTeacher.name, role: '班主任', department: 'education' }],
        });
      } else if (child.migrant) {
        homeVisits.push({ id: f.string.uuid(), date: day(20), visitorName: grid.worker.name, visitorRole: '网格员', outcome: 'MOVED_AWAY', notes: '租住地已退租，邻居称全家返回户籍地', ...alone });
        const n = index % 4;
        d.letter = {
          id: f.string.uuid(), sentOn: '2018-06-15', acknowledgedOn: n < 3 ? '2018-06-25' : null, repliedOn: n < 1 ? '2018-07-20' : null,
          reply: n < 1 ? '已收悉。该生已随父母返回我县，我局已安排所在乡镇学校与家长联系，动员其就近入学。' : null,
        };
        located = { id: f.string.uuid(), requestedOn: day(21), reportedOn: day(35), regionCode: child.hukouRegion, summary: `经协查，学生随父母居住在户籍地${origin}` };
      } else {
        homeVisits.push({ id: f.string.uuid(), date: day(20), visitorName: grid.worker.name, visitorRole: '网格员', outcome: 'REFUSED', notes: '家长以孩子不愿读书为由拒绝送返，已告知法定义务', ...alone });
        if (index % 2 === 0) employedBy = { employerName: `柳南区某${f.helpers.arrayElement(['餐馆', '汽修店', '网吧', '服装加工店'])}`, foundOn: day(40), action: '责令辞退，罚款' };
      }
    }
    return { ...child, household, poorHousehold, aids, leftBehind, disability, homeVisits, located, employedBy, absences: [], welfare: null, caseMark: null };
  });
}

/** The origin's short name for addresses, e.g. 来宾市忻城县. */
function findOrigin(regionCode: string): string {
  return regionShortName(regionCode) ?? '外省';
}

// ---------------------------------------------------------------- third pass: early warning and the cross-check

/** Weekdays from `from` to `to` inclusive (the demo has no school on Saturdays and Sundays). */
function schoolDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}

/**
 * The autumn 2018 attendance that the early warning reads, and the children no school has
 * enrolled. Every flagged child is an ordinary enrolled child of the demo whose school recorded
 * absences; the figures the services show are counted from these records.
 *
 * - one child at the school-staff account's school misses every day of the four weeks to
 *   21 December (unexcused): four consecutive weeks, treated as a dropout;
 * - one child at another school has 6 unexcused days in December: over the 5-day report line;
 * - one of the 59 returned in 2018 misses 5 days again (3 full days, 4 half days);
 * - a left-behind child has 2 unexcused days: below the line, but watched with the other factors;
 * - a child on sick leave for 8 days (excused) is not flagged at all;
 * - three children of compulsory age have no 学籍: one known to police and the community, one to
 *   police only, one to the community only.
 */
function earlyWarningCases(f: Faker, children: DemoChild[], communities: DemoCommunity[]): DemoUnenrolledChild[] {
  const eligible = (c: DemoChild) => c.status === 'ENROLLED' && !c.dropout && c.absences.length === 0;
  const first = (test: (c: DemoChild) => boolean, what: string) => {
    const c = children.find((x) => eligible(x) && test(x));
    if (!c) throw new Error(`demo: no child for ${what}`);
    return c;
  };
  const full = (date: string, excused = false, reason = '无故未到校'): DemoAbsence => ({ date, portion: 'FULL_DAY', excused, reason });

  const fourWeeks = first((c) => c.schoolCode === DEMO_SCOPES.school && c.grade >= 7 && !c.leftBehind, 'four weeks away');
  fourWeeks.absences = schoolDays('2018-11-26', '2018-12-21').map((d) => full(d, false, '未到校，班主任电话联系不上家长'));

  const sixDays = first((c) => c.schoolCode !== DEMO_SCOPES.school && c.grade >= 5 && c.migrant, 'six days');
  sixDays.absences = ['2018-12-03', '2018-12-05', '2018-12-10', '2018-12-12', '2018-12-17', '2018-12-19'].map((d) => full(d));

  const returned = children.find((c) => c.status === 'ENROLLED' && c.dropout?.returnedOn && c.absences.length === 0);
  if (!returned) throw new Error('demo: no returned child');
  returned.absences = [
    full('2018-12-06'), full('2018-12-13'), full('2018-12-20'),
    { date: '2018-12-04', portion: 'AFTERNOON', excused: false, reason: '午后未返校' },
    { date: '2018-12-11', portion: 'AFTERNOON', excused: false, reason: '午后未返校' },
    { date: '2018-12-14', portion: 'MORNING', excused: false, reason: '上午未到校' },
    { date: '2018-12-18', portion: 'MORNING', excused: false, reason: '上午未到校' },
  ];

  const leftBehind = first((c) => c.leftBehind, 'left behind');
  leftBehind.absences = [full('2018-12-07'), full('2018-12-14')];

  const sick = first((c) => c.grade <= 6, 'sick leave');
  sick.absences = schoolDays('2018-12-10', '2018-12-19').map((d) => full(d, true, '病假（附医院证明）'));

  // the national priority groups, on children with no absence: their warning comes from these records alone
  const calm = (test: (c: DemoChild) => boolean, what: string) => first((c) => !c.welfare && !c.caseMark && !c.leftBehind && !c.disability && !c.migrant && test(c), what);
  calm((c) => c.schoolCode !== DEMO_SCOPES.school && c.grade >= 4, 'orphan').welfare = { category: 'ORPHAN', recognisedOn: '2017-03-15', basis: '父母双亡，由祖父母抚养' };
  calm((c) => c.grade >= 7, 'without carers').welfare = { category: 'DE_FACTO_UNCARED', recognisedOn: '2018-04-10', basis: '父亲服刑，母亲失联' };
  calm((c) => c.grade >= 3 && c.grade <= 6, 'in difficulty').welfare = { category: 'IN_DIFFICULTY', recognisedOn: '2018-06-01', basis: '家庭监护缺失（父母重病）' };
  calm((c) => c.schoolCode === DEMO_SCOPES.school && c.grade >= 8, 'involved in a case').caseMark = { since: '2018-10-20' };

  // ---- no 学籍: found only by matching 户籍 / 居住 against 学籍
  const usedIds = new Set(children.flatMap((c) => [c.idNumber, ...c.household.guardians.map((g) => g.idNumber)]));
  const idFor = (region: string, birthDate: string, gender: 'MALE' | 'FEMALE') => {
    for (;;) {
      const id = composeResidentId(region, birthDate, f.number.int({ min: 0, max: 499 }) * 2 + (gender === 'MALE' ? 1 : 0));
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const community = communities.find((c) => c.code === DEMO_SCOPES.community)!;
  const other = communities.find((c) => c.subdistrictCode !== community.subdistrictCode)!;
  const make = (n: number, spec: { gender: 'MALE' | 'FEMALE'; birthDate: string; region: string; place: DemoCommunity; permit: boolean; knownTo: DemoUnenrolledChild['knownTo']; situation: string }) => {
    const migrant = spec.region !== '450204';
    const surname = f.person.lastName();
    const father = { idNumber: idFor(spec.region, `${Number(spec.birthDate.slice(0, 4)) - 30}-03-1${n}`, 'MALE'), birthDate: `${Number(spec.birthDate.slice(0, 4)) - 30}-03-1${n}` };
    const mother = { idNumber: idFor(spec.region, `${Number(spec.birthDate.slice(0, 4)) - 28}-07-2${n}`, 'FEMALE'), birthDate: `${Number(spec.birthDate.slice(0, 4)) - 28}-07-2${n}` };
    const address = `柳州市柳南区${spec.place.name}${f.helpers.arrayElement(ROADS)}${f.number.int({ min: 1, max: 300 })}号`;
    const household: DemoHousehold = {
      number: `${spec.region.slice(0, 4)}9${String(n).padStart(5, '0')}`,
      regionCode: spec.region,
      registeredAddress: migrant ? `${findOrigin(spec.region)}${f.helpers.arrayElement(COMMUNITY_WORDS)}村${f.number.int({ min: 1, max: 20 })}组` : address,
      areaType: migrant ? 'RURAL' : 'URBAN',
      address, communityCode: spec.place.code, gridCode: spec.place.grids[0].code,
      guardians: [
        { ...father, gender: 'MALE', relation: '父亲', name: surname + f.person.firstName('male'), phone: mobile(f) },
        { ...mother, gender: 'FEMALE', relation: '母亲', name: f.person.lastName() + f.person.firstName('female'), phone: mobile(f) },
      ],
      residencePermit: spec.permit ? { issuedOn: '2017-04-10', validUntil: '2020-04-09' } : null,
      parentsWorkingAway: false, carer: '父母', parentsWorkplace: null,
    };
    return {
      idNumber: idFor(spec.region, spec.birthDate, spec.gender), name: surname + f.person.firstName(spec.gender === 'MALE' ? 'male' : 'female'),
      gender: spec.gender, birthDate: spec.birthDate, hukouRegion: spec.region, migrant, household, knownTo: spec.knownTo, situation: spec.situation,
    };
  };
  return [
    make(1, { gender: 'MALE', birthDate: '2008-05-14', region: '451302', place: community, permit: true, knownTo: ['public_security', 'community'], situation: '随父母来柳务工居住，持居住证，未办理入学' }),
    make(2, { gender: 'FEMALE', birthDate: '2006-10-02', region: '450204', place: other, permit: false, knownTo: ['public_security'], situation: '户籍在本区，社区无居住登记，去向不明' }),
    make(3, { gender: 'FEMALE', birthDate: '2009-02-20', region: '522601', place: other, permit: false, knownTo: ['community'], situation: '随外省务工父母租住，未办理居住证，未入学' }),
  ];
}
