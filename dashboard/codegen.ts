/**
 * The dashboard's GraphQL documents, checked against the API schema (`schema.graphql`, written by
 * `npm run compose`) and registered as trusted documents: `src/gql/persisted-documents.json` maps
 * each document's SHA-256 to its text, and the dashboard sends only that id (`documentId`).
 * Generated on every build; never edited by hand.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'replaceDocumentWithHash', hashAlgorithm: 'sha256' } },
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true, skipTypename: true },
    },
  },
};

export default config;
