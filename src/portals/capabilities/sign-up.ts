/**
 * Sign-up: a person registers an account of their own after verifying an
 * e-mail address (HPP's member portal; Harmony's members).
 *
 * @since 0.2.0
 */
import * as signUp from '../../accounts/sign-up/workflow'
import type { CredentialsForm, ProfileForm } from '../../accounts/sign-up/flow'
import type { AccountPolicies } from '../../accounts/policies'
import { defineCapability } from '../capability'

/** What sign-up takes from a preset. */
export interface AccountSettings {
  readonly policies: AccountPolicies
}

/** Takes the account policies out of a preset (and nothing else: the runner's environment stays small). */
export const accountSettings = (preset: AccountSettings): AccountSettings => ({ policies: preset.policies })

/** `portal.signUp`. */
export const signUpCapability = defineCapability({
  key: 'signUp',
  feature: 'sign-up',
  settings: accountSettings,
  calls: (exec) => ({
    /** "Send verification code" on the first screen. */
    start: (form: CredentialsForm) => exec(() => signUp.startSignUpFlow(form)),
    /** "Send new code". */
    resendCode: (flowId: unknown) => exec(() => signUp.resendSignUpCode(flowId)),
    /** "Verify code". */
    verifyEmail: (flowId: unknown, code: unknown) => exec(() => signUp.verifySignUpEmail(flowId, code)),
    /** "Change e-mail". */
    changeEmail: (flowId: unknown, email: unknown) => exec(() => signUp.changeSignUpEmail(flowId, email)),
    /** "Create". */
    create: (flowId: unknown, profile: ProfileForm) => exec(() => signUp.createAccount(flowId, profile))
  })
})
