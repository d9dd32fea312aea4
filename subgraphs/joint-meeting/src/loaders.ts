import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { groupByKey, oneByKey } from '@kongchuo/shared/core';
import { type Identity } from '@kongchuo/shared/identity';
import { Meeting, PersuasionTask, Resolution, ResolutionFollowUp, TaskEvent } from './entities';

/** One query per relation per batch. */
export function createLoaders(em: EntityManager, _identity: Identity) {
  return {
    tasksOfStudent: new DataLoader<string, PersuasionTask[]>(async (ids) =>
      groupByKey(ids, await em.find(PersuasionTask, { studentId: { $in: [...ids] } }, { orderBy: { dueDate: 'asc', createdAt: 'asc' } }), (t) => t.studentId)),
    tasksOfMeeting: new DataLoader<string, PersuasionTask[]>(async (ids) =>
      groupByKey(ids, await em.find(PersuasionTask, { meeting: { $in: [...ids] } }, { orderBy: { dueDate: 'asc' } }), (t) => t.meeting!.id)),
    events: new DataLoader<string, TaskEvent[]>(async (ids) =>
      groupByKey(ids, await em.find(TaskEvent, { task: { $in: [...ids] } }, { orderBy: { id: 'asc' } }), (e) => e.task.id)),
    task: new DataLoader<string, PersuasionTask | null>(async (ids) => oneByKey(ids, await em.find(PersuasionTask, { id: { $in: [...ids] } }), (t) => t.id)),
    resolutions: new DataLoader<string, Resolution[]>(async (ids) =>
      groupByKey(ids, await em.find(Resolution, { meeting: { $in: [...ids] } }, { orderBy: { ordinal: 'asc' } }), (r) => r.meeting.id)),
    followUps: new DataLoader<string, ResolutionFollowUp[]>(async (ids) =>
      groupByKey(ids, await em.find(ResolutionFollowUp, { resolution: { $in: [...ids] } }, { orderBy: { date: 'asc', recordedAt: 'asc' } }), (f) => f.resolution.id)),
    meeting: new DataLoader<string, Meeting | null>(async (ids) => oneByKey(ids, await em.find(Meeting, { id: { $in: [...ids] } }), (m) => m.id)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
