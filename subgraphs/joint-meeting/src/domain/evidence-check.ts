import { badInput, type SupergraphReader } from '@kongchuo/shared';
import { EvidenceKind } from '../entities';

/**
 * Checks a task's evidence where it lives: the joint meeting asks the supergraph (through the
 * gateway, as its own service account) for the record, and accepts it only if it exists, is about
 * the same child, and shows the work done (a locate report answered, a case closed as returned).
 */
const CHECKS: Record<EvidenceKind, { query: string; studentOf: (e: Record<string, unknown>) => unknown; done?: (e: Record<string, unknown>) => string | null }> = {
  HOME_VISIT: { query: 'query Evidence($id: ID!) { e: homeVisit(id: $id) { studentId } }', studentOf: (e) => e.studentId },
  LOCATE_REPORT: {
    query: 'query Evidence($id: ID!) { e: locateRequest(id: $id) { studentId status } }',
    studentOf: (e) => e.studentId,
    done: (e) => (e.status === 'REPORTED' ? null : 'the locate request has no report yet'),
  },
  AID_GRANT: { query: 'query Evidence($id: ID!) { e: aidGrant(id: $id) { studentId } }', studentOf: (e) => e.studentId },
  LEGAL_NOTICE: { query: 'query Evidence($id: ID!) { e: legalNotice(id: $id) { studentId } }', studentOf: (e) => e.studentId },
  RE_ENROLMENT: {
    query: 'query Evidence($id: ID!) { e: dropoutCase(id: $id) { status outcome student { id } } }',
    studentOf: (e) => (e.student as { id?: string } | null)?.id,
    done: (e) => (e.status === 'CLOSED' && e.outcome === 'RETURNED' ? null : 'the case is not closed as returned: record 12 复学 first'),
  },
  LETTER: { query: 'query Evidence($id: ID!) { e: letter(id: $id) { dropoutCase { student { id } } } }', studentOf: (e) => ((e.dropoutCase as { student?: { id?: string } } | null)?.student)?.id },
};

export async function checkEvidence(read: SupergraphReader, kind: EvidenceKind, id: string, studentId: string): Promise<void> {
  const check = CHECKS[kind];
  const { e } = await read<{ e: Record<string, unknown> | null }>(check.query, { id });
  if (!e) throw badInput('input.evidenceId', `input.evidenceId: no ${kind} record ${id} in the department's service`);
  if (check.studentOf(e) !== studentId) throw badInput('input.evidenceId', `input.evidenceId: that ${kind} record is about another child`);
  const notDone = check.done?.(e);
  if (notDone) throw badInput('input.evidenceId', `input.evidenceId: ${notDone}`);
}
