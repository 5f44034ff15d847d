#!/usr/bin/env node
'use strict'
/**
 * Writes docs/steps.md, the step catalogue for analysts, from a cucumber dry run
 * of the `steps` profile (its envelopes: step definitions, parameter types,
 * pickles and which step definition each pickle step matched), so it follows
 * whatever step definitions exist. `--check` exits 1 when the committed file
 * differs. Deterministic: no dates, no timings, no line numbers of code.
 */
const fs = require('node:fs')
const path = require('node:path')
const { loadConfiguration, runCucumber } = require('@cucumber/cucumber/api')

const root = path.resolve(__dirname, '..')
const target = path.join(root, 'docs', 'steps.md')

/** Step-definition file → the task an analyst would look under, in reading order. */
const TASKS = [
  ['The plan\'s people and records', ['plan-directory.steps.ts', 'plan-directory-listings.steps.ts']],
  ['Signing up', ['sign-up.steps.ts']],
  ['Verification codes', ['codes.steps.ts']],
  ['Signing in', ['sign-in.steps.ts', 'signed-in-users.steps.ts']],
  ['Password resets', ['password-reset.steps.ts']],
  ['Temporary passwords and security questions', ['temporary-passwords.steps.ts', 'security-questions.steps.ts']],
  ['Provider registration (Harmony)', ['provider-registration.steps.ts']],
  ['HealthPartners registration and site', ['organisation-registration.steps.ts', 'healthpartners-records.steps.ts']],
  ['Organisations, delegates and client access', ['organisation-site.steps.ts', 'client-access.steps.ts']],
  ['HARP profile, proofing, two-factor, organisations and help desk', ['harp-accounts.ts', 'two-factor.steps.ts', 'harp-organisations.steps.ts']],
  ['Prior-authorization requests', ['authorization-requests.steps.ts', 'request-parties.steps.ts', 'clinical-codes.steps.ts', 'clinicals.steps.ts', 'request-contacts.steps.ts']],
  ['Determinations and summary reports', ['determinations.steps.ts', 'summary-reports.steps.ts']],
  ['Outcomes (what the person is told)', ['outcomes.steps.ts']],
  ['Time', ['time.steps.ts']],
  ['Portal pages', ['portal.steps.ts']]
]
const OTHER = 'Other'

/** Cucumber's built-in blanks, in plain words. */
const BUILT_IN = {
  string: 'text in double quotes, e.g. "Riverside Family Practice"',
  int: 'a whole number, e.g. 3',
  float: 'a number, e.g. 2.5',
  word: 'one word without spaces',
  '': 'anything'
}
/** Plain words for custom blanks whose pattern is not a plain list of values. */
const DESCRIBED = {
  persona: 'a person by first name (optionally with last name), e.g. Jane or Jane Doe; or she, he, they for the last person named',
  duration: 'a number and a unit: seconds, minutes, hours or days, e.g. 11 minutes',
  accessAreas: 'access areas joined with commas and "and": claims, prior authorizations, eligibility, payments',
  field: 'a field by its name on the screen'
}

const SPECIAL = /[\\^$.*+?()[\]{}|]/
const unescape = (s) => s.replace(/\\(.)/g, '$1')
/** The top-level alternatives of a regexp source. */
const alternatives = (source) => {
  const out = []
  let depth = 0, current = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i]
    if (c === '\\') { current += c + source[++i]; continue }
    if (c === '(' || c === '[') depth++
    if (c === ')' || c === ']') depth--
    if (c === '|' && depth === 0) { out.push(current); current = '' } else current += c
  }
  return [...out, current]
}
const literalValues = (source) => alternatives(source).filter((a) => !SPECIAL.test(a.replace(/\\./g, ''))).map(unescape)

const collect = async () => {
  const { runConfiguration } = await loadConfiguration({ profiles: ['steps'] }, { cwd: root })
  const envelopes = []
  const config = { ...runConfiguration, formats: { stdout: 'summary', files: {}, options: {}, publish: false } }
  const silent = new (require('node:stream').Writable)({ write: (_c, _e, done) => done() })
  const { success } = await runCucumber(config, { cwd: root, stdout: silent }, (e) => envelopes.push(e))
  return { envelopes, success }
}

const render = ({ envelopes }) => {
  const of = (k) => envelopes.filter((e) => e[k]).map((e) => e[k])
  const definitions = of('stepDefinition')
  const parameterTypes = new Map(of('parameterType').map((p) => [p.name, p]))
  const pickles = new Map(of('pickle').map((p) => [p.id, p]))
  const astSteps = new Map()
  const featureNames = new Map()
  for (const doc of of('gherkinDocument')) {
    const visit = (node) => {
      for (const s of node.steps ?? []) astSteps.set(s.id, s)
      for (const c of node.children ?? []) visit(c.scenario ?? c.background ?? c.rule ?? {})
    }
    if (doc.feature) { visit(doc.feature); featureNames.set(doc.uri, doc.feature.name) }
  }
  const uses = new Map(definitions.map((d) => [d.id, []])) // definition id → [{ pickle, step }]
  const values = new Map() // parameter type → Set of values used
  const ordered = of('testCase').map((t) => ({ t, p: pickles.get(t.pickleId) }))
    .sort((a, b) => a.p.uri.localeCompare(b.p.uri) || a.p.location.line - b.p.location.line)
  for (const { t, p } of ordered) {
    for (const ts of t.testSteps) {
      if (!ts.pickleStepId) continue
      const step = p.steps.find((s) => s.id === ts.pickleStepId)
      for (const id of ts.stepDefinitionIds ?? []) uses.get(id)?.push({ pickle: p, step })
      for (const list of ts.stepMatchArgumentsLists ?? [])
        for (const a of list.stepMatchArguments) {
          if (!values.has(a.parameterTypeName)) values.set(a.parameterTypeName, new Set())
          values.get(a.parameterTypeName).add(a.group.value)
        }
    }
  }
  const keyword = { Context: 'Given', Action: 'When', Outcome: 'Then' }
  const blankWords = (name) => {
    if (name in BUILT_IN) return BUILT_IN[name]
    const type = parameterTypes.get(name)
    if (type === undefined) return 'a value'
    const source = type.regularExpressions.join('|')
    const literals = literalValues(source)
    const all = alternatives(source).length
    const examples = [...(values.get(name) ?? [])].slice(0, 4)
    if (literals.length === all && !(name in DESCRIBED)) return `one of: ${literals.join(' · ')}`
    const parts = [DESCRIBED[name] ?? `text matching \`${source}\``]
    if (literals.length > 0 && name === 'field') parts.push(`one of: ${literals.join(' · ')}; or a user's field in step 4's list, e.g. first user's e-mail address`)
    if (examples.length > 0) parts.push(`used as: ${examples.join(' · ')}`)
    return parts.join('; ')
  }
  const fileOf = (d) => path.basename(d.sourceReference.uri)
  const taskOf = new Map(TASKS.flatMap(([task, files]) => files.map((f) => [f, task])))
  const groups = new Map([...TASKS.map(([t]) => [t, []]), [OTHER, []]])
  const orderIn = new Map(TASKS.flatMap(([, files]) => files).map((f, i) => [f, i]))
  const sorted = [...definitions].sort((a, b) => (orderIn.get(fileOf(a)) ?? 999) - (orderIn.get(fileOf(b)) ?? 999) ||
    fileOf(a).localeCompare(fileOf(b)) || a.sourceReference.location.line - b.sourceReference.location.line)
  const unmapped = new Set()
  for (const d of sorted) {
    const task = taskOf.get(fileOf(d)) ?? OTHER
    if (task === OTHER) unmapped.add(d.sourceReference.uri)
    groups.get(task).push(d)
  }
  const lines = [
    '# Step catalogue',
    '',
    '<!-- Generated by `npm run steps` (scripts/steps-catalogue.js) from the step definitions and features; do not edit by hand. -->',
    '',
    'Every phrase a scenario may use, grouped by task. Write a step as the phrase shows it, with a value in each blank:',
    '',
    '- `{persona}`, `{string}`… are blanks; under each phrase, "blanks" says what each accepts.',
    '- `her/his/their` means any one of the words; `(s)` or `(goes back and )` is optional text.',
    '- "Example" is a real step from the features; "Used by" lists scenarios as `folder/file.feature: scenario`.',
    '- Run one scenario: `npx cucumber-js --name "scenario name"`. A phrase no step has is reported as undefined, with the closest phrases.',
    ''
  ]
  for (const [task, defs] of groups) {
    if (defs.length === 0) continue
    lines.push(`## ${task}`, '')
    for (const d of defs) {
      const source = d.pattern.source
      lines.push(`- **\`${source}\`**  (${fileOf(d)})`)
      const names = [...new Set([...source.matchAll(/(?<!\\)\{(\w*)\}/g)].map((m) => m[1]))]
      for (const n of names) lines.push(`  - \`{${n}}\`: ${blankWords(n)}`)
      const used = uses.get(d.id)
      if (used.length === 0) { lines.push('  - **not used by any scenario**', ''); continue }
      const first = used[0].step
      lines.push(`  - Example: \`${keyword[first.type] ?? 'Given'} ${first.text}\``)
      const table = first.argument?.dataTable
      if (table) lines.push(`    with a table whose first row is: \`| ${table.rows[0].cells.map((c) => c.value).join(' | ')} |\``)
      if (first.argument?.docString) lines.push('    followed by a text block between `"""` lines')
      const scenarios = [...new Set(used.map((u) => `${u.pickle.uri.replace(/^features\//, '')}: ${u.pickle.name}`))]
      const shown = scenarios.slice(0, 5).join('; ')
      lines.push(`  - Used by: ${shown}${scenarios.length > 5 ? `; and ${scenarios.length - 5} more` : ''}`)
      lines.push('')
    }
  }
  return { text: lines.join('\n').replace(/\n+$/, '\n'), unmapped }
}

const main = async () => {
  const check = process.argv.includes('--check')
  const { text, unmapped } = render(await collect())
  for (const uri of unmapped) console.warn(`warning: ${uri} is in no task of scripts/steps-catalogue.js (TASKS): its steps are listed under "${OTHER}"`)
  if (check) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : ''
    if (current !== text) { console.error('docs/steps.md is stale: run npm run steps'); process.exitCode = 1; return }
    console.log('docs/steps.md is up to date')
    return
  }
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.writeFileSync(target, text)
  console.log(`wrote docs/steps.md (${text.split('\n').length} lines)`)
}

main().catch((error) => { console.error(error); process.exitCode = 1 })
