/** Signing in with a username and password. */
import { Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { PortalWorld } from './world'

When('{persona} signs in with her/his username and password', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.signIn({ username: p.username, password: p.password }))
})

When('{persona} signs in as {string} with her password', async function (this: PortalWorld, name: string, username: string) {
  const p = this.persona(name)
  this.record(await this.portal.signIn({ username, password: p.password }))
})

When('{persona} signs in with the password {string}', async function (this: PortalWorld, name: string, password: string) {
  const p = this.persona(name)
  this.record(await this.portal.signIn({ username: p.username, password }))
})

When('someone signs in as {string} with the password {string}', async function (this: PortalWorld, username: string, password: string) {
  this.record(await this.portal.signIn({ username, password }))
})

When('{persona} signs in with a wrong password {int} times', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  for (let i = 0; i < times; i++) this.record(await this.portal.signIn({ username: p.username, password: `${p.password}-wrong` }))
})

When('{persona} signs in leaving out the {word}', async function (this: PortalWorld, name: string, left: string) {
  const p = this.persona(name)
  this.record(await this.portal.signIn({ username: left === 'username' ? '' : p.username, password: left === 'password' ? '' : p.password }))
})

Then('{persona} is signed in to the Interoperability Member Access Portal', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.expectSuccess()
  const session = (this.lastResult as E.Right<{ accountId: string }>).right
  assert.equal(session.accountId, p.accountId)
})

Then('{persona} is/are not signed in', function (this: PortalWorld, _name: string) {
  assert.ok(this.lastErrors.length > 0, 'the sign-in succeeded')
})

Then('{persona} can sign in with the password {string}', async function (this: PortalWorld, name: string, password: string) {
  const p = this.persona(name)
  const result = await this.portal.signIn({ username: p.username, password })
  assert.ok(E.isRight(result), `sign-in refused: ${E.isLeft(result) ? result.left.map((e) => e.code).join(', ') : ''}`)
})

Then('{persona} can no longer sign in with the password {string}', async function (this: PortalWorld, name: string, password: string) {
  const p = this.persona(name)
  const result = await this.portal.signIn({ username: p.username, password })
  assert.ok(E.isLeft(result), 'the old password still works')
})

Then('{persona} is signed in for her/his practice', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.expectSuccess()
  const session = (this.lastResult as E.Right<{ relationship: string; providerId?: string; passwordChangeRequired: boolean }>).right
  assert.equal(session.relationship, 'provider')
  assert.equal(session.providerId, p.practice?.providerId)
  assert.equal(session.passwordChangeRequired, false, 'the portal still asks for a new password')
})

Then('{persona} is signed in as a member of the plan', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.expectSuccess()
  const session = (this.lastResult as E.Right<{ accountId: string; relationship: string; memberId?: string }>).right
  assert.equal(session.relationship, 'member')
  assert.equal(session.memberId, p.memberId)
  assert.equal(session.accountId, p.accountId)
})
