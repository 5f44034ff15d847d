/**
 * Memberships (src/organizations/membership.ts): each rule, positive and
 * negative, and a model-based test (fast-check commands) over register / add
 * staff / add delegate / promote / demote / remove / grant / revoke / accept
 * terms / publish terms by arbitrary actors, asserting after every command: at
 * least one delegate; a non-delegate's attempt to create an account or grant
 * an application is refused and changes nothing; no two members share an
 * e-mail key and no account id appears twice; model and aggregate agree.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import { EmailAddress, emailKey } from '../../src/kernel/email'
import { DomainError } from '../../src/kernel/errors'
import type { KeyedHash } from '../../src/ports/keyed-hasher'
import {
  acceptTerms,
  addDelegate,
  addStaffAccount,
  ApplicationId,
  Contact,
  CurrentTerms,
  DEFAULT_APPLICATION,
  delegatesOf,
  demoteToStaff,
  ensureNotRegistered,
  grantApplication,
  MAX_MEMBERSHIPS,
  membershipOf,
  MembershipRole,
  OrganisationId,
  OrganisationName,
  parseApplicationId,
  promoteToDelegate,
  registerOrganisation,
  RegisteredOrganisation,
  REMITTANCE_INQUIRY,
  removeMember,
  revokeApplication,
  TermsDocument,
  termsOutstanding,
  TermsVersion,
  validateContact,
  withMembership
} from '../../src/organizations'
import { TaxId } from '../../src/kernel/us-identifiers'
import { PersonName } from '../../src/kernel/person'
import { ZONE } from './arbitraries'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const NOW = DateTime.fromISO('2026-12-02T09:00:00', { zone: ZONE })
const id = (n: number): AccountId => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as AccountId
const contact = (first: string, email: string): Contact => ({ firstName: first as PersonName, lastName: 'Olsen' as PersonName, email: email as EmailAddress, phone: null })
const CLAIMS = 'claims-status' as ApplicationId
const ELIGIBILITY = 'eligibility' as ApplicationId
const CATALOGUE = [REMITTANCE_INQUIRY, CLAIMS, ELIGIBILITY]
const grant = grantApplication(CATALOGUE)
const revoke = revokeApplication(CATALOGUE)
const ADA = id(1)
const BO = id(2)
const CY = id(3)

const registered = (): RegisteredOrganisation => {
  const r = registerOrganisation(NOW, { organisationId: '11111111-1111-4111-8111-111111111111' as OrganisationId, accountId: ADA }, {
    kind: 'billing',
    fullName: 'Northstar Billing Services' as OrganisationName,
    taxId: '411234567' as TaxId,
    taxIdHash: 'ab'.repeat(32) as KeyedHash,
    registrant: contact('Ada', 'ada.olsen@northstar.example')
  })
  assert.ok(E.isRight(r))
  return r.right
}

const right = <A>(r: E.Either<DomainError, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${r.left.code}: ${r.left.rule}`)
  return r.right
}
const codeOf = <A>(r: E.Either<DomainError, A>): string => {
  if (E.isRight(r)) assert.fail('expected a refusal')
  return r.left.code
}

/** Ada (delegate, the registrant), Bo (staff), Cy (staff). */
const withStaff = (): RegisteredOrganisation => {
  const a = right(addStaffAccount(registered(), ADA, { accountId: BO, contact: contact('Bo', 'bo@northstar.example') }))
  return right(addStaffAccount(a, ADA, { accountId: CY, contact: contact('Cy', 'cy@northstar.example') }))
}

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

describe('registering makes the registrant the first delegate', () => {
  test('with the default application and no terms accepted yet', () => {
    const org = registered()
    assert.deepEqual(
      org.memberships.map((m) => [m.accountId, m.role, m.applications, m.acceptances]),
      [[ADA, 'delegate', [REMITTANCE_INQUIRY], []]]
    )
  })
})

describe('delegates create accounts; staff cannot', () => {
  test('a delegate adds staff and further delegates, each with the default application', () => {
    const org = right(addDelegate(withStaff(), ADA, { accountId: id(4), contact: contact('Dee', 'dee@northstar.example') }))
    assert.deepEqual(org.memberships.map((m) => [m.role, m.applications]), [
      ['delegate', [DEFAULT_APPLICATION]],
      ['staff', [DEFAULT_APPLICATION]],
      ['staff', [DEFAULT_APPLICATION]],
      ['delegate', [DEFAULT_APPLICATION]]
    ])
  })

  test('staff adding a staff account or a delegate is refused as not a delegate, naming the actor', () => {
    for (const add of [addStaffAccount, addDelegate]) {
      const r = add(withStaff(), BO, { accountId: id(9), contact: contact('Eve', 'eve@northstar.example') })
      assert.equal(codeOf(r), 'organisation.not-a-delegate')
      assert.equal(E.isLeft(r) && r.left.field, 'actor')
    }
  })

  test('an account outside the organisation acting is refused as not a member', () => {
    const r = addStaffAccount(withStaff(), id(77), { accountId: id(9), contact: contact('Eve', 'eve@northstar.example') })
    assert.equal(codeOf(r), 'organisation.not-a-member')
    assert.equal(E.isLeft(r) && r.left.field, 'actor')
  })
})

describe('one person, one account', () => {
  test('an e-mail address already holding an account, in any case, is refused', () => {
    const r = addStaffAccount(withStaff(), ADA, { accountId: id(9), contact: contact('Bob', 'BO@northstar.example') })
    assert.equal(codeOf(r), 'organisation.email-taken')
    assert.equal(E.isLeft(r) && r.left.field, 'email')
  })

  test('an account id already in the organisation is refused', () => {
    assert.equal(codeOf(addStaffAccount(withStaff(), ADA, { accountId: BO, contact: contact('Eve', 'eve@northstar.example') })), 'organisation.account-taken')
  })

  test('a removed person may be given an account again with the same address', () => {
    const org = right(removeMember(withStaff(), ADA, BO))
    assert.ok(E.isRight(addStaffAccount(org, ADA, { accountId: id(9), contact: contact('Bo', 'bo@northstar.example') })))
  })

  test(`an organisation holds at most ${MAX_MEMBERSHIPS} accounts`, () => {
    const full: RegisteredOrganisation = {
      ...registered(),
      memberships: [...registered().memberships, ...Array.from({ length: MAX_MEMBERSHIPS - 1 }, (_, i) => ({ ...registered().memberships[0]!, accountId: id(100 + i), role: 'staff' as const, emailKey: `s${i}@x.example` as never }))]
    }
    assert.equal(codeOf(addStaffAccount(full, ADA, { accountId: id(9), contact: contact('Eve', 'eve@northstar.example') })), 'list.too-long')
  })
})

describe('the last delegate stays', () => {
  test('the last delegate cannot be demoted or removed, by itself', () => {
    const org = withStaff()
    assert.equal(codeOf(demoteToStaff(org, ADA, ADA)), 'organisation.last-delegate')
    assert.equal(codeOf(removeMember(org, ADA, ADA)), 'organisation.last-delegate')
  })

  test('with a second delegate, either may be demoted or removed', () => {
    const org = right(promoteToDelegate(withStaff(), ADA, BO))
    assert.deepEqual(right(demoteToStaff(org, BO, ADA)).memberships.map((m) => m.role), ['staff', 'delegate', 'staff'])
    assert.deepEqual(right(removeMember(org, ADA, ADA)).memberships.map((m) => m.accountId), [BO, CY])
  })

  test('staff may not promote, demote or remove; promoting a delegate or demoting staff changes nothing', () => {
    const org = withStaff()
    for (const change of [promoteToDelegate, demoteToStaff, removeMember]) assert.equal(codeOf(change(org, BO, CY)), 'organisation.not-a-delegate')
    assert.deepEqual(right(promoteToDelegate(org, ADA, ADA)), org)
    assert.deepEqual(right(demoteToStaff(org, ADA, BO)), org)
  })

  test('a change to an account outside the organisation names accountId', () => {
    const r = removeMember(withStaff(), ADA, id(77))
    assert.equal(codeOf(r), 'organisation.not-a-member')
    assert.equal(E.isLeft(r) && r.left.field, 'accountId')
  })
})

describe('applications: the default for every account; delegates grant and revoke others', () => {
  test('a delegate grants and revokes a known application; the list stays sorted', () => {
    const granted = right(grant(right(grant(withStaff(), ADA, BO, ELIGIBILITY)), ADA, BO, CLAIMS))
    assert.deepEqual(membershipOf(granted, BO)?.applications, [CLAIMS, ELIGIBILITY, REMITTANCE_INQUIRY])
    assert.deepEqual(membershipOf(right(revoke(granted, ADA, BO, CLAIMS)), BO)?.applications, [ELIGIBILITY, REMITTANCE_INQUIRY])
  })

  test('staff granting or revoking is refused and changes nothing', () => {
    assert.equal(codeOf(grant(withStaff(), BO, CY, CLAIMS)), 'organisation.not-a-delegate')
    assert.equal(codeOf(revoke(withStaff(), BO, BO, CLAIMS)), 'organisation.not-a-delegate')
  })

  test('an application the portal does not offer is refused, listing those it does', () => {
    const r = grant(withStaff(), ADA, BO, 'dental-benefits' as ApplicationId)
    assert.equal(codeOf(r), 'application.unknown')
    assert.deepEqual(E.isLeft(r) && r.left.code === 'application.unknown' && r.left.known, CATALOGUE)
  })

  test('the default application cannot be revoked', () => {
    const r = revoke(withStaff(), ADA, BO, REMITTANCE_INQUIRY)
    assert.equal(codeOf(r), 'application.not-revocable')
    assert.equal(E.isLeft(r) && r.left.field, 'application')
  })

  test('application ids are lower-case slugs', () => {
    assert.deepEqual(parseApplicationId(' remittance-inquiry '), E.right(REMITTANCE_INQUIRY))
    for (const bad of ['Remittance', 'a--b', '-a', 'a'.repeat(65), '', 42]) assert.ok(E.isLeft(parseApplicationId(bad)), String(bad))
  })
})

describe('contact information', () => {
  test('name and e-mail required, phone optional, every error collected with its field', () => {
    assert.deepEqual(validateContact({ firstName: 'Ada', lastName: 'Olsen', email: 'Ada@Northstar.example' }), E.right(contact('Ada', 'Ada@northstar.example')))
    const r = validateContact({ firstName: '', email: 'nope', phone: '123' }, 'registrant')
    assert.deepEqual(E.isLeft(r) && r.left.map((e) => [e.field, e.code]), [
      ['registrant.firstName', 'field.required'],
      ['registrant.lastName', 'field.required'],
      ['registrant.email', 'field.invalid'],
      ['registrant.phone', 'field.invalid']
    ])
    assert.ok(E.isLeft(validateContact({ firstName: 'Ada', lastName: 'Olsen', email: 'a@b.example', phone: ' '.repeat(1 << 20) })))
  })
})

// -------------------------------------------------------------------------------------
// model-based
// -------------------------------------------------------------------------------------

interface ModelMember {
  role: MembershipRole
  key: string
  apps: Set<ApplicationId>
  accepted: Map<TermsDocument, TermsVersion>
}
interface Model {
  registered: boolean
  members: Map<AccountId, ModelMember>
  current: { [D in TermsDocument]: TermsVersion }
}
interface Real {
  org: RegisteredOrganisation | null
  current: CurrentTerms
}

// Small pools, so that actors, targets and e-mail addresses collide often.
const ACCOUNTS = Array.from({ length: 7 }, (_, i) => id(i + 1))
const EMAILS = [
  'ada@clinic.example', 'Ada@clinic.example', 'bo.lund@clinic.example', 'BO.LUND@clinic.example', 'cy@north.example',
  'dee@north.example', 'Dee@north.example', 'eve@north.example', 'finn@north.example', 'gus@clinic.example'
]
const APPS = [...CATALOGUE, 'dental-benefits' as ApplicationId]
const VERSIONS = ['v1', 'v2', 'v3'] as TermsVersion[]

/** Who acts or is acted on: mostly a current member (by position), sometimes any account of the pool. */
interface Who {
  readonly index: number
  readonly outsider: boolean
}
const resolve = (m: Model, who: Who): AccountId => {
  const members = [...m.members.keys()]
  return who.outsider || members.length === 0 ? (ACCOUNTS[who.index % ACCOUNTS.length] as AccountId) : (members[who.index % members.length] as AccountId)
}
const showWho = (w: Who): string => `${w.outsider ? 'any' : 'member'}#${w.index}`

const asCode = (r: E.Either<DomainError, unknown>): string | null => (E.isLeft(r) ? r.left.code : null)

/** The refusal a delegate-only command gets from the model, or null when it may go on. */
const delegateGate = (m: Model, actor: AccountId): string | null => {
  if (!m.registered) return 'no-organisation'
  const a = m.members.get(actor)
  return a === undefined ? 'organisation.not-a-member' : a.role !== 'delegate' ? 'organisation.not-a-delegate' : null
}
const delegates = (m: Model): number => [...m.members.values()].filter((x) => x.role === 'delegate').length

/** Runs a step on the aggregate: a refusal must leave it exactly as it was. */
const step = (r: Real, expected: string | null, run: (org: RegisteredOrganisation) => E.Either<DomainError, RegisteredOrganisation>): void => {
  if (r.org === null) return
  const before = r.org
  const result = run(before)
  assert.equal(asCode(result), expected)
  if (E.isRight(result)) r.org = result.right
  else assert.deepEqual(r.org, before)
}

class Register implements fc.Command<Model, Real> {
  constructor(readonly account: AccountId, readonly email: string) {}
  check = () => true
  run(m: Model, r: Real): void {
    // The store looks the registration key up; what it finds is refused whoever holds it.
    const refused = ensureNotRegistered(r.org)
    if (m.registered) {
      assert.ok(E.isLeft(refused))
      const told = JSON.stringify(refused.left)
      for (const d of delegatesOf(r.org as RegisteredOrganisation)) {
        assert.ok(!told.includes(d.accountId) && !told.includes(d.email) && !told.includes(d.firstName), 'the refusal never names the delegate')
      }
      return
    }
    r.org = right(registerOrganisation(NOW, { organisationId: '11111111-1111-4111-8111-111111111111' as OrganisationId, accountId: this.account }, {
      kind: 'provider',
      providerKey: 'HP12345' as never,
      fullName: 'Lakeside Family Clinic' as OrganisationName,
      taxId: '411234567' as TaxId,
      taxIdHash: 'cd'.repeat(32) as KeyedHash,
      registrant: contact('Ada', this.email)
    }))
    m.registered = true
    m.members.set(this.account, { role: 'delegate', key: this.email.toLowerCase(), apps: new Set([REMITTANCE_INQUIRY]), accepted: new Map() })
  }
  toString = () => `register(${this.account.slice(-1)}, ${this.email})`
}

class Add implements fc.Command<Model, Real> {
  constructor(readonly role: MembershipRole, readonly by: Who, readonly account: AccountId, readonly email: string) {}
  check = () => true
  run(m: Model, r: Real): void {
    const actor = resolve(m, this.by)
    const key = this.email.toLowerCase()
    const expected =
      delegateGate(m, actor) ??
      (m.members.has(this.account) ? 'organisation.account-taken' : [...m.members.values()].some((x) => x.key === key) ? 'organisation.email-taken' : null)
    const add = this.role === 'delegate' ? addDelegate : addStaffAccount
    step(r, expected, (org) => add(org, actor, { accountId: this.account, contact: contact('Sam', this.email) }))
    if (expected === null) m.members.set(this.account, { role: this.role, key, apps: new Set([REMITTANCE_INQUIRY]), accepted: new Map() })
  }
  toString = () => `add-${this.role}(by ${showWho(this.by)}: ${this.account.slice(-1)}, ${this.email})`
}

class SetRole implements fc.Command<Model, Real> {
  constructor(readonly role: MembershipRole, readonly by: Who, readonly on: Who) {}
  check = () => true
  run(m: Model, r: Real): void {
    const [actor, target] = [resolve(m, this.by), resolve(m, this.on)]
    const t = m.members.get(target)
    const expected =
      delegateGate(m, actor) ??
      (t === undefined ? 'organisation.not-a-member' : t.role !== this.role && t.role === 'delegate' && delegates(m) === 1 ? 'organisation.last-delegate' : null)
    step(r, expected, (org) => (this.role === 'delegate' ? promoteToDelegate : demoteToStaff)(org, actor, target))
    if (expected === null && t !== undefined) t.role = this.role
  }
  toString = () => `${this.role === 'delegate' ? 'promote' : 'demote'}(by ${showWho(this.by)}: ${showWho(this.on)})`
}

class Remove implements fc.Command<Model, Real> {
  constructor(readonly by: Who, readonly on: Who) {}
  check = () => true
  run(m: Model, r: Real): void {
    const [actor, target] = [resolve(m, this.by), resolve(m, this.on)]
    const t = m.members.get(target)
    const expected =
      delegateGate(m, actor) ?? (t === undefined ? 'organisation.not-a-member' : t.role === 'delegate' && delegates(m) === 1 ? 'organisation.last-delegate' : null)
    step(r, expected, (org) => removeMember(org, actor, target))
    if (expected === null) m.members.delete(target)
  }
  toString = () => `remove(by ${showWho(this.by)}: ${showWho(this.on)})`
}

class Application implements fc.Command<Model, Real> {
  constructor(readonly granting: boolean, readonly by: Who, readonly on: Who, readonly app: ApplicationId) {}
  check = () => true
  run(m: Model, r: Real): void {
    const [actor, target] = [resolve(m, this.by), resolve(m, this.on)]
    const t = m.members.get(target)
    const expected =
      delegateGate(m, actor) ??
      (!CATALOGUE.includes(this.app)
        ? 'application.unknown'
        : t === undefined
          ? 'organisation.not-a-member'
          : !this.granting && this.app === DEFAULT_APPLICATION
            ? 'application.not-revocable'
            : null)
    step(r, expected, (org) => (this.granting ? grant : revoke)(org, actor, target, this.app))
    if (expected === null && t !== undefined) this.granting ? t.apps.add(this.app) : t.apps.delete(this.app)
  }
  toString = () => `${this.granting ? 'grant' : 'revoke'}(by ${showWho(this.by)}: ${showWho(this.on)}, ${this.app})`
}

class Accept implements fc.Command<Model, Real> {
  constructor(readonly by: Who, readonly document: TermsDocument, readonly version: TermsVersion) {}
  check = () => true
  run(m: Model, r: Real): void {
    const actor = resolve(m, this.by)
    const a = m.members.get(actor)
    const expected = !m.registered ? 'no-organisation' : a === undefined ? 'organisation.not-a-member' : this.version !== m.current[this.document] ? 'terms.not-current' : null
    step(r, expected, (org) => withMembership(org, actor, (mb) => acceptTerms(NOW, mb, this.document, this.version, r.current), 'actor'))
    if (expected === null && a !== undefined) a.accepted.set(this.document, this.version)
  }
  toString = () => `accept(${showWho(this.by)}: ${this.document} ${this.version})`
}

class Publish implements fc.Command<Model, Real> {
  constructor(readonly document: TermsDocument, readonly version: TermsVersion) {}
  check = () => true
  run(m: Model, r: Real): void {
    m.current[this.document] = this.version
    r.current = { ...r.current, [this.document]: this.version }
  }
  toString = () => `publish(${this.document} ${this.version})`
}

/** After every command: the aggregate's rules hold and it agrees with the model. */
const invariants = (m: Model, r: Real): void => {
  if (r.org === null) return assert.equal(m.registered, false)
  const ms = r.org.memberships
  assert.ok(ms.some((x) => x.role === 'delegate'), 'at least one delegate')
  assert.equal(new Set(ms.map((x) => x.accountId)).size, ms.length, 'no account id twice')
  assert.equal(new Set(ms.map((x) => x.emailKey)).size, ms.length, 'no e-mail key twice')
  for (const x of ms) assert.equal(x.emailKey, emailKey(x.email))
  assert.deepEqual(
    ms.map((x) => [x.accountId, x.role, x.emailKey, x.applications]).sort(),
    [...m.members.entries()].map(([k, v]) => [k, v.role, v.key, [...v.apps].sort()]).sort()
  )
  for (const x of ms) {
    const mm = m.members.get(x.accountId) as ModelMember
    const required: TermsDocument[] = mm.role === 'delegate' ? ['provider-portal', 'delegate-site-administrator'] : ['provider-portal']
    assert.deepEqual(termsOutstanding(x, r.current), required.filter((d) => mm.accepted.get(d) !== m.current[d]))
  }
}

const withInvariants = (c: fc.Command<Model, Real>): fc.Command<Model, Real> => ({
  check: (m) => c.check(m),
  run: (m, r) => {
    c.run(m, r)
    invariants(m, r)
  },
  toString: () => c.toString()
})

const account = fc.constantFrom(...ACCOUNTS)
const who: fc.Arbitrary<Who> = fc.record({ index: fc.nat({ max: 20 }), outsider: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))) })
const email = fc.constantFrom(...EMAILS)
const document = fc.constantFrom<TermsDocument>('provider-portal', 'delegate-site-administrator')
const version = fc.constantFrom(...VERSIONS)
const commands = fc.commands(
  [
    fc.tuple(account, email).map(([a, e]) => new Register(a, e)),
    fc.tuple(fc.constantFrom<MembershipRole>('staff', 'delegate'), who, account, email).map(([role, by, a, e]) => new Add(role, by, a, e)),
    fc.tuple(fc.constantFrom<MembershipRole>('staff', 'delegate'), who, who).map(([role, by, a]) => new SetRole(role, by, a)),
    fc.tuple(who, who).map(([by, a]) => new Remove(by, a)),
    fc.tuple(fc.boolean(), who, who, fc.constantFrom(...APPS)).map(([g, by, a, app]) => new Application(g, by, a, app)),
    fc.tuple(who, document, version).map(([a, d, v]) => new Accept(a, d, v)),
    fc.tuple(document, version).map(([d, v]) => new Publish(d, v))
  ].map((arb) => arb.map(withInvariants)),
  { maxCommands: 60, size: 'large' }
)

describe('model-based: any sequence of operations by any actors', () => {
  test('keeps a delegate, refuses non-delegates unchanged, one account per person and per e-mail key, and agrees with the model', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        fc.modelRun(
          () => ({
            model: { registered: false, members: new Map(), current: { 'provider-portal': VERSIONS[0]!, 'delegate-site-administrator': VERSIONS[0]! } },
            real: { org: null, current: { 'provider-portal': VERSIONS[0]!, 'delegate-site-administrator': VERSIONS[0]! } }
          }),
          cmds
        )
      }),
      { numRuns: 300 }
    )
  })
})
