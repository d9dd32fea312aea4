export * from './dates';
export * from './linkage-key';
export * from './regions';
export * from './resident-id';
export * from './text-rules';
export * from './validate';
