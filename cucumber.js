// The specification's profiles, one per store (`default` is memory). No `paths` here: cucumber adds
// configured paths to the command line's, so `npm run spec -- features/x.feature:9` would run the
// whole suite; without them cucumber's own default (features/**/*.{feature,feature.md}) applies
// only when the command line names none.
process.env.TS_NODE_TRANSPILE_ONLY = process.env.TS_NODE_TRANSPILE_ONLY ?? 'true'

// Every run ends with the closest existing phrases for each undefined step (stderr, and this file).
const didYouMean = './test/support/did-you-mean-formatter.js:reports/undefined-steps.txt'

const common = {
  // TypeScript through a transpile cache, and step matching with Node's own regexp indices (each file says why).
  requireModule: [require.resolve('./test/support/transpile-cache.js'), require.resolve('./test/support/native-match-indices.js')],
  require: ['step-definitions/**/*.ts'],
  strict: true
}

/** A store's run and its reports, under file names of its own so one store's run never overwrites another's. */
const storeProfile = (store) => ({
  ...common,
  format: [
    'progress',
    // HTML titled by Feature (cucumber's own html formatter lists the files by path).
    `./scripts/living-docs/features-html-formatter.js:reports/cucumber-${store}.html`,
    // JUnit: classname is the Feature's title, name the scenario's (with its rule and examples row).
    `junit:reports/cucumber-${store}.xml`,
    // Every message of the run: `npm run trace` builds the living documentation from it.
    `message:reports/cucumber-${store}.ndjson`,
    didYouMean
  ],
  formatOptions: { store, junit: { suiteName: `health-portal-domain specification (${store})` } },
  worldParameters: { store }
})

module.exports = {
  default: storeProfile('memory'),
  // The embedded PostgreSQL (PGlite): no server needed.
  pglite: storeProfile('pglite'),
  // A real PostgreSQL server at DATABASE_URL, and real SMTP on 127.0.0.1 (`npm run spec:postgres` starts both).
  postgres: storeProfile('postgres'),
  // The dry run `npm run steps` (scripts/steps-catalogue.js) reads to write docs/steps.md (writes no reports).
  steps: { ...common, dryRun: true, format: ['summary', didYouMean], worldParameters: { store: 'memory' } }
}
