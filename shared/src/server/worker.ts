/**
 * A department's background worker: a job over many departments' registers (the joint meeting's
 * 四查三比对) runs in its own process beside the department's service, on the department's own
 * database, and reads the other departments as a client of the gateway with the department's
 * service account — so the departments answer it under the one policy, and audit its reads, like
 * any other caller. No resolver reads the supergraph: a request never runs gateway → department →
 * gateway (docs/architecture.md#no-calls-back-through-the-gateway).
 *
 * A worker is a loop of passes: a pass takes what is waiting (rows its department's resolvers
 * queued) and does it; when a pass found nothing, the next waits `idleMs`.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Config, WorkerName } from '../core';
import type { Identity } from '../identity';
import type { Logger } from '../observability';
import { AuditWriter } from '../audit';
import type { SupergraphReader } from './service-client';

export interface WorkerContext {
  /** a fresh EntityManager of the department's database, for this pass */
  em: EntityManager;
  /** reads the supergraph through the gateway as the department's service account */
  gateway: SupergraphReader;
  /** the department's service account, as it appears in the audit entries the worker writes */
  identity: Identity;
  logger: Logger;
  config: Config;
  /** records what the worker wrote in the department's own audit chain (WRITE entries, no child or one) */
  audited(operation: string, writes: { studentId: string | null; fields: string }[]): Promise<void>;
}

export interface WorkerDefinition {
  /** the worker's name (WORKERS in core/config.ts says whose it is): `serve.js <name>` runs it, logs carry it */
  name: WorkerName;
  /** how long to wait after a pass that found nothing to do (ms) */
  idleMs(config: Config): number;
  /** one pass: takes what is waiting and does it; true when it did something (the next pass starts at once) */
  pass(ctx: WorkerContext): Promise<boolean>;
  /** once at start, before the first pass: e.g. work a stopped worker left half done */
  recover?(ctx: WorkerContext): Promise<void>;
}

/** A running worker: stop() lets the pass under way finish, then closes the database. */
export interface WorkerService {
  name: string;
  stop(): Promise<void>;
}

export function runWorker(def: WorkerDefinition, deps: { orm: MikroORM; gateway: SupergraphReader; identity: Identity; logger: Logger; config: Config }): WorkerService {
  const { orm, gateway, identity, logger, config } = deps;
  const writer = new AuditWriter(orm, logger);
  const context = (): WorkerContext => ({
    em: orm.em.fork(), gateway, identity, logger, config,
    audited: (operation, writes) => writer.append(writes.map((w) => ({
      at: new Date(), kind: 'WRITE', user: identity.user, department: identity.department, role: identity.role,
      studentId: w.studentId, fields: w.fields, operation, requestId: randomUUID(),
    }))),
  });
  let stopping = false;
  let wake: () => void = () => {};
  const idle = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });
  const loop = (async () => {
    try {
      await def.recover?.(context());
    } catch (e) {
      logger.warn({ err: e }, 'worker recovery failed');
    }
    while (!stopping) {
      let worked = false;
      try {
        worked = await def.pass(context());
      } catch (e) {
        logger.warn({ err: e }, 'worker pass failed');
      }
      if (!worked && !stopping) await idle(def.idleMs(config));
    }
  })();
  // liveness for a container's health check (WORKER_HEARTBEAT_FILE): the time, every 10 seconds, while the process runs
  const heartbeatFile = process.env.WORKER_HEARTBEAT_FILE;
  const beat = () => heartbeatFile && fs.promises.writeFile(heartbeatFile, new Date().toISOString()).catch((e: unknown) => logger.warn({ err: e }, 'worker heartbeat not written'));
  void beat();
  const heartbeat = heartbeatFile ? setInterval(() => void beat(), 10_000).unref() : undefined;
  logger.info({ worker: def.name }, 'worker started');
  return {
    name: def.name,
    async stop() {
      stopping = true;
      clearInterval(heartbeat);
      wake();
      await loop;
      await orm.close();
    },
  };
}
