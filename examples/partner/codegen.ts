// `npm run codegen`: the example partner's typed SDK. Reads the published API schema and the operations in
// operations/, writes typed documents (TypedDocumentNode) and persisted-documents.json — the manifest the
// gateway trusts (`sha256:<hex>` → document) — into src/gql/.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['examples/partner/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'examples/partner/src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // Documents keep their text and carry `__meta__.hash` = `sha256:<hex>` of it: clients send the id only.
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          CountryCode: 'string',
          CurrencyCode: 'string',
          Locale: 'string',
          Decimal: 'string',
          Date: 'string',
          DateTime: 'string',
        },
      },
    },
  },
};

export default config;
