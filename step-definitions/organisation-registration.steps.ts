/**
 * HealthPartners' self registration of an organisation, and what follows it
 * on the secure provider site: the Self Registration page and its two paths;
 * the provider path (a way to prove it, the provider selected or "My
 * provider is not listed"); the billing path (the organisation named); the
 * person's own contact information and account; the confirmation; logging
 * on; the terms of use; the PIN mailed on the US Mail path.
 *
 * What a person knows comes from whom she works for: a provider on
 * HealthPartners' records (its Tax ID, NPI and vendor #, and the check # of
 * the newest HealthPartners check to it), or a billing organisation (its
 * full name and Tax ID). Each step calls the portal and keeps what it
 * answered in the World; Then steps read what the person sees.
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { healthpartners } from '../src'
import type { DomainError } from '../src/kernel/errors'
import type { ProviderData } from '../adapters/memory'
import type { OrganisationRegistrationConfirmation, ProviderPath, ProviderPathForm } from '../src/organizations/registration/flow'
import type { OrganisationRegistrationView } from '../src/organizations/registration/workflow'
import type { SiteStatus } from '../src/organizations/administration/workflow'
import type { TermsDocument } from '../src/organizations/terms-of-use'
import { REMITTANCE_INQUIRY } from '../src/organizations/membership'
import { formatAddress } from '../src/kernel/postal-address'
import { practiceDomain, Persona } from './personas'
import { Employer, PLAN_ZONE, PortalWorld, Registrant } from './world'

// ── helpers ────────────────────────────────────────────────────────────────

/** The success value of a set-up call, or a failure that names the step and what the portal said. */
const must = <A>(world: PortalWorld, what: string, result: E.Either<ReadonlyArray<DomainError>, A>): A => {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.map((e) => `${e.code} (${world.portal.messageFor(e)})`).join('; ')}`)
  return result.right
}

const digits = (s: string): string => s.replace(/\D/g, '')

const employerOf = (world: PortalWorld, p: Persona): Employer => {
  const employer = world.registrant(p).employer
  if (employer === undefined) throw new Error(`${p.firstName} works for nobody yet: say whom she works for first`)
  return employer
}

/** The provider on HealthPartners' records the persona works for. */
const providerRecordOf = (world: PortalWorld, p: Persona): ProviderData => {
  const employer = employerOf(world, p)
  if (employer.kind !== 'provider') throw new Error(`${p.firstName} works for a billing organisation, not a provider`)
  const record = world.directory.providers.find((r) => r.name === employer.name)
  if (record === undefined) throw new Error(`HealthPartners' records list no provider named "${employer.name}"`)
  return record
}

/** The check # of the newest HealthPartners check to the provider that prints this NPI or vendor #. */
const checkNumberFor = (world: PortalWorld, record: ProviderData, on: 'npi' | 'vendorNumber'): string | undefined =>
  world.directory.checks
    .filter((c) => digits(c.taxId) === digits(record.taxId) && c[on] !== undefined && c[on] === record[on])
    .sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))[0]?.checkNumber

/** Step 4's form, as the persona fills it in for a path from what she has in hand. */
const pathFormOf = (world: PortalWorld, p: Persona, path: ProviderPath): Record<string, string | undefined> => {
  const record = providerRecordOf(world, p)
  switch (path) {
    case 'tax-id-npi':
      return { path, taxId: record.taxId, npi: record.npi, checkNumber: checkNumberFor(world, record, 'npi') }
    case 'tax-id-vendor':
      return { path, taxId: record.taxId, vendorNumber: record.vendorNumber, checkNumber: checkNumberFor(world, record, 'vendorNumber') }
    case 'us-mail':
      return record.npi !== undefined ? { path, taxId: record.taxId, npi: record.npi } : { path, taxId: record.taxId, vendorNumber: record.vendorNumber }
  }
}

const keepView = (r: Registrant, view: OrganisationRegistrationView | undefined): void => {
  if (view === undefined) return
  r.flowId = view.flowId
  if (view.kind === 'provider-organisation') r.candidates = view.candidates
}

async function choosePath(world: PortalWorld, p: Persona, form: ProviderPathForm): Promise<void> {
  keepView(world.registrant(p), world.record(await world.portal.organisationRegistration.identifyProvider(form)))
}

const flowIdOf = (world: PortalWorld, p: Persona): string => {
  const id = world.registrant(p).flowId
  if (id === undefined) throw new Error(`${p.firstName} has not started a registration`)
  return id
}

async function selectByKey(world: PortalWorld, p: Persona, providerKey: string): Promise<void> {
  keepView(world.registrant(p), world.record(await world.portal.organisationRegistration.selectProvider(flowIdOf(world, p), { providerKey })))
}

const contactOf = (p: Persona): Record<string, string> => ({ firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone })

async function giveContact(world: PortalWorld, p: Persona, form: Record<string, unknown>): Promise<void> {
  keepView(world.registrant(p), world.record(await world.portal.organisationRegistration.contact(flowIdOf(world, p), form)))
}

type AccountForm = { readonly username: string; readonly password: string; readonly confirmPassword: string }

/** The confirmation page shown, and the account the persona now has. */
const keepConfirmation = (world: PortalWorld, p: Persona, form: AccountForm, confirmation: OrganisationRegistrationConfirmation): void => {
  world.registrant(p).confirmation = confirmation
  p.username = confirmation.username
  p.password = form.password
  p.registeredAt = confirmation.registeredAt
}

async function createAccount(world: PortalWorld, p: Persona, form: AccountForm): Promise<void> {
  const confirmation = world.record(await world.portal.organisationRegistration.account(flowIdOf(world, p), form))
  if (confirmation !== undefined) keepConfirmation(world, p, form, confirmation)
}

const accountFormOf = (p: Persona): AccountForm => ({ username: p.username, password: p.password, confirmPassword: p.password })

async function nameBillingOrganisation(world: PortalWorld, p: Persona, form: Record<string, unknown>): Promise<void> {
  keepView(world.registrant(p), world.record(await world.portal.organisationRegistration.nameBillingOrganisation(form)))
}

const billingFormOf = (world: PortalWorld, p: Persona): Record<string, string> => {
  const employer = employerOf(world, p)
  if (employer.kind !== 'billing') throw new Error(`${p.firstName} works for a provider, not a billing organisation`)
  return { fullName: employer.name, taxId: employer.taxId }
}

/** The whole registration of the persona's organisation, by whichever path fits whom she works for. */
async function register(world: PortalWorld, p: Persona, path: ProviderPath = 'tax-id-npi'): Promise<void> {
  const reg = world.portal.organisationRegistration
  const r = world.registrant(p)
  if (employerOf(world, p).kind === 'billing') {
    keepView(r, must(world, 'naming the billing organisation', await reg.nameBillingOrganisation(billingFormOf(world, p))))
  } else {
    keepView(r, must(world, 'choosing a path', await reg.identifyProvider(pathFormOf(world, p, path))))
    keepView(r, must(world, 'selecting the provider', await reg.selectProvider(flowIdOf(world, p), { providerKey: providerRecordOf(world, p).providerId })))
  }
  keepView(r, must(world, 'giving the contact information', await reg.contact(flowIdOf(world, p), contactOf(p))))
  const form = accountFormOf(p)
  keepConfirmation(world, p, form, must(world, 'creating the account', await reg.account(flowIdOf(world, p), form)))
}

async function logOn(world: PortalWorld, p: Persona): Promise<void> {
  const session = world.record(await world.portal.signIn({ username: p.username, password: p.password }))
  if (session !== undefined) p.accountId = session.accountId
}

const actingAs = (p: Persona): { readonly accountId: string } => {
  if (p.accountId === undefined) throw new Error(`${p.firstName} has not logged on`)
  return { accountId: p.accountId }
}

async function statusOf(world: PortalWorld, p: Persona): Promise<SiteStatus> {
  return must(world, 'reading the site status', await world.portal.providerSite.status(actingAs(p)))
}

const currentTerms = (world: PortalWorld) => {
  if (!('organisationPolicies' in world.preset)) throw new Error(`the preset ${world.preset.id} has no terms of use`)
  return world.preset.organisationPolicies.terms
}

async function acceptEverything(world: PortalWorld, p: Persona): Promise<void> {
  for (const { document, version } of (await statusOf(world, p)).termsOutstanding)
    must(world, `accepting the ${document} terms`, await world.portal.providerSite.acceptTerms(actingAs(p), { document, version }))
}

/** The PIN letters mailed to a provider, oldest first, and the PIN in each ("Your PIN is: …"). */
const pinLettersTo = (world: PortalWorld, addressee: string) =>
  world.letters
    .letters()
    .filter((l) => l.kind === 'registration-pin' && l.addressee === addressee)
    .map((l) => ({ letter: l, pin: /^Your PIN is: (\d+)$/m.exec(l.text)?.[1] }))

const pinFromLetter = (world: PortalWorld, p: Persona, which: 'first' | 'newest'): string => {
  const letters = pinLettersTo(world, providerRecordOf(world, p).name)
  const letter = which === 'first' ? letters[0] : letters.at(-1)
  if (letter?.pin === undefined) throw new Error(`no PIN letter has reached ${providerRecordOf(world, p).name}`)
  return letter.pin
}

/** A PIN of the right shape that is not the one in the newest letter. */
const wrongPin = (world: PortalWorld, p: Persona): string => {
  const right = pinFromLetter(world, p, 'newest')
  return right.slice(0, -1) + String((Number(right.at(-1)) + 1) % 10)
}

async function enterPin(world: PortalWorld, p: Persona, pin: string): Promise<void> {
  world.record(await world.portal.providerSite.enterPin(actingAs(p), { pin }))
}

const lastView = (world: PortalWorld): OrganisationRegistrationView => {
  world.expectSuccess()
  return (world.lastResult as E.Right<OrganisationRegistrationView>).right
}

const confirmationOf = (world: PortalWorld, p: Persona) => {
  const confirmation = world.registrant(p).confirmation
  if (confirmation === undefined) throw new Error(`${p.firstName} has seen no registration confirmation`)
  return confirmation
}

// ── whom the person works for ──────────────────────────────────────────────

/** HealthPartners' people work in the Twin Cities. */
const MINNESOTA_PHONE = '(651) 555-0143'

/** The persona works for an employer: a phone of the Twin Cities and an e-mail address at the employer's domain. */
const joinEmployer = (world: PortalWorld, p: Persona, employer: Employer): void => {
  world.registrant(p).employer = employer
  p.phone = MINNESOTA_PHONE
  p.email = `${p.firstName}.${p.lastName}@${practiceDomain(employer.name)}`.toLowerCase()
}

Given('{persona} works for {string}', function (this: PortalWorld, name: string, providerName: string) {
  joinEmployer(this, this.persona(name), { kind: 'provider', name: providerName })
})

Given('{persona} works for {string}, a billing organization with Tax ID {string}', function (this: PortalWorld, name: string, organisation: string, taxId: string) {
  joinEmployer(this, this.persona(name), { kind: 'billing', name: organisation, taxId })
})

Given('{persona} also works for {string}', function (this: PortalWorld, name: string, organisation: string) {
  const employer = [...this.registrants.values()].map((r) => r.employer).find((e) => e?.name === organisation)
  if (employer === undefined) throw new Error(`nobody works for "${organisation}" yet`)
  joinEmployer(this, this.persona(name), employer)
})

Given("HealthPartners' records no longer give an address of record for {string}", function (this: PortalWorld, providerName: string) {
  const records = this.directory.providers
  assert.ok(records.some((r) => r.name === providerName), `HealthPartners' records list no provider named "${providerName}"`)
  records.forEach((r, i) => {
    if (r.name !== providerName) return
    const { address: _dropped, ...rest } = r
    records[i] = rest
  })
})

// ── steps 1 to 3: the Self Registration page ───────────────────────────────

When('{persona} opens {string} at {string}', function (this: PortalWorld, name: string, link: string, address: string) {
  const r = this.registrant(this.persona(name))
  const page = this.record(healthpartners.openSelfRegistration({ address, link }))
  if (page !== undefined) r.page = page
})

When('{persona} selects {string} on the Self Registration page', function (this: PortalWorld, name: string, choice: string) {
  const r = this.registrant(this.persona(name))
  const path = this.record(E.mapLeft((e: DomainError): ReadonlyArray<DomainError> => [e])(healthpartners.pathOf(choice)))
  if (path !== undefined) r.path = path
})

Then('{persona} sees the Self Registration page, which asks {string}', function (this: PortalWorld, name: string, prompt: string) {
  this.expectSuccess()
  const page = this.registrant(this.persona(name)).page
  assert.equal(page?.title, 'Self Registration')
  assert.equal(page?.prompt, prompt)
})

Then('the Self Registration page offers:', function (this: PortalWorld, table: DataTable) {
  const page = [...this.registrants.values()].map((r) => r.page).find((pg) => pg !== undefined)
  assert.ok(page, 'nobody has opened the Self Registration page')
  assert.deepEqual(
    page.options.map((o) => ({ button: o.choice, for: o.heading, 'who might use this option': o.whoMightUse.join(', ') })),
    table.hashes()
  )
})

Then('the Self Registration page ends with {string}', function (this: PortalWorld, footer: string) {
  const page = [...this.registrants.values()].map((r) => r.page).find((pg) => pg !== undefined)
  assert.equal(page?.footer, footer)
})

Then('{persona} does not reach the Self Registration page', function (this: PortalWorld, name: string) {
  assert.ok(this.lastErrors.length > 0, 'the page opened')
  assert.equal(this.registrant(this.persona(name)).page, undefined)
})

Then('{persona} goes on to neither registration', function (this: PortalWorld, name: string) {
  assert.ok(this.lastErrors.length > 0, 'the choice led somewhere')
  assert.equal(this.registrant(this.persona(name)).path, undefined)
})

Then('{persona} goes on to the provider registration', function (this: PortalWorld, name: string) {
  this.expectSuccess()
  assert.equal(this.registrant(this.persona(name)).path, 'provider')
})

Then('{persona} goes on to the billing organization registration', function (this: PortalWorld, name: string) {
  this.expectSuccess()
  assert.equal(this.registrant(this.persona(name)).path, 'billing')
})

Then('{persona} may register by {string}, {string} or {string}', function (this: PortalWorld, _name: string, a: string, b: string, c: string) {
  assert.deepEqual(Object.keys(healthpartners.providerPaths), [a, b, c])
})

// ── provider step 4: a path and its fields ─────────────────────────────────

When('{persona} chooses the {providerPath} path', async function (this: PortalWorld, name: string, path: ProviderPath) {
  const p = this.persona(name)
  await choosePath(this, p, pathFormOf(this, p, path))
})

Given('{persona} has chosen the {providerPath} path', async function (this: PortalWorld, name: string, path: ProviderPath) {
  const p = this.persona(name)
  await choosePath(this, p, pathFormOf(this, p, path))
  this.expectSuccess()
})

When('{persona} chooses the {providerPath} path with the {field} {string}', async function (this: PortalWorld, name: string, path: ProviderPath, field: string, value: string) {
  const p = this.persona(name)
  await choosePath(this, p, { ...pathFormOf(this, p, path), [field]: value })
})

When(
  '{persona} chooses the {providerPath} path with the {field} {string} instead of the {field}',
  async function (this: PortalWorld, name: string, path: ProviderPath, field: string, value: string, instead: string) {
    const p = this.persona(name)
    await choosePath(this, p, { ...pathFormOf(this, p, path), [instead]: '', [field]: value })
  }
)

When('{persona} chooses the {providerPath} path leaving out the {field}', async function (this: PortalWorld, name: string, path: ProviderPath, field: string) {
  const p = this.persona(name)
  await choosePath(this, p, { ...pathFormOf(this, p, path), [field]: '' })
})

When('{persona} chooses the {providerPath} path leaving every field empty', async function (this: PortalWorld, name: string, path: ProviderPath) {
  await choosePath(this, this.persona(name), { path })
})

When(
  '{persona} chooses the {providerPath} path with the Tax ID {string}, the {field} {string} and the check # {string}',
  async function (this: PortalWorld, name: string, path: ProviderPath, taxId: string, field: string, value: string, checkNumber: string) {
    await choosePath(this, this.persona(name), { path, taxId, [field]: value, checkNumber })
  }
)

When(
  '{persona} chooses the {providerPath} path {int} times with check #s that match no check',
  async function (this: PortalWorld, name: string, path: ProviderPath, times: number) {
    const p = this.persona(name)
    // Well-formed numbers HealthPartners never issued: 900000, 900001, …
    for (let i = 0; i < times; i++) await choosePath(this, p, { ...pathFormOf(this, p, path), checkNumber: String(900000 + i) })
  }
)

// ── provider step 5: select your provider, or "My provider is not listed" ──

Then('{persona} is asked to select her/his provider from:', function (this: PortalWorld, name: string, table: DataTable) {
  const view = lastView(this)
  assert.equal(view.state, 'identified')
  assert.deepEqual(
    (this.registrant(this.persona(name)).candidates ?? []).map((c) => ({ name: c.name, address: c.addressHint ?? '' })),
    table.hashes()
  )
})

Then('{persona} is offered only {string}', function (this: PortalWorld, name: string, option: string) {
  const view = lastView(this)
  assert.equal(view.state, 'identified')
  assert.deepEqual(this.registrant(this.persona(name)).candidates, [])
  assert.equal(option, healthpartners.providerSelection.notListed)
})

Then('the page under the providers hints {string}', function (this: PortalWorld, hint: string) {
  assert.equal(healthpartners.providerSelection.hint, hint)
})

When('{persona} selects her/his provider', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await selectByKey(this, p, providerRecordOf(this, p).providerId)
})

Given('{persona} has selected her/his provider', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await choosePath(this, p, pathFormOf(this, p, 'tax-id-npi'))
  this.expectSuccess()
  await selectByKey(this, p, providerRecordOf(this, p).providerId)
  this.expectSuccess()
})

Given('{persona} has selected her/his provider on the {providerPath} path', async function (this: PortalWorld, name: string, path: ProviderPath) {
  const p = this.persona(name)
  await choosePath(this, p, pathFormOf(this, p, path))
  this.expectSuccess()
  await selectByKey(this, p, providerRecordOf(this, p).providerId)
  this.expectSuccess()
})

When('{persona} selects {string} at {string}', async function (this: PortalWorld, name: string, providerName: string, address: string) {
  const p = this.persona(name)
  const listed = (this.registrant(p).candidates ?? []).find((c) => c.name === providerName && c.addressHint === address)
  assert.ok(listed, `"${providerName}" at "${address}" is not listed`)
  await selectByKey(this, p, listed.providerKey)
})

When('{persona} selects the provider {string}', async function (this: PortalWorld, name: string, providerName: string) {
  const record = this.directory.providers.find((r) => r.name === providerName)
  assert.ok(record, `HealthPartners' records list no provider named "${providerName}"`)
  await selectByKey(this, this.persona(name), record.providerId)
})

async function notListed(world: PortalWorld, p: Persona, changes: Record<string, unknown>): Promise<void> {
  const form = { ...contactOf(p), organisationName: employerOf(world, p).name, ...changes }
  const referral = world.record(await world.portal.organisationRegistration.providerNotListed(flowIdOf(world, p), form))
  if (referral !== undefined) world.registrant(p).referral = referral
}

When('{persona} says her/his provider is not listed', async function (this: PortalWorld, name: string) {
  await notListed(this, this.persona(name), {})
})

When('{persona} says her/his provider is not listed, explaining {string}', async function (this: PortalWorld, name: string, details: string) {
  await notListed(this, this.persona(name), { details })
})

When('{persona} says her/his provider is not listed, explaining it in {int} characters', async function (this: PortalWorld, name: string, length: number) {
  await notListed(this, this.persona(name), { details: 'We opened a second site in Roseville this fall. '.repeat(Math.ceil(length / 48)).slice(0, length) })
})

When('{persona} says her/his provider is not listed, leaving out her/his name and e-mail address', async function (this: PortalWorld, name: string) {
  await notListed(this, this.persona(name), { firstName: '', lastName: '', email: '' })
})

When('{persona} says her/his provider is not listed, leaving out her/his {field}', async function (this: PortalWorld, name: string, field: string) {
  await notListed(this, this.persona(name), { [field]: '' })
})

Then('{persona} is told Provider e-Services will be in touch: {string}', function (this: PortalWorld, name: string, reply: string) {
  this.expectSuccess()
  const referral = this.registrant(this.persona(name)).referral
  assert.ok(referral, 'no request reached Provider e-Services')
  assert.equal(healthpartners.providerNotListedReply(referral), reply)
})

Then('Provider e-Services has a request to contact {persona} about {string}', function (this: PortalWorld, name: string, organisation: string) {
  const p = this.persona(name)
  const request = this.eServices.requests().at(-1)
  assert.ok(request, 'Provider e-Services has no request')
  assert.equal(request.reference, this.registrant(p).referral?.reference)
  assert.deepEqual(
    { kind: request.kind, firstName: request.firstName, lastName: request.lastName, email: request.email, phone: digits(request.phone ?? ''), organisationName: request.organisationName },
    { kind: 'provider-not-listed', firstName: p.firstName, lastName: p.lastName, email: p.email, phone: digits(p.phone), organisationName: organisation }
  )
})

Then('the request carries the Tax ID by its last four digits {string} only', function (this: PortalWorld, last4: string) {
  const request = this.eServices.requests().at(-1)
  assert.ok(request, 'Provider e-Services has no request')
  assert.equal(request.taxIdLast4, last4)
  const taxIds = this.directory.providers.map((r) => r.taxId)
  const kept = JSON.stringify(request)
  for (const taxId of taxIds) {
    assert.ok(!kept.includes(taxId), `the request holds the Tax ID ${taxId}`)
    assert.ok(!kept.includes(digits(taxId)), `the request holds the Tax ID ${digits(taxId)}`)
  }
})

Then('Provider e-Services has no request', function (this: PortalWorld) {
  assert.deepEqual(this.eServices.requests(), [])
})

// ── billing step 4: the organisation's full name and Tax ID ────────────────

When('{persona} names her/his billing organization', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await nameBillingOrganisation(this, p, billingFormOf(this, p))
})

Given('{persona} has named her/his billing organization', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await nameBillingOrganisation(this, p, billingFormOf(this, p))
  this.expectSuccess()
})

When('{persona} names her/his billing organization with the {field} {string}', async function (this: PortalWorld, name: string, field: string, value: string) {
  const p = this.persona(name)
  await nameBillingOrganisation(this, p, { ...billingFormOf(this, p), [field]: value })
})

When('{persona} names her/his billing organization leaving every field empty', async function (this: PortalWorld, name: string) {
  await nameBillingOrganisation(this, this.persona(name), {})
})

Then('{persona} may go on to give her/his contact information', function (this: PortalWorld, name: string) {
  const view = lastView(this)
  assert.ok(view.state === 'provider-selected' || view.state === 'organisation-named', `the registration is ${view.state}`)
  assert.equal(view.organisationName, employerOf(this, this.persona(name)).name)
})

// ── provider step 6, billing step 5: the person's own contact information ──

When('{persona} gives her/his contact information', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await giveContact(this, p, contactOf(p))
})

Given('{persona} has given her/his contact information', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await giveContact(this, p, contactOf(p))
  this.expectSuccess()
})

When('{persona} gives her/his contact information leaving out the {field}', async function (this: PortalWorld, name: string, field: string) {
  const p = this.persona(name)
  await giveContact(this, p, { ...contactOf(p), [field]: '' })
})

When('{persona} gives her/his contact information with the {field} {string}', async function (this: PortalWorld, name: string, field: string, value: string) {
  const p = this.persona(name)
  await giveContact(this, p, { ...contactOf(p), [field]: value })
})

When('{persona} gives {string} as her/his name', async function (this: PortalWorld, name: string, fullName: string) {
  const p = this.persona(name)
  const [firstName = '', ...rest] = fullName.split(' ')
  await giveContact(this, p, { ...contactOf(p), firstName, lastName: rest.join(' ') })
})

When(
  '{persona} gives her/his contact information, confirming that {string} is her/his own name',
  async function (this: PortalWorld, name: string, fullName: string) {
    const p = this.persona(name)
    const [firstName = '', ...rest] = fullName.split(' ')
    await giveContact(this, p, { ...contactOf(p), firstName, lastName: rest.join(' '), confirmOwnName: true })
  }
)

Then('{persona} may go on to create her/his account', function (this: PortalWorld, _name: string) {
  assert.equal(lastView(this).state, 'contact-given')
})

// ── provider step 7, billing step 5: the account ───────────────────────────

When('{persona} creates her/his account', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await createAccount(this, p, accountFormOf(p))
})

When('{persona} creates her/his account with the password {string}', async function (this: PortalWorld, name: string, password: string) {
  const p = this.persona(name)
  await createAccount(this, p, { username: p.username, password, confirmPassword: password })
})

When('{persona} creates her/his account with a password of {int} characters', async function (this: PortalWorld, name: string, length: number) {
  const p = this.persona(name)
  const password = 'loons call across the lake at dusk, '.repeat(Math.ceil(length / 36)).slice(0, length)
  await createAccount(this, p, { username: p.username, password, confirmPassword: password })
})

When('{persona} creates her/his account confirming the password as {string}', async function (this: PortalWorld, name: string, confirmPassword: string) {
  const p = this.persona(name)
  await createAccount(this, p, { username: p.username, password: p.password, confirmPassword })
})

When('{persona} creates her/his account with the username {string}', async function (this: PortalWorld, name: string, username: string) {
  const p = this.persona(name)
  await createAccount(this, p, { username, password: p.password, confirmPassword: p.password })
})

// ── provider step 8, billing step 6: the confirmation, and logging on ──────

Then("{persona}'s registration confirmation reads:", function (this: PortalWorld, name: string, table: DataTable) {
  this.expectSuccess()
  const lines = confirmationOf(this, this.persona(name)).text.split('\n')
  for (const [label, value] of table.raw() as Array<[string, string]>) assert.ok(lines.includes(`${label}: ${value}`), `the confirmation reads:\n${lines.join('\n')}`)
})

Then("{persona}'s registration confirmation says {string}", function (this: PortalWorld, name: string, sentence: string) {
  this.expectSuccess()
  const lines = confirmationOf(this, this.persona(name)).text.split('\n')
  assert.ok(lines.includes(sentence), `the confirmation reads:\n${lines.join('\n')}`)
})

Given('{persona} has registered her/his provider', async function (this: PortalWorld, name: string) {
  await register(this, this.persona(name))
})

Given('{persona} has registered her/his provider by the {providerPath} path', async function (this: PortalWorld, name: string, path: ProviderPath) {
  await register(this, this.persona(name), path)
})

Given('{persona} has registered her/his billing organization', async function (this: PortalWorld, name: string) {
  await register(this, this.persona(name))
})

Given('{persona} has registered {string}, a billing organization with Tax ID {string}', async function (this: PortalWorld, name: string, organisation: string, taxId: string) {
  const p = this.persona(name)
  joinEmployer(this, p, { kind: 'billing', name: organisation, taxId })
  await register(this, p)
})

When('{persona} logs on with her/his username and password', async function (this: PortalWorld, name: string) {
  await logOn(this, this.persona(name))
})

Given('{persona} has logged on to the secure provider site', async function (this: PortalWorld, name: string) {
  await logOn(this, this.persona(name))
  this.expectSuccess()
})

Given('{persona} is signed in to the HealthPartners secure provider site', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await register(this, p)
  await logOn(this, p)
  this.expectSuccess()
  await acceptEverything(this, p)
})

Then('{persona} is signed in as the delegate of {string}', async function (this: PortalWorld, name: string, organisation: string) {
  this.expectSuccess()
  const session = (this.lastResult as E.Right<{ relationship: string; organisationId?: string }>).right
  assert.equal(session.relationship, 'organisation')
  const status = await statusOf(this, this.persona(name))
  assert.equal(status.organisationId, session.organisationId)
  assert.deepEqual({ organisation: status.organisationName, role: status.role }, { organisation, role: 'delegate' })
})

// ── provider step 9, billing step 7: the terms of use ──────────────────────

When('{persona} accepts the {termsDocument}', async function (this: PortalWorld, name: string, document: TermsDocument) {
  const p = this.persona(name)
  this.record(await this.portal.providerSite.acceptTerms(actingAs(p), { document, version: currentTerms(this)[document] }))
})

When('{persona} accepts version {string} of the {termsDocument}', async function (this: PortalWorld, name: string, version: string, document: TermsDocument) {
  this.record(await this.portal.providerSite.acceptTerms(actingAs(this.persona(name)), { document, version }))
})

Given('{persona} has accepted the terms of use', async function (this: PortalWorld, name: string) {
  await acceptEverything(this, this.persona(name))
})

When('{persona} accepts the terms of use', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  for (const { document, version } of (await statusOf(this, p)).termsOutstanding)
    this.record(await this.portal.providerSite.acceptTerms(actingAs(p), { document, version }))
})

Given('HealthPartners publishes version {string} of the {termsDocument}', function (this: PortalWorld, version: string, document: TermsDocument) {
  this.publishTerms(document, version)
})

Then('{persona} is asked to accept:', async function (this: PortalWorld, name: string, table: DataTable) {
  const status = await statusOf(this, this.persona(name))
  assert.deepEqual(
    status.termsOutstanding.map((t) => [t.title, t.version]),
    table.raw()
  )
})

Then(
  "{persona}'s acceptance of the {termsDocument} is recorded as version {string} on {string}",
  async function (this: PortalWorld, name: string, document: TermsDocument, version: string, when: string) {
    const accepted = (await statusOf(this, this.persona(name))).termsAccepted.find((a) => a.document === document)
    assert.ok(accepted, `the ${document} terms are not recorded as accepted`)
    assert.equal(accepted.version, version)
    assert.equal(DateTime.fromISO(accepted.acceptedAt, { setZone: true }).setZone(PLAN_ZONE).toFormat("MMMM d, yyyy 'at' h:mm a"), when)
  }
)

// ── provider step 10: ready ─────────────────────────────────────────────────

Then('{persona} is ready to use the HealthPartners secure provider site', async function (this: PortalWorld, name: string) {
  this.expectSuccess()
  const status = await statusOf(this, this.persona(name))
  assert.deepEqual(
    { termsOutstanding: status.termsOutstanding, awaitingPin: status.awaitingPin, remittanceInquiry: status.applications.includes(REMITTANCE_INQUIRY) },
    { termsOutstanding: [], awaitingPin: false, remittanceInquiry: true }
  )
})

When(
  '{persona} creates a staff account for {persona} with the e-mail address {string}',
  async function (this: PortalWorld, name: string, colleague: string, email: string) {
    const q = this.persona(colleague)
    const p = this.persona(name)
    this.record(await this.portal.providerSite.addAccount(actingAs(p), { role: 'staff', username: q.username, firstName: q.firstName, lastName: q.lastName, email }))
  }
)

// ── provider step 10a: the PIN mailed on the US Mail path ──────────────────

Given('{persona} is waiting for the PIN of her/his US Mail registration', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await register(this, p, 'us-mail')
  await logOn(this, p)
  this.expectSuccess()
  await acceptEverything(this, p)
})

Then('a letter with an {int}-digit PIN is mailed to {string} at {string}', function (this: PortalWorld, length: number, addressee: string, address: string) {
  const newest = pinLettersTo(this, addressee).at(-1)
  assert.ok(newest, `no PIN letter to ${addressee}; letters: ${JSON.stringify(this.letters.letters().map((l) => l.addressee))}`)
  assert.equal(formatAddress(newest.letter.address), address)
  assert.match(newest.pin ?? '', new RegExp(`^\\d{${length}}$`))
})

Then('the letter asks for the PIN by {string}', function (this: PortalWorld, date: string) {
  const newest = this.letters.letters().at(-1)
  assert.ok(newest, 'no letter was mailed')
  assert.ok(newest.text.includes(`enter it by ${date}.`), newest.text)
})

Then('{int} PIN letter(s) has/have been mailed to {string}', function (this: PortalWorld, count: number, addressee: string) {
  assert.equal(pinLettersTo(this, addressee).length, count)
})

Then('no letter is mailed', function (this: PortalWorld) {
  assert.deepEqual(this.letters.letters().map((l) => l.addressee), [])
})

When('{persona} enters the PIN from the letter', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await enterPin(this, p, pinFromLetter(this, p, 'newest'))
})

/** The ways a person may type the letter's PIN. */
const PIN_WRITINGS: ReadonlyArray<readonly [string, (pin: string) => string]> = [
  ['as printed', (pin) => pin],
  ['in two groups of four', (pin) => `${pin.slice(0, 4)} ${pin.slice(4)}`],
  ['with a hyphen in between', (pin) => `${pin.slice(0, 4)}-${pin.slice(4)}`]
]
for (const [how, write] of PIN_WRITINGS)
  When(`{persona} enters the PIN from the letter typed ${how}`, async function (this: PortalWorld, name: string) {
    const p = this.persona(name)
    await enterPin(this, p, write(pinFromLetter(this, p, 'newest')))
  })

When('{persona} enters the PIN from her/his first letter', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await enterPin(this, p, pinFromLetter(this, p, 'first'))
})

When('{persona} enters the PIN {string}', async function (this: PortalWorld, name: string, pin: string) {
  await enterPin(this, this.persona(name), pin)
})

When('{persona} enters a wrong PIN', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await enterPin(this, p, wrongPin(this, p))
})

async function wrongPins(world: PortalWorld, p: Persona, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await enterPin(world, p, wrongPin(world, p))
}

When('{persona} enters a wrong PIN {int} times', async function (this: PortalWorld, name: string, times: number) {
  await wrongPins(this, this.persona(name), times)
})

Given('{persona} has entered a wrong PIN {int} times', async function (this: PortalWorld, name: string, times: number) {
  await wrongPins(this, this.persona(name), times)
})

When('{persona} asks for a new PIN', async function (this: PortalWorld, name: string) {
  this.record(await this.portal.providerSite.requestNewPin(actingAs(this.persona(name))))
})

When('{persona} asks for a new PIN {int} times', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  for (let i = 0; i < times; i++) this.record(await this.portal.providerSite.requestNewPin(actingAs(p)))
})

Then("{persona}'s registration is still waiting for its PIN", async function (this: PortalWorld, name: string) {
  const status = await statusOf(this, this.persona(name))
  assert.equal(status.awaitingPin, true)
})

// ── an organisation registers once ─────────────────────────────────────────

Then('the refusal does not name {persona}', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const shown = this.messagesShown
  assert.ok(shown.length > 0, 'nothing was refused')
  for (const message of shown)
    for (const secret of [p.firstName, p.lastName, p.email, p.username, p.phone])
      assert.ok(!message.toLowerCase().includes(secret.toLowerCase()), `"${message}" names ${secret}`)
})
