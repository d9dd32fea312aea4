import { Meeting, Resolution } from './meeting';
import { PersuasionTask, TaskEvent } from './task';

export * from './enums';
export { Meeting, Resolution, PersuasionTask, TaskEvent };
export const entities = [Meeting, Resolution, PersuasionTask, TaskEvent];
