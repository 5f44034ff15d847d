/** Credential building blocks: password policies and verification codes. */
export * from './password-policy'
export * from './verification-code'
export { COMMON_PASSWORDS } from './common-passwords'
