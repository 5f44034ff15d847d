/**
 * A test harness over a real PostgreSQL server: the HPP preset bound to
 * `postgresPorts` over a pg Pool, with a manual clock, a fixed keyed-hash key,
 * cheap scrypt, the plan's member directory, and e-mail delivered either to an
 * in-memory outbox or over real SMTP to a test inbox (startSmtpInbox). Mirrors
 * test/support/hpp-harness.ts.
 *
 * Every test file makes its own database on the server (`createTestDatabase`)
 * and drops it at the end, so files never see each other's rows.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { Client, Pool } from 'pg'
import { capabilities, createPortal, harmony, hpp } from '../../src'
import type { Portal, PortalPreset } from '../../src/portals/portal'
import { Random } from '../../src/ports/random'
import { KeyedHasher } from '../../src/ports/keyed-hasher'
import { PasswordHasher } from '../../src/ports/password-hasher'
import {
  ManualClock,
  manualClock,
  memberDirectoryFromData,
  MemberData,
  outboxMailer,
  OutboxMailer,
  providerDirectoryFromData,
  ProviderData,
  RepresentativeData,
  CreditFileData,
  knowledgeBasedVerificationFromData,
  PracticeData,
  practiceDirectoryFromData,
  seededRandom as bureauRandom
} from '../../adapters/memory'
import type { SmsSender } from '../../src/ports/mfa'
import { HashKey, hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'
import { fromPgPool, migrate, postgresPorts, PostgresPorts, SqlDatabase } from '../../adapters/postgres'
import { smtpMailer, SmtpMailer } from '../../adapters/smtp'
import { startSmtpInbox, SmtpInbox } from './smtp-inbox'

export const START = '2026-11-22T09:00:00'
export const ZONE = 'America/New_York'
export const TODAY = '2026-11-22'

/** The fixed server key the PostgreSQL tests use. */
export const TEST_HASH_KEY = new Uint8Array(32).fill(7) as HashKey

// -------------------------------------------------------------------------------------
// the server and a database of one's own
// -------------------------------------------------------------------------------------

/** What a PostgreSQL test says when there is no server to run on. */
export const DATABASE_URL_MISSING =
  'DATABASE_URL is not set: these tests need a real PostgreSQL server. Run them through `node scripts/with-postgres.js …` (or `npm test`), which starts a throwaway one.'

/** DATABASE_URL, or a loud failure that says how to get one. */
export const requireDatabaseUrl = (): string => {
  const url = process.env.DATABASE_URL
  if (url === undefined || url.trim() === '') throw new Error(DATABASE_URL_MISSING)
  return url
}

/** A database created for one test file, migrated, with its pool. */
export interface TestDatabase {
  readonly name: string
  readonly pool: Pool
  readonly db: SqlDatabase
  /** Closes the pool and drops the database (idempotent). */
  readonly drop: () => Promise<void>
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`

/**
 * Creates a fresh database on the DATABASE_URL server (`<prefix>_<pid>_<random>`),
 * applies the migrations, and opens a pool of up to `max` connections to it.
 */
export const createTestDatabase = async (prefix: string, options: { readonly max?: number } = {}): Promise<TestDatabase> => {
  const url = requireDatabaseUrl()
  const name = `${prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`)
  } finally {
    await admin.end()
  }
  const target = new URL(url)
  target.pathname = `/${name}`
  const pool = new Pool({ connectionString: target.toString(), max: options.max ?? 10 })
  // An idle client losing its server must not crash the test process.
  pool.on('error', () => undefined)
  const db = fromPgPool(pool)
  const migrated = await migrate(db)
  if (E.isLeft(migrated)) {
    await pool.end()
    throw new Error(`migrations failed on ${name}: ${JSON.stringify(migrated.left)}`)
  }
  let dropped: Promise<void> | undefined
  const drop = () =>
    (dropped ??= (async () => {
      await pool.end()
      const c = new Client({ connectionString: url })
      await c.connect()
      try {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
      } finally {
        await c.end()
      }
    })())
  return { name, pool, db, drop }
}

// -------------------------------------------------------------------------------------
// deterministic randomness
// -------------------------------------------------------------------------------------

/**
 * A CSPRNG stand-in for tests that must be reproducible: bytes from SHA-256 of
 * (seed, counter), and version-4 UUIDs whose variable digits are letters a–f
 * only (valid for PostgreSQL's uuid type, and with no digits that could be
 * mistaken for a verification code).
 */
export const seededRandom = (seed: string): Random => {
  let counter = 0
  let uuids = 0
  const block = (): Buffer => createHash('sha256').update(`${seed}\u0000${counter++}`).digest()
  const letters = (n: number, width: number): string => {
    let s = ''
    for (let i = 0; i < width; i++) {
      s = 'abcdef'[n % 6] + s
      n = Math.floor(n / 6)
    }
    return s
  }
  return {
    bytes: (n) => {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i += 32) out.set(block().subarray(0, Math.min(32, n - i)), i)
      return out
    },
    uuid: () => {
      const n = ++uuids
      return `${letters(n, 8)}-${letters(Math.floor(n / 7), 4)}-4${letters(n * 31, 3)}-a${letters(n * 17, 3)}-${letters(n * 7919, 12)}`
    }
  }
}

// -------------------------------------------------------------------------------------
// the harness
// -------------------------------------------------------------------------------------

export interface PostgresHarnessOptions {
  /** The database to run on; when absent the harness creates one and `close()` drops it. */
  readonly database?: TestDatabase
  /** Pool size when the harness creates the database. */
  readonly poolMax?: number
  /** `outbox` (default): an in-memory mailer receives what the relay delivers; `smtp`: a real SMTP exchange with a test inbox. */
  readonly delivery?: 'outbox' | 'smtp'
  readonly members?: ReadonlyArray<MemberData>
  readonly representatives?: ReadonlyArray<RepresentativeData>
  /** The plan's provider directory (Harmony), decoded with the preset's Provider ID format. */
  readonly providers?: ReadonlyArray<ProviderData>
  readonly random?: Random
  readonly hashKey?: HashKey
  readonly preset?: typeof hpp.preset | typeof harmony.preset
  /** HARP: CMS's practice records, decoded with the harness's keyed hasher. */
  readonly practices?: ReadonlyArray<PracticeData>
  /** HARP: the credit bureau's files (its quizzes drawn from a seeded source). */
  readonly creditFiles?: ReadonlyArray<CreditFileData>
  /** HARP: where texted codes go once the SMS outbox relays them. */
  readonly smsDelivery?: SmsSender
  /** Replace the HMAC keyed hasher (e.g. to prove a leak detector works). */
  readonly keyedHasher?: KeyedHasher
  /** Replace cheap scrypt. */
  readonly passwordHasher?: PasswordHasher
}

/** The harness serves either preset, so its portal is typed with every capability; one the preset lacks answers `portal.not-offered`. */
export type AnyPresetPortal = Portal<PortalPreset<typeof capabilities.shippedCapabilities>>

export interface PostgresHarness {
  readonly portal: AnyPresetPortal
  readonly ports: PostgresPorts
  readonly db: SqlDatabase
  readonly pool: Pool
  readonly database: TestDatabase
  readonly clock: ManualClock
  readonly hashKey: HashKey
  readonly keyedHasher: KeyedHasher
  /** The in-memory mailer, when delivery is `outbox`. */
  readonly mailer: OutboxMailer | undefined
  /** The SMTP test inbox, when delivery is `smtp`. */
  readonly inbox: SmtpInbox | undefined
  /** The plain-text bodies delivered to `address`, in the order they arrived. */
  readonly delivered: (address: string) => ReadonlyArray<string>
  /** The code in the newest e-mail delivered to `address` (fails the test if there is none). */
  readonly lastCode: (address: string) => string
  /**
   * Waits until at least `count` e-mails have reached `address` (running the
   * relay meanwhile, in case another relay holds the message), then returns
   * the code in the newest. Needed under concurrency: a use case's own relay
   * pass skips a message another pass has already claimed.
   */
  readonly waitForCode: (address: string, count?: number, timeoutMs?: number) => Promise<string>
  /** Makes every later delivery fail: stops the SMTP inbox, or sets the outbox to fail. */
  readonly breakDelivery: () => Promise<void>
  /** Closes the mailer and the inbox, and drops the database if the harness created it. */
  readonly close: () => Promise<void>
}

const codeIn = (text: string | undefined): string | undefined => /Your code is: (\d+)/.exec(text ?? '')?.[1]

/** Builds the HPP portal over PostgreSQL. */
export const postgresHarness = async (options: PostgresHarnessOptions = {}): Promise<PostgresHarness> => {
  const ownsDatabase = options.database === undefined
  const database = options.database ?? (await createTestDatabase('hpdm_harness', { max: options.poolMax ?? 10 }))
  const clock = manualClock(DateTime.fromISO(START, { zone: ZONE }))
  const hashKey = options.hashKey ?? TEST_HASH_KEY
  const keyedHasher = options.keyedHasher ?? hmacKeyedHasher(hashKey)
  const directory = memberDirectoryFromData(
    { members: options.members ?? [], representatives: options.representatives ?? [] },
    { memberId: hpp.memberIdFormat, representativeId: hpp.representativeIdFormat },
    keyedHasher,
    TODAY
  )
  if (E.isLeft(directory)) assert.fail(`member data did not load: ${JSON.stringify(directory.left)}`)
  const providers = providerDirectoryFromData(
    options.providers ?? [],
    (options.preset ?? hpp.preset).policies.providers?.providerIdFormat ?? harmony.providerIdFormat,
    keyedHasher
  )
  if (E.isLeft(providers)) assert.fail(`provider data did not load: ${JSON.stringify(providers.left)}`)

  const loaded = <A>(what: string, v: E.Either<unknown, A>): A => {
    if (E.isLeft(v)) assert.fail(`${what} data did not load: ${JSON.stringify(v.left)}`)
    return v.right
  }
  let mailer: OutboxMailer | undefined
  let inbox: SmtpInbox | undefined
  let smtp: SmtpMailer | undefined
  if (options.delivery === 'smtp') {
    inbox = await startSmtpInbox()
    smtp = smtpMailer({ host: '127.0.0.1', port: inbox.port, ignoreTLS: true, connectionTimeout: 1000, greetingTimeout: 1000, socketTimeout: 2000 })
  } else {
    mailer = outboxMailer()
  }

  const ports = postgresPorts({
    db: database.db,
    hashKey,
    clock,
    zone: ZONE,
    keyedHasher,
    members: directory.right,
    providers: providers.right,
    passwordHasher: options.passwordHasher ?? scryptPasswordHasher(TEST_ONLY_SCRYPT),
    delivery: smtp ?? (mailer as OutboxMailer),
    ...(options.random ? { random: options.random } : {}),
    ...(options.practices ? { practices: loaded('practice', practiceDirectoryFromData(options.practices, keyedHasher)) } : {}),
    ...(options.creditFiles
      ? { knowledgeBasedVerification: loaded('credit file', knowledgeBasedVerificationFromData(options.creditFiles, keyedHasher, bureauRandom('credit-bureau'), TODAY)) }
      : {}),
    ...(options.smsDelivery ? { smsDelivery: options.smsDelivery } : {})
  })
  const portal = createPortal(options.preset ?? hpp.preset, ports) as unknown as AnyPresetPortal

  const delivered = (address: string): ReadonlyArray<string> =>
    inbox !== undefined ? inbox.inbox(address).map((m) => m.text ?? '') : (mailer as OutboxMailer).inbox(address).map((m) => m.text)

  const lastCode = (address: string): string => {
    const texts = delivered(address)
    const code = codeIn(texts[texts.length - 1])
    assert.ok(code !== undefined, `no code e-mailed to ${address}`)
    return code
  }

  const waitForCode = async (address: string, count = 1, timeoutMs = 10_000): Promise<string> => {
    const until = Date.now() + timeoutMs
    while (delivered(address).length < count) {
      if (Date.now() > until) assert.fail(`fewer than ${count} e-mail(s) reached ${address} within ${timeoutMs} ms (got ${delivered(address).length})`)
      await ports.relay.deliverPending()
      await new Promise((r) => setTimeout(r, 5))
    }
    return lastCode(address)
  }

  const breakDelivery = async (): Promise<void> => {
    if (inbox !== undefined) await inbox.stop()
    else mailer?.failDeliveries(true)
  }

  const close = async (): Promise<void> => {
    await smtp?.close()
    await inbox?.stop()
    if (ownsDatabase) await database.drop()
  }

  return {
    portal,
    ports,
    db: database.db,
    pool: database.pool,
    database,
    clock,
    hashKey,
    keyedHasher,
    mailer,
    inbox,
    delivered,
    lastCode,
    waitForCode,
    breakDelivery,
    close
  }
}

/** Unwraps a right, failing the test with the errors otherwise. */
export const rightOf = <A>(r: E.Either<ReadonlyArray<{ code: string }>, A>, what = 'step'): A => {
  if (E.isLeft(r)) assert.fail(`${what} failed: ${JSON.stringify(r.left)}`)
  return r.right
}

/** The error codes of a left (empty for a right). */
export const codesOf = (r: E.Either<ReadonlyArray<{ code: string }>, unknown>): string[] => (E.isLeft(r) ? r.left.map((e) => e.code) : [])
