/**
 * The audit log: reads of a child's personal fields by another department, and every write,
 * hash-chained in the subgraph that holds the data; a request's reads go in one statement;
 * `npm run audit:verify` finds an edited or a deleted entry. Own system: it counts statements and
 * tampers with a database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { usesPostgres, type SubgraphName } from '@kongchuo/shared/core';
import { DEMO_ACCOUNTS, issueUserToken } from '@kongchuo/shared/identity';
import { documentIdOf } from '@kongchuo/shared/policy';
import { AuditEntry } from '@kongchuo/shared/audit';
import { post } from '../support/client';
import { startSystem, type TestSystem } from '../support/system';
import { verifyAll } from '../../scripts/audit-verify';

let system: TestSystem;
const auditInserts: Record<string, number> = {};
let current = '';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startSystem({
    demo: true,
    onQuery: (m) => {
      if (/^\[query\] (insert into [`"]audit_entry[`"]|select kc_audit_append)/.test(m)) auditInserts[current] = (auditInserts[current] ?? 0) + 1;
    },
  });
  for (const a of ['joint-meeting', 'edu-admin', 'civil-affairs', 'police']) tokens[a] = await issueUserToken(DEMO_ACCOUNTS[a], system.config, system.keys);
}, 180000);
afterAll(() => system?.stop());

const as = (account: string) => ({ authorization: `Bearer ${tokens[account]}` });
const gq = <T>(account: string, query: string, variables: Record<string, unknown> = {}) => post<T>(system.gatewayUrl, { query, variables }, as(account));
const entries = (subgraph: SubgraphName) => system.subgraphs[subgraph].orm.em.fork().find(AuditEntry, {}, { orderBy: { id: 'asc' } });

describe('audit log', () => {
  it('writes one row per child read by another department, all of a request in one statement', async () => {
    const before = (await entries('public-security')).length;
    current = 'read';
    const unified = 'query UnifiedView { students(first: 100) { nodes { id name hukou { regionCode } isMigrant } } }';
    const r = await gq<{ students: { nodes: { id: string }[] } }>('joint-meeting', unified);
    expect(r.errors).toBeUndefined();
    const ids = r.data!.students.nodes.map((n) => n.id);
    const after = await entries('public-security');
    const added = after.slice(before);
    expect(added).toHaveLength(100);
    expect(new Set(added.map((e) => e.studentId))).toEqual(new Set(ids));
    expect(added.every((e) => e.kind === 'READ' && e.department === 'joint_meeting' && e.user === 'joint-meeting' && e.fields === 'hukou,isMigrant')).toBe(true);
    // the operation as the gateway vouches for it: the document's hash (it is not a registered document), not its name
    expect(added[0].operation).toBe(documentIdOf(unified));
    // one audit append in public security and one in education (for the name): not one per child
    expect(auditInserts.read).toBe(2);
  });

  it('does not log a department reading its own records', async () => {
    const before = (await entries('education')).length;
    await gq('edu-admin', '{ students(first: 20) { nodes { name enrollment { status } } } }');
    expect((await entries('education')).length).toBe(before);
  });

  it('logs every write, naming the child', async () => {
    const { data } = await gq<{ students: { nodes: { id: string }[] } }>('edu-admin', '{ students(first: 1) { nodes { id } } }');
    const studentId = data!.students.nodes[0].id;
    const r = await gq('civil-affairs', 'mutation Grant($input: GrantAidInput!) { grantAid(input: $input) { programme } }', {
      input: { studentId, programme: 'STUDENT_GRANT', amount: 300, periodStart: '2024-09-01', periodEnd: '2024-12-31', grantedOn: '2024-09-10' },
    });
    expect(r.errors).toBeUndefined();
    const last = (await entries('civil-affairs')).at(-1)!;
    expect(last).toMatchObject({ kind: 'WRITE', studentId, fields: 'grantAid', department: 'civil_affairs', user: 'civil-affairs' });
  });

  it("writes a mutation's entry in the mutation's own transaction: if the entry cannot be written, the change is not either", async () => {
    const { data } = await gq<{ students: { nodes: { id: string }[] } }>('edu-admin', '{ students(first: 2) { nodes { id } } }');
    const studentId = data!.students.nodes[1].id;
    const { em } = system.subgraphs['civil-affairs'].orm;
    const sql = (q: string) => em.fork().getConnection().execute(q);
    const grants = async () => Number((await sql(`select count(*) as n from aid_grant where student_id = '${studentId}'`))[0].n);
    // the database refuses this one operation's audit entries, as a full disk or a broken table would
    const postgres = usesPostgres(em);
    const REFUSED = 'mutation RefusedByAudit($input: GrantAidInput!) { grantAid(input: $input) { programme } }';
    const ACCEPTED = 'mutation Accepted($input: GrantAidInput!) { grantAid(input: $input) { programme } }';
    if (postgres) {
      await sql(`create function audit_refuse_test() returns trigger language plpgsql as $$ begin raise exception 'audit refused (test)'; end $$`);
      await sql(`create trigger audit_refuse_test before insert on audit_entry for each row when (new.operation = '${documentIdOf(REFUSED)}') execute function audit_refuse_test()`);
    } else {
      await sql(`create trigger audit_refuse_test before insert on audit_entry when new.operation = '${documentIdOf(REFUSED)}' begin select raise(abort, 'audit refused (test)'); end`);
    }
    try {
      const before = await grants();
      const input = { studentId, programme: 'STUDENT_GRANT', amount: 300, periodStart: '2024-09-01', periodEnd: '2024-12-31', grantedOn: '2024-09-10' };
      const refused = await gq('civil-affairs', REFUSED, { input });
      expect(refused.errors?.length).toBeGreaterThan(0);
      expect(await grants()).toBe(before);
      const accepted = await gq('civil-affairs', ACCEPTED, { input });
      expect(accepted.errors).toBeUndefined();
      expect(await grants()).toBe(before + 1);
      const last = (await entries('civil-affairs')).filter((e) => e.kind === 'WRITE').at(-1)!;
      expect(last).toMatchObject({ studentId, fields: 'grantAid' });
      expect(last.operation).toBe(documentIdOf(ACCEPTED));
    } finally {
      await sql('drop trigger audit_refuse_test' + (postgres ? ' on audit_entry' : ''));
      if (postgres) await sql('drop function audit_refuse_test()');
    }
  });

  it('is readable through the graph by the joint meeting only', async () => {
    const q = '{ publicSecurityAuditLog(department: "joint_meeting", first: 5) { totalCount nodes { kind user department studentId fields hash } } }';
    const jm = await gq<{ publicSecurityAuditLog: { totalCount: number; nodes: { department: string; hash: string }[] } }>('joint-meeting', q);
    expect(jm.data!.publicSecurityAuditLog.totalCount).toBeGreaterThanOrEqual(100);
    expect(jm.data!.publicSecurityAuditLog.nodes.every((n) => n.department === 'joint_meeting' && /^[0-9a-f]{64}$/.test(n.hash))).toBe(true);
    const police = await gq('police', q);
    expect(police.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('is kept by the database itself: no entry changed, none younger than six months deleted, even straight through SQL', async () => {
    const em = system.subgraphs['public-security'].orm.em.fork();
    const conn = em.getConnection();
    const [recent] = await entries('public-security');
    await expect(conn.execute(`update audit_entry set fields = 'name' where id = ?`, [recent.id])).rejects.toThrow(/cannot be changed/);
    await expect(conn.execute(`delete from audit_entry where id = ?`, [recent.id])).rejects.toThrow(/kept at least six months/);
    // an entry older than six months may go (an archival job's business); this one is added at the end and removed again
    const old = await em.insert(AuditEntry, {
      at: new Date(Date.now() - 200 * 86400e3), kind: 'READ', user: 'retention-test', department: 'education', role: 'admin', studentId: null,
      fields: 'name', operation: 'RetentionTest', requestId: 'retention-test', prevHash: 'x'.repeat(64), hash: 'y'.repeat(64),
    });
    await conn.execute(`delete from audit_entry where id = ?`, [old]);
    expect((await entries('public-security')).some((e) => e.user === 'retention-test')).toBe(false);
    expect(await verifyAll(system.config).then((r) => r.every((x) => x.ok))).toBe(true);
  });

  it('has no operation in the API that changes or deletes audit entries', () => {
    const sdl = fs.readFileSync(path.resolve(__dirname, '../../gateway/supergraph.graphql'), 'utf8');
    const mutation = parse(sdl).definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation')!;
    expect(mutation.fields!.length).toBeGreaterThan(10);
    expect(mutation.fields!.map((f) => f.name.value).filter((n) => /audit/i.test(n))).toEqual([]);
  });

  it('verifies, and `npm run audit:verify` names an edited entry, then a deleted one', async () => {
    expect((await verifyAll(system.config)).every((r) => r.ok)).toBe(true);
    const script = path.resolve(__dirname, '../../scripts/dist/audit-verify.js');
    const run = () => promisify(execFile)(process.execPath, [script], { env: system.env }).then((o) => ({ code: 0, out: o.stdout }), (e) => ({ code: e.code as number, out: String(e.stdout) }));
    expect((await run()).code).toBe(0);

    const conn = system.subgraphs['public-security'].orm.em.getConnection();
    // someone with the database owner's rights first removes the protection; the chain still tells
    if (system.env.TEST_DATABASE === 'postgres') await conn.execute('alter table audit_entry disable trigger user');
    else for (const t of ['audit_entry_no_update', 'audit_entry_retention']) await conn.execute(`drop trigger ${t}`);
    const rows = await entries('public-security');
    const victim = rows[Math.floor(rows.length / 2)];
    await conn.execute(`update audit_entry set fields = 'name' where id = ?`, [victim.id]);
    let result = await run();
    expect(result.code).toBe(1);
    expect(result.out).toContain(`public-security: BROKEN at entry ${victim.id}`);
    expect(result.out).toContain('edited');

    // put it back, then delete the entry instead: the next one no longer links
    await conn.execute(`update audit_entry set fields = ? where id = ?`, [victim.fields, victim.id]);
    expect((await run()).code).toBe(0);
    await conn.execute(`delete from audit_entry where id = ?`, [victim.id]);
    result = await run();
    expect(result.code).toBe(1);
    expect(result.out).toMatch(new RegExp(`public-security: BROKEN at entry ${victim.id + 1}: previous-hash link broken`));
  });
});
