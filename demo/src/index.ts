/**
 * The demo world: synthetic children and their records, the same population for every
 * department's seed (subgraphs/<name>/src/seed). Loaded only when a service seeds the demo.
 */
export * from './liunan-2018';
