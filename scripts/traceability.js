#!/usr/bin/env node
// Traceability: every step a guide inventory lists (features/<guide>/guide-steps.md) must be
// tagged on at least one scenario of that guide's features. Writes reports/traceability.md and
// exits non-zero when a step is uncovered or a tag names a step the inventory does not list.
'use strict'
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const featuresDir = path.join(root, 'features')

/** Scenarios of one .feature file with their effective @step tags (feature, rule and scenario level). */
function scenariosOf(file) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/)
  const out = []
  let pending = []
  let featureTags = []
  let ruleTags = []
  for (const raw of lines) {
    const line = raw.trim()
    if (line.startsWith('@')) { pending.push(...line.split(/\s+/).filter((t) => t.startsWith('@'))); continue }
    if (/^Feature:/.test(line)) { featureTags = pending; pending = []; continue }
    if (/^Rule:/.test(line)) { ruleTags = pending; pending = []; continue }
    const m = /^(Scenario Outline|Scenario Template|Scenario|Example):\s*(.*)$/.exec(line)
    if (m) {
      const tags = [...featureTags, ...ruleTags, ...pending]
      out.push({ name: m[2], line: lines.indexOf(raw) + 1, tags })
      pending = []
      continue
    }
    if (line !== '' && !line.startsWith('#')) pending = pending.length && /^Examples:/.test(line) ? [] : pending
  }
  return out
}

let failures = 0
const report = ['# Traceability matrix', '']
for (const guide of fs.readdirSync(featuresDir).sort()) {
  const dir = path.join(featuresDir, guide)
  const inventory = path.join(dir, 'guide-steps.md')
  if (!fs.statSync(dir).isDirectory() || !fs.existsSync(inventory)) continue
  const steps = fs.readFileSync(inventory, 'utf8').split(/\r?\n/)
    .map((l) => /^\|\s*([a-z0-9-]+)\s*\|\s*(.+?)\s*\|$/.exec(l))
    .filter((m) => m && m[1] !== 'tag' && !/^-+$/.test(m[1]))
    .map((m) => ({ id: m[1], text: m[2] }))
  const scenarios = fs.readdirSync(dir).filter((f) => f.endsWith('.feature')).sort()
    .flatMap((f) => scenariosOf(path.join(dir, f)).map((s) => ({ ...s, file: f })))
  const known = new Set(steps.map((s) => s.id))
  report.push(`## ${guide}`, '', '| step | the guide says | scenarios |', '| --- | --- | --- |')
  for (const step of steps) {
    const covering = scenarios.filter((s) => s.tags.includes(`@step:${step.id}`))
    if (covering.length === 0) { failures++; console.error(`UNCOVERED ${guide} ${step.id}: ${step.text}`) }
    report.push(`| ${step.id} | ${step.text} | ${covering.map((s) => `${s.file}:${s.line} ${s.name}`).join('<br>') || '**none**'} |`)
  }
  for (const s of scenarios) {
    if (!s.tags.includes(`@guide:${guide}`)) { failures++; console.error(`UNTAGGED ${s.file}:${s.line} lacks @guide:${guide}`) }
    for (const t of s.tags.filter((t) => t.startsWith('@step:')))
      if (!known.has(t.slice(6))) { failures++; console.error(`UNKNOWN ${s.file}:${s.line} ${t} is not in guide-steps.md`) }
    if (!s.tags.some((t) => t.startsWith('@step:'))) { failures++; console.error(`UNTRACED ${s.file}:${s.line} ${s.name} has no @step tag`) }
  }
  report.push('', `${steps.length} steps, ${scenarios.length} scenarios.`, '')
  console.log(`${guide}: ${steps.length} guide steps, ${scenarios.length} scenarios, ${steps.filter((st) => scenarios.some((s) => s.tags.includes(`@step:${st.id}`))).length} steps covered`)
}
fs.mkdirSync(path.join(root, 'reports'), { recursive: true })
fs.writeFileSync(path.join(root, 'reports', 'traceability.md'), report.join('\n') + '\n')
if (failures > 0) { console.error(`${failures} traceability problem(s)`); process.exit(1) }
