#!/usr/bin/env node
'use strict'
/**
 * Traceability and the living documentation (scripts/living-docs/).
 *
 *   node scripts/traceability.js --static   tags only, before any run: every guide step
 *                                            (features/<guide>/guide-steps.md) has a scenario, every
 *                                            scenario names a guide step, every tag names a known
 *                                            guide and step. Writes nothing.
 *   node scripts/traceability.js            (`npm run trace`) the same, plus the last run on each
 *                                            store (reports/cucumber-<store>.ndjson): writes
 *                                            docs/traceability.md and reports/traceability.html.
 *   node scripts/traceability.js --check    after the three runs (scripts/test.js): writes
 *                                            reports/traceability.md and .html, and fails when
 *                                            docs/traceability.md differs from it (stale).
 *
 * Every mode exits non-zero on a tag problem; the last two also when a guide step's scenario
 * did not pass on a store that ran.
 */
const fs = require('node:fs')
const path = require('node:path')
const { root, readGuides, readFeatures, readRuns } = require('./living-docs/model')
const { analyse } = require('./living-docs/trace')
const { markdown, traceabilityHtml, stepFailures } = require('./living-docs/render')

const mode = process.argv.includes('--static') ? 'static' : process.argv.includes('--check') ? 'check' : 'write'
const guides = readGuides()
const { documents, errors } = readFeatures()
const analysis = analyse(guides, documents)
const problems = [...errors.map((e) => `PARSE ${e}`), ...analysis.problems]

for (const g of analysis.guides) {
  const scenarios = documents.filter((d) => d.uri.startsWith(`features/${g.folder}/`)).reduce((n, d) => n + d.scenarios.length, 0)
  console.log(`${g.folder}: ${g.steps.length} guide steps, ${g.steps.filter((s) => s.scenarios.length > 0).length} covered, ${scenarios} scenarios`)
}
for (const d of analysis.outside) console.log(`outside the guide folders: ${d.uri} (${d.scenarios.length} scenarios)`)

const write = (file, text) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
  fs.writeFileSync(path.join(root, file), text)
}

if (mode !== 'static') {
  const runs = readRuns()
  for (const r of runs) console.log(`${r.label}: ${r.results === undefined ? `not run (no ${r.report})` : `${r.results.size} scenarios in ${r.report}`}`)
  problems.push(...stepFailures(analysis, runs))
  const doc = markdown(analysis, documents, runs) + '\n'
  const target = mode === 'check' ? 'reports/traceability.md' : 'docs/traceability.md'
  write(target, doc)
  write('reports/traceability.html', traceabilityHtml(analysis, documents, runs))
  console.log(`wrote ${target} and reports/traceability.html`)
  if (mode === 'check') {
    const committed = path.join(root, 'docs', 'traceability.md')
    const current = fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : ''
    if (current !== doc) {
      const a = current.split('\n')
      const b = doc.split('\n')
      const at = a.findIndex((l, i) => l !== b[i])
      problems.push(
        `STALE docs/traceability.md differs from this run's reports/traceability.md (first at line ${(at < 0 ? a.length : at) + 1}:\n  committed: ${a[at] ?? '(end)'}\n  this run:  ${b[at] ?? '(end)'})\n  regenerate after the three runs (npm run spec; npm run spec:pglite; npm run spec:postgres; npm run trace) and commit it`
      )
    }
  }
}

for (const p of problems) console.error(p)
if (problems.length > 0) {
  console.error(`${problems.length} traceability problem(s)`)
  process.exitCode = 1
}
