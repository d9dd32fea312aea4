import { Meeting, Resolution } from './meeting';
import { PersuasionTask, TaskEvent } from './task';
import { CrossCheckLease, CrossCheckRun, LedgerEntry } from './cross-check';

export * from './enums';
export { Meeting, Resolution, PersuasionTask, TaskEvent, CrossCheckLease, CrossCheckRun, LedgerEntry };
export const entities = [Meeting, Resolution, PersuasionTask, TaskEvent, CrossCheckLease, CrossCheckRun, LedgerEntry];
