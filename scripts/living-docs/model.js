'use strict'
/**
 * The living documentation's model: the guides' steps (features/<guide>/guide-steps.md), every
 * scenario of every .feature under features/ (parsed with cucumber's own Gherkin parser, so
 * outlines expand to the same pickles a run has), and the results of each store's last run, read
 * from its cucumber `message` report (reports/cucumber-<store>.ndjson).
 *
 * A scenario is matched across runs by file and line (cucumber's ids are random per run); an
 * outline's pickles by the line of their examples row.
 */
const fs = require('node:fs')
const path = require('node:path')

// cucumber's own copies, so the parser is the one the runs use (no dependency of our own).
const fromCucumber = (name) => require(require.resolve(name, { paths: [path.dirname(require.resolve('@cucumber/cucumber/package.json'))] }))
const gherkin = fromCucumber('@cucumber/gherkin')
const messages = fromCucumber('@cucumber/messages')

const root = path.resolve(__dirname, '..', '..')
const featuresDir = path.join(root, 'features')

/** The stores, in the order the reports show them. */
const stores = [
  { id: 'memory', label: 'memory', report: 'reports/cucumber-memory.ndjson' },
  { id: 'pglite', label: 'PGlite', report: 'reports/cucumber-pglite.ndjson' },
  { id: 'postgres', label: 'PostgreSQL', report: 'reports/cucumber-postgres.ndjson' }
]

const posix = (p) => p.split(path.sep).join('/')
const keyOf = (uri, line) => `${uri}:${line}`

/** Every .feature file under features/, as repository-relative POSIX paths, sorted. */
const featureFiles = (dir = featuresDir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => {
      const full = path.join(dir, d.name)
      if (d.isDirectory()) return featureFiles(full)
      return d.isFile() && (d.name.endsWith('.feature') || d.name.endsWith('.feature.md')) ? [posix(path.relative(root, full))] : []
    })
    .sort()

/** One guide's inventory: its title (the file's first heading) and steps, each `| id | sentence |`. */
const readGuide = (folder) => {
  const file = path.join(featuresDir, folder, 'guide-steps.md')
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/)
  const title = (lines.find((l) => l.startsWith('# ')) ?? `# ${folder}`).slice(2).replace(/\s+—\s+the guide's steps$/, '').trim()
  const steps = lines
    .map((l) => /^\|\s*([a-z0-9-]+)\s*\|\s*(.+?)\s*\|$/.exec(l))
    .filter((m) => m && m[1] !== 'tag' && !/^-+$/.test(m[1]))
    .map((m) => ({ id: m[1], text: m[2] }))
  return { folder, title, steps }
}

/** The guides: every features/<folder>/ with a guide-steps.md, sorted. */
const readGuides = () =>
  fs
    .readdirSync(featuresDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(featuresDir, d.name, 'guide-steps.md')))
    .map((d) => d.name)
    .sort()
    .map(readGuide)

/**
 * The scenarios of Gherkin documents and their pickles, from envelopes (a parse or a run's report):
 * [{ uri, feature, scenarios: [{ uri, line, keyword, name, rule, outline, tags, pickles: [{ key, line, name, tags }] }] }].
 */
const documentsFrom = (envelopes) => {
  const documents = new Map() // uri → document
  const scenarioByAstId = new Map()
  for (const e of envelopes) {
    if (e.gherkinDocument === undefined) continue
    const { uri, feature } = e.gherkinDocument
    const doc = { uri, feature: feature?.name ?? posix(uri), featureLine: feature?.location.line ?? 1, scenarios: [] }
    documents.set(uri, doc)
    const visit = (children, rule) => {
      for (const child of children ?? []) {
        if (child.rule) visit(child.rule.children, child.rule.name)
        const s = child.scenario
        if (s === undefined) continue
        const scenario = {
          uri,
          line: s.location.line,
          keyword: s.keyword,
          name: s.name,
          rule,
          outline: s.examples.length > 0,
          tags: [],
          pickles: []
        }
        doc.scenarios.push(scenario)
        scenarioByAstId.set(s.id, scenario)
      }
    }
    visit(feature?.children)
  }
  for (const e of envelopes) {
    if (e.pickle === undefined) continue
    const scenario = scenarioByAstId.get(e.pickle.astNodeIds[0])
    if (scenario === undefined) continue
    const tags = e.pickle.tags.map((t) => t.name)
    scenario.pickles.push({ key: keyOf(e.pickle.uri, e.pickle.location.line), line: e.pickle.location.line, name: e.pickle.name, tags })
    for (const t of tags) if (!scenario.tags.includes(t)) scenario.tags.push(t)
  }
  return [...documents.values()].sort((a, b) => a.uri.localeCompare(b.uri))
}

/** Every feature file parsed as a run would parse it (parse errors are returned, not thrown). */
const readFeatures = () => {
  const envelopes = []
  const errors = []
  const newId = messages.IdGenerator.incrementing() // one for all files: ids must not repeat across documents
  for (const uri of featureFiles()) {
    const data = fs.readFileSync(path.join(root, uri), 'utf8')
    const mediaType = uri.endsWith('.md') ? messages.SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_MARKDOWN : messages.SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN
    for (const e of gherkin.generateMessages(data, uri, mediaType, { includeGherkinDocument: true, includePickles: true, includeSource: false, newId })) {
      if (e.parseError) errors.push(`${uri}:${e.parseError.source.location?.line ?? '?'} ${e.parseError.message}`)
      else envelopes.push(e)
    }
  }
  return { documents: documentsFrom(envelopes), errors }
}

// cucumber's order of severity, least to most.
const severity = ['UNKNOWN', 'PASSED', 'SKIPPED', 'PENDING', 'UNDEFINED', 'AMBIGUOUS', 'FAILED']

/**
 * One run's results from its envelopes: Map pickle key → { status, steps: [{ keyword, text, status, message }], failure }.
 * Only the last attempt of a retried test case counts. `failure` is the first step that neither
 * passed nor was skipped, with its error message.
 */
const resultsFrom = (envelopes) => {
  const pickles = new Map()
  const gherkinSteps = new Map() // step ast id → keyword
  const hooks = new Map()
  const testCases = new Map()
  const started = new Map() // testCaseStarted id → { testCaseId, steps: Map testStepId → result }
  const latest = new Map() // testCaseId → testCaseStarted id
  for (const e of envelopes) {
    if (e.gherkinDocument) {
      const visitSteps = (steps) => steps?.forEach((s) => gherkinSteps.set(s.id, s.keyword))
      const visit = (children) => {
        for (const c of children ?? []) {
          if (c.rule) visit(c.rule.children)
          visitSteps(c.background?.steps)
          visitSteps(c.scenario?.steps)
        }
      }
      visit(e.gherkinDocument.feature?.children)
    } else if (e.pickle) pickles.set(e.pickle.id, e.pickle)
    else if (e.hook) hooks.set(e.hook.id, e.hook)
    else if (e.testCase) testCases.set(e.testCase.id, e.testCase)
    else if (e.testCaseStarted) {
      started.set(e.testCaseStarted.id, { testCaseId: e.testCaseStarted.testCaseId, attempt: e.testCaseStarted.attempt ?? 0, results: new Map() })
      const previous = started.get(latest.get(e.testCaseStarted.testCaseId))
      if (previous === undefined || previous.attempt <= (e.testCaseStarted.attempt ?? 0)) latest.set(e.testCaseStarted.testCaseId, e.testCaseStarted.id)
    } else if (e.testStepFinished) started.get(e.testStepFinished.testCaseStartedId)?.results.set(e.testStepFinished.testStepId, e.testStepFinished.testStepResult)
  }
  const results = new Map()
  for (const [testCaseId, startedId] of latest) {
    const testCase = testCases.get(testCaseId)
    const pickle = pickles.get(testCase.pickleId)
    const run = started.get(startedId)
    const pickleSteps = new Map(pickle.steps.map((s) => [s.id, s]))
    const steps = testCase.testSteps.map((ts) => {
      const result = run.results.get(ts.id) ?? { status: 'UNKNOWN' }
      const message = (result.exception?.message ?? result.message ?? '').trim()
      if (ts.pickleStepId !== undefined) {
        const ps = pickleSteps.get(ts.pickleStepId)
        return { keyword: (gherkinSteps.get(ps.astNodeIds[0]) ?? '').trim(), text: ps.text, status: result.status, message, hook: false }
      }
      const hook = hooks.get(ts.hookId)
      const where = hook?.sourceReference?.uri ? ` (${posix(hook.sourceReference.uri)}:${hook.sourceReference.location?.line ?? '?'})` : ''
      return { keyword: 'Hook', text: `${hook?.name ?? 'a hook'}${where}`, status: result.status, message, hook: true }
    })
    const status = steps.reduce((worst, s) => (severity.indexOf(s.status) > severity.indexOf(worst) ? s.status : worst), 'PASSED')
    const failure = steps.find((s) => s.status !== 'PASSED' && s.status !== 'SKIPPED')
    results.set(keyOf(pickle.uri, pickle.location.line), { status: status.toLowerCase(), steps: steps.filter((s) => !s.hook || s.status !== 'PASSED'), failure })
  }
  return results
}

/** A report's envelopes, or undefined when the store has not run (no report). */
const readEnvelopes = (file) => {
  const full = path.join(root, file)
  if (!fs.existsSync(full)) return undefined
  return fs
    .readFileSync(full, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l))
}

/** Each store's results from its last run: [{ ...store, results: Map | undefined }]. */
const readRuns = () =>
  stores.map((store) => {
    const envelopes = readEnvelopes(store.report)
    return { ...store, results: envelopes === undefined ? undefined : resultsFrom(envelopes) }
  })

module.exports = { root, stores, keyOf, readGuides, readFeatures, readRuns, documentsFrom, resultsFrom }
