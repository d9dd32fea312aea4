/**
 * `npm run -s token -- <account>`: signs in at the running system's identity provider (the
 * authorization-code flow with PKCE, as the kongchuo-cli client) and prints the access token, a
 * bearer token for curl. Demo accounts use the demo password; any other account's password comes
 * from KC_PASSWORD. The token lasts IDENTITY_ACCESS_TOKEN_TTL_SECONDS (five minutes by default).
 */
import { loadConfig } from '@kongchuo/shared/core';
import { cliPassword, passwordSignIn } from './sign-in';

async function main() {
  const account = process.argv[2];
  if (!account || account.startsWith('-')) {
    console.error('usage: npm run -s token -- <account>\ndemo accounts (password liunan-2018): edu-admin, school-staff, police, civil-affairs, community, grid-worker, joint-meeting, district-admin\nanother account: KC_PASSWORD=… npm run -s token -- <account>');
    process.exit(2);
  }
  const config = loadConfig();
  const { accessToken } = await passwordSignIn(config, account, cliPassword(config));
  process.stdout.write(`${accessToken}\n`);
}
main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
