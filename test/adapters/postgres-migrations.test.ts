/**
 * Migrations: one exported function, idempotent, and safe when two processes
 * (here, two connection pools) run it at the same moment on a new database.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { Client, Pool } from 'pg'
import { fromPgPool, fromPGlite, migrate, MIGRATIONS } from '../../adapters/postgres'
import { DATABASE_URL_MISSING } from '../support/postgres-harness'

const latest = Math.max(...MIGRATIONS.map((m) => m.version))

describe('migrations', () => {
  test('on PGlite: the first run applies every version, the second none', async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    const db = fromPGlite(await PGlite.create())
    try {
      assert.deepEqual(await migrate(db), E.right(MIGRATIONS.map((m) => m.version)))
      assert.deepEqual(await migrate(db), E.right([]))
      const tables = await db.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
      assert.deepEqual(tables.rows.map((r) => r.t), ['accounts', 'code_ledgers', 'flows', 'mail_outbox', 'provider_registrations', 'schema_migrations'])
    } finally {
      await db.close()
    }
  })

  test('on the server: two pools migrating one new database at once apply each version exactly once', async () => {
    const url = process.env.DATABASE_URL
    assert.ok(url, DATABASE_URL_MISSING)
    const name = `migrate_race_${process.pid}_${randomBytes(3).toString('hex')}`
    const admin = new Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`)
    const target = new URL(url)
    target.pathname = `/${name}`
    const pools = [0, 1, 2, 3].map(() => new Pool({ connectionString: target.toString(), max: 2 }))
    // An idle client dropped by the server must not fail the test process.
    for (const p of pools) p.on('error', () => undefined)
    try {
      const results = await Promise.all(pools.map((p) => migrate(fromPgPool(p))))
      const applied = results.map((r) => (E.isRight(r) ? r.right : assert.fail(`a migration run failed: ${JSON.stringify(r)}`)))
      assert.deepEqual(applied.flat().sort(), MIGRATIONS.map((m) => m.version).sort(), 'each version applied by exactly one run')
      const recorded = await pools[0]!.query('SELECT max(version) AS v, count(*)::int AS n FROM schema_migrations')
      assert.equal(recorded.rows[0].v, latest)
      assert.equal(recorded.rows[0].n, MIGRATIONS.length)
      assert.deepEqual(await migrate(fromPgPool(pools[1]!)), E.right([]))
    } finally {
      await Promise.all(pools.map((p) => p.end()))
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    }
  })
})
