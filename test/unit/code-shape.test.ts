/**
 * The shape of the code, as docs/architecture.md ("The platform", "A subgraph's shape", "No calls
 * back through the gateway") describes it: knowing one subgraph means knowing all, the platform's
 * parts are layered, and only workers read the supergraph.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const SUBGRAPHS = fs.readdirSync(path.join(ROOT, 'subgraphs')).filter((d) => fs.existsSync(path.join(ROOT, 'subgraphs', d, 'src', 'index.ts')));
/** the platform's parts, bottom-up: a part imports only parts before it */
const PARTS = ['labels', 'core', 'domain', 'observability', 'identity', 'policy', 'audit', 'imports', 'server'];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? (e.name === 'migrations' ? [] : filesUnder(p)) : p.endsWith('.ts') ? [p] : [];
  });
}
const rel = (f: string) => path.relative(ROOT, f);

/** Every import of a file: the module, and whether only types are taken. */
function importsOf(file: string): { from: string; typeOnly: boolean }[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  return sf.statements.filter(ts.isImportDeclaration).map((d) => {
    const clause = d.importClause;
    const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
    const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    return { from: (d.moduleSpecifier as ts.StringLiteral).text, typeOnly };
  });
}

describe('every subgraph has the same shape', () => {
  it.each(SUBGRAPHS)('%s: index, context, loaders, entities (with enums), resolvers (with references), domain, seed, migrations', (name) => {
    const src = path.join(ROOT, 'subgraphs', name, 'src');
    for (const f of ['index.ts', 'context.ts', 'loaders.ts', 'entities/index.ts', 'entities/enums.ts', 'resolvers/references.ts', 'domain/enums.ts', 'seed/liunan-2018.ts', 'migrations/sqlite/index.ts', 'migrations/postgresql/index.ts']) {
      expect({ name, file: f, exists: fs.existsSync(path.join(src, f)) }).toEqual({ name, file: f, exists: true });
    }
    const top = fs.readdirSync(src).filter((f) => !['entities', 'resolvers', 'domain', 'imports', 'seed', 'migrations', 'workers', 'index.ts', 'context.ts', 'loaders.ts', 'scope.ts'].includes(f));
    expect({ name, unexpected: top }).toEqual({ name, unexpected: [] });
    const resolvers = fs.readdirSync(path.join(src, 'resolvers')).filter((f) => !/\.(resolver|inputs|types)\.ts$/.test(f) && f !== 'references.ts');
    expect({ name, notResolvers: resolvers }).toEqual({ name, notResolvers: [] });
  });

  it.each(SUBGRAPHS)('%s: inputs live in *.inputs.ts, enums are declared in domain/ and registered in entities/enums.ts', (name) => {
    for (const file of filesUnder(path.join(ROOT, 'subgraphs', name, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      if (/@InputType\(/.test(text)) expect({ file: rel(file), inputsFile: file.endsWith('.inputs.ts') }).toEqual({ file: rel(file), inputsFile: true });
      if (/registerEnumType\(/.test(text)) expect(rel(file)).toBe(`subgraphs/${name}/src/entities/enums.ts`);
      if (/^export enum |^enum /m.test(text)) expect({ file: rel(file), inDomain: file.includes(`${path.sep}domain${path.sep}`) }).toEqual({ file: rel(file), inDomain: true });
    }
  });

  it.each(SUBGRAPHS)('%s: domain/ is plain TypeScript — no GraphQL or ORM code, types aside', (name) => {
    for (const file of filesUnder(path.join(ROOT, 'subgraphs', name, 'src', 'domain'))) {
      const runtime = importsOf(file).filter((i) => !i.typeOnly && /^(type-graphql|@mikro-orm\/|graphql$)/.test(i.from)).map((i) => i.from);
      expect({ file: rel(file), runtime }).toEqual({ file: rel(file), runtime: [] });
    }
  });

  it('no subgraph imports another; only a worker reads the supergraph', () => {
    for (const name of SUBGRAPHS) {
      for (const file of filesUnder(path.join(ROOT, 'subgraphs', name, 'src'))) {
        const others = importsOf(file).filter((i) => SUBGRAPHS.some((s) => s !== name && i.from === `@kongchuo/${s}`)).map((i) => i.from);
        expect({ file: rel(file), others }).toEqual({ file: rel(file), others: [] });
        if (file.includes(`${path.sep}workers${path.sep}`)) continue;
        const text = fs.readFileSync(file, 'utf8');
        expect({ file: rel(file), readsSupergraph: /supergraphReader|SupergraphReader|GATEWAY_URL|gatewayUrl\(/.test(text) }).toEqual({ file: rel(file), readsSupergraph: false });
      }
    }
  });
});

describe('the platform (shared) is layered parts with entry points', () => {
  it('has exactly the parts, each with an index.ts, and the package exports each', () => {
    const dirs = fs.readdirSync(path.join(ROOT, 'shared', 'src')).sort();
    expect(dirs).toEqual([...PARTS].sort());
    for (const p of PARTS) expect(fs.existsSync(path.join(ROOT, 'shared', 'src', p, 'index.ts'))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'shared', 'package.json'), 'utf8')) as { exports: Record<string, string> };
    expect(Object.keys(pkg.exports).sort()).toEqual(PARTS.map((p) => `./${p}`).sort());
  });

  it.each(PARTS)('%s imports only the parts below it, each through its entry point', (part) => {
    for (const file of filesUnder(path.join(ROOT, 'shared', 'src', part))) {
      for (const { from } of importsOf(file)) {
        if (!from.startsWith('..')) continue;
        const [, other, deeper] = /^\.\.\/([a-z-]+)(\/.*)?$/.exec(from) ?? [];
        expect({ file: rel(file), from, below: PARTS.indexOf(other) >= 0 && PARTS.indexOf(other) < PARTS.indexOf(part), viaEntry: !deeper })
          .toEqual({ file: rel(file), from, below: true, viaEntry: true });
      }
    }
  });
});

describe('the identity provider (identity/) stands apart from the departments', () => {
  const files = filesUnder(path.join(ROOT, 'identity', 'src'));
  it('imports the platform and no department, gateway or script', () => {
    for (const file of files) {
      const outside = importsOf(file).filter((i) => i.from.startsWith('@kongchuo/') && !i.from.startsWith('@kongchuo/shared/')).map((i) => i.from);
      expect({ file: rel(file), outside }).toEqual({ file: rel(file), outside: [] });
    }
  });

  it('loads oidc-provider (an ES module, for its own process only) nowhere at import time, and only in web/; its rules are plain domain/ code', () => {
    for (const file of files) {
      const runtime = importsOf(file).filter((i) => i.from === 'oidc-provider' && !i.typeOnly);
      expect({ file: rel(file), runtime }).toEqual({ file: rel(file), runtime: [] });
      if (/require\('oidc-provider'\)/.test(fs.readFileSync(file, 'utf8'))) expect(rel(file)).toMatch(/^identity\/src\/web\//);
      if (file.includes(`${path.sep}domain${path.sep}`)) {
        const plain = importsOf(file).filter((i) => !i.typeOnly && !i.from.startsWith('node:')).map((i) => i.from);
        expect({ file: rel(file), plain }).toEqual({ file: rel(file), plain: [] });
      }
    }
  });
});
