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

export * from './sign-up'
export * from './sign-in'
export * from './password-reset'
export * from './provider-accounts'
export * from './prior-authorization'
export * from './organisations'

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
  clientAccessCapability
] as const
