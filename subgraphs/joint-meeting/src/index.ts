import 'reflect-metadata';
import { defineSubgraph } from '@kongchuo/shared/server';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { referenceResolvers } from './resolvers/references';
import { migrations as sqlite } from './migrations/sqlite';
import { migrations as postgresql } from './migrations/postgresql';
import { Student, StudentResolver } from './resolvers/student.resolver';
import { TaskResolver } from './resolvers/task.resolver';
import { WorkQueueResolver } from './resolvers/work-queue.resolver';
import { MeetingResolver, ResolutionResolver } from './resolvers/meeting.resolver';
import { CrossCheckResolver, LedgerEntryResolver } from './resolvers/cross-check.resolver';
import { crossCheckWorker } from './workers/cross-check.worker';

export * from './entities';

/**
 * 联席会议 subgraph: the joint meeting's own records — meetings, resolutions and the persuasion
 * tasks it (or education) assigns across departments, with their history; the cross-check and its ledgers.
 */
export const jointMeeting = defineSubgraph<Loaders>({
  name: 'joint-meeting',
  entities,
  migrations: { sqlite, postgresql },
  resolvers: [StudentResolver, TaskResolver, WorkQueueResolver, MeetingResolver, ResolutionResolver, CrossCheckResolver, LedgerEntryResolver],
  orphanedTypes: [Student],
  referenceResolvers,
  loaders: createLoaders,
  // the demo world is loaded only when a service seeds it: never in production
  seed: () => import('./seed/liunan-2018').then((m) => m.seedJointMeeting),
  // 四查三比对 reads every register through the gateway: a worker of its own, never a resolver
  workers: [crossCheckWorker],
});

export const listen = (port: number) => jointMeeting.start({ port });
