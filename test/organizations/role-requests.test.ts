/**
 * HARP's "Connect to an Organization" (src/organizations/role-requests.ts):
 * each rule, positive and negative, and a model-based test (fast-check
 * commands) over two organisations and five HARP accounts — connect as first
 * user (with the right or a wrong clinician), request a role, approve or
 * reject (by anyone, the requester included), disconnect, and the help desk's
 * replacement — asserting after every command: an organisation with users
 * always has a Security Official; every role held was granted to the first
 * user, by the help desk, or by the approval of a Security Official other
 * than the requester; no self-approval ever succeeds; each account's role in
 * each organisation is the model's, whatever it holds in the other; model and
 * aggregates agree.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import { DomainError } from '../../src/kernel/errors'
import { Npi } from '../../src/kernel/npi'
import { TaxId } from '../../src/kernel/us-identifiers'
import type { KeyedHash } from '../../src/ports/keyed-hasher'
import type { Ptan } from '../../src/kernel/us-identifiers'
import {
  approveRoleRequest,
  Clinician,
  connectFirstUser,
  connectionOf,
  disconnect,
  HarpOrganisation,
  HarpOrganisationType,
  HarpRole,
  harpRegistrationKey,
  HashedOrganisationSearch,
  mayInOrganisation,
  OrganisationId,
  rejectRoleRequest,
  replaceSecurityOfficial,
  requestRole,
  roleRequestsFor,
  RoleRequestId,
  rolesOf,
  securityOfficialsOf,
  validateClinician,
  validateOrganisationSearch,
  ValidHelpDeskRequest
} from '../../src/organizations'
import { ZONE } from './arbitraries'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const NOW = DateTime.fromISO('2026-12-02T09:00:00', { zone: ZONE })
const accountId = (n: number): AccountId => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as AccountId
const requestId = (n: number): RoleRequestId => `44444444-4444-4444-8444-${String(n).padStart(12, '0')}` as RoleRequestId
const orgId = (n: number): OrganisationId => `11111111-1111-4111-8111-${String(n).padStart(12, '0')}` as OrganisationId
const [ADA, BO, CY, DEE, EVE] = [1, 2, 3, 4, 5].map(accountId) as [AccountId, AccountId, AccountId, AccountId, AccountId]
const DR_LEE: Clinician = { npi: '1234567893' as Npi, ptan: 'AB1234' as Ptan }
const DR_KIM: Clinician = { npi: '1245319599' as Npi, ptan: '654321' as Ptan }
const LAKESIDE: HashedOrganisationSearch = { type: 'practice', taxId: '411234567' as TaxId, taxIdHash: 'ab'.repeat(32) as KeyedHash }
const NORTHWIND: HashedOrganisationSearch = { type: 'apm-entity', taxId: '521234567' as TaxId, taxIdHash: 'cd'.repeat(32) as KeyedHash }
/** The help desk has checked the request: its content is not what these tests are about. */
const CHECKED = {} as ValidHelpDeskRequest

const right = <A>(r: E.Either<DomainError | ReadonlyArray<DomainError>, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${JSON.stringify(r.left)}`)
  return r.right
}
const refusal = <A>(r: E.Either<DomainError, A>): DomainError => {
  if (E.isRight(r)) assert.fail('expected a refusal')
  return r.left
}
const codeOf = <A>(r: E.Either<DomainError, A>): string => (E.isLeft(r) ? r.left.code : 'ok')

/** Lakeside: Ada, its first user (Security Official). */
const founded = (): HarpOrganisation => right(connectFirstUser(NOW, null, { organisationId: orgId(1), accountId: ADA }, LAKESIDE, DR_LEE, [DR_KIM, DR_LEE]))

/** Lakeside: Ada (Security Official), Bo (Staff User, approved by Ada), Cy waiting to be a Staff User. */
const staffed = (): HarpOrganisation => {
  const asked = right(requestRole(NOW, founded(), requestId(1), BO, 'staff-user'))
  const bo = right(approveRoleRequest(NOW, asked, ADA, requestId(1))).organisation
  return right(requestRole(NOW, bo, requestId(2), CY, 'staff-user'))
}

const roles = (o: HarpOrganisation): ReadonlyArray<[AccountId, HarpRole]> => o.connections.map((c) => [c.accountId, c.role])

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

describe('finding an organisation and proving the first user', () => {
  test('"Find a Practice": the type and the Tax ID, every error collected', () => {
    assert.deepEqual(validateOrganisationSearch({ organisationType: 'registry', taxId: '41-1234567' }), E.right({ type: 'registry', taxId: '411234567' }))
    const r = validateOrganisationSearch({ organisationType: 'hospital', taxId: '00-0000000' })
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left.map((e) => [e.code, e.field]), [['field.invalid', 'organisationType'], ['field.invalid', 'taxId']])
  })

  test("the clinician's PTAN (6 to 10 letters or digits, read in upper case) and NPI (its check digit)", () => {
    assert.deepEqual(validateClinician({ ptan: ' ab1234 ', npi: '1234567893' }), E.right(DR_LEE))
    const r = validateClinician({ ptan: 'AB12', npi: '1234567890' })
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left.map((e) => [e.code, e.field]), [['field.invalid', 'npi'], ['field.invalid', 'ptan']])
  })

  test('the first user becomes the Security Official; the Tax ID is kept as its hash and last four digits', () => {
    const o = founded()
    assert.deepEqual(o.connections, [{ accountId: ADA, role: 'security-official', since: NOW.toISO(), grant: { by: 'first-user' } }])
    assert.deepEqual(o.taxId, { hash: LAKESIDE.taxIdHash, last4: '4567' })
    assert.equal(mayInOrganisation(o, ADA, 'manage-users'), true)
  })

  test('a clinician who does not bill under the Tax ID is refused, naming no field', () => {
    const e = refusal(connectFirstUser(NOW, null, { organisationId: orgId(1), accountId: ADA }, LAKESIDE, { ...DR_LEE, ptan: DR_KIM.ptan }, [DR_KIM, DR_LEE]))
    assert.equal(e.code, 'organisation.clinician-not-matched')
    assert.equal(e.field, 'clinician', 'the pair, never which of PTAN or NPI was wrong')
  })

  test('an organisation with users is not founded again: a later user requests a role', () => {
    const e = refusal(connectFirstUser(NOW, founded(), { organisationId: orgId(2), accountId: BO }, LAKESIDE, DR_LEE, [DR_LEE]))
    assert.equal(e.code, 'organisation.has-security-official')
    assert.ok(!e.rule.includes(ADA))
  })

  test('each type of organisation registers under its own key', () => {
    assert.notEqual(harpRegistrationKey(LAKESIDE), harpRegistrationKey({ ...LAKESIDE, type: 'registry' }))
  })
})

describe('requesting a role', () => {
  test('the request waits; the requester has no role yet', () => {
    const o = right(requestRole(NOW, founded(), requestId(1), BO, 'staff-user'))
    assert.deepEqual(o.pending.map((r) => [r.accountId, r.role, r.state]), [[BO, 'staff-user', 'pending']])
    assert.equal(connectionOf(o, BO), undefined)
    assert.equal(mayInOrganisation(o, BO, 'report-data'), false)
  })

  test('a role held already, or one it includes, is refused; a Staff User may ask to become a Security Official', () => {
    assert.equal(codeOf(requestRole(NOW, staffed(), requestId(9), ADA, 'staff-user')), 'role-request.role-held')
    assert.equal(codeOf(requestRole(NOW, staffed(), requestId(9), BO, 'staff-user')), 'role-request.role-held')
    assert.equal(codeOf(requestRole(NOW, staffed(), requestId(9), BO, 'security-official')), 'ok')
  })

  test('one request waits per account; a request id is used once', () => {
    assert.equal(codeOf(requestRole(NOW, staffed(), requestId(9), CY, 'security-official')), 'role-request.already-pending')
    assert.equal(codeOf(requestRole(NOW, staffed(), requestId(2), DEE, 'staff-user')), 'list.duplicate')
  })
})

describe('deciding a request', () => {
  test("a Security Official's approval connects the requester with the role, recording who approved", () => {
    const d = right(approveRoleRequest(NOW, staffed(), ADA, requestId(2)))
    assert.equal(d.request.state, 'approved')
    assert.equal(d.request.decidedBy, ADA)
    assert.deepEqual(connectionOf(d.organisation, CY)?.grant, { by: 'approval', requestId: requestId(2), approvedBy: ADA })
    assert.deepEqual(d.organisation.pending, [])
    assert.equal(codeOf(approveRoleRequest(NOW, d.organisation, ADA, requestId(2))), 'role-request.not-found')
  })

  test('nobody decides their own request, whatever their role', () => {
    for (const decide of [approveRoleRequest, rejectRoleRequest]) {
      const e = refusal(decide(NOW, staffed(), CY, requestId(2)))
      assert.equal(e.code, 'role-request.own-request')
      assert.equal(e.field, 'actor')
    }
    const upgrade = right(requestRole(NOW, staffed(), requestId(3), BO, 'security-official'))
    assert.equal(codeOf(approveRoleRequest(NOW, upgrade, BO, requestId(3))), 'role-request.own-request')
  })

  test('a Staff User or an outsider cannot decide', () => {
    assert.equal(codeOf(approveRoleRequest(NOW, staffed(), BO, requestId(2))), 'organisation.not-a-security-official')
    assert.equal(codeOf(rejectRoleRequest(NOW, staffed(), EVE, requestId(2))), 'organisation.not-a-member')
  })

  test('a rejection grants nothing', () => {
    const d = right(rejectRoleRequest(NOW, staffed(), ADA, requestId(2)))
    assert.equal(d.request.state, 'rejected')
    assert.equal(connectionOf(d.organisation, CY), undefined)
    assert.deepEqual(d.organisation.pending, [])
  })

  test("approving a Staff User's request to be a Security Official changes their role", () => {
    const upgrade = right(requestRole(NOW, staffed(), requestId(3), BO, 'security-official'))
    const o = right(approveRoleRequest(NOW, upgrade, ADA, requestId(3))).organisation
    assert.deepEqual(roles(o), [[ADA, 'security-official'], [BO, 'security-official']])
  })

  test('only Security Officials see the requests waiting', () => {
    assert.deepEqual(roleRequestsFor(staffed(), ADA).map((r) => r.accountId), [CY])
    assert.deepEqual(roleRequestsFor(staffed(), BO), [])
    assert.deepEqual(roleRequestsFor(staffed(), CY), [])
  })
})

describe('leaving, and the Security Official who stays', () => {
  test('the last Security Official cannot leave or be removed', () => {
    const e = refusal(disconnect(staffed(), ADA, ADA))
    assert.equal(e.code, 'organisation.last-security-official')
  })

  test('a Security Official removes a Staff User; a Staff User may leave but not remove anyone', () => {
    assert.deepEqual(roles(right(disconnect(staffed(), ADA, BO))), [[ADA, 'security-official']])
    assert.deepEqual(roles(right(disconnect(staffed(), BO, BO))), [[ADA, 'security-official']])
    assert.equal(codeOf(disconnect(staffed(), BO, ADA)), 'organisation.not-a-security-official')
    assert.equal(codeOf(disconnect(staffed(), ADA, EVE)), 'organisation.not-a-member')
  })

  test("with a second Security Official, either may leave; a user's waiting request goes with them", () => {
    const upgrade = right(requestRole(NOW, staffed(), requestId(3), BO, 'security-official'))
    const two = right(approveRoleRequest(NOW, upgrade, ADA, requestId(3))).organisation
    assert.deepEqual(roles(right(disconnect(two, ADA, ADA))), [[BO, 'security-official']])
    const again = right(requestRole(NOW, staffed(), requestId(3), BO, 'security-official'))
    assert.deepEqual(right(disconnect(again, ADA, BO)).pending.map((r) => r.accountId), [CY])
  })
})

describe('one account, several organisations', () => {
  test('each organisation keeps its own role for the account', () => {
    const lakeside = staffed()
    const northwind = right(connectFirstUser(NOW, null, { organisationId: orgId(2), accountId: BO }, NORTHWIND, DR_KIM, [DR_KIM]))
    assert.deepEqual(rolesOf([lakeside, northwind], BO), [
      { organisationId: orgId(1), type: 'practice', role: 'staff-user' },
      { organisationId: orgId(2), type: 'apm-entity', role: 'security-official' }
    ])
    assert.equal(mayInOrganisation(lakeside, BO, 'manage-users'), false)
    assert.equal(mayInOrganisation(northwind, BO, 'manage-users'), true)
  })
})

// -------------------------------------------------------------------------------------
// model-based
// -------------------------------------------------------------------------------------

interface ModelOrg {
  readonly roles: Map<AccountId, HarpRole>
  /** Requests waiting, by id. */
  readonly pending: Map<RoleRequestId, { readonly accountId: AccountId; readonly role: HarpRole }>
}
interface Model {
  readonly orgs: Map<OrganisationId, ModelOrg>
  next: number
}
interface Real {
  readonly orgs: Map<OrganisationId, HarpOrganisation>
  /** Every approval that succeeded: who decided whose request. */
  readonly approvals: Array<{ readonly decider: AccountId; readonly requester: AccountId; readonly deciderRole: HarpRole | undefined }>
}
type Cmd = fc.Command<Model, Real>

const ORGS = [
  { id: orgId(1), search: LAKESIDE, clinicians: [DR_LEE] },
  { id: orgId(2), search: NORTHWIND, clinicians: [DR_KIM] }
] as const
const ACCOUNTS = [ADA, BO, CY, DEE, EVE] as const
type OrgChoice = (typeof ORGS)[number]

class ConnectFirst implements Cmd {
  constructor(readonly org: OrgChoice, readonly account: AccountId, readonly clinicianRight: boolean) {}
  check = () => true
  run(m: Model, r: Real): void {
    const clinician = this.clinicianRight ? this.org.clinicians[0] : { ...this.org.clinicians[0], ptan: 'ZZ9999' as Ptan }
    const x = connectFirstUser(NOW, r.orgs.get(this.org.id) ?? null, { organisationId: this.org.id, accountId: this.account }, this.org.search, clinician, this.org.clinicians)
    const expected = m.orgs.has(this.org.id) ? 'organisation.has-security-official' : this.clinicianRight ? 'ok' : 'organisation.clinician-not-matched'
    assert.equal(codeOf(x), expected)
    if (E.isLeft(x)) return
    r.orgs.set(this.org.id, x.right)
    m.orgs.set(this.org.id, { roles: new Map([[this.account, 'security-official']]), pending: new Map() })
  }
  toString = () => `connectFirst(${this.org.search.type}, #${this.account.slice(-1)}, ${this.clinicianRight ? 'right' : 'wrong'} clinician)`
}

class Request implements Cmd {
  constructor(readonly org: OrgChoice, readonly account: AccountId, readonly role: HarpRole) {}
  check = (m: Readonly<Model>) => m.orgs.has(this.org.id)
  run(m: Model, r: Real): void {
    const mo = m.orgs.get(this.org.id) as ModelOrg
    const id = requestId(++m.next)
    const x = requestRole(NOW, r.orgs.get(this.org.id) as HarpOrganisation, id, this.account, this.role)
    const held = mo.roles.get(this.account)
    const expected =
      held === 'security-official' || held === this.role ? 'role-request.role-held'
      : [...mo.pending.values()].some((p) => p.accountId === this.account) ? 'role-request.already-pending'
      : 'ok'
    assert.equal(codeOf(x), expected)
    if (E.isLeft(x)) return
    r.orgs.set(this.org.id, x.right)
    mo.pending.set(id, { accountId: this.account, role: this.role })
  }
  toString = () => `request(${this.org.search.type}, #${this.account.slice(-1)}, ${this.role})`
}

class Decide implements Cmd {
  /** `actor: 'requester'` tries to approve their own request. */
  constructor(readonly org: OrgChoice, readonly pick: number, readonly actor: AccountId | 'requester', readonly approving: boolean) {}
  check = (m: Readonly<Model>) => m.orgs.has(this.org.id)
  run(m: Model, r: Real): void {
    const mo = m.orgs.get(this.org.id) as ModelOrg
    const ids = [...mo.pending.keys()]
    const id = ids.length === 0 ? requestId(999) : (ids[this.pick % ids.length] as RoleRequestId)
    const request = mo.pending.get(id)
    const actor = this.actor === 'requester' ? request?.accountId ?? ADA : this.actor
    const decide = this.approving ? approveRoleRequest : rejectRoleRequest
    const x = decide(NOW, r.orgs.get(this.org.id) as HarpOrganisation, actor, id)
    const role = mo.roles.get(actor)
    const expected =
      request === undefined ? 'role-request.not-found'
      : request.accountId === actor ? 'role-request.own-request'
      : role === undefined ? 'organisation.not-a-member'
      : role !== 'security-official' ? 'organisation.not-a-security-official'
      : 'ok'
    assert.equal(codeOf(x), expected)
    if (E.isLeft(x)) return
    r.orgs.set(this.org.id, x.right.organisation)
    mo.pending.delete(id)
    if (this.approving && request !== undefined) {
      r.approvals.push({ decider: actor, requester: request.accountId, deciderRole: role })
      mo.roles.set(request.accountId, request.role)
    }
  }
  toString = () => `${this.approving ? 'approve' : 'reject'}(${this.org.search.type}, #${this.pick}, by ${this.actor === 'requester' ? 'the requester' : `#${this.actor.slice(-1)}`})`
}

class Disconnect implements Cmd {
  constructor(readonly org: OrgChoice, readonly actor: AccountId, readonly target: AccountId) {}
  check = (m: Readonly<Model>) => m.orgs.has(this.org.id)
  run(m: Model, r: Real): void {
    const mo = m.orgs.get(this.org.id) as ModelOrg
    const x = disconnect(r.orgs.get(this.org.id) as HarpOrganisation, this.actor, this.target)
    const officials = [...mo.roles.values()].filter((v) => v === 'security-official').length
    const actorRole = mo.roles.get(this.actor)
    const targetRole = mo.roles.get(this.target)
    const expected =
      targetRole === undefined ? 'organisation.not-a-member'
      : this.actor !== this.target && actorRole === undefined ? 'organisation.not-a-member'
      : this.actor !== this.target && actorRole !== 'security-official' ? 'organisation.not-a-security-official'
      : targetRole === 'security-official' && officials <= 1 ? 'organisation.last-security-official'
      : 'ok'
    assert.equal(codeOf(x), expected)
    if (E.isLeft(x)) return
    r.orgs.set(this.org.id, x.right)
    mo.roles.delete(this.target)
    for (const [id, p] of mo.pending) if (p.accountId === this.target) mo.pending.delete(id)
  }
  toString = () => `disconnect(${this.org.search.type}, #${this.target.slice(-1)} by #${this.actor.slice(-1)})`
}

class HelpDesk implements Cmd {
  constructor(readonly org: OrgChoice, readonly requester: AccountId, readonly replacing: AccountId | null, readonly rightTin: boolean) {}
  check = (m: Readonly<Model>) => m.orgs.has(this.org.id)
  run(m: Model, r: Real): void {
    const mo = m.orgs.get(this.org.id) as ModelOrg
    const hashes = [this.rightTin ? this.org.search.taxIdHash : ('00'.repeat(32) as KeyedHash)]
    const x = replaceSecurityOfficial(NOW, r.orgs.get(this.org.id) as HarpOrganisation, { requester: this.requester, request: CHECKED, billingTinHashes: hashes, replacing: this.replacing })
    const replaced = this.replacing === null ? undefined : mo.roles.get(this.replacing)
    const expected =
      !this.rightTin ? 'help-desk.organisation-not-matched'
      : this.replacing === null ? 'ok'
      : this.replacing === this.requester ? 'field.invalid'
      : replaced === undefined ? 'organisation.not-a-member'
      : replaced !== 'security-official' ? 'organisation.not-a-security-official'
      : 'ok'
    assert.equal(codeOf(x), expected)
    if (E.isLeft(x)) return
    r.orgs.set(this.org.id, x.right)
    if (this.replacing !== null) mo.roles.delete(this.replacing)
    mo.roles.set(this.requester, 'security-official')
    for (const [id, p] of mo.pending) if (p.accountId === this.requester || p.accountId === this.replacing) mo.pending.delete(id)
  }
  toString = () => `helpDesk(${this.org.search.type}, #${this.requester.slice(-1)} replacing ${this.replacing === null ? 'nobody' : `#${this.replacing.slice(-1)}`}${this.rightTin ? '' : ', another TIN'})`
}

const org = fc.constantFrom(...ORGS)
const account = fc.constantFrom(...ACCOUNTS)
const role = fc.constantFrom<HarpRole>('staff-user', 'staff-user', 'security-official')
const commands = fc.commands(
  [
    fc.tuple(org, account, fc.boolean()).map(([o, a, c]) => new ConnectFirst(o, a, c)),
    fc.tuple(org, account, role).map(([o, a, ro]) => new Request(o, a, ro)),
    fc.tuple(org, fc.nat(), fc.oneof(account, fc.constant('requester' as const)), fc.boolean()).map(([o, i, a, ap]) => new Decide(o, i, a, ap)),
    fc.tuple(org, account, account).map(([o, a, t]) => new Disconnect(o, a, t)),
    fc.tuple(org, account, fc.option(account, { nil: null }), fc.boolean()).map(([o, a, rep, tin]) => new HelpDesk(o, a, rep, tin))
  ],
  { maxCommands: 80, size: 'large' }
)

describe('connections, model-based', () => {
  test('always a Security Official; roles only by the first user, the help desk or another Security Official’s approval; each organisation’s role its own', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const model: Model = { orgs: new Map(), next: 0 }
        const real: Real = { orgs: new Map(), approvals: [] }
        const checked = [...cmds].map(
          (c): Cmd => ({
            check: (m) => c.check(m),
            run: (m, r) => {
              c.run(m, r)
              for (const a of r.approvals) {
                assert.notEqual(a.decider, a.requester, 'a self-approval succeeded')
                assert.equal(a.deciderRole, 'security-official', 'approved by someone not a Security Official')
              }
              for (const [id, o] of r.orgs) {
                const mo = m.orgs.get(id) as ModelOrg
                assert.ok(o.connections.length > 0)
                assert.ok(securityOfficialsOf(o).length >= 1, `no Security Official after ${c.toString()}`)
                for (const conn of o.connections)
                  if (conn.grant.by === 'approval') assert.notEqual(conn.grant.approvedBy, conn.accountId, 'a role granted by its own holder')
                assert.deepEqual(
                  new Map(o.connections.map((conn) => [conn.accountId, conn.role])),
                  mo.roles
                )
                assert.deepEqual(new Map(o.pending.map((p) => [p.id, { accountId: p.accountId, role: p.role }])), mo.pending)
              }
              const all = [...r.orgs.values()]
              for (const a of ACCOUNTS)
                assert.deepEqual(
                  rolesOf(all, a).map((x) => [x.organisationId, x.role]),
                  all.flatMap((o) => {
                    const held = m.orgs.get(o.id)?.roles.get(a)
                    return held === undefined ? [] : [[o.id, held]]
                  })
                )
            },
            toString: () => c.toString()
          })
        )
        fc.modelRun(() => ({ model, real }), checked)
      }),
      { numRuns: 300 }
    )
  })
})
