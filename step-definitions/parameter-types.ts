/**
 * The step vocabulary's parameter types. Each decodes with the library's own
 * rules where the library has them, so a typo in a table fails loudly.
 */
import { defineParameterType } from '@cucumber/cucumber'
import { Duration } from 'luxon'
import * as E from 'fp-ts/lib/Either.js'
import { healthpartners } from '../src'
import { ACCESS_AREAS, AccessArea } from '../src/organizations/provider-registration'
import { parseProviderPath, ProviderPath } from '../src/organizations/registration/flow'
import { TERMS_DOCUMENTS, TERMS_TITLES, TermsDocument } from '../src/organizations/terms-of-use'

defineParameterType({
  name: 'persona',
  // A capitalised first name, optionally with a last name, or a pronoun.
  regexp: /[A-Z][a-z]+(?: [A-Z][a-z]+)?|she|he|they/,
  transformer: (s: string) => s
})

const UNITS: Record<string, keyof import('luxon').DurationLikeObject> = {
  second: 'seconds', seconds: 'seconds', minute: 'minutes', minutes: 'minutes',
  hour: 'hours', hours: 'hours', day: 'days', days: 'days'
}

defineParameterType({
  name: 'duration',
  regexp: /\d+ (?:seconds?|minutes?|hours?|days?)/,
  transformer: (s: string): Duration => {
    const [n, unit] = s.split(' ') as [string, string]
    return Duration.fromObject({ [UNITS[unit] as string]: Number(n) })
  }
})

/** The fields of the forms, in the words the guides' screens use, and the library's name for each. */
export const FIELDS: Readonly<Record<string, string>> = {
  // HPP member portal
  username: 'username',
  'new password': 'newPassword',
  'password confirmation': 'confirmNewPassword',
  'e-mail address': 'email',
  'first name': 'firstName',
  'last name': 'lastName',
  'date of birth': 'dateOfBirth',
  'Member ID': 'memberId',
  'Personal Representative ID': 'representativeId',
  'choice of "I am a..."': 'iAmA',
  'verification code': 'verificationCode',
  // Harmony provider registration
  'Provider ID': 'providerId',
  'ZIP code': 'zipCode',
  'Tax ID': 'taxId',
  'organization name': 'organisation.name',
  'organization phone number': 'organisation.phone',
  'list of users': 'users',
  'security question': 'securityQuestion',
  'security answer': 'securityAnswer',
  // HealthPartners self registration
  NPI: 'npi',
  'vendor #': 'vendorNumber',
  'check #': 'checkNumber',
  "organization's full name": 'fullName',
  'phone number': 'phone',
  // QPP HARP profile and account
  'Social Security Number': 'ssn',
  'User ID': 'userId',
  'challenge question': 'challengeQuestion',
  'challenge answer': 'challengeAnswer'
}

/** Step 4's users, in order: "the first user's e-mail address" is the library's `users[0].email`. */
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'] as const
const USER_FIELDS: Readonly<Record<string, string>> = {
  'first name': 'firstName',
  'last name': 'lastName',
  'e-mail address': 'email',
  'phone number': 'phone',
  access: 'access'
}
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const USER_FIELD = new RegExp(`^(${ORDINALS.join('|')}) user's (${Object.keys(USER_FIELDS).map(escape).join('|')})$`)

/** The library's name for a field as a person names it, or undefined for a name the vocabulary does not have. */
export const fieldOf = (label: string): string | undefined => {
  const user = USER_FIELD.exec(label)
  if (user !== null) return `users[${ORDINALS.indexOf(user[1] as (typeof ORDINALS)[number])}].${USER_FIELDS[user[2] as string]}`
  return FIELDS[label]
}

defineParameterType({
  name: 'field',
  regexp: new RegExp(
    [USER_FIELD.source.slice(1, -1).replace(/\((?!\?)/g, '(?:'), ...Object.keys(FIELDS).map(escape)].join('|')
  ),
  transformer: (s: string) => {
    const field = fieldOf(s)
    if (field === undefined) throw new Error(`unknown field "${s}"`)
    return field
  }
})

/** What a provider's user may see, as people say it: "claims and prior authorizations". */
export const ACCESS_WORDS: Readonly<Record<string, AccessArea>> = {
  claims: 'claims',
  'prior authorizations': 'prior-authorizations',
  eligibility: 'eligibility',
  payments: 'payments'
}

/** Splits "claims, eligibility and payments" into the library's access areas; a word it does not know is kept as typed. */
export const accessFromWords = (words: string): ReadonlyArray<string> =>
  words
    .split(/\s*,\s*|\s+and\s+/)
    .filter((w) => w !== '')
    .map((w) => ACCESS_WORDS[w] ?? w)

const AREA = Object.keys(ACCESS_WORDS).map(escape).join('|')

defineParameterType({
  name: 'accessAreas',
  regexp: new RegExp(`(?:${AREA})(?:(?:, | and )(?:${AREA}))*`),
  transformer: (s: string): ReadonlyArray<AccessArea> => {
    const areas = accessFromWords(s)
    const unknown = areas.filter((a) => !(ACCESS_AREAS as ReadonlyArray<string>).includes(a))
    if (unknown.length > 0) throw new Error(`not an access area: ${unknown.join(', ')}`)
    return areas as ReadonlyArray<AccessArea>
  }
})

defineParameterType({
  name: 'planLine',
  regexp: /Medicaid|Medicare|CHIP/,
  transformer: (s: string) => s.toLowerCase() as 'medicaid' | 'medicare' | 'chip'
})

/** HealthPartners' provider path (step 4) by the guide's name: "Tax ID/NPI", "Tax ID/Vendor#" or "US Mail". */
defineParameterType({
  name: 'providerPath',
  regexp: new RegExp(Object.keys(healthpartners.providerPaths).map(escape).join('|')),
  transformer: (s: string): ProviderPath => {
    const path = parseProviderPath(healthpartners.providerPaths[s as keyof typeof healthpartners.providerPaths])
    if (E.isLeft(path)) throw new Error(`not a provider path: ${s}`)
    return path.right
  }
})

/** A terms document by its title: "Provider Portal Terms of Use", "Delegate/Site Administrator Terms of Use". */
defineParameterType({
  name: 'termsDocument',
  regexp: new RegExp(TERMS_DOCUMENTS.map((d) => escape(TERMS_TITLES[d])).join('|')),
  transformer: (s: string): TermsDocument => {
    const document = TERMS_DOCUMENTS.find((d) => TERMS_TITLES[d] === s)
    if (document === undefined) throw new Error(`not a terms document: ${s}`)
    return document
  }
})
