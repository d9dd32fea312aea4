/**
 * `npm run -s export -- <report> [--as <account>] [--out <file.xlsx>] [--month YYYY-MM] [--year YYYY] [--weekEnding YYYY-MM-DD] [--schoolCode …] [--studentId …]`
 *
 * Downloads a report from the running gateway (GATEWAY_URL, default http://localhost:4000/graphql)
 * as the given account (signed in at the identity provider: KC_PASSWORD, or the demo password) or with the token in TOKEN, under that
 * account's permissions. Reports: monthly, weekly, consolidation, case-book, case-file, letters.
 */
import fs from 'node:fs';
import { cliToken, gatewayEndpoint } from './cli';

async function main() {
  const [report, ...rest] = process.argv.slice(2);
  if (!report || report.startsWith('--')) {
    console.error('usage: npm run -s export -- <monthly|weekly|consolidation|case-book|case-file|letters> [--as account] [--out file] [--month YYYY-MM] …');
    process.exit(2);
  }
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) flags[rest[i].replace(/^--/, '')] = rest[i + 1];
  const { as = 'edu-admin', out, ...params } = flags;
  const token = await cliToken(as);
  const base = gatewayEndpoint().replace(/\/graphql$/, '');
  const res = await fetch(`${base}/exports/${encodeURIComponent(report)}?${new URLSearchParams(params)}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { errors?: { message: string; extensions?: { code?: string } }[] };
    throw new Error(`${res.status} ${body.errors?.[0]?.extensions?.code ?? ''}: ${body.errors?.[0]?.message ?? res.statusText}`);
  }
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${report}.xlsx`);
  const file = out ?? name;
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  console.log(`wrote ${file}`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
