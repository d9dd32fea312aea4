/**
 * Persuasion tasks (劝返任务, "双线四包"): which department can do which kind of task, and how a
 * task moves. Pure rules; the resolvers only apply them.
 *
 *   ASSIGNED ──accept──▶ ACCEPTED ──start──▶ IN_PROGRESS ──complete (with evidence)──▶ DONE
 *      │                    │                     │
 *      └────────reject (with a reason)────────────┴──▶ REJECTED ──reassign──▶ ASSIGNED (again)
 *
 * Only the assigned department moves a task; only the joint meeting and education assign and
 * reassign. A task is overdue when its due date has passed and it is not done.
 */
import { label } from '@kongchuo/shared/labels';
import type { Department } from '@kongchuo/shared/identity';

export enum TaskType {
  HOME_VISIT = 'HOME_VISIT',
  LOCATE_FAMILY = 'LOCATE_FAMILY',
  AID = 'AID',
  LEGAL_NOTICE = 'LEGAL_NOTICE',
  RE_ENROLMENT = 'RE_ENROLMENT',
  LETTER_TO_ORIGIN = 'LETTER_TO_ORIGIN',
}

export enum TaskStatus {
  ASSIGNED = 'ASSIGNED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  REJECTED = 'REJECTED',
}

export enum TaskAction {
  ASSIGN = 'ASSIGN',
  ACCEPT = 'ACCEPT',
  START = 'START',
  COMPLETE = 'COMPLETE',
  REJECT = 'REJECT',
  REASSIGN = 'REASSIGN',
}

/** The evidence each kind of task is completed with, recorded by the department that did it. */
export enum EvidenceKind {
  HOME_VISIT = 'HOME_VISIT',
  LOCATE_REPORT = 'LOCATE_REPORT',
  AID_GRANT = 'AID_GRANT',
  LEGAL_NOTICE = 'LEGAL_NOTICE',
  RE_ENROLMENT = 'RE_ENROLMENT',
  LETTER = 'LETTER',
}

/** Who does each kind of task and what it is completed with (its words: `@kongchuo/shared/labels`). */
export const TASK_RULES: Record<TaskType, { label: string; departments: Department[]; evidence: EvidenceKind }> = {
  // 家访: the community's grid workers and cadres, or the school's teachers (大家访, 包人)
  HOME_VISIT: { label: label('TaskType', 'HOME_VISIT'), departments: ['community', 'education'], evidence: EvidenceKind.HOME_VISIT },
  LOCATE_FAMILY: { label: label('TaskType', 'LOCATE_FAMILY'), departments: ['public_security'], evidence: EvidenceKind.LOCATE_REPORT },
  AID: { label: label('TaskType', 'AID'), departments: ['civil_affairs'], evidence: EvidenceKind.AID_GRANT },
  LEGAL_NOTICE: { label: label('TaskType', 'LEGAL_NOTICE'), departments: ['public_security'], evidence: EvidenceKind.LEGAL_NOTICE },
  RE_ENROLMENT: { label: label('TaskType', 'RE_ENROLMENT'), departments: ['education'], evidence: EvidenceKind.RE_ENROLMENT },
  LETTER_TO_ORIGIN: { label: label('TaskType', 'LETTER_TO_ORIGIN'), departments: ['education'], evidence: EvidenceKind.LETTER },
};

export const ASSIGNERS: Department[] = ['joint_meeting', 'education'];

const MOVES: Record<Exclude<TaskAction, 'ASSIGN'>, { from: TaskStatus[]; to: TaskStatus; by: 'assignee' | 'assigner' }> = {
  ACCEPT: { from: [TaskStatus.ASSIGNED], to: TaskStatus.ACCEPTED, by: 'assignee' },
  START: { from: [TaskStatus.ACCEPTED], to: TaskStatus.IN_PROGRESS, by: 'assignee' },
  COMPLETE: { from: [TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS], to: TaskStatus.DONE, by: 'assignee' },
  REJECT: { from: [TaskStatus.ASSIGNED, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS], to: TaskStatus.REJECTED, by: 'assignee' },
  REASSIGN: { from: [TaskStatus.REJECTED, TaskStatus.ASSIGNED, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS], to: TaskStatus.ASSIGNED, by: 'assigner' },
};

export type Decision = { ok: true; to: TaskStatus } | { ok: false; code: 'FORBIDDEN' | 'BAD_USER_INPUT'; field: string; reason: string };

/** Whether `department` may take `action` on a task in `status` held by `assignedDepartment`. */
export function decideMove(action: Exclude<TaskAction, 'ASSIGN'>, status: TaskStatus, assignedDepartment: Department, department: Department): Decision {
  const move = MOVES[action];
  if (move.by === 'assignee' && department !== assignedDepartment) {
    return { ok: false, code: 'FORBIDDEN', field: 'input.taskId', reason: `only the assigned department (${assignedDepartment}) may ${action.toLowerCase()} this task` };
  }
  if (move.by === 'assigner' && !ASSIGNERS.includes(department)) {
    return { ok: false, code: 'FORBIDDEN', field: 'input.taskId', reason: 'only the joint meeting and education may reassign tasks' };
  }
  if (!move.from.includes(status)) {
    return { ok: false, code: 'BAD_USER_INPUT', field: 'input.taskId', reason: `a ${status} task cannot be ${action.toLowerCase()}ed` };
  }
  return { ok: true, to: move.to };
}

/** Whether a task of `type` can go to `department`. */
export function canDo(type: TaskType, department: Department): boolean {
  return TASK_RULES[type].departments.includes(department);
}

export const isOverdue = (dueDate: string, status: TaskStatus, today: string) => status !== TaskStatus.DONE && dueDate < today;
