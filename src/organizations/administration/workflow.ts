/**
 * After sign-in on HealthPartners' provider site: the terms of use (before
 * anything else), the mailed PIN of a US Mail registration, and the
 * delegates' administration of accounts, roles and applications.
 *
 * Every call names the signed-in account (`acting.accountId`); every change
 * to an organisation is one versioned write of the organisation, so two
 * delegates acting at once cannot both win over the same state (two demoting
 * each other leave one delegate).
 *
 * @since 0.3.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError, ErrorOf, invalid } from '../../kernel/errors'
import { emailKey } from '../../kernel/email'
import { boundText, readForm, TEXT_LIMITS } from '../../kernel/form'
import { parseUsername, Username, usernameKey } from '../../kernel/username'
import { requireText, validateAll } from '../../kernel/validation'
import { temporaryPasswordDigest, temporaryPasswordFromBytes, temporaryPasswordWindow } from '../../credentials/temporary-password'
import { Account, AccountId, issueTemporaryPassword, newOrganisationAccount } from '../../accounts/account'
import { Errors } from '../../accounts/policies'
import { fromEither, fromPort, fromValidation } from '../../accounts/workflow-kit'
import { enterPin as checkPin, parsePin, pinDigest, pinFromBytes, reissuePin } from '../mailed-pin'
import {
  actingDelegate,
  addDelegate,
  addStaffAccount,
  ApplicationId,
  Contact,
  demoteToStaff,
  grantApplication,
  Membership,
  MembershipRole,
  notAMember,
  parseApplicationId,
  promoteToDelegate,
  removeMember,
  revokeApplication,
  validateContact
} from '../membership'
import { OrganisationId, ProviderOrganisation, RegisteredOrganisation } from '../organisation'
import { OrganisationsEnv, OrganisationWorkflow } from '../policies'
import { ensureUsernameFree, drawPin } from '../workflow-kit'
import { acceptTerms as accept, ensureTermsAccepted, parseTermsDocument, parseTermsVersion, TERMS_TITLES, TermsDocument, termsOutstanding } from '../terms-of-use'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

type W<A> = OrganisationWorkflow<A>

/** Who is acting: the signed-in account. */
export interface ActingMember {
  readonly accountId: unknown
}

/** The signed-in person, their organisation and membership. */
export interface MemberContext {
  readonly account: Account
  readonly organisation: RegisteredOrganisation
  readonly membership: Membership
}

/** One account as a delegate sees it on the organisation's roster. */
export interface RosterEntry {
  readonly accountId: AccountId
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly role: MembershipRole
  readonly applications: ReadonlyArray<ApplicationId>
}

/** What the site shows the signed-in person about where they stand. */
export interface SiteStatus {
  readonly organisationId: OrganisationId
  readonly organisationName: string
  readonly kind: RegisteredOrganisation['kind']
  readonly role: MembershipRole
  readonly applications: ReadonlyArray<ApplicationId>
  /** Documents still to accept, with their current versions: nothing else works until they are. */
  readonly termsOutstanding: ReadonlyArray<{ readonly document: TermsDocument; readonly title: string; readonly version: string }>
  /** What the person accepted, as recorded: each document's latest acceptance, its version and when. */
  readonly termsAccepted: ReadonlyArray<{ readonly document: TermsDocument; readonly title: string; readonly version: string; readonly acceptedAt: string }>
  /** A US Mail registration waits for its PIN. */
  readonly awaitingPin: boolean
  readonly pinExpiresAt: string | null
  /** The organisation's accounts (delegates only; empty for staff). */
  readonly roster: ReadonlyArray<RosterEntry>
}

/** An account a delegate created: its id and username; its temporary password went by e-mail. */
export interface CreatedMemberAccount {
  readonly accountId: AccountId
  readonly username: Username
  readonly role: MembershipRole
}

// -------------------------------------------------------------------------------------
// loading the acting member
// -------------------------------------------------------------------------------------

const clockNow: W<DateTime> = RTE.asks((env: OrganisationsEnv) => env.clock.now())

const signInFirst = (): ErrorOf<'account.not-found'> => domainError('account.not-found', { field: 'accountId', rule: 'sign in first' })

/** The acting account, its organisation and its membership; an account of no organisation, or removed from it, is not a member. */
export const loadMember = (acting: ActingMember): W<MemberContext> =>
  pipe(
    fromValidation<{ readonly accountId: unknown }, OrganisationsEnv>(readForm(acting, ['accountId'], 'acting')),
    RTE.chainW(({ accountId }) => fromEither<unknown, OrganisationsEnv>(boundText(accountId, 'accountId', TEXT_LIMITS.short))),
    RTE.chainW((accountId) =>
      typeof accountId === 'string' && accountId !== ''
        ? fromPort((env: OrganisationsEnv) => env.accounts.findById(accountId as AccountId))
        : RTE.right<OrganisationsEnv, Errors, O.Option<Account>>(O.none)
    ),
    RTE.chainW((found) => fromEither<Account, OrganisationsEnv>(O.isSome(found) ? E.right(found.value) : E.left(signInFirst()))),
    RTE.chainW((account) =>
      account.relationship.kind !== 'organisation'
        ? fromEither<MemberContext, OrganisationsEnv>(E.left(notAMember('accountId')))
        : pipe(
            fromPort((env: OrganisationsEnv) => env.organisations.findById((account.relationship as { organisationId: OrganisationId }).organisationId)),
            RTE.chainW((org) => {
              const membership = O.isSome(org) ? org.value.memberships.find((m) => m.accountId === account.id) : undefined
              return fromEither<MemberContext, OrganisationsEnv>(
                O.isSome(org) && membership !== undefined ? E.right({ account, organisation: org.value, membership }) : E.left(notAMember('accountId'))
              )
            })
          )
    )
  )

const awaitingPinError = (): ErrorOf<'organisation.awaiting-pin'> =>
  domainError('organisation.awaiting-pin', { rule: 'the registration completes when the PIN mailed to the address of record is entered' })

/** A password the plan issued must be replaced first; then the terms must be accepted. */
const termsGate = (ctx: MemberContext): W<MemberContext> =>
  pipe(
    ctx.account.temporaryPassword !== null
      ? fromEither<unknown, OrganisationsEnv>(E.left(domainError('password.change-required', { rule: 'choose a password of your own before anything else' })))
      : RTE.right<OrganisationsEnv, Errors, unknown>(undefined),
    RTE.chainW(() => RTE.asks((env: OrganisationsEnv) => env.organisationPolicies.terms)),
    RTE.chainW((terms) => fromEither<unknown, OrganisationsEnv>(ensureTermsAccepted(ctx.membership, terms))),
    RTE.map(() => ctx)
  )

/** Before anything else works: one's own password, the terms of use, and (US Mail) the PIN entered. */
export const readyMember = (acting: ActingMember): W<MemberContext> =>
  pipe(
    loadMember(acting),
    RTE.chainW(termsGate),
    RTE.chainW((ctx) =>
      fromEither<MemberContext, OrganisationsEnv>(
        ctx.organisation.kind === 'provider' && ctx.organisation.verification.verifiedAt === null ? E.left(awaitingPinError()) : E.right(ctx)
      )
    )
  )

/** Saves a changed organisation (versioned: a stale copy loses with `storage.conflict`). */
const saveOrganisation = <O extends RegisteredOrganisation>(organisation: O): W<O> =>
  fromPort((env: OrganisationsEnv) => env.organisations.update(organisation)) as W<O>

// -------------------------------------------------------------------------------------
// status and terms
// -------------------------------------------------------------------------------------

const statusOf = (env: OrganisationsEnv, ctx: MemberContext): SiteStatus => {
  const { organisation, membership } = ctx
  const awaiting = organisation.kind === 'provider' && organisation.verification.verifiedAt === null ? organisation.verification.pin : null
  return {
    organisationId: organisation.id,
    organisationName: organisation.fullName,
    kind: organisation.kind,
    role: membership.role,
    applications: membership.applications,
    termsOutstanding: termsOutstanding(membership, env.organisationPolicies.terms).map((document) => ({
      document,
      title: TERMS_TITLES[document],
      version: env.organisationPolicies.terms[document]
    })),
    termsAccepted: membership.acceptances.map((a) => ({ document: a.document, title: TERMS_TITLES[a.document], version: a.version, acceptedAt: a.acceptedAt })),
    awaitingPin: awaiting !== null,
    pinExpiresAt: awaiting?.expiresAt ?? null,
    roster:
      membership.role === 'delegate'
        ? organisation.memberships.map((m) => ({ accountId: m.accountId, firstName: m.firstName, lastName: m.lastName, email: m.email, role: m.role, applications: m.applications }))
        : []
  }
}

/** Where the signed-in person stands: terms to accept, a PIN awaited, their applications (and, for a delegate, the roster). */
export const siteStatus = (acting: ActingMember): W<SiteStatus> =>
  pipe(
    loadMember(acting),
    RTE.chainW((ctx) => RTE.asks((env: OrganisationsEnv) => statusOf(env, ctx)))
  )

/**
 * Accepts the current version of a terms document (step 9 / 7): the Provider
 * Portal Terms of Use, and for a delegate the Delegate/Site Administrator
 * Terms of Use. Recorded with the version and time; a new version asks again.
 */
export const acceptTerms = (acting: ActingMember, form: { readonly document?: unknown; readonly version?: unknown }): W<SiteStatus> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => loadMember(acting)),
    RTE.bindW('fields', () =>
      fromValidation<{ readonly document: TermsDocument; readonly version: ReturnType<typeof parseTermsVersion> extends E.Either<unknown, infer V> ? V : never }, OrganisationsEnv>(
        pipe(
          readForm(form, ['document', 'version']),
          E.chain((f) => validateAll({ document: parseTermsDocument(f.document, 'document'), version: parseTermsVersion(f.version, 'version') }))
        )
      )
    ),
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('member', ({ ctx, fields, env, at }) => fromEither(accept(at, ctx.membership, fields.document, fields.version, env.organisationPolicies.terms))),
    RTE.chainW(({ ctx, member, env }) =>
      member === ctx.membership
        ? RTE.right<OrganisationsEnv, Errors, SiteStatus>(statusOf(env, ctx))
        : pipe(
            saveOrganisation({ ...ctx.organisation, memberships: ctx.organisation.memberships.map((m) => (m.accountId === member.accountId ? member : m)) }),
            RTE.map((organisation) => statusOf(env, { ...ctx, organisation, membership: member }))
          )
    )
  )

// -------------------------------------------------------------------------------------
// the mailed PIN
// -------------------------------------------------------------------------------------

const awaitingProvider = (ctx: MemberContext): E.Either<DomainError, ProviderOrganisation> =>
  ctx.organisation.kind === 'provider' && ctx.organisation.verification.verifiedAt === null
    ? E.right(ctx.organisation)
    : E.left(domainError('pin.not-awaited', { field: 'pin', rule: 'this organisation is not waiting for a PIN: its registration is complete' }))

/**
 * Enters the PIN from the letter (US Mail path). The right PIN, before it
 * expires, completes the registration; a wrong one is counted (and saved)
 * before it is refused.
 */
export const enterPin = (acting: ActingMember, form: { readonly pin?: unknown }): W<SiteStatus> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => pipe(loadMember(acting), RTE.chainW(termsGate))),
    RTE.bindW('organisation', ({ ctx }) => fromEither<ProviderOrganisation, OrganisationsEnv>(awaitingProvider(ctx))),
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('pin', ({ env }) =>
      fromValidation<string, OrganisationsEnv>(
        pipe(
          readForm(form, ['pin']),
          E.chain((f) => E.mapLeft((e: DomainError): Errors => [e])(parsePin(env.organisationPolicies.pin)(f.pin, 'pin')))
        )
      )
    ),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('outcome', ({ env, organisation, pin, at }) =>
      fromEither(checkPin(at, env.organisationPolicies.pin, organisation.verification, pinDigest(env.keyedHasher, organisation.id, pin)))
    ),
    RTE.bindW('saved', ({ organisation, outcome }) => saveOrganisation({ ...organisation, verification: outcome.verification })),
    RTE.chainW(({ ctx, env, saved, outcome }) =>
      outcome.verified
        ? RTE.right<OrganisationsEnv, Errors, SiteStatus>(statusOf(env, { ...ctx, organisation: saved }))
        : fromEither<SiteStatus, OrganisationsEnv>(E.left(outcome.error))
    )
  )

/** Asks for a new PIN: the last one stops working and a new letter goes to the address of record. */
export const requestNewPin = (acting: ActingMember): W<SiteStatus> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => pipe(loadMember(acting), RTE.chainW(termsGate))),
    RTE.bindW('delegate', ({ ctx }) => fromEither(actingDelegate(ctx.organisation, ctx.account.id))),
    RTE.bindW('organisation', ({ ctx }) => fromEither<ProviderOrganisation, OrganisationsEnv>(awaitingProvider(ctx))),
    RTE.bindW('record', ({ organisation }) => fromPort((env: OrganisationsEnv) => env.providers.findProvider(organisation.providerKey))),
    RTE.bindW('address', ({ record }) =>
      fromEither(
        O.isSome(record) && record.value.address !== undefined && record.value.address !== null
          ? E.right({ address: record.value.address, name: record.value.name })
          : E.left(domainError('provider.not-matched', { rule: 'the provider has no address of record to mail a PIN to; contact Provider e-Services' }))
      )
    ),
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('pin', ({ env }) => RTE.right(drawPin(env))),
    RTE.bindW('verification', ({ env, organisation, pin, at }) =>
      fromEither(reissuePin(at, env.organisationPolicies.pin, organisation.verification, pinDigest(env.keyedHasher, organisation.id, pin)))
    ),
    RTE.bindW('saved', ({ organisation, verification }) => saveOrganisation({ ...organisation, verification })),
    RTE.chainFirstW(({ env, address, pin, at, delegate }) =>
      fromPort((e: OrganisationsEnv) =>
        e.postalMailer.send(
          env.organisationPolicies.letters.registrationPin({
            addressee: address.name,
            address: address.address,
            pin,
            expiresAt: at.plus({ milliseconds: env.organisationPolicies.pin.lifetime.toMillis() }),
            registeredBy: `${delegate.firstName} ${delegate.lastName}`
          })
        )
      )
    ),
    RTE.map(({ ctx, env, saved }) => statusOf(env, { ...ctx, organisation: saved }))
  )

// -------------------------------------------------------------------------------------
// delegates: accounts, roles, applications
// -------------------------------------------------------------------------------------

/** A new account, as a delegate types it. */
export interface NewAccountForm {
  readonly role?: unknown
  readonly username?: unknown
  readonly firstName?: unknown
  readonly lastName?: unknown
  readonly email?: unknown
  readonly phone?: unknown
}

const parseRole = (input: unknown, field = 'role'): E.Either<DomainError, MembershipRole> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => (s === 'delegate' || s === 'staff' ? E.right(s as MembershipRole) : E.left(invalid(field, 'delegate or staff'))))
  )

const drawTemporaryPassword = (env: OrganisationsEnv): string => {
  const policy = env.organisationPolicies.temporaryPassword
  let out = ''
  while (out.length < policy.length) out += temporaryPasswordFromBytes(policy, env.random.bytes(policy.length * 2), policy.length - out.length)
  return out
}

/** A temporary password drawn for an account: the account carrying it (not saved yet), and the password to e-mail (never stored). */
interface WithTemporaryPassword {
  readonly account: Account
  readonly password: string
}

const withTemporaryPassword = (account: Account): W<WithTemporaryPassword> =>
  pipe(
    RTE.Do,
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('password', ({ env }) => RTE.right(drawTemporaryPassword(env))),
    RTE.bindW('hash', ({ password }) => fromPort((env: OrganisationsEnv) => env.passwordHasher.hash(password))),
    RTE.map(({ env, at, password, hash }) => ({
      password,
      account: issueTemporaryPassword(
        account,
        hash,
        temporaryPasswordWindow(env.organisationPolicies.temporaryPassword, at),
        temporaryPasswordDigest(env.keyedHasher, account.id, password)
      )
    }))
  )

/** E-mails a temporary password to its account's address: the last step, after every write. */
const mailTemporaryPassword = (issued: WithTemporaryPassword, organisationName: string, role: MembershipRole, reason: 'created' | 'reissued'): W<void> =>
  pipe(
    clockNow,
    RTE.chainW((at) =>
      fromPort((env: OrganisationsEnv) =>
        env.mailer.send(
          env.organisationPolicies.emails.accountCreated({
            to: issued.account.email,
            username: issued.account.username,
            temporaryPassword: issued.password,
            expiresAt: at.plus(env.organisationPolicies.temporaryPassword.validity),
            organisationName,
            role,
            reason
          })
        )
      )
    )
  )

/**
 * A delegate creates a staff account or a further delegate: the person's own
 * contact information and a username; a temporary password goes to their
 * e-mail address, to be replaced at first sign-in. One person, one account:
 * an e-mail address holds at most one account in an organisation.
 */
export const addAccount = (acting: ActingMember, form: NewAccountForm): W<CreatedMemberAccount> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => readyMember(acting)),
    RTE.bindW('fields', () =>
      fromValidation<{ readonly role: MembershipRole; readonly username: Username; readonly contact: Contact }, OrganisationsEnv>(
        pipe(
          readForm(form, ['role', 'username', 'firstName', 'lastName', 'email', 'phone']),
          E.chain((f) => {
            const contact = validateContact({ firstName: f.firstName, lastName: f.lastName, email: f.email, phone: f.phone })
            const rest = validateAll({ role: parseRole(f.role), username: parseUsername(f.username, 'username') })
            if (E.isLeft(contact) || E.isLeft(rest)) return E.left([...(E.isLeft(rest) ? rest.left : []), ...(E.isLeft(contact) ? contact.left : [])] as unknown as Errors)
            return E.right({ ...rest.right, contact: contact.right })
          })
        )
      )
    ),
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('accountId', ({ env }) => RTE.right(env.random.uuid() as AccountId)),
    RTE.bindW('roster', ({ ctx, fields, accountId }) =>
      fromEither((fields.role === 'delegate' ? addDelegate : addStaffAccount)(ctx.organisation, ctx.account.id, { accountId, contact: fields.contact }))
    ),
    RTE.chainFirstW(({ fields }) => ensureUsernameFree(fields.username)),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('issued', ({ fields, accountId, at, ctx }) =>
      withTemporaryPassword(
        // Its only password is the temporary one set here: nobody knows a password for it until the e-mail arrives.
        newOrganisationAccount({ id: accountId, username: fields.username, person: fields.contact, passwordHash: '' as Account['passwordHash'], organisationId: ctx.organisation.id, now: at })
      )
    ),
    RTE.bindW('saved', ({ roster }) => saveOrganisation(roster)),
    RTE.bindW('account', ({ issued }) => fromPort((env: OrganisationsEnv) => env.accounts.insert(issued.account))),
    RTE.chainFirstW(({ issued, account, saved, fields }) => mailTemporaryPassword({ ...issued, account }, saved.fullName, fields.role, 'created')),
    RTE.map(({ account, fields }) => ({ accountId: account.id, username: account.username, role: fields.role }))
  )

/**
 * A delegate issues a member a new temporary password (theirs expired, or was
 * lost): it replaces the current password and goes to the member's e-mail
 * address, to be replaced at sign-in. Never for oneself.
 */
export const reissueTemporaryPassword = (acting: ActingMember, form: { readonly accountId?: unknown }): W<CreatedMemberAccount> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => readyMember(acting)),
    RTE.chainFirstW(({ ctx }) => fromEither(actingDelegate(ctx.organisation, ctx.account.id))),
    RTE.bindW('target', ({ ctx }) =>
      fromValidation<Membership, OrganisationsEnv>(
        pipe(
          readForm(form, ['accountId']),
          E.chain((f) =>
            E.mapLeft((e: DomainError): Errors => [e])(
              E.chain((id: AccountId) => {
                const m = ctx.organisation.memberships.find((x) => x.accountId === id)
                return m === undefined
                  ? E.left<DomainError, Membership>(notAMember('accountId'))
                  : m.accountId === ctx.account.id
                    ? E.left<DomainError, Membership>(
                        domainError('field.invalid', { field: 'accountId', rule: 'accountId must be another member: your own password is changed by yourself', expected: 'another member' })
                      )
                    : E.right(m)
              })(accountIdOf(f.accountId))
            )
          )
        )
      )
    ),
    RTE.bindW('account', ({ target }) =>
      pipe(
        fromPort((env: OrganisationsEnv) => env.accounts.findById(target.accountId)),
        RTE.chainW((found) => fromEither<Account, OrganisationsEnv>(O.isSome(found) ? E.right(found.value) : E.left(notAMember('accountId'))))
      )
    ),
    RTE.bindW('issued', ({ account }) => withTemporaryPassword(account)),
    RTE.bindW('saved', ({ issued }) => fromPort((env: OrganisationsEnv) => env.accounts.update(issued.account))),
    RTE.chainFirstW(({ issued, saved, ctx, target }) => mailTemporaryPassword({ ...issued, account: saved }, ctx.organisation.fullName, target.role, 'reissued')),
    RTE.map(({ saved, target }) => ({ accountId: saved.id, username: saved.username, role: target.role }))
  )

/** One delegate change to the roster, saved; answers the status. */
const change =
  (apply: (env: OrganisationsEnv, organisation: RegisteredOrganisation, actor: AccountId, form: unknown) => E.Either<Errors, RegisteredOrganisation>) =>
  (acting: ActingMember, form: unknown): W<SiteStatus> =>
    pipe(
      RTE.Do,
      RTE.bindW('ctx', () => readyMember(acting)),
      RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
      RTE.bindW('changed', ({ ctx, env }) => RTE.fromEither(apply(env, ctx.organisation, ctx.account.id, form))),
      RTE.bindW('saved', ({ changed }) => saveOrganisation(changed)),
      RTE.map(({ ctx, env, saved }) => {
        const membership = saved.memberships.find((m) => m.accountId === ctx.account.id)
        return statusOf(env, { ...ctx, organisation: saved, membership: membership ?? ctx.membership })
      })
    )

const single = <A>(e: E.Either<DomainError, A>): E.Either<Errors, A> => E.mapLeft((x: DomainError): Errors => [x])(e)

const accountIdOf = (input: unknown): E.Either<DomainError, AccountId> => E.map((s: string) => s as AccountId)(requireText(input, 'accountId', TEXT_LIMITS.short))

/** A delegate makes an account a delegate or staff; the last delegate cannot be demoted. */
export const changeRole = change((_env, organisation, actor, form) =>
  pipe(
    readForm(form, ['accountId', 'role']),
    E.chain((f) => validateAll({ accountId: accountIdOf(f.accountId), role: parseRole(f.role) })),
    E.chain(({ accountId, role }) => single((role === 'delegate' ? promoteToDelegate : demoteToStaff)(organisation, actor, accountId)))
  )
)

/** A delegate removes an account from the organisation (themselves included); never the last delegate. */
export const removeAccount = change((_env, organisation, actor, form) =>
  pipe(
    readForm(form, ['accountId']),
    E.chain((f) => single(accountIdOf(f.accountId))),
    E.chain((accountId) => single(removeMember(organisation, actor, accountId)))
  )
)

const applicationChange = (changeApplication: typeof grantApplication) =>
  change((env, organisation, actor, form) =>
    pipe(
      readForm(form, ['accountId', 'application']),
      E.chain((f) => validateAll({ accountId: accountIdOf(f.accountId), application: parseApplicationId(f.application, 'application') })),
      E.chain(({ accountId, application }) => single(changeApplication(env.organisationPolicies.applications)(organisation, actor, accountId, application)))
    )
  )

/** A delegate grants an account one of the portal's applications. */
export const grantApplicationTo = applicationChange(grantApplication)

/** A delegate revokes an application from an account (never the default, Remittance Inquiry). */
export const revokeApplicationFrom = applicationChange(revokeApplication)
