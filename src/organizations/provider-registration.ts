/**
 * A provider's web registration: the organisation, its users and what each
 * needs access to, as recorded when the provider registered.
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError, required } from '../kernel/errors'
import { EmailAddress, parseEmailAddress } from '../kernel/email'
import { ProviderId } from '../kernel/identifiers'
import { parsePersonName, PersonName } from '../kernel/person'
import { parsePhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { requireText, Validation, validateAll } from '../kernel/validation'
import { boundText, FormOf, readForm, readList, TEXT_LIMITS, validateForm } from '../kernel/form'
import type { AccountId } from '../accounts/account'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a provider's user may see on the site. (Access, not "authorization": see the glossary.) */
export type AccessArea = 'claims' | 'prior-authorizations' | 'eligibility' | 'payments'

/** Every access area, in the order forms list them. */
export const ACCESS_AREAS: ReadonlyArray<AccessArea> = ['claims', 'prior-authorizations', 'eligibility', 'payments']

/** The organisation registering. */
export interface Organisation {
  readonly name: string
  readonly phone: PhoneNumber
}

/** One of its users. The first is the person registering, who receives the temporary password. */
export interface OrganisationUser {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly email: EmailAddress
  readonly phone: PhoneNumber
  readonly access: ReadonlyArray<AccessArea>
}

/** A completed registration: its reference (printed on the confirmation), the provider, and its account. */
export interface ProviderRegistration {
  readonly id: string
  readonly providerId: ProviderId
  readonly providerName: string
  readonly accountId: AccountId
  readonly organisation: Organisation
  readonly users: ReadonlyArray<OrganisationUser>
  readonly registeredAt: string
  readonly version: number
}

/** "Tell us about yourself", as typed. */
export interface AboutYouForm {
  readonly organisation?: { readonly name?: unknown; readonly phone?: unknown }
  readonly users?: unknown
}

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

const MAX_USERS = 25
const ACCESS_EXPECTED = `one or more of: ${ACCESS_AREAS.map((a) => a.replace('-', ' ')).join(', ')}`
const ORG_NAME_MAX = 100
/** Room for every area ticked a few times over ("claims, prior-authorizations, eligibility and payments" is 55). */
const ACCESS_TEXT_MAX = 512
/** Ticked areas read at most (repeats are allowed and kept once). */
const ACCESS_LIST_MAX = 32

/**
 * The areas as typed: an array, or one string of words separated by commas,
 * blanks and "and". Words are split on one character class, so the split is
 * linear (the old `\s*,\s*|\s+and\s+` backtracked quadratically on blanks).
 */
const accessList = (input: unknown, field: string): E.Either<DomainError, ReadonlyArray<unknown> | undefined> => {
  if (typeof input === 'string')
    return E.map(() => input.split(/[\s,]+/).filter((w) => w !== 'and'))(boundText(input, field, ACCESS_TEXT_MAX))
  return E.map((list: ReadonlyArray<unknown> | null) => list ?? undefined)(readList(input, field, ACCESS_LIST_MAX, 'areas'))
}

const parseAccess = (input: unknown, field: string): E.Either<DomainError, ReadonlyArray<AccessArea>> => {
  const read = accessList(input, field)
  if (E.isLeft(read)) return read
  const list = read.right
  if (list === undefined || list.filter((x) => x !== '').length === 0) return E.left(required(field))
  const areas = [...new Set(list.filter((x) => x !== ''))]
  const unknown = areas.filter((a) => !(ACCESS_AREAS as ReadonlyArray<unknown>).includes(a))
  return unknown.length > 0
    ? E.left(domainError('field.invalid', { field, rule: `${field} must be ${ACCESS_EXPECTED}`, expected: ACCESS_EXPECTED }))
    : E.right(ACCESS_AREAS.filter((a) => areas.includes(a)))
}

const parseUser = (input: unknown, i: number): Validation<OrganisationUser> =>
  validateForm(['firstName', 'lastName', 'email', 'phone', 'access'], (u) => parseReadUser(u, i), `users[${i}]`)(input)

const parseReadUser = (u: FormOf<'firstName' | 'lastName' | 'email' | 'phone' | 'access'>, i: number): Validation<OrganisationUser> => {
  const at = `users[${i}]`
  return validateAll({
    firstName: parsePersonName(u.firstName, `${at}.firstName`),
    lastName: parsePersonName(u.lastName, `${at}.lastName`),
    email: parseEmailAddress(u.email, `${at}.email`),
    phone: parsePhoneNumber(u.phone, `${at}.phone`),
    access: parseAccess(u.access, `${at}.access`)
  })
}

/** Validates the organisation and its users (at least one, at most 25), collecting every error. */
export const validateAboutYou = (input: AboutYouForm): Validation<{ readonly organisation: Organisation; readonly users: ReadonlyArray<OrganisationUser> }> =>
  pipe(
    readForm(input, ['organisation', 'users']),
    E.chain((form) => pipe(readForm(form.organisation, ['name', 'phone'], 'organisation'), E.map((org) => ({ org, users: form.users })))),
    E.chain(({ org, users }) => aboutYouOf(org, users))
  )

const aboutYouOf = (
  org: FormOf<'name' | 'phone'>,
  input: unknown
): Validation<{ readonly organisation: Organisation; readonly users: ReadonlyArray<OrganisationUser> }> => {
  const read = readList(input, 'users', MAX_USERS, 'users')
  const users = E.isRight(read) ? read.right ?? [] : []
  const usersCheck: Validation<ReadonlyArray<OrganisationUser>> =
    E.isLeft(read)
      ? E.left([read.left])
      : users.length === 0
        ? E.left([required('users')])
        : (() => {
            const each = users.map(parseUser)
            const errors = each.flatMap((v) => (E.isLeft(v) ? v.left : []))
            const [first, ...rest] = errors
            return first !== undefined ? E.left([first, ...rest]) : E.right(each.map((v) => (v as E.Right<OrganisationUser>).right))
          })()
  const name = E.chain((s: string): E.Either<DomainError, string> =>
    s.length > ORG_NAME_MAX
      ? E.left(
          domainError('field.too-long', { field: 'organisation.name', rule: `organisation.name must be at most ${ORG_NAME_MAX} characters`, maximum: ORG_NAME_MAX })
        )
      : E.right(s.replace(/\s+/g, ' '))
  )(requireText(org.name, 'organisation.name', TEXT_LIMITS.line))
  return E.map((v: { name: string; phone: PhoneNumber; users: ReadonlyArray<OrganisationUser> }) => ({
    organisation: { name: v.name, phone: v.phone },
    users: v.users
  }))(validateAll({ name, phone: parsePhoneNumber(org.phone, 'organisation.phone'), users: usersCheck }))
}
