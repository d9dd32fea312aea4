/**
 * `npm run audit:verify`: checks every subgraph's audit log chain (the databases of the running
 * configuration: DATA_DIR, <NAME>_DATABASE_URL …) against its signed checkpoints, read from the
 * department that holds them (the joint meeting; education for the joint meeting's) and checked
 * with the departments' public keys (AUDIT_PUBLIC_JWK_<NAME>). Prints one line per subgraph —
 * ok, BROKEN at entry N, TAIL MISSING, CHECKPOINT MISMATCH or CHECKPOINT FORGED — and exits 1 if
 * any chain is not ok. The identity provider's log of account changes is checked too, by its hashes
 * alone (no department holds checkpoints of it).
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import fs from 'node:fs';
import { databaseKind, loadConfig, ormOptions, type Config, type SubgraphName } from '@kongchuo/shared/core';
import { identityDatabase } from '@kongchuo/identity';
import { AuditCheckpoint, CHECKPOINT_HOLDERS, loadAuditKeys, verificationLine, verifyAuditChain, type AuditVerification } from '@kongchuo/shared/audit';
import { SUBGRAPH_MODULES } from './subgraphs';

export type ChainResult = AuditVerification & { subgraph: SubgraphName | 'identity'; line: string };

export async function verifyAll(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<ChainResult[]> {
  const keys = loadAuditKeys(config, env);
  const orms = new Map<SubgraphName, MikroORM>();
  try {
    for (const m of SUBGRAPH_MODULES) orms.set(m.name, await MikroORM.init(ormOptions(m.database(config.databaseUrl(m.name)))));
    const results: ChainResult[] = [];
    for (const m of SUBGRAPH_MODULES) {
      const holder = orms.get(CHECKPOINT_HOLDERS[m.name])!;
      const checkpoints = await holder.em.fork().find(AuditCheckpoint, { service: m.name }, { orderBy: { lastId: 'asc' } });
      const v = await verifyAuditChain(orms.get(m.name)!.em, { checkpoints, service: m.name, publicKey: keys.public[m.name] });
      results.push({ subgraph: m.name, ...v, line: verificationLine(m.name, v) });
    }
    const identityUrl = config.databaseUrl('identity');
    if (databaseKind(identityUrl) === 'postgresql' || fs.existsSync(identityUrl)) {
      const orm = await MikroORM.init(ormOptions(identityDatabase(identityUrl)));
      try {
        const v = await verifyAuditChain(orm.em);
        results.push({ subgraph: 'identity', ...v, line: `${verificationLine('identity', v).replace(', no checkpoint yet', '')} (account changes; checked by their hashes)` });
      } finally {
        await orm.close();
      }
    }
    return results;
  } finally {
    for (const orm of orms.values()) await orm.close();
  }
}

if (require.main === module) {
  verifyAll(loadConfig())
    .then((results) => {
      for (const r of results) console.log(r.line);
      process.exit(results.every((r) => r.ok) ? 0 : 1);
    })
    .catch((e) => {
      console.error(e.message);
      process.exit(2);
    });
}
