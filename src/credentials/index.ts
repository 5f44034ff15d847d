/** Credential building blocks: password policies and verification codes. */
export * from './password-policy'
export * from './verification-code'
export * from './challenge-question'
export * from './temporary-password'
export { COMMON_PASSWORDS } from './common-passwords'
export * from './approval-token'
