/** Credential building blocks: password policies, verification codes and TOTP. */
export * from './password-policy'
export * from './verification-code'
export * from './challenge-question'
export * from './temporary-password'
export { COMMON_PASSWORDS } from './common-passwords'
export * from './approval-token'
export * from './totp'
