#!/usr/bin/env node
'use strict'
/**
 * Everything CI runs, in order; a failing step does not stop the ones after
 * it, so the closing line counts every test. `npm test` runs it as
 * `node scripts/with-postgres.js --or-without-server node scripts/test.js`
 * (after scripts/ensure-chromium.js), so DATABASE_URL points at one throwaway
 * PostgreSQL server for the whole run (the contract and concurrency tests and
 * the `postgres` profile need it; if none could start, those fail and the rest
 * still runs).
 *
 *   1. types      tsc --noEmit -p .
 *      docs       every @example in src/ and adapters/ compiles (scripts/doc-examples.js)
 *      trace      tags only: every guide step has a tagged scenario, every scenario names a
 *                 guide step, every tag is known (scripts/traceability.js --static)
 *      catalogue  docs/steps.md matches the step definitions (scripts/steps-catalogue.js --check)
 *   2. property   every test/**\/*.test.ts (found by walking test/) with
 *                 node --test --test-reporter=tap -r ts-node/register, under c8
 *   3. spec       cucumber-js once per store, each under c8:
 *                   memory      profile `default` → reports/cucumber-memory.html, .xml, .ndjson
 *                   PGlite      `-p pglite`       → reports/cucumber-pglite.html, .xml, .ndjson
 *                   PostgreSQL  `-p postgres`     → reports/cucumber-postgres.html, .xml, .ndjson
 *                 Each run prints its wall time and scenario count.
 *   4. living doc the three runs' results per guide step (scripts/traceability.js --check →
 *                 reports/traceability.md, .html); fails when a step's scenario did not pass or
 *                 the committed docs/traceability.md differs (stale)
 *   5. coverage   c8 report (reports/coverage/index.html, lcov.info, text summary) and
 *                 c8 check-coverage: lines 90, functions 90, branches 85 over
 *                 src/** and adapters/**
 *
 * Steps 2 and 3 share one c8 temp directory (reports/.c8), so coverage merges.
 * Counts come from the runners' own output: TAP `# pass N` / `# fail N` lines,
 * and cucumber's `N scenarios (…)` summary (a scenario counts as one test),
 * else that run's JUnit report. A failed step that reports no failing test
 * (tsc, coverage thresholds, an undefined profile, a crash) counts as one
 * failure. Always ends with one line `N passed, N failed`; exits non-zero if
 * anything failed. SIGINT/SIGTERM stop the running step and the run (the steps
 * not run are listed as such, and the exit code is non-zero).
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

// A signal stops the running step (forwarded to it) and the rest of the run.
let current // the running step's child process
let interrupted // the signal received, if any
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = signal
    if (current !== undefined && current.exitCode === null && current.signalCode === null) current.kill(signal)
  })
}

/** Runs a command, echoing its output as it comes, and resolves with its exit code and output. */
const run = (args) =>
  new Promise((resolve) => {
    console.log(`\n> ${args.map((a) => (a === process.execPath ? 'node' : path.isAbsolute(a) ? path.relative(root, a) : a)).join(' ')}`)
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    current = child
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
  return { total: Number(total), passed, failed: Number(total) - passed - skipped, note: detail || 'no scenarios' }
}

/** Fallback when no summary line was printed: the run's JUnit report (reports/<file>), if this run wrote it. */
const junitCounts = (file, since) => {
  const full = path.join(root, 'reports', file)
  if (!fs.existsSync(full) || fs.statSync(full).mtimeMs < since) return undefined
  const suite = /<testsuite\b[^>]*>/.exec(fs.readFileSync(full, 'utf8'))
  if (suite === null) return undefined
  const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(suite[0]) ?? [])[1] ?? 0)
  const failed = attr('failures') + attr('errors')
  return { total: attr('tests'), passed: attr('tests') - failed - attr('skipped'), failed, note: `from reports/${file}` }
}

/** The first error message of a run that printed no summary (e.g. `Error: Requested profile "pglite" doesn't exist`). */
const firstError = (output) => (/\b\w*Error: .*/.exec(stripAnsi(output)) ?? [])[0]?.trim()

/** The specification runs: one cucumber-js profile per store, each with its JUnit report. */
const specifications = [
  { name: 'specification (memory)', args: [], junit: 'cucumber-memory.xml' },
  { name: 'specification (PGlite)', args: ['-p', 'pglite'], junit: 'cucumber-pglite.xml' },
  { name: 'specification (PostgreSQL)', args: ['-p', 'postgres'], junit: 'cucumber-postgres.xml' }
]

const main = async () => {
  const started = Date.now()
  const results = new Map() // step name → { ok, passed, failed, note, seconds }
  const record = (name, code, counts, note) => {
    const c = counts ?? { passed: 0, failed: 0 }
    // a failed step with no failing test counted still counts once
    const failed = code !== 0 && c.failed === 0 ? 1 : c.failed
    results.set(name, { ok: code === 0, passed: c.passed, failed, note: note ?? c.note ?? '' })
    return code === 0
  }

  fs.rmSync(path.join(root, tempDirectory), { recursive: true, force: true })
  // A store's report from an earlier run must not stand in for one that fails to run now.
  for (const store of ['memory', 'pglite', 'postgres']) fs.rmSync(path.join(root, 'reports', `cucumber-${store}.ndjson`), { force: true })
  fs.mkdirSync(path.join(root, tempDirectory), { recursive: true })
  const url = process.env.DATABASE_URL
  console.log(
    url
      ? `DATABASE_URL=${url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')}`
      : 'DATABASE_URL is not set: the PostgreSQL runs will fail (npm test sets it: node scripts/with-postgres.js --or-without-server node scripts/test.js)'
  )

  /** The steps in order (see the header). */
  const plan = [
    {
      name: 'types (tsc --noEmit)',
      run: async (name) => {
        const r = await run([bin.tsc, '--noEmit', '-p', '.'])
        return record(name, r.code, undefined, r.code === 0 ? 'no errors' : 'type errors')
      }
    },
    {
      name: 'doc examples',
      run: async (name) => {
        const r = await run([path.join(root, 'scripts', 'doc-examples.js')])
        return record(name, r.code, r.code === 0 ? { passed: 1, failed: 0 } : undefined, stripAnsi(r.output).trim().split('\n').pop())
      }
    },
    {
      name: 'traceability',
      run: async (name) => {
        const r = await run([path.join(root, 'scripts', 'traceability.js'), '--static'])
        return record(name, r.code, r.code === 0 ? { passed: 1, failed: 0 } : undefined, r.code === 0 ? 'every guide step covered, every scenario traced' : 'see above')
      }
    },
    {
      name: 'step catalogue',
      run: async (name) => {
        const r = await run([path.join(root, 'scripts', 'steps-catalogue.js'), '--check'])
        return record(name, r.code, r.code === 0 ? { passed: 1, failed: 0 } : undefined, r.code === 0 ? 'docs/steps.md up to date' : 'docs/steps.md is stale: run npm run steps')
      }
    },
    {
      name: 'property tests',
      run: async (name) => {
        const files = findTests(path.join(root, 'test')).map((f) => path.relative(root, f))
        if (files.length === 0) {
          console.log('\n(no test/**/*.test.ts files yet: 0 property tests)')
          return record(name, 0, { passed: 0, failed: 0 }, 'no test files')
        }
        const r = await run([bin.c8, ...c8Scope, '--reporter=none', process.execPath, '--test', '--test-reporter=tap', '-r', 'ts-node/register', ...files])
        const counts = tapCounts(r.output)
        return record(name, r.code, counts, counts ? `${files.length} files, ${counts.note}` : 'no TAP summary found')
      }
    },
    ...specifications.map((spec) => ({
      name: spec.name,
      run: async (name) => {
        const since = Date.now()
        const r = await run([bin.c8, ...c8Scope, '--reporter=none', process.execPath, bin.cucumber, ...spec.args])
        const time = `${((Date.now() - since) / 1000).toFixed(1)} s`
        const counts = cucumberCounts(r.output) ?? junitCounts(spec.junit, since)
        const scenarios = counts ? `${counts.total} scenarios` : 'no scenarios run'
        console.log(`\n${name}: ${scenarios} in ${time}`)
        const detail = counts ? counts.note : firstError(r.output) ?? 'no scenario summary found'
        return record(name, r.code, counts, `${scenarios} in ${time}: ${detail}`)
      }
    })),
    {
      name: 'living documentation',
      run: async (name) => {
        const r = await run([path.join(root, 'scripts', 'traceability.js'), '--check'])
        return record(name, r.code, r.code === 0 ? { passed: 1, failed: 0 } : undefined, r.code === 0 ? 'docs/traceability.md is current; reports/traceability.html' : 'see above')
      }
    },
    {
      name: 'coverage',
      run: async (name) => {
        const report = await run([bin.c8, 'report', ...c8Scope, '--reporter=html', '--reporter=lcov', '--reporter=text-summary', `--reports-dir=${path.join('reports', 'coverage')}`])
        if (report.code !== 0) return record(name, report.code, undefined, 'c8 report failed')
        const t = coverage.thresholds
        const check = await run([bin.c8, 'check-coverage', ...c8Scope, `--lines=${t.lines}`, `--functions=${t.functions}`, `--branches=${t.branches}`])
        return record(
          name,
          check.code,
          undefined,
          `${check.code === 0 ? 'meets' : 'BELOW'} lines ${t.lines}, functions ${t.functions}, branches ${t.branches}; reports/coverage/index.html, lcov.info`
        )
      }
    }
  ]

  for (const step of plan) {
    // A failure does not stop the run (every step is counted); only a signal does.
    if (interrupted !== undefined) break
    const stepStarted = Date.now()
    try {
      await step.run(step.name)
    } catch (error) {
      console.error(error)
      record(step.name, 1, undefined, `crashed: ${error.message}`)
    }
    results.get(step.name).seconds = (Date.now() - stepStarted) / 1000
  }

  const all = [...results.values()]
  const passed = all.reduce((n, s) => n + s.passed, 0)
  const failed = all.reduce((n, s) => n + s.failed, 0)
  console.log(`\n── summary (${((Date.now() - started) / 1000).toFixed(1)} s) ──`)
  if (interrupted !== undefined) console.log(`  (stopped by ${interrupted})`)
  for (const { name } of plan) {
    const s = results.get(name)
    if (s === undefined) console.log(`  not run  ${name}`)
    else console.log(`  ${s.ok ? 'ok     ' : 'FAILED '}  ${name}: ${s.passed} passed, ${s.failed} failed${s.note ? ` (${s.note})` : ''} [${s.seconds.toFixed(1)} s]`)
  }
  console.log(`${passed} passed, ${failed} failed`)
  process.exitCode = failed > 0 || all.some((s) => !s.ok) || interrupted !== undefined ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  console.log('0 passed, 1 failed')
  process.exitCode = 1
})
