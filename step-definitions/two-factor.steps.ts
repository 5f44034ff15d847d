/**
 * Two-factor sign-in and one's devices (HARP): "Log in" with the User ID and
 * password, a first device added (SMS, Voice, Google Authenticator, Okta
 * Verify) and confirmed, or an active device chosen for the second factor;
 * the devices listed, added and removed. Every code is read the way a person
 * would: off the phone's texts or calls, or computed by an authenticator app
 * (otplib, an independent implementation) from the secret in the otpauth://
 * key URI the page showed; an Okta Verify push is answered by the app with
 * the number the person reads on the log-in page.
 */
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { generateSync } from 'otplib'
import type { DomainError } from '../src/kernel/errors'
import type { Persona } from './personas'
import { givenHarpAccount } from './harp-accounts'
import { DeviceKind, PortalWorld, TwoFactorProgress } from './world'

declare module './world' {
  interface TwoFactorProgress {
    /** The device kind chosen for the second factor of the sign-in under way. */
    chosen?: DeviceKind
    /** The last code the person typed. */
    lastCode?: string
    /** A second log-in window, its device already chosen. */
    secondFlowId?: string
    /** What each window was told when the same code went into both at once. */
    simultaneous?: ReadonlyArray<string>
  }
}

// -------------------------------------------------------------------------------------
// vocabulary
// -------------------------------------------------------------------------------------

const KINDS: Readonly<Record<string, DeviceKind>> = {
  'text messages': 'sms',
  'voice calls': 'voice',
  'Google Authenticator': 'totp',
  'Okta Verify': 'push'
}
const NAMES: Readonly<Record<DeviceKind, string>> = { sms: 'text messages', voice: 'voice calls', totp: 'Google Authenticator', push: 'Okta Verify' }

defineParameterType({
  name: 'device',
  regexp: /text messages|voice calls|Google Authenticator|Okta Verify/,
  transformer: (s: string): DeviceKind => KINDS[s] as DeviceKind
})

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

type Outcome<A> = E.Either<ReadonlyArray<DomainError>, A>

const must = <A>(world: PortalWorld, what: string, outcome: Outcome<A>): A => {
  world.record(outcome)
  if (E.isLeft(outcome)) assert.fail(`${what}: ${world.messagesShown.join(' ')} (${outcome.left.map((e) => e.code).join(', ')})`)
  return outcome.right
}

const accountOf = (p: Persona): { readonly accountId: string } => {
  assert.ok(p.accountId, `${p.firstName} has no HARP account`)
  return { accountId: p.accountId }
}

/** The Okta Verify installation on the persona's phone. */
const pushDeviceIdOf = (p: Persona): string => `okta-verify-${p.firstName.toLowerCase()}`

/** The secret in an otpauth:// key URI, as an authenticator app reads it when it scans the QR code. */
const secretOf = (keyUri: string): string => {
  const url = new URL(keyUri)
  assert.equal(url.protocol, 'otpauth:')
  const secret = url.searchParams.get('secret')
  assert.ok(secret, `no secret in ${keyUri}`)
  return secret
}

/** What Google Authenticator shows, `secondsAgo` before now (by the scenario's clock). */
const authenticatorCode = (world: PortalWorld, progress: TwoFactorProgress, secondsAgo = 0): string => {
  assert.ok(progress.keyUri, 'Google Authenticator has not scanned a key URI')
  const url = new URL(progress.keyUri)
  const epoch = Math.floor(world.clock.now().toSeconds()) + (progress.clockOffsetSeconds ?? 0) - secondsAgo
  return generateSync({
    secret: secretOf(progress.keyUri),
    algorithm: (url.searchParams.get('algorithm') ?? 'SHA1').toLowerCase() as 'sha1',
    digits: Number(url.searchParams.get('digits') ?? 6),
    period: Number(url.searchParams.get('period') ?? 30),
    epoch
  })
}

/** The newest code the phone received for a kind of device (texted, or spoken in a call). */
const codeReceived = (world: PortalWorld, p: Persona, kind: 'sms' | 'voice'): string => {
  const code = (kind === 'sms' ? world.sms : world.voice).latestCode(p.phone)
  assert.ok(code, `${p.firstName}'s phone received no ${NAMES[kind]} code`)
  return code
}

/** The code the person types for a device: off the phone, or Google Authenticator's. */
const codeFor = (world: PortalWorld, p: Persona, kind: DeviceKind): string => {
  if (kind === 'push') throw new Error('Okta Verify is approved by its push, not a code')
  return kind === 'totp' ? authenticatorCode(world, world.twoFactorOf(p)) : codeReceived(world, p, kind)
}

/** Okta Verify on the phone answers the newest push it received: approve with a number, or deny. */
const answerPush = async (world: PortalWorld, p: Persona, answer: { readonly decision: 'approve' | 'deny'; readonly number?: string }): Promise<Outcome<unknown>> => {
  const received = world.pushes.received(pushDeviceIdOf(p))
  const push = received.at(-1)
  assert.ok(push, `${p.firstName}'s Okta Verify received no push`)
  return world.portal.mfaDevices.answerPush({ accountId: push.accountId, pushId: push.pushId, pushDeviceId: pushDeviceIdOf(p), ...answer })
}

/** A number other than the one the log-in page shows. */
const otherNumber = (shown: string): string => String((Number(shown) + 37) % 100).padStart(2, '0')

const startLogIn = async (world: PortalWorld, p: Persona, password: string): Promise<Outcome<{ readonly step: string; readonly flowId?: string }>> => {
  const progress = world.twoFactorOf(p)
  progress.signedIn = false
  progress.chosen = undefined
  const outcome = await world.portal.twoFactorSignIn.start({ username: p.username, password })
  world.record(outcome)
  if (E.isRight(outcome)) {
    progress.step = outcome.right.step
    progress.flowId = 'flowId' in outcome.right ? outcome.right.flowId : undefined
    if (outcome.right.step === 'signed-in') progress.signedIn = true
  }
  return outcome
}

const flowOf = (p: Persona, progress: TwoFactorProgress): string => {
  assert.ok(progress.flowId, `${p.firstName} has no log-in under way`)
  return progress.flowId
}

/** Adds a device of a kind, within the first log-in or (signed in) from the device list. */
const addDevice = async (world: PortalWorld, p: Persona, kind: DeviceKind): Promise<void> => {
  const progress = world.twoFactorOf(p)
  const form = { kind, ...(kind === 'sms' || kind === 'voice' ? { phone: p.phone } : {}), ...(kind === 'push' ? { pushDeviceId: pushDeviceIdOf(p) } : {}) }
  const added = progress.step === 'add-device'
    ? must(world, `adding ${NAMES[kind]}`, await world.portal.twoFactorSignIn.addDevice(flowOf(p, progress), form))
    : must(world, `adding ${NAMES[kind]}`, await world.portal.mfaDevices.add(accountOf(p), form))
  progress.adding = { deviceId: added.deviceId, kind }
  if (added.kind === 'totp') progress.keyUri = added.keyUri
  if (added.kind === 'push') progress.number = added.number
}

/** Confirms the device being added with its first code (or its push approved with the number shown). */
const confirmDevice = async (world: PortalWorld, p: Persona): Promise<Outcome<unknown>> => {
  const progress = world.twoFactorOf(p)
  const adding = progress.adding
  assert.ok(adding, `${p.firstName} is not adding a device`)
  let form: { deviceId: string; code?: string } = { deviceId: adding.deviceId }
  if (adding.kind === 'push') {
    assert.ok(progress.number, 'the page showed no number')
    must(world, 'approving the push', await answerPush(world, p, { decision: 'approve', number: progress.number }))
  } else form = { ...form, code: codeFor(world, p, adding.kind) }
  const outcome: Outcome<unknown> =
    progress.step === 'add-device'
      ? await world.portal.twoFactorSignIn.confirmDevice(flowOf(p, progress), form)
      : await world.portal.mfaDevices.confirm(accountOf(p), form)
  world.record(outcome)
  if (E.isRight(outcome)) {
    progress.devices.set(adding.kind, adding.deviceId)
    progress.adding = undefined
    if (progress.step === 'add-device') {
      progress.signedIn = true
      progress.chosen = adding.kind
      progress.step = 'signed-in'
    }
  }
  return outcome
}

/** Chooses the persona's device of a kind for the second factor. */
const chooseDevice = async (world: PortalWorld, p: Persona, kind: DeviceKind, flowId?: string): Promise<Outcome<{ readonly step: string; readonly number?: string }>> => {
  const progress = world.twoFactorOf(p)
  const deviceId = progress.devices.get(kind)
  assert.ok(deviceId, `${p.firstName} has no ${NAMES[kind]} device`)
  const outcome = await world.portal.twoFactorSignIn.chooseDevice(flowId ?? flowOf(p, progress), { deviceId })
  world.record(outcome)
  if (E.isRight(outcome) && flowId === undefined) {
    progress.chosen = kind
    if (outcome.right.step === 'approve-push') progress.number = outcome.right.number
  }
  return outcome
}

const verify = async (world: PortalWorld, p: Persona, code: string, flowId?: string): Promise<Outcome<unknown>> => {
  const progress = world.twoFactorOf(p)
  progress.lastCode = code
  const outcome = await world.portal.twoFactorSignIn.verify(flowId ?? flowOf(p, progress), { code })
  world.record(outcome)
  if (E.isRight(outcome) && flowId === undefined) progress.signedIn = true
  return outcome
}

const checkPush = async (world: PortalWorld, p: Persona): Promise<Outcome<unknown>> => {
  const progress = world.twoFactorOf(p)
  const outcome = await world.portal.twoFactorSignIn.checkPush(flowOf(p, progress))
  world.record(outcome)
  if (E.isRight(outcome)) progress.signedIn = true
  return outcome
}

/** The second factor from a device chosen: its code typed, or its push approved with the number shown. */
const secondFactor = async (world: PortalWorld, p: Persona, kind: DeviceKind): Promise<Outcome<unknown>> => {
  must(world, `choosing ${NAMES[kind]}`, await chooseDevice(world, p, kind))
  if (kind !== 'push') return verify(world, p, codeFor(world, p, kind))
  const number = world.twoFactorOf(p).number
  assert.ok(number, 'the log-in page showed no number')
  must(world, 'approving the push', await answerPush(world, p, { decision: 'approve', number }))
  return checkPush(world, p)
}

/** A HARP account, proofed, whose first log-in added and confirmed these devices; a minute later, logged out. */
const givenDevices = async (world: PortalWorld, p: Persona, kinds: ReadonlyArray<DeviceKind>): Promise<void> => {
  await givenHarpAccount(world, p, { proofed: true })
  must(world, 'logging in', await startLogIn(world, p, p.password))
  for (const kind of kinds) {
    await addDevice(world, p, kind)
    must(world, `confirming ${NAMES[kind]}`, await confirmDevice(world, p))
  }
  const progress = world.twoFactorOf(p)
  progress.signedIn = false
  progress.flowId = undefined
  progress.step = undefined
  world.clock.advance({ minutes: 1 })
}

// -------------------------------------------------------------------------------------
// Given
// -------------------------------------------------------------------------------------

Given('{persona} has a HARP account with {device} set up', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  await givenDevices(this, this.persona(name), [kind])
})

Given('{persona} has a HARP account with {device} and {device} set up', async function (this: PortalWorld, name: string, first: DeviceKind, second: DeviceKind) {
  await givenDevices(this, this.persona(name), [first, second])
})

Given('{persona} added {device} at a first log-in but never confirmed it', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  must(this, 'logging in', await startLogIn(this, p, p.password))
  await addDevice(this, p, kind)
  const progress = this.twoFactorOf(p)
  progress.adding = undefined
  progress.flowId = undefined
  progress.step = undefined
  this.clock.advance({ minutes: 1 })
})

Given('her/his phone clock is {int} seconds {word}', function (this: PortalWorld, seconds: number, way: string) {
  assert.ok(way === 'fast' || way === 'slow', `a clock is fast or slow, not ${way}`)
  assert.ok(this.current, 'nobody is named yet')
  this.twoFactorOf(this.current).clockOffsetSeconds = way === 'fast' ? seconds : -seconds
})

Given('{persona} has denied {int} Okta Verify pushes', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  for (let i = 0; i < times; i++) {
    must(this, 'the User ID and password', await startLogIn(this, p, p.password))
    must(this, 'choosing Okta Verify', await chooseDevice(this, p, 'push'))
    const answered = await answerPush(this, p, { decision: 'deny' })
    assert.ok(E.isLeft(answered) && answered.left[0]?.code === 'push.denied', 'the push was not denied')
    this.clock.advance({ minutes: 1 })
  }
})

Given('{persona} has also begun logging in in a second window, choosing {device}', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  const started = must(this, 'logging in in a second window', await this.portal.twoFactorSignIn.start({ username: p.username, password: p.password }))
  assert.ok('flowId' in started && started.step === 'choose-device', `the second window is at ${started.step}`)
  must(this, `choosing ${NAMES[kind]} in the second window`, await chooseDevice(this, p, kind, started.flowId))
  this.twoFactorOf(p).secondFlowId = started.flowId
})

// -------------------------------------------------------------------------------------
// When: logging in
// -------------------------------------------------------------------------------------

When('{persona} logs in with her/his User ID and password', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await startLogIn(this, p, p.password)
})

When('{persona} logs in with the password {string}', async function (this: PortalWorld, name: string, password: string) {
  await startLogIn(this, this.persona(name), password)
})

When('{persona} logs in as {string} with her/his password', async function (this: PortalWorld, name: string, username: string) {
  const p = this.persona(name)
  const progress = this.twoFactorOf(p)
  progress.signedIn = false
  this.record(await this.portal.twoFactorSignIn.start({ username, password: p.password }))
})

When('{persona} logs in with her/his User ID, password and {device}', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  must(this, 'the User ID and password', await startLogIn(this, p, p.password))
  await secondFactor(this, p, kind)
})

When('{persona} logs in with her/his User ID and password and chooses {device}', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  must(this, 'the User ID and password', await startLogIn(this, p, p.password))
  await chooseDevice(this, p, kind)
})

When('{persona} enters the code {device} gave her/him', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  await verify(this, p, codeFor(this, p, kind))
})

When('{persona} enters the same code again in the second window', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const progress = this.twoFactorOf(p)
  assert.ok(progress.lastCode && progress.secondFlowId, `${p.firstName} has typed no code, or has no second window`)
  await verify(this, p, progress.lastCode, progress.secondFlowId)
})

When('{persona} enters a code without choosing a device', async function (this: PortalWorld, name: string) {
  await verify(this, this.persona(name), '123456')
})

When('{persona} asks the log-in page to send the code again {int} time(s)', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  const flowId = flowOf(p, this.twoFactorOf(p))
  for (let i = 0; i < times; i++) {
    const outcome = await this.portal.twoFactorSignIn.resendCode(flowId)
    this.record(outcome)
    if (E.isLeft(outcome)) break
  }
})

When('{persona} enters the code Google Authenticator showed {int} seconds ago', async function (this: PortalWorld, name: string, seconds: number) {
  const p = this.persona(name)
  await verify(this, p, authenticatorCode(this, this.twoFactorOf(p), seconds))
})

When('{persona} logs in again with the same Google Authenticator code', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const progress = this.twoFactorOf(p)
  const code = progress.lastCode
  assert.ok(code, `${p.firstName} has typed no code yet`)
  must(this, 'the User ID and password', await startLogIn(this, p, p.password))
  must(this, 'choosing Google Authenticator', await chooseDevice(this, p, 'totp'))
  await verify(this, p, code)
})

// -------------------------------------------------------------------------------------
// When: Okta Verify
// -------------------------------------------------------------------------------------

When('{persona} approves the push in Okta Verify with the number the log-in page shows', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const number = this.twoFactorOf(p).number
  assert.ok(number, 'the log-in page showed no number')
  // Whatever Okta Verify was told, the log-in page's own check decides (a push answered too late is refused there too).
  await answerPush(this, p, { decision: 'approve', number })
  await checkPush(this, p)
})

When('{persona} approves the push in Okta Verify with another number', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const number = this.twoFactorOf(p).number
  assert.ok(number, 'the log-in page showed no number')
  const answered = await answerPush(this, p, { decision: 'approve', number: otherNumber(number) })
  assert.ok(E.isLeft(answered), 'Okta Verify took a number other than the one shown')
  await checkPush(this, p)
})

When('{persona} denies the push in Okta Verify', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const answered = await answerPush(this, p, { decision: 'deny' })
  assert.ok(E.isLeft(answered), 'a denial was taken as an approval')
  await checkPush(this, p)
})

// -------------------------------------------------------------------------------------
// When: devices
// -------------------------------------------------------------------------------------

When('{persona} adds {device} and confirms it', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  await addDevice(this, p, kind)
  await confirmDevice(this, p)
})

When('{persona} adds {device} and enters a wrong code', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  await addDevice(this, p, kind)
  const progress = this.twoFactorOf(p)
  const adding = progress.adding
  assert.ok(adding, `${p.firstName} is not adding a device`)
  const right = codeFor(this, p, kind)
  const wrong = right.replace(/\d$/, (d) => String((Number(d) + 1) % 10))
  const form = { deviceId: adding.deviceId, code: wrong }
  const outcome: Outcome<unknown> =
    progress.step === 'add-device' ? await this.portal.twoFactorSignIn.confirmDevice(flowOf(p, progress), form) : await this.portal.mfaDevices.confirm(accountOf(p), form)
  this.record(outcome)
})

When('{persona} adds Google Authenticator and enters the code it shows {int} seconds later', async function (this: PortalWorld, name: string, seconds: number) {
  const p = this.persona(name)
  await addDevice(this, p, 'totp')
  this.clock.advance({ seconds })
  await confirmDevice(this, p)
})

When('{persona} removes {device}', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  const deviceId = this.twoFactorOf(p).devices.get(kind)
  assert.ok(deviceId, `${p.firstName} has no ${NAMES[kind]} device`)
  this.record(await this.portal.mfaDevices.remove(accountOf(p), { deviceId }))
})

// -------------------------------------------------------------------------------------
// Then
// -------------------------------------------------------------------------------------

Then('{persona} is asked to add a device', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.expectSuccess()
  const progress = this.twoFactorOf(p)
  assert.equal(progress.step, 'add-device')
  assert.notEqual(progress.signedIn, true, `${p.firstName} is logged in without a second factor`)
})

Then('{persona} is asked to choose {device} for the second factor', function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  this.expectSuccess()
  const shown = (this.lastResult as E.Right<{ readonly step: string; readonly devices?: ReadonlyArray<{ readonly deviceId: string; readonly kind: string; readonly state: string }> }>).right
  assert.equal(shown.step, 'choose-device', `${p.firstName} is at ${shown.step}`)
  assert.deepEqual(shown.devices?.map((d) => [d.kind, d.state]), [[kind, 'active']])
  assert.notEqual(this.twoFactorOf(p).signedIn, true, `${p.firstName} is logged in without a second factor`)
})

Then('{persona} is logged in to QPP.CMS.GOV with {device}', function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  this.expectSuccess()
  const session = (this.lastResult as E.Right<{ readonly accountId: string; readonly secondFactor: { readonly kind: string; readonly deviceId: string } }>).right
  assert.equal(session.accountId, p.accountId)
  assert.equal(session.secondFactor.kind, kind)
  assert.equal(session.secondFactor.deviceId, this.twoFactorOf(p).devices.get(kind))
  assert.equal(this.twoFactorOf(p).signedIn, true)
})

Then('{persona} is not logged in', function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  assert.ok(this.lastErrors.length > 0, 'the last step succeeded')
  assert.notEqual(this.twoFactorOf(p).signedIn, true, `${p.firstName} is logged in`)
})

Then('the code {device} gave her/him has {int} digits', function (this: PortalWorld, kind: DeviceKind, digits: number) {
  const p = this.current as Persona
  assert.ok(kind === 'sms' || kind === 'voice', 'only texts and calls carry a code')
  const messages = (kind === 'sms' ? this.sms : this.voice).to(p.phone)
  assert.ok(messages.length > 0, `${p.firstName}'s phone received nothing`)
  assert.match(codeReceived(this, p, kind), new RegExp(`^\\d{${digits}}$`))
})

Then('the key URI Google Authenticator scanned names {string} and her/his User ID', function (this: PortalWorld, issuer: string) {
  const p = this.current as Persona
  const keyUri = this.twoFactorOf(p).keyUri
  assert.ok(keyUri, 'no key URI was shown')
  const url = new URL(keyUri)
  assert.equal(url.host, 'totp')
  assert.equal(decodeURIComponent(url.pathname.slice(1)), `${issuer}:${p.username}`)
  assert.equal(url.searchParams.get('issuer'), issuer)
  assert.match(secretOf(keyUri), /^[A-Z2-7]{32,}$/)
})

Then('the push Okta Verify received does not show the number', function (this: PortalWorld) {
  const p = this.current as Persona
  const push = this.pushes.received(pushDeviceIdOf(p)).at(-1)
  assert.ok(push, `${p.firstName}'s Okta Verify received no push`)
  const number = this.twoFactorOf(p).number
  assert.ok(number, 'the log-in page showed no number')
  assert.ok(!('number' in push), 'the push carries the number to match')
  assert.ok(!JSON.stringify(push).includes(`"${number}"`), 'the push carries the number to match')
})

Then('{persona}\'s devices are {device}', async function (this: PortalWorld, name: string, kind: DeviceKind) {
  const p = this.persona(name)
  const listed = must(this, 'the device list', await this.portal.mfaDevices.list(accountOf(p)))
  assert.deepEqual(listed.map((d) => [d.kind, d.state]), [[kind, 'active']])
})

Then('{persona}\'s devices are {device} and {device}', async function (this: PortalWorld, name: string, first: DeviceKind, second: DeviceKind) {
  const p = this.persona(name)
  const listed = must(this, 'the device list', await this.portal.mfaDevices.list(accountOf(p)))
  assert.deepEqual(listed.map((d) => [d.kind, d.state]).sort(), [[first, 'active'], [second, 'active']].sort())
})

// -------------------------------------------------------------------------------------
// the same code in two windows at the same moment
// -------------------------------------------------------------------------------------

When('{persona} enters the same Google Authenticator code in both windows at the same moment', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const progress = this.twoFactorOf(p)
  assert.ok(progress.secondFlowId, `${p.firstName} has no second window`)
  const code = authenticatorCode(this, progress)
  // Both submissions are under way together (on PostgreSQL, two transactions that interleave).
  const outcomes = await Promise.all([flowOf(p, progress), progress.secondFlowId].map((flowId) => this.portal.twoFactorSignIn.verify(flowId, { code })))
  progress.simultaneous = outcomes.map((o) => (E.isRight(o) ? 'logged in' : o.left.map((e) => e.code).join('+')))
})

Then('exactly one window is logged in and the other is refused the code as used', function (this: PortalWorld) {
  const outcomes = this.twoFactorOf(this.persona('she')).simultaneous ?? []
  assert.equal(outcomes.filter((o) => o === 'logged in').length, 1, JSON.stringify(outcomes))
  const refused = outcomes.filter((o) => o !== 'logged in')
  assert.equal(refused.length, 1)
  assert.ok(['totp.replayed', 'storage.conflict'].includes(refused[0] as string), `refused as ${refused[0]}`)
})
