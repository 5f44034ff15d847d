/**
 * Verification codes: the e-mail that carries them, and typing them in.
 *
 * A person tells a sign-up e-mail from a reset e-mail by when it came: the
 * presets send the same "verification code" e-mail for both (HPP's guide shows
 * one template), so the e-mails a step brings belong to the flow the persona
 * is in when the step ends (see `flowEmails`). "Her second e-mail" counts the
 * e-mails of her current flow's kind (sign-up or reset), oldest first.
 */
import { AfterStep, defineParameterType, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../src/kernel/errors'
import { FlowKind, Persona } from './personas'
import { PortalWorld, ReadEmail } from './world'

async function verify(world: PortalWorld, p: Persona, code: string): Promise<void> {
  if (p.flow === undefined) throw new Error(`${p.firstName} has no code to verify`)
  if (p.flow.kind === 'provider-registration') throw new Error(`${p.firstName}'s provider registration asks for no e-mail code`)
  const verifyEmail = p.flow.kind === 'sign-up' ? world.portal.signUp.verifyEmail : world.portal.passwordReset.verifyEmail
  world.record(await verifyEmail(p.flow.id, code))
}

/** A code that is certainly not the one in the inbox. */
const wrongCodeFor = (right: string): string => String((Number(right) + 1) % 1_000_000).padStart(6, '0')

// ── which flow each e-mail came with ──────────────────────────────────────

/** Gives each e-mail that arrived since the last look the flow its addressee is in now. */
function attributeNewEmails(world: PortalWorld): void {
  const byAddress = world.emailArrivals
  for (const p of world.personas.values()) {
    const address = p.email.toLowerCase()
    const seen = byAddress.get(address) ?? []
    const count = world.inbox(p.email).length
    while (seen.length < count) seen.push(p.flow?.kind ?? 'none')
    byAddress.set(address, seen)
  }
}

AfterStep(function (this: PortalWorld) {
  attributeNewEmails(this)
})

/** The e-mails a persona received during flows of one kind, oldest first. */
function flowEmails(world: PortalWorld, p: Persona, kind: FlowKind): ReadonlyArray<ReadEmail> {
  attributeNewEmails(world)
  const kinds = world.emailArrivals.get(p.email.toLowerCase()) ?? []
  return world.inbox(p.email).filter((_, i) => kinds[i] === kind)
}

const FLOW_WORDS: Readonly<Record<FlowKind, string>> = { 'sign-up': 'sign-up', 'password-reset': 'reset', 'provider-registration': 'provider registration' }

function currentFlowKind(p: Persona): FlowKind {
  if (p.flow === undefined) throw new Error(`${p.firstName} has not started anything`)
  return p.flow.kind
}

/** The code in the newest e-mail of a flow kind. */
function latestCodeOf(world: PortalWorld, p: Persona, kind: FlowKind): string {
  const emails = flowEmails(world, p, kind)
  const latest = emails[emails.length - 1]
  assert.ok(latest, `${p.firstName} has received no ${FLOW_WORDS[kind]} e-mail`)
  return world.codeIn(latest)
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'] as const

defineParameterType({
  name: 'emailOrdinal',
  regexp: /first|second|third|fourth|fifth|latest|last/,
  // 0 is the oldest; -1 the newest.
  transformer: (s: string): number => (s === 'latest' || s === 'last' ? -1 : ORDINALS.indexOf(s as (typeof ORDINALS)[number]))
})

// ── the e-mail ────────────────────────────────────────────────────────────

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

// ── typing a code in ──────────────────────────────────────────────────────

/** The code in the newest e-mail the person received, whatever it came with. */
When('{persona} verifies her/his/their e-mail with the code she/he/they received', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await verify(this, p, this.codeIn(this.latestEmail(p)))
})

When('{persona} verifies her/his/their e-mail with the code {string}', async function (this: PortalWorld, name: string, code: string) {
  await verify(this, this.persona(name), code)
})

When('{persona} verifies her/his/their e-mail with a wrong code', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await verify(this, p, wrongCodeFor(this.codeIn(this.latestEmail(p))))
})

When('{persona} enters a wrong code {int} times', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  for (let i = 0; i < times; i++) await verify(this, p, wrongCodeFor(this.codeIn(this.latestEmail(p))))
})

/**
 * The code from one of the e-mails of the person's current flow: while she
 * resets her password, "her first e-mail" is the first reset e-mail, not the
 * one she registered with (first to fifth, or latest / last).
 */
When(
  '{persona} verifies her/his/their e-mail with the code from her/his/their {emailOrdinal} e-mail',
  async function (this: PortalWorld, name: string, index: number) {
    const p = this.persona(name)
    const kind = currentFlowKind(p)
    const emails = flowEmails(this, p, kind)
    const email = index < 0 ? emails[emails.length - 1] : emails[index]
    assert.ok(email, `${p.firstName} has received ${emails.length} ${FLOW_WORDS[kind]} e-mail(s)`)
    await verify(this, p, this.codeIn(email))
  }
)

/** The code from the newest e-mail of a password reset, typed in the flow the person is in now. */
When('{persona} verifies her/his/their e-mail with her/his/their latest reset code', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await verify(this, p, latestCodeOf(this, p, 'password-reset'))
})

/** The code from the newest e-mail of a sign-up, typed in the flow the person is in now. */
When('{persona} verifies her/his/their e-mail with her/his/their latest sign-up code', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await verify(this, p, latestCodeOf(this, p, 'sign-up'))
})

/** What each earlier code gave, per scenario (for the Then that follows). */
const earlierAttempts = new WeakMap<PortalWorld, ReadonlyArray<E.Either<ReadonlyArray<DomainError>, unknown>>>()

/**
 * Types in turn the code of every e-mail of the current flow's kind but the
 * newest (each wrong one counts as a wrong try).
 */
When('{persona} tries each of her/his/their earlier codes', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const emails = flowEmails(this, p, currentFlowKind(p))
  assert.ok(emails.length >= 2, `${p.firstName} has no earlier code: ${emails.length} e-mail(s) in this flow`)
  const outcomes: Array<E.Either<ReadonlyArray<DomainError>, unknown>> = []
  for (const email of emails.slice(0, -1)) {
    await verify(this, p, this.codeIn(email))
    outcomes.push(this.lastResult as E.Either<ReadonlyArray<DomainError>, unknown>)
  }
  earlierAttempts.set(this, outcomes)
})

Then('each of those codes is refused with {string}', function (this: PortalWorld, message: string) {
  const outcomes = earlierAttempts.get(this)
  assert.ok(outcomes, 'no earlier codes were tried')
  outcomes.forEach((outcome, i) => {
    assert.ok(E.isLeft(outcome), `earlier code ${i + 1} of ${outcomes.length} was accepted`)
    assert.deepEqual(
      outcome.left.map((e) => this.portal.messageFor(e)),
      [message],
      `earlier code ${i + 1} of ${outcomes.length}`
    )
  })
})

/** The last code typed (in a sign-up or a reset) verified the address. */
Then('{persona}\'s e-mail address is verified', function (this: PortalWorld, name: string) {
  expectVerified(this, this.persona(name))
})

Then('her/his/their e-mail address is verified', function (this: PortalWorld) {
  assert.ok(this.current, 'nobody has verified anything')
  expectVerified(this, this.current)
})

function expectVerified(world: PortalWorld, p: Persona): void {
  world.expectSuccess()
  const state = (world.lastResult as E.Right<{ state: string }>).right.state
  assert.equal(state, 'email-verified', `${p.firstName}'s ${FLOW_WORDS[currentFlowKind(p)]} is ${state}`)
}

// ── "Send new code" ───────────────────────────────────────────────────────

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

// ── counting e-mails ──────────────────────────────────────────────────────

/** Counts every e-mail the person ever received at her current address, whatever it was for (sign-up, reset, anything else). */
Then('{persona} has received {int} e-mail(s)', function (this: PortalWorld, name: string, count: number) {
  const p = this.persona(name)
  assert.equal(this.inbox(p.email).length, count)
})

/** Counts the e-mails the person received while signing up (codes and "Send new code" alike). */
Then('{persona} has received {int} sign-up e-mail(s)', function (this: PortalWorld, name: string, count: number) {
  const p = this.persona(name)
  assert.equal(flowEmails(this, p, 'sign-up').length, count)
})

/** Counts the e-mails the person received while resetting her password, over every reset she began. */
Then('{persona} has received {int} reset e-mail(s)', function (this: PortalWorld, name: string, count: number) {
  const p = this.persona(name)
  assert.equal(flowEmails(this, p, 'password-reset').length, count)
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
