/**
 * ICD-10-CM in PostgreSQL (adapters/postgres/icd10cm.ts), on PGlite and on a
 * real server: the database code set answers exactly as the memory one
 * (adapters/memory/icd10cm.ts) — for the bundled sample on generated codes and
 * dates, and for generated sets of overlapping releases; a release is
 * replaced in one transaction; a synthetic release the size of the official
 * file (~98,000 lines) loads in seconds (the times are printed); and
 * `postgresPorts` answers from the database inside a use case's transaction.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import {
  formatIcd10cmOrderLine,
  ICD10CM_ORDER_SAMPLE,
  ICD10CM_SAMPLE_VALIDITY,
  Icd10cmRelease,
  memoryDiagnosisCodeSet,
  parseIcd10cmOrderFile
} from '../../adapters/memory'
import type { Icd10cmEntry } from '../../adapters/memory/icd10cm'
import { fromPGlite, loadIcd10cmRelease, migrate, postgresDiagnosisCodeSet, postgresPorts, SqlDatabase } from '../../adapters/postgres'
import { TEST_ONLY_SCRYPT, scryptPasswordHasher } from '../../adapters/system'
import { run } from '../../src/portals/portal'
import type { Ports } from '../../src/ports'
import { IcdCode } from '../../src/prior-authorization'
import { DiagnosisCodeSet } from '../../src/prior-authorization/ports'
import { validIcdCode } from '../../src/testkit'
import { createTestDatabase, DATABASE_URL_MISSING, TestDatabase } from '../support/postgres-harness'

const parsed = (text: string, from: string, to: string): Icd10cmRelease => {
  const r = parseIcd10cmOrderFile(text, from, to)
  if (E.isLeft(r)) assert.fail(JSON.stringify(r.left))
  return r.right
}

const SAMPLE = parsed(ICD10CM_ORDER_SAMPLE, ICD10CM_SAMPLE_VALIDITY.validFrom, ICD10CM_SAMPLE_VALIDITY.validTo)
const SAMPLE_ENTRIES = [...SAMPLE.entries.values()]
const SAMPLE_CODES = SAMPLE_ENTRIES.map((e) => e.code)

const day = (iso: string, days: number): string => DateTime.fromISO(iso, { zone: 'utc' }).plus({ days }).toISODate() as string

// -------------------------------------------------------------------------------------
// generators
// -------------------------------------------------------------------------------------

/** A code: one of the sample's (most of the time), a well-formed code it lacks, or one not in canonical form. */
const anyCode: fc.Arbitrary<IcdCode> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...SAMPLE_CODES) },
  { weight: 2, arbitrary: validIcdCode },
  { weight: 1, arbitrary: fc.constantFrom(...SAMPLE_CODES).map((c) => c.replace('.', '').toLowerCase() as IcdCode) }
)

/** An ISO date from 2020 to 2032. */
const isoDateBetween = (from: string, to: string): fc.Arbitrary<string> => {
  const start = DateTime.fromISO(from, { zone: 'utc' })
  const days = Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(start, 'days').days)
  return fc.integer({ min: 0, max: days }).map((d) => start.plus({ days: d }).toISODate() as string)
}

/** What may be asked as a service date: ISO dates (boundaries often), and text that is no ISO date. */
const serviceDate = (boundaries: ReadonlyArray<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: isoDateBetween('2020-01-01', '2032-12-31') },
    { weight: 3, arbitrary: fc.constantFrom(...boundaries.flatMap((b) => [day(b, -1), b, day(b, 1)])) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom('2025-13-01', '2026-02-29', '2025-02-30', '0000-01-01', '2025-1-1', '', ' ', 'not a date', '10/01/2025', ' 2025-10-01', '2025-10-01T00:00:00', '20251001', '+02025-10-01', '9999-12-31'),
        fc.string({ maxLength: 12 })
      )
    }
  )

/** Both code sets answer the same, errors included. */
const agree = async (memory: DiagnosisCodeSet, database: DiagnosisCodeSet, code: IcdCode, date: string): Promise<void> => {
  assert.deepEqual(await database.isBillable(code, date)(), await memory.isBillable(code, date)(), `isBillable(${JSON.stringify(code)}, ${JSON.stringify(date)})`)
  assert.deepEqual(await database.describe(code)(), await memory.describe(code)(), `describe(${JSON.stringify(code)})`)
}

/** 1 to 3 releases with distinct start dates (2024–2028), overlapping or not, each a subset of the sample with flags and descriptions changed. */
const releases: fc.Arbitrary<ReadonlyArray<Icd10cmRelease>> = fc
  .uniqueArray(
    fc.record({
      validFrom: isoDateBetween('2024-01-01', '2028-12-31'),
      days: fc.oneof(fc.integer({ min: 0, max: 800 }), fc.constant(0)),
      picks: fc.subarray(SAMPLE_ENTRIES, { minLength: 1 }),
      flips: fc.array(fc.boolean(), { minLength: SAMPLE_ENTRIES.length, maxLength: SAMPLE_ENTRIES.length }),
      edition: fc.integer({ min: 1, max: 9 })
    }),
    { minLength: 1, maxLength: 3, selector: (r) => r.validFrom }
  )
  .map((rs) =>
    rs.map(({ validFrom, days, picks, flips, edition }) => ({
      validFrom,
      validTo: day(validFrom, days),
      entries: new Map(
        picks.map((e, i): [IcdCode, Icd10cmEntry] => [
          e.code,
          { ...e, billable: flips[i] ? !e.billable : e.billable, shortDescription: `${e.shortDescription} (ed. ${edition})`, longDescription: `${e.longDescription} (edition ${edition})` }
        ])
      )
    }))
  )

/**
 * A synthetic release of `n` well-formed, distinct codes (L99.99 style), every
 * 7th a header, with descriptions of realistic length, written as order-file
 * lines and read back with the memory adapter's reader.
 */
const syntheticOrderFile = (n: number): string => {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWYZ'
  const lines: string[] = []
  for (let i = 0; i < n; i++) {
    const category = `${letters[i % 25]}${String(Math.floor(i / 25) % 100).padStart(2, '0')}`
    const code = `${category}.${String(Math.floor(i / 2500)).padStart(2, '0')}` as IcdCode
    lines.push(
      formatIcd10cmOrderLine({
        orderNumber: i + 1,
        code,
        billable: i % 7 !== 0,
        shortDescription: `Synthetic condition ${i} of category ${category}, unspecified site`.slice(0, 60),
        longDescription: `Synthetic condition number ${i} of category ${category}, unspecified site, initial encounter for closed fracture with routine healing`
      })
    )
  }
  return lines.join('\n') + '\n'
}

// -------------------------------------------------------------------------------------
// the checks, on any database
// -------------------------------------------------------------------------------------

const checks = (store: string, open: () => Promise<SqlDatabase>) => {
  let db: SqlDatabase
  before(async () => {
    db = await open()
  })
  const clear = () => db.exec('DELETE FROM icd10cm_releases')
  const load = async (release: Icd10cmRelease) => {
    const r = await loadIcd10cmRelease(db, release)
    assert.ok(E.isRight(r), JSON.stringify(r))
    return r.right
  }

  test('with no release loaded, every service date is refused as the memory code set refuses it', async () => {
    await clear()
    const database = postgresDiagnosisCodeSet(db)
    const memory = memoryDiagnosisCodeSet([])
    for (const date of ['2026-01-15', 'not a date']) await agree(memory, database, 'E11.9' as IcdCode, date)
    const r = await database.isBillable('E11.9' as IcdCode, '2026-01-15')()
    assert.ok(E.isLeft(r) && r.left.code === 'field.invalid' && r.left.field === 'serviceDate', JSON.stringify(r))
  })

  test('the bundled sample: the database code set agrees with the memory one on generated codes and dates', async () => {
    await clear()
    const report = await load(SAMPLE)
    assert.deepEqual(report, { validFrom: SAMPLE.validFrom, validTo: SAMPLE.validTo, codes: SAMPLE.entries.size, replaced: false })
    const database = postgresDiagnosisCodeSet(db)
    const memory = memoryDiagnosisCodeSet([SAMPLE])
    // the guide's codes, by hand
    assert.deepEqual(await database.isBillable('E11.9' as IcdCode, '2026-11-22')(), E.right(true))
    assert.deepEqual(await database.isBillable('E11' as IcdCode, '2026-11-22')(), E.right(false))
    await fc.assert(
      fc.asyncProperty(anyCode, serviceDate([SAMPLE.validFrom, SAMPLE.validTo]), (code, date) => agree(memory, database, code, date)),
      { numRuns: 300 }
    )
  })

  test('generated sets of overlapping releases: the latest-starting release in force answers, the newest listing describes, as in memory', async () => {
    const database = postgresDiagnosisCodeSet(db)
    await fc.assert(
      fc.asyncProperty(releases, fc.array(fc.tuple(anyCode, fc.integer({ min: 0, max: 3 }), isoDateBetween('2023-06-01', '2031-12-31')), { minLength: 5, maxLength: 15 }), async (rs, probes) => {
        await clear()
        for (const r of rs) await load(r)
        const memory = memoryDiagnosisCodeSet(rs)
        const boundaries = rs.flatMap((r) => [r.validFrom, r.validTo])
        for (const [code, pick, date] of probes) {
          // half the probes at or next to a release's boundary
          const b = boundaries[pick % boundaries.length] as string
          await agree(memory, database, code, pick < 2 ? date : day(b, pick - 2))
        }
      }),
      { numRuns: 40 }
    )
  })

  test('loading a release again replaces it whole; a load that fails part-way leaves the previous one as it was', async () => {
    await clear()
    await load(SAMPLE)
    const edited: Icd10cmRelease = {
      ...SAMPLE,
      validTo: '2026-09-30',
      entries: new Map(SAMPLE_ENTRIES.slice(0, 10).map((e) => [e.code, { ...e, billable: !e.billable, shortDescription: `${e.shortDescription}, revised` }]))
    }
    const report = await load(edited)
    assert.deepEqual(report, { validFrom: SAMPLE.validFrom, validTo: '2026-09-30', codes: 10, replaced: true })
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM icd10cm_codes')).rows[0]?.n
    assert.equal(await count(), 10)
    const database = postgresDiagnosisCodeSet(db)
    const memory = memoryDiagnosisCodeSet([edited])
    for (const code of SAMPLE_CODES) for (const date of ['2025-10-01', '2026-09-30', '2026-10-01']) await agree(memory, database, code, date)

    // a NUL in a description: PostgreSQL refuses the row after the release row and the earlier batches went in
    const broken: Icd10cmRelease = {
      ...SAMPLE,
      entries: new Map([...SAMPLE.entries].map(([c, e], i) => [c, i === SAMPLE.entries.size - 1 ? { ...e, longDescription: 'bad\u0000text' } : e]))
    }
    const r = await loadIcd10cmRelease(db, broken)
    assert.ok(E.isLeft(r) && r.left.code === 'storage.unavailable', JSON.stringify(r))
    assert.equal(await count(), 10, 'the edited release is still whole')
    for (const code of SAMPLE_CODES) await agree(memory, database, code, '2026-01-01')
  })

  test('a release that is no release is refused before anything is written', async () => {
    await clear()
    await load(SAMPLE)
    const cases: ReadonlyArray<readonly [Icd10cmRelease, string]> = [
      [{ ...SAMPLE, validFrom: '2025-02-30' }, 'validFrom'],
      [{ ...SAMPLE, validFrom: '0000-10-01' }, 'validFrom'],
      [{ ...SAMPLE, validTo: 'next year' }, 'validTo'],
      [{ ...SAMPLE, validTo: '2025-09-30' }, 'validTo'],
      [{ ...SAMPLE, entries: new Map() }, 'entries']
    ]
    for (const [release, field] of cases) {
      const r = await loadIcd10cmRelease(db, release)
      assert.ok(E.isLeft(r) && r.left.code === 'field.invalid' && r.left.field === field, `${field}: ${JSON.stringify(r)}`)
    }
    const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM icd10cm_codes')).rows[0]?.n
    assert.equal(n, SAMPLE.entries.size)
  })

  test("postgresPorts answers diagnoses from the database inside a use case's transaction (on PGlite, its only connection)", async () => {
    await clear()
    await load(SAMPLE)
    const ports = postgresPorts({ db, hashKey: new Uint8Array(32).fill(3) as never, passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT) })
    const inUseCase = (code: string, date: string) =>
      run(ports)((env: Ports) => async () => {
        const r = await env.diagnosisCodes.isBillable(code as IcdCode, date)()
        return E.isLeft(r) ? E.left([r.left] as const) : r
      })
    const within = <A>(p: Promise<A>): Promise<A> =>
      Promise.race([p, new Promise<A>((_, reject) => setTimeout(() => reject(new Error('the use case never finished: a query waited on the transaction')), 10_000).unref())])
    assert.deepEqual(await within(inUseCase('E11.9', '2026-11-22')), E.right(true))
    assert.deepEqual(await within(inUseCase('E11', '2026-11-22')), E.right(false))
    const none = await within(inUseCase('E11.9', '2020-01-01'))
    assert.ok(E.isLeft(none) && none.left[0]?.code === 'field.invalid' && none.left[0]?.field === 'serviceDate', JSON.stringify(none))
    // outside a use case too
    assert.deepEqual(await ports.diagnosisCodes.describe('E11.9' as IcdCode)(), await memoryDiagnosisCodeSet([SAMPLE]).describe('E11.9' as IcdCode)())
  })

  test('a synthetic release the size of the official file (98,000 lines) loads in one transaction; lookups agree with memory', async () => {
    await clear()
    const text = syntheticOrderFile(98_000)
    const t0 = performance.now()
    const big = parsed(text, '2025-10-01', '2026-09-30')
    const t1 = performance.now()
    const report = await load(big)
    const t2 = performance.now()
    assert.equal(report.codes, 98_000)
    const again = await load(big)
    const t3 = performance.now()
    assert.equal(again.replaced, true)
    const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM icd10cm_codes')).rows[0]?.n
    assert.equal(n, 98_000)
    const database = postgresDiagnosisCodeSet(db)
    const memory = memoryDiagnosisCodeSet([big])
    const codes = [...big.entries.keys()]
    const t4 = performance.now()
    for (let i = 0; i < 200; i++) await agree(memory, database, codes[(i * 7919) % codes.length] as IcdCode, i % 2 === 0 ? '2026-03-01' : '2026-10-01')
    const t5 = performance.now()
    console.log(
      `# ${store}: 98,000-line release: parsed in ${(t1 - t0).toFixed(0)} ms, loaded in ${(t2 - t1).toFixed(0)} ms, ` +
        `replaced in ${(t3 - t2).toFixed(0)} ms; 200 lookups (isBillable + describe) in ${(t5 - t4).toFixed(0)} ms`
    )
  })
}

describe('ICD-10-CM in PostgreSQL: PGlite', () => {
  let db: SqlDatabase | undefined
  after(() => db?.close())
  checks('PGlite', async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    db = fromPGlite(await PGlite.create())
    const m = await migrate(db)
    assert.ok(E.isRight(m), JSON.stringify(m))
    return db
  })
})

describe('ICD-10-CM in PostgreSQL: server', () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names a PostgreSQL server', () => assert.ok(url, DATABASE_URL_MISSING))
  if (!url) return
  let database: TestDatabase | undefined
  after(() => database?.drop())
  checks('server', async () => {
    database = await createTestDatabase('hpdm_icd10cm', { max: 4 })
    return database.db
  })

  test('two processes loading the same release at once: both succeed, one after the other, and the release is whole', async () => {
    assert.ok(database)
    await database.db.exec('DELETE FROM icd10cm_releases')
    const big = parsed(syntheticOrderFile(20_000), '2025-10-01', '2026-09-30')
    const results = await Promise.all([0, 1, 2].map(() => loadIcd10cmRelease(database!.db, big)))
    for (const r of results) assert.ok(E.isRight(r), JSON.stringify(r))
    assert.deepEqual(results.map((r) => (E.isRight(r) ? r.right.replaced : undefined)).sort(), [false, true, true])
    const n = (await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM icd10cm_codes')).rows[0]?.n
    assert.equal(n, 20_000)
  })
})
