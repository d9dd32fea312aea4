import 'reflect-metadata';

export * from './errors';
export * from './config';
export * from './keys';
export * from './identity';
export * from './accounts';
export * from './resident-id';
export * from './regions';
export * from './linkage-key';
export * from './logger';
export * from './pagination';
export * from './federation';
export * from './database';
export * from './subgraph-server';
export * from './transactions';
export * from './demo/liunan-2018';
export * from './dates';
export * from './timestamp-type';
