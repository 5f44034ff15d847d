/**
 * Accounts: who may sign in, with which credentials, acting as whom.
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError, ErrorOf } from '../kernel/errors'
import { EmailAddress, EmailKey, emailKey } from '../kernel/email'
import { MemberId, ProviderId } from '../kernel/identifiers'
import { ChallengeState } from '../credentials/challenge-question'
import { IssuedTemporaryPassword, rememberTemporaryPassword, TemporaryPasswordWindow, unexpiredTemporaryPasswords } from '../credentials/temporary-password'
import { DateOfBirth, PersonName } from '../kernel/person'
import { Username, UsernameKey, usernameKey } from '../kernel/username'
import { KeyedHash } from '../ports/keyed-hasher'
import { PasswordHash } from '../ports/password-hasher'
import type { OrganisationId } from '../organizations/organisation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** An account's identifier (a random UUID). */
export type AccountId = string & { readonly AccountId: unique symbol }

/** A member or dependent on the plan, matched to the member directory. */
export interface MemberRelationship {
  readonly kind: 'member'
  readonly memberId: MemberId
}

/** A non-member acting for a member under a Personal Representative ID (kept only as a keyed hash). */
export interface RepresentativeRelationship {
  readonly kind: 'representative'
  readonly representedMemberId: MemberId
  readonly representativeIdHash: KeyedHash
}

/** A user of a registered provider (Harmony's provider registration). */
export interface ProviderRelationship {
  readonly kind: 'provider'
  readonly providerId: ProviderId
  /** The registration reference printed on the confirmation page. */
  readonly registrationId: string
}

/** A person's account in a registered organisation (HealthPartners' provider portal): one person, one account. */
export interface OrganisationRelationship {
  readonly kind: 'organisation'
  readonly organisationId: OrganisationId
}

/**
 * A person with an account of their own, belonging to no plan (HARP): who
 * they are is proofed once (remotely or by a reviewer), and until then the
 * account cannot be used. Organisations they connect to keep their own rosters.
 */
export interface IndividualRelationship {
  readonly kind: 'individual'
  /** When the person's identity was proofed; null until it is. */
  readonly identityProofedAt: string | null
}

/** Consecutive failed sign-ins and the lock they caused. */
export interface SignInThrottleState {
  readonly consecutiveFailures: number
  readonly lockedUntil: string | null
}

/** An active account. The username is immutable once created. */
export interface Account {
  readonly id: AccountId
  readonly username: Username
  readonly usernameKey: UsernameKey
  readonly email: EmailAddress
  readonly emailKey: EmailKey
  readonly passwordHash: PasswordHash
  readonly firstName: PersonName
  readonly lastName: PersonName
  /** Members and representatives give one; providers' users do not. */
  readonly dateOfBirth: DateOfBirth | null
  readonly relationship: MemberRelationship | RepresentativeRelationship | ProviderRelationship | OrganisationRelationship | IndividualRelationship
  readonly status: 'active'
  readonly createdAt: string
  readonly passwordChangedAt: string
  /** Set while the password is one the plan issued: it must be replaced, and stops working at expiry. */
  readonly temporaryPassword: TemporaryPasswordWindow | null
  /** Every temporary password issued and not yet expired, as keyed hashes: none may become the person's own. */
  readonly issuedTemporaryPasswords: ReadonlyArray<IssuedTemporaryPassword>
  /** The security question and its answer's keyed hash, where the preset uses one. */
  readonly challenge: ChallengeState | null
  readonly signIn: SignInThrottleState
  /** Optimistic-concurrency version: 0 before the first save. */
  readonly version: number
}

/** How sign-in failures slow an attacker down. */
export interface SignInThrottlePolicy {
  /** Failures allowed before the first lock. */
  readonly freeAttempts: number
  /** The first lock; each further failure doubles it, up to `maxLock`. */
  readonly firstLock: Duration
  readonly maxLock: Duration
}

/** Azure AD B2C smart lockout, roughly: 10 free failures, then 1 minute, growing. */
export const b2cSmartLockout: SignInThrottlePolicy = {
  freeAttempts: 10,
  firstLock: Duration.fromObject({ minutes: 1 }),
  maxLock: Duration.fromObject({ minutes: 30 })
}

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/** Refuses a sign-in attempt while the account is locked. */
export const ensureNotThrottled = (now: DateTime, account: Account): E.Either<DomainError, Account> =>
  account.signIn.lockedUntil !== null && now < DateTime.fromISO(account.signIn.lockedUntil, { zone: now.zone })
    ? E.left(
        domainError('sign-in.throttled', {
          rule: 'too many failed sign-ins; wait before trying again',
          retryAfter: account.signIn.lockedUntil
        })
      )
    : E.right(account)

/** Counts a failed sign-in and, past the free attempts, locks the account for a growing time. */
export const recordFailedSignIn =
  (policy: SignInThrottlePolicy) =>
  (now: DateTime, account: Account): Account => {
    const failures = account.signIn.consecutiveFailures + 1
    const over = failures - policy.freeAttempts
    if (over <= 0) return { ...account, signIn: { consecutiveFailures: failures, lockedUntil: null } }
    const ms = Math.min(policy.firstLock.toMillis() * 2 ** Math.min(over - 1, 30), policy.maxLock.toMillis())
    return { ...account, signIn: { consecutiveFailures: failures, lockedUntil: now.plus({ milliseconds: ms }).toISO() as string } }
  }

/** What every new active account starts with: its person, its password, no failed sign-ins, no temporary password. */
const newActiveAccount = (
  args: {
    readonly id: AccountId
    readonly username: Username
    readonly person: { readonly firstName: PersonName; readonly lastName: PersonName; readonly email: EmailAddress }
    readonly passwordHash: PasswordHash
    readonly now: DateTime
  },
  own: Pick<Account, 'dateOfBirth' | 'relationship' | 'challenge'>
): Account => ({
  id: args.id,
  username: args.username,
  usernameKey: usernameKey(args.username),
  email: args.person.email,
  emailKey: emailKey(args.person.email),
  passwordHash: args.passwordHash,
  firstName: args.person.firstName,
  lastName: args.person.lastName,
  dateOfBirth: own.dateOfBirth,
  relationship: own.relationship,
  status: 'active',
  createdAt: args.now.toISO() as string,
  passwordChangedAt: args.now.toISO() as string,
  temporaryPassword: null,
  issuedTemporaryPasswords: [],
  challenge: own.challenge,
  signIn: { consecutiveFailures: 0, lockedUntil: null },
  version: 0
})

/** A new active account of a person in a registered organisation: its own password (or one the plan is about to issue), nothing else yet. */
export const newOrganisationAccount = (args: {
  readonly id: AccountId
  readonly username: Username
  readonly person: { readonly firstName: PersonName; readonly lastName: PersonName; readonly email: EmailAddress }
  readonly passwordHash: PasswordHash
  readonly organisationId: OrganisationId
  readonly now: DateTime
}): Account => newActiveAccount(args, { dateOfBirth: null, relationship: { kind: 'organisation', organisationId: args.organisationId }, challenge: null })

/**
 * A new active account of a person of their own (HARP): profile names and date
 * of birth, a password, a challenge question; identity not yet proofed.
 */
export const newIndividualAccount = (args: {
  readonly id: AccountId
  readonly username: Username
  readonly person: { readonly firstName: PersonName; readonly lastName: PersonName; readonly email: EmailAddress; readonly dateOfBirth: DateOfBirth }
  readonly passwordHash: PasswordHash
  readonly challenge: ChallengeState
  readonly now: DateTime
}): Account => newActiveAccount(args, { dateOfBirth: args.person.dateOfBirth, relationship: { kind: 'individual', identityProofedAt: null }, challenge: args.challenge })

/** Whether an account's person has had their identity proofed (always true of accounts that need no proofing). */
export const identityProofed = (account: Account): boolean =>
  account.relationship.kind !== 'individual' || account.relationship.identityProofedAt !== null

/** Marks an individual's identity proofed (once: a second proofing keeps the first instant). */
export const markIdentityProofed = (now: DateTime, account: Account): Account =>
  account.relationship.kind !== 'individual' || account.relationship.identityProofedAt !== null
    ? account
    : { ...account, relationship: { kind: 'individual', identityProofedAt: now.toISO() as string } }

/** A successful sign-in clears the failure count. */
export const recordSuccessfulSignIn = (account: Account): Account =>
  account.signIn.consecutiveFailures === 0 && account.signIn.lockedUntil === null
    ? account
    : { ...account, signIn: { consecutiveFailures: 0, lockedUntil: null } }

/** A password of the person's own replaces the old hash (and any temporary one) and lifts any sign-in lock. */
export const changePassword = (now: DateTime, account: Account, passwordHash: PasswordHash): Account => ({
  ...account,
  passwordHash,
  passwordChangedAt: now.toISO() as string,
  temporaryPassword: null,
  // Still remembered until they expire: the person may not change back to one later.
  issuedTemporaryPasswords: unexpiredTemporaryPasswords(account.issuedTemporaryPasswords, now),
  signIn: { consecutiveFailures: 0, lockedUntil: null }
})

/** The plan issues a temporary password (`digest` recognises it): it replaces the current one until the person chooses their own. */
export const issueTemporaryPassword = (account: Account, passwordHash: PasswordHash, window: TemporaryPasswordWindow, digest: KeyedHash): Account => ({
  ...account,
  passwordHash,
  passwordChangedAt: window.issuedAt,
  temporaryPassword: window,
  issuedTemporaryPasswords: rememberTemporaryPassword(account.issuedTemporaryPasswords, digest, window),
  signIn: { consecutiveFailures: 0, lockedUntil: null }
})

/** The member whose records an account may see, if it is a member's or a representative's. */
export const memberIdOf = (account: Account): MemberId | undefined =>
  account.relationship.kind === 'member'
    ? account.relationship.memberId
    : account.relationship.kind === 'representative'
      ? account.relationship.representedMemberId
      : undefined

/** The refusal of any rename: usernames cannot be changed. */
export const usernameImmutable = (): ErrorOf<'username.immutable'> =>
  domainError('username.immutable', {
    field: 'username',
    rule: 'usernames cannot be changed; register a new account with a different username'
  })

/** Usernames cannot be changed: the only answer to a rename is this error. */
export const renameUsername = (_account: Account, _requested: Username): E.Either<DomainError, never> => E.left(usernameImmutable())
