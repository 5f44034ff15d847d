/**
 * ICD-10-CM releases in PostgreSQL: a loader that replaces one release in one
 * transaction, and a `DiagnosisCodeSet` over the loaded releases with exactly
 * the semantics of the memory adapter's `memoryDiagnosisCodeSet` (the release
 * in force on the service date, the latest-starting one if ranges overlap;
 * descriptions from the newest release that lists the code).
 *
 * @since 0.2.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError, invalidRow, storageUnavailable } from '../../src/kernel/errors'
import { DiagnosisCodeSet } from '../../src/prior-authorization/ports'
import type { Icd10cmRelease } from '../memory/icd10cm'
import { SqlClient, SqlDatabase, toDomainError } from './sql'

// The same test as the memory code set's: four-digit year, real calendar date.
const isoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid

const notAnIsoDate = (): DomainError =>
  domainError('field.invalid', { field: 'serviceDate', rule: 'serviceDate must be an ISO date', expected: 'an ISO date such as 2026-11-22' })

const noRelease = (serviceDate: string): DomainError =>
  domainError('field.invalid', {
    field: 'serviceDate',
    rule: `no ICD-10-CM release is in force on ${serviceDate}`,
    expected: 'a date covered by a loaded ICD-10-CM release'
  })

const run = <A>(task: () => Promise<A>): TE.TaskEither<DomainError, A> => TE.tryCatch(task, toDomainError('ICD-10-CM release'))

// Dates compared as ISO text, byte by byte ("C"), as the memory code set compares
// them: whatever the server's DateStyle, and for any date the caller may pass.
const FROM = `to_char(r.valid_from, 'YYYY-MM-DD') COLLATE "C"`
const TO = `to_char(r.valid_to, 'YYYY-MM-DD') COLLATE "C"`

/**
 * A `DiagnosisCodeSet` over the `icd10cm_releases` and `icd10cm_codes`
 * tables (load them with `loadIcd10cmRelease`). A service date that is not an
 * ISO date, or that no loaded release covers, is `field.invalid` on
 * `serviceDate`, as in memory.
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite'
 * import { fromPGlite, postgresDiagnosisCodeSet } from 'health-portal-domain/adapters/postgres'
 * const codes = postgresDiagnosisCodeSet(fromPGlite(new PGlite()))
 * // codes.isBillable('E11.9' as IcdCode, '2026-11-22'): TaskEither<DomainError, boolean>
 */
export const postgresDiagnosisCodeSet = (db: SqlClient): DiagnosisCodeSet => ({
  isBillable: (code, serviceDate) => {
    if (typeof serviceDate !== 'string' || !isoDate(serviceDate)) return TE.left(notAnIsoDate())
    return pipe(
      run(() =>
        db.query<{ billable: unknown }>(
          `SELECT c.billable
             FROM icd10cm_releases r
             LEFT JOIN icd10cm_codes c ON c.valid_from = r.valid_from AND c.code = $1
            WHERE ${FROM} <= $2 AND $2 <= ${TO}
            ORDER BY r.valid_from DESC
            LIMIT 1`,
          [code, serviceDate]
        )
      ),
      TE.chainEitherK((r) => {
        const row = r.rows[0]
        if (row === undefined) return E.left(noRelease(serviceDate))
        if (row.billable !== null && typeof row.billable !== 'boolean') return E.left(invalidRow('icd10cm_codes', 'billable is not a boolean'))
        return E.right(row.billable === true)
      })
    )
  },
  describe: (code) =>
    pipe(
      run(() => db.query<{ short_description: unknown }>('SELECT short_description FROM icd10cm_codes WHERE code = $1 ORDER BY valid_from DESC LIMIT 1', [code])),
      TE.chainEitherK((r) => {
        const row = r.rows[0]
        if (row === undefined) return E.right(O.none)
        return typeof row.short_description === 'string' && row.short_description !== ''
          ? E.right(O.some(row.short_description))
          : E.left(invalidRow('icd10cm_codes', 'short_description is missing'))
      })
    )
})

/** What `loadIcd10cmRelease` did. */
export interface Icd10cmLoadReport {
  readonly validFrom: string
  readonly validTo: string
  /** Codes (lines of the order file) stored. */
  readonly codes: number
  /** Whether a release with the same start date was there before (and was replaced). */
  readonly replaced: boolean
}

/** Rows per INSERT: 5 array parameters each, whatever the size (PostgreSQL allows 65,535 parameters a statement). */
export const ICD10CM_BATCH_ROWS = 10_000

// One pg_advisory_xact_lock key per release start, in a namespace of its own ("icd1").
const LOCK_NAMESPACE = 0x69636431

const checkRelease = (release: Icd10cmRelease): DomainError | undefined => {
  const fine = (s: unknown): s is string => typeof s === 'string' && isoDate(s) && !s.startsWith('0000')
  if (!fine(release.validFrom))
    return domainError('field.invalid', { field: 'validFrom', rule: 'validFrom must be an ISO date', expected: 'an ISO date such as 2025-10-01' })
  if (!fine(release.validTo))
    return domainError('field.invalid', { field: 'validTo', rule: 'validTo must be an ISO date', expected: 'an ISO date such as 2026-09-30' })
  if (release.validTo < release.validFrom)
    return domainError('field.invalid', { field: 'validTo', rule: 'validTo must not be before validFrom', expected: `a date on or after ${release.validFrom}` })
  if (!(release.entries instanceof Map) || release.entries.size === 0)
    return domainError('field.invalid', { field: 'entries', rule: 'a release must hold at least one code', expected: 'the entries of an order file' })
  return undefined
}

/**
 * Stores one ICD-10-CM release (read with `parseIcd10cmOrderFile`), replacing
 * any release that starts on the same date, in one transaction: readers see
 * the old release or the new one, never a part. Rows go in batches of
 * `ICD10CM_BATCH_ROWS` (an official file of ~98,000 lines is 10 statements).
 * Two processes loading the same release at once are serialised.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { PGlite } from '@electric-sql/pglite'
 * import { parseIcd10cmOrderFile, ICD10CM_ORDER_SAMPLE, ICD10CM_SAMPLE_VALIDITY } from 'health-portal-domain/adapters/memory'
 * import { fromPGlite, loadIcd10cmRelease, migrate } from 'health-portal-domain/adapters/postgres'
 * const db = fromPGlite(new PGlite())
 * const release = parseIcd10cmOrderFile(ICD10CM_ORDER_SAMPLE, ICD10CM_SAMPLE_VALIDITY.validFrom, ICD10CM_SAMPLE_VALIDITY.validTo)
 * const loaded = E.isRight(release) ? migrate(db).then(() => loadIcd10cmRelease(db, release.right)) : undefined
 */
export const loadIcd10cmRelease = async (db: SqlDatabase, release: Icd10cmRelease): Promise<E.Either<DomainError, Icd10cmLoadReport>> => {
  const bad = checkRelease(release)
  if (bad !== undefined) return E.left(bad)
  const entries = [...release.entries.values()]
  try {
    const replaced = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, release.validFrom])
      const gone = await tx.query('DELETE FROM icd10cm_releases WHERE valid_from = $1::date', [release.validFrom])
      await tx.query('INSERT INTO icd10cm_releases (valid_from, valid_to, loaded_at) VALUES ($1::date, $2::date, now())', [release.validFrom, release.validTo])
      for (let i = 0; i < entries.length; i += ICD10CM_BATCH_ROWS) {
        const batch = entries.slice(i, i + ICD10CM_BATCH_ROWS)
        await tx.query(
          `INSERT INTO icd10cm_codes (valid_from, code, order_number, billable, short_description, long_description)
           SELECT $1::date, * FROM unnest($2::text[], $3::integer[], $4::boolean[], $5::text[], $6::text[])`,
          [
            release.validFrom,
            batch.map((e) => e.code),
            batch.map((e) => e.orderNumber),
            batch.map((e) => e.billable),
            batch.map((e) => e.shortDescription),
            batch.map((e) => e.longDescription)
          ]
        )
      }
      return gone.rowCount > 0
    })
    return E.right({ validFrom: release.validFrom, validTo: release.validTo, codes: entries.length, replaced })
  } catch (error) {
    return E.left(storageUnavailable(error))
  }
}
