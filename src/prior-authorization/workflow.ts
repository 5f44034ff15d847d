/**
 * The outpatient prior-authorization request as workflows: load the draft,
 * check who is acting, run the step's pure validation and transition, ask the
 * directories and the code set, save.
 *
 * @since 0.2.0
 */
import * as E from '../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import { boundText, FormOf, readForm, TEXT_LIMITS } from '../kernel/form'
import { Errors } from '../accounts/policies'
import { fromEither as liftEither, fromPort as liftPort, fromValidation as liftValidation } from '../accounts/workflow-kit'
import { Account, AccountId } from '../accounts/account'
import { emailKey } from '../kernel/email'
import { ProviderRegistration } from '../organizations/provider-registration'
import { symbolsFromBytes } from '../credentials/verification-code'
import { Ports } from '../ports'
import { MemberRecord } from '../ports/member-directory'
import { ProviderRecord } from '../ports/provider-directory'
import { IcdCode } from './code-sets'
import { determine, DeterminationForm, parseReference, referenceOf, submit, Submitted, Submitter, validateDetermination } from './determination'
import { AuthorizationRequest } from './ports'
import { summaryHtml, summaryText } from './summary'
import { FhirContext, PasBundle, toPasRequestBundle } from './fhir'
import {
  AttachmentRef,
  chooseCodes,
  chooseMember,
  chooseRequestingProvider,
  chooseServicingProvider,
  ClinicalsForm,
  CodesForm,
  ContactsForm,
  describeService,
  Draft,
  DraftFrom,
  DraftState,
  ensureReached,
  giveClinicals,
  giveContacts,
  listPositions,
  MemberForm,
  MemberSummary,
  PriorAuthorizationPolicies,
  ProviderIdForm,
  ProviderKey,
  ProviderSummary,
  ReadyToSubmit,
  RequestedCodes,
  RequestId,
  ServiceForm,
  ServicingProviderForm,
  startRequest,
  validateClinicals,
  validateCodes,
  validateContacts,
  validateMemberQuery,
  validateRequestingProvider,
  validateService,
  validateServicingProvider
} from './request'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The environment of the prior-authorization workflows: the ports and the plan's policies (absent when the portal does not offer them). */
export type PriorAuthorizationEnv = Ports & { readonly priorAuthorization: PriorAuthorizationPolicies | undefined }

/** A prior-authorization workflow. */
export type PriorAuthorizationWorkflow<A> = RTE.ReaderTaskEither<PriorAuthorizationEnv, Errors, A>

/** Who is acting: the signed-in account. */
export interface Acting {
  readonly accountId: unknown
}

/** A lookup that found several: the person picks one and gives its ID. */
export interface SeveralFound<C> {
  readonly outcome: 'several'
  readonly candidates: ReadonlyArray<C>
}

/** A step done: the request as it now stands. */
export interface StepDone<S extends DraftState> {
  readonly outcome: 'chosen'
  readonly request: DraftFrom<S>
}

/** A member the name-and-birth-date lookup found. */
export type MemberCandidate = MemberSummary

/** A provider the name lookup found. */
export type ProviderCandidate = ProviderSummary

/** What the submitter gets back at step 10. */
export interface SubmissionReceipt {
  readonly reference: Submitted['reference']
  readonly status: Submitted['status']
  readonly submittedAt: string
  readonly dueAt: string
  readonly request: Submitted
}

/** How many lookup results are worth showing; more means the person should narrow the search. */
export const LOOKUP_LIMIT = 25

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

const fromPort = <A>(f: (env: PriorAuthorizationEnv) => TE.TaskEither<DomainError, A>): PriorAuthorizationWorkflow<A> => liftPort(f)
const fromEither = <A>(e: E.Either<DomainError, A>): PriorAuthorizationWorkflow<A> => liftEither(e)
const fromValidation = <A>(v: E.Either<Errors, A>): PriorAuthorizationWorkflow<A> => liftValidation(v)
const fail = <A = never>(e: DomainError): PriorAuthorizationWorkflow<A> => fromEither(E.left(e))

const policies: PriorAuthorizationWorkflow<PriorAuthorizationPolicies> = pipe(
  RTE.asks((env: PriorAuthorizationEnv) => env.priorAuthorization),
  RTE.chain((p) =>
    p === undefined ? fail(domainError('portal.not-offered', { rule: 'this portal does not take prior-authorization requests', feature: 'prior authorization' })) : RTE.right(p)
  )
)

/** The plan's clock, in the plan's zone. */
const now: PriorAuthorizationWorkflow<DateTime> = pipe(
  policies,
  RTE.chain((p) => RTE.asks((env: PriorAuthorizationEnv) => env.clock.now().setZone(p.zone)))
)

const requestNotFound = (): DomainError => domainError('request.not-found', { rule: 'this request does not exist, or is not yours to see' })

const providerSummary = (r: ProviderRecord): ProviderSummary => ({ providerId: r.providerId, npi: r.npi ?? null, name: r.name })
const memberSummary = (m: MemberRecord): MemberSummary => ({ memberId: m.memberId, firstName: m.firstName, lastName: m.lastName, dateOfBirth: m.dateOfBirth })

/** Who is acting, read once from the caller's object: every later check sees the same account. */
type ActingRead = FormOf<'accountId'>

/** Reads `acting` once, then runs the workflow with what was read. */
const asActing = <A>(acting: Acting, workflow: (acting: ActingRead) => PriorAuthorizationWorkflow<A>): PriorAuthorizationWorkflow<A> =>
  pipe(fromValidation(readForm(acting, ['accountId'], 'acting')), RTE.chain(workflow))

/** A request's id as given: text of an id's length, or nothing to find. */
const requestIdOf = (requestId: unknown): PriorAuthorizationWorkflow<RequestId | null> =>
  pipe(
    fromEither(boundText(requestId, 'requestId', TEXT_LIMITS.short)),
    RTE.map((id) => (typeof id === 'string' && id !== '' ? (id as RequestId) : null))
  )

/** The signed-in account, which must be a provider's user with a password of its own. */
const actingAccount = (acting: ActingRead): PriorAuthorizationWorkflow<Account> =>
  pipe(
    typeof acting.accountId === 'string' && acting.accountId !== '' && acting.accountId.length <= TEXT_LIMITS.short
      ? fromPort((env) => env.accounts.findById(acting.accountId as AccountId))
      : RTE.right<PriorAuthorizationEnv, Errors, O.Option<Account>>(O.none),
    RTE.chain((found) =>
      O.isNone(found)
        ? fail(domainError('account.not-found', { rule: 'sign in first: only a signed-in account may request prior authorization' }))
        : found.value.temporaryPassword !== null
          ? fail(domainError('password.change-required', { rule: 'choose a password of your own before anything else' }))
          : found.value.relationship.kind !== 'provider'
            ? fail(domainError('access.not-permitted', { rule: 'only a provider\u2019s users may request prior authorization', providerId: '' }))
            : RTE.right(found.value)
    )
  )

/** May this account act for this provider? Its own provider, for now (delegation comes with organisations). */
export const mayActFor = (account: Account, providerId: string): boolean =>
  account.relationship.kind === 'provider' && account.relationship.providerId === providerId

const ensureMayActFor = (account: Account, provider: ProviderSummary, field: string): E.Either<DomainError, ProviderSummary> =>
  mayActFor(account, provider.providerId)
    ? E.right(provider)
    : E.left(
        domainError('access.not-permitted', {
          field,
          rule: `this account may not request prior authorization for provider ${provider.providerId}`,
          providerId: provider.providerId
        })
      )

/** Loads a live draft of this account that has reached `from`. */
const loadDraft = <S extends DraftState>(acting: ActingRead, requestId: unknown, from: S): PriorAuthorizationWorkflow<DraftFrom<S>> =>
  pipe(
    RTE.Do,
    RTE.bind('id', () => requestIdOf(requestId)),
    RTE.bind('found', ({ id }) =>
      id !== null ? fromPort((env) => env.authorizationRequests.find(id)) : RTE.right<PriorAuthorizationEnv, Errors, O.Option<AuthorizationRequest>>(O.none)
    ),
    RTE.bind('at', () => now),
    RTE.chain(({ found, at }) => {
      if (O.isNone(found) || found.value.accountId !== acting.accountId) return fail(requestNotFound())
      const request = found.value
      if (request.state === 'submitted')
        return fail(domainError('flow.wrong-state', { rule: 'this request is already submitted', expected: 'prior-authorization:draft', actual: 'prior-authorization:submitted' }))
      if (at >= DateTime.fromISO(request.expiresAt)) return fail(domainError('flow.expired', { rule: 'this request was left too long and has expired; start again' }))
      return fromEither(ensureReached(request, from))
    })
  )

const saveDraft = <D extends Draft>(draft: D): PriorAuthorizationWorkflow<D> =>
  fromPort((env) => (draft.version === 0 ? env.authorizationRequests.insert(draft) : env.authorizationRequests.update(draft)) as TE.TaskEither<DomainError, D>)

const findProvider = (key: ProviderKey, field: string): PriorAuthorizationWorkflow<ProviderSummary> =>
  pipe(
    fromPort((env) => (key.by === 'npi' ? env.providers.findProviderByNpi(key.npi) : env.providers.findProvider(key.providerId))),
    RTE.chain((found) =>
      O.isSome(found)
        ? RTE.right(providerSummary(found.value))
        : fail(domainError('provider.not-found', { field, rule: `no provider on file has this ${key.by === 'npi' ? 'NPI' : 'Provider ID'}` }))
    )
  )

/** The plan's local date: "today" for dates of service. */
const today = (at: DateTime): string => at.toISODate() as string

/** Checks every diagnosis against the code set in force on the date of service, collecting every refusal. */
const ensureBillable = (diagnoses: ReadonlyArray<IcdCode>, serviceDate: string, positions?: ReadonlyArray<number>): PriorAuthorizationWorkflow<void> =>
  pipe(
    RTE.asks((env: PriorAuthorizationEnv) => env.diagnosisCodes),
    RTE.chainTaskEitherK((codes) =>
      pipe(
        TE.sequenceSeqArray(diagnoses.map((code) => codes.isBillable(code, serviceDate))),
        TE.mapLeft((e): Errors => [e])
      )
    ),
    RTE.chain((billable) => {
      const refused = diagnoses.flatMap((code, i): DomainError[] =>
        billable[i]
          ? []
          : [
              domainError('diagnosis.not-billable', {
                // The position in the form as sent, as the format errors give it.
                field: `diagnoses[${positions?.[i] ?? i}]`,
                rule: `${code} is not a billable ICD-10-CM code on ${serviceDate} (a category heading, or not in the release in force)`,
                diagnosisCode: code,
                serviceDate
              })
            ]
      )
      const [head, ...tail] = refused
      return head === undefined ? RTE.right(undefined) : fromValidation<void>(E.left([head, ...tail]))
    })
  )

// -------------------------------------------------------------------------------------
// the steps
// -------------------------------------------------------------------------------------

/** Steps 1–2: a signed-in provider user opens "Authorization Request". */
export const startAuthorizationRequest = (acting: Acting): PriorAuthorizationWorkflow<Draft> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('account', () => actingAccount(acting)),
    RTE.bind('at', () => now),
    RTE.bind('id', () => RTE.asks((env: PriorAuthorizationEnv) => env.random.uuid() as RequestId)),
    RTE.chain(({ p, account, at, id }) => saveDraft<Draft>(startRequest(at, id, account.id, p.draftLifetime)))
  ))

/** Step 3: the requesting provider, by Provider ID or NPI; the account must be allowed to act for it. */
export const enterRequestingProvider = (acting: Acting, requestId: unknown, form: ProviderIdForm): PriorAuthorizationWorkflow<DraftFrom<'requesting-provider'>> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('draft', () => loadDraft(acting, requestId, 'started')),
    RTE.bind('account', () => actingAccount(acting)),
    RTE.bind('key', ({ p }) => fromValidation(validateRequestingProvider(p.providerIdFormat)(form))),
    RTE.bind('provider', ({ key }) => findProvider(key, 'requestingProvider')),
    RTE.chainFirst(({ account, provider }) => fromEither(ensureMayActFor(account, provider, 'requestingProvider'))),
    RTE.bind('at', () => now),
    RTE.chain(({ p, draft, provider, at }) => saveDraft(chooseRequestingProvider(at, p.draftLifetime)(draft, provider)))
  ))

/**
 * Step 4: the member by Member ID, or looked up by name and date of birth.
 * One match is chosen; several come back to pick from (by Member ID); none is
 * `member.not-found`.
 */
export const enterMember = (
  acting: Acting,
  requestId: unknown,
  form: MemberForm
): PriorAuthorizationWorkflow<StepDone<'member'> | SeveralFound<MemberCandidate>> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('draft', () => loadDraft(acting, requestId, 'requesting-provider')),
    RTE.bind('at', () => now),
    RTE.bind('query', ({ p, at }) => fromValidation(validateMemberQuery(p.memberIdFormat, today(at))(form))),
    RTE.bind('found', ({ query }) =>
      query.by === 'member-id'
        ? fromPort((env) => pipe(env.members.findMember(query.memberId), TE.map((m) => (O.isSome(m) ? [m.value] : []))))
        : fromPort((env) => env.members.searchMembers(query, LOOKUP_LIMIT))
    ),
    RTE.chain(({ p, draft, at, query, found }): PriorAuthorizationWorkflow<StepDone<'member'> | SeveralFound<MemberCandidate>> => {
      const [only, ...more] = found
      if (only === undefined)
        return fail(
          domainError('member.not-found', {
            field: query.by === 'member-id' ? 'memberId' : 'lastName',
            rule: query.by === 'member-id' ? 'no member has this Member ID' : 'no member has this name and date of birth'
          })
        )
      if (more.length > 0) return RTE.right({ outcome: 'several', candidates: found.map(memberSummary) })
      return pipe(
        saveDraft(chooseMember(at, p.draftLifetime)(draft, memberSummary(only))),
        RTE.map((request) => ({ outcome: 'chosen' as const, request }))
      )
    })
  ))

/** Step 5: place of service, number of visits, date of service and priority. */
export const enterService = (acting: Acting, requestId: unknown, form: ServiceForm): PriorAuthorizationWorkflow<DraftFrom<'service'>> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('draft', () => loadDraft(acting, requestId, 'member')),
    RTE.bind('at', () => now),
    RTE.bind('service', ({ p, at }) => fromValidation(validateService(p, today(at))(form))),
    RTE.chain(({ p, draft, at, service }) => saveDraft(describeService(at, p.draftLifetime)(draft, service)))
  ))

/** Step 6: diagnosis codes (billable on the date of service) and procedure codes. */
export const enterCodes = (acting: Acting, requestId: unknown, form: CodesForm): PriorAuthorizationWorkflow<DraftFrom<'codes'>> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('draft', () => loadDraft(acting, requestId, 'service')),
    RTE.bind('form', () => fromValidation(readForm(form, ['diagnoses', 'procedures']))),
    RTE.bind('codes', ({ p, form }) => fromValidation<RequestedCodes>(validateCodes(p)(form))),
    RTE.chainFirst(({ draft, codes, form }) => ensureBillable(codes.diagnoses, draft.service.serviceDate, listPositions(form.diagnoses))),
    RTE.bind('at', () => now),
    RTE.chain(({ p, draft, at, codes }) => saveDraft(chooseCodes(at, p.draftLifetime)(draft, codes)))
  ))

/** Step 7: the servicing provider by Provider ID or NPI, or looked up by name. */
export const enterServicingProvider = (
  acting: Acting,
  requestId: unknown,
  form: ServicingProviderForm
): PriorAuthorizationWorkflow<StepDone<'servicing-provider'> | SeveralFound<ProviderCandidate>> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('draft', () => loadDraft(acting, requestId, 'codes')),
    RTE.bind('query', ({ p }) => fromValidation(validateServicingProvider(p.providerIdFormat)(form))),
    RTE.bind('found', ({ query }) =>
      query.by === 'name'
        ? fromPort((env) => pipe(env.providers.searchProviders(query.name, LOOKUP_LIMIT), TE.map((rs) => rs.map(providerSummary))))
        : pipe(findProvider(query, 'servicingProvider'), RTE.map((one) => [one]))
    ),
    RTE.bind('at', () => now),
    RTE.chain(({ p, draft, at, found }): PriorAuthorizationWorkflow<StepDone<'servicing-provider'> | SeveralFound<ProviderCandidate>> => {
      const [only, ...more] = found
      if (only === undefined) return fail(domainError('provider.not-found', { field: 'servicingProviderName', rule: 'no provider on file has this name' }))
      if (more.length > 0) return RTE.right({ outcome: 'several', candidates: found })
      return pipe(
        saveDraft(chooseServicingProvider(at, p.draftLifetime)(draft, only)),
        RTE.map((request) => ({ outcome: 'chosen' as const, request }))
      )
    })
  ))

/** Step 8: clinicals, attached and/or typed; attachments are stored by content hash. */
export const enterClinicals = (acting: Acting, requestId: unknown, form: ClinicalsForm): PriorAuthorizationWorkflow<DraftFrom<'clinicals'>> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('draft', () => loadDraft(acting, requestId, 'servicing-provider')),
    RTE.bind('clinicals', ({ p }) => fromValidation(validateClinicals(p)(form))),
    RTE.bind('attachments', ({ clinicals }) =>
      fromPort((env) =>
        TE.sequenceSeqArray(
          clinicals.uploads.map((u) =>
            pipe(
              env.attachments.put(u.content, u.mediaType),
              TE.map((stored): AttachmentRef => ({ fileName: u.fileName, mediaType: u.mediaType, size: stored.size, sha256: stored.sha256 }))
            )
          )
        )
      )
    ),
    RTE.bind('at', () => now),
    RTE.chain(({ p, draft, at, clinicals, attachments }) => saveDraft(giveClinicals(at, p.draftLifetime)(draft, { attachments, text: clinicals.text })))
  ))

/** Step 9: phone and fax (required), servicing provider's fax (optional). */
export const enterContacts = (acting: Acting, requestId: unknown, form: ContactsForm): PriorAuthorizationWorkflow<ReadyToSubmit> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('draft', () => loadDraft(acting, requestId, 'clinicals')),
    RTE.bind('contacts', () => fromValidation(validateContacts(form))),
    RTE.bind('at', () => now),
    RTE.chain(({ p, draft, at, contacts }) => saveDraft(giveContacts(at, p.draftLifetime)(draft, contacts)))
  ))

/** A request the draft's owner (or anyone allowed to act for its requesting provider) may read. */
export const viewRequest = (acting: Acting, requestId: unknown): PriorAuthorizationWorkflow<AuthorizationRequest> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('account', () => actingAccount(acting)),
    RTE.bind('id', () => requestIdOf(requestId)),
    RTE.bind('found', ({ id }) =>
      id !== null ? fromPort((env) => env.authorizationRequests.find(id)) : RTE.right<PriorAuthorizationEnv, Errors, O.Option<AuthorizationRequest>>(O.none)
    ),
    RTE.chain(({ account, found }) =>
      O.isSome(found) && mayRead(account, found.value) ? RTE.right(found.value) : fail<AuthorizationRequest>(requestNotFound())
    )
  ))

const mayRead = (account: Account, request: AuthorizationRequest): boolean =>
  request.accountId === account.id || (request.state !== 'started' && mayActFor(account, request.requestingProvider.providerId))

/**
 * Step 10, "Submit": the whole request is checked again (the account may still
 * act for the provider; the date of service is still acceptable; every
 * diagnosis is billable on it), then pended with a reference and a due time.
 */
export const submitAuthorizationRequest = (acting: Acting, requestId: unknown): PriorAuthorizationWorkflow<SubmissionReceipt> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('draft', () => loadDraft(acting, requestId, 'contacts')),
    RTE.bind('account', () => actingAccount(acting)),
    RTE.chainFirst(({ account, draft }) => fromEither(ensureMayActFor(account, draft.requestingProvider, 'requestingProvider'))),
    RTE.bind('at', () => now),
    RTE.chainFirst(({ p, draft, at }) => fromValidation(validateService(p, today(at))(draft.service))),
    RTE.chainFirst(({ draft }) => ensureBillable(draft.codes.diagnoses, draft.service.serviceDate)),
    RTE.bind('submittedBy', ({ account }) => submitter(account)),
    RTE.bind('reference', ({ p }) => RTE.asks((env: PriorAuthorizationEnv) => referenceOf(p.referencePrefix, drawSymbols(env)))),
    RTE.bind('submitted', ({ p, draft, reference, at, submittedBy }) => fromEither(submit(draft as ReadyToSubmit, reference, at, p.zone, submittedBy))),
    RTE.chain(({ submitted }) => fromPort((env) => env.authorizationRequests.update(submitted) as TE.TaskEither<DomainError, Submitted>)),
    RTE.map((request) => ({ reference: request.reference, status: request.status, submittedAt: request.submittedAt, dueAt: request.dueAt, request }))
  ))

/**
 * The person behind an account as the provider's registration knows them: the
 * registrant for the account the registration made, otherwise the registered
 * user with the account's e-mail; without one, the account's own name and
 * e-mail and no phone.
 */
export const submitterOf = (account: Account, registration: ProviderRegistration | null): Submitter => {
  const users = registration?.users ?? []
  const person = registration?.accountId === account.id ? users[0] : users.find((u) => emailKey(u.email) === account.emailKey)
  return {
    accountId: account.id,
    username: account.username,
    firstName: person?.firstName ?? account.firstName,
    lastName: person?.lastName ?? account.lastName,
    email: person?.email ?? account.email,
    phone: person?.phone ?? null
  }
}

/** The submitter of a request: the acting account, with its provider's registration when there is one. */
const submitter = (account: Account): PriorAuthorizationWorkflow<Submitter> => {
  const relationship = account.relationship
  return relationship.kind !== 'provider'
    ? RTE.right(submitterOf(account, null))
    : pipe(
        fromPort((env) => env.registrations.findByProviderId(relationship.providerId)),
        RTE.map((found) => submitterOf(account, O.toNullable(found)))
      )
}

const REFERENCE_SYMBOLS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

const drawSymbols = (env: PriorAuthorizationEnv): string => {
  let out = ''
  while (out.length < 8) out += symbolsFromBytes(env.random.bytes(16), REFERENCE_SYMBOLS, 8 - out.length)
  return out
}

/** A submitted request by its reference, for anyone allowed to act for its requesting provider. */
export const findSubmitted = (acting: Acting, reference: unknown): PriorAuthorizationWorkflow<Submitted> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('account', () => actingAccount(acting)),
    RTE.bind('reference', ({ p }) => fromEither(parseReference(p.referencePrefix)(reference))),
    RTE.bind('found', ({ reference }) => fromPort((env) => env.authorizationRequests.findByReference(reference))),
    RTE.chain(({ account, found }) => (O.isSome(found) && mayRead(account, found.value) ? RTE.right(found.value) : fail<Submitted>(requestNotFound())))
  ))

/** The plan records a determination (its reviewers' side: no provider account involved). */
export const recordDetermination = (reference: unknown, form: DeterminationForm): PriorAuthorizationWorkflow<Submitted> =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('reference', ({ p }) => fromEither(parseReference(p.referencePrefix)(reference))),
    RTE.bind('determination', () => fromValidation(validateDetermination(form))),
    RTE.bind('found', ({ reference }) => fromPort((env) => env.authorizationRequests.findByReference(reference))),
    RTE.bind('request', ({ found }) => (O.isSome(found) ? RTE.right(found.value) : fail<Submitted>(requestNotFound()))),
    RTE.bind('at', () => now),
    RTE.bind('decided', ({ request, determination, at }) => fromEither(determine(request, determination, at))),
    RTE.chain(({ decided }) => fromPort((env) => env.authorizationRequests.update(decided) as TE.TaskEither<DomainError, Submitted>))
  )

/** The descriptions of a request's diagnoses, from the code set (codes it does not describe are left out). */
export const diagnosisDescriptions = (codes: ReadonlyArray<IcdCode>): PriorAuthorizationWorkflow<ReadonlyMap<string, string>> =>
  fromPort((env) =>
    pipe(
      TE.sequenceSeqArray(codes.map((code) => pipe(env.diagnosisCodes.describe(code), TE.map((d) => [code, d] as const)))),
      TE.map((pairs) => new Map(pairs.flatMap(([code, d]) => (O.isSome(d) ? [[code, d.value] as [string, string]] : []))))
    )
  )

/**
 * What the plan knows of the requesting provider for its FHIR Organization:
 * the ZIP code from the provider directory, the organisation's phone from its
 * registration. (Its contact is the submitter the request recorded.)
 */
const requestorKnown = (request: Submitted): PriorAuthorizationWorkflow<Pick<FhirContext, 'requestingOrganization'>> =>
  fromPort((env) =>
    pipe(
      TE.Do,
      TE.bind('record', () => env.providers.findProvider(request.requestingProvider.providerId)),
      TE.bind('registration', () => env.registrations.findByProviderId(request.requestingProvider.providerId)),
      TE.map(({ record, registration }) => ({
        requestingOrganization: { postalCode: O.toUndefined(record)?.zipCode, phone: O.toUndefined(registration)?.organisation.phone }
      }))
    )
  )

/** What "download or print a summary report" gives: the request as text, as a printable page, and as a Da Vinci PAS request Bundle. */
export interface RequestSummary {
  readonly reference: Submitted['reference']
  readonly text: string
  /** A self-contained, printable HTML page. */
  readonly html: string
  /** The same request as a PAS `Claim` (use = preauthorization) in its request Bundle, ready for `Claim/$submit`. */
  readonly fhir: PasBundle
}

/** The summary report of a submitted request, for anyone allowed to act for its requesting provider. */
export const summarizeRequest = (acting: Acting, reference: unknown): PriorAuthorizationWorkflow<RequestSummary> =>
  asActing(acting, (acting) =>
  pipe(
    RTE.Do,
    RTE.bind('p', () => policies),
    RTE.bind('request', () => findSubmitted(acting, reference)),
    RTE.bind('descriptions', ({ request }) => diagnosisDescriptions(request.codes.diagnoses)),
    RTE.bind('content', ({ request }) =>
      fromPort((env) =>
        pipe(
          TE.sequenceSeqArray(request.clinicals.attachments.map((a) => pipe(env.attachments.get(a.sha256), TE.map((f) => [a.sha256, f] as const)))),
          TE.map((found) => new Map(found.flatMap(([sha, f]) => (O.isSome(f) ? [[sha, f.value.content] as [string, Uint8Array]] : []))))
        )
      )
    ),
    RTE.bind('requestor', ({ request }) => requestorKnown(request)),
    RTE.map(({ p, request, descriptions, content, requestor }) => {
      const summary = { planName: p.payer.name, zone: p.zone, diagnosisDescriptions: descriptions }
      return {
        reference: request.reference,
        text: summaryText(request, summary),
        html: summaryHtml(request, summary),
        fhir: toPasRequestBundle(request, { payer: p.payer, identifierSystems: p.identifierSystems, diagnosisDescriptions: descriptions, attachmentContent: content, ...requestor })
      }
    })
  ))
