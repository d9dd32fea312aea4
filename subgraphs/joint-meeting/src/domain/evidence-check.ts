import type { SubgraphName } from '@kongchuo/shared/core';
import type { VouchedEvidence } from '@kongchuo/shared/server';
import { EvidenceKind } from './tasks';

/**
 * A task's evidence, checked on what its owner vouches for: the department that recorded it signs
 * an attestation of the record (the record's `attestation` field, shared/src/server/attestations.ts)
 * and the joint meeting checks it with that department's public key — no call to anyone. The
 * evidence is accepted only if the record's own department vouches for it, it is the record named,
 * about the task's child, its work is done (a locate request answered, a case closed as returned)
 * and was done on or after the day the task was assigned (a visit recorded years before is not
 * this task's work). Each task type's evidence is recorded only by the department that does that
 * type (TASK_RULES), so the record is the assigned department's own. That no other task already
 * rests on the same record is checked by the caller, in the joint meeting's own database.
 */
export const EVIDENCE_OWNER: Record<EvidenceKind, SubgraphName> = {
  [EvidenceKind.HOME_VISIT]: 'community',
  [EvidenceKind.LOCATE_REPORT]: 'public-security',
  [EvidenceKind.AID_GRANT]: 'civil-affairs',
  [EvidenceKind.LEGAL_NOTICE]: 'public-security',
  [EvidenceKind.RE_ENROLMENT]: 'education',
  [EvidenceKind.LETTER]: 'education',
};

const NOT_DONE: Partial<Record<EvidenceKind, string>> = {
  [EvidenceKind.LOCATE_REPORT]: 'the locate request has no report yet',
  [EvidenceKind.RE_ENROLMENT]: 'the case is not closed as returned: record 12 复学 first',
};

/** Why the vouched record is not this task's evidence, or null when it is. */
export function evidenceProblem(kind: EvidenceKind, id: string, studentId: string, assignedOn: string, vouched: VouchedEvidence): string | null {
  if (vouched.kind !== kind || vouched.id !== id) return `the attestation is of another record (${vouched.kind} ${vouched.id}), not ${kind} ${id}`;
  if (vouched.studentId !== studentId) return `that ${kind} record is about another child`;
  if (!vouched.complete) return NOT_DONE[kind] ?? `that ${kind} record is not done`;
  if (!vouched.doneOn || vouched.doneOn < assignedOn) return `that ${kind} record was made before the task was assigned (${assignedOn}); record this task's own work`;
  return null;
}
