/**
 * A provider's web registration: the organisation, its users and what each
 * needs access to, as recorded when the provider registered.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { domainError, DomainError, required } from '../kernel/errors'
import { EmailAddress, parseEmailAddress } from '../kernel/email'
import { ProviderId } from '../kernel/identifiers'
import { parsePersonName, PersonName } from '../kernel/person'
import { parsePhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { requireText, Validation, validateAll } from '../kernel/validation'
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

const parseAccess = (input: unknown, field: string): E.Either<DomainError, ReadonlyArray<AccessArea>> => {
  const list = Array.isArray(input) ? input : typeof input === 'string' ? input.split(/\s*,\s*|\s+and\s+/) : undefined
  if (list === undefined || list.filter((x) => x !== '').length === 0) return E.left(required(field))
  const areas = [...new Set(list.filter((x) => x !== ''))]
  const unknown = areas.filter((a) => !(ACCESS_AREAS as ReadonlyArray<unknown>).includes(a))
  return unknown.length > 0
    ? E.left(domainError('field.invalid', { field, rule: `${field} must be ${ACCESS_EXPECTED}`, expected: ACCESS_EXPECTED }))
    : E.right(ACCESS_AREAS.filter((a) => areas.includes(a)))
}

const parseUser = (input: unknown, i: number): Validation<OrganisationUser> => {
  const u = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>
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
export const validateAboutYou = (form: AboutYouForm): Validation<{ readonly organisation: Organisation; readonly users: ReadonlyArray<OrganisationUser> }> => {
  const org = form.organisation ?? {}
  const users = Array.isArray(form.users) ? form.users : []
  const usersCheck: Validation<ReadonlyArray<OrganisationUser>> =
    users.length === 0
      ? E.left([required('users')])
      : users.length > MAX_USERS
        ? E.left([domainError('field.too-long', { field: 'users', rule: `at most ${MAX_USERS} users may be registered at once`, maximum: MAX_USERS })])
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
  )(requireText(org.name, 'organisation.name'))
  return E.map((v: { name: string; phone: PhoneNumber; users: ReadonlyArray<OrganisationUser> }) => ({
    organisation: { name: v.name, phone: v.phone },
    users: v.users
  }))(validateAll({ name, phone: parsePhoneNumber(org.phone, 'organisation.phone'), users: usersCheck }))
}
