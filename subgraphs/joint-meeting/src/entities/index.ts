import { Meeting, Resolution } from './meeting';
import { PersuasionTask, TaskEvent } from './task';
import { CrossCheckRun, LedgerEntry } from './cross-check';

export * from './enums';
export { Meeting, Resolution, PersuasionTask, TaskEvent, CrossCheckRun, LedgerEntry };
export const entities = [Meeting, Resolution, PersuasionTask, TaskEvent, CrossCheckRun, LedgerEntry];
