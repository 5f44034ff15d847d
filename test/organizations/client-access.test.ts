/**
 * A billing organisation's access to its clients (src/organizations/client-access.ts):
 * a request per client, answered once through its link before it expires;
 * access only through an approved request not since ended; views without
 * secrets; the e-mail as data. Ends with a model-based run over every step.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import { ApprovalToken, approvalTokenDigest, approvalTokenFromBytes } from '../../src/credentials'
import { EmailAddress } from '../../src/kernel/email'
import { DomainError } from '../../src/kernel/errors'
import { ProviderId } from '../../src/kernel/identifiers'
import { KeyedHash } from '../../src/ports/keyed-hasher'
import {
  AccessRequest,
  AccessRequestId,
  accessRequestEmail,
  approve,
  CLIENT_ACCESS_REQUEST_LIFETIME,
  ClientProviderGroup,
  endAccess,
  mayAccessClient,
  OrganisationId,
  Party,
  Pending,
  pendingFor,
  refuse,
  requestClientAccess,
  stateAt
} from '../../src/organizations'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'

const ZONE = 'America/Chicago'
const keyed = hmacKeyedHasher(new Uint8Array(32).fill(3) as HashKey)
const T0 = DateTime.fromISO('2026-03-02T09:00:00', { zone: ZONE })
const DAY = 24 * 3600 * 1000
/** When a request made at T0 expires: 168 hours later (the week spans the DST change of 2026-03-08). */
const EXPIRY = T0.plus({ milliseconds: 7 * DAY })
const at = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: ZONE })

const NORTH = 'org-north-billing' as OrganisationId
const SOUTH = 'org-south-billing' as OrganisationId
const LAKES: ClientProviderGroup = { taxIdHash: keyed.digest('tax-id', '411234567'), providerId: '100234' as ProviderId, name: 'Lakes Family Clinic' }
const PRAIRIE: ClientProviderGroup = { taxIdHash: keyed.digest('tax-id', '412345678'), providerId: '100777' as ProviderId, name: 'Prairie Orthopedics' }
const MARIA = { firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@lakesclinic.com' } as const
const TOM = { firstName: 'Tom', lastName: 'Berg', email: 'tberg@prairieortho.com' } as const
/** The contact each client names: Maria Lopez for Lakes, Tom Berg for Prairie. */
const contactOf = (client: ClientProviderGroup): typeof MARIA | typeof TOM => (client.providerId === PRAIRIE.providerId ? TOM : MARIA)

const tokenOf = (fill: number, length = 16): ApprovalToken => {
  const t = approvalTokenFromBytes(new Uint8Array(length).fill(fill))
  assert.ok(E.isRight(t))
  return t.right
}
const uuid = (n: number): AccessRequestId => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}` as AccessRequestId
const hashFor = (id: AccessRequestId, token: ApprovalToken): KeyedHash => approvalTokenDigest(keyed, id, token)
const codeOf = (e: E.Either<DomainError, unknown>): string => (E.isLeft(e) ? e.left.code : 'ok')

/** A pending request of `org` for `client`, made at `now`, with the token filled with `fill`. */
const pending = (n = 1, org = NORTH, client = LAKES, now = T0, existing: ReadonlyArray<AccessRequest> = []): Pending => {
  const id = uuid(n)
  const r = requestClientAccess(now, CLIENT_ACCESS_REQUEST_LIFETIME, { requestId: id, billingOrganisationId: org }, client, contactOf(client), hashFor(id, tokenOf(n)), existing)
  assert.ok(E.isRight(r), JSON.stringify(r))
  return r.right
}
const right = <A>(r: E.Either<unknown, A>): A => {
  assert.ok(E.isRight(r), JSON.stringify(r))
  return r.right
}

describe('requestClientAccess', () => {
  test('records a pending request under the billing organisation, expiring after the 7-day policy, at version 0', () => {
    const r = pending()
    assert.equal(r.state, 'pending')
    assert.equal(r.billingOrganisationId, NORTH)
    assert.deepEqual(r.client, LAKES)
    assert.deepEqual(r.contact, { firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@lakesclinic.com' })
    assert.equal(DateTime.fromISO(r.expiresAt).diff(DateTime.fromISO(r.requestedAt)).toMillis(), 7 * DAY, 'elapsed time, across the DST change of 2026-03-08')
    assert.equal(r.version, 0)
    assert.equal(r.tokenHash, hashFor(uuid(1), tokenOf(1)))
  })

  test('collects every error of the contact form, each naming its field', () => {
    const r = requestClientAccess(T0, CLIENT_ACCESS_REQUEST_LIFETIME, { requestId: uuid(1), billingOrganisationId: NORTH }, LAKES, { firstName: ' ', lastName: 'L0pez', email: 'maria@' }, hashFor(uuid(1), tokenOf(1)), [])
    assert.ok(E.isLeft(r))
    assert.deepEqual(
      r.left.map((e) => [e.code, e.field]),
      [
        ['field.required', 'contact.firstName'],
        ['field.invalid', 'contact.lastName'],
        ['field.invalid', 'contact.email']
      ]
    )
  })

  test('any form gets typed errors, never a throw: null, numbers, a throwing getter, huge text', () => {
    const throwing = Object.defineProperty({}, 'email', { get: () => { throw new Error('boom') }, enumerable: true })
    for (const form of [null, undefined, 42, 'maria', [], throwing, { firstName: 'M'.repeat(1 << 20), lastName: 'Lopez', email: 'a@b.co' }]) {
      const r = requestClientAccess(T0, CLIENT_ACCESS_REQUEST_LIFETIME, { requestId: uuid(1), billingOrganisationId: NORTH }, LAKES, form, hashFor(uuid(1), tokenOf(1)), [])
      assert.ok(E.isLeft(r))
      assert.ok(r.left.length <= 3)
      for (const e of r.left) assert.ok(e.field?.startsWith('contact.') && e.rule !== '' && e.code !== 'system.unexpected', JSON.stringify(e))
    }
  })

  test('refuses a second request for the same client while one is pending or approved, with the form errors too', () => {
    const first = pending(1)
    const again = requestClientAccess(T0.plus({ hours: 1 }), CLIENT_ACCESS_REQUEST_LIFETIME, { requestId: uuid(2), billingOrganisationId: NORTH }, LAKES, { ...contactOf(LAKES), email: 'bad' }, hashFor(uuid(2), tokenOf(2)), [first])
    assert.ok(E.isLeft(again))
    assert.deepEqual(again.left.map((e) => [e.code, e.field]), [['field.invalid', 'contact.email'], ['access-request.already-exists', 'client']])
    const approved = right(approve(T0.plus({ hours: 1 }), first, hashFor(uuid(1), tokenOf(1))))
    const whileApproved = requestClientAccess(T0.plus({ hours: 2 }), CLIENT_ACCESS_REQUEST_LIFETIME, { requestId: uuid(2), billingOrganisationId: NORTH }, LAKES, contactOf(LAKES), hashFor(uuid(2), tokenOf(2)), [approved])
    assert.ok(E.isLeft(whileApproved))
    assert.deepEqual(whileApproved.left.map((e) => [e.code, (e as { state?: string }).state]), [['access-request.already-exists', 'approved']])
  })

  test('allows a new request once the last was refused, expired or ended, and for another client or another organisation', () => {
    const first = pending(1)
    const refused = right(refuse(T0.plus({ hours: 1 }), first, first.tokenHash))
    pending(2, NORTH, LAKES, T0.plus({ hours: 2 }), [refused])
    pending(3, NORTH, LAKES, EXPIRY, [first])
    const ended = right(endAccess(T0.plus({ days: 2 }), right(approve(T0.plus({ days: 1 }), first, first.tokenHash)), { side: 'client', contactEmail: first.contact.email }))
    pending(4, NORTH, LAKES, T0.plus({ days: 3 }), [ended])
    pending(5, NORTH, PRAIRIE, T0, [first])
    pending(6, SOUTH, LAKES, T0, [first])
  })

  test('refuses a lifetime that is not positive or longer than 30 days, naming it', () => {
    for (const lifetime of [Duration.fromMillis(0), Duration.fromObject({ days: -1 }), Duration.fromObject({ days: 31 }), Duration.invalid('nope'), null as unknown as Duration]) {
      const r = requestClientAccess(T0, lifetime, { requestId: uuid(1), billingOrganisationId: NORTH }, LAKES, contactOf(LAKES), hashFor(uuid(1), tokenOf(1)), [])
      assert.ok(E.isLeft(r))
      assert.deepEqual(r.left.map((e) => [e.code, e.field]), [['number.out-of-range', 'lifetime']])
    }
  })
})

describe('approve and refuse', () => {
  test('the right token before expiry approves at once, by the contact, keeping the version for the store to guard', () => {
    const r = pending()
    const a = right(approve(T0.plus({ days: 6, hours: 23 }), r, hashFor(r.id, tokenOf(1))))
    assert.deepEqual([a.state, a.approvedBy, a.version], ['approved', 'maria.lopez@lakesclinic.com', 0])
    assert.equal(DateTime.fromISO(a.approvedAt).toMillis(), T0.plus({ days: 6, hours: 23 }).toMillis())
  })

  test('a wrong token, a token of another request and a reused token get the same error, which does not say which', () => {
    const r = pending(1)
    const other = pending(2, SOUTH)
    const wrong = approve(T0, r, hashFor(r.id, tokenOf(9)))
    const foreign = approve(T0, r, other.tokenHash)
    const approved = right(approve(T0, r, r.tokenHash))
    const reused = approve(T0.plus({ minutes: 1 }), approved, r.tokenHash)
    const refusedThenApproved = approve(T0.plus({ minutes: 1 }), right(refuse(T0, r, r.tokenHash)), r.tokenHash)
    const errors = [wrong, foreign, reused, refusedThenApproved].map((x) => (E.isLeft(x) ? x.left : undefined))
    for (const e of errors) assert.deepEqual(e, errors[0])
    assert.deepEqual([errors[0]?.code, errors[0]?.field], ['access-request.invalid-link', 'token'])
  })

  test('a presented hash that is not text is an invalid link, never a throw', () => {
    for (const h of [undefined, null, 42, {}, ['x']]) assert.equal(codeOf(approve(T0, pending(), h as unknown as KeyedHash)), 'access-request.invalid-link')
  })

  test('the right token at or after expiry is expired, whether the row still says pending or was marked expired', () => {
    const r = pending()
    const late = EXPIRY
    for (const row of [r, stateAt(late, r)]) {
      for (const answer of [approve, refuse]) {
        const x = answer(late, row, r.tokenHash)
        assert.ok(E.isLeft(x))
        assert.deepEqual([x.left.code, x.left.field, (x.left as { expiredAt: string }).expiredAt], ['access-request.expired', 'token', r.expiresAt])
      }
    }
    assert.equal(codeOf(approve(late, r, hashFor(r.id, tokenOf(9)))), 'access-request.invalid-link', 'a wrong token learns nothing, not even expiry')
  })

  test('a pending row whose expiry cannot be read is expired, never answerable for ever', () => {
    const r = { ...pending(), expiresAt: 'some day' }
    assert.equal(stateAt(T0, r).state, 'expired')
    assert.equal(codeOf(approve(T0, r, r.tokenHash)), 'access-request.expired')
  })

  test('refusing takes the link as approving does, and grants nothing', () => {
    const r = pending()
    assert.equal(codeOf(refuse(T0, r, hashFor(r.id, tokenOf(9)))), 'access-request.invalid-link')
    const refused = right(refuse(T0.plus({ hours: 3 }), r, r.tokenHash))
    assert.equal(refused.state, 'refused')
    assert.equal(mayAccessClient(T0.plus({ hours: 4 }), [refused], NORTH, LAKES), false)
    assert.equal(codeOf(refuse(T0.plus({ hours: 4 }), refused, r.tokenHash)), 'access-request.invalid-link')
  })
})

describe('endAccess', () => {
  const approvedAt = T0.plus({ hours: 1 })
  const approved = () => {
    const r = pending()
    return right(approve(approvedAt, r, r.tokenHash))
  }

  test('either side ends an approved access, recorded with who and when; access stops at once', () => {
    for (const by of [{ side: 'billing-organisation', organisationId: NORTH }, { side: 'client', contactEmail: 'Maria.Lopez@LakesClinic.com' as EmailAddress }] as ReadonlyArray<Party>) {
      const ended = right(endAccess(T0.plus({ days: 30 }), approved(), by))
      assert.deepEqual([ended.state, ended.endedBy], ['ended', by.side])
      assert.equal(mayAccessClient(T0.plus({ days: 30 }), [ended], NORTH, LAKES), false)
    }
  })

  test('a party that is not one (null, a string, an unknown side) gets not-a-party, never a throw', () => {
    for (const by of [null, undefined, 'client', {}, { side: 'plan' }, { side: 'client', contactEmail: 42 }, { side: 'billing-organisation' }]) {
      const x = endAccess(T0.plus({ days: 1 }), approved(), by as unknown as Party)
      assert.deepEqual([codeOf(x), E.isLeft(x) && x.left.field], ['access-request.not-a-party', 'party'])
    }
  })

  test('someone who is neither side cannot end it', () => {
    for (const by of [{ side: 'billing-organisation', organisationId: SOUTH }, { side: 'client', contactEmail: 'tberg@prairieortho.com' as EmailAddress }] as ReadonlyArray<Party>) {
      const x = endAccess(T0.plus({ days: 1 }), approved(), by)
      assert.ok(E.isLeft(x))
      assert.deepEqual([x.left.code, x.left.field], ['access-request.not-a-party', 'party'])
    }
  })

  test('only an approved access can be ended: not a pending, refused, expired or already ended one', () => {
    const r = pending()
    const org: Party = { side: 'billing-organisation', organisationId: NORTH }
    const rows: ReadonlyArray<[AccessRequest, string]> = [
      [r, 'pending'],
      [right(refuse(T0, r, r.tokenHash)), 'refused'],
      [r, 'expired'],
      [right(endAccess(T0.plus({ days: 2 }), approved(), org)), 'ended']
    ]
    rows.forEach(([row, state], i) => {
      const x = endAccess(i === 2 ? EXPIRY : T0.plus({ days: 3 }), row, org)
      assert.ok(E.isLeft(x))
      assert.deepEqual([x.left.code, x.left.field, (x.left as { state: string }).state], ['access-request.not-active', 'request', state])
    })
  })
})

describe('mayAccessClient and pendingFor', () => {
  test('access is per organisation and per client: approval for Lakes gives North nothing of Prairie, and South nothing at all', () => {
    const r = pending()
    const approved = right(approve(T0, r, r.tokenHash))
    assert.equal(mayAccessClient(T0.plus({ days: 400 }), [approved], NORTH, LAKES), true, 'approved access does not lapse with the link')
    assert.equal(mayAccessClient(T0, [approved], NORTH, PRAIRIE), false)
    assert.equal(mayAccessClient(T0, [approved], SOUTH, LAKES), false)
    assert.equal(mayAccessClient(T0, [approved], NORTH, { ...LAKES, taxIdHash: keyed.digest('tax-id', '419999999') }), false, 'the Tax ID is part of the key')
    assert.equal(mayAccessClient(T0, [r], NORTH, LAKES), false, 'a pending request grants nothing')
  })

  test('each side sees the pending requests that concern it, until they expire, and never a token or Tax ID hash', () => {
    const toLakes = pending(1, NORTH, LAKES)
    const toPrairie = pending(2, NORTH, PRAIRIE)
    const southToLakes = pending(3, SOUTH, LAKES)
    const all = [toLakes, toPrairie, southToLakes, right(approve(T0, pending(4, SOUTH, PRAIRIE), hashFor(uuid(4), tokenOf(4))))]
    const ids = (p: Party, now = T0) => pendingFor(now, p, all).map((v) => v.id)
    assert.deepEqual(ids({ side: 'billing-organisation', organisationId: NORTH }), [toLakes.id, toPrairie.id])
    assert.deepEqual(ids({ side: 'client', contactEmail: 'MARIA.LOPEZ@lakesclinic.com' as EmailAddress }), [toLakes.id, southToLakes.id])
    assert.deepEqual(ids({ side: 'billing-organisation', organisationId: NORTH }, EXPIRY), [])
    const seen = JSON.stringify(pendingFor(T0, { side: 'billing-organisation', organisationId: NORTH }, all))
    for (const secret of [toLakes.tokenHash, toPrairie.tokenHash, LAKES.taxIdHash, PRAIRIE.taxIdHash, 'tokenHash', 'taxIdHash']) assert.ok(!seen.includes(secret), secret)
  })
})

describe('accessRequestEmail', () => {
  test('is addressed to the contact, names the billing organisation and the client, and links approve and refuse with the token', () => {
    const r = pending()
    const mail = right(accessRequestEmail(r, 'North Star Billing', 'https://provider.example.com/client-access/', tokenOf(1)))
    assert.equal(mail.to, 'maria.lopez@lakesclinic.com')
    assert.deepEqual([mail.contactName, mail.billingOrganisationName, mail.client], ['Maria Lopez', 'North Star Billing', { providerId: '100234', name: 'Lakes Family Clinic' }])
    assert.equal(mail.approveUrl, `https://provider.example.com/client-access/approve?request=${r.id}&token=${tokenOf(1)}`)
    assert.equal(mail.refuseUrl, `https://provider.example.com/client-access/refuse?request=${r.id}&token=${tokenOf(1)}`)
    assert.equal(mail.expiresAt, r.expiresAt)
    assert.ok(!JSON.stringify(mail).includes(r.tokenHash))
  })

  test('refuses a base address that is not plain https, naming it', () => {
    for (const base of ['http://provider.example.com', 'https://provider.example.com/?x=1', 'https://provider.example.com/#top', 'https://u:p@provider.example.com', 'not a url', `https://${'a'.repeat(300)}.com`, 42]) {
      const x = accessRequestEmail(pending(), 'North Star Billing', base as string, tokenOf(1))
      assert.ok(E.isLeft(x), String(base))
      assert.equal(x.left.field, 'baseUrl')
    }
  })
})

// -------------------------------------------------------------------------------------
// model-based: request / approve / refuse / wait / end, in any order
// -------------------------------------------------------------------------------------

/** What the model remembers of one request: the facts, not the rows. */
interface ModelRequest {
  readonly id: AccessRequestId
  readonly org: OrganisationId
  readonly client: ClientProviderGroup
  readonly expiresAt: number
  status: 'pending' | 'approved' | 'refused' | 'ended'
}
interface Model {
  now: number
  readonly requests: ModelRequest[]
}
/** The system: rows in a store that bumps the version on each write and refuses a stale one. */
interface Real {
  now: number
  readonly rows: Map<AccessRequestId, AccessRequest>
  readonly tokens: Map<AccessRequestId, ApprovalToken>
  /** How many times each token has granted access. */
  readonly grants: Map<AccessRequestId, number>
  next: number
}
type Cmd = fc.Command<Model, Real>

const save = (real: Real, loaded: AccessRequest, next: AccessRequest): boolean => {
  const stored = real.rows.get(loaded.id)
  if (stored === undefined || stored.version !== next.version) return false
  real.rows.set(next.id, { ...next, version: next.version + 1 })
  return true
}

const ORGS = [NORTH, SOUTH] as const
const CLIENTS = [LAKES, PRAIRIE] as const
const live = (m: Model, r: ModelRequest): boolean => r.status === 'approved' || (r.status === 'pending' && m.now < r.expiresAt)

class Request implements Cmd {
  constructor(readonly org: OrganisationId, readonly client: ClientProviderGroup, readonly bytes: Uint8Array) {}
  check = () => true
  run(m: Model, r: Real): void {
    const id = uuid(++r.next)
    const token = right(approvalTokenFromBytes(this.bytes))
    const x = requestClientAccess(at(r.now), CLIENT_ACCESS_REQUEST_LIFETIME, { requestId: id, billingOrganisationId: this.org }, this.client, contactOf(this.client), hashFor(id, token), [...r.rows.values()])
    const blocked = m.requests.some((q) => q.org === this.org && q.client === this.client && live(m, q))
    assert.equal(E.isLeft(x), blocked)
    if (E.isLeft(x)) return assert.deepEqual(x.left.map((e) => e.code), ['access-request.already-exists'])
    r.rows.set(id, { ...x.right, version: 1 })
    r.tokens.set(id, token)
    m.requests.push({ id, org: this.org, client: this.client, expiresAt: r.now + CLIENT_ACCESS_REQUEST_LIFETIME.toMillis(), status: 'pending' })
  }
  toString = () => `request(${this.org}, ${this.client.name})`
}

type TokenChoice = 'right' | 'wrong' | 'another request’s'

/** The hash of the token the contact presents for request `id`. */
const presented = (r: Real, id: AccessRequestId, choice: TokenChoice): KeyedHash => {
  if (choice === 'right') return hashFor(id, r.tokens.get(id) as ApprovalToken)
  // 40 bytes: longer than any token the run draws, so never one of them.
  if (choice === 'wrong') return hashFor(id, tokenOf(7, 40))
  const own = r.tokens.get(id)
  const other = [...r.tokens.values()].find((t) => t !== own)
  return hashFor(id, other ?? tokenOf(8, 40))
}

class Answer implements Cmd {
  constructor(readonly pick: number, readonly choice: TokenChoice, readonly approving: boolean) {}
  check = (m: Readonly<Model>) => m.requests.length > 0
  run(m: Model, r: Real): void {
    const q = m.requests[this.pick % m.requests.length] as ModelRequest
    const row = r.rows.get(q.id) as AccessRequest
    const hash = presented(r, q.id, this.choice)
    const x = this.approving ? approve(at(r.now), row, hash) : refuse(at(r.now), row, hash)
    const expected = this.choice !== 'right' || q.status !== 'pending' ? 'access-request.invalid-link' : m.now >= q.expiresAt ? 'access-request.expired' : 'ok'
    assert.equal(codeOf(x), expected)
    if (E.isLeft(x)) return
    assert.ok(save(r, row, x.right))
    q.status = this.approving ? 'approved' : 'refused'
    if (this.approving) r.grants.set(q.id, (r.grants.get(q.id) ?? 0) + 1)
  }
  toString = () => `${this.approving ? 'approve' : 'refuse'}(#${this.pick}, ${this.choice} token)`
}

/** The same link followed twice at once: both load the same row; the store lets one write win. */
class ApproveTwiceAtOnce implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.requests.length > 0
  run(m: Model, r: Real): void {
    const q = m.requests[this.pick % m.requests.length] as ModelRequest
    const row = r.rows.get(q.id) as AccessRequest
    const hash = presented(r, q.id, 'right')
    const wins = [approve(at(r.now), row, hash), approve(at(r.now), row, hash)].filter((x) => E.isRight(x) && save(r, row, x.right))
    const expected = q.status === 'pending' && m.now < q.expiresAt ? 1 : 0
    assert.equal(wins.length, expected)
    if (expected === 1) {
      q.status = 'approved'
      r.grants.set(q.id, (r.grants.get(q.id) ?? 0) + 1)
    }
  }
  toString = () => `approveTwiceAtOnce(#${this.pick})`
}

class End implements Cmd {
  constructor(readonly pick: number, readonly side: 'billing-organisation' | 'client', readonly party: boolean) {}
  check = (m: Readonly<Model>) => m.requests.length > 0
  run(m: Model, r: Real): void {
    const q = m.requests[this.pick % m.requests.length] as ModelRequest
    const row = r.rows.get(q.id) as AccessRequest
    const by: Party =
      this.side === 'billing-organisation'
        ? { side: this.side, organisationId: this.party ? q.org : ORGS.find((o) => o !== q.org) as OrganisationId }
        : { side: this.side, contactEmail: contactOf(this.party ? q.client : CLIENTS.find((c) => c !== q.client) as ClientProviderGroup).email as EmailAddress }
    const x = endAccess(at(r.now), row, by)
    const expected = !this.party ? 'access-request.not-a-party' : q.status !== 'approved' ? 'access-request.not-active' : 'ok'
    assert.equal(codeOf(x), expected)
    if (E.isLeft(x)) return
    assert.ok(save(r, row, x.right))
    q.status = 'ended'
  }
  toString = () => `end(#${this.pick}, ${this.side}${this.party ? '' : ', not a party'})`
}

class Wait implements Cmd {
  constructor(readonly millis: number) {}
  check = () => true
  run(m: Model, r: Real): void {
    m.now += this.millis
    r.now += this.millis
  }
  toString = () => `wait(${Duration.fromMillis(this.millis).shiftTo('days', 'hours').toHuman()})`
}

const week = CLIENT_ACCESS_REQUEST_LIFETIME.toMillis()
const commands = fc.commands(
  [
    fc.tuple(fc.constantFrom(...ORGS), fc.constantFrom(...CLIENTS), fc.uint8Array({ minLength: 16, maxLength: 32 })).map(([o, c, b]) => new Request(o, c, b)),
    fc.tuple(fc.nat(), fc.constantFrom<TokenChoice>('right', 'right', 'wrong', 'another request’s'), fc.boolean()).map(([i, t, a]) => new Answer(i, t, a)),
    fc.nat().map((i) => new ApproveTwiceAtOnce(i)),
    fc.tuple(fc.nat(), fc.constantFrom('billing-organisation', 'client' as const), fc.boolean()).map(([i, s, p]) => new End(i, s, p)),
    fc.oneof(fc.integer({ min: 0, max: 2 * DAY }), fc.constantFrom(week, week - 1, 1)).map((n) => new Wait(n))
  ],
  { maxCommands: 60, size: 'large' }
)

describe('client access, model-based', () => {
  test('after every step, a client is reachable exactly through an approved, unended request reached with the right token before expiry; a token grants at most once', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const model: Model = { now: T0.toMillis(), requests: [] }
        const real: Real = { now: T0.toMillis(), rows: new Map(), tokens: new Map(), grants: new Map(), next: 0 }
        const checked = [...cmds].map(
          (c): Cmd => ({
            check: (m) => c.check(m),
            run: (m, r) => {
              c.run(m, r)
              const rows = [...r.rows.values()]
              for (const org of ORGS)
                for (const client of CLIENTS)
                  assert.equal(
                    mayAccessClient(at(r.now), rows, org, client),
                    m.requests.some((q) => q.org === org && q.client === client && q.status === 'approved'),
                    `${org} → ${client.name} after ${c.toString()}`
                  )
              for (const n of r.grants.values()) assert.ok(n <= 1, 'a token granted twice')
              const views = JSON.stringify([...ORGS.map((o) => pendingFor(at(r.now), { side: 'billing-organisation', organisationId: o }, rows))])
              for (const row of rows) assert.ok(!views.includes(row.tokenHash))
            },
            toString: () => c.toString()
          })
        )
        fc.modelRun(() => ({ model, real }), checked)
      }),
      { numRuns: 200 }
    )
  })
})
