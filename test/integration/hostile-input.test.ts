/**
 * Hostile input, generated (fast-check): malformed GraphQL, deep, alias and nested-list bombs, bodies
 * that are not JSON or too big, variables of the wrong shape, text with control, bidi or zero-width
 * characters, document ids of any shape and import files of garbage. For
 * every one: no 5xx and no crash (the gateway still answers), every error carries a code, and
 * nothing is written. HOSTILE_RUNS sets the cases per property (CI: the default).
 */
import fc from 'fast-check';
import { importFile, type Send } from '@kongchuo/reports';
import { composeResidentId } from '@kongchuo/shared/domain';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatewayUrl, gql, ok, tokenFor, type GraphQLResponse } from '../support/client';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);
const settings = { numRuns: RUNS, seed: Number(process.env.HOSTILE_SEED ?? 20181221) };
const VALID = 'query Child($id: ID!) { student(id: $id) { name enrollment { status school { name } } hukou { regionName } } }';

/** The invariant for any answer: a client error with codes, or data; never a 5xx, never an uncoded error. */
function expectCoded(r: GraphQLResponse<unknown>): void {
  expect(r.status).toBeLessThan(500);
  for (const e of r.errors ?? []) expect(typeof e.extensions?.code).toBe('string');
  if (r.status >= 400) expect(r.errors?.length).toBeGreaterThan(0);
}

async function raw(body: string, contentType = 'application/json', as: 'edu-admin' | 'joint-meeting' = 'edu-admin'): Promise<GraphQLResponse<unknown>> {
  const res = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${await tokenFor(as)}` }, body });
  const text = await res.text();
  let json: { errors?: GraphQLResponse<unknown>['errors'] } = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { errors: [{ message: text.slice(0, 200) }] }; // uncoded: fails expectCoded
  }
  return { status: res.status, ...json };
}

const counts = async () => {
  const { students } = await ok<{ students: { totalCount: number } }>('{ students(first: 1) { totalCount } }');
  const { tasks } = await ok<{ tasks: unknown[] }>('{ tasks { id } }', {}, { as: 'joint-meeting' });
  return { students: students.totalCount, tasks: tasks.length };
};
let before: { students: number; tasks: number };
beforeAll(async () => {
  before = await counts();
});
afterAll(async () => {
  // nothing any case sent was written, and the gateway still answers
  expect(await counts()).toEqual(before);
  expect((await fetch(gatewayUrl().replace(/graphql$/, 'health'))).status).toBe(200);
});

describe('hostile input, generated', () => {
  it('malformed GraphQL: any string, and a valid query cut or spliced anywhere', async () => {
    const splice = fc.tuple(fc.nat(VALID.length), fc.nat(8), fc.string({ maxLength: 8 })).map(([at, cut, insert]) => VALID.slice(0, at) + insert + VALID.slice(at + cut));
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), splice), async (query) => {
      expectCoded(await raw(JSON.stringify({ query, variables: { id: 'x' } })));
    }), settings);
  });

  it('deep and alias-bomb queries are refused before they are planned', async () => {
    const deep = fc.integer({ min: 13, max: 60 }).map((n) => `{ ${'students(first: 1) { nodes { '.repeat(1)}${'enrollment { school { '.repeat(n)}name${' }'.repeat(2 * n)} } } }`);
    const aliases = fc.integer({ min: 31, max: 400 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: districtOverview(year: 2018) { stillOut }`).join(' ')} }`);
    await fc.assert(fc.asyncProperty(fc.oneof(deep, aliases), async (query) => {
      const r = await raw(JSON.stringify({ query }));
      expectCoded(r);
      expect(r.status).toBe(400);
      expect(r.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }), { ...settings, numRuns: Math.min(RUNS, 20) });
  });

  it('nested-list bombs are refused before they are planned, the estimate and the limit named', async () => {
    // lists inside lists multiply: tasks of meetings, the meeting of each task, its tasks again…
    const level = (n: number, inner: string): string => (n === 0 ? inner : `tasks { meeting { ${level(n - 1, inner)} } }`);
    const nested = fc.integer({ min: 2, max: 4 }).map((n) => `{ meetings { ${level(n, 'id')} } }`);
    const aliased = fc.integer({ min: 2, max: 6 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `m${i}: meetings { tasks { meeting { tasks { student { name } } } } }`).join(' ')} }`);
    const paged = fc.integer({ min: 5_000, max: 1_000_000 }).map((first) => `{ students(first: ${first}) { nodes { name tasks { meeting { tasks { id } } } } } }`);
    await fc.assert(fc.asyncProperty(fc.oneof(nested, aliased, paged), async (query) => {
      const r = await raw(JSON.stringify({ query }), 'application/json', 'joint-meeting');
      expectCoded(r);
      expect(r.status).toBe(400);
      expect(r.errors![0].extensions).toMatchObject({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', limit: 250_000 });
      expect(r.errors![0].extensions!.cost as number).toBeGreaterThan(250_000);
    }), { ...settings, numRuns: Math.min(RUNS, 20) });
  });

  it('bodies that are not JSON, not an object, or too big', async () => {
    const notJson = fc.string({ unit: 'binary', maxLength: 300 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });
    const wrongShape = fc.jsonValue().map((v) => JSON.stringify(v));
    const huge = fc.integer({ min: 1_100_000, max: 1_500_000 }).map((n) => JSON.stringify({ query: `{ __typename }${' '.repeat(n)}` }));
    await fc.assert(fc.asyncProperty(fc.oneof(notJson, wrongShape, huge), async (body) => {
      const r = await raw(body);
      expectCoded(r);
      if (body.length > 1_048_576) expect(r.status).toBe(413);
    }), { ...settings, numRuns: Math.min(RUNS, 30) });
  });

  it('variables of the wrong shape, to queries and to writes: refused with codes, nothing written', async () => {
    const inputs = fc.oneof(
      fc.anything(),
      fc.record({ idNumber: fc.anything(), name: fc.anything(), schoolCode: fc.anything(), grade: fc.anything(), className: fc.anything(), date: fc.anything() }, { requiredKeys: [] }),
      fc.record({ idNumber: fc.string({ maxLength: 20 }), name: fc.string({ maxLength: 60 }), schoolCode: fc.string({ maxLength: 12 }), grade: fc.integer(), className: fc.string(), date: fc.string({ maxLength: 12 }) }),
    );
    await fc.assert(fc.asyncProperty(inputs, fc.anything(), async (input, id) => {
      const write = await gql('mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id } }', { input } as Record<string, unknown>);
      expectCoded(write);
      expect(write.errors?.length).toBeGreaterThan(0);
      const assign = await gql('mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }', { input }, { as: 'joint-meeting' });
      expectCoded(assign);
      expect(assign.errors?.length).toBeGreaterThan(0);
      expectCoded(await gql(VALID, { id } as Record<string, unknown>));
    }), settings);
  });

  it('names and text with control, bidi-override or zero-width characters anywhere: BAD_USER_INPUT naming the field, nothing written', async () => {
    const forbidden = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00ad', '\u061c', '\u202e', '\u202d', '\u2066', '\u200b', '\u200d', '\u2060', '\ufeff', '\u2028', '\u2029');
    const text = fc.tuple(fc.string({ maxLength: 8 }), forbidden, fc.string({ maxLength: 8 })).map(([a, x, b]) => `${a}${x}${b}`);
    await fc.assert(fc.asyncProperty(text, fc.constantFrom('name', 'className'), async (value, field) => {
      const input = { idNumber: composeResidentId('450204', '2010-03-03', 612), name: '覃小明', schoolCode: '2145020405', grade: 7, className: '1班', date: '2022-09-01', [field]: value };
      const r = await gql('mutation($input: EnrollStudentInput!) { enrollStudent(input: $input) { id } }', { input });
      expectCoded(r);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }), settings);
  });

  it('document ids of any shape: a coded refusal, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.anything(), async (documentId) => {
      const r = await raw(JSON.stringify({ documentId, variables: {} }));
      expectCoded(r);
      expect(r.errors?.length).toBeGreaterThan(0);
    }), settings);
  });

  it('import files of garbage, and chunks of garbage rows: refused with codes, nothing written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-hostile-'));
    const send: Send = async (query, variables) => {
      const r = await gql(query, variables);
      expectCoded(r);
      return r as never;
    };
    try {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('xlsx', 'csv'), async (bytes, ext) => {
        const file = path.join(dir, `garbage.${ext}`);
        fs.writeFileSync(file, bytes);
        await expect(importFile('students', file, send)).rejects.toBeInstanceOf(Error);
      }), { ...settings, numRuns: Math.min(RUNS, 25) });
      const cells = fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '2145020415', '2025-09-01', '转入', '5')), { minLength: 0, maxLength: 9 });
      await fc.assert(fc.asyncProperty(fc.array(cells, { minLength: 1, maxLength: 20 }), async (rows) => {
        const r = await gql<{ importStudents: { status: string } }>('mutation($input: ImportChunkInput!) { importStudents(input: $input) { status } }', {
          input: { fileName: 'garbage.csv', sha256: 'f'.repeat(64), header: ['身份证号', '姓名', '学校标识码', '年级', '班级', '入学日期', '入学方式'], rows: rows.map((c, i) => ({ row: i + 2, cells: c })), commit: true },
        });
        expectCoded(r);
        expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }), { ...settings, numRuns: Math.min(RUNS, 25) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

