/**
 * One source for the words of every code (`@kongchuo/shared/labels`): every value of every enum
 * of the supergraph has its Chinese and English there, the schema describes each value in those
 * words (read from there when each subgraph registers the enum), and the module names nothing
 * the schema does not have.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildASTSchema, isEnumType, parse } from 'graphql';
import { LABELS, label, type Vocabulary } from '@kongchuo/shared/labels';
import { DEPARTMENTS, SCOPE_KINDS } from '@kongchuo/shared/identity';

const supergraph = buildASTSchema(parse(fs.readFileSync(path.join(__dirname, '../../gateway/supergraph.graphql'), 'utf8')), { assumeValidSDL: true });
const enums = Object.values(supergraph.getTypeMap()).filter((t) => isEnumType(t) && !t.name.startsWith('__') && !t.name.includes('__'));
/** vocabularies that are not GraphQL enums: the signed identity's words */
const IDENTITY_WORDS = ['Department', 'Role', 'ScopeKind'];

describe('labels', () => {
  it.each(enums.map((e) => [e.name, e] as const))('%s: every value has Chinese and English words, and the schema describes it in them', (name, e) => {
    if (!isEnumType(e)) throw new Error('not an enum');
    const words = (LABELS as Record<string, Record<string, readonly [string, string]>>)[name];
    expect(words).toBeDefined();
    expect(Object.keys(words).sort()).toEqual(e.getValues().map((v) => v.name).sort());
    for (const v of e.getValues()) {
      const [zh, en] = words[v.name];
      expect(zh).toMatch(/\p{Script=Han}/u);
      expect(en).toMatch(/^[^\p{Script=Han}]+$/u);
      expect(v.description).toBe(zh);
    }
  });

  it('names no vocabulary the schema or the signed identity does not have', () => {
    const known = new Set([...enums.map((e) => e.name), ...IDENTITY_WORDS]);
    expect(Object.keys(LABELS).filter((v) => !known.has(v))).toEqual([]);
  });

  it('has words for every department and scope kind', () => {
    expect(Object.keys(LABELS.Department).sort()).toEqual([...DEPARTMENTS].sort());
    expect(Object.keys(LABELS.ScopeKind).sort()).toEqual([...SCOPE_KINDS].sort());
  });

  it('marks a code it does not know, so a page or report that shows one is found', () => {
    expect(label('TaskStatus', 'DONE')).toBe('已办结');
    expect(label('TaskStatus', 'DONE', 'en')).toBe('done');
    expect(label('TaskStatus' as Vocabulary, 'NOT_A_STATUS')).toBe('⟨NOT_A_STATUS⟩');
    expect(label('Department', null)).toBe('');
  });
});
