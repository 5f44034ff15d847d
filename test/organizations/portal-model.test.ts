/**
 * Organisations through the HealthPartners portal, model-based (fast-check
 * async commands) on the memory adapters, with the test scrypt parameters and
 * a manual clock. Where test/organizations/membership.test.ts and
 * client-access.test.ts run the pure rules, this drives every step through
 * `createPortal(healthpartners.preset, …)`: register a provider organisation
 * (a check path) or a billing organisation, sign in and accept the terms
 * (replacing an e-mailed temporary password first), a delegate adds staff or
 * delegates, changes roles, removes accounts, grants and revokes applications,
 * issues a member a new temporary password (staff and outsiders attempting
 * the same), a billing organisation looks a client up and asks it for access
 * (its contact sometimes someone at the billing organisation itself, which
 * is refused), the client contact answers through the link parsed from the
 * e-mail (and reuses it, or uses a wrong one), the clock moves past the 7-day
 * expiry, either side ends the access, and the billing organisation opens
 * client data. Wrong checks are shown one at a time or in bursts, through
 * registration and client look-ups alike: the model counts them per Tax ID
 * (10 in a row lock it for an hour; a check that matches clears the count).
 *
 * After every command, against the real stores: every organisation keeps a
 * delegate; no account id is in two memberships and no e-mail key twice in
 * one organisation; accounts exist only for the people the model created
 * (a refused staff attempt creates nothing); rosters, roles and applications
 * agree with the model; an account holds a temporary password exactly while
 * the model says its person has none of their own; each Tax ID's stored count
 * of wrong check proofs and its lock are the model's; `clientAccess.open`
 * succeeds exactly when the model
 * holds an approved request not since ended (approval does not expire; a
 * pending request expires after 7 days).
 *
 * The preset is HealthPartners' with two more applications in its catalogue
 * (HealthPartners lists only Remittance Inquiry, so granting would otherwise
 * never change anything). Two mixes of commands, 200 runs each, at most 25
 * commands a run counting the seed (Lakes, a staff member and North Star
 * registered and signed in; for the client-access mix, Southwind too); a
 * quarter of the first mix's runs start from nothing. A last test checks
 * that every kind of step succeeded somewhere, staff were refused, a contact
 * at the billing organisation was refused and a Tax ID was locked.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { definePreset, healthpartners } from '../../src'
import type { DomainError } from '../../src/kernel/errors'
import { emailKey } from '../../src/kernel/email'
import type { AccountId } from '../../src/accounts/account'
import {
  AccessRequest,
  ApplicationId,
  DEFAULT_APPLICATION,
  mayAccessClient,
  MembershipRole,
  OrganisationId,
  RegisteredOrganisation,
  stateAt,
  TermsDocument,
  termsRequiredOf
} from '../../src/organizations'
import { CHECK_PROOF_PURPOSE } from '../../src/organizations/proof-throttle'
import type { CodeLedger } from '../../src/credentials/verification-code'
import type { Account } from '../../src/accounts/account'
import {
  AccessLinks,
  healthPartnersHarness,
  HealthPartnersHarness,
  LAKES,
  PASSPHRASE,
  PRAIRIE,
  PROVIDERS as DIRECTORY,
  ZONE
} from '../support/healthpartners-harness'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const CLAIMS = 'claims-status' as ApplicationId
const ELIGIBILITY = 'eligibility' as ApplicationId
const CATALOGUE: ReadonlyArray<ApplicationId> = [DEFAULT_APPLICATION, CLAIMS, ELIGIBILITY]
const APPS: ReadonlyArray<ApplicationId> = [...CATALOGUE, 'dental-benefits' as ApplicationId]

const preset = definePreset({
  ...healthpartners.preset,
  organisationPolicies: { ...healthpartners.organisationPolicies, applications: CATALOGUE }
})

type ProviderKey = 'lakes' | 'prairie'
type BillingKey = 'north' | 'south'
type OrgKey = ProviderKey | BillingKey

const PROVIDERS = { lakes: LAKES, prairie: PRAIRIE } as const
const BILLING = {
  north: { fullName: 'North Star Billing Services', taxId: '41-9876543' },
  south: { fullName: 'Southwind Claims Partners', taxId: '41-8765432' }
} as const
/** Each client's contact, who receives the access requests. */
const CONTACTS = {
  lakes: { firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@lakesclinic.example' },
  prairie: { firstName: 'Tom', lastName: 'Berg', email: 'tom.berg@prairieortho.example' }
} as const

// Small pools, so that usernames and e-mail keys collide often.
const USERNAMES = ['AdaOlsen', 'BoLund', 'CyNguyen', 'DeeKaur', 'EveMoss', 'FinnHale', 'GusTorres', 'HalPeters'] as const
const EMAILS = ['ada@clinic.example', 'ADA@clinic.example', 'bo@clinic.example', 'cy@north.example', 'Cy@North.example', 'dee@north.example'] as const
/** An account id no one holds. */
const NOBODY = 'ffffffff-ffff-4fff-8fff-ffffffffffff' as AccountId
/** A well-formed token that is no request's. */
const WRONG_TOKEN = 'A'.repeat(43)

const nameOf = (username: string): { firstName: string; lastName: string } => {
  const [, first = 'Sam', last = 'Doe'] = /^([A-Z][a-z]+)([A-Z][a-z]+)$/.exec(username) ?? []
  return { firstName: first, lastName: last }
}

const HOUR = 3600 * 1000
const DAY = 24 * HOUR
const WEEK = 7 * DAY
const TEMPORARY_PASSWORD_VALIDITY = healthpartners.temporaryPassword.validity.toMillis()
/** Wrong check proofs a Tax ID allows in a row (registration and client look-ups together), and how long it is then locked. */
const WRONG_PROOFS_ALLOWED = 10
const PROOF_LOCK = HOUR
/** Check numbers no check was issued under, for guesses. */
const guessedCheck = (i: number): string => String(300400500 + i)

// -------------------------------------------------------------------------------------
// model and system
// -------------------------------------------------------------------------------------

interface ModelPerson {
  readonly username: string
  /** The e-mail address as it was typed. */
  readonly email: string
  readonly emailKey: string
  readonly org: OrgKey
  role: MembershipRole
  /** Still on the organisation's roster (false once removed; the account stays). */
  member: boolean
  /** Has a password of their own (false while only the e-mailed temporary one). */
  ownPassword: boolean
  /** When the newest temporary password was issued (added accounts, and reissued ones). */
  issuedAt: number | null
  readonly accepted: Set<TermsDocument>
  readonly apps: Set<ApplicationId>
}

interface ModelRequest {
  readonly org: BillingKey
  readonly client: ProviderKey
  readonly expiresAt: number
  status: 'pending' | 'approved' | 'refused' | 'ended'
}

/** A Tax ID's wrong check proofs since the last that matched (or the last lock), and the end of its lock. */
interface ProofCount {
  readonly failures: number
  readonly lockedUntil: number | null
}

interface Model {
  now: number
  readonly orgs: Set<OrgKey>
  readonly people: Map<string, ModelPerson>
  readonly requests: ModelRequest[]
  /** By Tax ID as typed (one per provider); none is no wrong proof yet. */
  readonly proofs: Map<string, ProofCount>
}

interface Real {
  readonly h: HealthPartnersHarness
  readonly accountIds: Map<string, AccountId>
  readonly orgIds: Map<OrgKey, OrganisationId>
  /** The links e-mailed for each request, in the model's order. */
  readonly links: AccessLinks['approve'][]
}

type Cmd = fc.AsyncCommand<Model, Real>
type Result = E.Either<ReadonlyArray<DomainError>, unknown>

/** How often each kind of command succeeded, over all runs: a model that never reaches its successes proves little. */
const successes = new Map<string, number>()
const succeeded = (kind: string): void => {
  successes.set(kind, (successes.get(kind) ?? 0) + 1)
}

const codeOf = (r: Result): string | null => (E.isLeft(r) ? (r.left[0] as DomainError).code : null)

/** Asserts the outcome the model expects: null for success, else the one error code. */
const expectOutcome = (r: Result, expected: string | null, what: string): void => {
  if (expected === null) {
    if (E.isLeft(r)) assert.fail(`${what}: expected success, got ${JSON.stringify(r.left)}`)
    return
  }
  assert.ok(E.isLeft(r), `${what}: expected ${expected}, got success ${JSON.stringify(r)}`)
  assert.deepEqual(r.left.map((e) => e.code), [expected], `${what}: ${JSON.stringify(r.left)}`)
}

const kindOf = (org: OrgKey): 'provider' | 'billing' => (org === 'lakes' || org === 'prairie' ? 'provider' : 'billing')

const outstanding = (p: ModelPerson): ReadonlyArray<TermsDocument> => termsRequiredOf(p.role).filter((d) => !p.accepted.has(d))

/** Why the acting person cannot use the site yet (readyMember), or null. */
const gate = (m: Model, username: string): string | null => {
  const p = m.people.get(username)
  if (p === undefined) return 'account.not-found'
  if (!p.member) return 'organisation.not-a-member'
  if (!p.ownPassword) return 'password.change-required'
  if (outstanding(p).length > 0) return 'terms.not-accepted'
  return null
}

/**
 * A check proof for a Tax ID, as the throttle takes it, counted in the model:
 * refused while the Tax ID is locked (and not counted); a wrong one counted,
 * the last one allowed locking it (the count starting again); a right one
 * clearing the count and the lock.
 */
const prove = (m: Model, taxId: string, right: boolean): 'throttled' | 'matched' | 'not-matched' => {
  const count = m.proofs.get(taxId) ?? { failures: 0, lockedUntil: null }
  if (count.lockedUntil !== null && m.now < count.lockedUntil) return 'throttled'
  if (right) {
    m.proofs.set(taxId, { failures: 0, lockedUntil: null })
    return 'matched'
  }
  const failures = count.failures + 1
  m.proofs.set(taxId, failures >= WRONG_PROOFS_ALLOWED ? { failures: 0, lockedUntil: m.now + PROOF_LOCK } : { failures, lockedUntil: count.lockedUntil })
  return 'not-matched'
}

/** A throttled proof names when the lock ends: the model's. */
const throttledAsModelled = (m: Model, taxId: string, r: Result, what: string): void => {
  if (codeOf(r) !== 'organisation.proof-throttled') return
  const e = (r as E.Left<ReadonlyArray<DomainError>>).left[0] as DomainError & { readonly retryAfter?: string }
  assert.equal(DateTime.fromISO(e.retryAfter ?? '').toMillis(), m.proofs.get(taxId)?.lockedUntil, `${what}: retryAfter ${e.retryAfter}`)
  succeeded('proof-throttled')
}

const delegatesOf = (m: Model, org: OrgKey): number => [...m.people.values()].filter((p) => p.org === org && p.member && p.role === 'delegate').length

/**
 * Who acts or is acted on: mostly a person the model knows on the command's
 * own side (the billing organisations' people, for the client-access steps;
 * the delegates, for a delegate's steps, whose refusals for staff come from
 * the other scopes; the actor's organisation's, for the target of a change;
 * anyone, for signing in), sometimes anyone the model knows, sometimes any
 * username of the pool (perhaps no one's).
 */
interface Who {
  readonly index: number
  readonly scope: 'side' | 'anyone' | 'pool'
}
const resolve = (m: Model, who: Who, side: 'billing' | 'delegates' | OrgKey | null = null): string => {
  const known = [...m.people.values()]
  const onSide =
    side === null
      ? known
      : known.filter((p) => (side === 'billing' ? kindOf(p.org) === 'billing' : side === 'delegates' ? p.member && p.role === 'delegate' : p.org === side))
  const among = who.scope === 'side' && onSide.length > 0 ? onSide : known
  return who.scope === 'pool' || among.length === 0 ? (USERNAMES[who.index % USERNAMES.length] as string) : (among[who.index % among.length] as ModelPerson).username
}
const accountOf = (r: Real, username: string): AccountId => r.accountIds.get(username) ?? NOBODY
const acting = (r: Real, username: string) => ({ accountId: accountOf(r, username) })
const showWho = (w: Who): string => `${w.scope}#${w.index}`

// -------------------------------------------------------------------------------------
// registration
// -------------------------------------------------------------------------------------

class RegisterProvider implements Cmd {
  constructor(
    readonly org: ProviderKey,
    readonly path: 'tax-id-npi' | 'tax-id-vendor',
    readonly rightCheck: boolean,
    readonly username: string,
    readonly email: string,
    readonly thenSignIn: boolean
  ) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const provider = PROVIDERS[this.org]
    const other = PROVIDERS[this.org === 'lakes' ? 'prairie' : 'lakes']
    const reference = this.path === 'tax-id-npi' ? { npi: provider.npi, checkNumber: this.rightCheck ? provider.check : other.check } : { vendorNumber: provider.vendorNumber, checkNumber: this.rightCheck ? provider.vendorCheck : provider.check }
    const portal = r.h.portal.organisationRegistration
    const proof = prove(m, provider.taxId, this.rightCheck)
    const identified = await portal.identifyProvider({ path: this.path, taxId: provider.taxId, ...reference })
    if (proof !== 'matched') {
      expectOutcome(identified, proof === 'throttled' ? 'organisation.proof-throttled' : 'organisation.check-not-matched', this.toString())
      return throttledAsModelled(m, provider.taxId, identified, this.toString())
    }
    expectOutcome(identified, null, `${this.toString()}: identify`)
    if (E.isLeft(identified)) return
    assert.deepEqual(identified.right.candidates.map((c) => c.providerKey), [provider.providerKey])
    const flowId = identified.right.flowId
    const selected = await portal.selectProvider(flowId, { providerKey: provider.providerKey })
    if (m.orgs.has(this.org)) return expectOutcome(selected, 'organisation.already-registered', this.toString())
    expectOutcome(selected, null, `${this.toString()}: select`)
    if (await complete(m, r, this.org, flowId, this.username, this.email, this.toString()) && this.thenSignIn) await signInAndAccept(m, r, this.username, true, this.toString())
  }
  toString = () => `registerProvider(${this.org}, ${this.path}${this.rightCheck ? '' : ', wrong check'}, ${this.username}, ${this.email}${this.thenSignIn ? ', then signs in' : ''})`
}

class RegisterBilling implements Cmd {
  constructor(readonly org: BillingKey, readonly username: string, readonly email: string, readonly thenSignIn: boolean) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const named = await r.h.portal.organisationRegistration.nameBillingOrganisation(BILLING[this.org])
    if (m.orgs.has(this.org)) return expectOutcome(named, 'organisation.already-registered', this.toString())
    expectOutcome(named, null, `${this.toString()}: name`)
    if (E.isLeft(named)) return
    if (await complete(m, r, this.org, named.right.flowId, this.username, this.email, this.toString()) && this.thenSignIn) await signInAndAccept(m, r, this.username, true, this.toString())
  }
  toString = () => `registerBilling(${this.org}, ${this.username}, ${this.email}${this.thenSignIn ? ', then signs in' : ''})`
}

/** Contact and account steps; the registrant becomes the organisation's first delegate. Answers whether it did. */
const complete = async (m: Model, r: Real, org: OrgKey, flowId: string, username: string, email: string, what: string): Promise<boolean> => {
  const portal = r.h.portal.organisationRegistration
  expectOutcome(await portal.contact(flowId, { ...nameOf(username), email, phone: '651-555-0134' }), null, `${what}: contact`)
  const done = await portal.account(flowId, { username, password: PASSPHRASE, confirmPassword: PASSPHRASE })
  if (m.people.has(username)) {
    expectOutcome(done, 'username.taken', what)
    return false
  }
  expectOutcome(done, null, `${what}: account`)
  if (E.isLeft(done)) return false
  assert.equal(done.right.awaitingPin, false, 'a check path completes at once')
  const signedIn = await r.h.portal.signIn({ username, password: PASSPHRASE })
  assert.ok(E.isRight(signedIn), JSON.stringify(signedIn))
  r.accountIds.set(username, signedIn.right.accountId)
  r.orgIds.set(org, done.right.organisationId)
  m.orgs.add(org)
  m.people.set(username, { username, email, emailKey: email.toLowerCase(), org, role: 'delegate', member: true, ownPassword: true, issuedAt: null, accepted: new Set(), apps: new Set([DEFAULT_APPLICATION]) })
  succeeded(kindOf(org) === 'provider' ? 'registerProvider' : 'registerBilling')
  return true
}

// -------------------------------------------------------------------------------------
// sign-in and terms
// -------------------------------------------------------------------------------------

/** The temporary password e-mailed for a username (the newest such e-mail naming it). */
const temporaryPasswordOf = (r: Real, username: string): string | undefined => {
  const mail = r.h.mailer.messages().filter((x) => x.kind === 'temporary-password' && x.text.includes(`Username: ${username}\n`)).at(-1)
  return mail === undefined ? undefined : /Temporary password: (\S+)/.exec(mail.text)?.[1]
}

/** Signs in (replacing the e-mailed temporary password first) and accepts the outstanding terms (all, or the Provider Portal's only). */
const signInAndAccept = async (m: Model, r: Real, username: string, all: boolean, what: string): Promise<void> => {
  const p = m.people.get(username)
  const portal = r.h.portal
  if (p === undefined) return expectOutcome(await portal.signIn({ username, password: PASSPHRASE }), 'sign-in.invalid-credentials', what)
  if (!p.ownPassword) {
    const temporary = temporaryPasswordOf(r, username)
    assert.ok(temporary !== undefined, `no temporary password e-mailed for ${username}`)
    const chosen = await portal.chooseOwnPassword({ username, currentPassword: temporary, newPassword: PASSPHRASE, confirmNewPassword: PASSPHRASE })
    const expired = m.now >= (p.issuedAt as number) + TEMPORARY_PASSWORD_VALIDITY
    if (expired) return expectOutcome(chosen, 'temporary-password.expired', what)
    expectOutcome(chosen, null, `${what}: chooseOwnPassword`)
    p.ownPassword = true
  }
  const signedIn = await portal.signIn({ username, password: PASSPHRASE })
  expectOutcome(signedIn, null, `${what}: signIn`)
  if (E.isLeft(signedIn)) return
  assert.equal(signedIn.right.accountId, r.accountIds.get(username))
  assert.equal(signedIn.right.passwordChangeRequired, false)
  const me = { accountId: signedIn.right.accountId }
  const status = await portal.providerSite.status(me)
  if (!p.member) return expectOutcome(status, 'organisation.not-a-member', `${what}: status`)
  expectOutcome(status, null, `${what}: status`)
  if (E.isLeft(status)) return
  assert.deepEqual(status.right.termsOutstanding.map((t) => t.document), outstanding(p), `${what}: terms outstanding`)
  assert.equal(status.right.role, p.role)
  assert.deepEqual([...status.right.applications].sort(), [...p.apps].sort())
  assert.equal(status.right.roster.length, p.role === 'delegate' ? [...m.people.values()].filter((x) => x.org === p.org && x.member).length : 0)
  for (const document of outstanding(p)) {
    if (!all && document !== 'provider-portal') continue
    expectOutcome(await portal.providerSite.acceptTerms(me, { document, version: r.h.terms[document] }), null, `${what}: accept ${document}`)
    p.accepted.add(document)
  }
  succeeded('signIn')
}

class SignInAndAccept implements Cmd {
  constructor(readonly who: Who, readonly all: boolean) {}
  check = () => true
  run = (m: Model, r: Real): Promise<void> => signInAndAccept(m, r, resolve(m, this.who), this.all, this.toString())
  toString = () => `signIn(${showWho(this.who)}${this.all ? '' : ', provider terms only'})`
}

// -------------------------------------------------------------------------------------
// delegates' administration
// -------------------------------------------------------------------------------------

/** Delegate-only commands: the gate, then not-a-delegate; null when the actor may go on. */
const delegateGate = (m: Model, username: string): string | null =>
  gate(m, username) ?? ((m.people.get(username) as ModelPerson).role === 'delegate' ? null : 'organisation.not-a-delegate')

/** A success must come from a delegate of a ready membership: whatever the model says, checked on its own. */
const onlyADelegate = (m: Model, username: string, r: Result, what: string): void => {
  if (E.isLeft(r)) {
    if (r.left.some((e) => e.code === 'organisation.not-a-delegate')) succeeded('staff-refused')
    return
  }
  const p = m.people.get(username)
  assert.ok(p !== undefined && p.member && p.role === 'delegate', `${what} succeeded for ${username}, who is not a delegate`)
}

/** The target of a change, when it is a current member of the actor's organisation. */
const targetIn = (m: Model, org: OrgKey, username: string): ModelPerson | undefined => {
  const t = m.people.get(username)
  return t !== undefined && t.member && t.org === org ? t : undefined
}

class AddAccount implements Cmd {
  constructor(readonly by: Who, readonly role: MembershipRole, readonly username: string, readonly email: string, readonly thenSignsIn: boolean) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const actor = resolve(m, this.by, 'delegates')
    const org = m.people.get(actor)?.org
    const key = this.email.toLowerCase()
    const expected =
      delegateGate(m, actor) ??
      ([...m.people.values()].some((p) => p.org === org && p.member && p.emailKey === key)
        ? 'organisation.email-taken'
        : m.people.has(this.username)
          ? 'username.taken'
          : null)
    const before = r.h.mailer.messages().length
    const added = await r.h.portal.providerSite.addAccount(acting(r, actor), { role: this.role, username: this.username, ...nameOf(this.username), email: this.email })
    expectOutcome(added, expected, this.toString())
    onlyADelegate(m, actor, added, this.toString())
    if (E.isLeft(added)) return assert.equal(r.h.mailer.messages().length, before, 'a refused account sends nothing')
    assert.equal(added.right.role, this.role)
    r.accountIds.set(this.username, added.right.accountId)
    m.people.set(this.username, {
      username: this.username,
      email: this.email,
      emailKey: key,
      org: org as OrgKey,
      role: this.role,
      member: true,
      ownPassword: false,
      issuedAt: m.now,
      accepted: new Set(),
      apps: new Set([DEFAULT_APPLICATION])
    })
    succeeded(`add-${this.role}`)
    // the person replaces the e-mailed temporary password, signs in and accepts the terms
    if (this.thenSignsIn) await signInAndAccept(m, r, this.username, true, this.toString())
  }
  toString = () => `add-${this.role}(by ${showWho(this.by)}: ${this.username}, ${this.email}${this.thenSignsIn ? ', who signs in' : ''})`
}

class ChangeRole implements Cmd {
  constructor(readonly by: Who, readonly on: Who, readonly role: MembershipRole) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const actor = resolve(m, this.by, 'delegates')
    // On its own side, the target is a member whose role would change, if there is one.
    const org = m.people.get(actor)?.org
    const changing = [...m.people.values()].filter((p) => p.org === org && p.member && p.role !== this.role)
    const target = this.on.scope === 'side' && changing.length > 0 ? (changing[this.on.index % changing.length] as ModelPerson).username : resolve(m, this.on, org ?? null)
    const t = targetIn(m, org as OrgKey, target)
    const expected =
      delegateGate(m, actor) ??
      (t === undefined ? 'organisation.not-a-member' : t.role !== this.role && t.role === 'delegate' && delegatesOf(m, org as OrgKey) === 1 ? 'organisation.last-delegate' : null)
    const changed = await r.h.portal.providerSite.changeRole(acting(r, actor), { accountId: accountOf(r, target), role: this.role })
    expectOutcome(changed, expected, this.toString())
    onlyADelegate(m, actor, changed, this.toString())
    if (E.isLeft(changed) || t === undefined) return
    if (t.role !== this.role) succeeded(`change-role`)
    t.role = this.role
  }
  toString = () => `${this.role === 'delegate' ? 'promote' : 'demote'}(by ${showWho(this.by)}: ${showWho(this.on)})`
}

class RemoveAccount implements Cmd {
  constructor(readonly by: Who, readonly on: Who) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const actor = resolve(m, this.by, 'delegates')
    const org = m.people.get(actor)?.org as OrgKey
    // On its own side, the target is another member of the actor's organisation, if there is one.
    const others = [...m.people.values()].filter((p) => p.org === org && p.member && p.username !== actor)
    const target = this.on.scope === 'side' && others.length > 0 ? (others[this.on.index % others.length] as ModelPerson).username : resolve(m, this.on, org ?? null)
    const t = targetIn(m, org, target)
    const expected =
      delegateGate(m, actor) ?? (t === undefined ? 'organisation.not-a-member' : t.role === 'delegate' && delegatesOf(m, org) === 1 ? 'organisation.last-delegate' : null)
    const removed = await r.h.portal.providerSite.removeAccount(acting(r, actor), { accountId: accountOf(r, target) })
    expectOutcome(removed, expected, this.toString())
    onlyADelegate(m, actor, removed, this.toString())
    if (E.isLeft(removed) || t === undefined) return
    t.member = false
    succeeded('remove')
  }
  toString = () => `remove(by ${showWho(this.by)}: ${showWho(this.on)})`
}

/** A delegate issues a member a new temporary password (never their own): it replaces the member's password, and goes by e-mail. */
class ReissueTemporaryPassword implements Cmd {
  constructor(readonly by: Who, readonly on: Who, readonly thenSignsIn: boolean) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const actor = resolve(m, this.by, 'delegates')
    const org = m.people.get(actor)?.org as OrgKey
    // On its own side, the target is another member of the actor's organisation, if there is one.
    const others = [...m.people.values()].filter((p) => p.org === org && p.member && p.username !== actor)
    const target = this.on.scope === 'side' && others.length > 0 ? (others[this.on.index % others.length] as ModelPerson).username : resolve(m, this.on, org ?? null)
    const t = targetIn(m, org, target)
    const expected = delegateGate(m, actor) ?? (t === undefined ? 'organisation.not-a-member' : target === actor ? 'field.invalid' : null)
    const before = r.h.mailer.messages().length
    const reissued = await r.h.portal.providerSite.reissueTemporaryPassword(acting(r, actor), { accountId: accountOf(r, target) })
    expectOutcome(reissued, expected, this.toString())
    onlyADelegate(m, actor, reissued, this.toString())
    if (E.isLeft(reissued) || t === undefined) return assert.equal(r.h.mailer.messages().length, before, 'a refused reissue sends nothing')
    assert.deepEqual(reissued.right, { accountId: r.accountIds.get(target), username: target, role: t.role })
    const sent = r.h.mailer.messages().slice(before)
    assert.equal(sent.length, 1)
    assert.equal((sent[0] as (typeof sent)[number]).to.toLowerCase(), t.emailKey)
    assert.match((sent[0] as (typeof sent)[number]).text, new RegExp(`issued you a new temporary password[^]*Username: ${target}\n`))
    t.ownPassword = false
    t.issuedAt = m.now
    // the password the member had no longer signs in (the failure is counted, and the next password of their own clears it)
    expectOutcome(await r.h.portal.signIn({ username: target, password: PASSPHRASE }), 'sign-in.invalid-credentials', `${this.toString()}: the old password`)
    succeeded('reissue')
    // the member replaces it, signs in and accepts what is outstanding
    if (this.thenSignsIn) await signInAndAccept(m, r, target, true, this.toString())
  }
  toString = () => `reissue(by ${showWho(this.by)}: ${showWho(this.on)}${this.thenSignsIn ? ', who signs in' : ''})`
}

class ChangeApplication implements Cmd {
  constructor(readonly granting: boolean, readonly by: Who, readonly on: Who, readonly app: ApplicationId) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const actor = resolve(m, this.by, 'delegates')
    const target = resolve(m, this.on, m.people.get(actor)?.org ?? null)
    const org = m.people.get(actor)?.org as OrgKey
    const t = targetIn(m, org, target)
    const expected =
      delegateGate(m, actor) ??
      (!CATALOGUE.includes(this.app)
        ? 'application.unknown'
        : t === undefined
          ? 'organisation.not-a-member'
          : !this.granting && this.app === DEFAULT_APPLICATION
            ? 'application.not-revocable'
            : null)
    const site = r.h.portal.providerSite
    const form = { accountId: accountOf(r, target), application: this.app }
    const outcome = await (this.granting ? site.grantApplication(acting(r, actor), form) : site.revokeApplication(acting(r, actor), form))
    expectOutcome(outcome, expected, this.toString())
    onlyADelegate(m, actor, outcome, this.toString())
    if (E.isLeft(outcome) || t === undefined) return
    if (this.granting) t.apps.add(this.app)
    else t.apps.delete(this.app)
    succeeded(this.granting ? 'grant' : 'revoke')
  }
  toString = () => `${this.granting ? 'grant' : 'revoke'}(by ${showWho(this.by)}: ${showWho(this.on)}, ${this.app})`
}

// -------------------------------------------------------------------------------------
// client access
// -------------------------------------------------------------------------------------

/** Billing-side commands: the gate, then a provider organisation is refused. */
const billingGate = (m: Model, username: string): string | null =>
  gate(m, username) ?? (kindOf((m.people.get(username) as ModelPerson).org) === 'billing' ? null : 'organisation.not-a-billing-organisation')

const live = (m: Model, q: ModelRequest): boolean => q.status === 'approved' || (q.status === 'pending' && m.now < q.expiresAt)

/** A client look-up's proof, after the billing gate: throttled, or not matched (the client's own code), or null when it matched. */
const clientProof = (m: Model, client: ProviderKey, right: boolean): string | null => {
  const proof = prove(m, PROVIDERS[client].taxId, right)
  return proof === 'throttled' ? 'organisation.proof-throttled' : proof === 'not-matched' ? 'access-request.client-not-matched' : null
}

/** The check number a billing organisation types for its client: the client's, or another's (or a guess). */
const clientCheck = (client: ProviderKey, right: boolean, guess: number | null): string =>
  right ? PROVIDERS[client].check : guess !== null ? guessedCheck(guess) : PROVIDERS[client === 'lakes' ? 'prairie' : 'lakes'].check

/** Step 8: a billing organisation looks its client up by Tax ID and check; answers the client's provider groups. */
class FindClient implements Cmd {
  constructor(readonly by: Who, readonly client: ProviderKey, readonly rightCheck: boolean, readonly guess: number | null = null) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const actor = resolve(m, this.by, 'billing')
    const client = PROVIDERS[this.client]
    const expected = billingGate(m, actor) ?? clientProof(m, this.client, this.rightCheck)
    const found = await r.h.portal.clientAccess.findClient(acting(r, actor), { taxId: client.taxId, checkNumber: clientCheck(this.client, this.rightCheck, this.guess) })
    expectOutcome(found, expected, this.toString())
    throttledAsModelled(m, client.taxId, found, this.toString())
    if (E.isLeft(found)) return
    const groups = DIRECTORY.filter((d) => d.taxId === client.taxId).map((d) => d.providerId)
    assert.deepEqual(found.right.map((c) => c.providerKey).sort(), [...groups].sort(), `${this.toString()}: the client's groups`)
    succeeded('find')
  }
  toString = () => `findClient(by ${showWho(this.by)}: ${this.client}${this.rightCheck ? '' : this.guess === null ? ', wrong check' : `, guessed check #${this.guess}`})`
}

class RequestAccess implements Cmd {
  /** `contact`: null for the client's own contact, else a person the model knows (by position), perhaps one of the billing organisation's. */
  constructor(readonly by: Who, readonly client: ProviderKey, readonly rightCheck: boolean, readonly contactOf: number | null = null, readonly guess: number | null = null) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const actor = resolve(m, this.by, 'billing')
    const org = m.people.get(actor)?.org as BillingKey
    const client = PROVIDERS[this.client]
    const known = [...m.people.values()]
    const person = this.contactOf === null || known.length === 0 ? null : (known[this.contactOf % known.length] as ModelPerson)
    // A known person's address as they typed it, or in capitals (an e-mail key ignores letter case).
    const contact =
      person === null
        ? CONTACTS[this.client]
        : { ...nameOf(person.username), email: (this.contactOf as number) % 2 === 0 ? person.email : person.email.toUpperCase() }
    // "Not your billing service": the contact must not hold an account on the requesting organisation's roster.
    const ours = person !== null && known.some((p) => p.org === org && p.member && p.emailKey === person.emailKey)
    const expected =
      billingGate(m, actor) ??
      clientProof(m, this.client, this.rightCheck) ??
      (m.requests.some((q) => q.org === org && q.client === this.client && live(m, q)) ? 'access-request.already-exists' : ours ? 'access-request.contact-not-client' : null)
    const before = r.h.mailer.inbox(contact.email).length
    const checkNumber = clientCheck(this.client, this.rightCheck, this.guess)
    const asked = await r.h.portal.clientAccess.request(acting(r, actor), { taxId: client.taxId, checkNumber, providerKey: client.providerKey, contact })
    expectOutcome(asked, expected, this.toString())
    throttledAsModelled(m, client.taxId, asked, this.toString())
    if (codeOf(asked) === 'access-request.contact-not-client') succeeded('contact-refused')
    if (E.isLeft(asked)) return assert.equal(r.h.mailer.inbox(contact.email).length, before, 'a refused request e-mails no one')
    const links = r.h.lastLinks(contact.email)
    assert.equal(links.approve.request, asked.right.id)
    assert.deepEqual(links.refuse, links.approve, 'both links carry the same request and token')
    r.links.push(links.approve)
    m.requests.push({ org, client: this.client, expiresAt: m.now + WEEK, status: 'pending' })
    succeeded('request')
  }
  toString = () =>
    `request(by ${showWho(this.by)}: ${this.client}${this.rightCheck ? '' : this.guess === null ? ', wrong check' : `, guessed check #${this.guess}`}${this.contactOf === null ? '' : `, contact known#${this.contactOf}`})`
}

/**
 * Someone guesses checks for a Tax ID, one wrong proof after another, through
 * the registration's first step and a billing organisation's client look-up
 * and request alike: each answered as the model's count says.
 */
class Guesses implements Cmd {
  constructor(readonly steps: ReadonlyArray<Cmd>) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    for (const step of this.steps) await step.run(m, r)
  }
  toString = () => `guesses[${this.steps.map((c) => c.toString()).join(', ')}]`
}

/** Which request a step concerns: mostly one in the state the step is for (if any), else any, by position. */
interface Pick {
  readonly index: number
  readonly fitting: boolean
}
const pickRequest = (m: Model, pick: Pick, fits: (q: ModelRequest) => boolean): number => {
  const all = m.requests.map((q, i) => [q, i] as const)
  const fitting = all.filter(([q]) => fits(q))
  const among = pick.fitting && fitting.length > 0 ? fitting : all
  return (among[pick.index % among.length] as readonly [ModelRequest, number])[1]
}
const showPick = (p: Pick): string => `${p.fitting ? 'fitting' : 'any'}#${p.index}`

type TokenChoice = 'right' | 'wrong' | 'another request’s'

/** The token presented for request i. */
const tokenFor = (r: Real, i: number, choice: TokenChoice): string => {
  const own = (r.links[i] as AccessLinks['approve']).token
  if (choice === 'right') return own
  if (choice === 'wrong') return WRONG_TOKEN
  return r.links.map((l) => l.token).find((t) => t !== own) ?? WRONG_TOKEN
}

class Answer implements Cmd {
  constructor(readonly pick: Pick, readonly choice: TokenChoice, readonly approving: boolean) {}
  check = (m: Readonly<Model>) => m.requests.length > 0
  async run(m: Model, r: Real): Promise<void> {
    const i = pickRequest(m, this.pick, (q) => q.status === 'pending' && m.now < q.expiresAt)
    const q = m.requests[i] as ModelRequest
    const expected = this.choice !== 'right' || q.status !== 'pending' ? 'access-request.invalid-link' : m.now >= q.expiresAt ? 'access-request.expired' : null
    const link = { request: (r.links[i] as AccessLinks['approve']).request, token: tokenFor(r, i, this.choice) }
    const answered = await r.h.portal.clientAccess.answer({ ...link, decision: this.approving ? 'approve' : 'refuse' })
    expectOutcome(answered, expected, this.toString())
    if (E.isLeft(answered)) return
    q.status = this.approving ? 'approved' : 'refused'
    assert.equal(answered.right.state, q.status)
    succeeded(this.approving ? 'approve' : 'refuse')
  }
  toString = () => `${this.approving ? 'approve' : 'refuse'}(${showPick(this.pick)}, ${this.choice} token)`
}

/** The client contact looks at the request through the link: its state as the model has it (a pending one past its week is expired). */
class ContactLooks implements Cmd {
  constructor(readonly pick: Pick) {}
  check = (m: Readonly<Model>) => m.requests.length > 0
  async run(m: Model, r: Real): Promise<void> {
    const i = pickRequest(m, this.pick, () => true)
    const q = m.requests[i] as ModelRequest
    const seen = await r.h.portal.clientAccess.viewAsClient(r.links[i] as AccessLinks['approve'])
    expectOutcome(seen, null, this.toString())
    if (E.isRight(seen)) assert.equal(seen.right.state, q.status === 'pending' && m.now >= q.expiresAt ? 'expired' : q.status)
  }
  toString = () => `contactLooks(${showPick(this.pick)})`
}

class EndByBilling implements Cmd {
  constructor(readonly by: Who, readonly pick: Pick) {}
  check = (m: Readonly<Model>) => m.requests.length > 0
  async run(m: Model, r: Real): Promise<void> {
    const i = pickRequest(m, this.pick, (q) => q.status === 'approved')
    const q = m.requests[i] as ModelRequest
    // On its own side, the actor is one of the requesting organisation's people.
    const actor = resolve(m, this.by, q.org)
    const expected = billingGate(m, actor) ?? (m.people.get(actor)?.org !== q.org ? 'access-request.not-a-party' : q.status !== 'approved' ? 'access-request.not-active' : null)
    const ended = await r.h.portal.clientAccess.end(acting(r, actor), { request: (r.links[i] as AccessLinks['approve']).request })
    expectOutcome(ended, expected, this.toString())
    if (E.isLeft(ended)) return
    q.status = 'ended'
    succeeded('end-by-billing')
  }
  toString = () => `endByBilling(by ${showWho(this.by)}: ${showPick(this.pick)})`
}

class EndByClient implements Cmd {
  constructor(readonly pick: Pick, readonly choice: TokenChoice) {}
  check = (m: Readonly<Model>) => m.requests.length > 0
  async run(m: Model, r: Real): Promise<void> {
    const i = pickRequest(m, this.pick, (q) => q.status === 'approved')
    const q = m.requests[i] as ModelRequest
    const expected = this.choice !== 'right' ? 'access-request.invalid-link' : q.status !== 'approved' ? 'access-request.not-active' : null
    const ended = await r.h.portal.clientAccess.endAsClient({ request: (r.links[i] as AccessLinks['approve']).request, token: tokenFor(r, i, this.choice) })
    expectOutcome(ended, expected, this.toString())
    if (E.isLeft(ended)) return
    q.status = 'ended'
    succeeded('end-by-client')
  }
  toString = () => `endByClient(${showPick(this.pick)}, ${this.choice} token)`
}

class OpenClient implements Cmd {
  constructor(readonly by: Who, readonly client: ProviderKey) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    const actor = resolve(m, this.by, 'billing')
    const org = m.people.get(actor)?.org
    const expected =
      billingGate(m, actor) ?? (m.requests.some((q) => q.org === org && q.client === this.client && q.status === 'approved') ? null : 'access-request.no-access')
    const opened = await r.h.portal.clientAccess.open(acting(r, actor), { providerKey: PROVIDERS[this.client].providerKey })
    expectOutcome(opened, expected, this.toString())
    if (E.isRight(opened)) succeeded('open')
  }
  toString = () => `open(by ${showWho(this.by)}: ${this.client})`
}

class Wait implements Cmd {
  constructor(readonly millis: number) {}
  check = () => true
  async run(m: Model, r: Real): Promise<void> {
    m.now += this.millis
    r.h.clock.advance({ milliseconds: this.millis })
    assert.equal(r.h.clock.now().toMillis(), m.now)
  }
  toString = () => `wait(${this.millis === WEEK ? '7 days' : this.millis === WEEK - 1 ? '7 days less 1 ms' : `${this.millis / HOUR} h`})`
}

// -------------------------------------------------------------------------------------
// invariants, after every command
// -------------------------------------------------------------------------------------

interface Stored {
  readonly organisations: ReadonlyArray<RegisteredOrganisation>
  readonly accessRequests: ReadonlyArray<AccessRequest>
  readonly accounts: ReadonlyArray<Account>
  readonly codeLedgers: ReadonlyArray<CodeLedger>
}

const invariants = async (m: Model, r: Real, after: string): Promise<void> => {
  const stored = JSON.parse(r.h.store.snapshot()) as Stored
  const at = `after ${after}`
  // every organisation keeps a delegate; no account id in two memberships; no e-mail key twice in one organisation
  const allMembers = stored.organisations.flatMap((o) => o.memberships)
  assert.equal(new Set(allMembers.map((x) => x.accountId)).size, allMembers.length, `an account id in two memberships ${at}`)
  for (const o of stored.organisations) {
    assert.ok(o.memberships.some((x) => x.role === 'delegate'), `${o.fullName} has no delegate ${at}`)
    assert.equal(new Set(o.memberships.map((x) => x.emailKey)).size, o.memberships.length, `an e-mail key twice in ${o.fullName} ${at}`)
    for (const x of o.memberships) assert.equal(x.emailKey, emailKey(x.email))
  }
  // accounts only for the people the model created (a refused attempt creates nothing); a temporary password exactly while the person has none of their own
  assert.deepEqual(stored.accounts.map((a) => a.username).sort(), [...m.people.keys()].sort(), `accounts ${at}`)
  for (const a of stored.accounts) assert.equal(a.temporaryPassword === null, (m.people.get(a.username) as ModelPerson).ownPassword, `${a.username}'s temporary password ${at}`)
  // each Tax ID's wrong check proofs and lock as the model counts them (no ledger: none yet)
  const proofLedgers = stored.codeLedgers.filter((l) => l.purpose === CHECK_PROOF_PURPOSE)
  const keys = new Map(Object.values(PROVIDERS).map((p) => [r.h.keyedHasher.digest(CHECK_PROOF_PURPOSE, p.taxId.replace(/-/g, '')) as string, p.taxId]))
  for (const l of proofLedgers) assert.ok(keys.has(l.addressKey), `a check-proof ledger for no Tax ID the model knows ${at}`)
  for (const [key, taxId] of keys) {
    const l = proofLedgers.find((x) => x.addressKey === key)
    const c = m.proofs.get(taxId) ?? { failures: 0, lockedUntil: null }
    assert.deepEqual(
      l === undefined ? { failures: 0, lockedUntil: null } : { failures: l.failedAttempts, lockedUntil: l.lockedUntil === null ? null : DateTime.fromISO(l.lockedUntil).toMillis() },
      c,
      `${taxId}'s wrong check proofs ${at}`
    )
  }
  // rosters, roles and applications as the model has them
  assert.deepEqual([...r.orgIds.keys()].sort(), [...m.orgs].sort())
  assert.equal(stored.organisations.length, m.orgs.size, `organisations ${at}`)
  for (const [key, id] of r.orgIds) {
    const o = stored.organisations.find((x) => x.id === id)
    assert.ok(o !== undefined && o.kind === kindOf(key))
    const roster = o.memberships.map((x) => [x.accountId, x.role, x.emailKey, [...x.applications].sort()]).sort()
    const modelled = [...m.people.values()]
      .filter((p) => p.org === key && p.member)
      .map((p) => [r.accountIds.get(p.username), p.role, p.emailKey, [...p.apps].sort()])
      .sort()
    assert.deepEqual(roster, modelled, `${key}'s roster ${at}`)
  }
  // requests as the model has them
  const now = DateTime.fromMillis(m.now, { zone: ZONE })
  assert.equal(stored.accessRequests.length, m.requests.length)
  m.requests.forEach((q, i) => {
    const row = stored.accessRequests.find((x) => x.id === (r.links[i] as AccessLinks['approve']).request)
    assert.ok(row !== undefined)
    assert.equal(row.billingOrganisationId, r.orgIds.get(q.org))
    assert.equal(stateAt(now, row).state, q.status === 'pending' && m.now >= q.expiresAt ? 'expired' : q.status, `request #${i} ${at}`)
  })
  // clientAccess.open succeeds iff the model holds an approved request not since ended
  for (const org of ['north', 'south'] as const) {
    const orgId = r.orgIds.get(org)
    if (orgId === undefined) continue
    const ready = [...m.people.values()].find((p) => p.org === org && gate(m, p.username) === null)
    for (const client of ['lakes', 'prairie'] as const) {
      const granted = m.requests.some((q) => q.org === org && q.client === client && q.status === 'approved')
      const rows = stored.accessRequests.filter((x) => x.client.providerId === PROVIDERS[client].providerKey)
      assert.equal(rows.some((x) => mayAccessClient(now, rows, orgId, x.client)), granted, `${org} → ${client} in the store ${at}`)
      if (ready === undefined) continue
      const opened = await r.h.portal.clientAccess.open(acting(r, ready.username), { providerKey: PROVIDERS[client].providerKey })
      assert.equal(E.isRight(opened), granted, `${org} opens ${client} ${at}: ${JSON.stringify(opened)}`)
      if (E.isLeft(opened)) assert.deepEqual(opened.left.map((e) => e.code), ['access-request.no-access'])
      else succeeded('open')
    }
  }
}

const withInvariants = (c: Cmd): Cmd => ({
  check: (m) => c.check(m),
  run: async (m, r) => {
    await c.run(m, r)
    await invariants(m, r, c.toString())
  },
  toString: () => c.toString()
})

// -------------------------------------------------------------------------------------
// the run
// -------------------------------------------------------------------------------------

const username = fc.constantFrom(...USERNAMES)
const email = fc.constantFrom(...EMAILS)
const who: fc.Arbitrary<Who> = fc.record({ index: fc.nat({ max: 20 }), scope: fc.constantFrom<Who['scope']>('side', 'side', 'side', 'side', 'anyone', 'anyone', 'anyone', 'pool') })
const role = fc.constantFrom<MembershipRole>('staff', 'delegate')
const providerKey = fc.constantFrom<ProviderKey>('lakes', 'prairie')
const pick: fc.Arbitrary<Pick> = fc.record({ index: fc.nat({ max: 20 }), fitting: fc.constantFrom(true, true, false) })
const tokenChoice = fc.constantFrom<TokenChoice>('right', 'right', 'right', 'wrong', 'another request’s')
const mostly = fc.constantFrom(true, true, true, true, false)

const registerProvider = fc
  .tuple(providerKey, fc.constantFrom('tax-id-npi' as const, 'tax-id-vendor' as const), mostly, username, email, fc.boolean())
  .map(([o, p, c, u, e, s]): Cmd => new RegisterProvider(o, p, c, u, e, s))
const registerBilling = fc.tuple(fc.constantFrom<BillingKey>('north', 'south'), username, email, fc.boolean()).map(([o, u, e, s]): Cmd => new RegisterBilling(o, u, e, s))
const signIn = fc.tuple(who, mostly).map(([w, all]): Cmd => new SignInAndAccept(w, all))
const addAccount = fc.tuple(who, role, username, email, fc.boolean()).map(([w, ro, u, e, s]): Cmd => new AddAccount(w, ro, u, e, s))
const changeRole = fc.tuple(who, who, role).map(([by, on, ro]): Cmd => new ChangeRole(by, on, ro))
const removeAccount = fc.tuple(who, who).map(([by, on]): Cmd => new RemoveAccount(by, on))
const changeApplication = fc.tuple(fc.boolean(), who, who, fc.constantFrom(...APPS)).map(([g, by, on, app]): Cmd => new ChangeApplication(g, by, on, app))
/** The client's own contact mostly, else a person the model knows. */
const contactOf = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat({ max: 20 }) })
const requestAccess = fc.tuple(who, providerKey, mostly, contactOf).map(([w, c, k, o]): Cmd => new RequestAccess(w, c, k, o))
const findClient = fc.tuple(who, providerKey, mostly).map(([w, c, k]): Cmd => new FindClient(w, c, k))
const reissue = fc.tuple(who, who, fc.boolean()).map(([by, on, s]): Cmd => new ReissueTemporaryPassword(by, on, s))
/** 1 to 12 wrong proofs in a row for one provider's Tax ID, each through registration or a client look-up or request. */
const guesses = fc
  .tuple(providerKey, who, fc.array(fc.constantFrom('register', 'find', 'request'), { minLength: 1, maxLength: 12 }))
  .map(([client, by, routes]): Cmd =>
    new Guesses(
      routes.map((route, i) =>
        route === 'register'
          ? new RegisterProvider(client, 'tax-id-npi', false, 'AdaOlsen', 'ada@clinic.example', false)
          : route === 'find'
            ? new FindClient(by, client, false, i)
            : new RequestAccess(by, client, false, null, i)
      )
    )
  )
const answer = fc.tuple(pick, tokenChoice, fc.constantFrom(true, true, false)).map(([i, t, a]): Cmd => new Answer(i, t, a))
const contactLooks = pick.map((i): Cmd => new ContactLooks(i))
const endByBilling = fc.tuple(who, pick).map(([w, i]): Cmd => new EndByBilling(w, i))
const endByClient = fc.tuple(pick, tokenChoice).map(([i, t]): Cmd => new EndByClient(i, t))
const openClient = fc.tuple(who, providerKey).map(([w, c]): Cmd => new OpenClient(w, c))
const wait = fc.constantFrom(HOUR, DAY, 3 * DAY, WEEK - 1, WEEK, 8 * DAY).map((ms): Cmd => new Wait(ms))

/** Commands with their weights (each listed that many times: fc.commands draws among them uniformly), at most 25 in all with the seed. */
const commandsOf = (weighted: ReadonlyArray<readonly [number, fc.Arbitrary<Cmd>]>, seed: ReadonlyArray<Cmd>) =>
  fc.commands(
    weighted.flatMap(([n, arb]) => Array.from({ length: n }, () => arb.map(withInvariants))),
    { maxCommands: 25 - seed.length, size: 'max' }
  )

/** Lakes (its delegate, and a staff member) and North Star registered, everyone signed in with the terms accepted. */
const SEED: ReadonlyArray<Cmd> = [
  new RegisterProvider('lakes', 'tax-id-npi', true, 'AdaOlsen', 'ada@clinic.example', true),
  new AddAccount({ index: 0, scope: 'side' }, 'staff', 'EveMoss', 'dee@north.example', true),
  new RegisterBilling('north', 'BoLund', 'bo@clinic.example', true)
].map(withInvariants)
/** The same and Southwind too, for the client-access mix. */
const BILLING_SEED: ReadonlyArray<Cmd> = [...SEED, withInvariants(new RegisterBilling('south', 'CyNguyen', 'cy@north.example', true))]

/** Two mixes over one model: everything (a quarter of the runs from nothing at all), and the client-access steps mostly. */
const MIXES = [
  {
    name: 'every step',
    runs: 200,
    seeds: [[], SEED, SEED, SEED] as ReadonlyArray<ReadonlyArray<Cmd>>,
    weighted: [
      [2, registerProvider],
      [2, registerBilling],
      [4, signIn],
      [3, addAccount],
      [3, changeRole],
      [2, removeAccount],
      [2, reissue],
      [3, changeApplication],
      [1, findClient],
      [3, requestAccess],
      [1, guesses],
      [4, answer],
      [1, contactLooks],
      [2, endByBilling],
      [2, endByClient],
      [1, openClient],
      [2, wait]
    ] as ReadonlyArray<readonly [number, fc.Arbitrary<Cmd>]>
  },
  {
    name: 'client access',
    runs: 200,
    seeds: [BILLING_SEED],
    weighted: [
      [1, signIn],
      [1, addAccount],
      [1, findClient],
      [4, requestAccess],
      [1, guesses],
      [5, answer],
      [1, contactLooks],
      [3, endByBilling],
      [3, endByClient],
      [1, openClient],
      [2, wait]
    ] as ReadonlyArray<readonly [number, fc.Arbitrary<Cmd>]>
  }
] as const

const fresh = () => ({
  model: { now: DateTime.fromISO('2026-03-02T09:00:00', { zone: ZONE }).toMillis(), orgs: new Set<OrgKey>(), people: new Map(), requests: [], proofs: new Map() } as Model,
  real: { h: healthPartnersHarness({ preset }), accountIds: new Map(), orgIds: new Map(), links: [] } as Real
})

describe('organisations through the HealthPartners portal, model-based', () => {
  for (const mix of MIXES) {
    test(`${mix.name}: delegates alone manage accounts and applications; every organisation keeps a delegate; one account per person and e-mail key; client data opens exactly through a standing approval`, async (t) => {
      const started = Date.now()
      const longest = Math.max(...mix.seeds.map((s) => s.length))
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...mix.seeds), commandsOf(mix.weighted, mix.seeds.find((s) => s.length === longest) ?? []), async (seed, cmds) => {
          await fc.asyncModelRun(fresh, [...seed, ...cmds])
        }),
        { numRuns: mix.runs }
      )
      t.diagnostic(`${mix.runs} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    })
  }

  test('every kind of step succeeded in some run (and staff were refused, a contact at the billing organisation refused, a Tax ID locked), so the invariants were checked over real changes', (t) => {
    t.diagnostic(`successes: ${[...successes.entries()].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`)
    for (const kind of ['registerProvider', 'registerBilling', 'signIn', 'add-staff', 'add-delegate', 'staff-refused', 'change-role', 'remove', 'reissue', 'grant', 'revoke', 'find', 'request', 'contact-refused', 'proof-throttled', 'approve', 'refuse', 'end-by-billing', 'end-by-client', 'open'])
      assert.ok((successes.get(kind) ?? 0) > 0, `no ${kind} succeeded`)
  })
})
