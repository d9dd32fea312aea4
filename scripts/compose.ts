/** `npm run compose`: writes the supergraph SDL composed from every subgraph's schema. */
import 'reflect-metadata';
import fs from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '@kongchuo/gateway';
import { loadConfig } from '@kongchuo/shared';
import { SUBGRAPH_MODULES, subgraphSdl } from './subgraphs';

export async function composeCurrent(): Promise<string> {
  // URLs in the file are the defaults; the gateway maps each name to its configured URL
  const config = loadConfig({});
  const subgraphs = await Promise.all(SUBGRAPH_MODULES.map(async (m) => ({ name: m.name, url: config.subgraphUrl(m.name), sdl: await subgraphSdl(m) })));
  return composeSupergraph(subgraphs);
}

if (require.main === module) {
  composeCurrent()
    .then((sdl) => {
      fs.writeFileSync(SUPERGRAPH_FILE, sdl);
      console.log(`wrote ${SUPERGRAPH_FILE}`);
    })
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
