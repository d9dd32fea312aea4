/**
 * The text rule for everything a caller writes: strings are stored in Unicode NFC, and one with a
 * control character, a bidirectional override or isolate, or a zero-width character is refused
 * with BAD_USER_INPUT naming where it is — in a mutation's input and in an import's cells — and
 * nothing is written. Generated with fast-check.
 */
import fc from 'fast-check';
import { gql, ok } from '../support/client';

const VISIT = 'mutation($input: RecordHomeVisitInput!) { recordHomeVisit(input: $input) { id notes visitorName } }';
const BAD = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u200d', '\u200e', '\u202e', '\u2066', '\ufeff'];
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

async function childOfDemoSubdistrict(): Promise<string> {
  const { students } = await ok<{ students: { nodes: { id: string; community: { subdistrict: { code: string } } | null }[] } }>('{ students(first: 300) { nodes { id community { subdistrict { code } } } } }');
  return students.nodes.find((n) => n.community?.subdistrict.code === '450204002')!.id;
}

const visits = async (id: string) => (await ok<{ student: { homeVisits: { id: string }[] } }>('query($id: ID!) { student(id: $id) { homeVisits { id } } }', { id })).student.homeVisits.length;

describe('text a caller writes', () => {
  let child: string;
  beforeAll(async () => (child = await childOfDemoSubdistrict()));

  it('is refused, naming the field, when it holds a control, bidi or zero-width character; nothing is written', async () => {
    const before = await visits(child);
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 8 }), fc.constantFrom(...BAD), fc.string({ maxLength: 8 }), fc.constantFrom('visitorName', 'notes'), async (a, bad, b, field) => {
      const input = { studentId: child, date: today(), visitorName: '网格员甲', visitorRole: '网格员', outcome: 'NOT_HOME', notes: '家中无人', [field]: `${a}${bad}${b}` };
      const r = await gql(VISIT, { input }, { as: 'community' });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }), { numRuns: 30, seed: 20181221 });
    expect(await visits(child)).toBe(before);
  });

  it('is stored in NFC: a name typed decomposed comes back composed', async () => {
    const decomposed = 'Me\u0301lanie 网格员'; // e + combining acute
    const r = await ok<{ recordHomeVisit: { visitorName: string; notes: string } }>(VISIT, { input: { studentId: child, date: today(), visitorName: decomposed, visitorRole: '网格员', outcome: 'NOT_HOME', notes: '第一段\n第二段' } }, { as: 'community' });
    expect(r.recordHomeVisit.visitorName).toBe('Mélanie 网格员'.normalize('NFC'));
    expect(r.recordHomeVisit.visitorName).not.toContain('\u0301');
    expect(r.recordHomeVisit.notes).toBe('第一段\n第二段'); // line breaks stay
  });

  it('in an import\'s cells: a NUL in a name is BAD_USER_INPUT naming the cell, not a database error', async () => {
    const r = await gql('mutation($input: ImportChunkInput!) { importResidents(input: $input) { id status } }', {
      input: { fileName: 'nul.csv', sha256: 'a'.repeat(64), header: ['身份证号', '姓名'], rows: [{ row: 2, cells: ['450204200801011234', '覃\u0000小明'] }], commit: true },
    }, { as: 'community' });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rows.0.cells.1' });
  });
});
