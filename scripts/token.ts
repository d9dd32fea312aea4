/** `npm run -s token -- <account>`: prints a bearer token for a demo account of the running demo. */
import { loadConfig } from '@kongchuo/shared/core';
import { DEMO_ACCOUNTS, issueUserToken, loadKeys } from '@kongchuo/shared/identity';

async function main() {
  const account = process.argv[2];
  if (!account || !DEMO_ACCOUNTS[account]) {
    console.error(`usage: npm run -s token -- <account>\naccounts: ${Object.keys(DEMO_ACCOUNTS).join(', ')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const keys = await loadKeys(config);
  process.stdout.write(`${await issueUserToken(DEMO_ACCOUNTS[account], config, keys)}\n`);
}
main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
