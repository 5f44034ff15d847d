/**
 * The storage contract (src/testkit/storage-contract.ts) on every store:
 * memory, PGlite (one instance, a fresh schema-less truncate per check) and a
 * real PostgreSQL server at DATABASE_URL (`npm test` starts one).
 */
import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { Pool } from 'pg'
import { storageContract, StoreUnderTest } from '../../src/testkit/storage-contract'
import { memoryStore } from '../../adapters/memory'
import { accountRepository, codeLedgerRepository, flowRepository, fromPgPool, fromPGlite, migrate, SqlDatabase } from '../../adapters/postgres'

const sqlStore = (db: SqlDatabase) => async (): Promise<StoreUnderTest> => ({
  store: { accounts: accountRepository(db), flows: flowRepository(db), codeLedgers: codeLedgerRepository(db) },
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
