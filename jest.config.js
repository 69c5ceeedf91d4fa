/**
 * Three depths of tests (see README "Tests"):
 *  - unit: `*.spec.ts` beside the code, no engines;
 *  - int:  `*.int-spec.ts` against the real Kafka, PostgreSQL and Elasticsearch;
 *  - e2e:  `*.e2e-spec.ts` through HTTP and WebSocket as a client would.
 * The engines are started once per run by the global setup when they are not already up.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = {
  ...pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  // libs/client imports `./x.js` (valid ES modules in browsers); here that is `./x.ts`.
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
// Transpile only (types are checked by `npm run lint`), which keeps test start-up fast.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] };
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  moduleNameMapper,
};

// Only the projects that need the engines start them (a unit-only run needs none).
const engines = {
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
};

module.exports = {
  // Engine-backed tests wait for real brokers and rebalances; unit tests finish long before.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts'],
    },
    { ...base, ...engines, displayName: 'int', testMatch: ['<rootDir>/test/**/*.int-spec.ts'] },
    { ...base, ...engines, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // Fault injection (README "Guarantees"): services as processes from dist/, built first.
    // FAULTS_SCALE=full (npm run test:faults) runs the sizes; npm test a CI-sized run.
    {
      ...base,
      ...engines,
      globalSetup: '<rootDir>/test/faults/support/global-setup.mjs',
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
    },
  ],
};
