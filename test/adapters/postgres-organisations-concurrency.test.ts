/**
 * Organisations under concurrency on the real server (issue 10): the
 * HealthPartners portal over PostgreSQL (a pool of 32 connections to a
 * database of this file's own), with Promise.all so the transactions
 * genuinely interleave. Outcomes, not timings:
 *
 * - simultaneous first registrations of one organisation make exactly one
 *   organisation and one first delegate (the others are told it is registered);
 * - two delegates demoting each other at once leave at least one delegate;
 * - one approval link used many times at once grants access once.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, healthpartners } from '../../src'
import { issuedChecksFromData, letterbox, manualClock, outboxMailer, providerDirectoryFromData } from '../../adapters/memory'
import { postgresPorts } from '../../adapters/postgres'
import { hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'
import { createTestDatabase, DATABASE_URL_MISSING, TEST_HASH_KEY, TestDatabase } from '../support/postgres-harness'

const TAX_ID = '41-1234567'
const NPI = '1234567893'
const CHECK = '00123456'
const CLIENT = 'HP10001'
const PASSWORD = 'lakes and loons in june'
const terms = healthpartners.currentTerms

type Outcome = E.Either<ReadonlyArray<{ readonly code: string }>, unknown>

const tally = (outcomes: ReadonlyArray<Outcome>): Record<string, number> => {
  const t: Record<string, number> = {}
  for (const o of outcomes) {
    const key = E.isRight(o) ? 'right' : o.left.map((e) => e.code).join('+')
    t[key] = (t[key] ?? 0) + 1
  }
  return t
}

const rightOf = <A>(what: string, r: E.Either<ReadonlyArray<{ readonly code: string }>, A>): A => {
  if (E.isLeft(r)) assert.fail(`${what}: ${JSON.stringify(r.left)}`)
  return r.right
}

describe('PostgreSQL server: organisations under concurrency (issue 10)', () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names a PostgreSQL server', () => assert.ok(url, DATABASE_URL_MISSING))
  if (!url) return
  let database: TestDatabase | undefined
  const keyedHasher = hmacKeyedHasher(TEST_HASH_KEY)
  const clock = manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/Chicago' }))
  const mailer = outboxMailer()
  const letters = letterbox()
  let portal: ReturnType<typeof createPortal<typeof healthpartners.preset>>

  before(async () => {
    database = await createTestDatabase('hpdm_organisations', { max: 32 })
    const providers = providerDirectoryFromData(
      [
        { providerId: CLIENT, name: 'Lakes Family Clinic', zipCode: '55101', taxId: TAX_ID, npi: NPI, address: { line1: '1 Main St', city: 'Saint Paul', state: 'MN' } }
      ],
      healthpartners.providerIdFormat,
      keyedHasher
    )
    const checks = issuedChecksFromData([{ checkNumber: CHECK, taxId: TAX_ID, npi: NPI, amount: '1250.00', issuedOn: '2026-10-01' }], keyedHasher)
    assert.ok(E.isRight(providers) && E.isRight(checks))
    portal = createPortal(
      healthpartners.preset,
      postgresPorts({
        db: database.db,
        hashKey: TEST_HASH_KEY,
        clock,
        keyedHasher,
        providers: providers.right,
        issuedChecks: checks.right,
        passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT),
        delivery: mailer,
        postalDelivery: letters
      })
    )
  })
  after(async () => {
    await database?.drop()
  })

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const row = (await (database as TestDatabase).db.query<{ n: string | number }>(sql, params)).rows[0]
    return Number(row?.n ?? 0)
  }

  /** A provider registration brought to its last step (the account), for the person `i`. */
  const readyToCreateAccount = async (i: number): Promise<string> => {
    const step4 = rightOf('identify', await portal.organisationRegistration.identifyProvider({ path: 'tax-id-npi', taxId: TAX_ID, npi: NPI, checkNumber: CHECK }))
    rightOf('select', await portal.organisationRegistration.selectProvider(step4.flowId, { providerKey: CLIENT }))
    rightOf('contact', await portal.organisationRegistration.contact(step4.flowId, { firstName: 'Person', lastName: `Number${String.fromCharCode(65 + i)}`, email: `person${i}@lakes.example` }))
    return step4.flowId
  }

  /** Each member's role in the provider organisation, as stored. */
  const rolesOf = async (): Promise<Record<string, string>> => {
    const rows = (await (database as TestDatabase).db.query<{ body: { memberships: ReadonlyArray<{ accountId: string; role: string }> } }>(`SELECT body FROM organisations WHERE kind = 'provider'`)).rows
    return Object.fromEntries((rows[0]?.body.memberships ?? []).map((m) => [m.accountId, m.role]))
  }

  /** A signed-in member who accepted the terms its role needs. */
  const signedIn = async (username: string, password: string, delegate: boolean): Promise<{ readonly accountId: string }> => {
    const session = rightOf(`sign-in ${username}`, await portal.signIn({ username, password }))
    const acting = { accountId: session.accountId }
    rightOf('terms', await portal.providerSite.acceptTerms(acting, { document: 'provider-portal', version: terms['provider-portal'] }))
    if (delegate) rightOf('delegate terms', await portal.providerSite.acceptTerms(acting, { document: 'delegate-site-administrator', version: terms['delegate-site-administrator'] }))
    return acting
  }

  test('12 simultaneous first registrations of one organisation make one organisation with one delegate', async () => {
    const flows = await Promise.all(Array.from({ length: 12 }, (_, i) => readyToCreateAccount(i)))
    const outcomes: ReadonlyArray<Outcome> = await Promise.all(
      flows.map((flowId, i) => portal.organisationRegistration.account(flowId, { username: `first${i}`, password: PASSWORD, confirmPassword: PASSWORD }))
    )
    const t = tally(outcomes)
    assert.equal(t['right'], 1, JSON.stringify(t))
    assert.equal(t['organisation.already-registered'], 11, JSON.stringify(t))
    assert.equal(await count(`SELECT count(*) AS n FROM organisations WHERE kind = 'provider'`), 1)
    // The losers' accounts were never made: each use case is one transaction.
    assert.equal(await count(`SELECT count(*) AS n FROM accounts WHERE relationship = 'organisation'`), 1)
    const body = (await (database as TestDatabase).db.query<{ body: { memberships: ReadonlyArray<{ role: string }> } }>('SELECT body FROM organisations')).rows[0]?.body
    assert.deepEqual(body?.memberships.map((m) => m.role), ['delegate'])
  })

  test('two delegates demoting each other at once leave at least one delegate', async () => {
    // Whoever won the registration above is the first delegate; find them and sign in.
    const first = (await (database as TestDatabase).db.query<{ username: string }>(`SELECT username FROM accounts WHERE relationship = 'organisation'`)).rows[0]
    assert.ok(first !== undefined)
    const ann = await signedIn(first.username, PASSWORD, true)
    rightOf(
      'adding a second delegate',
      await portal.providerSite.addAccount(ann, { role: 'delegate', username: 'second.delegate', firstName: 'Bea', lastName: 'Second', email: 'bea@lakes.example' })
    )
    const temporary = mailer.temporaryPassword('bea@lakes.example')
    assert.ok(temporary !== undefined)
    rightOf('choosing her own password', await portal.chooseOwnPassword({ username: 'second.delegate', currentPassword: temporary, newPassword: PASSWORD, confirmNewPassword: PASSWORD }))
    const bea = await signedIn('second.delegate', PASSWORD, true)
    for (let round = 0; round < 10; round++) {
      const outcomes: ReadonlyArray<Outcome> = await Promise.all([
        portal.providerSite.changeRole(ann, { accountId: bea.accountId, role: 'staff' }),
        portal.providerSite.changeRole(bea, { accountId: ann.accountId, role: 'staff' })
      ])
      const roles = await rolesOf()
      const delegates = Object.values(roles).filter((r) => r === 'delegate').length
      assert.ok(delegates >= 1, `round ${round}: no delegate left; answers ${JSON.stringify(tally(outcomes))}`)
      assert.equal(outcomes.filter(E.isRight).length, 1, `round ${round}: exactly one demotion wins; answers ${JSON.stringify(tally(outcomes))}`)
      for (const o of outcomes) if (E.isLeft(o)) assert.ok(['storage.conflict', 'organisation.not-a-delegate'].includes(o.left[0]?.code ?? ''), JSON.stringify(o.left))
      // Both delegates again for the next round: whoever still is one promotes the other.
      const annLeads = roles[ann.accountId] === 'delegate'
      rightOf('promoting back', await portal.providerSite.changeRole(annLeads ? ann : bea, { accountId: annLeads ? bea.accountId : ann.accountId, role: 'delegate' }))
    }
  })

  test('one approval link used 16 times at once grants access once', async () => {
    const billing = rightOf('billing step 4', await portal.organisationRegistration.nameBillingOrganisation({ fullName: 'Northstar Billing', taxId: '41-7654321' }))
    rightOf('billing contact', await portal.organisationRegistration.contact(billing.flowId, { firstName: 'Eve', lastName: 'Kim', email: 'eve@northstar.example', phone: '651-555-0134' }))
    rightOf('billing account', await portal.organisationRegistration.account(billing.flowId, { username: 'eve.kim', password: PASSWORD, confirmPassword: PASSWORD }))
    const eve = await signedIn('eve.kim', PASSWORD, true)
    rightOf(
      'request',
      await portal.clientAccess.request(eve, { taxId: TAX_ID, checkNumber: CHECK, providerKey: CLIENT, contact: { firstName: 'Maria', lastName: 'Lopez', email: 'maria@lakes.example' } })
    )
    const text = mailer.inbox('maria@lakes.example').at(-1)?.text ?? ''
    const link = new URL(/To approve, open: (\S+)/.exec(text)?.[1] ?? 'https://invalid')
    const form = { request: link.searchParams.get('request'), token: link.searchParams.get('token'), decision: 'approve' }
    const outcomes: ReadonlyArray<Outcome> = await Promise.all(Array.from({ length: 16 }, () => portal.clientAccess.answer(form)))
    const t = tally(outcomes)
    assert.equal(t['right'], 1, JSON.stringify(t))
    assert.equal(t['access-request.invalid-link'], 15, JSON.stringify(t))
    assert.equal(await count(`SELECT count(*) AS n FROM client_access_requests WHERE state = 'approved'`), 1)
    rightOf('the client is reachable', await portal.clientAccess.open(eve, { providerKey: CLIENT }))
  })
})
