/**
 * `npm run compose`: writes the supergraph SDL composed from every subgraph's schema, and the API
 * schema clients see (what the dashboard's documents are generated and checked against).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { composeSupergraph, SUPERGRAPH_FILE } from '@kongchuo/gateway';
import { loadConfig } from '@kongchuo/shared/core';
import { SUBGRAPH_MODULES, subgraphSdl } from './subgraphs';

/** The committed API schema (no join__/link machinery, no @inaccessible parts), checked for staleness by a test. */
export const API_SCHEMA_FILE = path.resolve(path.dirname(SUPERGRAPH_FILE), '..', 'dashboard', 'schema.graphql');

export async function composeCurrent(): Promise<string> {
  // URLs in the file are the defaults; the gateway maps each name to its configured URL
  const config = loadConfig({});
  const subgraphs = await Promise.all(SUBGRAPH_MODULES.map(async (m) => ({ name: m.name, url: config.subgraphUrl(m.name), sdl: await subgraphSdl(m) })));
  return composeSupergraph(subgraphs);
}

/** The schema a client of the gateway sees, printed as SDL. */
export function apiSchemaOf(supergraphSdl: string): string {
  return `${printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema())}\n`;
}

if (require.main === module) {
  composeCurrent()
    .then((sdl) => {
      fs.writeFileSync(SUPERGRAPH_FILE, sdl);
      fs.writeFileSync(API_SCHEMA_FILE, apiSchemaOf(sdl));
      console.log(`wrote ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}`);
    })
    .catch((e) => {
      console.error(e.message);
      process.exit(1);
    });
}
