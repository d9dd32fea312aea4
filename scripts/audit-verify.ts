/**
 * `npm run audit:verify`: checks every subgraph's audit log chain (the databases of the running
 * configuration: DATA_DIR, <NAME>_DATABASE_URL …). Prints one line per subgraph; exits 1 if any
 * chain is broken, naming the first entry that does not fit.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { loadConfig, ormOptions, verifyAuditChain, type Config } from '@kongchuo/shared';
import { SUBGRAPH_MODULES } from './subgraphs';

export async function verifyAll(config: Config): Promise<{ subgraph: string; ok: boolean; checked: number; brokenAt?: number; reason?: string }[]> {
  const results = [];
  for (const m of SUBGRAPH_MODULES) {
    const orm = await MikroORM.init(ormOptions(m.database(config.databaseUrl(m.name))));
    try {
      results.push({ subgraph: m.name, ...(await verifyAuditChain(orm.em)) });
    } finally {
      await orm.close();
    }
  }
  return results;
}

if (require.main === module) {
  verifyAll(loadConfig())
    .then((results) => {
      for (const r of results) {
        console.log(r.ok ? `${r.subgraph}: ok, ${r.checked} entries` : `${r.subgraph}: BROKEN at entry ${r.brokenAt}: ${r.reason} (${r.checked} entries fit before it)`);
      }
      process.exit(results.every((r) => r.ok) ? 0 : 1);
    })
    .catch((e) => {
      console.error(e.message);
      process.exit(2);
    });
}
