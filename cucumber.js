// The specification's profiles. `default` runs every scenario on the in-memory adapters.
process.env.TS_NODE_TRANSPILE_ONLY = process.env.TS_NODE_TRANSPILE_ONLY ?? 'true'

const common = {
  requireModule: ['ts-node/register'],
  require: ['step-definitions/**/*.ts'],
  paths: ['features/**/*.feature'],
  strict: true,
  format: ['progress', 'html:reports/cucumber.html', 'junit:reports/cucumber.xml', 'message:reports/cucumber.ndjson'],
  formatOptions: { junit: { suiteName: 'health-portal-domain specification' } }
}

module.exports = {
  default: { ...common, worldParameters: { store: 'memory' } },
  // `npm run steps`: the step vocabulary with where each step is used (writes no reports).
  steps: { ...common, dryRun: true, format: ['usage'], worldParameters: { store: 'memory' } }
}
