export * from './masking';
export * from './operation-rules';
export * from './permissions';
export * from './row-scope';
export * from './trusted-documents';
