/**
 * HARP's organisations through the portal, model-based (fast-check async
 * commands) on the memory adapters, with the test scrypt parameters and a
 * manual clock. Where test/organizations/role-requests.test.ts runs the pure
 * rules, this drives every step through `createPortal(harp.preset, …)`
 * (test/support/harp-harness.ts): five people, each with a credit file, may
 * create their profile and account with their SSN and be proofed by the
 * bureau's questions (or try again under a User ID already taken); CMS's
 * records list two practices and an APM Entity (the APM Entity under one of
 * the practices' Tax IDs). A person connects to an organisation as its first
 * user with a clinician's PTAN and NPI (sometimes a wrong PTAN, another
 * organisation's clinician's NPI, or none at all) and becomes its Security
 * Official; later users request Staff User or Security Official (again while
 * waiting, or for a role they hold); a Security Official approves or rejects
 * a waiting request, and so do the requester themselves, a Staff User, an
 * outsider, and someone with no account, and anyone names a request that is
 * not waiting; a Security Official removes a user, a Staff User removes
 * someone else or leaves, the last Security Official tries to leave; people
 * look an organisation up; the clock moves. People connect to several
 * organisations. The portal offers no change of role other than an approved
 * request (a Staff User's approved request for Security Official); there is
 * no demotion call, so none is modelled.
 *
 * After every command, against the memory store's snapshot and the portal's
 * own reads: the organisations stored are the model's, each with at least one
 * Security Official; each connection's role is the model's, and was granted
 * as the model recorded it, as the first user or by the approval of someone
 * else who was a Security Official then (the stored `grant.approvedBy` is the
 * model's approver, never the holder); the requests waiting are the model's
 * (who, which role, which id); `connections` for every registered person,
 * `permissions` for every connection and `pendingRequests` for a Security
 * Official of each organisation agree with the model; a refused action
 * changes nothing stored (the organisations and the accounts stay as they
 * were, byte for byte). The expected refusal codes are the model's.
 *
 * 100 runs of at most 30 commands. Also: two first users racing
 * (Promise.all) produce exactly one Security Official; mutation controls show
 * the invariants catch a store that loses updates (approvals not persisted)
 * and a store that lets a second first user in; and a last test checks that
 * every kind of step succeeded or was refused somewhere.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { DomainError } from '../../src/kernel/errors'
import type { HarpOrganisation, HarpRole } from '../../src/organizations/role-requests'
import type { Ports } from '../../src/ports'
import { harpHarness, HarpHarness, HarpPerson, PEOPLE, PRACTICES, PracticeKey, profileFormOf } from '../support/harp-harness'

// -------------------------------------------------------------------------------------
// model and system
// -------------------------------------------------------------------------------------

type UserId = HarpPerson['userId']
type Grant = { readonly by: 'first-user' } | { readonly by: 'approval'; readonly approvedBy: UserId }

interface ModelOrg {
  readonly roles: Map<UserId, HarpRole>
  readonly grants: Map<UserId, Grant>
  /** Waiting requests, by requester, with the index of the request id the portal answered. */
  readonly pending: Map<UserId, { readonly role: HarpRole; readonly request: number }>
}

interface Model {
  readonly registered: Set<UserId>
  readonly orgs: Map<PracticeKey, ModelOrg>
}

interface Real {
  readonly h: HarpHarness
  readonly accountIds: Map<UserId, string>
  readonly orgIds: Map<PracticeKey, string>
  /** Request ids as the portal answered them, in order. */
  readonly requestIds: string[]
}

type Cmd = fc.AsyncCommand<Model, Real>
type Result = E.Either<ReadonlyArray<DomainError>, unknown>

const NOBODY = 'ffffffff-ffff-4fff-8fff-ffffffffffff'
const NO_ORGANISATION = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee'
const NO_REQUEST = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd'

const outcomes = new Map<string, number>()
const saw = (kind: string): void => {
  outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1)
}

/** Asserts the outcome the model expects: null for success, else the error codes; counts it. */
const expectOutcome = (r: Result, expected: string | ReadonlyArray<string> | null, what: string, kind: string): void => {
  if (expected === null) {
    if (E.isLeft(r)) assert.fail(`${what}: expected success, got ${JSON.stringify(r.left)}`)
    saw(kind)
    return
  }
  const codes = typeof expected === 'string' ? [expected] : expected
  assert.ok(E.isLeft(r), `${what}: expected ${codes.join(', ')}, got success ${JSON.stringify(r)}`)
  assert.deepEqual(r.left.map((e) => e.code), codes, `${what}: ${JSON.stringify(r.left)}`)
  saw(`${kind}: ${codes.join(', ')}`)
}

const practice = (key: PracticeKey) => PRACTICES.find((p) => p.key === key) as (typeof PRACTICES)[number]
const accountOf = (r: Real, u: UserId): string => r.accountIds.get(u) ?? NOBODY
const acting = (r: Real, u: UserId) => ({ accountId: accountOf(r, u) })
const securityOfficials = (o: ModelOrg): ReadonlyArray<UserId> => [...o.roles].filter(([, role]) => role === 'security-official').map(([u]) => u)

/** What every step checks first: an account of a proofed person (everyone registered here is proofed). */
const signedIn = (m: Model, u: UserId): string | null => (m.registered.has(u) ? null : 'account.not-found')

/** The stored organisations and accounts as text: what a refused action must leave as it was. */
const storedState = (r: Real): string => {
  const s = JSON.parse(r.h.store.snapshot()) as { harpOrganisations: unknown; accounts: unknown }
  return JSON.stringify([s.harpOrganisations, s.accounts])
}

/** Set by a command whose step the model expects refused: withInvariants then checks nothing changed. */
let refused = false

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

class Register implements Cmd {
  constructor(readonly who: number) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const p = PEOPLE[this.who] as HarpPerson
    if (m.registered.has(p.userId)) {
      // the User ID (and the SSN) taken: refused, nothing written
      const again = await r.h.portal.harpRegistration.createProfileAndAccount(profileFormOf(p))
      assert.ok(E.isLeft(again), `${this.toString()}: a second account`)
      saw('register again: refused')
      refused = true
      return
    }
    r.accountIds.set(p.userId, await r.h.registerProofed(p))
    m.registered.add(p.userId)
    saw('register')
  }
  toString = () => `register(${(PEOPLE[this.who] as HarpPerson).userId})`
}

type Proof = 'right' | 'second clinician' | 'wrong PTAN' | 'another organisation’s NPI' | 'none'

class ConnectFirst implements Cmd {
  constructor(readonly who: number, readonly org: PracticeKey, readonly proof: Proof) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const u = (PEOPLE[this.who] as HarpPerson).userId
    const p = practice(this.org)
    const [first] = p.clinicians
    const second = p.clinicians[1] ?? first
    const other = practice(this.org === 'hilltop' ? 'lakeside' : 'hilltop').clinicians[0]
    const clinician =
      this.proof === 'right' ? first : this.proof === 'second clinician' ? second : this.proof === 'wrong PTAN' ? { npi: first.npi, ptan: 'ZZ9999' } : this.proof === 'none' ? {} : { npi: other.npi, ptan: first.ptan }
    const existing = m.orgs.get(this.org)
    const expected =
      signedIn(m, u) ??
      (existing !== undefined ? 'organisation.has-security-official' : this.proof === 'none' ? ['field.required', 'field.required'] : this.proof === 'right' || this.proof === 'second clinician' ? null : 'organisation.clinician-not-matched')
    const outcome = await r.h.portal.organisationAccess.connect(acting(r, u), { organisationType: p.type, taxId: p.taxId, confirmed: true, ...clinician })
    expectOutcome(outcome, expected, this.toString(), 'connect as first user')
    if (expected !== null) {
      refused = true
      return
    }
    if (E.isLeft(outcome)) return
    const right = outcome.right as { outcome: string; organisationId: string; role: string }
    assert.deepEqual([right.outcome, right.role], ['connected', 'security-official'])
    r.orgIds.set(this.org, right.organisationId)
    m.orgs.set(this.org, { roles: new Map([[u, 'security-official']]), grants: new Map([[u, { by: 'first-user' }]]), pending: new Map() })
  }
  toString = () => `connectFirst(${(PEOPLE[this.who] as HarpPerson).userId}, ${this.org}, ${this.proof})`
}

/** An organisation by key, or the n-th the model knows (Lakeside when none). */
const orgPicked = (m: Model, pick: PracticeKey | number): PracticeKey => {
  if (typeof pick === 'string') return pick
  const keys = [...m.orgs.keys()]
  return keys.length === 0 ? 'lakeside' : (keys[pick % keys.length] as PracticeKey)
}

class RequestRole implements Cmd {
  constructor(readonly who: number, readonly pick: PracticeKey | number, readonly role: HarpRole) {}
  check = () => true
  org: PracticeKey = 'lakeside'
  async run(m: Model, r: Real): Promise<void> {
    this.org = orgPicked(m, this.pick)
    const u = (PEOPLE[this.who] as HarpPerson).userId
    const p = practice(this.org)
    const o = m.orgs.get(this.org)
    const held = o?.roles.get(u)
    const expected =
      signedIn(m, u) ??
      (o === undefined
        ? ['field.required', 'field.required'] // no organisation yet: the first user's form, without a clinician
        : held === 'security-official' || held === this.role
          ? 'role-request.role-held'
          : o.pending.has(u)
            ? 'role-request.already-pending'
            : null)
    const outcome = await r.h.portal.organisationAccess.connect(acting(r, u), { organisationType: p.type, taxId: p.taxId, confirmed: true, role: this.role })
    expectOutcome(outcome, expected, this.toString(), `request ${this.role}`)
    if (expected !== null || o === undefined) {
      refused = true
      return
    }
    if (E.isLeft(outcome)) return
    const right = outcome.right as { outcome: string; organisationId: string; role: string; requestId: string }
    assert.deepEqual([right.outcome, right.organisationId, right.role], ['requested', r.orgIds.get(this.org), this.role])
    r.requestIds.push(right.requestId)
    o.pending.set(u, { role: this.role, request: r.requestIds.length - 1 })
  }
  toString = () => `requestRole(${(PEOPLE[this.who] as HarpPerson).userId}, ${typeof this.pick === 'string' ? this.pick : `${this.org} (#${this.pick})`}, ${this.role})`
}

/** Who decides: a Security Official of the request's organisation, the requester, a Staff User there, or anyone. */
type Decider = 'security-official' | 'requester' | 'staff-user' | 'anyone'

class Decide implements Cmd {
  constructor(readonly how: 'approve' | 'reject', readonly pick: number, readonly decider: Decider, readonly anyone: number, readonly wrongRequest: boolean) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const waiting = [...m.orgs].flatMap(([org, o]) => [...o.pending].map(([u, q]) => ({ org, o, u, q })))
    const orgKeys = [...m.orgs.keys()]
    const target = waiting.length > 0 ? waiting[this.pick % waiting.length] : undefined
    const org = target?.org ?? orgKeys[this.pick % Math.max(1, orgKeys.length)]
    const o = org === undefined ? undefined : m.orgs.get(org)
    const staff = o === undefined ? [] : [...o.roles].filter(([, role]) => role === 'staff-user').map(([u]) => u)
    const sos = o === undefined ? [] : securityOfficials(o)
    const fallback = (PEOPLE[this.anyone % PEOPLE.length] as HarpPerson).userId
    const actor: UserId =
      this.decider === 'requester' && target !== undefined
        ? target.u
        : this.decider === 'security-official' && sos.length > 0
          ? (sos[this.anyone % sos.length] as UserId)
          : this.decider === 'staff-user' && staff.length > 0
            ? (staff[this.anyone % staff.length] as UserId)
            : fallback
    const requestId = target === undefined || this.wrongRequest ? NO_REQUEST : (r.requestIds[target.q.request] as string)
    const expected =
      signedIn(m, actor) ??
      (o === undefined
        ? 'organisation.not-a-member'
        : target === undefined || this.wrongRequest
          ? 'role-request.not-found'
          : target.u === actor
            ? 'role-request.own-request'
            : !o.roles.has(actor)
              ? 'organisation.not-a-member'
              : o.roles.get(actor) !== 'security-official'
                ? 'organisation.not-a-security-official'
                : null)
    const outcome = await r.h.portal.organisationAccess[this.how](acting(r, actor), { organisationId: org === undefined ? NO_ORGANISATION : r.orgIds.get(org), requestId })
    const actorRole = o?.roles.get(actor) ?? (o?.pending.has(actor) === true ? 'requester' : 'outsider')
    expectOutcome(outcome, expected, this.toString(), `${this.how} by ${target?.u === actor ? 'the requester' : actorRole}`)
    if (expected !== null || target === undefined) {
      refused = true
      return
    }
    target.o.pending.delete(target.u)
    if (this.how === 'approve') {
      target.o.roles.set(target.u, target.q.role)
      target.o.grants.set(target.u, { by: 'approval', approvedBy: actor })
    }
  }
  toString = () => `${this.how}(#${this.pick} by ${this.decider}/${this.anyone}${this.wrongRequest ? ', a request not waiting' : ''})`
}

/** Who is removed: the actor themselves (leaving), the n-th member of the organisation, or the n-th person of the pool. */
type Removed = { readonly kind: 'self' } | { readonly kind: 'member' | 'anyone'; readonly index: number }

class RemoveUser implements Cmd {
  constructor(readonly org: number, readonly by: Decider, readonly index: number, readonly removed: Removed) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const keys = [...m.orgs.keys()]
    const org = keys.length === 0 ? undefined : keys[this.org % keys.length]
    const o = org === undefined ? undefined : m.orgs.get(org)
    const members = o === undefined ? [] : [...o.roles.keys()]
    const withRole = (role: HarpRole) => (o === undefined ? [] : [...o.roles].filter(([, x]) => x === role).map(([u]) => u))
    const pool = (i: number) => (PEOPLE[i % PEOPLE.length] as HarpPerson).userId
    const among = (xs: ReadonlyArray<UserId>, i: number): UserId => (xs.length === 0 ? pool(i) : (xs[i % xs.length] as UserId))
    const actor = this.by === 'security-official' ? among(withRole('security-official'), this.index) : this.by === 'staff-user' ? among(withRole('staff-user'), this.index) : pool(this.index)
    const target = this.removed.kind === 'self' ? actor : this.removed.kind === 'member' ? among(members, this.removed.index) : pool(this.removed.index)
    const expected =
      signedIn(m, actor) ??
      (o === undefined
        ? 'organisation.not-a-member'
        : !o.roles.has(target)
          ? 'organisation.not-a-member'
          : actor !== target && !o.roles.has(actor)
            ? 'organisation.not-a-member'
            : actor !== target && o.roles.get(actor) !== 'security-official'
              ? 'organisation.not-a-security-official'
              : o.roles.get(target) === 'security-official' && securityOfficials(o).length <= 1
                ? 'organisation.last-security-official'
                : null)
    this.shown = `${org ?? 'no organisation'}, by ${actor}, ${target === actor ? 'themselves' : target}`
    const outcome = await r.h.portal.organisationAccess.removeUser(acting(r, actor), { organisationId: org === undefined ? NO_ORGANISATION : r.orgIds.get(org), accountId: accountOf(r, target) })
    expectOutcome(outcome, expected, this.toString(), actor === target ? 'leave' : `remove by ${o?.roles.get(actor) ?? 'outsider'}`)
    if (expected !== null || o === undefined) {
      refused = true
      return
    }
    o.roles.delete(target)
    o.grants.delete(target)
    o.pending.delete(target)
  }
  shown = ''
  toString = () => `removeUser(org #${this.org}, by ${this.by}#${this.index}, ${this.removed.kind === 'self' ? 'themselves' : `${this.removed.kind}#${this.removed.index}`})${this.shown === '' ? '' : ` [${this.shown}]`}`
}

class Find implements Cmd {
  constructor(readonly who: number, readonly org: PracticeKey) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const u = (PEOPLE[this.who] as HarpPerson).userId
    const p = practice(this.org)
    const found = await r.h.portal.organisationAccess.findOrganisation(acting(r, u), { organisationType: p.type, taxId: p.taxId })
    refused = true // a look-up writes nothing
    expectOutcome(found, signedIn(m, u), this.toString(), 'find')
    if (E.isLeft(found)) return
    const o = m.orgs.get(this.org)
    const role = o?.roles.get(u)
    const waiting = o?.pending.get(u)
    assert.equal(found.right.legalBusinessName, p.legalBusinessName)
    assert.equal(found.right.firstUser, o === undefined)
    assert.equal(found.right.connection?.role ?? null, role ?? null, this.toString())
    assert.equal(found.right.pending?.role ?? null, waiting?.role ?? null, this.toString())
  }
  toString = () => `find(${(PEOPLE[this.who] as HarpPerson).userId}, ${this.org})`
}

class Wait implements Cmd {
  constructor(readonly minutes: number) {}
  check = () => true
  async run(_m: Model, r: Real): Promise<void> {
    r.h.clock.advance({ minutes: this.minutes })
    refused = true // time alone changes nothing stored
  }
  toString = () => `wait(${this.minutes} min)`
}

// -------------------------------------------------------------------------------------
// invariants, after every command
// -------------------------------------------------------------------------------------

const invariants = async (m: Model, r: Real, at: string): Promise<void> => {
  const stored = (JSON.parse(r.h.store.snapshot()) as { harpOrganisations: ReadonlyArray<HarpOrganisation> }).harpOrganisations
  const idOf = new Map([...r.accountIds].map(([u, id]) => [id, u]))
  assert.deepEqual(stored.map((o) => o.id).sort(), [...m.orgs.keys()].map((k) => r.orgIds.get(k)).sort(), `organisations ${at}`)
  for (const [key, mo] of m.orgs) {
    const o = stored.find((x) => x.id === r.orgIds.get(key)) as HarpOrganisation
    // at least one Security Official
    assert.ok(o.connections.some((c) => c.role === 'security-official'), `${key} has no Security Official ${at}`)
    // roles as modelled, each granted as the model recorded: first user, or approved by someone else
    assert.deepEqual(o.connections.map((c) => [idOf.get(c.accountId), c.role]).sort(), [...mo.roles].sort(), `${key}'s roles ${at}`)
    for (const c of o.connections) {
      const u = idOf.get(c.accountId) as UserId
      const grant = mo.grants.get(u)
      if (c.grant.by === 'approval') {
        assert.notEqual(c.grant.approvedBy, c.accountId, `${u} approved their own request in ${key} ${at}`)
        assert.deepEqual(grant, { by: 'approval', approvedBy: idOf.get(c.grant.approvedBy) }, `${u}'s grant in ${key} ${at}`)
      } else assert.deepEqual(grant, { by: c.grant.by }, `${u}'s grant in ${key} ${at}`)
    }
    // waiting requests as modelled
    assert.deepEqual(
      o.pending.map((q) => [idOf.get(q.accountId), q.role, q.id]).sort(),
      [...mo.pending].map(([u, q]) => [u, q.role, r.requestIds[q.request]]).sort(),
      `${key}'s waiting requests ${at}`
    )
    // the portal's reads: a Security Official's pendingRequests, every member's permissions
    const so = securityOfficials(mo)[0] as UserId
    const listed = await r.h.portal.organisationAccess.pendingRequests(acting(r, so), { organisationId: o.id })
    assert.ok(E.isRight(listed), `${key}'s pendingRequests ${at}: ${JSON.stringify(listed)}`)
    assert.deepEqual(listed.right.map((q) => [idOf.get(q.accountId), q.role]).sort(), [...mo.pending].map(([u, q]) => [u, q.role]).sort(), `pendingRequests of ${key} ${at}`)
    for (const u of m.registered) {
      const allowed = await r.h.portal.organisationAccess.permissions(acting(r, u), { organisationId: o.id })
      const role = mo.roles.get(u)
      if (role === undefined) {
        assert.ok(E.isLeft(allowed) && allowed.left[0]?.code === 'organisation.not-a-member', `${u}'s permissions in ${key} ${at}`)
        continue
      }
      assert.ok(E.isRight(allowed), `${u}'s permissions in ${key} ${at}`)
      assert.deepEqual([allowed.right.role, allowed.right.mayManageUsers, allowed.right.mayReportData], [role, role === 'security-official', true])
    }
  }
  // each registered person's connections: every organisation they hold a role in or asked to join
  for (const u of m.registered) {
    const listed = await r.h.portal.organisationAccess.connections(acting(r, u))
    assert.ok(E.isRight(listed), `${u}'s connections ${at}`)
    const modelled = [...m.orgs]
      .filter(([, o]) => o.roles.has(u) || o.pending.has(u))
      .map(([k, o]) => [r.orgIds.get(k), o.roles.get(u) ?? null, o.pending.get(u)?.role ?? null])
      .sort()
    assert.deepEqual(listed.right.map((c) => [c.organisationId, c.role, c.pendingRole]).sort(), modelled, `${u}'s connections ${at}`)
  }
}

const withInvariants = (c: Cmd): Cmd => ({
  check: (m) => c.check(m),
  run: async (m, r) => {
    const before = storedState(r)
    refused = false
    await c.run(m, r)
    if (refused) assert.equal(storedState(r), before, `${c.toString()} was refused (or read only) and changed what is stored`)
    await invariants(m, r, `after ${c.toString()}`)
  },
  toString: () => c.toString()
})

// -------------------------------------------------------------------------------------
// the run
// -------------------------------------------------------------------------------------

const person = fc.nat({ max: PEOPLE.length - 1 })
const orgKey = fc.constantFrom<PracticeKey>('lakeside', 'hilltop', 'riverbend')
const role = fc.constantFrom<HarpRole>('staff-user', 'security-official')
const proof = fc.constantFrom<Proof>('right', 'right', 'right', 'second clinician', 'wrong PTAN', 'another organisation’s NPI', 'none')
const decider = fc.constantFrom<Decider>('security-official', 'security-official', 'security-official', 'requester', 'staff-user', 'anyone')

const register = person.map((w): Cmd => new Register(w))
const connectFirst = fc.tuple(person, orgKey, proof).map(([w, o, p]): Cmd => new ConnectFirst(w, o, p))
const requestRole = fc.tuple(person, fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 20 }) }, { weight: 1, arbitrary: orgKey }), role).map(([w, o, ro]): Cmd => new RequestRole(w, o, ro))
const decide = fc
  .tuple(fc.constantFrom<'approve' | 'reject'>('approve', 'approve', 'reject'), fc.nat({ max: 20 }), decider, fc.nat({ max: 20 }), fc.constantFrom(false, false, false, false, true))
  .map(([h, i, d, a, w]): Cmd => new Decide(h, i, d, a, w))
const removed: fc.Arbitrary<Removed> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'self' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('member' as const), index: fc.nat({ max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('anyone' as const), index: fc.nat({ max: 20 }) }) }
)
const removeUser = fc
  .tuple(fc.nat({ max: 5 }), fc.constantFrom<Decider>('security-official', 'security-official', 'staff-user', 'staff-user', 'anyone'), fc.nat({ max: 20 }), removed)
  .map(([o, b, i, t]): Cmd => new RemoveUser(o, b, i, t))
const find = fc.tuple(person, orgKey).map(([w, o]): Cmd => new Find(w, o))
const wait = fc.constantFrom(5, 60, 24 * 60).map((n): Cmd => new Wait(n))

const WEIGHTED: ReadonlyArray<readonly [number, fc.Arbitrary<Cmd>]> = [
  [2, register],
  [3, connectFirst],
  [6, requestRole],
  [6, decide],
  [3, removeUser],
  [1, find],
  [1, wait]
]
const MAX_COMMANDS = 30
const commands = (seed: ReadonlyArray<Cmd>) =>
  fc.commands(
    WEIGHTED.flatMap(([n, arb]) => Array.from({ length: n }, () => arb.map(withInvariants))),
    { maxCommands: MAX_COMMANDS - seed.length, size: 'max' }
  )

/** Everyone registered and proofed, and Lakeside connected by its first user: most runs start here. */
const SEED: ReadonlyArray<Cmd> = [...PEOPLE.map((_, i) => new Register(i)), new ConnectFirst(0, 'lakeside', 'right')].map(withInvariants)

/**
 * One scripted run, checked before the random ones: the refusals that need a Staff User in
 * place (approving or removing as one) are rare under random draws, so the guard below would
 * otherwise depend on the seed.
 */
const STAFF_USER_REFUSALS: ReadonlyArray<Cmd> = [
  new RequestRole(1, 'lakeside', 'staff-user'),
  new RequestRole(2, 'lakeside', 'security-official'),
  new Decide('approve', 0, 'security-official', 0, false),
  new Decide('approve', 0, 'staff-user', 0, false),
  new Decide('reject', 0, 'staff-user', 0, false),
  new RemoveUser(0, 'staff-user', 0, { kind: 'member', index: 0 }),
  new RemoveUser(0, 'security-official', 0, { kind: 'member', index: 1 }),
  new RemoveUser(0, 'security-official', 0, { kind: 'self' }),
  new Decide('approve', 0, 'security-official', 0, false),
  new RemoveUser(0, 'security-official', 1, { kind: 'self' })
].map(withInvariants)

const fresh = (mutate?: Parameters<typeof harpHarness>[0]) => () => ({
  model: { registered: new Set(), orgs: new Map() } as Model,
  real: { h: harpHarness(mutate), accountIds: new Map(), orgIds: new Map(), requestIds: [] } as Real
})

const RUNS = 150

describe('HARP organisations through the portal, model-based', () => {
  test('every organisation keeps a Security Official; roles only by first connection or by someone else’s approval; waiting requests, connections and permissions as modelled; refusals change nothing', async (t) => {
    const started = Date.now()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<ReadonlyArray<Cmd>>([], SEED, SEED, SEED), commands(SEED), async (seed, cmds) => {
        await fc.asyncModelRun(fresh(), [...seed, ...cmds])
      }),
      { numRuns: RUNS, examples: [[SEED, STAFF_USER_REFUSALS]] }
    )
    t.diagnostic(`${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  })

  test('every kind of step succeeded, and each refusal was seen, so the invariants were checked over real changes', (t) => {
    t.diagnostic([...outcomes.entries()].sort().map(([k, n]) => `${k} ${n}`).join('; '))
    for (const kind of [
      'register',
      'register again: refused',
      'connect as first user',
      'connect as first user: organisation.has-security-official',
      'connect as first user: organisation.clinician-not-matched',
      'connect as first user: field.required, field.required',
      'connect as first user: account.not-found',
      'request staff-user',
      'request security-official',
      'request staff-user: role-request.role-held',
      'request security-official: role-request.already-pending',
      'approve by security-official',
      'reject by security-official',
      'approve by the requester: role-request.own-request',
      'approve by staff-user: organisation.not-a-security-official',
      'approve by outsider: organisation.not-a-member',
      'leave',
      'remove by security-official',
      'remove by staff-user: organisation.not-a-security-official',
      'leave: organisation.last-security-official',
      'find'
    ])
      assert.ok((outcomes.get(kind) ?? 0) > 0, `never saw "${kind}"`)
  })
})

// -------------------------------------------------------------------------------------
// races and mutation controls
// -------------------------------------------------------------------------------------

describe('HARP organisations: concurrency and controls', () => {
  test('two first users racing (Promise.all) on memory: exactly one Security Official, the other told to request a role, nothing of theirs stored', async () => {
    for (const org of ['lakeside', 'hilltop', 'riverbend'] as const) {
      const h = harpHarness()
      const [a, b] = [await h.registerProofed(PEOPLE[0]), await h.registerProofed(PEOPLE[1])]
      const p = practice(org)
      const form = { organisationType: p.type, taxId: p.taxId, confirmed: true, npi: p.clinicians[0].npi, ptan: p.clinicians[0].ptan }
      const outcomes = await Promise.all([h.portal.organisationAccess.connect({ accountId: a }, form), h.portal.organisationAccess.connect({ accountId: b }, form)])
      const won = outcomes.filter(E.isRight)
      const lost = outcomes.filter(E.isLeft)
      assert.equal(won.length, 1, JSON.stringify(outcomes))
      assert.deepEqual(lost.flatMap((l) => l.left.map((e) => e.code)), ['organisation.has-security-official'])
      const stored = (JSON.parse(h.store.snapshot()) as { harpOrganisations: ReadonlyArray<HarpOrganisation> }).harpOrganisations
      assert.equal(stored.length, 1)
      assert.deepEqual(stored[0]?.connections.map((c) => [c.role, c.grant.by]), [['security-official', 'first-user']])
      assert.deepEqual(stored[0]?.pending, [])
    }
  })

  /** Runs a fixed sequence; whether the invariants (or the model's expectations) failed. */
  const caught = async (mutate: Parameters<typeof harpHarness>[0], cmds: ReadonlyArray<Cmd>): Promise<boolean> => {
    try {
      await fc.asyncModelRun(fresh(mutate), cmds.map(withInvariants))
      return false
    } catch {
      return true
    }
  }
  const APPROVAL: ReadonlyArray<Cmd> = [new Register(0), new Register(1), new ConnectFirst(0, 'lakeside', 'right'), new RequestRole(1, 'lakeside', 'staff-user'), new Decide('approve', 0, 'security-official', 0, false)]

  test('control: the same sequence passes on the real memory store', async () => {
    assert.equal(await caught(undefined, APPROVAL), false)
  })

  test('mutation control: a store that does not persist updates (the approval lost) is caught', async () => {
    const lossy = {
      mutate: (ports: Ports): Ports => ({
        ...ports,
        harpOrganisations: { ...ports.harpOrganisations, update: (o: HarpOrganisation) => TE.right({ ...o, version: o.version + 1 }) }
      })
    }
    assert.equal(await caught(lossy, APPROVAL), true)
  })

  test('mutation control: a store that grants a waiting request on saving it (a role without anyone’s approval) is caught', async () => {
    const granting = {
      mutate: (ports: Ports): Ports => ({
        ...ports,
        harpOrganisations: {
          ...ports.harpOrganisations,
          update: (o: HarpOrganisation) =>
            ports.harpOrganisations.update({
              ...o,
              connections: [...o.connections, ...o.pending.map((q) => ({ accountId: q.accountId, role: q.role, since: q.requestedAt, grant: { by: 'help-desk' as const } }))],
              pending: []
            })
        }
      })
    }
    const cmds: ReadonlyArray<Cmd> = [new Register(0), new Register(1), new ConnectFirst(0, 'lakeside', 'right'), new RequestRole(1, 'lakeside', 'security-official')]
    assert.equal(await caught(undefined, cmds), false)
    assert.equal(await caught(granting, cmds), true)
  })
})
