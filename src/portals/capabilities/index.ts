/**
 * Every capability the library ships, one module each. A preset lists the
 * ones it offers; `createPortal` answers `portal.not-offered` for the others
 * (to JavaScript callers: TypeScript callers cannot reach them).
 *
 * @since 0.2.0
 */
import { signUpCapability } from './sign-up'
import { changeUsernameCapability, signInCapability } from './sign-in'
import { passwordResetCapability } from './password-reset'
import { chooseOwnPasswordCapability, passwordRecoveryCapability, providerRegistrationCapability } from './provider-accounts'
import { priorAuthorizationCapability } from './prior-authorization'
import { clientAccessCapability, organisationRegistrationCapability, providerSiteCapability } from './organisations'
import { helpDeskCapability, organisationAccessCapability } from './harp-organisations'
import { mfaDevicesCapability, twoFactorSignInCapability } from './two-factor'
import { harpRegistrationCapability, identityProofingCapability, proofingReviewCapability } from './proofing'

export * from './sign-up'
export * from './sign-in'
export * from './password-reset'
export * from './provider-accounts'
export * from './prior-authorization'
export * from './organisations'
export * from './harp-organisations'
export * from './two-factor'
export * from './proofing'

/** The capabilities the library ships, in the order a portal lists them. */
export const shippedCapabilities = [
  signUpCapability,
  signInCapability,
  changeUsernameCapability,
  passwordResetCapability,
  providerRegistrationCapability,
  chooseOwnPasswordCapability,
  passwordRecoveryCapability,
  priorAuthorizationCapability,
  organisationRegistrationCapability,
  providerSiteCapability,
  clientAccessCapability,
  organisationAccessCapability,
  helpDeskCapability,
  twoFactorSignInCapability,
  mfaDevicesCapability,
  harpRegistrationCapability,
  identityProofingCapability,
  proofingReviewCapability
] as const
