/**
 * HealthPartners' provider site after registration: who is a registered
 * organisation's signed-in delegate (set up for real through the library:
 * registration, log on, both terms of use), delegates creating staff and
 * further delegates, roles, removal, and the applications an account may use.
 * New people read their temporary password out of the e-mail, as a person
 * would.
 */
import { DataTable, defineParameterType, Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../src/kernel/errors'
import type { MembershipRole } from '../src/organizations/membership'
import type { SiteStatus } from '../src/organizations/administration/workflow'
import { Persona, practiceDomain } from './personas'
import { PortalWorld } from './world'

declare module './world' {
  interface PortalWorld {
    /** HealthPartners site: the organisation each persona works for, by name (set when the persona's account is made). */
    hpOrganisationOf?: Map<Persona, string>
    /** HealthPartners site: how many billing organisations this scenario registered (each gets its own Tax ID). */
    hpBillingRegistrations?: number
  }
}

defineParameterType({
  name: 'hpRole',
  regexp: /staff|delegate/,
  transformer: (s: string): MembershipRole => s as MembershipRole
})

// ── shared with client-access.steps.ts ─────────────────────────────────────

/** The success value of a set-up call, or a failure that says, in business words, what the portal refused. */
export const must = <A>(world: PortalWorld, what: string, result: E.Either<ReadonlyArray<DomainError>, A>): A => {
  if (E.isLeft(result)) throw new Error(`${what} failed: the portal said ${result.left.map((e) => `"${world.portal.messageFor(e)}" (${e.code})`).join('; ')}`)
  return result.right
}

/** The signed-in account a persona acts with. */
export const actingAs = (p: Persona): { readonly accountId: string } => {
  if (p.accountId === undefined) throw new Error(`${p.firstName} has no account on the HealthPartners provider site yet`)
  return { accountId: p.accountId }
}

/** Two personas of one step: the pronoun of the next step refers to the first (the one acting). */
export const actorAndOther = (world: PortalWorld, actor: string, other: string): [Persona, Persona] => {
  const a = world.persona(actor)
  const b = world.persona(other)
  world.current = a
  return [a, b]
}

/** A person's e-mail address at work: "Olivia Hart" at "Northstar Billing Services" → olivia.hart@northstarbs.com. */
export const workEmailOf = (p: Persona, organisationName: string): string =>
  `${p.firstName}.${p.lastName}@${practiceDomain(organisationName)}`.toLowerCase()

const organisationOf = (world: PortalWorld, p: Persona): string => {
  // Set up here, or registered step by step (the registration steps keep the confirmation).
  const name = world.hpOrganisationOf?.get(p) ?? world.registrants.get(p.firstName.toLowerCase())?.confirmation?.organisationName
  if (name === undefined) throw new Error(`${p.firstName} works for no organization on the HealthPartners provider site`)
  return name
}

const worksFor = (world: PortalWorld, p: Persona, organisationName: string): void => {
  world.hpOrganisationOf ??= new Map()
  world.hpOrganisationOf.set(p, organisationName)
}

/** The application's id as the library names it: "Remittance Inquiry" → remittance-inquiry. */
export const applicationIdOf = (title: string): string => title.trim().toLowerCase().split(/\s+/).join('-')

/** The application's title as the site shows it: remittance-inquiry → "Remittance Inquiry". */
const applicationTitleOf = (id: string): string =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')

// ── set-up: a registered organisation's signed-in delegate ─────────────────

/** Logs the persona on with her own password and accepts every terms document the site still asks her to. */
async function logOnAndAcceptTerms(world: PortalWorld, p: Persona): Promise<void> {
  const session = must(world, `${p.firstName} logging on`, await world.portal.signIn({ username: p.username, password: p.password }))
  p.accountId = session.accountId
  const site = world.portal.providerSite
  const status = must(world, `${p.firstName} opening the provider site`, await site.status(actingAs(p)))
  for (const terms of status.termsOutstanding)
    must(world, `${p.firstName} accepting the ${terms.title}`, await site.acceptTerms(actingAs(p), { document: terms.document, version: terms.version }))
}

const contactOf = (p: Persona) => ({ firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone })

/** The registration's last two steps (contact, account), then logging on and accepting both terms. */
async function finishRegistration(world: PortalWorld, p: Persona, flowId: string): Promise<void> {
  const registration = world.portal.organisationRegistration
  must(world, `${p.firstName} giving the contact information`, await registration.contact(flowId, contactOf(p)))
  const done = must(world, `${p.firstName} creating the account`, await registration.account(flowId, { username: p.username, password: p.password, confirmPassword: p.password }))
  p.username = done.username
  worksFor(world, p, done.organisationName)
  await logOnAndAcceptTerms(world, p)
}

Given('{persona} is the signed-in delegate of the billing organization {string}', async function (this: PortalWorld, name: string, fullName: string) {
  const p = this.persona(name)
  p.email = workEmailOf(p, fullName)
  const registration = this.portal.organisationRegistration
  // Each billing organisation its own Tax ID (an EIN with prefix 41, Minnesota's).
  this.hpBillingRegistrations = (this.hpBillingRegistrations ?? 0) + 1
  const taxId = `41-${String(3000000 + this.hpBillingRegistrations)}`
  const named = must(this, `${p.firstName} registering the billing organization "${fullName}"`, await registration.nameBillingOrganisation({ fullName, taxId }))
  await finishRegistration(this, p, named.flowId)
})

Given('{persona} is the signed-in delegate of the provider {string}', async function (this: PortalWorld, name: string, providerName: string) {
  const p = this.persona(name)
  const record = this.directory.providers.find((r) => r.name === providerName)
  assert.ok(record, `HealthPartners' records list no provider "${providerName}"`)
  const check = this.directory.checks.find(
    (c) => c.taxId === record.taxId && (record.npi !== undefined ? c.npi === record.npi : c.vendorNumber === record.vendorNumber)
  )
  assert.ok(check, `HealthPartners issued no check to "${providerName}" (Tax ID ${record.taxId})`)
  p.email = workEmailOf(p, providerName)
  const registration = this.portal.organisationRegistration
  const identified = must(
    this,
    `${p.firstName} identifying "${providerName}" by its Tax ID and check #`,
    await registration.identifyProvider(
      check.npi !== undefined
        ? { path: 'tax-id-npi', taxId: record.taxId, npi: check.npi, checkNumber: check.checkNumber }
        : { path: 'tax-id-vendor', taxId: record.taxId, vendorNumber: check.vendorNumber, checkNumber: check.checkNumber }
    )
  )
  const candidate = identified.candidates.find((c) => c.name === providerName)
  assert.ok(candidate, `"${providerName}" is not among the providers to select: ${identified.candidates.map((c) => c.name).join(', ')}`)
  must(this, `${p.firstName} selecting "${providerName}"`, await registration.selectProvider(identified.flowId, { providerKey: candidate.providerKey }))
  await finishRegistration(this, p, identified.flowId)
})

// ── delegates create accounts ──────────────────────────────────────────────

interface NewAccountChoices {
  readonly email?: string
  readonly username?: string
}

async function createAccount(world: PortalWorld, delegate: Persona, person: Persona, role: MembershipRole, choices: NewAccountChoices = {}): Promise<void> {
  const organisation = organisationOf(world, delegate)
  const email = choices.email ?? workEmailOf(person, organisation)
  const username = choices.username ?? person.username
  const created = world.record(
    await world.portal.providerSite.addAccount(actingAs(delegate), {
      role,
      username,
      firstName: person.firstName,
      lastName: person.lastName,
      email,
      phone: person.phone
    })
  )
  if (created !== undefined) {
    person.email = email
    person.username = created.username
    person.accountId = created.accountId
    worksFor(world, person, organisation)
  }
}

When('{persona} creates a {hpRole} account for {persona}', async function (this: PortalWorld, actor: string, role: MembershipRole, other: string) {
  const [delegate, person] = actorAndOther(this, actor, other)
  await createAccount(this, delegate, person, role)
})

Given('{persona} has created a {hpRole} account for {persona}', async function (this: PortalWorld, actor: string, role: MembershipRole, other: string) {
  const [delegate, person] = actorAndOther(this, actor, other)
  await createAccount(this, delegate, person, role)
  this.expectSuccess()
})

When(
  '{persona} creates a {hpRole} account for {persona} with {persona}\'s e-mail address',
  async function (this: PortalWorld, actor: string, role: MembershipRole, other: string, owner: string) {
    const [delegate, person] = actorAndOther(this, actor, other)
    const holder = this.persona(owner)
    this.current = delegate
    await createAccount(this, delegate, person, role, { email: holder.email })
  }
)

When(
  '{persona} creates a {hpRole} account for {persona} with the same e-mail address and the username {string}',
  async function (this: PortalWorld, actor: string, role: MembershipRole, other: string, username: string) {
    const [delegate, person] = actorAndOther(this, actor, other)
    await createAccount(this, delegate, person, role, { username, email: person.email })
  }
)

/** A new account, taken up: the temporary password from the e-mail replaced by one's own, logged on, the terms accepted. */
async function setUpNewAccount(world: PortalWorld, p: Persona): Promise<void> {
  const temporaryPassword = world.temporaryPasswordIn(world.latestTemporaryPasswordEmail(p))
  must(
    world,
    `${p.firstName} choosing a password of their own`,
    await world.portal.chooseOwnPassword({ username: p.username, currentPassword: temporaryPassword, newPassword: p.password, confirmNewPassword: p.password })
  )
  await logOnAndAcceptTerms(world, p)
}

Given('{persona} has set up her/his new account', async function (this: PortalWorld, name: string) {
  await setUpNewAccount(this, this.persona(name))
})

Given(
  '{persona} has set up the {hpRole} account {persona} created for her/him',
  async function (this: PortalWorld, name: string, role: MembershipRole, delegateName: string) {
    const [person, delegate] = actorAndOther(this, name, delegateName)
    await createAccount(this, delegate, person, role)
    this.expectSuccess()
    await setUpNewAccount(this, person)
  }
)

When('{persona} issues {persona} a new temporary password', async function (this: PortalWorld, actor: string, other: string) {
  const [delegate, person] = actorAndOther(this, actor, other)
  this.current = delegate
  this.record(await this.portal.providerSite.reissueTemporaryPassword(actingAs(delegate), { accountId: accountOf(person) }))
})

When('{persona} issues herself/himself a new temporary password', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.providerSite.reissueTemporaryPassword(actingAs(p), { accountId: accountOf(p) }))
})

// ── roles and removal ──────────────────────────────────────────────────────

/** The account a delegate picks on the roster: the one of that person. */
const accountOf = (p: Persona): string => {
  if (p.accountId === undefined) throw new Error(`${p.firstName} has no account on the HealthPartners provider site`)
  return p.accountId
}

async function changeRole(world: PortalWorld, actor: Persona, target: Persona, role: MembershipRole): Promise<void> {
  world.record(await world.portal.providerSite.changeRole(actingAs(actor), { accountId: accountOf(target), role }))
}

When('{persona} makes {persona} a delegate', async function (this: PortalWorld, actor: string, other: string) {
  const [a, b] = actorAndOther(this, actor, other)
  await changeRole(this, a, b, 'delegate')
})

When('{persona} makes {persona} staff', async function (this: PortalWorld, actor: string, other: string) {
  const [a, b] = actorAndOther(this, actor, other)
  await changeRole(this, a, b, 'staff')
})

When('{persona} makes herself/himself a delegate', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await changeRole(this, p, p, 'delegate')
})

When('{persona} makes herself/himself staff', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await changeRole(this, p, p, 'staff')
})

When("{persona} removes {persona}'s account", async function (this: PortalWorld, actor: string, other: string) {
  const [a, b] = actorAndOther(this, actor, other)
  this.record(await this.portal.providerSite.removeAccount(actingAs(a), { accountId: accountOf(b) }))
})

When('{persona} removes her/his own account', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.providerSite.removeAccount(actingAs(p), { accountId: accountOf(p) }))
})

When('{persona} opens the provider site', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.providerSite.status(actingAs(p)))
})

// ── applications ───────────────────────────────────────────────────────────

When('{persona} grants {string} to {persona}', async function (this: PortalWorld, actor: string, application: string, other: string) {
  const [a, b] = actorAndOther(this, actor, other)
  this.record(await this.portal.providerSite.grantApplication(actingAs(a), { accountId: accountOf(b), application: applicationIdOf(application) }))
})

When('{persona} revokes {string} from {persona}', async function (this: PortalWorld, actor: string, application: string, other: string) {
  const [a, b] = actorAndOther(this, actor, other)
  this.record(await this.portal.providerSite.revokeApplication(actingAs(a), { accountId: accountOf(b), application: applicationIdOf(application) }))
})

When('{persona} revokes {string} from her/his own account', async function (this: PortalWorld, name: string, application: string) {
  const p = this.persona(name)
  this.record(await this.portal.providerSite.revokeApplication(actingAs(p), { accountId: accountOf(p), application: applicationIdOf(application) }))
})

// ── what the site shows ────────────────────────────────────────────────────

async function statusOf(world: PortalWorld, p: Persona): Promise<SiteStatus> {
  return must(world, `${p.firstName} opening the provider site`, await world.portal.providerSite.status(actingAs(p)))
}

Then("{persona}'s organization has these accounts:", async function (this: PortalWorld, name: string, table: DataTable) {
  const p = this.persona(name)
  const status = await statusOf(this, p)
  assert.equal(status.role, 'delegate', `${p.firstName} is not a delegate: staff see no roster`)
  const shown = status.roster.map((m) => ({
    name: `${m.firstName} ${m.lastName}`,
    'e-mail address': m.email,
    role: m.role,
    applications: m.applications.map(applicationTitleOf).join(', ')
  }))
  const expected = table.hashes()
  const columns = Object.keys(expected[0] ?? {})
  assert.deepEqual(
    shown.map((row) => Object.fromEntries(columns.map((c) => [c, row[c as keyof typeof row]]))),
    expected,
    `the roster reads ${JSON.stringify(shown)}`
  )
})

async function expectRole(world: PortalWorld, name: string, role: MembershipRole): Promise<void> {
  const p = world.persona(name)
  const status = await statusOf(world, p)
  assert.equal(status.organisationName, organisationOf(world, p))
  assert.equal(status.role, role, `${p.firstName} is ${status.role} of ${status.organisationName}`)
}

Then('{persona} is a delegate of her/his organization', async function (this: PortalWorld, name: string) {
  await expectRole(this, name, 'delegate')
})

Then('{persona} is staff of her/his organization', async function (this: PortalWorld, name: string) {
  await expectRole(this, name, 'staff')
})

Then('{persona} can use {string}', async function (this: PortalWorld, name: string, application: string) {
  const p = this.persona(name)
  const status = await statusOf(this, p)
  assert.ok(status.applications.includes(applicationIdOf(application) as never), `${p.firstName} can use ${status.applications.map(applicationTitleOf).join(', ')}`)
})

Then('{persona} can use only {string}', async function (this: PortalWorld, name: string, application: string) {
  const p = this.persona(name)
  const status = await statusOf(this, p)
  assert.deepEqual(status.applications.map(applicationTitleOf), [application])
})
