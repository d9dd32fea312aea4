export * from './reports';
export * from './table';
