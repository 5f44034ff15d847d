/**
 * A provider's web registration, the temporary password it e-mails, and
 * recovery by security question (Harmony's guide).
 *
 * @since 0.2.0
 */
import * as providers from '../../accounts/provider-registration/workflow'
import type { IdentifyForm, UsernameForm } from '../../accounts/provider-registration/flow'
import type { AccountPolicies, ProviderPolicies } from '../../accounts/policies'
import type { AboutYouForm } from '../../organizations/provider-registration'
import { defineCapability } from '../capability'
import { accountSettings } from './sign-up'

/** What the provider capabilities take from a preset: account policies that include the provider policies. */
export interface ProviderSettings {
  readonly policies: AccountPolicies & { readonly providers: ProviderPolicies }
}

const providerSettings = (preset: ProviderSettings): ProviderSettings => ({ policies: preset.policies })

/** `portal.providerRegistration`. */
export const providerRegistrationCapability = defineCapability({
  key: 'providerRegistration',
  feature: 'provider registration',
  settings: providerSettings,
  calls: (exec) => ({
    /** Step 3, "Identify yourself": Provider ID, ZIP code and Tax ID. */
    identify: (form: IdentifyForm) => exec(() => providers.identifyProvider(form)),
    /** Step 4, "Tell us about yourself": the organisation and its users. */
    describe: (flowId: unknown, form: AboutYouForm) => exec(() => providers.describeOrganisation(flowId, form)),
    /** Step 5, "Create a username": returns the confirmation page; the temporary password is e-mailed. */
    createUsername: (flowId: unknown, form: UsernameForm) => exec(() => providers.createProviderUsername(flowId, form))
  })
})

/** `portal.chooseOwnPassword(form)`: replace the current (temporary) password with one of the person's own. */
export const chooseOwnPasswordCapability = defineCapability({
  key: 'chooseOwnPassword',
  feature: 'temporary passwords',
  // Only the password policy: any preset that issues temporary passwords offers it.
  settings: accountSettings,
  calls:
    (exec) =>
    (form: { readonly username?: unknown; readonly currentPassword?: unknown; readonly newPassword?: unknown; readonly confirmNewPassword?: unknown }) =>
      exec(() => providers.chooseOwnPassword(form))
})

/** `portal.passwordRecovery`: "Forgot Your Password?" by security question. */
export const passwordRecoveryCapability = defineCapability({
  key: 'passwordRecovery',
  feature: 'password recovery by security question',
  settings: providerSettings,
  calls: (exec) => ({
    /** The question to show for a username (a stable decoy for unknown usernames). */
    question: (username: unknown) => exec(() => providers.securityQuestionFor(username)),
    /** The right answer e-mails a fresh temporary password. */
    answer: (form: { readonly username?: unknown; readonly securityAnswer?: unknown }) => exec(() => providers.recoverWithSecurityAnswer(form))
  })
})
