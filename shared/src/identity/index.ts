export * from './account-documents';
export * from './accounts';
export * from './identity';
export * from './identity-seen';
export * from './keys';
export * from './replay-guard';
export * from './service-mac';
