/**
 * HARP's organisations: CMS's records of practices, APM Entities and
 * registries; "Manage Access" → "Connect to an Organization"; a Security
 * Official's users; the request to the QPP Help Desk. Every step acts for a
 * signed-in person by their HARP account id (`givenHarpAccount` makes one).
 */
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { harp } from '../src'
import type { HarpOrganisationType, HarpRole } from '../src/organizations/role-requests'
import type { ConnectOutcome, ConnectPage, OrganisationFound, ConnectionView } from '../src/organizations/harp-access/workflow'
import type { HelpDeskReceipt } from '../src/organizations/help-desk/workflow'
import type { PracticeData } from '../adapters/memory'
import type { Persona } from './personas'
import { givenHarpAccount } from './harp-accounts'
import { PortalWorld } from './world'

declare module './world' {
  interface PortalWorld {
    /** HARP: the last "Connect to an Organization" page a person opened. */
    harpConnectPage?: ConnectPage
    /** HARP: the last organisation "Find a Practice" showed. */
    harpFound?: OrganisationFound
    /** HARP: each persona's last role request (first name, lower case), with its organisation. */
    harpRequests?: Map<string, { readonly organisationId: string; readonly requestId: string }>
    /** HARP: the last receipt of the QPP Help Desk. */
    harpReceipt?: HelpDeskReceipt
  }
}

// -------------------------------------------------------------------------------------
// vocabulary
// -------------------------------------------------------------------------------------

const TYPES: Readonly<Record<string, HarpOrganisationType>> = {
  Practice: 'practice',
  'Alternative Payment Model (APM) Entity': 'apm-entity',
  'APM Entity': 'apm-entity',
  Registry: 'registry'
}
const ROLES: Readonly<Record<string, HarpRole>> = { 'Staff User': 'staff-user', 'Security Official': 'security-official' }
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

defineParameterType({
  name: 'harpOrganisationType',
  regexp: new RegExp(Object.keys(TYPES).map(escape).join('|')),
  transformer: (s: string): HarpOrganisationType => TYPES[s] as HarpOrganisationType
})

defineParameterType({
  name: 'harpRole',
  regexp: /Staff User|Security Official/,
  transformer: (s: string): HarpRole => ROLES[s] as HarpRole
})

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

const acting = (world: PortalWorld, p: Persona): { readonly accountId: string } => {
  assert.ok(p.accountId, `${p.firstName} has no HARP account`)
  return { accountId: p.accountId }
}

/** A person's HARP account, proofed, made if they have none yet. */
const ensureProofed = async (world: PortalWorld, p: Persona): Promise<void> => {
  if (p.accountId === undefined) await givenHarpAccount(world, p, { proofed: true })
}

const practiceNamed = (world: PortalWorld, name: string): PracticeData => {
  const found = world.practices.find((r) => r.legalBusinessName === name)
  assert.ok(found, `CMS's records list no organisation "${name}"`)
  return found
}

const must = <A>(world: PortalWorld, what: string, outcome: E.Either<ReadonlyArray<{ readonly code: string }>, A>): A => {
  world.record(outcome as E.Either<ReadonlyArray<never>, A>)
  if (E.isLeft(outcome)) assert.fail(`${what}: ${world.messagesShown.join(' ')} (${outcome.left.map((e) => e.code).join(', ')})`)
  return outcome.right
}

const requestsOf = (world: PortalWorld): Map<string, { readonly organisationId: string; readonly requestId: string }> => {
  if (world.harpRequests === undefined) world.harpRequests = new Map()
  return world.harpRequests
}

const connect = async (world: PortalWorld, p: Persona, practice: PracticeData, more: Record<string, unknown>): Promise<E.Either<ReadonlyArray<{ readonly code: string }>, ConnectOutcome>> => {
  const outcome = await world.portal.organisationAccess.connect(acting(world, p), { organisationType: practice.type, taxId: practice.taxId, confirmed: true, ...more })
  world.record(outcome)
  if (E.isRight(outcome) && outcome.right.outcome === 'requested')
    requestsOf(world).set(p.firstName.toLowerCase(), { organisationId: outcome.right.organisationId, requestId: outcome.right.requestId })
  return outcome
}

const firstClinician = (practice: PracticeData): { readonly npi: string; readonly ptan: string } => {
  const c = practice.clinicians[0]
  assert.ok(c, `CMS's records list no clinician under "${practice.legalBusinessName}"`)
  return { npi: c.npi, ptan: c.ptan }
}

const connectionsOf = async (world: PortalWorld, p: Persona): Promise<ReadonlyArray<ConnectionView>> =>
  must(world, `${p.firstName}'s connections`, await world.portal.organisationAccess.connections(acting(world, p)))

const connectionTo = async (world: PortalWorld, p: Persona, name: string): Promise<ConnectionView | undefined> =>
  (await connectionsOf(world, p)).find((c) => c.legalBusinessName === name)

const organisationIdOf = async (world: PortalWorld, p: Persona, name: string): Promise<string> => {
  const c = await connectionTo(world, p, name)
  assert.ok(c, `${p.firstName} is not connected to "${name}"`)
  return c.organisationId
}

// -------------------------------------------------------------------------------------
// CMS's records
// -------------------------------------------------------------------------------------

Given(
  "CMS's records list the {harpOrganisationType} {string}, TIN {string}, where {string} bills with NPI {string} and PTAN {string}",
  function (this: PortalWorld, type: HarpOrganisationType, name: string, taxId: string, clinician: string, npi: string, ptan: string) {
    const [firstName, ...rest] = clinician.replace(/^Dr\.\s+/, '').split(' ')
    const existing = this.practices.find((r) => r.legalBusinessName === name && r.type === type)
    const entry = { firstName: firstName ?? clinician, lastName: rest.join(' ') || 'Doe', npi, ptan }
    if (existing === undefined) this.practices.push({ type, legalBusinessName: name, taxId, clinicians: [entry] })
    else (existing.clinicians as Array<typeof entry>).push(entry)
  }
)

Given("CMS's records give {string} the group NPI {string} and the group PTAN {string}", function (this: PortalWorld, name: string, groupNpi: string, groupPtan: string) {
  const practice = practiceNamed(this, name)
  this.practices.splice(this.practices.indexOf(practice), 1, { ...practice, groupNpi, groupPtan })
})

// -------------------------------------------------------------------------------------
// people and their organisations
// -------------------------------------------------------------------------------------

Given('{persona} is the Security Official of {string}', async function (this: PortalWorld, name: string, organisation: string) {
  const p = this.persona(name)
  await ensureProofed(this, p)
  const practice = practiceNamed(this, organisation)
  const outcome = await connect(this, p, practice, firstClinician(practice))
  must(this, `${p.firstName} connecting to "${organisation}" as its first user`, outcome)
})

Given('{persona} has asked to join {string} as a {harpRole}', async function (this: PortalWorld, name: string, organisation: string, role: HarpRole) {
  const p = this.persona(name)
  await ensureProofed(this, p)
  must(this, `${p.firstName} asking to join "${organisation}"`, await connect(this, p, practiceNamed(this, organisation), { role }))
})

Given('{persona} is a {harpRole} of {string}, approved by {persona}', async function (this: PortalWorld, name: string, role: HarpRole, organisation: string, approverName: string) {
  const approver = this.persona(approverName)
  const p = this.persona(name)
  await ensureProofed(this, p)
  const practice = practiceNamed(this, organisation)
  const request = must(this, `${p.firstName} asking to join "${organisation}"`, await connect(this, p, practice, { role }))
  assert.equal(request.outcome, 'requested')
  if (request.outcome !== 'requested') return
  must(this, `${approver.firstName} approving`, await this.portal.organisationAccess.approve(acting(this, approver), { organisationId: request.organisationId, requestId: request.requestId }))
  this.current = p
})

// -------------------------------------------------------------------------------------
// Connect to an Organization
// -------------------------------------------------------------------------------------

When('{persona} selects "Manage Access", then "Connect to an Organization"', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const outcome = await this.portal.organisationAccess.connectPage(acting(this, p))
  this.harpConnectPage = this.record(outcome)
})

Then('{persona} may select the organization type {string}, {string} or {string}', function (this: PortalWorld, _name: string, a: string, b: string, c: string) {
  this.expectSuccess()
  assert.deepEqual(this.harpConnectPage?.organisationTypes.map((t) => t.name), [a, b, c])
})

When('{persona} looks up the {harpOrganisationType} with TIN {string}', async function (this: PortalWorld, name: string, type: HarpOrganisationType, taxId: string) {
  const p = this.persona(name)
  this.harpFound = this.record(await this.portal.organisationAccess.findOrganisation(acting(this, p), { organisationType: type, taxId }))
})

Then('{persona} is shown {string}, TIN ending {string}, to confirm', function (this: PortalWorld, _name: string, legalName: string, last4: string) {
  this.expectSuccess()
  assert.equal(this.harpFound?.legalBusinessName, legalName)
  assert.equal(this.harpFound?.taxIdLast4, last4)
})

Then('connecting would make her/him its first user and Security Official', function (this: PortalWorld) {
  assert.equal(this.harpFound?.firstUser, true)
})

Then('connecting would send her/his request to its Security Official', function (this: PortalWorld) {
  assert.equal(this.harpFound?.firstUser, false)
})

Then('{persona} is shown that her request as a {harpRole} is waiting', function (this: PortalWorld, _name: string, role: HarpRole) {
  this.expectSuccess()
  assert.equal(this.harpFound?.pending?.role, role)
})

When(
  '{persona} connects to the {harpOrganisationType} with TIN {string}, giving NPI {string} and PTAN {string}',
  async function (this: PortalWorld, name: string, type: HarpOrganisationType, taxId: string, npi: string, ptan: string) {
    const p = this.persona(name)
    await connect(this, p, { type, taxId, legalBusinessName: '', clinicians: [] }, { npi, ptan })
  }
)

When('{persona} connects to the {harpOrganisationType} with TIN {string} without confirming it', async function (this: PortalWorld, name: string, type: HarpOrganisationType, taxId: string) {
  const p = this.persona(name)
  await connect(this, p, { type, taxId, legalBusinessName: '', clinicians: [] }, { confirmed: false, npi: '1234567893', ptan: 'AB1234' })
})

When('{persona} asks to join {string} with the role {string}', async function (this: PortalWorld, name: string, organisation: string, role: string) {
  const p = this.persona(name)
  await ensureProofed(this, p)
  await connect(this, p, practiceNamed(this, organisation), { role })
})

Then('{persona} has no request waiting for {string}', async function (this: PortalWorld, name: string, organisation: string) {
  const c = await connectionTo(this, this.persona(name), organisation)
  assert.equal(c?.pendingRole ?? null, null, JSON.stringify(c))
})

When('{persona} asks to join {string} as a {harpRole}', async function (this: PortalWorld, name: string, organisation: string, role: HarpRole) {
  const p = this.persona(name)
  await ensureProofed(this, p)
  await connect(this, p, practiceNamed(this, organisation), { role })
})

When('{persona} and {persona} connect to {string} at the same moment, each as its first user', async function (this: PortalWorld, a: string, b: string, organisation: string) {
  const people = [this.persona(a), this.persona(b)]
  for (const p of people) await ensureProofed(this, p)
  const practice = practiceNamed(this, organisation)
  const outcomes = await Promise.all(people.map((p) => this.portal.organisationAccess.connect(acting(this, p), { organisationType: practice.type, taxId: practice.taxId, confirmed: true, ...firstClinician(practice) })))
  const lost = outcomes.find(E.isLeft)
  this.record(lost ?? (outcomes[0] as E.Either<never, unknown>))
})

Then('{persona} is connected to {string} as a {harpRole}', async function (this: PortalWorld, name: string, organisation: string, role: HarpRole) {
  const c = await connectionTo(this, this.persona(name), organisation)
  assert.equal(c?.role, role, JSON.stringify(c))
})

Then('{persona} is not connected to {string}', async function (this: PortalWorld, name: string, organisation: string) {
  const p = this.persona(name)
  if (p.accountId === undefined) return
  const c = await connectionTo(this, p, organisation)
  assert.equal(c?.role ?? null, null, JSON.stringify(c))
})

Then("{persona}'s request to join {string} as a {harpRole} is waiting", async function (this: PortalWorld, name: string, organisation: string, role: HarpRole) {
  const c = await connectionTo(this, this.persona(name), organisation)
  assert.equal(c?.pendingRole, role, JSON.stringify(c))
})

Then('the other is told {string}', function (this: PortalWorld, message: string) {
  // the connection that lost the race is the one recorded
  assert.ok(this.messagesShown.includes(message), `shown: ${JSON.stringify(this.messagesShown)}`)
})

Then('exactly one of {persona} and {persona} is the Security Official of {string}', async function (this: PortalWorld, a: string, b: string, organisation: string) {
  const roles = await Promise.all([this.persona(a), this.persona(b)].map(async (p) => (await connectionTo(this, p, organisation))?.role ?? null))
  assert.deepEqual([...roles].sort(), [null, 'security-official'].sort(), JSON.stringify(roles))
})

Then("{persona}'s organizations are:", async function (this: PortalWorld, name: string, table) {
  const rows: Array<Record<string, string>> = table.hashes()
  const shown = (await connectionsOf(this, this.persona(name))).map((c) => ({
    organization: c.legalBusinessName ?? '',
    TIN: `ending ${c.taxIdLast4}`,
    role: c.role === null ? '' : ({ 'staff-user': 'Staff User', 'security-official': 'Security Official' } as const)[c.role],
    permissions: c.permissions.map((x) => ({ 'report-data': 'report data', 'manage-users': 'manage users' })[x]).join(', ')
  }))
  const byName = (a: Record<string, string>, b: Record<string, string>): number => (a.organization ?? "").localeCompare(b.organization ?? "")
  assert.deepEqual([...shown].sort(byName), [...rows].sort(byName))
})

// -------------------------------------------------------------------------------------
// roles and managing users
// -------------------------------------------------------------------------------------

Then('{persona} may choose the role {string} or {string}', function (this: PortalWorld, _name: string, a: string, b: string) {
  this.expectSuccess()
  assert.deepEqual(this.harpConnectPage?.roles.map((r) => r.name), [a, b])
})

When("{persona} looks at the requests waiting for {string}", async function (this: PortalWorld, name: string, organisation: string) {
  const p = this.persona(name)
  const organisationId = await organisationIdOf(this, p, organisation)
  this.record(await this.portal.organisationAccess.pendingRequests(acting(this, p), { organisationId }))
})

Then('{persona} sees the request of {persona} as a {harpRole}', function (this: PortalWorld, _name: string, requester: string, role: HarpRole) {
  this.expectSuccess()
  const who = this.personas.get(requester.split(' ')[0]?.toLowerCase() ?? '')
  const shown = (this.lastResult as E.Right<ReadonlyArray<{ firstName: string; role: HarpRole }>>).right
  assert.ok(shown.some((r) => r.firstName === who?.firstName && r.role === role), JSON.stringify(shown))
})

const decideStep = (how: 'approve' | 'reject') =>
  async function (this: PortalWorld, name: string, requesterName: string) {
    const p = this.persona(name)
    const requester = requesterName === 'her own' ? p : this.persona(requesterName.replace(/'s$/, ''))
    const request = requestsOf(this).get(requester.firstName.toLowerCase())
    assert.ok(request, `${requester.firstName} has no request`)
    this.current = p
    this.record(await this.portal.organisationAccess[how](acting(this, p), request))
  }

When("{persona} approves {persona}'s request", async function (this: PortalWorld, name: string, requester: string) {
  await decideStep('approve').call(this, name, requester)
})
When("{persona} rejects {persona}'s request", async function (this: PortalWorld, name: string, requester: string) {
  await decideStep('reject').call(this, name, requester)
})
When('{persona} approves her own request', async function (this: PortalWorld, name: string) {
  await decideStep('approve').call(this, name, 'her own')
})

Then('{persona} may report data for {string}', async function (this: PortalWorld, name: string, organisation: string) {
  const p = this.persona(name)
  const organisationId = await organisationIdOf(this, p, organisation)
  const view = must(this, 'permissions', await this.portal.organisationAccess.permissions(acting(this, p), { organisationId }))
  assert.equal(view.mayReportData, true)
})

Then('{persona} may manage the users of {string}', async function (this: PortalWorld, name: string, organisation: string) {
  const p = this.persona(name)
  const organisationId = await organisationIdOf(this, p, organisation)
  const view = must(this, 'permissions', await this.portal.organisationAccess.permissions(acting(this, p), { organisationId }))
  assert.equal(view.mayManageUsers, true)
})

Then('{persona} may not manage the users of {string}', async function (this: PortalWorld, name: string, organisation: string) {
  const p = this.persona(name)
  const organisationId = await organisationIdOf(this, p, organisation)
  const view = must(this, 'permissions', await this.portal.organisationAccess.permissions(acting(this, p), { organisationId }))
  assert.equal(view.mayManageUsers, false)
})

When('{persona} removes {persona} from {string}', async function (this: PortalWorld, name: string, otherName: string, organisation: string) {
  const p = this.persona(name)
  const other = this.persona(otherName)
  const organisationId = await organisationIdOf(this, p, organisation)
  this.current = p
  this.record(await this.portal.organisationAccess.removeUser(acting(this, p), { organisationId, accountId: other.accountId }))
})

// -------------------------------------------------------------------------------------
// the QPP Help Desk
// -------------------------------------------------------------------------------------

/** The SSN every persona gives the help desk (area 512, group 34: valid). */
const SSN = '512-34-6789'

const address = { line1: '200 Lake Street', city: 'Minneapolis', state: 'MN', zipCode: '55401' }

/** A complete request from a persona, naming the organisation's first clinician as the current practitioner. */
const helpDeskForm = (p: Persona, practice: PracticeData): Record<string, Record<string, unknown>> => {
  const clinician = practice.clinicians[0]
  assert.ok(clinician)
  return {
    yourInformation: {
      firstName: p.firstName, lastName: p.lastName, email: p.email, ssn: SSN, dateOfBirth: p.dateOfBirth,
      homeAddress: { line1: '14 Elm Street', city: 'Saint Paul', state: 'MN', zipCode: '55102' }, primaryPhone: '(651) 555-0147'
    },
    businessContact: { companyName: practice.legalBusinessName, address, companyPhone: '(612) 555-0100', officePhone: '(612) 555-0101' },
    professionalInformation: {
      practitioners: [
        {
          firstName: clinician.firstName, lastName: clinician.lastName, legalBusinessName: practice.legalBusinessName, billingTin: practice.taxId,
          renderingNpi: clinician.npi, individualPtan: clinician.ptan, address, phone: '(612) 555-0102'
        }
      ]
    }
  }
}

/** Where a field a person leaves out sits in the request, by the guide's words. */
const LEFT_OUT: Readonly<Record<string, readonly [string, string]>> = {
  'Social Security Number': ['yourInformation', 'ssn'],
  'date of birth': ['yourInformation', 'dateOfBirth'],
  'e-mail address': ['yourInformation', 'email'],
  'company name': ['businessContact', 'companyName'],
  'office phone number': ['businessContact', 'officePhone'],
  'company phone number': ['businessContact', 'companyPhone'],
  'current practitioner': ['professionalInformation', 'practitioners']
}

const askHelpDesk = async (world: PortalWorld, p: Persona, form: unknown): Promise<void> => {
  world.harpReceipt = world.record(await world.portal.helpDesk.requestSecurityOfficialRole(acting(world, p), form as never))
}

When('{persona} asks the QPP Help Desk to make her the Security Official of {string}', async function (this: PortalWorld, name: string, organisation: string) {
  const p = this.persona(name)
  await askHelpDesk(this, p, helpDeskForm(p, practiceNamed(this, organisation)))
})

When(
  '{persona} asks the QPP Help Desk to make her the Security Official of {string}, leaving out:',
  async function (this: PortalWorld, name: string, organisation: string, table) {
    const p = this.persona(name)
    const form = helpDeskForm(p, practiceNamed(this, organisation))
    for (const [label] of table.raw() as string[][]) {
      const at = LEFT_OUT[label as string]
      assert.ok(at, `no field "${label}" in a help desk request`)
      const [block, field] = at
      const { [field]: _left, ...rest } = form[block] as Record<string, unknown>
      form[block] = rest
    }
    await askHelpDesk(this, p, form)
  }
)

When(
  "{persona} asks the QPP Help Desk to make her the Security Official of {string}, giving the group's NPI and PTAN as the practitioner's",
  async function (this: PortalWorld, name: string, organisation: string) {
    const p = this.persona(name)
    const practice = practiceNamed(this, organisation)
    const form = helpDeskForm(p, practice)
    const [practitioner] = (form.professionalInformation as { practitioners: Array<Record<string, unknown>> }).practitioners
    assert.ok(practitioner && practice.groupNpi && practice.groupPtan)
    practitioner.renderingNpi = practice.groupNpi
    practitioner.individualPtan = practice.groupPtan
    await askHelpDesk(this, p, form)
  }
)

Then('{persona} is given a help desk reference and told to call {string}, TTY {string}', function (this: PortalWorld, _name: string, phone: string, tty: string) {
  this.expectSuccess()
  assert.match(this.harpReceipt?.reference ?? '', /^QPP-\d{6,}$/)
  assert.deepEqual(this.harpReceipt?.helpDesk, { phone, tty })
})

Then('the help desk keeps her Social Security Number only as its last four digits', async function (this: PortalWorld) {
  const reference = this.harpReceipt?.reference
  assert.ok(reference)
  const found = await this.ports.helpDesk.findByReference(reference)()
  assert.ok(E.isRight(found) && O.isSome(found.right), 'the help desk has the request')
  const queued = found.right.value
  assert.equal(queued.yourInformation.ssn.last4Masked, '***-**-6789')
  const text = JSON.stringify(queued)
  for (const spelling of [SSN, SSN.replace(/-/g, '')]) assert.ok(!text.includes(spelling), 'the SSN is kept in clear')
})

Then('{persona} is told what is missing, block by block:', function (this: PortalWorld, _name: string, table) {
  const expected: Array<Record<string, string>> = table.hashes()
  const shown = harp.helpDeskMissing(this.lastErrors).map((b) => ({ block: b.block, missing: b.fields.join(', ') }))
  assert.deepEqual(shown, expected)
})

Then('nothing is sent to the help desk', async function (this: PortalWorld) {
  assert.ok(E.isLeft(this.lastResult ?? E.right(null)), 'the request was accepted')
  if (this.shared === undefined) assert.equal(this.helpDesk.requests().length, 0)
})
