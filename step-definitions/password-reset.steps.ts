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

When('{persona} asks to reset her password with her username and e-mail address', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await request(this, p, { username: p.username, email: p.email })
})

When(
  '{persona} asks to reset her password with the username {string} and the e-mail address {string}',
  async function (this: PortalWorld, name: string, username: string, email: string) {
    const p = this.persona(name)
    p.email = email
    await request(this, p, { username, email })
  }
)

When(
  '{persona} asks to reset her password leaving out the {field}',
  async function (this: PortalWorld, name: string, field: string) {
    const p = this.persona(name)
    await request(this, p, { username: p.username, email: p.email, [field]: '' })
  }
)

When('{persona} asks to reset her password leaving both fields empty', async function (this: PortalWorld, name: string) {
  await request(this, this.persona(name), {})
})

When('{persona} continues', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.passwordReset.continue(this.flowOf(p, 'password-reset')))
})

When('{persona} chooses the new password {string}', async function (this: PortalWorld, name: string, password: string) {
  const p = this.persona(name)
  const done = this.record(
    await this.portal.passwordReset.setNewPassword(this.flowOf(p, 'password-reset'), { newPassword: password, confirmNewPassword: password })
  )
  if (done !== undefined) p.password = password
})

Given('{persona} has confirmed her account for a password reset', async function (this: PortalWorld, name: string) {
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
