/**
 * A billing organisation's access to its clients on HealthPartners' provider
 * site: finding a client by its Tax ID and a HealthPartners-issued check,
 * selecting the provider group, naming the client's contact; the contact's
 * e-mail, read as a person reads it (the "To approve, open:" and "To refuse,
 * open:" links, their `request` and `token`), and the contact's answer
 * through it; reaching the client's data, and either side ending the access.
 */
import { DataTable, defineParameterType, Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import type { AccessRequest } from '../src/organizations/client-access'
import type { ClientAccessView, RequestForContact } from '../src/organizations/billing-clients/workflow'
import type { ProviderCandidate } from '../src/organizations/registration/flow'
import type { ProviderData } from '../adapters/memory'
import { actingAs, actorAndOther, must, workEmailOf } from './organisation-site.steps'
import { Persona } from './personas'
import { PortalWorld, ReadEmail } from './world'

declare module './world' {
  interface PortalWorld {
    /** HealthPartners client access: what the billing organisation typed at step 8, and the provider groups it was shown. */
    hpClientLookup?: { readonly taxId: string; readonly checkNumber: string; readonly groups: ReadonlyArray<ProviderCandidate> }
    /** HealthPartners client access: the newest request of each billing organisation for each client, by "<billing organization>|<client>". */
    hpRequestIds?: Map<string, string>
    /** HealthPartners client access: the client contacts named, and the client each works for. */
    hpContactOf?: Map<Persona, string>
    /** HealthPartners client access: the request as the client's contact last saw it through the link. */
    hpContactView?: RequestForContact
  }
}

type AccessState = AccessRequest['state']

/** A request's state in the words of the site. */
const STATE_WORDS: Readonly<Record<AccessState, string>> = {
  pending: 'waiting for an answer',
  approved: 'in force',
  refused: 'refused',
  expired: 'expired',
  ended: 'ended'
}

defineParameterType({
  name: 'hpAccessState',
  regexp: /waiting for an answer|in force|refused|expired|ended/,
  transformer: (s: string): AccessState => (Object.keys(STATE_WORDS) as AccessState[]).find((k) => STATE_WORDS[k] === s) as AccessState
})

const when = (iso: string): string => DateTime.fromISO(iso, { setZone: true }).toFormat("MMMM d, yyyy 'at' h:mm a")

// ── the billing organisation: steps 8 to 10 ───────────────────────────────

const providerNamed = (world: PortalWorld, name: string): ProviderData => {
  const record = world.directory.providers.find((r) => r.name === name)
  assert.ok(record, `HealthPartners' records list no provider "${name}"`)
  return record
}

async function lookUp(world: PortalWorld, p: Persona, taxId: string, checkNumber: string): Promise<void> {
  const groups = world.record(await world.portal.clientAccess.findClient(actingAs(p), { taxId, checkNumber }))
  if (groups !== undefined) world.hpClientLookup = { taxId, checkNumber, groups }
}

When('{persona} looks up the client with Tax ID {string} and check # {string}', async function (this: PortalWorld, name: string, taxId: string, checkNumber: string) {
  await lookUp(this, this.persona(name), taxId, checkNumber)
})

Given('{persona} has looked up the client with Tax ID {string} and check # {string}', async function (this: PortalWorld, name: string, taxId: string, checkNumber: string) {
  await lookUp(this, this.persona(name), taxId, checkNumber)
  this.expectSuccess()
})

Then('{persona} may select from these provider groups:', function (this: PortalWorld, _name: string, table: DataTable) {
  this.expectSuccess()
  const groups = (this.lastResult as E.Right<ReadonlyArray<ProviderCandidate>>).right
  assert.deepEqual(
    groups.map((g) => ({ 'provider group': g.name, address: g.addressHint ?? '' })),
    table.hashes()
  )
})

/** A client contact's e-mail address: at the client they were first named for (someone with an account on the site keeps theirs). */
const contactEmailOf = (world: PortalWorld, contact: Persona, clientName: string): string => {
  if (world.hpOrganisationOf?.has(contact) === true) return contact.email
  world.hpContactOf ??= new Map()
  if (!world.hpContactOf.has(contact)) world.hpContactOf.set(contact, clientName)
  return workEmailOf(contact, world.hpContactOf.get(contact) as string)
}

interface ContactTyped {
  readonly firstName: string
  readonly lastName: string
  readonly email?: string
}

/** Steps 9–10: the group selected from those listed, and its contact. A group not listed is sent as a tampered form would send it. */
async function askForAccess(world: PortalWorld, p: Persona, clientName: string, contact: ContactTyped): Promise<void> {
  const lookup = world.hpClientLookup
  assert.ok(lookup, `${p.firstName} has not looked up the client by its Tax ID and a check`)
  const providerKey = lookup.groups.find((g) => g.name === clientName)?.providerKey ?? providerNamed(world, clientName).providerId
  const pending = world.record(
    await world.portal.clientAccess.request(actingAs(p), { taxId: lookup.taxId, checkNumber: lookup.checkNumber, providerKey, contact })
  )
  if (pending !== undefined) {
    const status = must(world, `${p.firstName} opening the provider site`, await world.portal.providerSite.status(actingAs(p)))
    world.hpRequestIds ??= new Map()
    world.hpRequestIds.set(`${status.organisationName}|${pending.client.name}`, pending.id)
  }
}

const contactPerson = (world: PortalWorld, contact: Persona, clientName: string): ContactTyped => {
  contact.email = contactEmailOf(world, contact, clientName)
  return { firstName: contact.firstName, lastName: contact.lastName, email: contact.email }
}

When("{persona} asks for access to {string}, naming {persona} as the client's contact", async function (this: PortalWorld, actor: string, clientName: string, other: string) {
  const [p, contact] = actorAndOther(this, actor, other)
  await askForAccess(this, p, clientName, contactPerson(this, contact, clientName))
})

When(
  "{persona} asks for access to {string}, naming {persona} as the client's contact but leaving out her/his e-mail address",
  async function (this: PortalWorld, actor: string, clientName: string, other: string) {
    const [p, contact] = actorAndOther(this, actor, other)
    await askForAccess(this, p, clientName, { firstName: contact.firstName, lastName: contact.lastName })
  }
)

When("{persona} asks for access to {string}, naming herself/himself as the client's contact", async function (this: PortalWorld, actor: string, clientName: string) {
  const p = this.persona(actor)
  await askForAccess(this, p, clientName, { firstName: p.firstName, lastName: p.lastName, email: p.email })
})

/** A request made for real: the client looked up by its Tax ID and a check issued to it, then its contact asked. */
async function askedForAccess(world: PortalWorld, p: Persona, contact: Persona, clientName: string): Promise<void> {
  const record = providerNamed(world, clientName)
  const check = world.directory.checks.find((c) => c.taxId === record.taxId)
  assert.ok(check, `HealthPartners issued no check under "${clientName}"'s Tax ID ${record.taxId}`)
  await lookUp(world, p, record.taxId, check.checkNumber)
  world.expectSuccess()
  await askForAccess(world, p, clientName, contactPerson(world, contact, clientName))
  world.expectSuccess()
}

Given('{persona} has asked {persona} of {string} for access', async function (this: PortalWorld, actor: string, other: string, clientName: string) {
  const [p, contact] = actorAndOther(this, actor, other)
  await askedForAccess(this, p, contact, clientName)
})

// ── the e-mail, read as a person reads it ──────────────────────────────────

/** The newest e-mail in a persona's inbox asking for access to a client. */
const requestEmailOf = (world: PortalWorld, p: Persona): ReadEmail => {
  const found = [...world.inbox(p.email)].reverse().find((m) => /^To approve, open: /m.test(m.text))
  assert.ok(found, `${p.firstName} has no e-mail asking for access at ${p.email}`)
  return found
}

/** The link after "To approve, open:" or "To refuse, open:", as the browser would open it. */
const linkIn = (email: ReadEmail, action: 'approve' | 'refuse'): URL => {
  const m = new RegExp(`^To ${action}, open: (\\S+)$`, 'm').exec(email.text)
  assert.ok(m, `the e-mail "${email.subject}" has no link to ${action}`)
  return new URL(m[1] as string)
}

/** What the site reads from a link it is opened with: the request, the token, and (from its path) the answer. */
const linkForm = (url: URL): { readonly request: string | null; readonly token: string | null; readonly decision: string } => ({
  request: url.searchParams.get('request'),
  token: url.searchParams.get('token'),
  decision: url.pathname.split('/').pop() ?? ''
})

/** A token with one character changed, as a mistyped or forged link would carry. */
const altered = (token: string | null): string | null => (token === null ? null : (token.startsWith('A') ? 'B' : 'A') + token.slice(1))

Then('{persona} receives a request from {string} for access to {string}', function (this: PortalWorld, name: string, billing: string, client: string) {
  const p = this.persona(name)
  const email = requestEmailOf(this, p)
  assert.equal(email.kind, 'client-access-request')
  assert.ok(email.subject.includes(billing) && email.subject.includes(client), `the e-mail is titled "${email.subject}"`)
  assert.ok(email.text.includes(`Hello ${p.firstName} ${p.lastName},`), `the e-mail reads:\n${email.text}`)
  for (const action of ['approve', 'refuse'] as const) {
    const link = linkForm(linkIn(email, action))
    assert.equal(link.decision, action)
    assert.ok(link.request && link.token, `the link to ${action} carries no request or no token`)
  }
})

Given('{persona} has access to {string}, approved by {persona}', async function (this: PortalWorld, actor: string, clientName: string, other: string) {
  const [p, contact] = actorAndOther(this, actor, other)
  await askedForAccess(this, p, contact, clientName)
  await answerByLink(this, contact, 'approve')
  this.expectSuccess()
  this.current = p
})

Then('{persona} receives no request for access', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const requests = this.inbox(p.email).filter((m) => /^To approve, open: /m.test(m.text))
  assert.deepEqual(requests.map((m) => m.subject), [], `${p.firstName} received a request for access`)
})

async function answerByLink(world: PortalWorld, p: Persona, action: 'approve' | 'refuse', alter = false): Promise<void> {
  const form = linkForm(linkIn(requestEmailOf(world, p), action))
  const token = alter ? altered(form.token) : form.token
  const view = world.record(await world.portal.clientAccess.answer({ request: form.request, token, decision: form.decision }))
  if (view !== undefined) world.hpContactView = view
}

When('{persona} approves the request through the link in her/his e-mail', async function (this: PortalWorld, name: string) {
  await answerByLink(this, this.persona(name), 'approve')
})

Given('{persona} has approved the request through the link in her/his e-mail', async function (this: PortalWorld, name: string) {
  await answerByLink(this, this.persona(name), 'approve')
  this.expectSuccess()
})

When('{persona} refuses the request through the link in her/his e-mail', async function (this: PortalWorld, name: string) {
  await answerByLink(this, this.persona(name), 'refuse')
})

Given('{persona} has refused the request through the link in her/his e-mail', async function (this: PortalWorld, name: string) {
  await answerByLink(this, this.persona(name), 'refuse')
  this.expectSuccess()
})

When('someone opens {persona}\'s approval link with one character of its token changed', async function (this: PortalWorld, name: string) {
  await answerByLink(this, this.persona(name), 'approve', true)
})

async function lookByLink(world: PortalWorld, p: Persona, alter = false): Promise<void> {
  const form = linkForm(linkIn(requestEmailOf(world, p), 'approve'))
  const view = world.record(await world.portal.clientAccess.viewAsClient({ request: form.request, token: alter ? altered(form.token) : form.token }))
  if (view !== undefined) world.hpContactView = view
}

When('{persona} looks at the request through the link in her/his e-mail', async function (this: PortalWorld, name: string) {
  await lookByLink(this, this.persona(name))
})

When("someone looks at {persona}'s request through her/his link with one character of its token changed", async function (this: PortalWorld, name: string) {
  await lookByLink(this, this.persona(name), true)
})

async function endByLink(world: PortalWorld, p: Persona): Promise<void> {
  const form = linkForm(linkIn(requestEmailOf(world, p), 'approve'))
  const view = world.record(await world.portal.clientAccess.endAsClient({ request: form.request, token: form.token }))
  if (view !== undefined) world.hpContactView = view
}

When('{persona} ends the access through the link in her/his e-mail', async function (this: PortalWorld, name: string) {
  await endByLink(this, this.persona(name))
})

Given('{persona} has ended the access through the link in her/his e-mail', async function (this: PortalWorld, name: string) {
  await endByLink(this, this.persona(name))
  this.expectSuccess()
})

Then(
  '{persona} sees that the access of {string} to {string} is {hpAccessState}',
  function (this: PortalWorld, _name: string, billing: string, client: string, state: AccessState) {
    this.expectSuccess()
    const view = this.hpContactView
    assert.ok(view, 'the client contact has seen no request')
    assert.deepEqual(
      { billing: view.billingOrganisationName, client: view.client.name, state: STATE_WORDS[view.state] },
      { billing, client, state: STATE_WORDS[state] }
    )
  }
)

// ── the billing organisation's clients: step 11, and ending ────────────────

When('{persona} opens the data of {string}', async function (this: PortalWorld, name: string, clientName: string) {
  const p = this.persona(name)
  this.record(await this.portal.clientAccess.open(actingAs(p), { providerKey: providerNamed(this, clientName).providerId }))
})

Then('{persona} sees the data of {string}', function (this: PortalWorld, _name: string, clientName: string) {
  this.expectSuccess()
  const view = (this.lastResult as E.Right<ClientAccessView>).right
  assert.equal(view.client.name, clientName)
  assert.equal(STATE_WORDS[view.state], STATE_WORDS.approved)
})

async function overviewOf(world: PortalWorld, p: Persona) {
  return must(world, `${p.firstName} opening her clients`, await world.portal.clientAccess.overview(actingAs(p)))
}

async function endAccessTo(world: PortalWorld, p: Persona, clientName: string): Promise<void> {
  const overview = await overviewOf(world, p)
  // The one in force, as the page lists it; else whatever request the page shows for that client, for the site to refuse.
  const request = overview.active.find((v) => v.client.name === clientName) ?? [...overview.pending, ...overview.closed].find((v) => v.client.name === clientName)
  assert.ok(request, `${p.firstName}'s organization has no request for "${clientName}"`)
  world.record(await world.portal.clientAccess.end(actingAs(p), { request: request.id }))
}

When("{persona} ends her/his organization's access to {string}", async function (this: PortalWorld, name: string, clientName: string) {
  await endAccessTo(this, this.persona(name), clientName)
})

Given("{persona} has ended her/his organization's access to {string}", async function (this: PortalWorld, name: string, clientName: string) {
  await endAccessTo(this, this.persona(name), clientName)
  this.expectSuccess()
})

When('{persona} tries to end the access of {string} to {string}', async function (this: PortalWorld, name: string, billing: string, clientName: string) {
  const p = this.persona(name)
  const id = this.hpRequestIds?.get(`${billing}|${clientName}`)
  assert.ok(id, `"${billing}" has asked for no access to "${clientName}"`)
  this.record(await this.portal.clientAccess.end(actingAs(p), { request: id }))
})

Then("{persona}'s clients read:", async function (this: PortalWorld, name: string, table: DataTable) {
  const p = this.persona(name)
  const overview = await overviewOf(this, p)
  const waiting = overview.pending.map((v) => ({ client: v.client.name, contact: `${v.contact.firstName} ${v.contact.lastName}`, access: STATE_WORDS.pending }))
  const rest = [...overview.active, ...overview.closed].map((v) => ({ client: v.client.name, contact: `${v.contact.firstName} ${v.contact.lastName}`, access: STATE_WORDS[v.state] }))
  const expected = table.hashes()
  const columns = Object.keys(expected[0] ?? {})
  const shown = [...waiting, ...rest].map((row) => Object.fromEntries(columns.map((c) => [c, row[c as keyof typeof row]])))
  const key = (r: Record<string, unknown>): string => JSON.stringify(r)
  assert.deepEqual(shown.map(key).sort(), expected.map(key).sort())
})

Then('{persona} sees these requests waiting for an answer:', async function (this: PortalWorld, name: string, table: DataTable) {
  const p = this.persona(name)
  const overview = await overviewOf(this, p)
  assert.deepEqual(
    overview.pending.map((v) => ({
      client: v.client.name,
      contact: `${v.contact.firstName} ${v.contact.lastName}`,
      'e-mail address': v.contact.email,
      'sent on': when(v.requestedAt),
      'expires on': when(v.expiresAt)
    })),
    table.hashes()
  )
})

Then('{persona} sees no requests waiting for an answer', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const overview = await overviewOf(this, p)
  assert.deepEqual(overview.pending.map((v) => v.client.name), [])
})
