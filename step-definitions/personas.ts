/**
 * The people scenarios speak of. A persona is created by a Background step
 * ("Jane Doe is a member of the plan…") and gets believable defaults that
 * any step can override.
 */
export interface Persona {
  readonly firstName: string
  readonly lastName: string
  username: string
  email: string
  password: string
  dateOfBirth: string
  memberId?: string
  representativeId?: string
  /** The flow this persona is in the middle of, and which kind it is. */
  flow?: { readonly id: string; readonly kind: 'sign-up' | 'password-reset' }
  accountId?: string
}

/** A persona with the defaults a real person of that name might pick. */
export const newPersona = (firstName: string, lastName: string): Persona => ({
  firstName,
  lastName,
  username: `${firstName}${lastName}`,
  email: `${firstName}${lastName}@gmail.com`,
  password: 'Spring#2026',
  dateOfBirth: '03-14-1985'
})
