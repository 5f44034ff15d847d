/**
 * The storage contract (src/testkit/storage-contract.ts) on every store:
 * memory, PGlite (one instance, a fresh schema-less truncate per check) and a
 * real PostgreSQL server at DATABASE_URL (`npm test` starts one). Accounts,
 * flows (sign-up and provider registration), code ledgers and provider
 * registrations (whose account_id references accounts: the contract inserts
 * the account first), prior-authorization requests and clinical attachments.
 *
 * Then, on the SQL stores: rows are decoded, never trusted (a row changed
 * behind the repository's back is `storage.invalid-row`), and every request
 * the testkit's arbitraries generate, in every state, decodes to itself and
 * round-trips through the database.
 */
import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { Pool } from 'pg'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { sampleRequestStates, sampleSubmitted, sampleSubmitter, storageContract, StoreUnderTest } from '../../src/testkit/storage-contract'
import { validDeterminationForm, validDraftAnswers, validPriorAuthorizationPolicies } from '../../src/testkit'
import {
  AuthorizationRequest,
  AuthorizationRequestCodec,
  chooseCodes,
  chooseMember,
  chooseRequestingProvider,
  chooseServicingProvider,
  describeService,
  determine,
  Draft,
  giveClinicals,
  giveContacts,
  referenceOf,
  RequestId,
  startRequest,
  submit,
  Submitted
} from '../../src/prior-authorization'
import type { AccountId } from '../../src/accounts/account'
import type { AttachmentStore, AuthorizationRequestRepository } from '../../src/prior-authorization/ports'
import { memoryStore } from '../../adapters/memory'
import {
  accountRepository,
  attachmentStore,
  authorizationRequestRepository,
  codeLedgerRepository,
  flowRepository,
  fromPgPool,
  fromPGlite,
  migrate,
  registrationRepository,
  SqlDatabase
} from '../../adapters/postgres'

const sqlStore = (db: SqlDatabase) => async (): Promise<StoreUnderTest> => ({
  store: {
    accounts: accountRepository(db),
    flows: flowRepository(db),
    codeLedgers: codeLedgerRepository(db),
    registrations: registrationRepository(db),
    authorizationRequests: authorizationRequestRepository(db),
    attachments: attachmentStore(db)
  },
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

const PA_CONTROLS = 'storage contract: controls (it fails stores that break the prior-authorization rules)'
describe(PA_CONTROLS, () => {
  const checksOf = (store: () => StoreUnderTest['store']) => storageContract(async () => ({ store: store(), close: async () => {} }), randomUUID)
  const fails = async (checks: ReturnType<typeof checksOf>, name: RegExp) => {
    const check = checks.find((c) => name.test(c.name))
    assert.ok(check, `no check named ${name}`)
    await assert.rejects(check.run(), /storage contract/)
  }
  /** A content-addressed store over a Map, with a fault. */
  const faultyAttachments = (fault: 'overwrite' | 'flip-a-byte' | 'share-the-bytes'): AttachmentStore => {
    const files = new Map<string, { mediaType: string; content: Uint8Array }>()
    const real = memoryStore().attachments
    return {
      put: (content, mediaType) =>
        pipe(
          real.put(content, mediaType),
          TE.map((r) => {
            if (fault === 'overwrite' || !files.has(r.sha256)) files.set(r.sha256, { mediaType, content: fault === 'share-the-bytes' ? content : new Uint8Array(content) })
            return r
          })
        ),
      get: (sha256) =>
        TE.right(
          O.map((f: { mediaType: string; content: Uint8Array }) => {
            if (fault === 'share-the-bytes') return f
            const content = new Uint8Array(f.content)
            if (fault === 'flip-a-byte') content[content.length - 1] = (content[content.length - 1] ?? 0) ^ 1
            return { mediaType: f.mediaType, content }
          })(O.fromNullable(files.get(sha256)))
        )
    }
  }

  test('a store that accepts a second request with a reference fails', async () => {
    await fails(
      checksOf(() => {
        const s = memoryStore()
        return { ...s, authorizationRequests: { ...s.authorizationRequests, insert: (r) => memoryStore().authorizationRequests.insert(r) } }
      }),
      /a reference is given once/
    )
  })

  test('a store whose findByReference also finds drafts by id fails', async () => {
    await fails(
      checksOf(() => {
        const s = memoryStore()
        const requests: AuthorizationRequestRepository = {
          ...s.authorizationRequests,
          // finds nothing by reference at all: the submitted request is not found
          findByReference: () => TE.right(O.none)
        }
        return { ...s, authorizationRequests: requests }
      }),
      /found by its reference/
    )
  })

  test('a store that loses an answer of a step fails the round trip', async () => {
    await fails(
      checksOf(() => {
        const s = memoryStore()
        const lose = (r: AuthorizationRequest): AuthorizationRequest => ('contacts' in r ? ({ ...r, contacts: { ...r.contacts, servicingFax: r.contacts.fax } } as AuthorizationRequest) : r)
        return { ...s, authorizationRequests: { ...s.authorizationRequests, find: (id) => pipe(s.authorizationRequests.find(id), TE.map(O.map(lose))) } }
      }),
      /prior-authorization request round-trips/
    )
  })

  test('a store that overwrites an attachment put again fails', async () => {
    await fails(checksOf(() => ({ ...memoryStore(), attachments: faultyAttachments('overwrite') })), /stored once under its SHA-256/)
  })

  test('a store that gives back one byte wrong fails', async () => {
    await fails(checksOf(() => ({ ...memoryStore(), attachments: faultyAttachments('flip-a-byte') })), /stored once under its SHA-256/)
  })

  test('a store that shares its bytes with the caller fails', async () => {
    await fails(checksOf(() => ({ ...memoryStore(), attachments: faultyAttachments('share-the-bytes') })), /stored once under its SHA-256/)
  })
})

// -------------------------------------------------------------------------------------
// SQL stores only: rows decoded, never trusted; generated requests round-trip
// -------------------------------------------------------------------------------------

/** A value as plain objects (fast-check's records have no prototype). */
const plain = <A>(a: A): A => JSON.parse(JSON.stringify(a)) as A

const sqlOnly = (db: SqlDatabase): void => {
  const requests = authorizationRequestRepository(db)

  /** Stores a submitted sample, changes its row with `change` (SQL over the row's id as $1), and reads it back. */
  const tampered = async (change: string, params: ReadonlyArray<unknown> = []) => {
    const request = sampleSubmitted(randomUUID)
    const stored = await requests.insert(request)()
    assert.ok(E.isRight(stored), JSON.stringify(stored))
    await db.query(change, [request.id, ...params])
    return { request, byId: await requests.find(request.id)(), byReference: await requests.findByReference(request.reference)() }
  }

  const BROKEN_DOCUMENTS: ReadonlyArray<{ readonly what: string; readonly path: string; readonly value: unknown; readonly cause: RegExp }> = [
    { what: 'a diagnosis not in its canonical form', path: '{codes,diagnoses,0}', value: 'm5450', cause: /codes\.diagnoses\.0/ },
    { what: 'a diagnosis that is no ICD-10-CM code', path: '{codes,diagnoses,1}', value: '1E1.9', cause: /codes\.diagnoses\.1: .*must start with a letter/ },
    { what: 'an unassigned Place of Service', path: '{service,placeOfService}', value: '30', cause: /service\.placeOfService: .*not an assigned/ },
    { what: 'a procedure code of no system', path: '{codes,procedures,0}', value: 'W9999', cause: /codes\.procedures\.0/ },
    { what: 'an NPI with a wrong check digit', path: '{requestingProvider,npi}', value: '1234567890', cause: /requestingProvider\.npi: .*check digit/ },
    { what: 'a phone number that is no NANP number', path: '{contacts,phone}', value: '0135550142', cause: /contacts\.phone/ },
    { what: 'a name with digits', path: '{member,firstName}', value: 'J0sé', cause: /member\.firstName/ },
    { what: 'a member born after the request was opened', path: '{member,dateOfBirth}', value: '2030-01-01', cause: /member\.dateOfBirth/ },
    { what: 'an impossible service date', path: '{service,serviceDate}', value: '2026-02-30', cause: /service\.serviceDate/ },
    { what: 'no visits', path: '{service,visits}', value: 0, cause: /service\.visits/ },
    { what: 'an unknown priority', path: '{service,priority}', value: 'urgent', cause: /service\.priority/ },
    { what: 'a status no determination led to', path: '{status}', value: 'certified', cause: /status: must be pended/ },
    { what: 'a determination with an unknown review action', path: '{determinations}', value: [{ reviewAction: 'A5', decidedAt: '2026-11-22T10:00:00.000-05:00', reason: null, authorizationNumber: null, timely: true }], cause: /determinations\.0\.reviewAction/ },
    { what: 'a denial without a reason', path: '{determinations}', value: [{ reviewAction: 'A3', decidedAt: '2026-11-22T10:00:00.000-05:00', reason: null, authorizationNumber: null, timely: true }], cause: /reason/ },
    { what: 'a missing answer of a step', path: '{servicingProvider}', value: null, cause: /servicingProvider/ },
    { what: 'an attachment hash that is no SHA-256', path: '{clinicals,attachments,0,sha256}', value: 'ABC', cause: /clinicals\.attachments\.0\.sha256/ },
    { what: 'clinicals with neither attachments nor text', path: '{clinicals}', value: { attachments: [], text: null }, cause: /clinicals: must hold/ },
    { what: 'a time that is no time', path: '{submittedAt}', value: 'yesterday', cause: /submittedAt/ },
    { what: 'a submitted request that does not say who submitted it', path: '{submittedBy}', value: null, cause: /submittedBy/ },
    { what: 'a submitter e-mail that is no e-mail address', path: '{submittedBy,email}', value: 'grace at riverside', cause: /submittedBy\.email/ },
    { what: 'a submitter who is not the request\u2019s account', path: '{submittedBy,accountId}', value: 'someone-else', cause: /submittedBy\.accountId: must be the account/ },
    { what: 'an unknown state', path: '{state}', value: 'approved', cause: /state must be one of/ }
  ]

  for (const b of BROKEN_DOCUMENTS)
    test(`rows are decoded, never trusted: ${b.what} is storage.invalid-row`, async () => {
      const { byId, byReference } = await tampered(`UPDATE authorization_requests SET body = jsonb_set(body, $2::text[], $3::jsonb) WHERE id = $1`, [b.path, JSON.stringify(b.value)])
      for (const [how, r] of [['by id', byId], ['by reference', byReference]] as const) {
        assert.ok(E.isLeft(r), `${how}: a broken row was trusted: ${JSON.stringify(r)}`)
        assert.equal(r.left.code, 'storage.invalid-row', `${how}: ${JSON.stringify(r.left)}`)
        assert.match((r.left as { cause: string }).cause, b.cause, `${how}: ${JSON.stringify(r.left)}`)
      }
    })

  test('rows are decoded, never trusted: columns that disagree with the document are storage.invalid-row', async () => {
    const cases: ReadonlyArray<readonly [string, RegExp]> = [
      [`UPDATE authorization_requests SET account_id = 'someone-else' WHERE id = $1`, /account_id/],
      [`UPDATE authorization_requests SET requesting_provider_id = 'OTHER1' WHERE id = $1`, /requesting_provider_id/],
      [`UPDATE authorization_requests SET body = jsonb_set(body, '{id}', to_jsonb(gen_random_uuid()::text)) WHERE id = $1`, /the id column/]
    ]
    for (const [change, cause] of cases) {
      const { byId } = await tampered(change)
      assert.ok(E.isLeft(byId) && byId.left.code === 'storage.invalid-row', `${change}: ${JSON.stringify(byId)}`)
      assert.match((byId.left as { cause: string }).cause, cause)
    }
  })

  test('a request that could not be read back is not written: storage.invalid-row, and nothing is stored', async () => {
    const { ready } = sampleRequestStates(randomUUID)
    const bad = { ...ready, contacts: { ...ready.contacts, phone: '555-0142' } } as unknown as AuthorizationRequest
    const r = await requests.insert(bad)()
    assert.ok(E.isLeft(r) && r.left.code === 'storage.invalid-row', JSON.stringify(r))
    assert.match((r.left as { cause: string }).cause, /not written: contacts\.phone/)
    assert.deepEqual(await requests.find(ready.id)(), E.right(O.none))
  })

  test('rows are decoded, never trusted: an attachment whose bytes no longer hash to its key is storage.invalid-row', async () => {
    const attachments = attachmentStore(db)
    const put = await attachments.put(new TextEncoder().encode(`clinical note ${randomUUID()}`), 'text/plain')()
    assert.ok(E.isRight(put))
    await db.query(`UPDATE clinical_attachments SET content = set_byte(content, 0, 67) WHERE sha256 = $1`, [put.right.sha256])
    const r = await attachments.get(put.right.sha256)()
    assert.ok(E.isLeft(r) && r.left.code === 'storage.invalid-row', JSON.stringify(r))
  })

  test('every request the testkit generates decodes to itself in every state, and round-trips through the database', async () => {
    const now = DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' })
    const arbitrary = validPriorAuthorizationPolicies().chain((policies) =>
      fc.record({
        policies: fc.constant(policies),
        answers: validDraftAnswers(policies, now.setZone(policies.zone).toISODate() as string),
        pended: fc.integer({ min: 0, max: 2 }),
        final: fc.option(validDeterminationForm(['A1', 'A2', 'A3', 'A6', 'C']).map((f) => f.value)),
        symbols: fc.stringMatching(/^[A-HJ-NP-Z2-9]{8}$/)
      })
    )
    let runs = 0
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ policies, answers: a, pended, final, symbols }) => {
        const lifetime = policies.draftLifetime
        const at = (m: number) => now.plus({ minutes: m })
        const started = startRequest(at(0), randomUUID() as RequestId, randomUUID() as AccountId, lifetime)
        const s3 = chooseRequestingProvider(at(1), lifetime)(started, a.requestingProvider)
        const s4 = chooseMember(at(2), lifetime)(s3, a.member)
        const s5 = describeService(at(3), lifetime)(s4, a.service)
        const s6 = chooseCodes(at(4), lifetime)(s5, a.codes)
        const s7 = chooseServicingProvider(at(5), lifetime)(s6, a.servicingProvider)
        const s8 = giveClinicals(at(6), lifetime)(s7, a.clinicals)
        const s9 = giveContacts(at(7), lifetime)(s8, a.contacts)
        const drafts: ReadonlyArray<Draft> = [started, s3, s4, s5, s6, s7, s8, s9]
        const submitted = submit(s9, referenceOf(policies.referencePrefix, symbols), at(8), policies.zone, sampleSubmitter(s9.accountId))
        assert.ok(E.isRight(submitted))
        const decided: Submitted[] = [submitted.right]
        for (let i = 0; i < pended; i++) {
          const next = determine(decided[decided.length - 1] as Submitted, { reviewAction: 'A4', reason: null, authorizationNumber: null }, at(60 * (i + 1)))
          assert.ok(E.isRight(next))
          decided.push(next.right)
        }
        if (final !== null) {
          const next = determine(decided[decided.length - 1] as Submitted, final, at(60 * 24 * 9))
          assert.ok(E.isRight(next))
          decided.push(next.right)
        }
        for (const r of [...drafts, ...decided]) assert.deepEqual(plain(AuthorizationRequestCodec.decode(r)), plain(E.right(r)), `the ${r.state} request decodes to itself`)
        // through the database: the draft ready to submit, then each submitted version
        let stored = await requests.insert(s9)()
        assert.ok(E.isRight(stored), JSON.stringify(stored))
        for (const r of decided) {
          stored = await requests.update({ ...r, version: stored.right.version })()
          assert.ok(E.isRight(stored), JSON.stringify(stored))
          assert.deepEqual(await requests.find(r.id)(), plain(E.right(O.some({ ...r, version: stored.right.version }))))
        }
        runs++
      }),
      { numRuns: 60 }
    )
    assert.equal(runs, 60)
  })
}

describe('storage contract: PGlite', async () => {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await migrated(fromPGlite(await PGlite.create()))
  after(() => db.close())
  for (const check of storageContract(sqlStore(db), randomUUID)) test(check.name, check.run)
  sqlOnly(db)
})

describe('storage contract: PostgreSQL server', async () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names the server (npm test starts one)', () => assert.ok(url, 'DATABASE_URL is not set: run `npm test`, or scripts/with-postgres.js'))
  if (!url) return
  const db = await migrated(fromPgPool(new Pool({ connectionString: url, max: 8 })))
  after(() => db.close())
  for (const check of storageContract(sqlStore(db), randomUUID)) test(check.name, check.run)
  sqlOnly(db)
})
