/**
 * The storage contract (src/testkit/storage-contract.ts) on every store:
 * memory, PGlite (one instance, shared by every check: each uses fresh ids) and a
 * real PostgreSQL server at DATABASE_URL (`npm test` starts one). Accounts,
 * flows (sign-up and provider registration), code ledgers and provider
 * registrations (whose account_id references accounts: the contract inserts
 * the account first), prior-authorization requests, clinical attachments and
 * HARP's TOTP credentials (replay state and removal at the version loaded)
 * and manual proofings (by account; the review queue: submitted only, oldest
 * first, bounded), identity records, devices, push ledgers and HARP
 * organisations (unique by registration key; by person, bounded); controls show stores ignoring the version or queueing decided
 * proofings fail.
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
import {
  sampleAccessRequest,
  sampleAccount,
  sampleBillingOrganisation,
  sampleOrganisationFlows,
  sampleProviderOrganisation,
  sampleRequestStates,
  sampleSubmitted,
  sampleSubmitter,
  storageContract,
  StoreUnderTest
} from '../../src/testkit/storage-contract'
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
import type { TotpCredentialRepository } from '../../src/ports/mfa'
import type { ManualProofingRepository } from '../../src/ports/proofing'
import type { ManualProofing } from '../../src/proofing/manual'
import { letterbox, manualClock, memoryEServicesDesk, memoryStore } from '../../adapters/memory'
import { aesGcmSecretBox, HashKey } from '../../adapters/system'
import type { Flow } from '../../src/accounts/flow'
import type { DomainError } from '../../src/kernel/errors'
import type { EServicesRequest, OutgoingLetter, PostalMailer } from '../../src/ports/organisations'
import { OrganisationId, RegisteredOrganisation, registrationKey } from '../../src/organizations/organisation'
import type { CheckNumber } from '../../src/organizations/issued-check'
import { validOrganisation } from '../organizations/arbitraries'
import {
  accessRequestRepository,
  accountRepository,
  attachmentStore,
  authorizationRequestRepository,
  codeLedgerRepository,
  eServicesDesk,
  flowRepository,
  fromPgPool,
  fromPGlite,
  migrate,
  organisationRepository,
  postalOutbox,
  postalRelay,
  postgresPorts,
  registrationRepository,
  SqlDatabase,
  manualProofingRepository,
  totpCredentialRepository,
  identityRecordRepository,
  accountDevicesRepository,
  pushLedgerRepository,
  harpOrganisationRepository
} from '../../adapters/postgres'

const sqlStore = (db: SqlDatabase) => async (): Promise<StoreUnderTest> => ({
  store: {
    accounts: accountRepository(db),
    flows: flowRepository(db),
    codeLedgers: codeLedgerRepository(db),
    registrations: registrationRepository(db),
    authorizationRequests: authorizationRequestRepository(db),
    attachments: attachmentStore(db),
    organisations: organisationRepository(db),
    accessRequests: accessRequestRepository(db),
    eServices: eServicesDesk(db),
    totpCredentials: totpCredentialRepository(db),
    manualProofings: manualProofingRepository(db),
    identityRecords: identityRecordRepository(db),
    accountDevices: accountDevicesRepository(db),
    pushLedgers: pushLedgerRepository(db),
    harpOrganisations: harpOrganisationRepository(db)
  },
  close: async () => {}
})

/** The memory store with Provider e-Services' queue beside it (memoryPorts builds that one apart). */
const memoryUnderTest = (): StoreUnderTest['store'] => ({ ...memoryStore(), eServices: memoryEServicesDesk() })

const migrated = async (db: SqlDatabase): Promise<SqlDatabase> => {
  const r = await migrate(db)
  assert.ok(E.isRight(r), `migrations failed: ${JSON.stringify(r)}`)
  return db
}

describe('storage contract: memory', () => {
  for (const check of storageContract(async () => ({ store: memoryUnderTest(), close: async () => {} }), randomUUID)) test(check.name, check.run)
})

describe('storage contract: controls (it fails stores that break the registration rules)', () => {
  const checksOf = (store: () => Omit<StoreUnderTest['store'], 'eServices'>) => storageContract(async () => ({ store: { eServices: memoryEServicesDesk(), ...store() }, close: async () => {} }), randomUUID)
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

describe('storage contract: controls (it fails stores that break the HARP rules)', () => {
  const checksOf = (store: () => Omit<StoreUnderTest['store'], 'eServices'>) => storageContract(async () => ({ store: { eServices: memoryEServicesDesk(), ...store() }, close: async () => {} }), randomUUID)
  const fails = async (checks: ReturnType<typeof checksOf>, name: RegExp) => {
    const check = checks.find((c) => name.test(c.name))
    assert.ok(check, `no check named ${name}`)
    await assert.rejects(check.run(), /storage contract/)
  }

  test('a TOTP store whose update ignores the version (a replayed code accepted twice) fails', async () => {
    await fails(
      checksOf(() => {
        const s = memoryStore()
        // overwrite whatever is stored, at whatever version it was loaded
        const update: TotpCredentialRepository['update'] = (c) =>
          pipe(
            s.totpCredentials.find(c.id),
            TE.chain(O.match(() => s.totpCredentials.update(c), (current) => s.totpCredentials.update({ ...c, version: current.version })))
          )
        return { ...s, totpCredentials: { ...s.totpCredentials, update } }
      }),
      /^a TOTP credential round-trips/
    )
  })

  test('a manual proofing queue that also returns decided proofings fails', async () => {
    await fails(
      checksOf(() => {
        const s = memoryStore()
        // every proofing ever stored, whatever its state, oldest submission first
        const all: ManualProofing[] = []
        const insert: ManualProofingRepository['insert'] = (p) => pipe(s.manualProofings.insert(p), TE.map((stored) => (all.push(stored), stored)))
        const submittedQueue: ManualProofingRepository['submittedQueue'] = (limit) =>
          TE.right(all.filter((p) => p.state !== 'collecting').sort((a, b) => ('submittedAt' in a && 'submittedAt' in b ? a.submittedAt.localeCompare(b.submittedAt) : 0)).slice(0, Math.max(0, limit)))
        return { ...s, manualProofings: { ...s.manualProofings, insert, submittedQueue } }
      }),
      /review queue lists only submitted/
    )
  })

  test('a TOTP store whose remove ignores the version fails', async () => {
    await fails(
      checksOf(() => {
        const s = memoryStore()
        const remove: TotpCredentialRepository['remove'] = (c) =>
          pipe(
            s.totpCredentials.find(c.id),
            TE.chain(O.match(() => TE.right(undefined), (current) => s.totpCredentials.remove(current)))
          )
        return { ...s, totpCredentials: { ...s.totpCredentials, remove } }
      }),
      /removed only at the version loaded/
    )
  })
})

const PA_CONTROLS = 'storage contract: controls (it fails stores that break the prior-authorization rules)'
describe(PA_CONTROLS, () => {
  const checksOf = (store: () => Omit<StoreUnderTest['store'], 'eServices'>) => storageContract(async () => ({ store: { eServices: memoryEServicesDesk(), ...store() }, close: async () => {} }), randomUUID)
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

// -------------------------------------------------------------------------------------
// SQL stores only: the organisations context
// -------------------------------------------------------------------------------------

const LETTER: OutgoingLetter = {
  kind: 'registration-pin',
  addressee: 'Lakes Family Clinic',
  address: { line1: '1 Main St', line2: 'Suite 2', city: 'Saint Paul', state: 'MN', zipCode: '55101' } as OutgoingLetter['address'],
  text: 'Lakes Family Clinic\n\nYour PIN is: 40417265\n\nEnter it at the provider portal before December 22, 2026.'
}

/** The same letter to another addressee (so each one delivered can be told apart). */
const letterTo = (addressee: string): OutgoingLetter => ({ ...LETTER, addressee, text: LETTER.text.replace('Lakes Family Clinic', addressee) })

const sqlOnlyOrganisations = (db: SqlDatabase): void => {
  const organisations = organisationRepository(db)
  const accessRequests = accessRequestRepository(db)
  const flows = flowRepository(db)
  const invalid = (r: E.Either<DomainError, unknown>, cause: RegExp, what: string): void => {
    assert.ok(E.isLeft(r), `${what}: a broken row was trusted: ${JSON.stringify(r)}`)
    assert.equal(r.left.code, 'storage.invalid-row', `${what}: ${JSON.stringify(r.left)}`)
    assert.match((r.left as { cause: string }).cause, cause, `${what}: ${JSON.stringify(r.left)}`)
  }

  const BROKEN_ORGANISATIONS: ReadonlyArray<{ readonly what: string; readonly change: string; readonly params?: ReadonlyArray<unknown>; readonly cause: RegExp }> = [
    { what: 'a name not in its canonical form', change: `body = jsonb_set(body, '{fullName}', '"  Lakes   Family Clinic "')`, cause: /fullName/ },
    { what: 'a Tax ID whose last four are not four digits', change: `body = jsonb_set(body, '{taxId,last4}', '"45-67"')`, cause: /taxId\.last4/ },
    { what: 'no delegate left', change: `body = jsonb_set(body, '{memberships}', jsonb_build_array(jsonb_set(body->'memberships'->1, '{role}', '"staff"')))`, cause: /at least one delegate/ },
    { what: 'an e-mail key that is not its address’s', change: `body = jsonb_set(body, '{memberships,0,emailKey}', '"someone@else.example"')`, cause: /emailKey/ },
    { what: 'a PIN waiting with no PIN kept', change: `body = jsonb_set(body, '{verification,pin}', 'null')`, cause: /verification/ },
    { what: 'a PIN hash that is no keyed hash', change: `body = jsonb_set(body, '{verification,pin,hash}', '"PIN 4041-7265"')`, cause: /verification/ },
    { what: 'a kind column that disagrees', change: `kind = 'billing'`, cause: /the kind column/ },
    { what: 'a registration key that disagrees', change: `registration_key = 'provider:' || md5(random()::text)`, cause: /the registration_key column/ },
    { what: 'an id that disagrees', change: `body = jsonb_set(body, '{id}', to_jsonb(gen_random_uuid()::text))`, cause: /the id column/ }
  ]
  for (const b of BROKEN_ORGANISATIONS)
    test(`organisation rows are decoded, never trusted: ${b.what} is storage.invalid-row`, async () => {
      const organisation = sampleProviderOrganisation(randomUUID)
      assert.ok(E.isRight(await organisations.insert(organisation)()))
      const key = registrationKey(organisation)
      await db.query(`UPDATE organisations SET ${b.change} WHERE id = $1`, [organisation.id])
      invalid(await organisations.findById(organisation.id)(), b.cause, 'by id')
      if (!b.what.includes('registration key')) invalid(await organisations.findByRegistrationKey(key)(), b.cause, 'by registration key')
    })

  test('an organisation that could not be read back is not written: storage.invalid-row, and nothing is stored', async () => {
    const organisation = sampleBillingOrganisation(randomUUID)
    const bad = { ...organisation, memberships: organisation.memberships.map((m) => ({ ...m, phone: '555-0142' })) } as unknown as RegisteredOrganisation
    invalid(await organisations.insert(bad)(), /not written: memberships/, 'insert')
    assert.deepEqual(await organisations.findById(organisation.id)(), E.right(O.none))
  })

  test('every organisation the arbitraries generate round-trips through the database, inserted and updated', async () => {
    await fc.assert(
      fc.asyncProperty(validOrganisation, validOrganisation, async (a, b) => {
        const organisation = plain(a)
        const inserted = await organisations.insert(organisation)()
        assert.ok(E.isRight(inserted), JSON.stringify(inserted))
        assert.deepEqual(await organisations.findById(organisation.id)(), E.right(O.some({ ...organisation, version: 1 })))
        // the same organisation with another's members and registration date
        const changed = { ...organisation, memberships: plain(b.memberships), registeredAt: b.registeredAt, version: 1 }
        assert.ok(E.isRight(await organisations.update(changed)()))
        assert.deepEqual(await organisations.findByRegistrationKey(registrationKey(changed))(), E.right(O.some({ ...changed, version: 2 })))
      }),
      { numRuns: 40 }
    )
  })

  const BROKEN_REQUESTS: ReadonlyArray<{ readonly what: string; readonly change: string; readonly cause: RegExp }> = [
    { what: 'a token hash that is no keyed hash', change: `body = jsonb_set(body, '{tokenHash}', '"not-a-hash"')`, cause: /tokenHash/ },
    { what: 'a field no pending request has', change: `body = body || '{"token": "kept-in-clear"}'`, cause: /token/ },
    { what: 'an approved request without its approval', change: `state = 'approved', body = jsonb_set(body, '{state}', '"approved"')`, cause: /approvedAt/ },
    { what: 'an expiry before the request', change: `body = jsonb_set(body, '{expiresAt}', to_jsonb(body->>'requestedAt'))`, cause: /expiresAt must be after requestedAt/ },
    { what: 'a state column that disagrees', change: `state = 'refused'`, cause: /the state column/ },
    { what: 'a billing organisation that disagrees', change: `billing_organisation_id = gen_random_uuid()`, cause: /the billing_organisation_id column/ },
    { what: 'a request time that disagrees', change: `requested_at = requested_at + interval '1 minute'`, cause: /the requested_at column/ }
  ]
  for (const b of BROKEN_REQUESTS)
    test(`client access request rows are decoded, never trusted: ${b.what} is storage.invalid-row`, async () => {
      const request = sampleAccessRequest(randomUUID, randomUUID() as OrganisationId)
      assert.ok(E.isRight(await accessRequests.insert(request)()))
      await db.query(`UPDATE client_access_requests SET ${b.change} WHERE id = $1`, [request.id])
      invalid(await accessRequests.findById(request.id)(), b.cause, 'by id')
      if (!b.what.includes('billing organisation')) invalid(await accessRequests.findByBillingOrganisation(request.billingOrganisationId, 10)(), b.cause, 'listed')
    })

  test('a request whose billing organisation id is no UUID is not written', async () => {
    const request = { ...sampleAccessRequest(randomUUID, randomUUID() as OrganisationId), billingOrganisationId: 'org-1' as OrganisationId }
    invalid(await accessRequests.insert(request)(), /billingOrganisationId must be a UUID/, 'insert')
    assert.deepEqual(await accessRequests.findById(request.id)(), E.right(O.none))
  })

  test('a listing reads at most 1000 requests, whatever the limit asked for', async () => {
    const request = sampleAccessRequest(randomUUID, randomUUID() as OrganisationId)
    assert.ok(E.isRight(await accessRequests.insert(request)()))
    // 1000 more, each a second older than the last, made in the database
    await db.query(
      `WITH more AS (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 1000) AS n)
       INSERT INTO client_access_requests (id, billing_organisation_id, state, requested_at, body, version)
       SELECT more.id, r.billing_organisation_id, r.state, r.requested_at - more.n * interval '1 second',
              jsonb_set(jsonb_set(r.body, '{id}', to_jsonb(more.id::text)), '{requestedAt}',
                to_jsonb(to_char((r.requested_at - more.n * interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), 1
       FROM client_access_requests r, more WHERE r.id = $1`,
      [request.id]
    )
    const listed = await accessRequests.findByBillingOrganisation(request.billingOrganisationId, 5000)()
    assert.ok(E.isRight(listed), JSON.stringify(E.isLeft(listed) ? listed.left : ''))
    assert.equal(listed.right.length, 1000)
    assert.equal(listed.right[0]?.id, request.id, 'the newest first')
    assert.ok(listed.right.every((r, i) => i === 0 || Date.parse(r.requestedAt) < Date.parse(listed.right[i - 1]!.requestedAt)), 'newest first throughout')
  })

  const BROKEN_FLOWS: ReadonlyArray<{ readonly what: string; readonly state: number; readonly change: (data: Record<string, unknown>) => Record<string, unknown>; readonly cause: RegExp }> = [
    { what: 'a Tax ID kept in clear', state: 0, change: (d) => ({ ...d, taxId: { ...(d.taxId as object), number: '411234567' } }), cause: /taxId/ },
    { what: 'a check number kept', state: 0, change: (d) => ({ ...d, checkNumber: '00012345' }), cause: /checkNumber/ },
    { what: 'an unknown state', state: 0, change: (d) => ({ ...d, state: 'described' }), cause: /state must be one of/ },
    { what: 'a vendor number on the Tax ID/NPI path', state: 0, change: (d) => ({ ...d, path: 'tax-id-npi', reference: { vendorNumber: 'V12345' } }), cause: /reference/ },
    { what: 'a provider selected that was not listed', state: 1, change: (d) => ({ ...d, provider: { providerKey: 'HP0000001', name: 'Elsewhere Clinic' } }), cause: /one of the candidates/ },
    { what: 'a contact whose e-mail is no e-mail address', state: 2, change: (d) => ({ ...d, contact: { ...(d.contact as object), email: 'maria at lakes' } }), cause: /contact\.email/ },
    { what: 'a completed registration without its account', state: 3, change: ({ accountId: _accountId, ...d }) => d, cause: /accountId/ }
  ]
  for (const b of BROKEN_FLOWS) {
    test(`organisation registration flows are decoded, never trusted: ${b.what} is storage.invalid-row`, async () => {
      const flow = sampleOrganisationFlows(randomUUID).provider[b.state] as Flow
      assert.ok(E.isRight(await flows.insert(flow)()))
      const { version: _version, ...data } = flow as Flow & Record<string, unknown>
      await db.query('UPDATE flows SET data = $2::jsonb WHERE id = $1', [flow.id, JSON.stringify(b.change(data))])
      invalid(await flows.find(flow.id)(), b.cause, 'find')
    })
    test(`a flow that could not be read back is not written: ${b.what}`, async () => {
      const flow = sampleOrganisationFlows(randomUUID).provider[b.state] as Flow
      const { version, ...data } = flow as Flow & Record<string, unknown>
      invalid(await flows.insert({ ...b.change(data), version } as unknown as Flow)(), new RegExp(`not written: .*${b.cause.source}`), 'insert')
      assert.deepEqual(await flows.find(flow.id)(), E.right(O.none))
    })
  }

  test('an organisation account row without its organisation is refused by the table, and one with a member ID too', async () => {
    const account = sampleAccount(randomUUID, { dateOfBirth: null, relationship: { kind: 'organisation', organisationId: randomUUID() as OrganisationId } })
    assert.ok(E.isRight(await accountRepository(db).insert(account)()))
    for (const change of [`organisation_id = NULL`, `member_id = 'HP12345678'`, `relationship = 'member'`])
      await assert.rejects(db.query(`UPDATE accounts SET ${change} WHERE id = $1`, [account.id]), (e: { code?: string }) => e.code === '23514', change)
  })

  // the postal outbox
  const hashKey = new Uint8Array(32).fill(5) as HashKey
  const letterBox = aesGcmSecretBox(hashKey, 'postal-outbox')
  const clock = manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' }))
  const queue = (letters: ReadonlyArray<OutgoingLetter>, then: 'commit' | 'roll back' = 'commit') =>
    db
      .transaction(async (tx) => {
        const mailer = postalOutbox(tx, clock, letterBox)
        for (const l of letters) assert.ok(E.isRight(await mailer.send(l)()))
        if (then === 'roll back') throw new Error('the use case failed')
      })
      .catch((e: Error) => assert.equal(e.message, 'the use case failed'))
  const drain = async (delivery: PostalMailer, options: { box?: typeof letterBox } = {}) => {
    const report = await postalRelay(db, delivery, clock, options.box ?? letterBox).deliverPending()
    assert.ok(E.isRight(report), JSON.stringify(report))
    return report.right
  }
  /** Delivers everything queued before the test (earlier tests' letters). */
  const settle = async () => {
    clock.advance({ days: 1 })
    await drain(letterbox())
  }

  test('a letter is queued sealed in the use case’s transaction, and none for one that rolled back', async () => {
    await settle()
    await queue([letterTo('Rolled Back Clinic')], 'roll back')
    await queue([LETTER])
    const rows = (await db.query<{ kind: string; sealed_letter: string | null; delivered_at: unknown; attempts: number }>(
      'SELECT kind, sealed_letter, delivered_at, attempts FROM postal_outbox WHERE delivered_at IS NULL'
    )).rows
    assert.equal(rows.length, 1, 'one letter waits: the rolled-back one was never queued')
    const row = rows[0]!
    assert.equal(row.kind, 'registration-pin')
    assert.ok(row.sealed_letter !== null && !row.sealed_letter.includes('40417265') && !row.sealed_letter.includes('Saint Paul'), 'the letter is sealed at rest')
    assert.ok(E.isRight(letterBox.open(row.sealed_letter)), 'it opens with the postal outbox’s key')
    assert.ok(E.isLeft(aesGcmSecretBox(hashKey, 'mail-outbox').open(row.sealed_letter)), 'the mail outbox’s key does not open it')
  })

  test('the relay delivers each letter exactly once, and erases it', async () => {
    await settle()
    await queue([letterTo('Once Clinic A'), letterTo('Once Clinic B')])
    const box = letterbox()
    const first = await drain(box)
    assert.deepEqual({ delivered: first.delivered, failed: first.failed, pending: first.pending }, { delivered: 2, failed: [], pending: 0 })
    assert.deepEqual(box.letters(), [letterTo('Once Clinic A'), letterTo('Once Clinic B')])
    assert.equal(box.pinFor('Once Clinic A'), '40417265')
    clock.advance({ hours: 1 })
    assert.equal((await drain(box)).delivered, 0, 'a second pass sends nothing again')
    assert.equal(box.letters().length, 2)
    const erased = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM postal_outbox WHERE delivered_at IS NOT NULL AND sealed_letter IS NOT NULL`)
    assert.equal(erased.rows[0]?.n, 0, 'delivered letters are erased')
  })

  test('of relays running at once, each letter is delivered by exactly one', async () => {
    await settle()
    const addressees = Array.from({ length: 12 }, (_, i) => `Concurrent Clinic ${i}`)
    await queue(addressees.map(letterTo))
    const boxes = [letterbox(), letterbox(), letterbox()]
    const reports = await Promise.all(boxes.map((b) => drain(b)))
    assert.equal(reports.reduce((n, r) => n + r.delivered, 0), 12)
    assert.deepEqual(boxes.flatMap((b) => b.letters().map((l) => l.addressee)).sort(), [...addressees].sort())
  })

  test('a failed hand-off keeps the letter sealed for a later retry, with its typed error; it goes once the vendor is back', async () => {
    await settle()
    await queue([letterTo('Retry Clinic')])
    const box = letterbox()
    box.failDeliveries(true)
    const failed = await drain(box)
    assert.equal(failed.delivered, 0)
    assert.equal(failed.failed[0]?.error.code, 'mail.delivery-failed')
    assert.equal(failed.pending, 1)
    const row = (await db.query<{ attempts: number; last_error: string; sealed_letter: string | null }>(
      'SELECT attempts, last_error, sealed_letter FROM postal_outbox WHERE delivered_at IS NULL'
    )).rows[0]
    assert.ok(row && row.attempts === 1 && row.last_error.startsWith('mail.delivery-failed') && row.sealed_letter !== null, JSON.stringify(row))
    box.failDeliveries(false)
    assert.equal((await drain(box)).delivered, 0, 'not due again yet')
    clock.advance({ minutes: 1 })
    assert.equal((await drain(box)).delivered, 1)
    assert.deepEqual(box.letters().map((l) => l.addressee), ['Retry Clinic'])
  })

  test('a letter sealed under another key is not delivered: it stays, its error kept', async () => {
    await settle()
    await queue([letterTo('Other Key Clinic')])
    const box = letterbox()
    const report = await drain(box, { box: aesGcmSecretBox(new Uint8Array(32).fill(6) as HashKey, 'postal-outbox') })
    assert.equal(report.failed[0]?.error.code, 'storage.invalid-row')
    assert.equal(box.letters().length, 0)
  })

  test('postgresPorts: a use case’s letter is delivered after it commits; e-Services requests are rows with their reference', async () => {
    await settle()
    const box = letterbox()
    const ports = postgresPorts({ db, hashKey, clock, postalDelivery: box })
    assert.ok(ports.unitOfWork)
    const reference = await ports.unitOfWork.transaction(async (scope) => {
      assert.ok(E.isRight(await scope.postalMailer.send(letterTo('Committed Clinic'))()))
      const opened = await scope.eServices.open({ ...E_SERVICES_REQUEST, requestedAt: clock.now().toISO() as string })()
      return E.isRight(opened) ? opened.right.reference : assert.fail(JSON.stringify(opened))
    })
    assert.deepEqual(box.letters().map((l) => l.addressee), ['Committed Clinic'])
    assert.match(reference, /^ES-\d{6,}$/)
    const row = (await db.query<{ body: Record<string, unknown> }>('SELECT body FROM eservices_requests WHERE reference = $1', [reference])).rows[0]
    assert.equal(row?.body.taxIdLast4, '4567')
    assert.equal(O.isNone(rightOfTask(await ports.issuedChecks.findCheck('00012345' as CheckNumber)())), true, 'no checks issued by default')
    // a desk of one's own replaces the database's
    const desk = memoryEServicesDesk()
    const own = postgresPorts({ db, hashKey, clock, eServices: desk })
    await own.unitOfWork?.transaction((scope) => scope.eServices.open({ ...E_SERVICES_REQUEST, requestedAt: clock.now().toISO() as string })())
    assert.equal(desk.requests().length, 1)
  })
}

const E_SERVICES_REQUEST: EServicesRequest = {
  kind: 'provider-not-listed',
  firstName: 'Grace',
  lastName: 'Okafor',
  email: 'grace.okafor@riversidefp.com',
  emailKey: 'grace.okafor@riversidefp.com' as EServicesRequest['emailKey'],
  phone: null,
  organisationName: 'Riverside Family Practice',
  taxIdLast4: '4567',
  providerReference: null,
  details: null,
  requestedAt: '2026-11-22T09:10:00.000-05:00'
}

const rightOfTask = <A>(r: E.Either<DomainError, A>): A => (E.isRight(r) ? r.right : assert.fail(JSON.stringify(r.left)))

describe('storage contract: PGlite', async () => {
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await migrated(fromPGlite(await PGlite.create()))
  after(() => db.close())
  for (const check of storageContract(sqlStore(db), randomUUID)) test(check.name, check.run)
  sqlOnly(db)
  sqlOnlyOrganisations(db)
})

describe('storage contract: PostgreSQL server', async () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names the server (npm test starts one)', () => assert.ok(url, 'DATABASE_URL is not set: run `npm test`, or scripts/with-postgres.js'))
  if (!url) return
  const db = await migrated(fromPgPool(new Pool({ connectionString: url, max: 8 })))
  after(() => db.close())
  for (const check of storageContract(sqlStore(db), randomUUID)) test(check.name, check.run)
  sqlOnly(db)
  sqlOnlyOrganisations(db)
})
