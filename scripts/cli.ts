/** What the command-line scripts share: `--name value` flags, and the bearer token a CLI sends. */
import { loadConfig, type Config } from '@kongchuo/shared/core';
import { cliPassword, passwordSignIn } from './sign-in';

/** `--name value` (or a bare `--name`, which reads as 'true'); `fallback` when absent. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : i >= 0 ? 'true' : fallback;
}

/** The token in TOKEN, or one the identity provider gives `account` (KC_PASSWORD, or the demo password). */
export async function cliToken(account: string, config: Config = loadConfig()): Promise<string> {
  if (process.env.TOKEN) return process.env.TOKEN;
  return (await passwordSignIn(config, account, cliPassword(config))).accessToken;
}

/** The running gateway's GraphQL endpoint (GATEWAY_URL, or localhost on PORT). */
export const gatewayEndpoint = (config: Config = loadConfig()) => process.env.GATEWAY_URL ?? `http://localhost:${config.gatewayPort}/graphql`;
