/**
 * 督办: the follow-up of the joint meeting's resolutions. A resolution that names a lead department
 * (牵头部门) and a deadline (完成时限) is supervised: the lead department reports progress and, at the
 * end, that it was carried out (落实); the joint meeting's office may urge it (督促); it is overdue
 * when its deadline has passed and it is not carried out. A resolution without a lead department
 * and deadline is recorded, not supervised. Pure rules; the resolvers only apply them.
 */
import type { Department } from '@kongchuo/shared/identity';

export enum ResolutionStatus {
  /** recorded without a lead department and deadline: not followed up */
  RECORDED = 'RECORDED',
  /** 督办中 */
  SUPERVISED = 'SUPERVISED',
  /** 已落实 */
  CARRIED_OUT = 'CARRIED_OUT',
}

export enum FollowUpKind {
  /** 进展报告 by the lead department */
  PROGRESS = 'PROGRESS',
  /** 落实报告: the resolution was carried out */
  CARRIED_OUT = 'CARRIED_OUT',
  /** 督促: the joint meeting's office urges the lead department */
  URGED = 'URGED',
}

export type FollowUpDecision = { ok: true; status: ResolutionStatus } | { ok: false; code: 'FORBIDDEN' | 'BAD_USER_INPUT'; field: string; reason: string };

/** Whether `department` may add a follow-up of `kind` to a resolution, and the status it leaves. */
export function decideFollowUp(kind: FollowUpKind, status: ResolutionStatus, leadDepartment: Department | null, department: Department): FollowUpDecision {
  if (status === ResolutionStatus.RECORDED) return { ok: false, code: 'BAD_USER_INPUT', field: 'input.resolutionId', reason: 'this resolution names no lead department and deadline: it is not supervised' };
  if (status === ResolutionStatus.CARRIED_OUT) return { ok: false, code: 'BAD_USER_INPUT', field: 'input.resolutionId', reason: 'this resolution is already carried out' };
  if (kind === FollowUpKind.URGED) {
    return department === 'joint_meeting' ? { ok: true, status } : { ok: false, code: 'FORBIDDEN', field: 'input.kind', reason: 'only the joint meeting\'s office urges (督促)' };
  }
  if (department !== leadDepartment && department !== 'joint_meeting') {
    return { ok: false, code: 'FORBIDDEN', field: 'input.resolutionId', reason: `only the lead department (${leadDepartment}) reports on this resolution` };
  }
  return { ok: true, status: kind === FollowUpKind.CARRIED_OUT ? ResolutionStatus.CARRIED_OUT : status };
}

export const isResolutionOverdue = (status: ResolutionStatus, dueDate: string | null, today: string) =>
  status === ResolutionStatus.SUPERVISED && dueDate !== null && dueDate < today;
