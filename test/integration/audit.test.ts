/**
 * The audit log: reads of a child's personal fields by another department, and every write,
 * hash-chained in the subgraph that holds the data; a request's reads go in one statement;
 * `npm run audit:verify` finds an edited or a deleted entry. Own system: it counts statements and
 * tampers with a database.
 */
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AuditEntry, DEMO_ACCOUNTS, issueUserToken, type SubgraphName } from '@kongchuo/shared';
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
      if (/^\[query\] insert into [`"]audit_entry[`"]/.test(m)) auditInserts[current] = (auditInserts[current] ?? 0) + 1;
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
    const r = await gq<{ students: { nodes: { id: string }[] } }>('joint-meeting', 'query UnifiedView { students(first: 100) { nodes { id name hukou { regionCode } isMigrant } } }');
    expect(r.errors).toBeUndefined();
    const ids = r.data!.students.nodes.map((n) => n.id);
    const after = await entries('public-security');
    const added = after.slice(before);
    expect(added).toHaveLength(100);
    expect(new Set(added.map((e) => e.studentId))).toEqual(new Set(ids));
    expect(added.every((e) => e.kind === 'READ' && e.department === 'joint_meeting' && e.user === 'joint-meeting' && e.fields === 'hukou,isMigrant')).toBe(true);
    expect(added[0].operation).toContain('UnifiedView');
    // one INSERT in public security and one in education (for the name): not one per child
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

  it('is readable through the graph by the joint meeting only', async () => {
    const q = '{ publicSecurityAuditLog(department: "joint_meeting", first: 5) { totalCount nodes { kind user department studentId fields hash } } }';
    const jm = await gq<{ publicSecurityAuditLog: { totalCount: number; nodes: { department: string; hash: string }[] } }>('joint-meeting', q);
    expect(jm.data!.publicSecurityAuditLog.totalCount).toBeGreaterThanOrEqual(100);
    expect(jm.data!.publicSecurityAuditLog.nodes.every((n) => n.department === 'joint_meeting' && /^[0-9a-f]{64}$/.test(n.hash))).toBe(true);
    const police = await gq('police', q);
    expect(police.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('verifies, and `npm run audit:verify` names an edited entry, then a deleted one', async () => {
    expect((await verifyAll(system.config)).every((r) => r.ok)).toBe(true);
    const script = path.resolve(__dirname, '../../scripts/dist/audit-verify.js');
    const run = () => promisify(execFile)(process.execPath, [script], { env: system.env }).then((o) => ({ code: 0, out: o.stdout }), (e) => ({ code: e.code as number, out: String(e.stdout) }));
    expect((await run()).code).toBe(0);

    const conn = system.subgraphs['public-security'].orm.em.getConnection();
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
