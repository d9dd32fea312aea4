/**
 * Audit checkpoints: the hash chain alone cannot show its last entries deleted, nor a chain that
 * the database's owner recomputed from some entry on, since nothing outside the database knew the
 * head. So every department, every AUDIT_CHECKPOINT_SECONDS (and when it stops cleanly), signs its
 * chain's head — last entry id, that entry's hash and time, how many entries there are — with its
 * own Ed25519 key (shared/src/audit/keys.ts) and hands the statement to the department that holds
 * its checkpoints, service to service (`POST /audit-checkpoint`, MACed like `/scope`). The holder
 * checks the signature and keeps the checkpoint in its own append-only `audit_checkpoint` table:
 * the joint meeting holds every department's, and education holds the joint meeting's, so no chain
 * is anchored only in its own database. `verifyAuditChain` then checks each chain against them.
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { Entity, PrimaryKey, Property, Unique, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { type Config, type SubgraphName, TimestampType } from '../core';
import { AuditEntry } from './entry';
import { CHECKPOINT_HOLDERS, auditSigningVariable, checkpointsHeldBy } from './keys';

export { CHECKPOINT_HOLDERS, checkpointsHeldBy };
import { callService, serviceEndpoint, serviceKey } from '../identity';
import type { Logger } from '../observability';

export const AUDIT_CHECKPOINT_PATH = '/audit-checkpoint';

/** A checkpoint held for another department: the signed statement, and its fields for finding it. */
@Entity({ tableName: 'audit_checkpoint' })
@Unique({ properties: ['service', 'lastId'] })
export class AuditCheckpoint {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Property({ type: 'string', length: 20 })
  service: string;

  @Property({ type: 'integer' })
  lastId: number;

  @Property({ type: 'string', length: 64 })
  hash: string;

  @Property({ type: 'integer' })
  entries: number;

  @Property({ type: TimestampType })
  signedAt: Date;

  @Property({ type: TimestampType })
  receivedAt: Date;

  @Property({ type: 'text' })
  statement: string;

  @Property({ type: 'string', length: 100 })
  signature: string;
}

/** What a department signs: its chain's head at `at`. */
export interface CheckpointStatement {
  v: 1;
  service: SubgraphName;
  lastId: number;
  hash: string;
  /** entries in the chain up to lastId, as the department counted them */
  entries: number;
  /** the time of the head entry (a purge may remove entries only once they are six months old) */
  headAt: string;
  /** the first entry there was (older ones purged), and its time */
  firstId: number;
  firstAt: string;
  /** when it was signed */
  at: string;
}

const isIso = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** The signed text and its signature. */
export function signCheckpoint(statement: CheckpointStatement, key: KeyObject): { statement: string; signature: string } {
  const text = stringify(statement) as string;
  return { statement: text, signature: sign(null, Buffer.from(text, 'utf8'), key).toString('base64url') };
}

/** The statement, if `signature` is `service`'s over exactly this text and it is well formed; otherwise undefined. */
export function readCheckpoint(text: string, signature: string, key: KeyObject | undefined, service: string): CheckpointStatement | undefined {
  if (!key || typeof text !== 'string' || typeof signature !== 'string') return undefined;
  let valid = false;
  try {
    valid = verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64url'));
  } catch {
    return undefined;
  }
  if (!valid) return undefined;
  let s: CheckpointStatement;
  try {
    s = JSON.parse(text) as CheckpointStatement;
  } catch {
    return undefined;
  }
  const wellFormed = s && s.v === 1 && s.service === service && Number.isSafeInteger(s.lastId) && s.lastId > 0 && typeof s.hash === 'string' && /^[0-9a-f]{64}$/.test(s.hash)
    && Number.isSafeInteger(s.entries) && s.entries > 0 && isIso(s.headAt) && isIso(s.at) && Number.isSafeInteger(s.firstId) && s.firstId > 0 && s.firstId <= s.lastId && isIso(s.firstAt);
  return wellFormed ? s : undefined;
}

/** The chain's head (its last entry's id, hash and time), its first entry, and how many entries there are up to the head; null for an empty chain. */
export async function chainHead(em: EntityManager): Promise<{ lastId: number; hash: string; headAt: Date; entries: number; firstId: number; firstAt: Date } | null> {
  const last = await em.findOne(AuditEntry, { id: { $gt: 0 } }, { orderBy: { id: 'desc' }, fields: ['hash', 'at'] });
  if (!last) return null;
  const first = await em.findOne(AuditEntry, { id: { $gt: 0 } }, { orderBy: { id: 'asc' }, fields: ['at'] });
  const entries = await em.count(AuditEntry, { id: { $lte: last.id } });
  return { lastId: last.id, hash: last.hash, headAt: last.at, entries, firstId: first?.id ?? last.id, firstAt: first?.at ?? last.at };
}

/** A checkpoint delivered in transit: the signed statement, inside a MACed service-to-service question. */
interface Delivery {
  from: SubgraphName;
  statement: string;
  signature: string;
}

const checkpointKey = (secret: string) => serviceKey(secret, 'audit checkpoint v1');

/**
 * Keeps one checkpoint: a copy already held is not stored again; one that contradicts a held
 * checkpoint (the same entry with another hash) or goes back before the latest (the chain's tail
 * is gone) is refused with the reason.
 */
export async function holdCheckpoint(em: EntityManager, s: CheckpointStatement, statement: string, signature: string): Promise<{ id: number; stored: boolean } | { refused: string }> {
  for (let attempt = 0; ; attempt += 1) {
    const same = await em.findOne(AuditCheckpoint, { service: s.service, lastId: s.lastId });
    if (same) {
      return same.hash === s.hash ? { id: same.id, stored: false }
        : { refused: `contradicts checkpoint #${same.id}: entry ${s.lastId} of ${s.service}'s chain had hash ${same.hash}, now ${s.hash}` };
    }
    const latest = await em.findOne(AuditCheckpoint, { service: s.service }, { orderBy: { lastId: 'desc' } });
    if (latest && latest.lastId > s.lastId) {
      return { refused: `goes back: checkpoint #${latest.id} has ${s.service}'s chain at entry ${latest.lastId}, this one at ${s.lastId} (its tail is missing)` };
    }
    const row = em.create(AuditCheckpoint, {
      service: s.service, lastId: s.lastId, hash: s.hash, entries: s.entries, signedAt: new Date(s.at), receivedAt: new Date(), statement, signature,
    });
    try {
      await em.persistAndFlush(row);
      return { id: row.id, stored: true };
    } catch (e) {
      // another instance of the department delivered the same head at the same moment
      if (!(e instanceof UniqueConstraintViolationException) || attempt > 0) throw e;
      em.clear();
    }
  }
}

/** The holder's side of `POST /audit-checkpoint`: a department's MACed delivery, its signature checked, then held. */
export function checkpointEndpoint(opts: { self: SubgraphName; secret: string; publicKeys: Partial<Record<SubgraphName, KeyObject>>; em: () => EntityManager; logger: Logger }) {
  const held = new Set(checkpointsHeldBy(opts.self));
  return serviceEndpoint<Delivery>(checkpointKey(opts.secret), async (d) => {
    if (!held.has(d.from)) return { status: 400, body: { error: `${opts.self} does not hold ${String(d.from)}'s checkpoints` } };
    const s = readCheckpoint(d.statement, d.signature, opts.publicKeys[d.from], d.from);
    if (!s) {
      opts.logger.warn({ from: d.from }, 'audit checkpoint refused: its signature does not verify with the department\'s public key');
      return { status: 401, body: { error: `the checkpoint's signature does not verify with ${d.from}'s public key` } };
    }
    const kept = await holdCheckpoint(opts.em(), s, d.statement, d.signature);
    if ('refused' in kept) {
      opts.logger.warn({ from: d.from, lastId: s.lastId, reason: kept.refused }, 'audit checkpoint refused: the chain does not go on from the one held');
      return { status: 409, body: { error: kept.refused } };
    }
    if (kept.stored) opts.logger.debug({ from: d.from, lastId: s.lastId, id: kept.id }, 'audit checkpoint held');
    return { status: 200, body: kept };
  });
}

/**
 * Hands a signed checkpoint to the department that holds `from`'s, service to service; resolves
 * with its id there (`stored` false: held already), or throws with the holder's reason.
 */
export async function deliverCheckpoint(opts: { config: Config; secret: string; from: SubgraphName; statement: string; signature: string; timeoutMs?: number }): Promise<{ id: number; stored: boolean }> {
  const holder = CHECKPOINT_HOLDERS[opts.from];
  const delivery: Delivery = { from: opts.from, statement: opts.statement, signature: opts.signature };
  const url = new URL(AUDIT_CHECKPOINT_PATH, opts.config.subgraphUrl(holder));
  const { status, answer } = await callService<{ id: number; stored: boolean }>(url, checkpointKey(opts.secret), delivery, opts.timeoutMs).catch((e: Error) => {
    throw new Error(`${holder} did not answer the audit checkpoint as a department: ${e.message}`);
  });
  if (status !== 200) throw new Error(`${holder} refused the audit checkpoint: ${answer.error ?? `HTTP ${status}`}`);
  return { id: answer.id, stored: answer.stored };
}

/** A checkpoint taken and held. */
export interface CheckpointTaken extends CheckpointStatement {
  holder: SubgraphName;
  /** its id in the holder's table */
  checkpointId: number;
  /** false: the holder had it already (the chain has not grown) */
  stored: boolean;
}

/**
 * A department's checkpoints: `take()` signs the chain's head and delivers it (null for an empty
 * chain; throws if the holder is unreachable or refuses it); `start` takes one every
 * `seconds` (0: never by itself); `stop` ends that, taking a last one first if it ran.
 */
export function auditCheckpointer(opts: { self: SubgraphName; orm: MikroORM; config: Config; secret: string; signingKey?: KeyObject; logger: Logger }) {
  const holder = CHECKPOINT_HOLDERS[opts.self];
  let timer: NodeJS.Timeout | undefined;
  let last: Promise<unknown> = Promise.resolve();
  /** the head the holder last took: a stop with the chain unchanged since then sends nothing */
  let delivered: { lastId: number; hash: string } | undefined;

  async function once(timeoutMs: number): Promise<CheckpointTaken | null> {
    if (!opts.signingKey) throw new Error(`${opts.self} has no audit signing key (${auditSigningVariable(opts.self)})`);
    const head = await chainHead(opts.orm.em.fork());
    if (!head) return null;
    const s: CheckpointStatement = {
      v: 1, service: opts.self, lastId: head.lastId, hash: head.hash, entries: head.entries, headAt: head.headAt.toISOString(),
      firstId: head.firstId, firstAt: head.firstAt.toISOString(), at: new Date().toISOString(),
    };
    const signed = signCheckpoint(s, opts.signingKey);
    const held = await deliverCheckpoint({ config: opts.config, secret: opts.secret, from: opts.self, ...signed, timeoutMs });
    delivered = { lastId: head.lastId, hash: head.hash };
    return { ...s, holder, checkpointId: held.id, stored: held.stored };
  }

  /** One at a time: a manual take waits for the periodic one in progress. */
  const take = (timeoutMs = 5000): Promise<CheckpointTaken | null> => {
    const next = last.catch(() => undefined).then(() => once(timeoutMs));
    last = next;
    return next;
  };

  const periodic = (timeoutMs: number) => take(timeoutMs).then(
    (c) => c?.stored && opts.logger.debug({ holder, lastId: c.lastId, checkpoint: c.checkpointId }, 'audit checkpoint delivered'),
    (e: unknown) => opts.logger.warn({ holder, reason: (e as Error).message }, 'audit checkpoint not delivered'),
  );

  return {
    holder,
    take,
    start(seconds: number) {
      if (seconds > 0) timer = setInterval(() => void periodic(5000), seconds * 1000).unref();
    },
    async stop() {
      if (!timer) return;
      clearInterval(timer);
      timer = undefined;
      // the head as the service leaves it (unless the holder has it already: `npm start` takes every
      // department's last one while all are up); a holder already gone is only logged
      const head = await chainHead(opts.orm.em.fork()).catch(() => null);
      if (head && delivered && head.lastId === delivered.lastId && head.hash === delivered.hash) return;
      await periodic(2000);
    },
  };
}

export type AuditCheckpointer = ReturnType<typeof auditCheckpointer>;
