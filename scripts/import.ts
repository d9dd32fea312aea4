/**
 * `npm run -s import -- <kind> <file.xlsx|file.csv> [--as <account>]`
 *
 * Streams a file to the department that owns it, through the running gateway (GATEWAY_URL,
 * default http://localhost:4000/graphql), as an account signed in at the identity provider (KC_PASSWORD, or the demo password) or with the
 * token in TOKEN. All or nothing: a file with bad rows imports nothing and every bad row is
 * listed with its column. Importing the same file again changes nothing. Kinds: students.
 */
import fs from 'node:fs';
import { SingleBar } from 'cli-progress';
import { cliToken, gatewayEndpoint } from './cli';
import { IMPORT_KINDS, ImportRejected, importFile, type ImportKind, type Send } from '@kongchuo/reports';

async function main() {
  const [kind, file, ...rest] = process.argv.slice(2);
  if (!kind || !file || !(kind in IMPORT_KINDS)) {
    console.error(`usage: npm run -s import -- <${Object.keys(IMPORT_KINDS).join('|')}> <file.xlsx|file.csv> [--as account]`);
    process.exit(2);
  }
  if (!fs.existsSync(file)) throw new Error(`no file ${file}`);
  const as = rest.includes('--as') ? rest[rest.indexOf('--as') + 1] ?? 'edu-admin' : 'edu-admin';
  const token = await cliToken(as);
  const url = gatewayEndpoint();
  const size = fs.statSync(file).size;
  const bar = new SingleBar({ format: '{bar} {percentage}% | {rows} rows | {rate} rows/s', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr }, undefined);
  bar.start(size, 0, { rows: 0, rate: 0 });
  const started = Date.now();
  let bytes = 0;
  try {
    const batch = await importFile(kind as ImportKind, file, async (query, variables) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as Awaited<ReturnType<Send>>;
    }, {
      onBytes: (n) => bar.update((bytes += n)),
      onRows: (rows) => bar.update(bytes, { rows, rate: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)) }),
    });
    bar.update(size);
    bar.stop();
    if (batch.alreadyImported) console.log(`this file was imported before (batch ${batch.id}): nothing changed`);
    else console.log(`imported ${file}: ${batch.inserted} new, ${batch.unchanged} unchanged (batch ${batch.id})`);
  } catch (e) {
    bar.stop();
    if (e instanceof ImportRejected) {
      console.error(`nothing was imported: ${e.problemCount} problem(s)`);
      for (const p of e.problems.slice(0, 200)) console.error(`  row ${p.row}  ${p.column}  ${p.message}`);
      if (e.problemCount > 200) console.error(`  … and ${e.problemCount - 200} more`);
      process.exit(1);
    }
    throw e;
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
