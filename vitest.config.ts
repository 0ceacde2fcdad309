import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships a CommonJS and an ES module build. Node resolves `import 'graphql'` to the CommonJS one,
// which Apollo's packages `require` too; Vite would pick the ES build and so load a second copy, whose
// GraphQLError and scalar classes fail Apollo's `instanceof` checks. Pin tests to the copy Node uses.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// Three projects: fast pure unit tests; integration tests that drive one subgraph or script in-process over a
// real database (embedded, or MONGODB_URI); end-to-end tests that start real servers (the database, subgraphs
// over HTTP, the gateway) or processes. Integration and e2e files start databases and servers, so they run one
// file at a time.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    reporters: ['default', './test/plain-summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Faults injected into real processes over loopback: bounded in count and time, one file at a time.
        test: {
          name: 'resilience',
          include: ['test/resilience/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Several hosts in network namespaces the test makes (root, iproute2 and haproxy; skipped, saying why,
        // where the machine cannot make them). `npm run test:hosts` runs it alone.
        test: {
          name: 'hosts',
          include: ['test/hosts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'test/devdb/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
