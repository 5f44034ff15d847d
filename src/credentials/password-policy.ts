/**
 * Password policies as data, and the check that reports every rule a
 * password breaks.
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import * as NEA from 'fp-ts/lib/NonEmptyArray.js'
import { DomainError, domainError, required } from '../kernel/errors'
import { Validation } from '../kernel/validation'
import { boundText, TEXT_LIMITS } from '../kernel/form'
import { COMMON_PASSWORDS } from './common-passwords'
import { characterFacts, foreignCharacters, isBlocklisted } from './password-characters'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A class of characters a composition rule counts (lowercase, digits…). */
export interface CharacterClass {
  readonly name: string
  /** The characters of the class, for a class given by enumeration (symbols), or a test. */
  readonly test: (char: string) => boolean
}

/** A password policy: lengths in Unicode code points, composition, allowed characters, blocklist. */
export interface PasswordPolicy {
  readonly name: string
  readonly minLength: number
  readonly maxLength: number
  /** Classes counted by the composition rule (empty: no composition rule). */
  readonly classes: ReadonlyArray<CharacterClass>
  /** How many of `classes` must appear. */
  readonly minClasses: number
  /** Characters outside every class are rejected when true. */
  readonly onlyClassCharacters: boolean
  /** Case-insensitive list of passwords that are refused outright (too common or breached). */
  readonly blocklist: ReadonlySet<string>
  /** Refuse a password that contains the username. */
  readonly rejectUsername: boolean
}

/** A password that met its policy and matched its confirmation; still never stored. */
export type AcceptedPassword = string & { readonly AcceptedPassword: unique symbol }

// -------------------------------------------------------------------------------------
// presets
// -------------------------------------------------------------------------------------

/** The symbols Azure AD B2C counts as a symbol class. */
export const B2C_SYMBOLS = `@#$%^&*-_+=[]{}|\\:',.?/\`~"();!`

const lowercase: CharacterClass = { name: 'lowercase letter', test: (c) => c >= 'a' && c <= 'z' }
const uppercase: CharacterClass = { name: 'uppercase letter', test: (c) => c >= 'A' && c <= 'Z' }
const digit: CharacterClass = { name: 'number', test: (c) => c >= '0' && c <= '9' }
const b2cSymbol: CharacterClass = { name: 'symbol', test: (c) => c.length === 1 && B2C_SYMBOLS.includes(c) }

/**
 * Azure AD B2C "Strong": 8–64 characters, 3 of lowercase, uppercase, digit and
 * B2C symbol; any other character (space, non-ASCII) is refused.
 */
export const azureB2cStrong: PasswordPolicy = {
  name: 'Azure AD B2C Strong',
  minLength: 8,
  maxLength: 64,
  classes: [lowercase, uppercase, digit, b2cSymbol],
  minClasses: 3,
  onlyClassCharacters: true,
  blocklist: new Set(),
  rejectUsername: false
}

/**
 * NIST SP 800-63B-4: at least 15 characters for a password used alone, 8 when it
 * is one factor of several; at least 64 allowed; every character allowed; no
 * composition rule; a blocklist of common passwords.
 */
export const nist80063b4 = (options: { readonly withMultiFactor: boolean }): PasswordPolicy => ({
  name: options.withMultiFactor ? 'NIST SP 800-63B-4 (with MFA)' : 'NIST SP 800-63B-4 (single factor)',
  minLength: options.withMultiFactor ? 8 : 15,
  maxLength: 128,
  classes: [],
  minClasses: 0,
  onlyClassCharacters: false,
  blocklist: COMMON_PASSWORDS,
  rejectUsername: true
})

// -------------------------------------------------------------------------------------
// checks
// -------------------------------------------------------------------------------------

/** Splits a string into Unicode code points (so an emoji counts once). */
export const codePoints = (s: string): ReadonlyArray<string> => Array.from(s)

/** The rules' wording for one policy and field (the same every time: made once, not per password). */
interface RuleTexts {
  readonly tooShort: string
  readonly tooLong: string
  readonly tooFewClasses: string
  readonly blocklisted: string
  readonly disallowed: string
}

const ruleTexts = new WeakMap<PasswordPolicy, Map<string, RuleTexts>>()

// The last policy and field asked about, and their texts (cheaper than the two maps, and a form asks about one pair over and over).
let lastRules: { readonly policy: PasswordPolicy; readonly field: string; readonly texts: RuleTexts } | undefined

const rulesOf = (policy: PasswordPolicy, field: string): RuleTexts => {
  if (lastRules !== undefined && lastRules.policy === policy && lastRules.field === field) return lastRules.texts
  const texts = ruleTextsFor(policy, field)
  lastRules = { policy, field, texts }
  return texts
}

const ruleTextsFor = (policy: PasswordPolicy, field: string): RuleTexts => {
  let byField = ruleTexts.get(policy)
  if (byField === undefined) ruleTexts.set(policy, (byField = new Map()))
  const known = byField.get(field)
  if (known !== undefined) return known
  const made: RuleTexts = {
    tooShort: `${field} must be at least ${policy.minLength} characters`,
    tooLong: `${field} must be at most ${policy.maxLength} characters`,
    tooFewClasses: `${field} must contain ${policy.minClasses} of: ${policy.classes.map((k) => k.name).join(', ')}`,
    blocklisted: `${field} must not be a commonly used or breached password`,
    disallowed: `${field} may contain only letters, numbers and the symbols ${B2C_SYMBOLS}`
  }
  // a bound on what a caller's field names can hold here
  if (byField.size < 64) byField.set(field, made)
  return made
}

/**
 * Every rule of `policy` that `password` breaks (empty when it is acceptable).
 * Lengths and classes are judged on the NFC form, as NIST asks (a Latin-1
 * password is NFC already: it is read in one pass, see password-characters.ts).
 */
export const violations = (
  policy: PasswordPolicy,
  password: string,
  context: { readonly username?: string } = NO_CONTEXT,
  field = 'password'
): ReadonlyArray<DomainError> => {
  const facts = characterFacts(policy, password)
  const errors: DomainError[] = []
  const rules = rulesOf(policy, field)
  if (facts.length < policy.minLength) errors.push({ code: 'password.too-short', field, rule: rules.tooShort, minimum: policy.minLength } as DomainError)
  if (facts.length > policy.maxLength) errors.push({ code: 'password.too-long', field, rule: rules.tooLong, maximum: policy.maxLength } as DomainError)
  if (policy.minClasses > 0 && facts.found < policy.minClasses)
    errors.push({ code: 'password.too-few-classes', field, rule: rules.tooFewClasses, required: policy.minClasses, found: facts.found } as DomainError)
  if (facts.foreign) {
    // Judged on the characters as typed: NFC would turn a Kelvin sign into an ASCII K.
    const others = foreignCharacters(policy, password)
    let characters = describeChar(others[0] as string)
    for (let i = 1; i < others.length; i++) characters += ` ${describeChar(others[i] as string)}`
    errors.push({ code: 'password.disallowed-character', field, rule: rules.disallowed, characters } as DomainError)
  }
  if (isBlocklisted(policy.blocklist, password)) errors.push({ code: 'password.blocklisted', field, rule: rules.blocklisted } as DomainError)
  if (policy.rejectUsername && context.username !== undefined && context.username.length >= 3 &&
      password.toLowerCase().includes(context.username.toLowerCase()))
    errors.push(domainError('password.contains-username', { field, rule: `${field} must not contain the username` }))
  return errors
}

const NO_CONTEXT: { readonly username?: string } = {}
const NEW_PASSWORD_FIELDS = { password: 'newPassword', confirmation: 'confirmNewPassword' } as const

/**
 * Checks a new password and its confirmation: every broken rule, plus a
 * mismatch, plus "required" for either field left empty.
 *
 * @example
 * import { checkNewPassword, azureB2cStrong } from 'health-portal-domain/credentials'
 * checkNewPassword(azureB2cStrong)('Spring#2026', 'Spring#2026') // right('Spring#2026')
 * checkNewPassword(azureB2cStrong)('short', 'short')            // left([too-short, too-few-classes])
 */
export const checkNewPassword =
  (policy: PasswordPolicy) =>
  (
    password: unknown,
    confirmation: unknown,
    context: { readonly username?: string } = NO_CONTEXT,
    fields: { readonly password: string; readonly confirmation: string } = NEW_PASSWORD_FIELDS
  ): Validation<AcceptedPassword> => {
    // A password no policy could accept is refused before any rule reads it.
    const overLimit = (x: unknown) => typeof x === 'string' && x.length > TEXT_LIMITS.password
    if (overLimit(password) || overLimit(confirmation)) {
      const passwordBound = boundText(password, fields.password, TEXT_LIMITS.password)
      const confirmationBound = boundText(confirmation, fields.confirmation, TEXT_LIMITS.password)
      const tooLong = [passwordBound, confirmationBound].flatMap((r) => (E.isLeft(r) ? [r.left] : []))
      return E.left(tooLong as NEA.NonEmptyArray<DomainError>)
    }
    const pw = typeof password === 'string' ? password : ''
    const confirm = typeof confirmation === 'string' ? confirmation : ''
    // violations gives a fresh array: the confirmation's errors join it
    const errors = pw === '' ? [required(fields.password)] : (violations(policy, pw, context, fields.password) as DomainError[])
    if (confirm === '') errors.push(required(fields.confirmation))
    else if (pw !== '' && confirm !== pw)
      errors.push(domainError('password.mismatch', { field: fields.confirmation, rule: `${fields.confirmation} must match ${fields.password}` }))
    return errors.length > 0 ? E.left(errors as NEA.NonEmptyArray<DomainError>) : E.right(pw as AcceptedPassword)
  }

const described = (c: string): string =>
  c === ' ' ? 'space' : /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? c : `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

// Latin-1, the characters a refused password mostly has, described once: no pattern per character.
const LATIN1_DESCRIBED: ReadonlyArray<string> = Array.from({ length: 256 }, (_, code) => described(String.fromCharCode(code)))

const describeChar = (c: string): string => (c.length === 1 && c.charCodeAt(0) < 256 ? (LATIN1_DESCRIBED[c.charCodeAt(0)] as string) : described(c))
