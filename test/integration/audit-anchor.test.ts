/**
 * Audit chains anchored outside their databases: each department signs its chain's head and the
 * joint meeting holds the checkpoints (education holds the joint meeting's), so `audit:verify`
 * sees a deleted tail and a chain the database's owner recomputed, still verifies a chain after
 * the lawful six-month purge, and the databases refuse an entry replaced or put in below the last.
 * Own system (it tampers with its databases); each scenario damages a chain of its own.
 */
import path from 'node:path';
import { execFile, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { promisify } from 'node:util';
import { MikroORM } from '@mikro-orm/core';
import { ormOptions, type SubgraphName } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { DEMO_ACCOUNTS, issueUserToken } from '@kongchuo/shared/identity';
import { AuditCheckpoint, AuditEntry, AuditWriter, deliverCheckpoint, entryHash, loadAuditKeys, signCheckpoint, verifyAuditChain, type CheckpointStatement } from '@kongchuo/shared/audit';
import { gql, post } from '../support/client';
import { freePort, spawnDepartment } from '../support/instances';
import { startSystem, usingPostgres, type TestSystem } from '../support/system';
import { stopSpawned } from '../support/spawn-system';
import { verifyAll } from '../../scripts/audit-verify';
import { SUBGRAPH_MODULES } from '../../scripts/subgraphs';

let system: TestSystem;
const tokens: Record<string, string> = {};
const postgres = usingPostgres();

beforeAll(async () => {
  system = await startSystem({ demo: true });
  for (const a of ['joint-meeting', 'edu-admin']) tokens[a] = await issueUserToken(DEMO_ACCOUNTS[a], system.config, system.keys);
}, 180_000);
afterAll(() => system?.stop());

/** A read by another department, written to `subgraph`'s chain: one entry per child. */
const READS: Record<SubgraphName, { as: string; selection: string }> = {
  education: { as: 'joint-meeting', selection: 'name' },
  'public-security': { as: 'joint-meeting', selection: 'hukou { regionCode }' },
  'civil-affairs': { as: 'joint-meeting', selection: 'poverty { registered }' },
  community: { as: 'joint-meeting', selection: 'community { code }' },
  'joint-meeting': { as: 'edu-admin', selection: 'tasks { id }' },
};
let reads = 0;
async function read(subgraph: SubgraphName, children = 10): Promise<void> {
  const { as, selection } = READS[subgraph];
  reads += 1;
  const r = await post(system.gatewayUrl, { query: `query AnchorRead${reads} { students(first: ${children}) { nodes { id ${selection} } } }` }, { authorization: `Bearer ${tokens[as]}` });
  expect(r.errors).toBeUndefined();
}

const service = (s: SubgraphName) => system.subgraphs[s];
const entries = (s: SubgraphName) => service(s).orm.em.fork().find(AuditEntry, {}, { orderBy: { id: 'asc' } });
const sql = (s: SubgraphName, q: string, params: unknown[] = []) => service(s).orm.em.fork().getConnection().execute(q, params);
const held = (holder: SubgraphName, of: SubgraphName) => service(holder).orm.em.fork().find(AuditCheckpoint, { service: of }, { orderBy: { id: 'asc' } });
const verified = async (s: SubgraphName) => (await verifyAll(system.config, system.env)).find((r) => r.subgraph === s)!;

const script = path.resolve(__dirname, '../../scripts/dist/audit-verify.js');
const auditVerify = () => promisify(execFile)(process.execPath, [script], { env: system.env }).then((o) => ({ code: 0, out: o.stdout }), (e) => ({ code: e.code as number, out: String(e.stdout) }));

/** What the database's owner may do: the protecting triggers off (PostgreSQL: disabled for `work`; SQLite: dropped). */
async function asOwner(s: SubgraphName, work: () => Promise<void>): Promise<void> {
  if (postgres) {
    await sql(s, 'alter table audit_entry disable trigger user');
    try {
      await work();
    } finally {
      await sql(s, 'alter table audit_entry enable trigger user');
    }
    return;
  }
  for (const t of ['audit_entry_no_update', 'audit_entry_retention', 'audit_entry_no_replace', 'audit_entry_append_only']) await sql(s, `drop trigger if exists ${t}`);
  await work();
}

const COLUMNS = 'at, kind, "user", department, role, student_id, fields, operation, request_id, prev_hash, hash';
const valuesOf = (e: AuditEntry) => [e.at.toISOString(), e.kind, e.user, e.department, e.role, e.studentId, e.fields, e.operation, e.requestId, e.prevHash, e.hash];

describe('audit chains anchored by signed checkpoints', () => {
  it('verify still passes after the lawful six-month purge, from the checkpoints, and catches younger entries removed from the front', async () => {
    const community = service('community');
    expect(await entries('community')).toEqual([]); // nothing read from the community yet
    // entries written months ago (through the department's own append, with their old times)
    const writer = new AuditWriter(community.orm, createLogger('test', 'fatal'));
    const old = (days: number, n: number) => Array.from({ length: n }, (_v, i) => ({
      at: new Date(Date.now() - days * 86400e3 + i * 1000), kind: 'READ', user: 'archive', department: 'education', role: 'admin',
      studentId: null, fields: 'community', operation: `Old${days}`, requestId: `old-${days}-${i}`,
    }));
    await writer.append(old(400, 10));
    const first = (await community.checkpointAudit())!;
    await writer.append([...old(300, 5), ...old(100, 5)]); // the purge will cut this stretch in two
    const second = (await community.checkpointAudit())!;
    await read('community');
    const third = (await community.checkpointAudit())!;
    expect([first.holder, first.stored, second.stored, third.stored]).toEqual(['joint-meeting', true, true, true]);
    expect(first).toMatchObject({ service: 'community', lastId: 10, entries: 10 });
    expect((await held('joint-meeting', 'community')).map((c) => c.lastId)).toEqual([first.lastId, second.lastId, third.lastId]);

    // an archival job deletes what is older than six months: allowed by the retention trigger, no owner rights needed
    await sql('community', postgres ? `delete from audit_entry where "at" < now() - interval '184 days'` : `delete from audit_entry where at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-184 days')`);
    const kept = await entries('community');
    expect(kept[0].id).toBe(16);
    // the chain alone can no longer be checked from its start (what verify did before checkpoints)
    expect(await verifyAuditChain(community.orm.em)).toMatchObject({ ok: false, status: 'broken', brokenAt: 16 });
    // with its checkpoints it can: entries 16–20 are bound to the second checkpoint, the rest to the third
    expect(await verified('community')).toMatchObject({ ok: true, status: 'ok', purgedBefore: 16, checked: kept.length, anchor: { id: third.checkpointId, lastId: third.lastId } });
    const run = await auditVerify();
    expect(run.code).toBe(0);
    expect(run.out).toContain(`community: ok, ${kept.length} entries, entries before 16 purged, reaching checkpoint #${third.checkpointId}`);

    // the owner removes entries younger than six months from the front: the checkpoints saw them
    await asOwner('community', async () => {
      await sql('community', 'delete from audit_entry where id <= ?', [second.lastId]);
    });
    const v = await verified('community');
    expect(v).toMatchObject({ ok: false, status: 'broken', brokenAt: second.lastId + 1, checkpoint: { id: second.checkpointId } });
    expect(v.line).toMatch(/^community: BROKEN at entry \d+: entries before it are gone, though checkpoint #\d+ saw entry 20 of .*, younger than six months/);
  });

  it('refuses an entry replaced over an existing one, and one put in below the last', async () => {
    await read('education');
    const before = await entries('education');
    const victim = before[Math.floor(before.length / 2)];
    const forged = [...valuesOf(victim)];
    forged[6] = 'name,idNumber'; // what the entry would say instead
    const place = COLUMNS.split(', ').map(() => '?').join(', ');
    if (postgres) {
      // PostgreSQL's REPLACE is INSERT … ON CONFLICT DO UPDATE: refused as an insert below the last entry, and on its own as an UPDATE
      const upsert = `insert into audit_entry (id, ${COLUMNS}) values (?, ${place}) on conflict (id) do update set fields = excluded.fields, hash = excluded.hash`;
      await expect(sql('education', upsert, [victim.id, ...forged])).rejects.toThrow(/audit entries are only appended: entry \d+ is not after the last one/);
      await sql('education', 'alter table audit_entry disable trigger audit_entry_append_only');
      try {
        await expect(sql('education', upsert, [victim.id, ...forged])).rejects.toThrow(/audit entries cannot be changed/);
      } finally {
        await sql('education', 'alter table audit_entry enable trigger audit_entry_append_only');
      }
    } else {
      // SQLite's REPLACE deletes the old row without the delete trigger, then inserts
      for (const verb of ['insert or replace', 'replace']) {
        await expect(sql('education', `${verb} into audit_entry (id, ${COLUMNS}) values (?, ${place})`, [victim.id, ...forged])).rejects.toThrow(/audit entries cannot be replaced/);
      }
    }
    // an entry put in below the last (here before the first): refused on both
    await expect(sql('education', `insert into audit_entry (id, ${COLUMNS}) values (?, ${place})`, [0, ...forged])).rejects.toThrow(/audit entries are only appended/);
    expect(await entries('education')).toEqual(before);
    // the service's own appends go on
    await read('education');
    expect((await entries('education')).length).toBe(before.length + 10);
    expect(await verified('education')).toMatchObject({ ok: true });
  });

  it('reports a deleted tail as TAIL MISSING, naming the checkpoint, and the joint meeting refuses a checkpoint going back', async () => {
    const police = service('public-security');
    await read('public-security');
    const cp = (await police.checkpointAudit())!;
    expect(cp).toMatchObject({ holder: 'joint-meeting', stored: true, service: 'public-security' });
    expect(await verified('public-security')).toMatchObject({ ok: true, anchor: { id: cp.checkpointId } });
    // a second checkpoint of the same head is not held twice
    expect(await police.checkpointAudit()).toMatchObject({ checkpointId: cp.checkpointId, stored: false });

    await asOwner('public-security', async () => {
      await sql('public-security', 'delete from audit_entry where id > ?', [cp.lastId - 3]);
    });
    let run = await auditVerify();
    expect(run.code).toBe(1);
    expect(run.out).toContain(`public-security: TAIL MISSING (checkpoint #${cp.checkpointId}: entry ${cp.lastId}, hash ${cp.hash.slice(0, 12)}`);
    expect(run.out).toContain(`the chain ends at entry ${cp.lastId - 3}, short of entry ${cp.lastId}`);
    // the department's next checkpoint goes back: the joint meeting keeps the one it has
    await expect(police.checkpointAudit()).rejects.toThrow(/joint-meeting refused the audit checkpoint: goes back/);

    // the chain grows again from the cut: the missing entries are still seen
    await read('public-security');
    run = await auditVerify();
    expect(run.code).toBe(1);
    expect(run.out).toMatch(new RegExp(`public-security: TAIL MISSING \\(checkpoint #${cp.checkpointId}: .*entry ${cp.lastId}, the head of checkpoint #${cp.checkpointId}, is gone: the chain was cut after entry ${cp.lastId - 3}`));
  });

  it('reports a chain the database owner recomputed from some entry on as CHECKPOINT MISMATCH, naming the checkpoint', async () => {
    const civil = service('civil-affairs');
    await read('civil-affairs');
    const cp = (await civil.checkpointAudit())!;
    await read('civil-affairs'); // the chain goes on past the checkpoint
    const rows = await entries('civil-affairs');
    const from = rows.findIndex((r) => r.id === cp.lastId) - 3;
    await asOwner('civil-affairs', async () => {
      let prev = rows[from].prevHash;
      for (const [i, r] of rows.slice(from).entries()) {
        const fields = i === 0 ? 'isLeftBehind' : r.fields; // the first rewritten entry hides what was read
        const hash = entryHash(prev, { ...r, fields });
        await sql('civil-affairs', 'update audit_entry set fields = ?, prev_hash = ?, hash = ? where id = ?', [fields, prev, hash, r.id]);
        prev = hash;
      }
    });
    // every hash and link fits again: the chain alone shows nothing
    expect(await verifyAuditChain(civil.orm.em)).toMatchObject({ ok: true });
    const v = await verified('civil-affairs');
    expect(v).toMatchObject({ ok: false, status: 'checkpoint-mismatch', brokenAt: cp.lastId, checkpoint: { id: cp.checkpointId, hash: cp.hash } });
    const run = await auditVerify();
    expect(run.code).toBe(1);
    expect(run.out).toContain(`civil-affairs: CHECKPOINT MISMATCH at entry ${cp.lastId} (checkpoint #${cp.checkpointId}: entry ${cp.lastId}`);
    // the department signs the recomputed head without complaint (it cannot tell); verify still can
    expect(await civil.checkpointAudit()).toMatchObject({ stored: true });
    expect(await verified('civil-affairs')).toMatchObject({ status: 'checkpoint-mismatch', checkpoint: { id: cp.checkpointId } });
  });

  it("anchors the joint meeting's own chain at education", async () => {
    const jm = service('joint-meeting');
    await read('joint-meeting');
    const cp = (await jm.checkpointAudit())!;
    expect(cp).toMatchObject({ holder: 'education', stored: true });
    expect((await held('education', 'joint-meeting')).map((c) => c.id)).toContain(cp.checkpointId);
    expect(await held('joint-meeting', 'joint-meeting')).toEqual([]);
    expect(await verified('joint-meeting')).toMatchObject({ ok: true, anchor: { id: cp.checkpointId } });
    await asOwner('joint-meeting', async () => {
      await sql('joint-meeting', 'delete from audit_entry where id > ?', [cp.lastId - 2]);
    });
    expect(await verified('joint-meeting')).toMatchObject({ status: 'tail-missing', checkpoint: { id: cp.checkpointId } });
  });

  it('the joint meeting refuses a forged checkpoint, and verify reports one written into its table', async () => {
    const now = new Date().toISOString();
    const head = (await entries('education')).at(-1)!;
    const claim: CheckpointStatement = { v: 1, service: 'education', lastId: head.id + 1000, hash: 'f'.repeat(64), entries: 1, headAt: now, firstId: 1, firstAt: now, at: now };
    const deliver = (signed: { statement: string; signature: string }) => deliverCheckpoint({ config: system.config, secret: system.keys.linkageSecret, from: 'education', ...signed });
    const before = (await held('joint-meeting', 'education')).length;

    // signed with a key that is not education's
    const forged = signCheckpoint(claim, generateKeyPairSync('ed25519').privateKey);
    await expect(deliver(forged)).rejects.toThrow(/joint-meeting refused the audit checkpoint: the checkpoint's signature does not verify with education's public key/);
    // education's own signature, over other text
    const genuine = signCheckpoint(claim, loadAuditKeys(system.config, system.env).signing.education!);
    await expect(deliver({ ...genuine, statement: genuine.statement.replace(`"lastId":${claim.lastId}`, `"lastId":${claim.lastId + 1}`) })).rejects.toThrow(/signature does not verify/);
    // not from a department at all (no MAC under the linkage secret)
    const res = await fetch(new URL('/audit-checkpoint', system.subgraphUrls['joint-meeting']), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'education', at: Date.now(), nonce: 'n', ...genuine }) });
    expect(res.status).toBe(401);
    // nor through the gateway: it has no such route
    expect((await fetch(new URL('/audit-checkpoint', system.gatewayUrl), { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await held('joint-meeting', 'education')).length).toBe(before);
    // education's own checkpoints are held
    expect(await service('education').checkpointAudit()).toMatchObject({ holder: 'joint-meeting', stored: true });
    expect(await verified('education')).toMatchObject({ ok: true });

    // someone writes a checkpoint straight into the joint meeting's table: its signature gives it away
    await sql('joint-meeting', 'insert into audit_checkpoint (service, last_id, hash, entries, signed_at, received_at, statement, signature) values (?, ?, ?, ?, ?, ?, ?, ?)',
      ['education', claim.lastId, claim.hash, 1, now, now, forged.statement, forged.signature]);
    const v = await verified('education');
    expect(v).toMatchObject({ ok: false, status: 'checkpoint-forged', checkpoint: { lastId: claim.lastId } });
    expect(v.line).toMatch(/^education: CHECKPOINT FORGED \(checkpoint #\d+: entry \d+, hash f{12}…\): its signature does not verify with education's public key/);
    // and the holder's table keeps what it has
    await expect(sql('joint-meeting', 'delete from audit_checkpoint where service = ?', ['education'])).rejects.toThrow(/audit checkpoints (cannot be deleted|are kept for ever)/);
    await expect(sql('joint-meeting', 'update audit_checkpoint set hash = ? where service = ?', ['0'.repeat(64), 'education'])).rejects.toThrow(/audit checkpoints (cannot be changed|are kept for ever)/);
  });
});

describe('checkpoints of a running department', () => {
  const envName = (n: string) => n.toUpperCase().replace(/-/g, '_');
  const openDb = (name: SubgraphName) => MikroORM.init(ormOptions(SUBGRAPH_MODULES.find((m) => m.name === name)!.database(process.env[`KC_${envName(name)}_DATABASE_URL`]!)));
  let spawned: ChildProcess | undefined;
  afterEach(() => stopSpawned(spawned));

  /** The shared system's civil affairs: a read adds to its chain; its head and the checkpoints the joint meeting holds of it. */
  async function shared() {
    const [civil, jm] = [await openDb('civil-affairs'), await openDb('joint-meeting')];
    try {
      const r = await gql('{ students(first: 5) { nodes { id poverty { registered } } } }', {}, { as: 'joint-meeting' });
      expect(r.errors).toBeUndefined();
      const head = await civil.em.fork().findOne(AuditEntry, { id: { $gt: 0 } }, { orderBy: { id: 'desc' } });
      return { head: head!.id, held: async () => (await jm.em.fork().find(AuditCheckpoint, { service: 'civil-affairs' })).map((c) => c.lastId), close: async () => { await civil.close(); await jm.close(); } };
    } catch (e) {
      await civil.close();
      await jm.close();
      throw e;
    }
  }

  it('takes one every AUDIT_CHECKPOINT_SECONDS', async () => {
    const s = await shared();
    try {
      spawned = await spawnDepartment('civil-affairs', await freePort(), { AUDIT_CHECKPOINT_SECONDS: '1' });
      for (let i = 0; i < 50 && !(await s.held()).includes(s.head); i += 1) await new Promise((ok) => setTimeout(ok, 200));
      expect(await s.held()).toContain(s.head);
    } finally {
      await s.close();
    }
  }, 30_000);

  it('takes one when it stops', async () => {
    spawned = await spawnDepartment('civil-affairs', await freePort(), { AUDIT_CHECKPOINT_SECONDS: '3600' });
    const s = await shared(); // after the start: no periodic checkpoint can have seen this head
    try {
      expect(await s.held()).not.toContain(s.head);
      await stopSpawned(spawned);
      expect(spawned.exitCode).toBe(0);
      expect(await s.held()).toContain(s.head);
    } finally {
      await s.close();
    }
  }, 30_000);
});
