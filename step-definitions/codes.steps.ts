/** Verification codes: the e-mail that carries them, and typing them in. */
import { Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import { Persona } from './personas'
import { PortalWorld } from './world'

async function verify(world: PortalWorld, p: Persona, code: string): Promise<void> {
  if (p.flow === undefined) throw new Error(`${p.firstName} has no code to verify`)
  const verifyEmail = p.flow.kind === 'sign-up' ? world.portal.signUp.verifyEmail : world.portal.passwordReset.verifyEmail
  world.record(await verifyEmail(p.flow.id, code))
}

/** A code that is certainly not the one in the inbox. */
const wrongCodeFor = (right: string): string => String((Number(right) + 1) % 1_000_000).padStart(6, '0')

Then('{persona} receives an e-mail with a 6-digit verification code', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const email = this.latestEmail(p)
  assert.equal(email.kind, 'verification-code')
  assert.match(this.codeIn(email), /^\d{6}$/)
})

Then('the e-mail comes from {string}', function (this: PortalWorld, sender: string) {
  assert.ok(this.current, 'nobody has received an e-mail')
  assert.ok(this.latestEmail(this.current).from.startsWith(sender), `sent by ${this.latestEmail(this.current).from}`)
})

Then('the e-mail is titled {string}', function (this: PortalWorld, subject: string) {
  assert.ok(this.current, 'nobody has received an e-mail')
  assert.equal(this.latestEmail(this.current).subject, subject)
})

Then('the e-mail says {string}', function (this: PortalWorld, sentence: string) {
  assert.ok(this.current, 'nobody has received an e-mail')
  const email = this.latestEmail(this.current)
  assert.ok(email.text.includes(sentence), `the e-mail reads:\n${email.text}`)
  const plainHtml = email.html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
  assert.ok(plainHtml.includes(sentence.replace(/\n/g, '')), 'the HTML version says something else')
})

When('{persona} verifies her e-mail with the code she received', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await verify(this, p, this.codeIn(this.latestEmail(p)))
})

When('{persona} verifies her e-mail with the code {string}', async function (this: PortalWorld, name: string, code: string) {
  await verify(this, this.persona(name), code)
})

When('{persona} verifies her e-mail with a wrong code', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await verify(this, p, wrongCodeFor(this.codeIn(this.latestEmail(p))))
})

When('{persona} enters a wrong code {int} times', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  for (let i = 0; i < times; i++) await verify(this, p, wrongCodeFor(this.codeIn(this.latestEmail(p))))
})

When('{persona} verifies her e-mail with the code from her first e-mail', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const first = this.inbox(p.email)[0]
  assert.ok(first, `${p.firstName} has no e-mail`)
  await verify(this, p, this.codeIn(first))
})

When('{persona} asks for a new code', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  if (p.flow === undefined) throw new Error(`${p.firstName} has not started anything`)
  const resend = p.flow.kind === 'sign-up' ? this.portal.signUp.resendCode : this.portal.passwordReset.resendCode
  this.record(await resend(p.flow.id))
})

When('{persona} asks for a new code {int} times', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  if (p.flow === undefined) throw new Error(`${p.firstName} has not started anything`)
  const resend = p.flow.kind === 'sign-up' ? this.portal.signUp.resendCode : this.portal.passwordReset.resendCode
  for (let i = 0; i < times; i++) this.record(await resend(p.flow.id))
})

Then('{persona} has received {int} e-mail(s)', function (this: PortalWorld, name: string, count: number) {
  const p = this.persona(name)
  assert.equal(this.inbox(p.email).length, count)
})

Then('{persona}\'s two codes differ', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const codes = this.inbox(p.email).map((m) => this.codeIn(m))
  assert.equal(codes.length, 2)
  assert.notEqual(codes[0], codes[1])
})

Then('no e-mail is sent to {string}', function (this: PortalWorld, address: string) {
  assert.equal(this.inbox(address).length, 0)
})
