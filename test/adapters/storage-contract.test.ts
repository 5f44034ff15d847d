/**
 * The storage contract (src/testkit/storage-contract.ts) on every store:
 * memory, PGlite (one instance, a fresh schema-less truncate per check) and a
 * real PostgreSQL server at DATABASE_URL (`npm test` starts one). Accounts,
 * flows (sign-up and provider registration), code ledgers and provider
 * registrations (whose account_id references accounts: the contract inserts
 * the account first).
 */
import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { Pool } from 'pg'
import { storageContract, StoreUnderTest } from '../../src/testkit/storage-contract'
import { memoryStore } from '../../adapters/memory'
import { accountRepository, codeLedgerRepository, flowRepository, fromPgPool, fromPGlite, migrate, registrationRepository, SqlDatabase } from '../../adapters/postgres'

const sqlStore = (db: SqlDatabase) => async (): Promise<StoreUnderTest> => ({
  store: { accounts: accountRepository(db), flows: flowRepository(db), codeLedgers: codeLedgerRepository(db), registrations: registrationRepository(db) },
  close: async () => {}
})

const migrated = async (db: SqlDatabase): Promise<SqlDatabase> => {
  const r = await migrate(db)
  assert.ok(E.isRight(r), `migrations failed: ${JSON.stringify(r)}`)
  return db
}

describe('storage contract: memory', () => {
  for (const check of storageContract(async () => ({ store: memoryStore(), close: async () => {} }), randomUUID)) test(check.name, check.run)
})

describe('storage contract: controls (it fails stores that break the registration rules)', () => {
  const checksOf = (store: () => StoreUnderTest['store']) => storageContract(async () => ({ store: store(), close: async () => {} }), randomUUID)
  const fails = async (checks: ReturnType<typeof checksOf>, name: RegExp) => {
    const check = checks.find((c) => name.test(c.name))
    assert.ok(check, `no check named ${name}`)
    await assert.rejects(check.run(), /storage contract/)
  }

  test('a store that loses the users of a registration fails the round trip', async () => {
    await fails(
      checksOf(() => {
        const s = memoryStore()
        return { ...s, registrations: { ...s.registrations, findByProviderId: (id) => pipe(s.registrations.findByProviderId(id), TE.map(O.map((r) => ({ ...r, users: [] })))) } }
      }),
      /found by its Provider ID/
    )
  })

  test('a store that accepts a second registration for a Provider ID fails', async () => {
    await fails(
      checksOf(() => {
        const s = memoryStore()
        // a fresh table for every insert: no uniqueness at all
        return { ...s, registrations: { ...s.registrations, insert: (r) => memoryStore().registrations.insert(r) } }
      }),
      /second registration/
    )
  })
})

describe('storage contract: PGlite', async () => {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await migrated(fromPGlite(await PGlite.create()))
  after(() => db.close())
  for (const check of storageContract(sqlStore(db), randomUUID)) test(check.name, check.run)
})

describe('storage contract: PostgreSQL server', async () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names the server (npm test starts one)', () => assert.ok(url, 'DATABASE_URL is not set: run `npm test`, or scripts/with-postgres.js'))
  if (!url) return
  const db = await migrated(fromPgPool(new Pool({ connectionString: url, max: 8 })))
  after(() => db.close())
  for (const check of storageContract(sqlStore(db), randomUUID)) test(check.name, check.run)
})
