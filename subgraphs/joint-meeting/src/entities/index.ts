import { Meeting, Resolution, ResolutionFollowUp } from './meeting';
import { PersuasionTask, TaskEvent } from './task';
import { CrossCheckLease, CrossCheckRun, LedgerEntry } from './cross-check';

export * from './enums';
export { Meeting, Resolution, ResolutionFollowUp, PersuasionTask, TaskEvent, CrossCheckLease, CrossCheckRun, LedgerEntry };
export const entities = [Meeting, Resolution, ResolutionFollowUp, PersuasionTask, TaskEvent, CrossCheckLease, CrossCheckRun, LedgerEntry];
