#!/usr/bin/env node
'use strict'
/**
 * `npm run examples`: the package as a consumer sees it. Needs `npm run build`
 * first (the examples import 'health-portal-domain' by name, which resolves
 * through package.json "exports" to dist/).
 *
 *   1. tsc -p examples   type-checks the examples against the BUILT .d.ts/.d.mts
 *                        and compiles them to examples/out/ (.cjs and .mjs);
 *   2. runs each compiled example with node; each exits non-zero unless it
 *      reaches its outcome (an active account; a pended authorization request; a billing organisation's approved client);
 *   3. scripts/check-consumer.js: the packed package installed in a fresh
 *      project ships its LICENSE and metadata, compiles under `--strict`
 *      without `skipLibCheck` (node16 CJS and ESM, bundler) and loads without
 *      the optional peers; counted as one more result.
 *
 * Prints one result line per example and for the consumer check, and ends with
 * `N passed, N failed` (N counts both).
 */
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const examples = [
  { name: 'register-member (CommonJS)', file: 'examples/out/register-member.cjs' },
  { name: 'register-member (ESM)', file: 'examples/out/register-member.mjs' },
  { name: 'request-prior-authorization (ESM)', file: 'examples/out/request-prior-authorization.mjs' },
  { name: 'register-organisation (ESM)', file: 'examples/out/register-organisation.mjs' }
]
/** The examples and the consumer check: what the closing line counts. */
const total = examples.length + 1

const finish = (passed, failed) => {
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed > 0 ? 1 : 0)
}

if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
  console.error('examples: dist/ is missing; run `npm run build` first')
  finish(0, total)
}

fs.rmSync(path.join(root, 'examples', 'out'), { recursive: true, force: true })
console.log('> tsc -p examples')
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'examples'], {
  cwd: root,
  stdio: 'inherit'
})
if (tsc.status !== 0) {
  console.error('examples: type-checking against the built types failed')
  finish(0, total)
}

let passed = 0
let failed = 0
const results = []
for (const example of examples) {
  console.log(`> node ${example.file}`)
  const run = spawnSync(process.execPath, [example.file], { cwd: root, stdio: 'inherit', timeout: 60_000 })
  const ok = run.status === 0
  if (ok) passed++
  else failed++
  results.push(`${ok ? 'ok    ' : 'FAILED'} ${example.name}${ok ? '' : ` (exit ${run.status ?? run.signal})`}`)
}
console.log('> node scripts/check-consumer.js')
const consumer = spawnSync(process.execPath, [path.join('scripts', 'check-consumer.js')], { cwd: root, stdio: 'inherit', timeout: 600_000 })
const consumerOk = consumer.status === 0
if (consumerOk) passed++
else failed++
results.push(`${consumerOk ? 'ok    ' : 'FAILED'} consumer project (packed package; strict types without skipLibCheck: node16 CJS and ESM, bundler; optional peers absent)`)
console.log('')
for (const line of results) console.log(line)
finish(passed, failed)
