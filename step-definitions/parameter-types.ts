/**
 * The step vocabulary's parameter types. Each decodes with the library's own
 * rules where the library has them, so a typo in a table fails loudly.
 */
import { defineParameterType } from '@cucumber/cucumber'
import { Duration } from 'luxon'

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

/** The fields of the HPP forms, in the words the guide's screens use. */
export const FIELDS: Readonly<Record<string, string>> = {
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
  'verification code': 'verificationCode'
}

defineParameterType({
  name: 'field',
  regexp: new RegExp(Object.keys(FIELDS).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')),
  transformer: (s: string) => FIELDS[s] as string
})

defineParameterType({
  name: 'planLine',
  regexp: /Medicaid|Medicare|CHIP/,
  transformer: (s: string) => s.toLowerCase() as 'medicaid' | 'medicare' | 'chip'
})
