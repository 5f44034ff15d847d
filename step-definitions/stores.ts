/**
 * The stores a scenario can run on. Memory is fresh per scenario. PGlite and
 * PostgreSQL are opened once per process (PGlite costs seconds and a gigabyte
 * to create) and emptied before each scenario; on PostgreSQL, e-mail goes
 * through a real SMTP exchange with an inbox server on 127.0.0.1.
 *
 * The bundled ICD-10-CM sample release is loaded into the database once per
 * process, when it is opened: `postgresPorts` answers diagnoses from the
 * database, and the per-scenario TRUNCATE leaves the release tables alone.
 *
 * These process-wide handles are infrastructure, not scenario state: every
 * scenario's state still lives in its World.
 */
import { AfterAll } from '@cucumber/cucumber'
import { Pool } from 'pg'
import * as E from 'fp-ts/lib/Either.js'
import { fromPgPool, fromPGlite, loadIcd10cmRelease, migrate, SqlDatabase } from '../adapters/postgres'
import { ICD10CM_ORDER_SAMPLE, ICD10CM_SAMPLE_VALIDITY, parseIcd10cmOrderFile } from '../adapters/memory'
import { smtpMailer, SmtpMailer } from '../adapters/smtp'
import { startSmtpInbox, SmtpInbox } from '../test/support/smtp-inbox'

/** Which adapter set a profile asks for. */
export type StoreKind = 'memory' | 'pglite' | 'postgres'

/** A database shared by the scenarios of this process, and its SMTP link when there is one. */
export interface SharedStore {
  readonly db: SqlDatabase
  readonly smtp?: { readonly inbox: SmtpInbox; readonly mailer: SmtpMailer }
}

/** Emptied before each scenario (not the ICD-10-CM releases: loaded once per process). */
const TABLES =
  'provider_registrations, accounts, flows, code_ledgers, mail_outbox, authorization_requests, clinical_attachments, ' +
  'organisations, client_access_requests, postal_outbox, eservices_requests, ' +
  'identity_records, manual_proofings, mfa_devices, totp_credentials, push_ledgers, sms_outbox, voice_outbox, ' +
  'harp_organisations, harp_help_desk_requests'
let shared: Promise<SharedStore> | undefined

const open = async (kind: Exclude<StoreKind, 'memory'>): Promise<SharedStore> => {
  if (kind === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite')
    const db = fromPGlite(await PGlite.create())
    return ready({ db })
  }
  const url = process.env.DATABASE_URL
  if (url === undefined || url === '')
    throw new Error('the postgres profile needs DATABASE_URL: run it as `npm run spec:postgres`, which starts a throwaway server')
  const db = fromPgPool(new Pool({ connectionString: url, max: 10 }))
  const inbox = await startSmtpInbox()
  return ready({ db, smtp: { inbox, mailer: smtpMailer({ host: '127.0.0.1', port: inbox.port, secure: false, ignoreTLS: true }) } })
}

const ready = async (store: SharedStore): Promise<SharedStore> => {
  const migrated = await migrate(store.db)
  if (E.isLeft(migrated)) throw new Error(`migrations failed: ${JSON.stringify(migrated.left)}`)
  const sample = parseIcd10cmOrderFile(ICD10CM_ORDER_SAMPLE, ICD10CM_SAMPLE_VALIDITY.validFrom, ICD10CM_SAMPLE_VALIDITY.validTo)
  if (E.isLeft(sample)) throw new Error(`the bundled ICD-10-CM sample does not parse: ${JSON.stringify(sample.left)}`)
  const loaded = await loadIcd10cmRelease(store.db, sample.right)
  if (E.isLeft(loaded)) throw new Error(`the ICD-10-CM sample did not load: ${JSON.stringify(loaded.left)}`)
  // A table the migrations add but TABLES leaves out would carry rows from one scenario into the next: fail loudly instead.
  const tables = await store.db.query<{ readonly name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
  const emptied = new Set(TABLES.split(/,\s*/))
  const kept = new Set(['icd10cm_releases', 'icd10cm_codes', 'schema_migrations'])
  const missed = tables.rows.map((r) => r.name).filter((n) => !emptied.has(n) && !kept.has(n))
  if (missed.length > 0) throw new Error(`step-definitions/stores.ts TABLES must list ${missed.join(', ')}: the migrations create them`)
  return store
}

/** The process's shared store, emptied for a new scenario. */
export const freshSharedStore = async (kind: Exclude<StoreKind, 'memory'>): Promise<SharedStore> => {
  shared ??= open(kind)
  const store = await shared
  await store.db.exec(`TRUNCATE ${TABLES} RESTART IDENTITY`)
  store.smtp?.inbox.clear()
  return store
}

AfterAll(async function () {
  if (shared === undefined) return
  const store = await shared
  await store.smtp?.mailer.close()
  await store.smtp?.inbox.stop()
  await store.db.close()
})
