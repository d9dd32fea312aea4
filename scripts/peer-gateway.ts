/**
 * `node scripts/dist/peer-gateway.js`: the committed supergraph under Hive Gateway
 * (@graphql-hive/gateway-runtime, its defaults), with the same authentication work as ours: the
 * bearer token is verified, and every subgraph request carries the caller's identity signed over
 * its exact body. The benchmark (`npm run bench`) runs it beside our gateway; docs/operations.md
 * ("Running the supergraph under another gateway") shows the same plugin in a Hive Gateway deployment.
 *
 * Environment: PEER_PORT (default 4100), <NAME>_URL for each subgraph, and the usual keys
 * (DATA_DIR or GATEWAY_PRIVATE_JWK, TOKEN_PUBLIC_JWK …).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { SUBGRAPH_NAMES, loadConfig, type Config } from '@kongchuo/shared/core';
import { IDENTITY_HEADER, loadKeys, signSubgraphIdentity, userTokenVerifier, type Identity, type KeyMaterial } from '@kongchuo/shared/identity';
import { ProductionConfigError, assertProductionReady } from '@kongchuo/shared/server';
import { SUPERGRAPH_FILE } from '@kongchuo/gateway';

/**
 * A Hive Gateway plugin: verify the caller's token (401 UNAUTHENTICATED otherwise) and sign
 * their identity to every subgraph, bound to the request body and to that subgraph, once per
 * fetch (each signature is good for one request), as our gateway does.
 */
export function kongchuoIdentity(config: Config, keys: KeyMaterial): GatewayPlugin<{ identity: Identity; caller: string }> {
  const verify = userTokenVerifier(config, keys);
  // each signature names the one department it is for: known here by the URL Hive Gateway fetches
  const serviceAt = new Map(SUBGRAPH_NAMES.map((name) => [config.subgraphUrl(name), name]));
  return {
    async onContextBuilding({ context, extendContext }) {
      const request = (context as { request?: Request }).request;
      if (!request) return;
      try {
        const identity = await verify(request.headers.get('authorization') ?? undefined);
        extendContext({ identity, caller: callerKey(identity) });
      } catch (e) {
        const ext = (e as GraphQLError).extensions ?? { code: 'UNAUTHENTICATED' };
        throw new GraphQLError((e as Error).message, { extensions: { ...ext, http: { status: 401 } } });
      }
    },
    async onFetch({ context, url, options, setOptions }) {
      const identity = (context as { identity?: Identity }).identity;
      if (!identity) return;
      const service = serviceAt.get(url);
      if (!service) throw new Error(`peer gateway: ${url} is no department's URL`);
      const signature = await signSubgraphIdentity(identity, String(options.body ?? ''), service, config, keys);
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [IDENTITY_HEADER]: signature } });
    },
  };
}

/** Every claim of the verified caller, hashed: what Hive Gateway's merging of identical requests must key on. */
export const callerKey = (identity: Identity) => createHash('sha256').update(JSON.stringify([identity.user, identity.department, identity.role, identity.scope.kind, identity.scope.code])).digest('base64url');

/**
 * Where each department is, and a header naming the caller. Hive Gateway merges identical
 * subgraph requests in flight; it keys them on the URL, body and these headers, before `onFetch`
 * adds the signed identity. Without the caller here, two officers of different departments asking
 * the same thing at once get one answer — the first one's, masked or not for the other (seen:
 * police given the joint meeting's masked ID numbers).
 */
export const transportEntries = (config: Config) => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, {
  location: config.subgraphUrl(name),
  headers: [['x-kongchuo-caller', '{context.caller}']] as [string, string][],
}]));

async function main() {
  const config = loadConfig();
  assertProductionReady(config, process.env, ['gateway']);
  const keys = await loadKeys(config);
  const gateway = createGatewayRuntime<{ identity: Identity; caller: string }>({
    supergraph: SUPERGRAPH_FILE,
    transportEntries: transportEntries(config),
    logging: (process.env.PEER_LOG ?? 'error') as 'error',
    maskedErrors: process.env.PEER_UNMASK !== '1',
    plugins: () => [kongchuoIdentity(config, keys)],
  });
  const server = http.createServer(gateway);
  const port = Number(process.env.PEER_PORT ?? 4100);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(`KC_PEER_READY http://127.0.0.1:${port}/graphql\n`);
  const stop = () => server.close(() => void Promise.resolve(gateway.dispose()).then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof ProductionConfigError ? e.message : e);
    process.exit(1);
  });
}
