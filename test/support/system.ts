export * from '../../scripts/system';
