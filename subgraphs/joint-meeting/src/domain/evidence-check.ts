import { badInput } from '@kongchuo/shared/core';
import { type SupergraphReader } from '@kongchuo/shared/server';
import { EvidenceKind } from '../entities';

/**
 * Checks a task's evidence where it lives: the joint meeting asks the supergraph (through the
 * gateway, as its own service account) for the record, and accepts it only if it exists, is about
 * the same child, was made on or after the day the task was assigned (a visit recorded years
 * before is not this task's work), and shows the work done (a locate report answered, a case
 * closed as returned). Each task type's evidence is recorded only by the department that does
 * that type (TASK_RULES), so the record is the assigned department's own. That no other task
 * already rests on the same record is checked by the caller, in the joint meeting's own database.
 */
type Check = {
  query: string;
  studentOf: (e: Record<string, unknown>) => unknown;
  /** the day the work was done (YYYY-MM-DD) */
  doneOn: (e: Record<string, unknown>) => unknown;
  done?: (e: Record<string, unknown>) => string | null;
};
const CHECKS: Record<EvidenceKind, Check> = {
  HOME_VISIT: { query: 'query Evidence($id: ID!) { e: homeVisit(id: $id) { studentId date } }', studentOf: (e) => e.studentId, doneOn: (e) => e.date },
  LOCATE_REPORT: {
    query: 'query Evidence($id: ID!) { e: locateRequest(id: $id) { studentId status reports { date } } }',
    studentOf: (e) => e.studentId,
    doneOn: (e) => ((e.reports as { date: string }[] | null) ?? []).map((r) => r.date).sort().at(-1),
    done: (e) => (e.status === 'REPORTED' ? null : 'the locate request has no report yet'),
  },
  AID_GRANT: { query: 'query Evidence($id: ID!) { e: aidGrant(id: $id) { studentId grantedOn } }', studentOf: (e) => e.studentId, doneOn: (e) => e.grantedOn },
  LEGAL_NOTICE: { query: 'query Evidence($id: ID!) { e: legalNotice(id: $id) { studentId servedOn } }', studentOf: (e) => e.studentId, doneOn: (e) => e.servedOn },
  RE_ENROLMENT: {
    query: 'query Evidence($id: ID!) { e: dropoutCase(id: $id) { status outcome closedOn student { id } } }',
    studentOf: (e) => (e.student as { id?: string } | null)?.id,
    doneOn: (e) => e.closedOn,
    done: (e) => (e.status === 'CLOSED' && e.outcome === 'RETURNED' ? null : 'the case is not closed as returned: record 12 复学 first'),
  },
  LETTER: {
    query: 'query Evidence($id: ID!) { e: letter(id: $id) { sentOn dropoutCase { student { id } } } }',
    studentOf: (e) => ((e.dropoutCase as { student?: { id?: string } } | null)?.student)?.id,
    doneOn: (e) => e.sentOn,
  },
};

export async function checkEvidence(read: SupergraphReader, kind: EvidenceKind, id: string, studentId: string, assignedOn: string): Promise<void> {
  const check = CHECKS[kind];
  const { e } = await read<{ e: Record<string, unknown> | null }>(check.query, { id });
  if (!e) throw badInput('input.evidenceId', `input.evidenceId: no ${kind} record ${id} in the department's service`);
  if (check.studentOf(e) !== studentId) throw badInput('input.evidenceId', `input.evidenceId: that ${kind} record is about another child`);
  const notDone = check.done?.(e);
  if (notDone) throw badInput('input.evidenceId', `input.evidenceId: ${notDone}`);
  const doneOn = check.doneOn(e);
  if (typeof doneOn !== 'string' || doneOn < assignedOn) {
    throw badInput('input.evidenceId', `input.evidenceId: that ${kind} record was made before the task was assigned (${assignedOn}); record this task's own work`);
  }
}
