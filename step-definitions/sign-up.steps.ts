/** Signing up: the credentials screen, then who the person is, then "Create". */
import { Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { Persona } from './personas'
import { PortalWorld } from './world'

const credentialsOf = (p: Persona) => ({
  username: p.username,
  newPassword: p.password,
  confirmNewPassword: p.password,
  email: p.email
})

async function askForCode(world: PortalWorld, p: Persona, form: Record<string, unknown>): Promise<void> {
  const view = world.record(await world.portal.signUp.start(form))
  if (view !== undefined) p.flow = { id: view.flowId, kind: 'sign-up' }
}

async function signUpAndVerifyEmail(world: PortalWorld, p: Persona): Promise<void> {
  await askForCode(world, p, credentialsOf(p))
  world.expectSuccess()
  const flowId = world.flowOf(p, 'sign-up')
  world.record(await world.portal.signUp.verifyEmail(flowId, world.codeIn(world.latestEmail(p))))
  world.expectSuccess()
}

When('{persona} asks for a sign-up verification code', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await askForCode(this, p, credentialsOf(p))
})

Given('{persona} has been sent {int} sign-up verification codes', async function (this: PortalWorld, name: string, count: number) {
  const p = this.persona(name)
  await askForCode(this, p, credentialsOf(p))
  this.expectSuccess()
  for (let i = 1; i < count; i++) {
    this.record(await this.portal.signUp.resendCode(this.flowOf(p, 'sign-up')))
    this.expectSuccess()
  }
  assert.equal(this.inbox(p.email).length, count)
})

When(
  '{persona} asks for a sign-up verification code with the password {string}',
  async function (this: PortalWorld, name: string, password: string) {
    const p = this.persona(name)
    await askForCode(this, p, { ...credentialsOf(p), newPassword: password, confirmNewPassword: password })
  }
)

When(
  '{persona} asks for a sign-up verification code with the password {string} confirmed as {string}',
  async function (this: PortalWorld, name: string, password: string, confirmation: string) {
    const p = this.persona(name)
    await askForCode(this, p, { ...credentialsOf(p), newPassword: password, confirmNewPassword: confirmation })
  }
)

When(
  '{persona} asks for a sign-up verification code with the username {string}',
  async function (this: PortalWorld, name: string, username: string) {
    const p = this.persona(name)
    await askForCode(this, p, { ...credentialsOf(p), username })
  }
)

When(
  '{persona} asks for a sign-up verification code with the e-mail address {string}',
  async function (this: PortalWorld, name: string, email: string) {
    const p = this.persona(name)
    await askForCode(this, p, { ...credentialsOf(p), email })
  }
)

When(
  '{persona} asks for a sign-up verification code leaving out the {field}',
  async function (this: PortalWorld, name: string, field: string) {
    const p = this.persona(name)
    await askForCode(this, p, { ...credentialsOf(p), [field]: '' })
  }
)

When('{persona} asks for a sign-up verification code leaving every field empty', async function (this: PortalWorld, name: string) {
  await askForCode(this, this.persona(name), {})
})

Given('{persona} has verified her/his e-mail address for sign-up', async function (this: PortalWorld, name: string) {
  await signUpAndVerifyEmail(this, this.persona(name))
})

When('{persona} changes her e-mail address to {string}', async function (this: PortalWorld, name: string, email: string) {
  const p = this.persona(name)
  const flowId = this.flowOf(p, p.flow?.kind ?? 'sign-up')
  const change = p.flow?.kind === 'password-reset' ? this.portal.passwordReset.changeEmail : this.portal.signUp.changeEmail
  const view = this.record(await change(flowId, email))
  if (view !== undefined) p.email = email
})

const profileOf = (p: Persona) => ({ firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth })

async function create(world: PortalWorld, p: Persona, profile: Record<string, unknown>): Promise<void> {
  const created = world.record(await world.portal.signUp.create(world.flowOf(p, 'sign-up'), profile))
  if (created !== undefined) p.accountId = created.accountId
}

When('{persona} creates her account as a member with her Member ID', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await create(this, p, { ...profileOf(p), iAmA: 'member', memberId: p.memberId })
})

When(
  '{persona} creates her account as a member with Member ID {string}',
  async function (this: PortalWorld, name: string, memberId: string) {
    const p = this.persona(name)
    await create(this, p, { ...profileOf(p), iAmA: 'member', memberId })
  }
)

When(
  '{persona} creates her account as a member giving the date of birth {string}',
  async function (this: PortalWorld, name: string, dateOfBirth: string) {
    const p = this.persona(name)
    await create(this, p, { ...profileOf(p), dateOfBirth, iAmA: 'member', memberId: p.memberId })
  }
)

When(
  '{persona} creates her account as a member leaving out the {field}',
  async function (this: PortalWorld, name: string, field: string) {
    const p = this.persona(name)
    await create(this, p, { ...profileOf(p), iAmA: 'member', memberId: p.memberId, [field]: '' })
  }
)

When('{persona} creates her account leaving every field empty', async function (this: PortalWorld, name: string) {
  await create(this, this.persona(name), {})
})

When(
  '{persona} creates an account on behalf of a member with her/his Personal Representative ID',
  async function (this: PortalWorld, name: string) {
    const p = this.persona(name)
    await create(this, p, { ...profileOf(p), iAmA: 'representative', representativeId: p.representativeId })
  }
)

When(
  '{persona} creates an account on behalf of a member with Personal Representative ID {string}',
  async function (this: PortalWorld, name: string, representativeId: string) {
    const p = this.persona(name)
    await create(this, p, { ...profileOf(p), iAmA: 'representative', representativeId })
  }
)

When(
  '{persona} creates an account on behalf of a member without a Personal Representative ID',
  async function (this: PortalWorld, name: string) {
    const p = this.persona(name)
    await create(this, p, { ...profileOf(p), iAmA: 'representative' })
  }
)

Given('{persona} has an active account', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await signUpAndVerifyEmail(this, p)
  await create(this, p, { ...profileOf(p), iAmA: 'member', memberId: p.memberId })
  this.expectSuccess()
})

Then('{persona} has an active member account', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.expectSuccess()
  assert.ok(p.accountId, `${p.firstName} has no account`)
  const signedIn = await this.portal.signIn({ username: p.username, password: p.password })
  assert.ok(E.isRight(signedIn), `${p.firstName} cannot sign in to the new account`)
  assert.equal(signedIn.right.relationship, 'member')
})

Then(
  '{persona} has an active account acting for member {string}',
  async function (this: PortalWorld, name: string, memberId: string) {
    const p = this.persona(name)
    this.expectSuccess()
    const signedIn = await this.portal.signIn({ username: p.username, password: p.password })
    assert.ok(E.isRight(signedIn), `${p.firstName} cannot sign in to the new account`)
    assert.equal(signedIn.right.relationship, 'representative')
    assert.equal(signedIn.right.memberId, memberId)
  }
)

Then('no account is created for {persona}', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  assert.ok(this.lastErrors.length > 0, 'the last step succeeded')
  const signedIn = await this.portal.signIn({ username: p.username, password: p.password })
  assert.ok(E.isLeft(signedIn), `${p.firstName} could sign in`)
})

Then('{persona} can go on to tell the plan who she is', function (this: PortalWorld, name: string) {
  this.expectSuccess()
  const state = (this.lastResult as E.Right<{ state: string }>).right.state
  assert.equal(state, 'email-verified', `${this.persona(name).firstName}'s sign-up is ${state}`)
})

When('{persona} asks to change her username to {string}', async function (this: PortalWorld, name: string, username: string) {
  const p = this.persona(name)
  this.record(await this.portal.changeUsername(p.accountId, username))
})
