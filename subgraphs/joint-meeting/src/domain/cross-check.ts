/**
 * 四查三比对, as a pure function over key lists: what each department's list says about each child,
 * and what the joint meeting must do about it. The lists are fetched set-wise — pages of up to
 * 5,000 linkage keys from each department, keys only, so no personal data moves for the children
 * who are where they should be — and matched here as sets.
 *
 * - 户籍/居住 ↔ 学籍: a child of compulsory age whom public security or a community knows, with no
 *   学籍 in the district (NEVER_ENROLLED), or whose 学籍 was transferred out while the family is
 *   still registered or living here (LEFT_SCHOOL: where do they study now?);
 * - 学籍 ↔ 在校: enrolled but not attending, from the schools' absence records (NOT_ATTENDING, or
 *   TREAT_AS_DROPOUT after the province's consecutive weeks);
 * - 辍学 ↔ 贫困: a dropout from a registered-poor household (POOR_DROPOUT: aid first).
 */
import type { Department } from '@kongchuo/shared/identity';
import { TaskType } from './tasks';

export enum LedgerKind {
  SCHOOL_AGE = 'SCHOOL_AGE',
  SUSPECTED_DROPOUT = 'SUSPECTED_DROPOUT',
  DROPOUT = 'DROPOUT',
}

export enum FindingKind {
  NEVER_ENROLLED = 'NEVER_ENROLLED',
  LEFT_SCHOOL = 'LEFT_SCHOOL',
  NOT_ATTENDING = 'NOT_ATTENDING',
  TREAT_AS_DROPOUT = 'TREAT_AS_DROPOUT',
  POOR_DROPOUT = 'POOR_DROPOUT',
}

export enum FindingStatus {
  OPEN = 'OPEN',
  ACTED = 'ACTED',
  DISMISSED = 'DISMISSED',
}

/** Where a run is: queued by runCrossCheck, taken by the cross-check worker, finished or failed. */
export enum CrossCheckStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

export type Source = Extract<Department, 'public_security' | 'community'>;

export interface SuspectedChild {
  id: string;
  treatAsDropout: boolean;
  reasons: string[];
}

export interface DropoutChild {
  id: string;
  /** null when the poverty registry could not say */
  registeredPoor: boolean | null;
}

export interface LedgerRow {
  ledger: LedgerKind;
  studentId: string;
  knownTo: string[];
  enrollmentStatus: string | null;
  finding: FindingKind | null;
  reasons: string[];
  suggestedTask: TaskType | null;
}

const SOURCE_LABEL: Record<Source, string> = { public_security: '公安（户籍/居住证）', community: '社区（居民登记）' };

/** The one action a finding suggests: who should go, given who knows where the family is. */
export function suggestedTask(finding: FindingKind, knownTo: string[]): TaskType {
  switch (finding) {
    case FindingKind.NEVER_ENROLLED:
    case FindingKind.LEFT_SCHOOL:
      return knownTo.includes('community') ? TaskType.HOME_VISIT : TaskType.LOCATE_FAMILY;
    case FindingKind.NOT_ATTENDING:
      return TaskType.HOME_VISIT;
    case FindingKind.TREAT_AS_DROPOUT:
      return TaskType.RE_ENROLMENT;
    case FindingKind.POOR_DROPOUT:
      return TaskType.AID;
  }
}

export function crossCheck(lists: {
  /** keys of the children of compulsory age each registry holds */
  public_security: string[];
  community: string[];
  /** 学籍 status by key, for every child education holds a record of */
  enrollment: ReadonlyMap<string, string>;
  suspected: SuspectedChild[];
  dropouts: DropoutChild[];
}): LedgerRow[] {
  // 适龄儿童: the union of the two registries, with what 学籍 says of each
  const schoolAge = new Map<string, { knownTo: Set<Source>; status: string | null }>();
  for (const source of ['public_security', 'community'] as const) {
    for (const id of lists[source]) {
      const row = schoolAge.get(id) ?? { knownTo: new Set<Source>(), status: lists.enrollment.get(id) ?? null };
      row.knownTo.add(source);
      schoolAge.set(id, row);
    }
  }
  const rows: LedgerRow[] = [];
  for (const [studentId, { knownTo, status }] of schoolAge) {
    const sources = [...knownTo].sort();
    const from = sources.map((s) => SOURCE_LABEL[s]).join('、');
    let finding: FindingKind | null = null;
    let reasons: string[] = [];
    if (status === null) {
      finding = FindingKind.NEVER_ENROLLED;
      reasons = [`${from}有登记，本区无学籍（户籍/居住 ↔ 学籍）`];
    } else if (status === 'TRANSFERRED_OUT') {
      finding = FindingKind.LEFT_SCHOOL;
      reasons = [`学籍已转出，但${from}仍在本区，就读去向待核实`];
    }
    rows.push({ ledger: LedgerKind.SCHOOL_AGE, studentId, knownTo: sources, enrollmentStatus: status, finding, reasons, suggestedTask: finding && suggestedTask(finding, sources) });
  }
  for (const s of lists.suspected) {
    const finding = s.treatAsDropout ? FindingKind.TREAT_AS_DROPOUT : FindingKind.NOT_ATTENDING;
    const known = schoolAge.get(s.id);
    const sources = known ? [...known.knownTo].sort() : [];
    rows.push({ ledger: LedgerKind.SUSPECTED_DROPOUT, studentId: s.id, knownTo: ['education', ...sources], enrollmentStatus: 'ENROLLED', finding, reasons: s.reasons, suggestedTask: suggestedTask(finding, sources) });
  }
  for (const d of lists.dropouts) {
    const known = schoolAge.get(d.id);
    const sources = known ? [...known.knownTo].sort() : [];
    const poor = d.registeredPoor === true;
    rows.push({
      ledger: LedgerKind.DROPOUT, studentId: d.id, knownTo: ['education', ...sources], enrollmentStatus: 'DROPPED_OUT',
      finding: poor ? FindingKind.POOR_DROPOUT : null,
      reasons: poor ? ['辍学学生属建档立卡贫困户（辍学 ↔ 贫困库），先落实资助'] : d.registeredPoor === null ? ['贫困库未能比对'] : [],
      suggestedTask: poor ? TaskType.AID : null,
    });
  }
  return rows;
}
