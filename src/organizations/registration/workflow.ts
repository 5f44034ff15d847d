/**
 * HealthPartners' self registration, as workflows: the provider path (steps
 * 4–8) and the billing organisation path (steps 4–6). An organisation
 * registers once; its first person becomes its delegate.
 *
 * @since 0.3.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError } from '../../kernel/errors'
import { emailKey } from '../../kernel/email'
import { boundText, isBlank, readForm, TEXT_LIMITS } from '../../kernel/form'
import { PostalAddress } from '../../kernel/postal-address'
import { TaxId } from '../../kernel/us-identifiers'
import { Username, usernameKey } from '../../kernel/username'
import { requireText, validateAll } from '../../kernel/validation'
import { checkNewPassword } from '../../credentials/password-policy'
import { AccountId, newOrganisationAccount } from '../../accounts/account'
import { Flow, FlowId } from '../../accounts/flow'
import { Errors } from '../../accounts/policies'
import { fromEither, fromPort, fromValidation, saveFlow } from '../../accounts/workflow-kit'
import { ensureState, ensureLive } from '../../accounts/flow'
import type { KeyedHash } from '../../ports/keyed-hasher'
import type { ProviderRecord } from '../../ports/provider-directory'
import { ensureUsernameFree, drawPin, proveByCheck } from '../workflow-kit'
import { firstPin, pinDigest, pinFromBytes, ProviderVerification } from '../mailed-pin'
import { Contact, validateContact } from '../membership'
import {
  alreadyRegistered,
  ensureNotRegistered,
  OrganisationId,
  OrganisationName,
  OrganisationToRegister,
  parseOrganisationName,
  registerOrganisation,
  registrationKeyOf,
  TaxIdOnFile
} from '../organisation'
import { OrganisationsEnv, OrganisationWorkflow } from '../policies'
import {
  AccountForm,
  BillingContactGiven,
  BillingOrganisationFlow,
  BillingOrganisationForm,
  BillingOrganisationNamed,
  candidateOf,
  completeOrganisationRegistration,
  ensurePersonsOwnName,
  giveContact,
  NotListedForm,
  OrganisationRegistrationConfirmation,
  OrganisationRegistrationFlow,
  parseAccountUsername,
  ProviderCandidate,
  ProviderContactGiven,
  ProviderOrganisationFlow,
  ProviderPathForm,
  ProviderReference,
  ProviderSelected,
  selectProvider as select,
  SelectProviderForm,
  startBillingRegistration,
  startProviderRegistration,
  validateBillingOrganisation,
  validateRegistrantContact,
  validateProviderPath,
  validateSelection
} from './flow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a caller sees of a registration in progress. */
export interface OrganisationRegistrationView {
  readonly flowId: FlowId
  readonly kind: OrganisationRegistrationFlow['kind']
  readonly state: OrganisationRegistrationFlow['state']
  readonly expiresAt: string
  /** The providers to select from, with their address hints (the provider path, step 5). */
  readonly candidates: ReadonlyArray<ProviderCandidate>
  /** The provider selected, or the billing organisation's full name. */
  readonly organisationName: string | null
}

/** What "My provider is not listed" answers: the e-Services reference; someone will contact the person. */
export interface EServicesReferral {
  readonly reference: string
}

const view = (flow: OrganisationRegistrationFlow): OrganisationRegistrationView => ({
  flowId: flow.id,
  kind: flow.kind,
  state: flow.state,
  expiresAt: flow.expiresAt,
  candidates: flow.kind === 'provider-organisation' && 'candidates' in flow ? flow.candidates : [],
  organisationName: flow.kind === 'billing-organisation' ? flow.fullName : 'provider' in flow ? flow.provider.name : null
})

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

type W<A> = OrganisationWorkflow<A>

const clockNow: W<DateTime> = RTE.asks((env: OrganisationsEnv) => env.clock.now())

const taxIdOnFile = (env: OrganisationsEnv, taxId: TaxId): TaxIdOnFile => ({ hash: env.keyedHasher.digest('tax-id', taxId), last4: taxId.slice(-4) })

/** Refuses a registration whose organisation is on file already: it says to ask the delegate, never who that is. */
const ensureKeyFree = (key: Parameters<typeof registrationKeyOf>[0]): W<void> =>
  pipe(
    fromPort((env: OrganisationsEnv) => env.organisations.findByRegistrationKey(registrationKeyOf(key))),
    RTE.chainW((found) => fromEither<void, OrganisationsEnv>(ensureNotRegistered(O.toNullable(found))))
  )

/** Loads a live registration flow of a kind, in one of the given states. */
const loadRegistration = <K extends OrganisationRegistrationFlow['kind'], S extends OrganisationRegistrationFlow['state']>(
  flowId: unknown,
  kinds: ReadonlyArray<K>,
  ...states: ReadonlyArray<S>
): W<Extract<OrganisationRegistrationFlow, { readonly kind: K; readonly state: S }>> =>
  pipe(
    fromEither<unknown, OrganisationsEnv>(boundText(flowId, 'flowId', TEXT_LIMITS.short)),
    RTE.chainW(() =>
      typeof flowId === 'string' && flowId !== ''
        ? fromPort((env: OrganisationsEnv) => env.flows.find(flowId as FlowId))
        : RTE.right<OrganisationsEnv, Errors, O.Option<Flow>>(O.none)
    ),
    RTE.chainW((found) =>
      fromEither<Flow, OrganisationsEnv>(O.isSome(found) ? E.right(found.value) : E.left(domainError('flow.not-found', { rule: 'this session does not exist; start again' })))
    ),
    RTE.chainW((flow) => pipe(clockNow, RTE.chainW((t) => fromEither<Flow, OrganisationsEnv>(ensureLive(t, flow))))),
    RTE.chainW((flow) => {
      // The flow's own kind decides which step order a refusal is worded against.
      const kind = (kinds as ReadonlyArray<string>).includes(flow.kind) ? (flow.kind as K) : (kinds[0] as K)
      return fromEither<Extract<OrganisationRegistrationFlow, { readonly kind: K; readonly state: S }>, OrganisationsEnv>(
        ensureState(flow, kind, ...(states as unknown as ReadonlyArray<Extract<Flow, { readonly kind: K }>['state']>)) as E.Either<
          DomainError,
          Extract<OrganisationRegistrationFlow, { readonly kind: K; readonly state: S }>
        >
      )
    })
  )

const referenceMatches = (record: ProviderRecord, reference: ProviderReference): boolean =>
  'npi' in reference ? record.npi === reference.npi : record.vendorNumber === reference.vendorNumber

// -------------------------------------------------------------------------------------
// provider path
// -------------------------------------------------------------------------------------

/**
 * Provider step 4, "Choose a path and complete required fields". The instant
 * paths must match a HealthPartners-issued check (Tax ID, check number, and
 * the NPI or vendor number on it; a mismatch names no field). The US Mail
 * path needs no check: the PIN mailed to the address of record proves it
 * later. The providers under the Tax ID with that NPI or vendor number are
 * listed to select from (for US Mail, those with an address to mail to).
 */
export const identifyProvider = (form: ProviderPathForm): W<OrganisationRegistrationView> =>
  pipe(
    RTE.Do,
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('valid', () => fromValidation<ReturnType<typeof validateProviderPath> extends E.Either<unknown, infer A> ? A : never, OrganisationsEnv>(validateProviderPath(form))),
    RTE.bindW('taxId', ({ env, valid }) => RTE.right(taxIdOnFile(env, valid.taxId))),
    RTE.chainFirstW(({ valid, taxId }) =>
      valid.checkNumber === null
        ? RTE.right<OrganisationsEnv, Errors, unknown>(undefined)
        : proveByCheck(valid.taxId, { taxIdHash: taxId.hash, checkNumber: valid.checkNumber, ...valid.reference })
    ),
    RTE.bindW('records', ({ env, taxId }) => fromPort((e: OrganisationsEnv) => e.providers.findProvidersByTaxId(taxId.hash, env.organisationPolicies.maxCandidates))),
    RTE.bindW('at', () => clockNow),
    RTE.chainW(({ env, valid, taxId, records, at }) => {
      const candidates = records
        .filter((r) => referenceMatches(r, valid.reference))
        .filter((r) => valid.path !== 'us-mail' || (r.address !== undefined && r.address !== null))
        .map(candidateOf)
      return saveFlow(
        startProviderRegistration(at, env.random.uuid() as FlowId, env.organisationPolicies.registrationLifetime, {
          path: valid.path,
          taxId,
          reference: valid.reference,
          candidates
        })
      ) as W<ProviderOrganisationFlow>
    }),
    RTE.map(view)
  )

/**
 * Provider step 5, "Select your provider name": one of the candidates. An
 * organisation registers once: a provider already registered under this Tax
 * ID is refused here, before any more is asked.
 */
export const selectProvider = (flowId: unknown, form: SelectProviderForm): W<OrganisationRegistrationView> =>
  pipe(
    RTE.Do,
    RTE.bindW('flow', () => loadRegistration(flowId, ['provider-organisation'], 'identified', 'provider-selected', 'contact-given')),
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('candidate', ({ env, flow }) =>
      fromValidation<ProviderCandidate, OrganisationsEnv>(validateSelection(env.organisationPolicies.providerIdFormat, (flow as ProviderSelected).candidates)(form))
    ),
    RTE.chainFirstW(({ flow, candidate }) => ensureKeyFree({ kind: 'provider', taxIdHash: flow.taxId.hash, providerKey: candidate.providerKey })),
    RTE.chainW(({ flow, candidate }) => saveFlow(select(flow as ProviderSelected, candidate)) as W<ProviderSelected>),
    RTE.map(view)
  )

const NOT_LISTED_DETAILS_MAX = 1000
// Read a little past the limit, so a long text is reported with its length rather than as unreadable.
const DETAILS_READ_LIMIT = 8192

/**
 * "My provider is not listed": a form routed to Provider e-Services, and
 * someone there contacts the person. The request carries the Tax ID's last
 * four digits only.
 */
export const reportProviderNotListed = (flowId: unknown, form: NotListedForm): W<EServicesReferral> =>
  pipe(
    RTE.Do,
    RTE.bindW('flow', () => loadRegistration(flowId, ['provider-organisation'], 'identified', 'provider-selected', 'contact-given')),
    RTE.bindW('valid', () =>
      fromValidation<{ readonly contact: Contact; readonly organisationName: OrganisationName; readonly details: string | null }, OrganisationsEnv>(
        pipe(
          readForm(form, ['firstName', 'lastName', 'email', 'phone', 'organisationName', 'details']),
          E.chain((f) => {
            // Every mistake at once: the contact's own (each of them) and the rest of the form's.
            const contact = validateContact({ firstName: f.firstName, lastName: f.lastName, email: f.email, phone: f.phone })
            const rest = validateAll({ organisationName: parseOrganisationName(f.organisationName, 'organisationName'), details: optionalDetails(f.details) })
            if (E.isLeft(contact) || E.isLeft(rest)) return E.left([...(E.isLeft(contact) ? contact.left : []), ...(E.isLeft(rest) ? rest.left : [])] as unknown as Errors)
            return E.right({ contact: contact.right, ...rest.right })
          })
        )
      )
    ),
    RTE.bindW('at', () => clockNow),
    RTE.chainW(({ flow, valid, at }) =>
      fromPort((env: OrganisationsEnv) =>
        env.eServices.open({
          kind: 'provider-not-listed',
          firstName: valid.contact.firstName,
          lastName: valid.contact.lastName,
          email: valid.contact.email,
          emailKey: emailKey(valid.contact.email),
          phone: valid.contact.phone,
          organisationName: valid.organisationName,
          taxIdLast4: flow.taxId.last4,
          providerReference: 'npi' in flow.reference ? flow.reference.npi : flow.reference.vendorNumber,
          details: valid.details,
          requestedAt: at.toISO() as string
        })
      )
    )
  )

const optionalDetails = (input: unknown): E.Either<DomainError, string | null> =>
  isBlank(input)
    ? E.right(null)
    : pipe(
        requireText(input, 'details', DETAILS_READ_LIMIT),
        E.chain((s) =>
          s.length > NOT_LISTED_DETAILS_MAX
            ? E.left(domainError('field.too-long', { field: 'details', rule: `details must be at most ${NOT_LISTED_DETAILS_MAX} characters`, maximum: NOT_LISTED_DETAILS_MAX }))
            : E.right(s)
        )
      )

// -------------------------------------------------------------------------------------
// billing organisation path
// -------------------------------------------------------------------------------------

/** Billing step 4, "Enter your organization's full name, Tax ID": refused when it is registered already. */
export const nameBillingOrganisation = (form: BillingOrganisationForm): W<OrganisationRegistrationView> =>
  pipe(
    RTE.Do,
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('valid', () => fromValidation<{ readonly fullName: OrganisationName; readonly taxId: TaxId }, OrganisationsEnv>(validateBillingOrganisation(form))),
    RTE.bindW('taxId', ({ env, valid }) => RTE.right(taxIdOnFile(env, valid.taxId))),
    RTE.chainFirstW(({ taxId }) => ensureKeyFree({ kind: 'billing', taxIdHash: taxId.hash })),
    RTE.bindW('at', () => clockNow),
    RTE.chainW(
      ({ env, valid, taxId, at }) =>
        saveFlow(startBillingRegistration(at, env.random.uuid() as FlowId, env.organisationPolicies.registrationLifetime, { fullName: valid.fullName, taxId })) as W<BillingOrganisationNamed>
    ),
    RTE.map(view)
  )

// -------------------------------------------------------------------------------------
// both paths
// -------------------------------------------------------------------------------------

/**
 * Contact information (provider step 6, billing step 5): the person's own
 * name and e-mail address, never the doctor's or the facility's name; a
 * phone number too on the billing path ("your name, phone and email"),
 * optional on the provider path.
 */
export const giveContactInformation = (flowId: unknown, form: unknown): W<OrganisationRegistrationView> =>
  pipe(
    RTE.Do,
    RTE.bindW('flow', () =>
      loadRegistration(flowId, ['provider-organisation', 'billing-organisation'], 'provider-selected', 'organisation-named', 'contact-given')
    ),
    RTE.bindW('contact', ({ flow }) => fromValidation<Contact, OrganisationsEnv>(validateRegistrantContact(flow.kind, form))),
    // A doctor registering her own practice is the doctor: she confirms the name is hers, and it stands.
    RTE.bindW('confirmed', () => fromValidation<boolean, OrganisationsEnv>(E.map((f: { readonly confirmOwnName: unknown }) => f.confirmOwnName === true)(readForm(form, ['confirmOwnName'])))),
    RTE.chainFirstW(({ flow, contact, confirmed }) =>
      confirmed
        ? RTE.right<OrganisationsEnv, Errors, unknown>(contact)
        : fromEither<Contact, OrganisationsEnv>(
            ensurePersonsOwnName(contact, flow.kind === 'provider-organisation' ? [(flow as ProviderSelected).provider.name] : [(flow as BillingOrganisationNamed).fullName])
          )
    ),
    RTE.chainW(({ flow, contact }) => saveFlow(giveContact(flow as ProviderSelected | BillingOrganisationNamed, contact)) as W<ProviderContactGiven | BillingContactGiven>),
    RTE.map(view)
  )

/** Mails the registration PIN to the provider's address of record. */
export const mailPin = (organisationId: OrganisationId, addressee: string, address: PostalAddress, registeredBy: string, at: DateTime): W<{ readonly verification: ProviderVerification; readonly send: W<void> }> =>
  RTE.asks((env: OrganisationsEnv) => {
    const pin = drawPin(env)
    const verification = firstPin(at, env.organisationPolicies.pin, pinDigest(env.keyedHasher, organisationId, pin))
    const expiresAt = at.plus({ milliseconds: env.organisationPolicies.pin.lifetime.toMillis() })
    const send = fromPort((e: OrganisationsEnv) => e.postalMailer.send(e.organisationPolicies.letters.registrationPin({ addressee, address, pin, expiresAt, registeredBy })))
    return { verification, send }
  })

/** The provider's address of record, read again at completion (the letter goes where the plan's records say now). */
const addressOfRecord = (flow: ProviderContactGiven): W<PostalAddress> =>
  pipe(
    fromPort((env: OrganisationsEnv) => env.providers.findProvider(flow.provider.providerKey)),
    RTE.chainW((found) =>
      fromEither<PostalAddress, OrganisationsEnv>(
        O.isSome(found) && found.value.address !== undefined && found.value.address !== null
          ? E.right(found.value.address)
          : E.left(
              domainError('provider.not-matched', {
                rule: 'the provider selected has no address of record to mail a PIN to; choose "My provider is not listed"'
              })
            )
      )
    )
  )

/**
 * Account information (provider step 7, billing step 5): a username and a
 * password of the preset's policy. The organisation is registered with the
 * person as its first delegate; on the US Mail path a PIN is mailed to the
 * provider's address of record, and the registration completes when it is
 * entered. Answers the confirmation page (step 8 / 6).
 */
export const createOrganisationAccount = (flowId: unknown, form: AccountForm): W<OrganisationRegistrationConfirmation> =>
  pipe(
    RTE.Do,
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('flow', () => loadRegistration(flowId, ['provider-organisation', 'billing-organisation'], 'contact-given')),
    RTE.bindW('fields', ({ env }) =>
      fromValidation<{ readonly username: Username; readonly password: string }, OrganisationsEnv>(
        pipe(
          readForm(form, ['username', 'password', 'confirmPassword']),
          E.chain((f) => {
            const username = parseAccountUsername(f.username)
            return validateAll({
              username,
              // every rule broken, named after this form's own fields (password, confirmPassword)
              password: checkNewPassword(env.policies.passwordPolicy)(f.password, f.confirmPassword, E.isRight(username) ? { username: username.right } : {}, {
                password: 'password',
                confirmation: 'confirmPassword'
              })
            })
          })
        )
      )
    ),
    RTE.chainFirstW(({ fields }) => ensureUsernameFree(fields.username)),
    RTE.chainFirstW(({ flow }) =>
      ensureKeyFree(
        flow.kind === 'provider-organisation'
          ? { kind: 'provider', taxIdHash: flow.taxId.hash, providerKey: (flow as ProviderContactGiven).provider.providerKey }
          : { kind: 'billing', taxIdHash: flow.taxId.hash }
      )
    ),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('ids', ({ env }) => RTE.right({ organisationId: env.random.uuid() as OrganisationId, accountId: env.random.uuid() as AccountId })),
    RTE.bindW('passwordHash', ({ fields }) => fromPort((env: OrganisationsEnv) => env.passwordHasher.hash(fields.password))),
    RTE.bindW('mail', ({ flow, ids, at }) => {
      const f = flow as ProviderContactGiven | BillingContactGiven
      if (f.kind !== 'provider-organisation' || f.path !== 'us-mail') return RTE.right<OrganisationsEnv, Errors, null>(null)
      return pipe(
        addressOfRecord(f),
        RTE.chainW((address) => mailPin(ids.organisationId, f.provider.name, address, `${f.contact.firstName} ${f.contact.lastName}`, at))
      )
    }),
    RTE.bindW('organisation', ({ flow, ids, at, mail }) => {
      const f = flow as ProviderContactGiven | BillingContactGiven
      const name = f.kind === 'provider-organisation' ? f.provider.name : f.fullName
      return pipe(
        fromEither<OrganisationName, OrganisationsEnv>(parseOrganisationName(name.slice(0, 100), 'fullName')),
        RTE.chainW((fullName) => {
          const toRegister: OrganisationToRegister =
            f.kind === 'provider-organisation'
              ? {
                  kind: 'provider',
                  fullName,
                  taxId: f.taxId,
                  registrant: f.contact,
                  providerKey: f.provider.providerKey,
                  verification: mail === null ? { method: 'check', verifiedAt: at.toISO() as string } : mail.verification
                }
              : { kind: 'billing', fullName, taxId: f.taxId, registrant: f.contact }
          return fromEither(registerOrganisation(at, ids, toRegister))
        })
      )
    }),
    // The organisation first: its registration key is what two simultaneous registrations race for.
    RTE.bindW('saved', ({ organisation }) => fromPort((env: OrganisationsEnv) => env.organisations.insert(organisation))),
    RTE.chainFirstW(({ flow, fields, ids, at, passwordHash }) => {
      const contact = (flow as ProviderContactGiven | BillingContactGiven).contact
      const account = newOrganisationAccount({ id: ids.accountId, username: fields.username, person: contact, passwordHash, organisationId: ids.organisationId, now: at })
      return fromPort((env: OrganisationsEnv) => env.accounts.insert(account))
    }),
    RTE.chainFirstW(({ flow, ids, fields }) =>
      saveFlow(completeOrganisationRegistration(flow as ProviderContactGiven | BillingContactGiven, { ...ids, username: fields.username }))
    ),
    // The letter last, after every write succeeded.
    RTE.chainFirstW(({ mail }) => (mail === null ? RTE.right<OrganisationsEnv, Errors, void>(undefined) : mail.send)),
    RTE.map(({ saved, fields, at }) => confirmationOf(saved.fullName, saved.id, fields.username, at, saved.kind, saved.kind === 'provider' ? saved.verification : null))
  )

/**
 * The confirmation page: registered, and how to go on, in each path's words
 * (provider step 8 "click log on", billing step 6 "click Sign in"; on the US
 * Mail path, wait for the PIN).
 */
const confirmationOf = (
  organisationName: string,
  organisationId: OrganisationId,
  username: Username,
  at: DateTime,
  kind: 'provider' | 'billing',
  verification: ProviderVerification | null
): OrganisationRegistrationConfirmation => {
  const awaiting = verification !== null && verification.verifiedAt === null ? verification.pin : null
  return {
    organisationId,
    organisationName,
    username,
    registeredAt: at.toISO() as string,
    awaitingPin: awaiting !== null,
    pinExpiresAt: awaiting === null ? null : awaiting.expiresAt,
    text: [
      'Registration confirmation',
      `Organization: ${organisationName}`,
      `Username: ${username}`,
      awaiting === null
        ? `Your registration is complete. Click ${kind === 'billing' ? 'Sign in' : 'Log on'} to enter your username and password.`
        : 'A PIN is on its way to the address of record by US Mail. Log on, accept the terms of use, and enter the PIN when it arrives.'
    ].join('\n')
  }
}
