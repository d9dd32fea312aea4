import './exceljs-utf8';
export * from './reports';
export * from './table';
export * from './import-file';
