/** "Forgot your password?": prove the mailbox, match the account, choose a new password. */
import { Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { Persona } from './personas'
import { PortalWorld } from './world'

async function request(world: PortalWorld, p: Persona, form: Record<string, unknown>): Promise<void> {
  const view = world.record(await world.portal.passwordReset.request(form))
  if (view !== undefined) p.flow = { id: view.flowId, kind: 'password-reset' }
}

When('{persona} asks to reset her/his/their password with her/his/their username and e-mail address', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await request(this, p, { username: p.username, email: p.email })
})

When(
  '{persona} asks to reset her/his/their password with the username {string} and the e-mail address {string}',
  async function (this: PortalWorld, name: string, username: string, email: string) {
    const p = this.persona(name)
    p.email = email
    await request(this, p, { username, email })
  }
)

When(
  '{persona} asks to reset her/his/their password leaving out the {field}',
  async function (this: PortalWorld, name: string, field: string) {
    const p = this.persona(name)
    await request(this, p, { username: p.username, email: p.email, [field]: '' })
  }
)

When('{persona} asks to reset her/his/their password leaving both fields empty', async function (this: PortalWorld, name: string) {
  await request(this, this.persona(name), {})
})

When('{persona} continues', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.passwordReset.continue(this.flowOf(p, 'password-reset')))
})

async function chooseNewPassword(world: PortalWorld, p: Persona, newPassword: string, confirmNewPassword: string): Promise<void> {
  const done = world.record(await world.portal.passwordReset.setNewPassword(world.flowOf(p, 'password-reset'), { newPassword, confirmNewPassword }))
  if (done !== undefined) p.password = newPassword
}

/** The new password, typed the same in both fields. */
When('{persona} chooses the new password {string}', async function (this: PortalWorld, name: string, password: string) {
  await chooseNewPassword(this, this.persona(name), password, password)
})

/** The new password, and what is typed in "Confirm New Password" (which may differ). */
When(
  '{persona} chooses the new password {string} confirmed as {string}',
  async function (this: PortalWorld, name: string, password: string, confirmation: string) {
    await chooseNewPassword(this, this.persona(name), password, confirmation)
  }
)

/** The new password with "Confirm New Password" left empty. */
When('{persona} chooses the new password {string} without confirming it', async function (this: PortalWorld, name: string, password: string) {
  await chooseNewPassword(this, this.persona(name), password, '')
})

Given('{persona} has confirmed her/his/their account for a password reset', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await request(this, p, { username: p.username, email: p.email })
  this.expectSuccess()
  const flowId = this.flowOf(p, 'password-reset')
  this.record(await this.portal.passwordReset.verifyEmail(flowId, this.codeIn(this.latestEmail(p))))
  this.expectSuccess()
  this.record(await this.portal.passwordReset.continue(flowId))
  this.expectSuccess()
})

Then('{persona} may choose a new password', function (this: PortalWorld, _name: string) {
  this.expectSuccess()
  const state = (this.lastResult as E.Right<{ state: string }>).right.state
  assert.equal(state, 'account-confirmed')
})
