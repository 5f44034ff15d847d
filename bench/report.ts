import { formatIcd10cmOrderLine } from '../adapters/memory/icd10cm'

/**
 * What every benchmark section gives `bench/index.ts`: a table to print, the
 * figures for `reports/bench.json`, and the targets it missed (said again at
 * the end of the run, with by how much). A section is a module of its own
 * (one concept each: passwords, forms, TOTP, registration, PostgreSQL
 * curves, the specification); index.ts only composes them.
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How a section is run. */
export interface BenchOptions {
  /** Few iterations and small sizes: CI's smoke run, so the bench cannot rot (figures are rough). */
  readonly quick: boolean
  /** A PostgreSQL server for the sections that need one (npm run bench starts its own through scripts/with-postgres.js). */
  readonly databaseUrl: string | undefined
}

/** One section's outcome. */
export interface BenchSection {
  /** A short key: `--only=key` runs just this section, and bench.json keeps its data under it. */
  readonly key: string
  readonly title: string
  /** Printed as is. */
  readonly table: string
  /** Written to bench.json under `sections[key]`. */
  readonly data: unknown
  /** Each target this run missed, saying by how much ("B2C refused: ×5.1 the peer, target ×8"). */
  readonly missedTargets: ReadonlyArray<string>
}

/** A benchmark section: runs its cases and reports. */
export interface BenchModule {
  readonly key: string
  readonly run: (options: BenchOptions) => Promise<BenchSection>
}

// -------------------------------------------------------------------------------------
// helpers for tables
// -------------------------------------------------------------------------------------

/** Rows of cells as aligned columns: the first left-aligned, the rest right-aligned. */
export const formatTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  const line = (r: ReadonlyArray<string>) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

/** Nanoseconds, readably: 830 ns, 12.4 µs, 3.1 ms. */
export const duration = (ns: number): string =>
  ns < 1e3 ? `${ns.toFixed(0)} ns` : ns < 1e6 ? `${(ns / 1e3).toFixed(1)} µs` : ns < 1e9 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e9).toFixed(2)} s`

/** A ratio as "×8.3". */
export const times = (x: number): string => `×${x >= 100 ? x.toFixed(0) : x.toFixed(1)}`

// -------------------------------------------------------------------------------------
// tinybench
// -------------------------------------------------------------------------------------

/** Each tinybench task's budget: quick for CI, else long enough for a steady median. */
export const taskBudget = (options: BenchOptions): { readonly time: number; readonly iterations: number; readonly warmupTime: number; readonly warmupIterations: number } =>
  options.quick ? { time: 60, iterations: 5, warmupTime: 10, warmupIterations: 2 } : { time: 1500, iterations: 32, warmupTime: 300, warmupIterations: 8 }

/** The structural part of a tinybench task this reads (tinybench is ESM: its types come in through a dynamic import). */
interface FinishedTask {
  readonly name: string
  readonly result: { readonly state: string; readonly error?: { readonly message: string }; readonly latency?: { readonly mean: number; readonly p50?: number; readonly p99?: number } }
}

/** Mean nanoseconds per item of a task whose every sample handles `items` items (the timer's cost spread over them). */
export const nsPerItem = (task: FinishedTask | undefined, items: number): number => {
  const r = task?.result
  if (r === undefined || r.state !== 'completed' || r.latency === undefined)
    throw new Error(`bench: ${task?.name ?? 'a task'} ${r?.state ?? 'missing'}${r?.error !== undefined ? `: ${r.error.message}` : ''}`)
  return (r.latency.mean * 1e6) / items
}

// -------------------------------------------------------------------------------------
// shared inputs
// -------------------------------------------------------------------------------------

/** A synthetic ICD-10-CM order file of `size` lines, the same every run: every seventh code a heading (not billable). */
export const syntheticIcd10cmOrderFile = (size: number): string =>
  Array.from({ length: size }, (_, i) =>
    formatIcd10cmOrderLine({
      orderNumber: (i % 99_999) + 1,
      code: `A${String(Math.floor(i / 1000)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`.replace(/^(...)/, '$1.') as never,
      billable: i % 7 !== 0,
      shortDescription: `Synthetic condition number ${i}`,
      longDescription: `Synthetic condition number ${i}, for measuring the loader only`
    })
  ).join('\n')
