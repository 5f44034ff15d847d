/**
 * A whole member registration (sign-up, code, verify, profile, active) through
 * the HPP portal, with the test scrypt hasher so hashing does not dominate:
 *
 * - memory adapters: registrations per second, and heap bytes per stored
 *   account at two sizes (the curve must be flat);
 * - PGlite and the PostgreSQL server at 1, 8 and 32 concurrent clients,
 *   against a baseline in the same run that replays the statements the portal
 *   issues straight through the driver (target: at least half its throughput);
 * - two and four portal processes against one server, then the invariants
 *   checked in SQL (one account per username, every code accepted once), and
 *   a race of every process registering the same usernames at once.
 */
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { Client, Pool } from 'pg'
import { fromPgPool, fromPGlite, migrate, SqlDatabase } from '../adapters/postgres'
import { BenchModule, BenchOptions, formatTable } from './report'
import { memoryPortal, postgresPortal, registerMember, runClients } from './registration-core'
import { capturing, pgliteUnit, pgUnit, replayPlan, RunUnit, Unit } from './registration-sql'
import type { WorkerAnswer, WorkerTask } from './registration-worker'

const CLIENTS = [1, 8, 32] as const
const PROCESSES = [2, 4] as const
const TARGET_RATIO = 0.5
const FLAT_WITHIN = 1.5

// -------------------------------------------------------------------------------------
// memory
// -------------------------------------------------------------------------------------

interface MemoryResult { readonly perSecond: number; readonly sizes: ReadonlyArray<{ readonly accounts: number; readonly bytesPerAccount: number }>; readonly flat: boolean }

const heapNow = (): number => {
  global.gc?.()
  global.gc?.()
  return process.memoryUsage().heapUsed
}

const memoryCase = async (options: BenchOptions): Promise<MemoryResult> => {
  const timed = memoryPortal()
  for (let i = 0; i < 50; i++) await registerMember(timed.portal, timed.mailer, `warm${i}`)
  const run = await runClients(1, options.quick ? 300 : 5000, (u) => registerMember(timed.portal, timed.mailer, u), 'mem')
  // Heap: a fresh portal, so the timed run's accounts are not counted.
  const { portal, mailer } = memoryPortal()
  const sizes = options.quick ? [500, 2_000] : [10_000, 100_000]
  const before = heapNow()
  const measured: Array<{ accounts: number; bytesPerAccount: number }> = []
  let n = 0
  for (const size of sizes) {
    for (; n < size; n++) if ((await registerMember(portal, mailer, `heap${n}`)) !== 'active') throw new Error('bench: heap registration refused')
    measured.push({ accounts: size, bytesPerAccount: (heapNow() - before) / size })
  }
  const [small, large] = measured
  return { perSecond: run.done / run.seconds, sizes: measured, flat: (large?.bytesPerAccount ?? 0) <= FLAT_WITHIN * (small?.bytesPerAccount ?? 0) }
}

// -------------------------------------------------------------------------------------
// portal vs baseline on one store
// -------------------------------------------------------------------------------------

interface StoreRow { readonly store: string; readonly clients: number; readonly portal: number; readonly baseline: number; readonly ratio: number }

/** The statements of two registrations (through the portal, captured) → the baseline's plan. */
const capturePlan = async (db: SqlDatabase, tag: string): Promise<(tag: string) => ReadonlyArray<Unit>> => {
  const a: Unit[] = []
  const b: Unit[] = []
  const first = postgresPortal(capturing(db, a))
  const second = postgresPortal(capturing(db, b))
  // Each capture on its own portal, after one uncaptured warm-up, so both see the same state (one pending mail each).
  await registerMember(first.portal, first.mailer, `${tag}warm`)
  a.length = 0
  if ((await registerMember(first.portal, first.mailer, `${tag}capa`)) !== 'active') throw new Error('bench: capture refused')
  if ((await registerMember(second.portal, second.mailer, `${tag}capb`)) !== 'active') throw new Error('bench: capture refused')
  return replayPlan(a, `${tag}capa`, b)
}

const compare = async (
  store: string,
  seconds: number,
  clients: number,
  portalDb: SqlDatabase,
  runUnit: RunUnit,
  plan: (tag: string) => ReadonlyArray<Unit>,
  prefix: string
): Promise<StoreRow> => {
  const { portal, mailer, drainOutbox } = postgresPortal(portalDb)
  // The baseline before this left the mail it queued: the portal's run starts with an empty outbox, as a
  // deployment's would, not behind a backlog its relays must work through first.
  await drainOutbox()
  const viaPortal = await runClients(clients, seconds * 1000, async (u) => {
    if ((await registerMember(portal, mailer, u)) !== 'active') throw new Error(`bench: ${u} refused`)
  }, `${prefix}p`)
  const viaDriver = await runClients(clients, seconds * 1000, async (u) => {
    for (const unit of plan(u)) await runUnit(unit)
  }, `${prefix}b`)
  const p = viaPortal.done / viaPortal.seconds
  const b = viaDriver.done / viaDriver.seconds
  return { store, clients, portal: p, baseline: b, ratio: p / b }
}

const pgliteCase = async (options: BenchOptions): Promise<StoreRow[]> => {
  const { PGlite } = await import('@electric-sql/pglite')
  // One instance for the whole section: each costs seconds and about a gigabyte.
  const pglite = await PGlite.create()
  try {
    const db = fromPGlite(pglite as never)
    const migrated = await migrate(db)
    if (migrated._tag === 'Left') throw new Error(`bench: migrations failed on PGlite: ${JSON.stringify(migrated.left)}`)
    const plan = await capturePlan(db, 'lite')
    const rows: StoreRow[] = []
    for (const clients of CLIENTS) rows.push(await compare('PGlite', options.quick ? 0.3 : 5, clients, db, pgliteUnit(pglite as never), plan, `lite${clients}`))
    return rows
  } finally {
    await pglite.close()
  }
}

// -------------------------------------------------------------------------------------
// the PostgreSQL server
// -------------------------------------------------------------------------------------

/** A database of its own for this run (dropped at the end), so runs never see each other. */
const freshDatabase = async (url: string): Promise<{ readonly url: string; readonly drop: () => Promise<void> }> => {
  const name = `bench_registration_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
  const target = new URL(url)
  target.pathname = `/${name}`
  return {
    url: target.toString(),
    drop: async () => {
      const c = new Client({ connectionString: url })
      await c.connect()
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      } finally {
        await c.end()
      }
    }
  }
}

const withPool = async <A>(url: string, max: number, body: (pool: Pool) => Promise<A>): Promise<A> => {
  const pool = new Pool({ connectionString: url, max })
  pool.on('error', () => undefined)
  try {
    return await body(pool)
  } finally {
    await pool.end()
  }
}

const serverCase = async (options: BenchOptions, url: string): Promise<StoreRow[]> =>
  withPool(url, 1, async (pool) => {
    const migrated = await migrate(fromPgPool(pool))
    if (migrated._tag === 'Left') throw new Error(`bench: migrations failed: ${JSON.stringify(migrated.left)}`)
    const plan = await capturePlan(fromPgPool(pool), 'srv')
    const rows: StoreRow[] = []
    for (const clients of CLIENTS)
      rows.push(await withPool(url, clients, (sized) => compare('PostgreSQL', options.quick ? 0.5 : 5, clients, fromPgPool(sized), pgUnit(sized), plan, `srv${clients}`)))
    return rows
  })

// -------------------------------------------------------------------------------------
// several portal processes
// -------------------------------------------------------------------------------------

interface ProcessRow {
  readonly processes: number
  readonly perSecond: number
  readonly accounts: number
  readonly duplicateUsernames: number
  readonly codesAcceptedTwice: number
  readonly flowsNotCompletedOnce: number
  readonly held: boolean
}

interface RaceResult { readonly processes: number; readonly usernames: number; readonly active: number; readonly taken: number; readonly accounts: number; readonly held: boolean }

/** Forks `tasks.length` workers, starts them together, and gathers their answers. */
const runWorkers = async (tasks: ReadonlyArray<WorkerTask>): Promise<WorkerAnswer[]> => {
  const children = tasks.map((task) => fork(join(__dirname, 'registration-worker.ts'), [JSON.stringify(task)], { execArgv: ['-r', join(__dirname, '..', 'test', 'support', 'transpile-cache.js')] }))
  const answers = children.map(
    (child) =>
      new Promise<WorkerAnswer>((resolve, reject) => {
        child.on('message', (m: unknown) => {
          const mail = m as { address?: string; code?: string }
          if (mail.address !== undefined) {
            const to = Number(/\.k(\d+)@/.exec(mail.address)?.[1])
            children[to]?.send(mail)
          } else if (m !== 'ready') resolve(m as WorkerAnswer)
        })
        child.on('exit', (code) => reject(new Error(`bench: a registration worker exited with ${code}`)))
      })
  )
  await Promise.all(children.map((child) => new Promise<void>((resolve) => child.once('message', () => resolve()))))
  for (const child of children) child.send('go')
  const all = await Promise.all(answers)
  const failed = all.find((a) => a.error !== undefined)
  if (failed !== undefined) throw new Error(`bench: a registration worker failed: ${failed.error}`)
  return all
}

/** The invariants, in SQL, over everything registered with `prefix`. */
const invariants = async (url: string, prefix: string) =>
  withPool(url, 1, async (pool) => {
    const one = async (sql: string): Promise<number> => Number(((await pool.query(sql, [`${prefix}%`])).rows[0] as { n: string }).n)
    return {
      accounts: await one('SELECT count(*)::text AS n FROM accounts WHERE username_key LIKE $1'),
      duplicateUsernames: await one('SELECT count(*)::text AS n FROM (SELECT lower(username) FROM accounts WHERE username_key LIKE $1 GROUP BY 1 HAVING count(*) > 1) d'),
      // Every sign-up address here gets one code, accepted once: a ledger that issued more, or whose code stands unused, breaks exactly-once.
      codesAcceptedTwice: await one(`SELECT count(*)::text AS n FROM code_ledgers WHERE purpose = 'sign-up' AND (code_used IS DISTINCT FROM true OR codes_issued <> 1) AND $1::text IS NOT NULL`),
      // Each account came from exactly one completed sign-up flow: as many completed flows as accounts.
      flowsNotCompletedOnce: Math.abs(
        (await one(`SELECT count(*)::text AS n FROM flows WHERE kind = 'sign-up' AND state = 'completed' AND data::text LIKE '%"' || $1 || '"%'`)) -
          (await one('SELECT count(*)::text AS n FROM accounts WHERE username_key LIKE $1'))
      )
    }
  })

const processCase = async (options: BenchOptions, url: string): Promise<{ readonly rows: ProcessRow[]; readonly race: RaceResult[] }> => {
  const rows: ProcessRow[] = []
  const race: RaceResult[] = []
  // Quick: two processes only (each child loads the portal through the spec's transpile cache: seconds once it is warm).
  for (const processes of options.quick ? PROCESSES.slice(0, 1) : PROCESSES) {
    const prefix = `mp${processes}`
    const answers = await runWorkers(Array.from({ length: processes }, (_, k) => ({ url, mode: 'throughput' as const, clients: 8, ms: options.quick ? 1000 : 8000, prefix: `${prefix}w${k}`, index: k })))
    const done = answers.reduce((s, a) => s + a.done, 0)
    const seconds = Math.max(...answers.map((a) => a.seconds))
    const check = await invariants(url, prefix)
    rows.push({ processes, perSecond: done / seconds, ...check, held: check.accounts === done && check.duplicateUsernames === 0 && check.codesAcceptedTwice === 0 && check.flowsNotCompletedOnce === 0 })

    const racePrefix = `race${processes}`
    const usernames = Array.from({ length: options.quick ? 20 : 200 }, (_, i) => `${racePrefix}u${i}`)
    const raced = await runWorkers(Array.from({ length: processes }, (_, k) => ({ url, mode: 'race' as const, clients: 8, ms: 0, prefix: racePrefix, index: k, usernames })))
    const active = raced.reduce((s, a) => s + a.active, 0)
    const taken = raced.reduce((s, a) => s + a.taken, 0)
    const after = await invariants(url, racePrefix)
    race.push({ processes, usernames: usernames.length, active, taken, accounts: after.accounts, held: active === usernames.length && taken === usernames.length * (processes - 1) && after.accounts === usernames.length && after.duplicateUsernames === 0 && after.codesAcceptedTwice === 0 })
  }
  return { rows, race }
}

// -------------------------------------------------------------------------------------
// section
// -------------------------------------------------------------------------------------

const run = async (options: BenchOptions): Promise<{ key: string; title: string; table: string; data: unknown; missedTargets: string[] }> => {
  const missed: string[] = []
  const phase = (name: string) => process.stderr.write(`[registration] ${name} at ${new Date().toISOString()}\n`)
  phase('memory')
  const memory = await memoryCase(options)
  phase('PGlite')
  const lite = await pgliteCase(options)
  let server: StoreRow[] = []
  let processes: { rows: ProcessRow[]; race: RaceResult[] } = { rows: [], race: [] }
  if (options.databaseUrl !== undefined) {
    const fresh = await freshDatabase(options.databaseUrl)
    try {
      phase('server')
      server = await serverCase(options, fresh.url)
      phase('processes')
      processes = await processCase(options, fresh.url)
    } finally {
      await fresh.drop()
    }
  }

  const [small, large] = memory.sizes
  if (!memory.flat) missed.push(`memory heap per account not flat: ${large?.bytesPerAccount.toFixed(0)} B at ${large?.accounts} vs ${small?.bytesPerAccount.toFixed(0)} B at ${small?.accounts}, target within ×${FLAT_WITHIN}`)
  for (const r of [...lite, ...server])
    if (r.ratio < TARGET_RATIO) missed.push(`${r.store}, ${r.clients} client(s): portal ${r.portal.toFixed(0)} reg/s is ×${r.ratio.toFixed(2)} the baseline's ${r.baseline.toFixed(0)}, target at least ×${TARGET_RATIO}`)
  for (const r of processes.rows) if (!r.held) missed.push(`${r.processes} processes: invariants broken (${JSON.stringify(r)})`)
  for (const r of processes.race) if (!r.held) missed.push(`race of ${r.processes} processes: ${r.active} active, ${r.taken} taken, ${r.accounts} accounts for ${r.usernames} usernames`)

  const storeRows = [...lite, ...server].map((r) => [r.store, String(r.clients), r.portal.toFixed(0), r.baseline.toFixed(0), `×${r.ratio.toFixed(2)}`])
  if (server.length === 0) storeRows.push(['PostgreSQL', '-', 'skipped: no DATABASE_URL', '', ''])
  const table = [
    'Every registration: sign-up, code from the mailer, verify, profile, active account; test scrypt (TEST_ONLY_SCRYPT), so hashing does not dominate.',
    '',
    formatTable(['memory adapters', 'reg/s', ...memory.sizes.map((s) => `B/account at ${s.accounts}`), 'flat (×1.5)'], [
      ['1 client', memory.perSecond.toFixed(0), ...memory.sizes.map((s) => s.bytesPerAccount.toFixed(0)), memory.flat ? 'yes' : 'no']
    ]),
    '',
    formatTable(['store', 'clients', 'portal reg/s', 'baseline reg/s', 'ratio (≥ ×0.5)'], storeRows),
    '',
    processes.rows.length === 0
      ? 'portal processes against one server: skipped (no DATABASE_URL)'
      : formatTable(
          ['processes (8 clients each)', 'reg/s', 'accounts', 'dup usernames', 'codes not once', 'flows not once', 'invariants'],
          processes.rows.map((r) => [String(r.processes), r.perSecond.toFixed(0), String(r.accounts), String(r.duplicateUsernames), String(r.codesAcceptedTwice), String(r.flowsNotCompletedOnce), r.held ? 'held' : 'BROKEN'])
        ),
    ...(processes.race.length === 0
      ? []
      : [
          '',
          formatTable(
            ['race: same usernames, every process', 'usernames', 'active', 'username.taken', 'accounts', 'one each'],
            processes.race.map((r) => [`${r.processes} processes`, String(r.usernames), String(r.active), String(r.taken), String(r.accounts), r.held ? 'yes' : 'NO'])
          )
        ])
  ].join('\n')
  return { key: 'registration', title: 'Member registration: memory, PGlite and PostgreSQL vs the same statements through the driver; several processes', table, data: { memory, stores: [...lite, ...server], processes }, missedTargets: missed }
}

/** A whole member registration on each store, against the driver's own throughput. */
export const registrationSection: BenchModule = { key: 'registration', run }
