/**
 * The sign-up flow: credentials and a verified e-mail address first, then who
 * the person is (a member, or a representative acting for one).
 *
 *   AwaitingEmailCode ──verify──► EmailVerified ──complete──► SignUpCompleted
 *          ▲                          │
 *          └────────change e-mail─────┘
 *
 * @since 0.1.0
 */
import * as E from '../../kernel/either'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError, invalid, required } from '../../kernel/errors'
import { EmailAddress, emailKey, EmailKey, parseEmailAddress } from '../../kernel/email'
import { IdentifierFormat, MemberId, memberIdParser, PersonalRepresentativeId, representativeIdParser } from '../../kernel/identifiers'
import { DateOfBirth, parseDateOfBirth, parsePersonName, PersonName } from '../../kernel/person'
import { parseUsername, Username, usernameKey, UsernameKey } from '../../kernel/username'
import { Validation, validateAll } from '../../kernel/validation'
import { validateForm } from '../../kernel/form'
import { AcceptedPassword, checkNewPassword, PasswordPolicy } from '../../credentials/password-policy'
import { KeyedHash } from '../../ports/keyed-hasher'
import { MemberRecord, RepresentativeGrant } from '../../ports/member-directory'
import { PasswordHash } from '../../ports/password-hasher'
import { Account, AccountId } from '../account'
import { FlowBase, FlowId, newFlowBase } from '../flow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

interface SignUpBase extends FlowBase {
  readonly kind: 'sign-up'
  readonly username: Username
  readonly usernameKey: UsernameKey
  readonly passwordHash: PasswordHash
  readonly email: EmailAddress
  readonly emailKey: EmailKey
}

/** A code was sent to the e-mail address; waiting for the person to type it. */
export interface AwaitingEmailCode extends SignUpBase {
  readonly state: 'awaiting-email-code'
}

/** "E-mail address verified. You can now continue." */
export interface EmailVerified extends SignUpBase {
  readonly state: 'email-verified'
  readonly verifiedAt: string
}

/** "Create" made the account. */
export interface SignUpCompleted extends SignUpBase {
  readonly state: 'completed'
  readonly accountId: AccountId
}

/** Every state of a sign-up flow. */
export type SignUpFlow = AwaitingEmailCode | EmailVerified | SignUpCompleted

/** The first screen, as typed. */
export interface CredentialsForm {
  readonly username?: unknown
  readonly newPassword?: unknown
  readonly confirmNewPassword?: unknown
  readonly email?: unknown
}

/** The first screen, validated. */
export interface ValidCredentials {
  readonly username: Username
  readonly password: AcceptedPassword
  readonly email: EmailAddress
}

/** "I am a…": a member or dependent, or a non-member acting for a member. */
export type Relationship = 'member' | 'representative'

/** The second screen, as typed. */
export interface ProfileForm {
  readonly firstName?: unknown
  readonly lastName?: unknown
  readonly dateOfBirth?: unknown
  readonly iAmA?: unknown
  readonly memberId?: unknown
  readonly representativeId?: unknown
}

/** The second screen, validated. */
export type ValidProfile = {
  readonly firstName: PersonName
  readonly lastName: PersonName
  readonly dateOfBirth: DateOfBirth
} & (
  | { readonly iAmA: 'member'; readonly memberId: MemberId }
  | { readonly iAmA: 'representative'; readonly representativeId: PersonalRepresentativeId }
)

/** Evidence that the profile names a real member, or a representative the plan recognises. */
export type Standing =
  | { readonly kind: 'member'; readonly member: MemberRecord }
  | { readonly kind: 'representative'; readonly grant: RepresentativeGrant; readonly representativeIdHash: KeyedHash }

// -------------------------------------------------------------------------------------
// validation (each step's input typed before it is used)
// -------------------------------------------------------------------------------------

/** Validates the credentials screen, collecting every error. */
export const validateCredentials =
  (policy: PasswordPolicy) =>
  (input: CredentialsForm): Validation<ValidCredentials> =>
    validateForm(['username', 'newPassword', 'confirmNewPassword', 'email'], (form) =>
      validateAll({
        username: parseUsername(form.username, 'username'),
        password: checkNewPassword(policy)(form.newPassword, form.confirmNewPassword, {
          username: typeof form.username === 'string' ? form.username : undefined
        }),
        email: parseEmailAddress(form.email, 'email')
      })
    )(input)

/** Validates the profile screen, collecting every error; the ID asked for depends on "I am a…". */
export const validateProfile =
  (formats: { readonly memberId: IdentifierFormat; readonly representativeId: IdentifierFormat }, today: string) =>
  (input: ProfileForm): Validation<ValidProfile> =>
    validateForm(['firstName', 'lastName', 'dateOfBirth', 'iAmA', 'memberId', 'representativeId'], (form) => profileOf(formats, today, form))(input)

const profileOf = (
  formats: { readonly memberId: IdentifierFormat; readonly representativeId: IdentifierFormat },
  today: string,
  form: ProfileForm
): Validation<ValidProfile> => {
    const relationship: E.Either<DomainError, Relationship> =
      form.iAmA === undefined || form.iAmA === null || form.iAmA === ''
        ? E.left(required('iAmA'))
        : form.iAmA === 'member' || form.iAmA === 'representative'
          ? E.right(form.iAmA)
          : E.left(invalid('iAmA', '"member" or "representative"'))
    const id: E.Either<DomainError, MemberId | PersonalRepresentativeId | null> =
      E.isLeft(relationship)
        ? E.right(null)
        : relationship.right === 'member'
          ? memberIdParser(formats.memberId)(form.memberId, 'memberId')
          : representativeIdParser(formats.representativeId)(form.representativeId, 'representativeId')
    return E.map(
      (v: {
        firstName: PersonName
        lastName: PersonName
        dateOfBirth: DateOfBirth
        iAmA: Relationship
        id: MemberId | PersonalRepresentativeId | null
      }): ValidProfile => {
        const base = { firstName: v.firstName, lastName: v.lastName, dateOfBirth: v.dateOfBirth }
        return v.iAmA === 'member'
          ? { ...base, iAmA: 'member', memberId: v.id as MemberId }
          : { ...base, iAmA: 'representative', representativeId: v.id as PersonalRepresentativeId }
      }
    )(
      validateAll({
        firstName: parsePersonName(form.firstName, 'firstName'),
        lastName: parsePersonName(form.lastName, 'lastName'),
        dateOfBirth: parseDateOfBirth(today)(form.dateOfBirth, 'dateOfBirth'),
        iAmA: relationship,
        id
      })
    )
  }

// -------------------------------------------------------------------------------------
// matching against the plan's data
// -------------------------------------------------------------------------------------

/** Folds case and accents, so "José" matches "JOSE" and "Strauß" matches "STRAUSS". */
export const foldName = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().toLowerCase()

/** Does the member directory's record belong to the person on the form? */
export const matchMember = (profile: ValidProfile & { iAmA: 'member' }, record: MemberRecord | null): E.Either<DomainError, Standing> =>
  record !== null &&
  foldName(record.firstName) === foldName(profile.firstName) &&
  foldName(record.lastName) === foldName(profile.lastName) &&
  record.dateOfBirth === profile.dateOfBirth
    ? E.right({ kind: 'member', member: record })
    : E.left(
        domainError('member.not-matched', {
          field: 'memberId',
          rule: 'memberId must belong to a member with this first name, last name and date of birth'
        })
      )

/** Was this representative ID issued, and to the person on the form? */
export const matchRepresentative = (
  profile: ValidProfile & { iAmA: 'representative' },
  grant: RepresentativeGrant | null,
  representativeIdHash: KeyedHash
): E.Either<DomainError, Standing> =>
  grant !== null && foldName(grant.firstName) === foldName(profile.firstName) && foldName(grant.lastName) === foldName(profile.lastName)
    ? E.right({ kind: 'representative', grant, representativeIdHash })
    : E.left(
        domainError('representative.not-recognised', {
          field: 'representativeId',
          rule: 'representativeId must be a Personal Representative ID the plan issued to this person'
        })
      )

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/** Starts a flow once the credentials are valid and the password is hashed. */
export const startSignUp = (
  now: DateTime,
  id: FlowId,
  lifetime: Duration,
  credentials: ValidCredentials,
  passwordHash: PasswordHash
): AwaitingEmailCode => ({
  kind: 'sign-up',
  state: 'awaiting-email-code',
  ...newFlowBase(now, id, lifetime),
  username: credentials.username,
  usernameKey: usernameKey(credentials.username),
  passwordHash,
  email: credentials.email,
  emailKey: emailKey(credentials.email)
})

/** The code matched: the e-mail address is verified. */
export const markEmailVerified = (now: DateTime, flow: AwaitingEmailCode): EmailVerified => ({
  ...flow,
  state: 'email-verified',
  verifiedAt: now.toISO() as string
})

/** "Change e-mail": back to waiting for a code, at the new address. */
export const changeEmail = (flow: EmailVerified | AwaitingEmailCode, email: EmailAddress): AwaitingEmailCode => {
  const { verifiedAt: _dropped, ...rest } = flow as EmailVerified
  return { ...rest, state: 'awaiting-email-code', email, emailKey: emailKey(email) }
}

/** "Create": the account, and the flow marked completed. */
export const completeSignUp = (
  now: DateTime,
  flow: EmailVerified,
  accountId: AccountId,
  profile: ValidProfile,
  standing: Standing
): { readonly account: Account; readonly flow: SignUpCompleted } => {
  const at = now.toISO() as string
  const account: Account = {
    id: accountId,
    username: flow.username,
    usernameKey: flow.usernameKey,
    email: flow.email,
    emailKey: flow.emailKey,
    passwordHash: flow.passwordHash,
    firstName: profile.firstName,
    lastName: profile.lastName,
    dateOfBirth: profile.dateOfBirth,
    relationship:
      standing.kind === 'member'
        ? { kind: 'member', memberId: standing.member.memberId }
        : { kind: 'representative', representedMemberId: standing.grant.memberId, representativeIdHash: standing.representativeIdHash },
    status: 'active',
    createdAt: at,
    passwordChangedAt: at,
    signIn: { consecutiveFailures: 0, lockedUntil: null },
    temporaryPassword: null,
    issuedTemporaryPasswords: [],
    challenge: null,
    version: 0
  }
  const { verifiedAt: _v, ...rest } = flow
  return { account, flow: { ...rest, state: 'completed', accountId } }
}
