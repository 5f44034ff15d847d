/**
 * `npm run bench`: how fast the library is, measured, never asserted, side by
 * side with what a team would use instead, in one run. Each section is a
 * module of its own (bench/report.ts says what one gives); this file only
 * composes them, prints their tables, lists every missed target with by how
 * much, and writes everything to reports/bench.json.
 *
 * - `npm run bench -- --quick`: every section with few iterations and small
 *   sizes (CI's smoke run, so the bench cannot rot); its figures are rough,
 *   and bench.json says it was quick.
 * - `npm run bench -- --only=password,totp`: just those sections.
 *
 * npm run bench starts its own PostgreSQL server (scripts/with-postgres.js),
 * as the specification does; the sections that need one read DATABASE_URL.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { BenchModule, BenchOptions, BenchSection } from './report'
import { buildingBlocks } from './building-blocks'
import { passwordSection } from './password'
import { totpSection } from './totp'
import { formsSection } from './forms'
import { postgresCurves } from './postgres-curves'
import { registrationSection } from './registration'
import { specSection } from './spec'

/** Every section, in the order they run and print. */
const SECTIONS: ReadonlyArray<BenchModule> = [passwordSection, formsSection, totpSection, buildingBlocks, registrationSection, postgresCurves, specSection]

const argument = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)

async function main(): Promise<void> {
  const options: BenchOptions = { quick: process.argv.includes('--quick'), databaseUrl: process.env.DATABASE_URL }
  const only = argument('only')?.split(',')
  const unknown = only?.filter((k) => !SECTIONS.some((s) => s.key === k)) ?? []
  if (unknown.length > 0) throw new Error(`bench: no section ${unknown.join(', ')} (there are ${SECTIONS.map((s) => s.key).join(', ')})`)
  const chosen = SECTIONS.filter((s) => only === undefined || only.includes(s.key))
  const machine = `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${process.platform} ${process.arch}`
  console.log(`${machine}; ${new Date().toISOString()}${options.quick ? '; quick (rough figures)' : ''}`)

  const done: BenchSection[] = []
  for (const section of chosen) {
    const started = Date.now()
    const result = await section.run(options)
    done.push(result)
    console.log(`\n## ${result.title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n\n${result.table}`)
  }

  const missed = done.flatMap((s) => s.missedTargets.map((m) => `${s.key}: ${m}`))
  console.log(missed.length === 0 ? '\nEvery target met.' : `\nTargets missed (${missed.length}):\n${missed.map((m) => `- ${m}`).join('\n')}`)

  const file = join(__dirname, '..', 'reports', 'bench.json')
  mkdirSync(join(file, '..'), { recursive: true })
  const versionOf = (name: string): string => (JSON.parse(readFileSync(join(__dirname, '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
  const report = {
    machine,
    date: new Date().toISOString(),
    quick: options.quick,
    peers: Object.fromEntries(['tinybench', 'otplib', 'password-validator', 'zod', 'pg'].map((n) => [n, versionOf(n)])),
    missedTargets: missed,
    sections: Object.fromEntries(done.map((s) => [s.key, { title: s.title, data: s.data }]))
  }
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`\nwritten: ${file}`)
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
