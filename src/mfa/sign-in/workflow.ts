/**
 * Signing in with two factors (HARP): the User ID and password (the password
 * sign-in's own check: throttled, one message for a wrong User ID or
 * password), an individual's identity proofed, then a second factor from an
 * active device: a code texted or spoken, an authenticator app's code, or a
 * push approved with the number the page shows. While two factors are
 * required and no device is active, the sign-in continues into adding one:
 * the device confirmed signs the person in.
 *
 *   start ─► add-device ─ addDevice · confirmDevice ──────────────────► signed in
 *         └► choose-device ─ chooseDevice ─► enter-code ─ verify ─────► signed in
 *                                        └► approve-push ─ checkPush ─► signed in
 *
 * @since 0.4.0
 */
import * as O from 'fp-ts/lib/Option.js'
import * as E from '../../kernel/either'
import { domainError } from '../../kernel/errors'
import { boundText, readForm, TEXT_LIMITS } from '../../kernel/form'
import { identityProofed } from '../../accounts/account'
import type { Account } from '../../accounts/account'
import { ensureLive, ensureState, Flow, FlowId, FlowIn, newFlowBase } from '../../accounts/flow'
import { SignedIn, signedInAs, signIn } from '../../accounts/sign-in/workflow'
import { activeDevices, FactorKind, MfaDevice, MfaDeviceId, mustEnrol, parseFactorKind, secondFactorRequired } from '../devices'
import type { MatchNumber } from '../push'
import type { MfaEnv, MfaWorkflow } from '../policies'
import { devicesOf, must, mustAll, port, refuse, refuseAll, workflow } from '../workflow-kit'
import {
  addDeviceTo,
  AddDeviceForm,
  confirmDeviceOf,
  ConfirmDeviceForm,
  DeviceAdded,
  deviceNamed,
  discardUnconfirmed,
  DeviceSummary,
  pushTo,
  pushVerdict,
  resendCodeTo,
  sendCode,
  summariesOf,
  verifyCode
} from '../enrolment/workflow'
import type { AwaitingSecondFactor, MfaSignInFlow, SignInChallenge } from './flow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Signed in with both factors: the session's facts, and the device that gave the second. */
export type TwoFactorSignedIn = SignedIn & { readonly secondFactor: { readonly deviceId: MfaDeviceId; readonly kind: FactorKind } }

/** Where the sign-in stands after the password. */
export type SignInStep =
  /** Two factors are required and no device is active: add one (and confirm it) to finish signing in. */
  | { readonly step: 'add-device'; readonly flowId: FlowId }
  /** Choose which active device gives the second factor. */
  | { readonly step: 'choose-device'; readonly flowId: FlowId; readonly devices: ReadonlyArray<DeviceSummary> }
  /** No second factor asked (a preset that does not require one, and no device). */
  | { readonly step: 'signed-in'; readonly signedIn: SignedIn }

/** What choosing a device asks for next. */
export type ChallengeSent =
  | { readonly step: 'enter-code'; readonly kind: 'sms' | 'voice' | 'totp'; readonly deviceId: MfaDeviceId }
  /** The number to show: the person types it into the app to approve. */
  | { readonly step: 'approve-push'; readonly deviceId: MfaDeviceId; readonly number: MatchNumber }

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

const flowNotFound = () => domainError('flow.not-found', { rule: 'this session does not exist; start again' })

/** The live two-factor sign-in named, in one of the states a step accepts. */
const loadSignIn = async <S extends MfaSignInFlow['state']>(env: MfaEnv, id: unknown, ...states: ReadonlyArray<S>): Promise<FlowIn<'mfa-sign-in', S>> => {
  must(boundText(id, 'flowId', TEXT_LIMITS.short))
  const found: O.Option<Flow> = typeof id === 'string' && id !== '' ? await port(env.flows.find(id as FlowId)) : O.none
  const flow = O.isSome(found) ? found.value : refuse(flowNotFound())
  must(ensureLive(env.clock.now(), flow))
  return must(ensureState(flow, 'mfa-sign-in', ...states))
}

const saveSignIn = <F extends MfaSignInFlow>(env: MfaEnv, flow: F): Promise<F> =>
  port((flow.version === 0 ? env.flows.insert(flow) : env.flows.update(flow)) as ReturnType<typeof env.flows.insert>) as Promise<F>

const accountOf = async (env: MfaEnv, flow: MfaSignInFlow): Promise<Account> => {
  const found = await port(env.accounts.findById(flow.accountId))
  return O.isSome(found) ? found.value : refuse(domainError('account.not-found', { field: 'accountId', rule: 'the account signing in must exist' }))
}

/** Completes the sign-in with the device that gave the second factor. */
const complete = async (env: MfaEnv, flow: MfaSignInFlow, device: MfaDevice): Promise<TwoFactorSignedIn> => {
  const at = env.clock.now()
  const account = await accountOf(env, flow)
  await saveSignIn(env, { id: flow.id, kind: 'mfa-sign-in', accountId: flow.accountId, startedAt: flow.startedAt, expiresAt: flow.expiresAt, version: flow.version, state: 'completed', deviceId: device.id, signedInAt: at.toISO() as string })
  return { ...signedInAs(account, at), secondFactor: { deviceId: device.id, kind: device.kind } }
}

const challengeOf = (flow: AwaitingSecondFactor): SignInChallenge =>
  flow.challenge ?? refuse(domainError('mfa.no-challenge', { field: 'deviceId', rule: 'choose a device for the second factor first' }))

const activeDevice = async (env: MfaEnv, flow: MfaSignInFlow, deviceId: unknown): Promise<MfaDevice> => {
  const device = deviceNamed((await devicesOf(env, flow.accountId)).devices, deviceId)
  return device.state === 'active' ? device : refuse(domainError('mfa.device-not-active', { field: 'deviceId', rule: 'deviceId must be a confirmed device' }))
}

// -------------------------------------------------------------------------------------
// workflows
// -------------------------------------------------------------------------------------

/** "Log in": the User ID and password; then a device to add, or one to choose for the second factor. */
export const startSignIn = (form: { readonly username?: unknown; readonly password?: unknown }): MfaWorkflow<SignInStep> =>
  workflow(async (env) => {
    const first = await signIn(form)(env)()
    if (E.isLeft(first)) return refuseAll(first.left)
    const found = await port(env.accounts.findById(first.right.accountId))
    if (O.isNone(found)) return refuse(domainError('account.not-found', { field: 'accountId', rule: 'the account signing in must exist' }))
    if (!identityProofed(found.value))
      return refuse(domainError('sign-in.identity-not-proofed', { rule: 'an individual signs in once their identity is proofed: complete identity proofing first' }))
    const devices = await devicesOf(env, found.value.id)
    const policy = env.mfaPolicies.mfa
    if (!secondFactorRequired(devices, policy)) return { step: 'signed-in' as const, signedIn: first.right }
    const at = env.clock.now()
    const base = { ...newFlowBase(at, env.random.uuid() as FlowId, env.mfaPolicies.signInLifetime), kind: 'mfa-sign-in' as const, accountId: found.value.id }
    if (mustEnrol(devices, policy)) {
      const saved = await saveSignIn(env, { ...base, state: 'awaiting-device' })
      return { step: 'add-device' as const, flowId: saved.id }
    }
    const saved = await saveSignIn(env, { ...base, state: 'awaiting-second-factor', challenge: null })
    return { step: 'choose-device' as const, flowId: saved.id, devices: summariesOf(activeDevices(devices)) }
  })

/** Chooses the active device for the second factor: a code is sent, an authenticator's code asked for, or a push sent with the number to show. */
export const chooseDevice = (flowId: unknown, form: { readonly deviceId?: unknown }): MfaWorkflow<ChallengeSent> =>
  workflow(async (env) => {
    const flow = await loadSignIn(env, flowId, 'awaiting-second-factor')
    const { deviceId } = mustAll(readForm(form, ['deviceId']))
    const device = await activeDevice(env, flow, deviceId)
    const at = env.clock.now()
    if (device.kind === 'push') {
      const { pushId, number } = await pushTo(env, at, flow.accountId, device)
      await saveSignIn(env, { ...flow, challenge: { kind: 'push', deviceId: device.id, pushId, number } })
      return { step: 'approve-push' as const, deviceId: device.id, number }
    }
    if (device.kind !== 'totp') await sendCode(env, at, flow.accountId, device)
    await saveSignIn(env, { ...flow, challenge: { kind: device.kind, deviceId: device.id } })
    return { step: 'enter-code' as const, kind: device.kind, deviceId: device.id }
  })

/** Sends a new code to the SMS or voice device chosen (the sends are rate-limited). */
export const resendSignInCode = (flowId: unknown): MfaWorkflow<DeviceSummary> =>
  workflow(async (env) => {
    const flow = await loadSignIn(env, flowId, 'awaiting-second-factor')
    const challenge = challengeOf(flow)
    return resendCodeTo(env, await accountOf(env, flow), { deviceId: challenge.deviceId })
  })

/** The code from the device chosen (texted, spoken, or the authenticator app's): signed in. */
export const verifySecondFactor = (flowId: unknown, form: { readonly code?: unknown }): MfaWorkflow<TwoFactorSignedIn> =>
  workflow(async (env) => {
    const flow = await loadSignIn(env, flowId, 'awaiting-second-factor')
    const { code } = mustAll(readForm(form, ['code']))
    const challenge = challengeOf(flow)
    const device = await activeDevice(env, flow, challenge.deviceId)
    if (challenge.kind === 'push')
      return refuse(domainError('mfa.wrong-kind', { field: 'code', rule: 'the device chosen is approved by its push, not a code', expected: 'sms, voice or totp', actual: 'push' }))
    await verifyCode(env, env.clock.now(), flow.accountId, device, code)
    return complete(env, flow, device)
  })

/** Whether the push was approved with the number shown: signed in, or why not (`push.not-answered` while it waits). */
export const checkPush = (flowId: unknown): MfaWorkflow<TwoFactorSignedIn> =>
  workflow(async (env) => {
    const flow = await loadSignIn(env, flowId, 'awaiting-second-factor')
    const challenge = challengeOf(flow)
    if (challenge.kind !== 'push')
      return refuse(domainError('mfa.wrong-kind', { field: 'deviceId', rule: 'the device chosen takes a code', expected: 'push', actual: challenge.kind }))
    const device = await activeDevice(env, flow, challenge.deviceId)
    await pushVerdict(env, env.clock.now(), flow.accountId, challenge.pushId)
    return complete(env, flow, device)
  })

/** Adds the first device, within the sign-in (two factors required, none active yet). */
export const addFirstDevice = (flowId: unknown, form: AddDeviceForm): MfaWorkflow<DeviceAdded> =>
  workflow(async (env) => {
    const flow = await loadSignIn(env, flowId, 'awaiting-device')
    const account = await accountOf(env, flow)
    // An earlier first log-in's unconfirmed device of this kind is replaced, not left to block this one.
    const read = readForm(form, ['kind'])
    const kind = E.isRight(read) ? parseFactorKind(read.right.kind) : read
    if (E.isRight(kind)) await discardUnconfirmed(env, account.id, kind.right)
    return addDeviceTo(env, account, form)
  })

/** Sends a new code to the first device being added. */
export const resendFirstDeviceCode = (flowId: unknown, form: { readonly deviceId?: unknown }): MfaWorkflow<DeviceSummary> =>
  workflow(async (env) => {
    const flow = await loadSignIn(env, flowId, 'awaiting-device')
    return resendCodeTo(env, await accountOf(env, flow), form)
  })

/** Confirms the first device with its first code (or approved push): signed in with it. */
export const confirmFirstDevice = (flowId: unknown, form: ConfirmDeviceForm): MfaWorkflow<TwoFactorSignedIn> =>
  workflow(async (env) => {
    const flow = await loadSignIn(env, flowId, 'awaiting-device')
    const device = await confirmDeviceOf(env, await accountOf(env, flow), form)
    return complete(env, flow, device)
  })
