'use strict'
/**
 * Traceability: which scenarios cover each step of each guide, and how they fared on each store.
 * `analyse` is the static part (tags only); `outcome` reads a store's results for one scenario.
 */
const { keyOf } = require('./model')

const guideOfUri = (uri, guides) => {
  const m = /^features\/([^/]+)\//.exec(uri)
  return m && guides.some((g) => g.folder === m[1]) ? m[1] : undefined
}

/**
 * Who covers what, and what is wrong with the tags. Every scenario of every feature file counts:
 * one outside the guide folders covers the steps of the guides its `@guide:` tags name, and is
 * flagged as outside.
 */
const analyse = (guides, documents) => {
  const problems = [] // fail the check
  const byGuide = new Map(guides.map((g) => [g.folder, { ...g, steps: g.steps.map((s) => ({ ...s, scenarios: [] })), flagged: [] }]))
  const outside = [] // documents outside every guide folder
  const untagged = []
  for (const doc of documents) {
    const home = guideOfUri(doc.uri, guides)
    if (home === undefined) outside.push(doc)
    for (const scenario of doc.scenarios) {
      const at = `${scenario.uri}:${scenario.line}`
      const named = scenario.tags.filter((t) => t.startsWith('@guide:')).map((t) => t.slice(7))
      const stepTags = scenario.tags.filter((t) => t.startsWith('@step:')).map((t) => t.slice(6))
      const flag = (guide, kind, text) => {
        problems.push(`${kind} ${at} ${text}`)
        byGuide.get(guide)?.flagged.push({ scenario, kind, text })
      }
      if (home !== undefined && !named.includes(home)) flag(home, 'UNTAGGED', `lacks @guide:${home}`)
      for (const g of named) if (!byGuide.has(g)) problems.push(`UNKNOWN ${at} @guide:${g} names no features/<guide>/guide-steps.md`)
      const inGuides = [...new Set([home, ...named])].filter((g) => g !== undefined && byGuide.has(g))
      if (stepTags.length === 0) {
        if (inGuides.length === 0) problems.push(`UNTAGGED ${at} ${scenario.name}: no @guide: or @step: tag`)
        else for (const g of inGuides) flag(g, 'UNTAGGED', 'has no @step tag')
        untagged.push(scenario)
      }
      for (const id of stepTags) {
        const covered = inGuides.flatMap((g) => byGuide.get(g).steps.filter((s) => s.id === id).map((step) => ({ step, outside: g !== home })))
        if (covered.length === 0) {
          if (inGuides.length === 0) problems.push(`UNKNOWN ${at} @step:${id}: the scenario names no guide`)
          else flag(inGuides[0], 'UNKNOWN', `@step:${id} is not in guide-steps.md`)
        }
        for (const { step, outside } of covered) step.scenarios.push({ ...scenario, feature: doc.feature, outside })
      }
    }
  }
  for (const g of byGuide.values()) for (const s of g.steps) if (s.scenarios.length === 0) problems.push(`UNCOVERED ${g.folder} ${s.id}: ${s.text}`)
  return { guides: [...byGuide.values()], outside, untagged, problems }
}

/**
 * A scenario's outcome on one store: { state: 'passed' | 'failed' | 'not run', text, failures }.
 * An outline counts each examples row (a pickle) and reads "n of m examples passed".
 */
const outcome = (scenario, results) => {
  if (results === undefined) return { state: 'not run', text: 'not run', failures: [] }
  const each = scenario.pickles.map((p) => ({ pickle: p, result: results.get(p.key) }))
  const ran = each.filter((e) => e.result !== undefined)
  if (ran.length === 0) return { state: 'not run', text: 'not run', failures: [] }
  const passed = ran.filter((e) => e.result.status === 'passed').length
  const failures = ran.filter((e) => e.result.status !== 'passed')
  const state = failures.length > 0 ? 'failed' : ran.length < each.length ? 'partly run' : 'passed'
  if (!scenario.outline) return { state, text: ran[0].result.status, failures }
  const notRun = each.length - ran.length
  const extra = [failures.length > 0 ? `${failures.length} not passed` : '', notRun > 0 ? `${notRun} not run` : ''].filter(Boolean).join(', ')
  return { state, text: `${passed} of ${each.length} examples passed${extra ? ` (${extra})` : ''}`, failures }
}

/** Totals of one store's run over the scenarios on disk: pickles run, passed, not passed. */
const totals = (documents, results) => {
  if (results === undefined) return undefined
  let run = 0
  let passed = 0
  for (const d of documents)
    for (const s of d.scenarios)
      for (const p of s.pickles) {
        const r = results.get(p.key)
        if (r === undefined) continue
        run++
        if (r.status === 'passed') passed++
      }
  return { run, passed, notPassed: run - passed }
}

module.exports = { analyse, outcome, totals, keyOf }
