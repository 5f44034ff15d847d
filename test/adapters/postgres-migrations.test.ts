/**
 * Migrations: one exported function, idempotent, and safe when two processes
 * (here, two connection pools) run it at the same moment on a new database;
 * a database at an older version is brought up to date with its rows kept;
 * version 3's constraints (prior-authorization requests, attachments,
 * ICD-10-CM releases) and version 5's (organisations, organisation accounts,
 * the postal outbox, e-Services references) refuse what the domain never writes.
 */
import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { Client, Pool } from 'pg'
import * as O from 'fp-ts/lib/Option.js'
import { accountRepository, fromPgPool, fromPGlite, migrate, MIGRATIONS, SqlDatabase } from '../../adapters/postgres'
import { AccountId } from '../../src/accounts/account'
import { DATABASE_URL_MISSING } from '../support/postgres-harness'

const latest = Math.max(...MIGRATIONS.map((m) => m.version))

/** The versions a database at `version` is brought through to the latest. */
const versionsAfter = (version: number): number[] => MIGRATIONS.filter((m) => m.version > version).map((m) => m.version)

describe('migrations', () => {
  // One PGlite for the file (an instance costs seconds and a gigabyte): the first test finds it new.
  let pglite: Promise<SqlDatabase> | undefined
  const shared = () => (pglite ??= import('@electric-sql/pglite').then(async ({ PGlite }) => fromPGlite(await PGlite.create())))
  after(async () => (pglite === undefined ? undefined : (await pglite).close()))

  test('on PGlite: the first run applies every version, the second none', async () => {
    const db = await shared()
    assert.deepEqual(await migrate(db), E.right(MIGRATIONS.map((m) => m.version)))
    assert.deepEqual(await migrate(db), E.right([]))
    const tables = await db.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
    assert.deepEqual(tables.rows.map((r) => r.t), [
      'accounts',
      'authorization_requests',
      'client_access_requests',
      'clinical_attachments',
      'code_ledgers',
      'eservices_requests',
      'flows',
      'harp_help_desk_requests',
      'harp_organisations',
      'icd10cm_codes',
      'icd10cm_releases',
      'identity_records',
      'mail_outbox',
      'manual_proofings',
      'mfa_devices',
      'organisations',
      'postal_outbox',
      'provider_registrations',
      'push_ledgers',
      'schema_migrations',
      'sms_outbox',
      'totp_credentials',
      'voice_outbox'
    ])
    assert.equal(latest, Math.max(...MIGRATIONS.map((m) => m.version)))
  })

  test('on PGlite: a database at version 2, with rows, is brought to the latest version and keeps its rows', async () => {
    const db = await shared()
    // A schema of its own stands for the older database (PGlite has one session: search_path holds).
    await db.exec('CREATE SCHEMA at_version_2; SET search_path TO at_version_2')
    try {
      assert.deepEqual(await migrate(db, MIGRATIONS.filter((m) => m.version <= 2)), E.right([1, 2]))
      await db.query(
        `INSERT INTO flows (id, kind, state, expires_at, data, version) VALUES ('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b', 'sign-up', 'awaiting-email-code', now(), '{}', 1)`
      )
      assert.deepEqual(await migrate(db), E.right(versionsAfter(2)))
      assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM flows')).rows[0]?.n, 1)
      const tables = await db.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'at_version_2' AND table_name LIKE 'icd10cm%' ORDER BY 1")
      assert.deepEqual(tables.rows.map((r) => r.t), ['icd10cm_codes', 'icd10cm_releases'])
      assert.deepEqual(await migrate(db), E.right([]))
    } finally {
      await db.exec('SET search_path TO public; DROP SCHEMA at_version_2 CASCADE')
    }
  })

  test('on PGlite: version 4 gives an account from version 3 no issued temporary passwords, and takes only a JSON array', async () => {
    const db = await shared()
    await db.exec('CREATE SCHEMA at_version_3; SET search_path TO at_version_3')
    try {
      assert.deepEqual(await migrate(db, MIGRATIONS.filter((m) => m.version <= 3)), E.right([1, 2, 3]))
      const id = '6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6c'
      await db.query(
        `INSERT INTO accounts (id, username, username_key, email, email_key, password_hash, first_name, last_name, relationship,
           status, created_at, password_changed_at, failed_sign_ins, version, provider_id, registration_id,
           temporary_password_issued_at, temporary_password_expires_at)
         VALUES ('${id}', 'GOkafor', 'gokafor', 'grace@riversidefp.com', 'grace@riversidefp.com', '$scrypt$x', 'Grace', 'Okafor',
           'provider', 'active', now(), now(), 0, 1, 'HP001234', 'HWR-7Q4K2M2A', now(), now() + interval '30 days')`
      )
      assert.deepEqual(await migrate(db), E.right(versionsAfter(3)))
      const found = await accountRepository(db).findById(id as AccountId)()
      assert.ok(E.isRight(found) && O.isSome(found.right), JSON.stringify(found))
      assert.deepEqual(found.right.value.issuedTemporaryPasswords, [])
      await assert.rejects(db.query(`UPDATE accounts SET issued_temporary_passwords = '{}'::jsonb`), (e: { code?: string }) => e.code === '23514')
    } finally {
      await db.exec('SET search_path TO public; DROP SCHEMA at_version_3 CASCADE')
    }
  })

  test('on PGlite: version 5 keeps the accounts of version 4, and gives an organisation account its organisation and nothing else', async () => {
    const db = await shared()
    await db.exec('CREATE SCHEMA at_version_4; SET search_path TO at_version_4')
    try {
      assert.deepEqual(await migrate(db, MIGRATIONS.filter((m) => m.version <= 4)), E.right([1, 2, 3, 4]))
      const columns = `id, username, username_key, email, email_key, password_hash, first_name, last_name, relationship, status,
        created_at, password_changed_at, failed_sign_ins, version`
      const values = (id: string, username: string) =>
        `'${id}', '${username}', lower('${username}'), 'grace@riversidefp.com', 'grace@riversidefp.com', '$scrypt$x', 'Grace', 'Okafor'`
      await db.query(
        `INSERT INTO accounts (${columns}, provider_id, registration_id)
         VALUES (${values('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6d', 'GOkafor')}, 'provider', 'active', now(), now(), 0, 1, 'HP001234', 'HWR-7Q4K2M2A')`
      )
      assert.deepEqual(await migrate(db), E.right(versionsAfter(4)))
      const kept = await accountRepository(db).findById('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6d' as AccountId)()
      assert.ok(E.isRight(kept) && O.isSome(kept.right) && kept.right.value.relationship.kind === 'provider', JSON.stringify(kept))
      const organisationAccount = (id: string, username: string, extra: string, extraValues: string) =>
        `INSERT INTO accounts (${columns}, organisation_id${extra}) VALUES (${values(id, username)}, 'organisation', 'active', now(), now(), 0, 1,
          'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'${extraValues})`
      await db.query(organisationAccount('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a71', 'MLopez', '', ''))
      const refused = async (statement: string) => assert.rejects(db.query(statement), (e: { code?: string }) => e.code === '23514', statement)
      await refused(organisationAccount('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a72', 'MLopez2', ', member_id', ", 'HP12345678'"))
      await refused(organisationAccount('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a73', 'MLopez3', ', provider_id, registration_id', ", 'HP001234', 'HWR-1'"))
      await refused(`UPDATE accounts SET organisation_id = NULL WHERE username = 'MLopez'`)
      await refused(`UPDATE accounts SET organisation_id = gen_random_uuid() WHERE username = 'GOkafor'`)
      await refused(`UPDATE accounts SET relationship = 'partner' WHERE username = 'MLopez'`)
    } finally {
      await db.exec('SET search_path TO public; DROP SCHEMA at_version_4 CASCADE')
    }
  })

  test('on PGlite: version 6 keeps the accounts of version 5, and gives an individual account nothing but its proofing instant', async () => {
    const db = await shared()
    await db.exec('CREATE SCHEMA at_version_5; SET search_path TO at_version_5')
    try {
      assert.deepEqual(await migrate(db, MIGRATIONS.filter((m) => m.version <= 5)), E.right([1, 2, 3, 4, 5]))
      const columns = `id, username, username_key, email, email_key, password_hash, first_name, last_name, relationship, status,
        created_at, password_changed_at, failed_sign_ins, version`
      const values = (id: string, username: string) =>
        `'${id}', '${username}', lower('${username}'), 'ana@example.com', 'ana@example.com', '$scrypt$x', 'Ana', 'Silva'`
      await db.query(
        `INSERT INTO accounts (${columns}, organisation_id) VALUES (${values('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a81', 'OrgUser')}, 'organisation', 'active', now(), now(), 0, 1,
          'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee')`
      )
      assert.deepEqual(await migrate(db), E.right(versionsAfter(5)))
      const kept = await accountRepository(db).findById('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a81' as AccountId)()
      assert.ok(E.isRight(kept) && O.isSome(kept.right) && kept.right.value.relationship.kind === 'organisation', JSON.stringify(kept))
      await db.query(`INSERT INTO accounts (${columns}) VALUES (${values('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a82', 'AnaSilva')}, 'individual', 'active', now(), now(), 0, 1)`)
      const individual = await accountRepository(db).findById('6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a82' as AccountId)()
      assert.ok(E.isRight(individual) && O.isSome(individual.right), JSON.stringify(individual))
      assert.deepEqual(individual.right.value.relationship, { kind: 'individual', identityProofedAt: null })
      const refused = async (statement: string) => assert.rejects(db.query(statement), (e: { code?: string }) => e.code === '23514', statement)
      await refused(`UPDATE accounts SET member_id = 'HP12345678' WHERE username = 'AnaSilva'`)
      await refused(`UPDATE accounts SET organisation_id = gen_random_uuid() WHERE username = 'AnaSilva'`)
      await refused(`UPDATE accounts SET identity_proofed_at = now() WHERE username = 'OrgUser'`)
    } finally {
      await db.exec('SET search_path TO public; DROP SCHEMA at_version_5 CASCADE')
    }
  })

  test('on PGlite: version 5 keeps its tables honest (one registration per key, one reference per e-Services request, a delivered letter erased)', async () => {
    const db = await shared()
    assert.deepEqual(await migrate(db), E.right([]))
    const violation = async (statement: string, code: string) => {
      await assert.rejects(db.query(statement), (e: { code?: string }) => e.code === code, statement)
    }
    const organisation = (id: string, kind: string, key: string) =>
      `INSERT INTO organisations (id, kind, registration_key, body, version) VALUES ('${id}', '${kind}', '${key}', '{}', 1)`
    await db.query(organisation('00000000-0000-4000-8000-000000000011', 'billing', 'billing:abc'))
    await violation(organisation('00000000-0000-4000-8000-000000000012', 'billing', 'billing:abc'), '23505')
    await violation(organisation('00000000-0000-4000-8000-000000000013', 'payer', 'payer:abc'), '23514')
    await violation(`INSERT INTO organisations (id, kind, registration_key, body, version) VALUES ('00000000-0000-4000-8000-000000000014', 'billing', 'billing:d', '[]', 1)`, '23514')
    await violation(
      `INSERT INTO client_access_requests (id, billing_organisation_id, state, requested_at, body, version)
       VALUES ('00000000-0000-4000-8000-000000000021', '00000000-0000-4000-8000-000000000011', 'granted', now(), '{}', 1)`,
      '23514'
    )
    await db.query(`INSERT INTO eservices_requests (reference, requested_at, body) VALUES ('ES-999999', now(), '{}')`)
    await violation(`INSERT INTO eservices_requests (reference, requested_at, body) VALUES ('ES-999999', now(), '{}')`, '23505')
    await violation(`INSERT INTO postal_outbox (kind, sealed_letter, created_at, next_attempt_at, delivered_at) VALUES ('registration-pin', 'v1.a.b.c', now(), now(), now())`, '23514')
    await violation(`INSERT INTO postal_outbox (kind, sealed_letter, created_at, next_attempt_at) VALUES ('registration-pin', NULL, now(), now())`, '23514')
  })

  test('on PGlite: version 3 keeps its tables honest (one reference per request, submitted ones only; attachment sizes; release ranges)', async () => {
    const db = await shared()
    const violation = async (statement: string, code: string) => {
      await assert.rejects(db.query(statement), (e: { code?: string }) => e.code === code, statement)
    }
    assert.deepEqual(await migrate(db), E.right([]))
    const insert = (id: string, state: string, reference: string | null) =>
      `INSERT INTO authorization_requests (id, state, reference, account_id, body, version)
       VALUES ('${id}', '${state}', ${reference === null ? 'NULL' : `'${reference}'`}, 'a', '{}', 1)`
    await db.query(insert('00000000-0000-4000-8000-000000000001', 'submitted', 'HPA-ABCDEFGH'))
    await violation(insert('00000000-0000-4000-8000-000000000002', 'submitted', 'HPA-ABCDEFGH'), '23505')
    await violation(insert('00000000-0000-4000-8000-000000000003', 'member', 'HPA-ABCDEFGJ'), '23514')
    await violation(insert('00000000-0000-4000-8000-000000000004', 'submitted', null), '23514')
    await violation(insert('00000000-0000-4000-8000-000000000005', 'approved', null), '23514')
    await db.query(insert('00000000-0000-4000-8000-000000000006', 'started', null))
    await db.query(insert('00000000-0000-4000-8000-000000000007', 'started', null))
    await violation(`INSERT INTO clinical_attachments (sha256, media_type, size, content) VALUES ('${'a'.repeat(64)}', 'text/plain', 4, '\\x0102')`, '23514')
    await violation(`INSERT INTO clinical_attachments (sha256, media_type, size, content) VALUES ('NOT-HEX', 'text/plain', 2, '\\x0102')`, '23514')
    await violation(`INSERT INTO icd10cm_releases (valid_from, valid_to) VALUES ('2026-10-01', '2026-09-30')`, '23514')
    await violation(`INSERT INTO icd10cm_codes (valid_from, code, order_number, billable, short_description, long_description) VALUES ('2026-10-01', 'A00', 1, false, 'x', 'x')`, '23503')
    await db.query(`INSERT INTO icd10cm_releases (valid_from, valid_to) VALUES ('2025-10-01', '2026-09-30')`)
    await db.query(`INSERT INTO icd10cm_codes (valid_from, code, order_number, billable, short_description, long_description) VALUES ('2025-10-01', 'A00', 1, false, 'x', 'x')`)
    await db.query(`DELETE FROM icd10cm_releases`)
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM icd10cm_codes')).rows[0]?.n, 0, 'codes go with their release')
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
