#!/usr/bin/env node
// Standards compliance: writes reports/compliance/<preset-id>.md and .json for every preset
// (complianceReport, computed from the preset's policies) and the glance table into README.md
// between <!-- compliance:start --> and <!-- compliance:end -->. Deterministic: the same source
// writes the same files. With --check it writes nothing and exits non-zero when a file is stale.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
require('ts-node').register({ transpileOnly: true })
const api = require('../src')

/** The value of a Right; a Left (a preset the library could not read) stops the script with its errors. */
function rightOf(either, what) {
  if (either._tag === 'Right') return either.right
  console.error(`compliance: ${what}: ${either.left.map((e) => `${e.field}: ${e.rule}`).join('; ')}`)
  process.exit(1)
}

const root = path.resolve(__dirname, '..')
const outDir = path.join(root, 'reports', 'compliance')
const readmePath = path.join(root, 'README.md')
const check = process.argv.includes('--check')

const columns = [
  { label: 'HPP', preset: api.hpp.preset },
  { label: 'Harmony', preset: api.harmony.preset },
  { label: 'HealthPartners', preset: api.healthpartners.preset },
  { label: 'HARP', preset: api.harp.preset },
  { label: 'Standards', preset: api.standards.preset }
].map((c) => ({ ...c, report: rightOf(api.complianceReport(c.preset), c.label) }))

/** The report as JSON: the requirement's fields, the verdict and the evidence. */
const asJson = (report) =>
  JSON.stringify(
    {
      preset: report.preset,
      summary: report.summary,
      verdicts: report.verdicts.map((v) => ({ ...v.requirement, status: v.status, evidence: v.evidence }))
    },
    null,
    2
  ) + '\n'

const files = new Map()
for (const { report } of columns) {
  files.set(path.join(outDir, `${report.preset.id}.md`), rightOf(api.complianceReportMarkdown(report), report.preset.id))
  files.set(path.join(outDir, `${report.preset.id}.json`), asJson(report))
}

const START = '<!-- compliance:start -->'
const END = '<!-- compliance:end -->'
const readme = fs.readFileSync(readmePath, 'utf8')
const from = readme.indexOf(START)
const to = readme.indexOf(END)
if (from < 0 || to < from) {
  console.error(`README.md has no ${START} … ${END} block`)
  process.exit(1)
}
const summaries = columns.map(
  ({ label, report }) =>
    `- ${label}: ${report.summary.met} met, ${report.summary['not-met']} not met, ${report.summary['not-applicable']} not applicable — [reports/compliance/${report.preset.id}.md](reports/compliance/${report.preset.id}.md)`
)
const block = [START, '', rightOf(api.complianceTableMarkdown(columns), 'the glance table'), '', ...summaries, '', END].join('\n')
files.set(readmePath, readme.slice(0, from) + block + readme.slice(to + END.length))

let stale = 0
for (const [file, text] of files) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined
  if (current === text) continue
  stale += 1
  if (check) console.error(`stale: ${path.relative(root, file)}`)
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
  }
}
if (check && stale > 0) {
  console.error(`${stale} compliance file(s) out of date: run npm run compliance`)
  process.exit(1)
}
console.log(`compliance: ${columns.length} presets, ${columns[0].report.verdicts.length} requirements; ${check ? 'up to date' : `${stale} file(s) written`}`)
