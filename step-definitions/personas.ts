/**
 * The people scenarios speak of. A persona is created by a Background step
 * ("Jane Doe is a member of the plan…", "Grace Okafor is the office manager
 * of…") and gets believable defaults that any step can override.
 */
import type { AboutYouForm, AccessArea } from '../src/organizations/provider-registration'

/** A practice on the plan's provider directory, as its welcome packet gives it. */
export interface Practice {
  readonly name: string
  readonly providerId: string
  readonly zipCode: string
  readonly taxId: string
  /** The practice's main line. */
  readonly phone: string
}

/** The kinds of flow a persona can be in the middle of. */
export type FlowKind = 'sign-up' | 'password-reset' | 'provider-registration'

export interface Persona {
  readonly firstName: string
  readonly lastName: string
  username: string
  email: string
  /** The password of the persona's own (at Harmony: the one chosen after the temporary password). */
  password: string
  dateOfBirth: string
  phone: string
  memberId?: string
  representativeId?: string
  /** The practice the persona works at (providers' staff). */
  practice?: Practice
  /** What the persona needs to see on a provider portal. */
  access: ReadonlyArray<AccessArea>
  /** The security question (its text, as on the list) and answer the persona picks. */
  securityQuestion: string
  securityAnswer: string
  /** What the persona last told Harmony about the practice and its users (to go back and change it). */
  aboutYou?: AboutYouForm
  /** When the persona completed a provider registration (ISO). */
  registeredAt?: string
  /** The flow this persona is in the middle of, and which kind it is. */
  flow?: { readonly id: string; readonly kind: FlowKind }
  accountId?: string
}

/** Defaults that depend on the portal the scenario runs against. */
export interface PersonaDefaults {
  /** A password that meets the portal's policy for a password of one's own. */
  readonly password: string
}

/** A persona with the defaults a real person of that name might pick. */
export const newPersona = (firstName: string, lastName: string, defaults: PersonaDefaults): Persona => ({
  firstName,
  lastName,
  username: `${firstName}${lastName}`,
  email: `${firstName}${lastName}@gmail.com`,
  password: defaults.password,
  dateOfBirth: '03-14-1985',
  phone: '(813) 555-0143',
  access: ['claims', 'prior-authorizations'],
  securityQuestion: 'What was the name of your first pet?',
  securityAnswer: 'Biscuit'
})

/** A practice's e-mail domain as its staff would have it: "Riverside Family Practice" → riversidefp.com. */
export const practiceDomain = (practiceName: string): string => {
  const [first, ...rest] = practiceName.toLowerCase().split(/\s+/)
  return `${first ?? 'practice'}${rest.map((w) => w.charAt(0)).join('')}.com`
}
