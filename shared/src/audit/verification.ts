/**
 * Checks an audit chain (`npm run audit:verify`): every entry's hash over its content and the
 * previous hash, every link, and — given the chain's checkpoints from their holder
 * (shared/src/audit/checkpoint.ts) — that each checkpoint's signature verifies, that every
 * checkpointed entry still has the checkpointed hash (a chain recomputed from some entry on no
 * longer does), that the chain reaches the latest checkpoint's head (a deleted tail does not), and
 * that entries missing at the front were purged lawfully: older than six months, up to a
 * checkpoint, or bound by a later checkpoint whose entry is still there.
 */
import type { KeyObject } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { AuditEntry, GENESIS_HASH, entryHash } from './entry';
import { readCheckpoint, type AuditCheckpoint, type CheckpointStatement } from './checkpoint';

/** Entries younger than this are kept (the retention trigger of Migration20261129162000). */
const RETENTION_MS = 183 * 86400e3;

export type AuditStatus = 'ok' | 'broken' | 'tail-missing' | 'checkpoint-mismatch' | 'checkpoint-forged';

/** A checkpoint as a finding names it. */
export interface CheckpointRef {
  /** its id in the holder's table */
  id: number;
  lastId: number;
  hash: string;
  /** unknown for a checkpoint whose signature does not verify */
  signedAt?: string;
}

export interface AuditVerification {
  ok: boolean;
  status: AuditStatus;
  /** entries that fit the chain (before the first problem) */
  checked: number;
  /** id of the first entry that does not fit the chain */
  brokenAt?: number;
  reason?: string;
  /** the checkpoint a finding is about */
  checkpoint?: CheckpointRef;
  /** ok: the latest checkpoint the chain was found to match */
  anchor?: CheckpointRef;
  /** ok: the first entry there is, when the ones before it were purged */
  purgedBefore?: number;
  /** the checkpoints checked (their signatures verified) */
  checkpoints: number;
}

export interface VerifyOptions {
  /** this chain's checkpoints, as their holder keeps them; none: the chain alone is checked */
  checkpoints?: readonly Pick<AuditCheckpoint, 'id' | 'lastId' | 'hash' | 'statement' | 'signature'>[];
  /** whose chain it is (what the checkpoints must say) */
  service?: string;
  /** that department's public checkpoint key */
  publicKey?: KeyObject;
  now?: Date;
  batch?: number;
}

type Checked = CheckpointStatement & { id: number };
const ref = (c: Checked): CheckpointRef => ({ id: c.id, lastId: c.lastId, hash: c.hash, signedAt: c.at });

/** Recomputes the chain from its first entry there is, against its checkpoints (see the module comment). */
export async function verifyAuditChain(em: EntityManager, opts: VerifyOptions = {}): Promise<AuditVerification> {
  const batch = opts.batch ?? 5000;
  const cutoff = (opts.now ?? new Date()).getTime() - RETENTION_MS;
  const cps: Checked[] = [];
  for (const c of opts.checkpoints ?? []) {
    const s = readCheckpoint(c.statement, c.signature, opts.publicKey, opts.service ?? '');
    if (!s || s.lastId !== c.lastId || s.hash !== c.hash) {
      return {
        ok: false, status: 'checkpoint-forged', checked: 0, checkpoints: 0, checkpoint: { id: c.id, lastId: c.lastId, hash: c.hash },
        reason: opts.publicKey ? `its signature does not verify with ${opts.service}'s public key (the holder's table was written to)` : `there is no public key of ${opts.service} to check it with`,
      };
    }
    cps.push({ ...s, id: c.id });
  }
  cps.sort((a, b) => a.lastId - b.lastId);
  const n = cps.length;
  const result = (status: AuditStatus, fields: Partial<AuditVerification> = {}): AuditVerification => ({ ok: status === 'ok', status, checked, checkpoints: n, ...fields });

  let next = 0; // the first checkpoint whose entry the walk has not reached
  let prev: { id: number; hash: string } | undefined;
  let anchor: Checked | undefined;
  let purgedBefore: number | undefined;
  let checked = 0;
  let lastId = 0;
  for (;;) {
    const rows = await em.fork().find(AuditEntry, { id: { $gt: lastId } }, { orderBy: { id: 'asc' }, limit: batch });
    for (const r of rows) {
      if (!prev) {
        // the first entry there is: what is missing before it must have been purged lawfully
        while (next < n && cps[next].lastId < r.id) next += 1;
        const below = next > 0 ? cps[next - 1] : undefined;
        const vouched = next < n; // a checkpoint at or after this entry binds every entry before it by their hashes
        // the newest entry gone from before this one that some checkpoint saw: it must be six months old
        let gone: { c: Checked; id: number; at: string } | undefined;
        for (const c of cps) {
          const seen = c.lastId < r.id ? { c, id: c.lastId, at: c.headAt } : c.firstId < r.id ? { c, id: c.firstId, at: c.firstAt } : undefined;
          if (seen && (!gone || Date.parse(seen.at) > Date.parse(gone.at))) gone = seen;
        }
        if (gone && Date.parse(gone.at) > cutoff) {
          return result('broken', { brokenAt: r.id, checkpoint: ref(gone.c), reason: `entries before it are gone, though checkpoint #${gone.c.id} saw entry ${gone.id} of ${gone.at}, younger than six months` });
        }
        if (r.prevHash !== GENESIS_HASH || below) {
          const atCheckpoint = below && (r.prevHash === below.hash || r.prevHash === GENESIS_HASH);
          if (!atCheckpoint && !vouched) return result('broken', { brokenAt: r.id, reason: 'previous-hash link broken (an entry before it was deleted or altered)' });
          purgedBefore = r.id;
        }
      } else if (r.prevHash !== prev.hash) {
        return result('broken', { brokenAt: r.id, reason: 'previous-hash link broken (an entry before it was deleted or altered)' });
      }
      if (entryHash(r.prevHash, r) !== r.hash) return result('broken', { brokenAt: r.id, reason: 'content does not match its hash (the entry was edited)' });
      if (prev && next < n && cps[next].lastId < r.id) {
        const c = cps[next];
        return result('tail-missing', { brokenAt: r.id, checkpoint: ref(c), reason: `entry ${c.lastId}, the head of checkpoint #${c.id}, is gone: the chain was cut after entry ${prev.id} and grown again from there` });
      }
      if (next < n && cps[next].lastId === r.id) {
        const c = cps[next];
        if (c.hash !== r.hash) return result('checkpoint-mismatch', { brokenAt: r.id, checkpoint: ref(c), reason: `checkpoint #${c.id} has hash ${c.hash}, the chain ${r.hash}: the chain was rewritten up to here` });
        anchor = c;
        next += 1;
      }
      prev = { id: r.id, hash: r.hash };
      lastId = r.id;
      checked += 1;
    }
    if (rows.length < batch) break;
  }
  if (next < n) {
    const latest = cps[n - 1];
    // every entry gone, the head too, and all of it older than six months: a lawful purge
    if (!prev && Date.parse(latest.headAt) <= cutoff) return result('ok', { purgedBefore: latest.lastId + 1 });
    return result('tail-missing', {
      brokenAt: prev ? prev.id : undefined, checkpoint: ref(latest),
      reason: prev ? `the chain ends at entry ${prev.id}, short of entry ${latest.lastId}` : `the chain is empty`,
    });
  }
  return result('ok', { anchor: anchor && ref(anchor), purgedBefore });
}

/** One line of `npm run audit:verify` for one chain. */
export function verificationLine(name: string, v: AuditVerification): string {
  const cp = v.checkpoint;
  const named = cp ? `checkpoint #${cp.id}: entry ${cp.lastId}, hash ${cp.hash.slice(0, 12)}…${cp.signedAt ? `, signed ${cp.signedAt}` : ''}` : '';
  switch (v.status) {
    case 'ok': {
      const purged = v.purgedBefore ? `, entries before ${v.purgedBefore} purged` : '';
      const anchored = v.anchor ? `, reaching checkpoint #${v.anchor.id} (entry ${v.anchor.lastId}, signed ${v.anchor.signedAt})` : v.checkpoints ? '' : ', no checkpoint yet';
      return `${name}: ok, ${v.checked} entries${purged}${anchored}`;
    }
    case 'broken':
      return `${name}: BROKEN at entry ${v.brokenAt}: ${v.reason} (${v.checked} entries fit before it)`;
    case 'tail-missing':
      return `${name}: TAIL MISSING (${named}): ${v.reason}`;
    case 'checkpoint-mismatch':
      return `${name}: CHECKPOINT MISMATCH at entry ${v.brokenAt} (${named}): ${v.reason}`;
    case 'checkpoint-forged':
      return `${name}: CHECKPOINT FORGED (${named}): ${v.reason}`;
  }
}
