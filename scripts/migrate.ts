/**
 * `node scripts/dist/migrate.js [service …]` (`npm run migrate`): applies the committed migrations
 * to each department's database and the identity provider's (all six by default) and exits. docker-compose.yml runs it once,
 * as each database's owner role, before the departments start as roles that may only read and
 * write their tables — so no running service can drop the audit triggers. Databases come from
 * <NAME>_DATABASE_URL / DATABASE_URL as for the services; production refuses a missing one.
 */
import 'reflect-metadata';
import { loadConfig, openDatabase } from '@kongchuo/shared/core';
import { createLogger } from '@kongchuo/shared/observability';
import { ProductionConfigError, databaseProblems } from '@kongchuo/shared/server';
import { DATABASE_SERVICES } from './subgraphs';

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((n) => !DATABASE_SERVICES.some((m) => m.name === n));
  if (unknown.length) throw new Error(`usage: migrate [${DATABASE_SERVICES.map((m) => m.name).join('|')} …]`);
  const modules = asked.length ? DATABASE_SERVICES.filter((m) => asked.includes(m.name)) : DATABASE_SERVICES;
  const config = loadConfig();
  const names = modules.map((m) => m.name);
  const problems = databaseProblems(config, process.env, names);
  if (problems.length) throw new ProductionConfigError(problems, names);
  const logger = createLogger('migrate', config.logLevel);
  for (const m of modules) {
    const orm = await openDatabase(m.database(config.databaseUrl(m.name), { logger: logger.child({ subgraph: m.name }), production: config.production }));
    await orm.close();
    logger.info({ subgraph: m.name }, 'schema up to date');
  }
}

main().catch((e) => {
  console.error(e instanceof ProductionConfigError ? e.message : e);
  process.exit(1);
});
