/**
 * Two-factor sign-in and one's devices (HARP): "Log in" with a User ID,
 * password and a second factor (SMS, Voice, Google Authenticator, Okta
 * Verify), adding a first device when none is active; and, after sign-in,
 * listing, adding, confirming and removing devices; the push app's answer.
 *
 * @since 0.4.0
 */
import * as signIn from '../../mfa/sign-in/workflow'
import * as devices from '../../mfa/enrolment/workflow'
import type { AddDeviceForm, ConfirmDeviceForm, PushAnswerForm } from '../../mfa/enrolment/workflow'
import type { Acting } from '../../mfa/workflow-kit'
import type { AccountPolicies } from '../../accounts/policies'
import type { MfaPolicies } from '../../mfa/policies'
import { defineCapability } from '../capability'

/** What the two-factor capabilities take from a preset. */
export interface TwoFactorSettings {
  readonly policies: AccountPolicies
  readonly mfaPolicies: MfaPolicies
}

const twoFactorSettings = (preset: TwoFactorSettings): TwoFactorSettings => ({ policies: preset.policies, mfaPolicies: preset.mfaPolicies })

/** `portal.twoFactorSignIn`: "Log in" with both factors. */
export const twoFactorSignInCapability = defineCapability({
  key: 'twoFactorSignIn',
  feature: 'two-factor sign-in',
  settings: twoFactorSettings,
  calls: (exec) => ({
    /** The User ID and password: then a device to add (none active yet), or one to choose. */
    start: (form: { readonly username?: unknown; readonly password?: unknown }) => exec(() => signIn.startSignIn(form)),
    /** The active device for the second factor: a code is sent (or asked of the app), or a push with the number to show. */
    chooseDevice: (flowId: unknown, form: { readonly deviceId?: unknown }) => exec(() => signIn.chooseDevice(flowId, form)),
    /** A new code to the SMS or voice device chosen. */
    resendCode: (flowId: unknown) => exec(() => signIn.resendSignInCode(flowId)),
    /** The code typed: signed in. */
    verify: (flowId: unknown, form: { readonly code?: unknown }) => exec(() => signIn.verifySecondFactor(flowId, form)),
    /** Whether the push was approved with the number shown: signed in. */
    checkPush: (flowId: unknown) => exec(() => signIn.checkPush(flowId)),
    /** "Add device", within a first sign-in. */
    addDevice: (flowId: unknown, form: AddDeviceForm) => exec(() => signIn.addFirstDevice(flowId, form)),
    resendDeviceCode: (flowId: unknown, form: { readonly deviceId?: unknown }) => exec(() => signIn.resendFirstDeviceCode(flowId, form)),
    /** The first device confirmed: signed in with it. */
    confirmDevice: (flowId: unknown, form: ConfirmDeviceForm) => exec(() => signIn.confirmFirstDevice(flowId, form))
  })
})

/** `portal.mfaDevices`: a signed-in person's devices, and the push app's answers. */
export const mfaDevicesCapability = defineCapability({
  key: 'mfaDevices',
  feature: 'two-factor devices',
  settings: twoFactorSettings,
  calls: (exec) => ({
    list: (acting: Acting) => exec(() => devices.listDevices(acting)),
    add: (acting: Acting, form: AddDeviceForm) => exec(() => devices.addDevice(acting, form)),
    confirm: (acting: Acting, form: ConfirmDeviceForm) => exec(() => devices.confirmAddedDevice(acting, form)),
    resendCode: (acting: Acting, form: { readonly deviceId?: unknown }) => exec(() => devices.resendCode(acting, form)),
    remove: (acting: Acting, form: { readonly deviceId?: unknown }) => exec(() => devices.removeAccountDevice(acting, form)),
    /** The push app: approve with the number the sign-in page shows, or deny. */
    answerPush: (form: PushAnswerForm) => exec(() => devices.answerPushFromApp(form))
  })
})
