import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

/** The committed supergraph: composed by `npm run compose`, checked for staleness by a test. */
export const SUPERGRAPH_FILE = path.resolve(__dirname, '..', 'supergraph.graphql');

/** Composes subgraph SDLs into supergraph SDL, or throws with every composition error. */
export function composeSupergraph(subgraphs: SubgraphDefinition[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl!;
}

export function readSupergraph(file = SUPERGRAPH_FILE): string {
  if (!fs.existsSync(file)) throw new Error(`no supergraph at ${file}: run \`npm run compose\``);
  return fs.readFileSync(file, 'utf8');
}
