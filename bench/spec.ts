/**
 * The specification's own speed: `cucumber-js` spawned as a child process on
 * each store (memory; PGlite `-p pglite`; a PostgreSQL server `-p postgres`
 * at options.databaseUrl, skipped with a note without one), with the message
 * formatter writing every test case's start and finish to a file.
 *
 * - start-up: from the spawn to the first test case starting (Node, module
 *   loading and transpiling, step definitions, World set-up, PGlite create);
 * - scenarios: from the first test case starting to the last finishing;
 *   scenarios/s = scenarios ÷ that time;
 * - wall: spawn to exit.
 *
 * Each run must pass every scenario it runs (else the bench throws: a slow
 * spec that fails measures nothing). Quick mode: memory only, narrowed by a
 * tag to one guide, through the same code path. Targets (memory, full run):
 * start-up under 1 s, at least 300 scenarios per second.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BenchModule, formatTable } from './report'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

export type SpecStore = 'memory' | 'pglite' | 'postgres'

/** One scenario's time, for the slowest list. */
export interface ScenarioTime {
  readonly name: string
  readonly uri: string
  readonly ms: number
}

/** One store's run. */
export interface SpecRun {
  readonly store: SpecStore
  readonly scenarios: number
  readonly steps: number
  readonly startupSeconds: number
  readonly scenariosSeconds: number
  readonly scenariosPerSecond: number
  readonly wallSeconds: number
  readonly slowest: ReadonlyArray<ScenarioTime>
}

const root = join(__dirname, '..')
const cucumberBin = join(root, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js')
/** Quick mode's subset: one guide's features, so CI's smoke run stays short. */
const QUICK_TAGS = '@guide:harmony-web-registration'
const STARTUP_TARGET_S = 1
const RATE_TARGET = 300

// -------------------------------------------------------------------------------------
// one run
// -------------------------------------------------------------------------------------

interface Timestamp {
  readonly seconds: number
  readonly nanos: number
}
const ms = (t: Timestamp): number => t.seconds * 1e3 + t.nanos / 1e6

/** Reads cucumber's message stream: each test case's times and status. */
const readMessages = (file: string, store: SpecStore, spawnedAt: number, exitedAt: number): SpecRun => {
  const pickles = new Map<string, { readonly name: string; readonly uri: string }>()
  const pickleOfTestCase = new Map<string, string>()
  const started = new Map<string, { readonly at: number; readonly testCaseId: string }>()
  const times: ScenarioTime[] = []
  let first: number | undefined
  let last: number | undefined
  let steps = 0
  const failed: string[] = []
  const stepStatus = new Map<string, string>()
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue
    const m = JSON.parse(line) as Record<string, any>
    if (m.pickle) pickles.set(m.pickle.id, { name: m.pickle.name, uri: m.pickle.uri })
    else if (m.testCase) {
      pickleOfTestCase.set(m.testCase.id, m.testCase.pickleId)
      steps += (m.testCase.testSteps as ReadonlyArray<{ pickleStepId?: string }>).filter((s) => s.pickleStepId !== undefined).length
    } else if (m.testCaseStarted) {
      const at = ms(m.testCaseStarted.timestamp)
      first = first === undefined ? at : Math.min(first, at)
      started.set(m.testCaseStarted.id, { at, testCaseId: m.testCaseStarted.testCaseId })
    } else if (m.testStepFinished) {
      if (m.testStepFinished.testStepResult.status !== 'PASSED') stepStatus.set(m.testStepFinished.testCaseStartedId, m.testStepFinished.testStepResult.status)
    } else if (m.testCaseFinished) {
      const at = ms(m.testCaseFinished.timestamp)
      last = last === undefined ? at : Math.max(last, at)
      const start = started.get(m.testCaseFinished.testCaseStartedId)
      if (start === undefined) throw new Error(`bench spec: ${store}: a test case finished that never started`)
      const pickle = pickles.get(pickleOfTestCase.get(start.testCaseId) ?? '')
      if (pickle === undefined) throw new Error(`bench spec: ${store}: a test case of no pickle`)
      times.push({ ...pickle, ms: at - start.at })
      const status = stepStatus.get(m.testCaseFinished.testCaseStartedId)
      if (status !== undefined) failed.push(`${pickle.uri}: ${pickle.name} (${status})`)
    }
  }
  if (first === undefined || last === undefined || times.length === 0) throw new Error(`bench spec: ${store}: no scenario ran`)
  if (failed.length > 0) throw new Error(`bench spec: ${store}: ${failed.length} scenarios did not pass, e.g. ${failed.slice(0, 3).join('; ')}`)
  const scenariosSeconds = (last - first) / 1e3
  return {
    store,
    scenarios: times.length,
    steps,
    startupSeconds: (first - spawnedAt) / 1e3,
    scenariosSeconds,
    scenariosPerSecond: times.length / scenariosSeconds,
    wallSeconds: (exitedAt - spawnedAt) / 1e3,
    slowest: [...times].sort((a, b) => b.ms - a.ms).slice(0, 5)
  }
}

/** Spawns cucumber-js on a store and reads its messages. */
const runSpec = (store: SpecStore, tags: string | undefined, env: NodeJS.ProcessEnv): Promise<SpecRun> =>
  new Promise((resolve, reject) => {
    const dir = join(root, 'reports')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, `bench-spec-${store}.ndjson`)
    // The profile's own reports (html, junit, progress) are written too: they are part of what `npm run spec` costs.
    const args = [cucumberBin, ...(store === 'memory' ? [] : ['-p', store]), '--format', `message:${file}`, '--format', 'summary:/dev/null', ...(tags === undefined ? [] : ['--tags', tags])]
    const spawnedAt = Date.now()
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      const exitedAt = Date.now()
      if (code !== 0) return reject(new Error(`bench spec: cucumber-js on ${store} exited ${code}: ${stderr.slice(-2000)}`))
      try {
        resolve(readMessages(file, store, spawnedAt, exitedAt))
      } catch (e) {
        reject(e)
      }
    })
  })

// -------------------------------------------------------------------------------------
// the section
// -------------------------------------------------------------------------------------

const s = (x: number): string => x.toFixed(2)

export const specSection: BenchModule = {
  key: 'spec',
  run: async (options) => {
    const env = { ...process.env }
    const runs: SpecRun[] = []
    const notes: string[] = []
    runs.push(await runSpec('memory', options.quick ? QUICK_TAGS : undefined, env))
    if (!options.quick) {
      runs.push(await runSpec('pglite', undefined, env))
      if (options.databaseUrl === undefined) notes.push('postgres: skipped (no DATABASE_URL; `npm run bench` starts a server)')
      else runs.push(await runSpec('postgres', undefined, { ...env, DATABASE_URL: options.databaseUrl }))
    }
    const memory = runs[0]!
    const table = [
      formatTable(
        ['store', 'scenarios', 'steps', 'start-up s', 'scenarios s', 'scenarios/s', 'wall s'],
        runs.map((r) => [r.store, `${r.scenarios}`, `${r.steps}`, s(r.startupSeconds), s(r.scenariosSeconds), r.scenariosPerSecond.toFixed(0), s(r.wallSeconds)])
      ),
      '',
      `slowest on memory${options.quick ? ` (${QUICK_TAGS})` : ''}:`,
      formatTable(['scenario', 'ms'], memory.slowest.map((t) => [`${t.uri.replace(/^features\//, '')}: ${t.name}`, t.ms.toFixed(0)])),
      ...notes.map((n) => `\n${n}`)
    ].join('\n')
    const missedTargets: string[] = []
    const scope = options.quick ? ` (quick: ${QUICK_TAGS} only)` : ''
    if (memory.startupSeconds >= STARTUP_TARGET_S)
      missedTargets.push(`memory start-up ${s(memory.startupSeconds)} s, target under ${STARTUP_TARGET_S} s (×${(memory.startupSeconds / STARTUP_TARGET_S).toFixed(1)})${scope}`)
    if (memory.scenariosPerSecond < RATE_TARGET)
      missedTargets.push(`memory ${memory.scenariosPerSecond.toFixed(0)} scenarios/s, target at least ${RATE_TARGET} (×${(RATE_TARGET / memory.scenariosPerSecond).toFixed(1)} short)${scope}`)
    return { key: 'spec', title: 'The specification: start-up and scenarios per store', table, data: { runs, notes }, missedTargets }
  }
}
