/**
 * QPP HARP on a real PostgreSQL server, under concurrency, through the
 * portal (`createPortal(harp.preset, postgresPorts(…))` over a 32-connection
 * pool, the harness's credit files and practice records):
 * - every proofed person connects at the same moment as the first user of one
 *   organisation, for each organisation in turn: exactly one becomes its
 *   Security Official, the others are told it has one, and the stored
 *   organisation holds that one connection;
 * - one Google Authenticator code submitted in eight log-ins at once is
 *   accepted once (the others `totp.replayed` or `storage.conflict`), and the
 *   credential's replay state is the code's time step.
 * (The scenarios race two people and two windows on every store; these race
 * more, on the server only.)
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { generateSync } from 'otplib'
import { postgresPorts } from '../../adapters/postgres'
import { scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'
import { createTestDatabase, DATABASE_URL_MISSING, TEST_HASH_KEY, TestDatabase } from '../support/postgres-harness'
import { harpHarness, HarpHarness, PASSWORD, PEOPLE, PRACTICES, rightOf } from '../support/harp-harness'

type Outcome = E.Either<ReadonlyArray<{ readonly code: string }>, unknown>
const codesOf = (outcomes: ReadonlyArray<Outcome>): string[] => outcomes.map((o) => (E.isRight(o) ? 'right' : o.left.map((e) => e.code).join('+')))

describe('PostgreSQL server: HARP under concurrency (issue 11)', () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names a PostgreSQL server', () => assert.ok(url, DATABASE_URL_MISSING))
  if (!url) return
  let database: TestDatabase | undefined
  let h: HarpHarness
  const accounts: string[] = []

  before(async () => {
    database = await createTestDatabase('hpdm_harp', { max: 32 })
    const db = database.db
    h = harpHarness({
      portsFrom: (f) =>
        postgresPorts({
          db,
          hashKey: TEST_HASH_KEY,
          clock: f.clock,
          keyedHasher: f.keyedHasher,
          passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT),
          practices: f.practices,
          knowledgeBasedVerification: f.knowledgeBasedVerification
        })
    })
    for (const p of PEOPLE) accounts.push(await h.registerProofed(p))
  })
  after(async () => {
    await database?.drop()
  })

  test('everyone connecting at once as first user of an organisation gives it exactly one Security Official, for each organisation', async () => {
    for (const practice of PRACTICES) {
      const clinician = practice.clinicians[0]
      const outcomes = await Promise.all(
        accounts.map((accountId) =>
          h.portal.organisationAccess.connect({ accountId }, { organisationType: practice.type, taxId: practice.taxId, confirmed: true, ptan: clinician.ptan, npi: clinician.npi })
        )
      )
      const codes = codesOf(outcomes)
      assert.equal(codes.filter((c) => c === 'right').length, 1, `${practice.key}: ${codes.join(', ')}`)
      assert.deepEqual(
        codes.filter((c) => c !== 'right'),
        Array(accounts.length - 1).fill('organisation.has-security-official'),
        practice.key
      )
      const winner = accounts[codes.indexOf('right')] as string
      const listed = rightOf(await h.portal.organisationAccess.connections({ accountId: winner }), 'connections') as ReadonlyArray<{ readonly legalBusinessName?: string; readonly role?: string }>
      assert.ok(listed.some((c) => c.legalBusinessName === practice.legalBusinessName && c.role === 'security-official'), JSON.stringify(listed))
      for (const other of accounts.filter((a) => a !== winner)) {
        const theirs = rightOf(await h.portal.organisationAccess.connections({ accountId: other }), 'connections') as ReadonlyArray<{ readonly legalBusinessName?: string }>
        assert.ok(!theirs.some((c) => c.legalBusinessName === practice.legalBusinessName), `${other} is connected to ${practice.key}`)
      }
    }
  })

  test('one Google Authenticator code in eight log-ins at once is accepted once', async () => {
    const person = PEOPLE[0]
    const first = rightOf(await h.portal.twoFactorSignIn.start({ username: person.userId, password: PASSWORD }), 'the first log-in') as { step: string; flowId: string }
    assert.equal(first.step, 'add-device')
    const added = rightOf(await h.portal.twoFactorSignIn.addDevice(first.flowId, { kind: 'totp' }), 'adding Google Authenticator') as { deviceId: string; keyUri: string }
    const secret = new URL(added.keyUri).searchParams.get('secret') as string
    const codeAt = (epoch: number) => generateSync({ secret, algorithm: 'sha1', digits: 6, period: 30, epoch })
    const now = () => Math.floor(h.clock.now().toSeconds())
    rightOf(await h.portal.twoFactorSignIn.confirmDevice(first.flowId, { deviceId: added.deviceId, code: codeAt(now()) }), 'confirming the device')
    // a later time step: the confirming code's step is spent
    h.clock.advance({ seconds: 60 })
    const flows: string[] = []
    for (let i = 0; i < 8; i++) {
      const started = rightOf(await h.portal.twoFactorSignIn.start({ username: person.userId, password: PASSWORD }), 'a log-in') as { step: string; flowId: string }
      assert.equal(started.step, 'choose-device')
      rightOf(await h.portal.twoFactorSignIn.chooseDevice(started.flowId, { deviceId: added.deviceId }), 'choosing the device')
      flows.push(started.flowId)
    }
    const code = codeAt(now())
    const codes = codesOf(await Promise.all(flows.map((flowId) => h.portal.twoFactorSignIn.verify(flowId, { code }))))
    assert.equal(codes.filter((c) => c === 'right').length, 1, codes.join(', '))
    for (const refused of codes.filter((c) => c !== 'right')) assert.ok(['totp.replayed', 'storage.conflict'].includes(refused), refused)
    const stored = (await (database as TestDatabase).db.query<{ step: string }>('SELECT last_accepted_step::text AS step FROM totp_credentials WHERE account_id = $1', [accounts[0]])).rows
    assert.deepEqual(stored, [{ step: String(Math.floor(now() / 30)) }], "the credential's replay state is the accepted code's time step")
  })
})
