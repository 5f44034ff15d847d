/**
 * A provider's web registration: identify the practice (Provider ID, ZIP code,
 * Tax ID), tell the plan about the organisation and its users, create a
 * username with a security question, and print the confirmation.
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import type { AboutYouForm, AccessArea } from '../src/organizations/provider-registration'
import type { IdentifyForm, UsernameForm } from '../src/accounts/provider-registration/flow'
import { accessFromWords } from './parameter-types'
import { Persona, Practice } from './personas'
import { PortalWorld } from './world'

// ── step 3: identify yourself ──────────────────────────────────────────────

const practiceOf = (p: Persona): Practice => {
  if (p.practice === undefined) throw new Error(`${p.firstName} works at no practice`)
  return p.practice
}

const identityOf = (p: Persona): Record<string, string> => {
  const { providerId, zipCode, taxId } = practiceOf(p)
  return { providerId, zipCode, taxId }
}

async function identify(world: PortalWorld, p: Persona, form: IdentifyForm): Promise<void> {
  const view = world.record(await world.portal.providerRegistration.identify(form))
  if (view !== undefined) p.flow = { id: view.flowId, kind: 'provider-registration' }
}

When('{persona} identifies her/his practice', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await identify(this, p, identityOf(p))
})

When('{persona} identifies her/his practice with the {field} {string}', async function (this: PortalWorld, name: string, field: string, value: string) {
  const p = this.persona(name)
  await identify(this, p, { ...identityOf(p), [field]: value })
})

When('{persona} identifies her/his practice leaving out the {field}', async function (this: PortalWorld, name: string, field: string) {
  const p = this.persona(name)
  await identify(this, p, { ...identityOf(p), [field]: '' })
})

When('{persona} identifies her/his practice leaving every field empty', async function (this: PortalWorld, name: string) {
  await identify(this, this.persona(name), {})
})

When(
  '{persona} identifies a practice with Provider ID {string}, ZIP code {string} and Tax ID {string}',
  async function (this: PortalWorld, name: string, providerId: string, zipCode: string, taxId: string) {
    await identify(this, this.persona(name), { providerId, zipCode, taxId })
  }
)

Given('{persona} has identified her/his practice', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await identify(this, p, identityOf(p))
  this.expectSuccess()
})

Then('{persona} may go on to tell Harmony about the practice', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.expectSuccess()
  const view = (this.lastResult as E.Right<{ state: string; providerName: string }>).right
  assert.equal(view.state, 'identified')
  assert.equal(view.providerName, practiceOf(p).name)
})

// ── step 4: tell us about yourself ─────────────────────────────────────────

const userOf = (p: Persona) => ({ firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone, access: [...p.access] })

const aboutPracticeAnd = (p: Persona, users: ReadonlyArray<unknown>): AboutYouForm => {
  const practice = practiceOf(p)
  return { organisation: { name: practice.name, phone: practice.phone }, users: [...users] }
}

/** A copy of a step-4 form with one field (named as the library names it: `organisation.name`, `users[0].email`) set. */
const withField = (form: AboutYouForm, field: string, value: unknown): AboutYouForm => {
  const copy = JSON.parse(JSON.stringify(form)) as { organisation: Record<string, unknown>; users: Array<Record<string, unknown>> }
  if (field === 'users') return { ...copy, users: value === '' ? [] : value }
  const org = /^organisation\.(\w+)$/.exec(field)
  if (org !== null) {
    copy.organisation[org[1] as string] = value
    return copy
  }
  const user = /^users\[(\d+)\]\.(\w+)$/.exec(field)
  if (user === null) throw new Error(`"${field}" is not a field of step 4`)
  const target = copy.users[Number(user[1])]
  if (target === undefined) throw new Error(`there is no user ${Number(user[1]) + 1} to change`)
  target[user[2] as string] = value
  return copy
}

async function describe(world: PortalWorld, p: Persona, form: AboutYouForm): Promise<void> {
  world.record(await world.portal.providerRegistration.describe(world.flowOf(p, 'provider-registration'), form))
  p.aboutYou = form
}

When('{persona} tells Harmony about the practice and herself/himself', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await describe(this, p, aboutPracticeAnd(p, [userOf(p)]))
})

When(
  '{persona}, who needs access to {accessAreas}, tells Harmony about the practice and herself/himself',
  async function (this: PortalWorld, name: string, access: ReadonlyArray<AccessArea>) {
    const p = this.persona(name)
    p.access = access
    await describe(this, p, aboutPracticeAnd(p, [userOf(p)]))
  }
)

When('{persona} tells Harmony about the practice and these users:', async function (this: PortalWorld, name: string, table: DataTable) {
  const p = this.persona(name)
  const users = table.hashes().map((row) => {
    const [firstName = '', lastName = ''] = (row['name'] ?? '').split(' ')
    return {
      firstName,
      lastName,
      email: row['e-mail address'] ?? '',
      phone: row['phone number'] ?? '',
      access: accessFromWords(row['access'] ?? '')
    }
  })
  // Each named user is a persona of the scenario (with the address typed for them), but "she" stays the one registering.
  for (const u of users)
    if (/^[A-Z][a-z]+$/.test(u.firstName) && /^[A-Z][a-z]+$/.test(u.lastName) && u.email !== '') this.persona(`${u.firstName} ${u.lastName}`).email = u.email
  this.current = p
  await describe(this, p, aboutPracticeAnd(p, users))
})

When('{persona} tells Harmony about the practice leaving out the {field}', async function (this: PortalWorld, name: string, field: string) {
  const p = this.persona(name)
  await describe(this, p, withField(aboutPracticeAnd(p, [userOf(p)]), field, ''))
})

When(
  '{persona} tells Harmony about the practice giving the {field} as {string}',
  async function (this: PortalWorld, name: string, field: string, value: string) {
    const p = this.persona(name)
    await describe(this, p, withField(aboutPracticeAnd(p, [userOf(p)]), field, field.endsWith('.access') ? accessFromWords(value) : value))
  }
)

When('{persona} tells Harmony nothing about the practice or its users', async function (this: PortalWorld, name: string) {
  await describe(this, this.persona(name), {})
})

When('{persona} goes back and changes the {field} to {string}', async function (this: PortalWorld, name: string, field: string, value: string) {
  const p = this.persona(name)
  if (p.aboutYou === undefined) throw new Error(`${p.firstName} has told Harmony nothing yet`)
  await describe(this, p, withField(p.aboutYou, field, field.endsWith('.access') ? accessFromWords(value) : value))
  if (field === 'users[0].email' && E.isRight(this.lastResult as E.Either<unknown, unknown>)) p.email = value
})

Given('{persona} has told Harmony about the practice and herself/himself', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await identify(this, p, identityOf(p))
  this.expectSuccess()
  await describe(this, p, aboutPracticeAnd(p, [userOf(p)]))
  this.expectSuccess()
})

Then('{persona} may go on to create a username', function (this: PortalWorld, _name: string) {
  this.expectSuccess()
  const view = (this.lastResult as E.Right<{ state: string }>).right
  assert.equal(view.state, 'described')
})

// ── step 5: create a username ──────────────────────────────────────────────

const usernameChoiceOf = (p: Persona): UsernameForm => ({
  username: p.username,
  securityQuestion: p.securityQuestion,
  securityAnswer: p.securityAnswer
})

async function createUsername(world: PortalWorld, p: Persona, form: UsernameForm): Promise<void> {
  const confirmation = world.record(await world.portal.providerRegistration.createUsername(world.flowOf(p, 'provider-registration'), form))
  if (confirmation === undefined) return
  world.confirmation = confirmation
  p.username = confirmation.username
  if (typeof form.securityQuestion === 'string') p.securityQuestion = form.securityQuestion
  if (typeof form.securityAnswer === 'string') p.securityAnswer = form.securityAnswer
  p.registeredAt = world.clock.now().toISO() as string
}

async function register(world: PortalWorld, p: Persona, choice: UsernameForm): Promise<void> {
  await identify(world, p, identityOf(p))
  world.expectSuccess()
  await describe(world, p, aboutPracticeAnd(p, [userOf(p)]))
  world.expectSuccess()
  await createUsername(world, p, choice)
  world.expectSuccess()
}

When('{persona} creates her/his username', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await createUsername(this, p, usernameChoiceOf(p))
})

When('{persona} creates the username {string}', async function (this: PortalWorld, name: string, username: string) {
  const p = this.persona(name)
  await createUsername(this, p, { ...usernameChoiceOf(p), username })
})

When(
  '{persona} creates her/his username with the security question {string}',
  async function (this: PortalWorld, name: string, securityQuestion: string) {
    const p = this.persona(name)
    await createUsername(this, p, { ...usernameChoiceOf(p), securityQuestion })
  }
)

When(
  '{persona} creates her/his username with the security answer {string}',
  async function (this: PortalWorld, name: string, securityAnswer: string) {
    const p = this.persona(name)
    await createUsername(this, p, { ...usernameChoiceOf(p), securityAnswer })
  }
)

When('{persona} creates her/his username leaving out the {field}', async function (this: PortalWorld, name: string, field: string) {
  const p = this.persona(name)
  await createUsername(this, p, { ...usernameChoiceOf(p), [field]: '' })
})

When('{persona} creates her/his username leaving every field empty', async function (this: PortalWorld, name: string) {
  await createUsername(this, this.persona(name), {})
})

Given('{persona} has registered her/his practice', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await register(this, p, usernameChoiceOf(p))
})

Given('{persona} has registered her/his practice with the username {string}', async function (this: PortalWorld, name: string, username: string) {
  const p = this.persona(name)
  await register(this, p, { ...usernameChoiceOf(p), username })
})

Given(
  '{persona} has registered her/his practice with the security question {string} and the answer {string}',
  async function (this: PortalWorld, name: string, securityQuestion: string, securityAnswer: string) {
    const p = this.persona(name)
    await register(this, p, { ...usernameChoiceOf(p), securityQuestion, securityAnswer })
  }
)

const confirmationPage = (world: PortalWorld) => {
  assert.ok(world.confirmation, 'no confirmation page was shown')
  return world.confirmation
}

Then('{persona}\'s confirmation page shows a registration reference', function (this: PortalWorld, _name: string) {
  const page = confirmationPage(this)
  assert.ok(page.registrationReference.trim() !== '', 'the reference is empty')
  assert.ok(page.printable.split('\n').includes(`Registration reference: ${page.registrationReference}`), page.printable)
})

Then('{persona}\'s confirmation page reads:', function (this: PortalWorld, _name: string, table: DataTable) {
  const page = confirmationPage(this)
  const lines = page.printable.split('\n')
  for (const [label, value] of table.raw() as Array<[string, string]>)
    assert.ok(lines.includes(`${label}: ${value}`), `"${label}: ${value}" is not on the page:\n${page.printable}`)
})

Then('{persona}\'s confirmation page says {string}', function (this: PortalWorld, _name: string, sentence: string) {
  const page = confirmationPage(this)
  assert.ok(page.printable.includes(sentence), page.printable)
})
