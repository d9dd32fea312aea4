export * from './batching';
export * from './config';
export * from './database';
export * from './errors';
export * from './pagination';
export * from './secrets';
export * from './timestamp-type';
export * from './search';
