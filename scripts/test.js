#!/usr/bin/env node
'use strict'
/**
 * `npm test`: everything CI runs, in order, stopping at the first failure.
 *
 *   1. types      tsc --noEmit -p .
 *      docs       every @example in src/ and adapters/ compiles (scripts/doc-examples.js)
 *      trace      every guide step has a tagged scenario (scripts/traceability.js)
 *   2. property   every test/**\/*.test.ts (found by walking test/) with
 *                 node --test --test-reporter=tap -r ts-node/register, under c8
 *   3. spec       cucumber-js (profile `default` of cucumber.js), under c8;
 *                 it writes reports/cucumber.html and reports/cucumber.xml
 *   4. coverage   c8 report (reports/coverage/index.html + text summary) and
 *                 c8 check-coverage: lines 90, functions 90, branches 85 over
 *                 src/** and adapters/**
 *
 * Steps 2 and 3 share one c8 temp directory (reports/.c8), so coverage merges.
 * Counts come from the runners' own output: TAP `# pass N` / `# fail N` lines,
 * and cucumber's `N scenarios (…)` summary (a scenario counts as one test).
 * A failed step that reports no failing test (tsc, coverage thresholds, a
 * crash) counts as one failure. Always ends with one line `N passed, N failed`;
 * exits non-zero if anything failed.
 */
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const tempDirectory = path.join('reports', '.c8')
const binOf = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file)
const bin = {
  tsc: binOf('typescript', 'bin/tsc'),
  c8: binOf('c8', 'bin/c8.js'),
  cucumber: binOf('@cucumber/cucumber', 'bin/cucumber.js')
}
const env = { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' }

// What coverage is measured over, and its thresholds.
const coverage = {
  include: ['src/**', 'adapters/**'],
  exclude: ['test/**', 'step-definitions/**', 'features/**', 'examples/**', 'scripts/**', 'bench/**', 'node_modules/**', '**/*.d.ts'],
  thresholds: { lines: 90, functions: 90, branches: 85 }
}
const c8Scope = [
  `--temp-directory=${tempDirectory}`,
  '--clean=false',
  '--all',
  ...coverage.include.map((g) => `--include=${g}`),
  ...coverage.exclude.map((g) => `--exclude=${g}`)
]

/** Runs a command, echoing its output as it comes, and resolves with its exit code and output. */
const run = (args) =>
  new Promise((resolve) => {
    console.log(`\n> ${args.map((a) => (a === process.execPath ? 'node' : path.isAbsolute(a) ? path.relative(root, a) : a)).join(' ')}`)
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk)
      output += chunk
    })
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }))
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
  })

const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')

/** All test/**\/*.test.ts files, sorted. */
const findTests = (dir) => {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => {
      const full = path.join(dir, d.name)
      if (d.isDirectory()) return d.name === 'node_modules' ? [] : findTests(full)
      return d.isFile() && d.name.endsWith('.test.ts') ? [full] : []
    })
    .sort()
}

/** Counts from node's TAP reporter (the last summary block wins). */
const tapCounts = (output) => {
  const last = (name) => {
    const all = [...stripAnsi(output).matchAll(new RegExp(`^# ${name} (\\d+)\\s*$`, 'gm'))]
    return all.length === 0 ? undefined : Number(all[all.length - 1][1])
  }
  const pass = last('pass')
  if (pass === undefined) return undefined
  return { passed: pass, failed: (last('fail') ?? 0) + (last('cancelled') ?? 0), note: `${last('skipped') ?? 0} skipped, ${last('todo') ?? 0} todo` }
}

/** Counts from cucumber's summary line, e.g. `12 scenarios (10 passed, 1 failed, 1 undefined)`. */
const cucumberCounts = (output) => {
  const lines = [...stripAnsi(output).matchAll(/^(\d+) scenarios?(?: \(([^)]*)\))?\s*$/gm)]
  if (lines.length === 0) return undefined
  const [, total, detail = ''] = lines[lines.length - 1]
  const by = Object.fromEntries([...detail.matchAll(/(\d+) (\w+)/g)].map((m) => [m[2], Number(m[1])]))
  const passed = by.passed ?? 0
  const skipped = by.skipped ?? 0
  // failed, undefined, ambiguous and pending scenarios all fail a strict run
  return { passed, failed: Number(total) - passed - skipped, note: detail || 'no scenarios' }
}

/** Fallback when no summary line was printed: the JUnit report, if this run wrote it. */
const junitCounts = (since) => {
  const file = path.join(root, 'reports', 'cucumber.xml')
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < since) return undefined
  const suite = /<testsuite\b[^>]*>/.exec(fs.readFileSync(file, 'utf8'))
  if (suite === null) return undefined
  const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(suite[0]) ?? [])[1] ?? 0)
  const failed = attr('failures') + attr('errors')
  return { passed: attr('tests') - failed - attr('skipped'), failed, note: 'from reports/cucumber.xml' }
}

const main = async () => {
  const started = Date.now()
  const steps = []
  const record = (name, code, counts, note) => {
    const c = counts ?? { passed: 0, failed: 0 }
    // a failed step with no failing test counted still counts once
    const failed = code !== 0 && c.failed === 0 ? 1 : c.failed
    steps.push({ name, ok: code === 0, passed: c.passed, failed, note: note ?? c.note ?? '' })
    return code === 0
  }

  fs.rmSync(path.join(root, tempDirectory), { recursive: true, force: true })
  fs.mkdirSync(path.join(root, tempDirectory), { recursive: true })

  const plan = [
    async () => {
      const r = await run([bin.tsc, '--noEmit', '-p', '.'])
      return record('types (tsc --noEmit)', r.code, undefined, r.code === 0 ? 'no errors' : 'type errors')
    },
    async () => {
      const r = await run([path.join(root, 'scripts', 'doc-examples.js')])
      return record('doc examples', r.code, r.code === 0 ? { passed: 1, failed: 0 } : undefined, stripAnsi(r.output).trim().split('\n').pop())
    },
    async () => {
      const r = await run([path.join(root, 'scripts', 'traceability.js')])
      return record('traceability', r.code, r.code === 0 ? { passed: 1, failed: 0 } : undefined, r.code === 0 ? 'every guide step covered; reports/traceability.md' : 'see above')
    },
    async () => {
      const files = findTests(path.join(root, 'test')).map((f) => path.relative(root, f))
      if (files.length === 0) {
        console.log('\n(no test/**/*.test.ts files yet: 0 property tests)')
        return record('property tests', 0, { passed: 0, failed: 0 }, 'no test files')
      }
      const r = await run([bin.c8, ...c8Scope, '--reporter=none', process.execPath, '--test', '--test-reporter=tap', '-r', 'ts-node/register', ...files])
      const counts = tapCounts(r.output)
      return record('property tests', r.code, counts, counts ? `${files.length} files, ${counts.note}` : 'no TAP summary found')
    },
    async () => {
      const since = Date.now()
      const r = await run([bin.c8, ...c8Scope, '--reporter=none', process.execPath, bin.cucumber])
      const counts = cucumberCounts(r.output) ?? junitCounts(since)
      return record('specification (cucumber-js)', r.code, counts, counts ? counts.note : 'no scenario summary found')
    },
    async () => {
      const report = await run([bin.c8, 'report', ...c8Scope, '--reporter=html', '--reporter=text-summary', `--reports-dir=${path.join('reports', 'coverage')}`])
      if (report.code !== 0) return record('coverage', report.code, undefined, 'c8 report failed')
      const t = coverage.thresholds
      const check = await run([bin.c8, 'check-coverage', ...c8Scope, `--lines=${t.lines}`, `--functions=${t.functions}`, `--branches=${t.branches}`])
      return record(
        'coverage',
        check.code,
        undefined,
        `${check.code === 0 ? 'meets' : 'BELOW'} lines ${t.lines}, functions ${t.functions}, branches ${t.branches}; reports/coverage/index.html`
      )
    }
  ]
  const names = ['types (tsc --noEmit)', 'doc examples', 'traceability', 'property tests', 'specification (cucumber-js)', 'coverage']

  for (const step of plan) {
    let ok
    try {
      ok = await step()
    } catch (error) {
      console.error(error)
      ok = record(names[steps.length], 1, undefined, `crashed: ${error.message}`)
    }
    if (!ok) break
  }

  const passed = steps.reduce((n, s) => n + s.passed, 0)
  const failed = steps.reduce((n, s) => n + s.failed, 0)
  console.log(`\n── summary (${((Date.now() - started) / 1000).toFixed(1)} s) ──`)
  names.forEach((name, i) => {
    const s = steps[i]
    if (s === undefined) console.log(`  skipped  ${name}`)
    else console.log(`  ${s.ok ? 'ok     ' : 'FAILED '}  ${name}: ${s.passed} passed, ${s.failed} failed${s.note ? ` (${s.note})` : ''}`)
  })
  console.log(`${passed} passed, ${failed} failed`)
  process.exitCode = failed > 0 || steps.some((s) => !s.ok) ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  console.log('0 passed, 1 failed')
  process.exitCode = 1
})
