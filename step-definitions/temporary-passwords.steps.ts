/**
 * Temporary passwords: the e-mail that carries one, logging on with it, and
 * replacing it with a password of one's own. The password is always read out
 * of the e-mail ("Temporary password: …"), as a person would.
 */
import { Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import { Persona } from './personas'
import { PortalWorld } from './world'

const newestTemporaryPassword = (world: PortalWorld, p: Persona): string => world.temporaryPasswordIn(world.latestTemporaryPasswordEmail(p))

/** The temporary password of the first e-mail that carried one (registration's). */
const firstTemporaryPassword = (world: PortalWorld, p: Persona): string => {
  const first = world.inbox(p.email).find((m) => /^Temporary password: /m.test(m.text))
  assert.ok(first, `${p.firstName} has no e-mail with a temporary password`)
  return world.temporaryPasswordIn(first)
}

async function choosePassword(world: PortalWorld, p: Persona, currentPassword: string, newPassword: string, confirmation = newPassword): Promise<void> {
  const done = world.record(
    await world.portal.chooseOwnPassword({ username: p.username, currentPassword, newPassword, confirmNewPassword: confirmation })
  )
  if (done !== undefined) p.password = newPassword
}

const replaceTemporaryPassword = (world: PortalWorld, p: Persona, newPassword: string, confirmation = newPassword): Promise<void> =>
  choosePassword(world, p, newestTemporaryPassword(world, p), newPassword, confirmation)

Then('{persona} receives an e-mail with a temporary password', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const email = this.latestEmail(p)
  assert.equal(email.kind, 'temporary-password')
  assert.ok(this.temporaryPasswordIn(email).length > 0)
})

Then(
  '{persona} receives an e-mail with a temporary password within {duration} of registering',
  function (this: PortalWorld, name: string, within: Duration) {
    const p = this.persona(name)
    assert.ok(p.registeredAt, `${p.firstName} has not registered`)
    const since = this.clock.now().diff(DateTime.fromISO(p.registeredAt))
    assert.ok(since <= within, `${since.shiftTo('hours').toHuman()} have passed since registering`)
    const email = this.latestEmail(p)
    assert.equal(email.kind, 'temporary-password')
    assert.ok(this.temporaryPasswordIn(email).length > 0)
  }
)

Then('the e-mail is addressed to {persona} at {string}', function (this: PortalWorld, name: string, address: string) {
  const p = this.persona(name)
  const email = this.latestEmail(p)
  assert.ok(email.to.toLowerCase().includes(address.toLowerCase()), `addressed to ${email.to}`)
})

Then('{persona} receives no e-mail', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  assert.deepEqual(this.inbox(p.email).map((m) => m.subject), [])
})

Then('{persona} receives an e-mail with a new temporary password', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const inbox = this.inbox(p.email)
  const newest = inbox[inbox.length - 1]
  assert.ok(newest, `${p.firstName} has no e-mail`)
  assert.equal(newest.kind, 'temporary-password', `the newest e-mail is "${newest.subject}"`)
  const passwords = inbox.filter((m) => /^Temporary password: /m.test(m.text)).map((m) => this.temporaryPasswordIn(m))
  assert.ok(passwords.length >= 2, `${p.firstName} has received ${passwords.length} temporary password(s) in all`)
  assert.notEqual(passwords[passwords.length - 1], passwords[passwords.length - 2], 'the new temporary password is the old one')
})

When('{persona} logs on with her/his temporary password', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.signIn({ username: p.username, password: newestTemporaryPassword(this, p) }))
})

When('{persona} logs on with the temporary password from her/his first e-mail', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.signIn({ username: p.username, password: firstTemporaryPassword(this, p) }))
})

When('{persona} replaces her/his temporary password with {string}', async function (this: PortalWorld, name: string, password: string) {
  await replaceTemporaryPassword(this, this.persona(name), password)
})

When(
  '{persona} replaces her/his temporary password with {string} confirmed as {string}',
  async function (this: PortalWorld, name: string, password: string, confirmation: string) {
    await replaceTemporaryPassword(this, this.persona(name), password, confirmation)
  }
)

When('{persona} replaces her/his temporary password with the temporary password itself', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await replaceTemporaryPassword(this, p, newestTemporaryPassword(this, p))
})

When('{persona} replaces her/his temporary password with the temporary password from her/his first e-mail', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await replaceTemporaryPassword(this, p, firstTemporaryPassword(this, p))
})

When('{persona} changes her/his password to the temporary password from her/his first e-mail', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await choosePassword(this, p, p.password, firstTemporaryPassword(this, p))
})

Given('{persona} has chosen a password of her/his own', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await replaceTemporaryPassword(this, p, p.password)
  this.expectSuccess()
})

Then('{persona} is signed in and must choose a password of her/his own', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.expectSuccess()
  const session = (this.lastResult as E.Right<{ passwordChangeRequired: boolean; providerId?: string }>).right
  assert.equal(session.passwordChangeRequired, true, 'the portal does not ask for a new password')
  assert.equal(session.providerId, p.practice?.providerId)
})
