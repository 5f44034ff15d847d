// The specification's profiles. `default` runs every scenario on the in-memory adapters.
process.env.TS_NODE_TRANSPILE_ONLY = process.env.TS_NODE_TRANSPILE_ONLY ?? 'true'

// Every run ends with the closest existing phrases for each undefined step (stderr, and this file).
const didYouMean = './test/support/did-you-mean-formatter.js:reports/undefined-steps.txt'

const common = {
  // TypeScript through a transpile cache, and step matching with Node's own regexp indices (each file says why).
  requireModule: [require.resolve('./test/support/transpile-cache.js'), require.resolve('./test/support/native-match-indices.js')],
  require: ['step-definitions/**/*.ts'],
  paths: ['features/**/*.feature'],
  strict: true,
  format: ['progress', 'html:reports/cucumber.html', 'junit:reports/cucumber.xml', 'message:reports/cucumber.ndjson', didYouMean],
  formatOptions: { junit: { suiteName: 'health-portal-domain specification' } }
}

/** The same scenarios, reported under a profile's own file names. */
const reportsFor = (name) => ({
  format: ['progress', `html:reports/cucumber-${name}.html`, `junit:reports/cucumber-${name}.xml`, didYouMean],
  formatOptions: { junit: { suiteName: `health-portal-domain specification (${name})` } }
})

module.exports = {
  default: { ...common, worldParameters: { store: 'memory' } },
  // The embedded PostgreSQL (PGlite): no server needed.
  pglite: { ...common, ...reportsFor('pglite'), worldParameters: { store: 'pglite' } },
  // A real PostgreSQL server at DATABASE_URL, and real SMTP on 127.0.0.1 (`npm run spec:postgres` starts both).
  postgres: { ...common, ...reportsFor('postgres'), worldParameters: { store: 'postgres' } },
  // The dry run `npm run steps` (scripts/steps-catalogue.js) reads to write docs/steps.md (writes no reports).
  steps: { ...common, dryRun: true, format: ['summary', didYouMean], worldParameters: { store: 'memory' } }
}
