/**
 * A billing organisation's access to its clients (billing path, steps 8–11),
 * as workflows: find a client provider group by its Tax ID and a
 * HealthPartners-issued check, ask its contact (an e-mail with a single-use,
 * expiring link goes at once), and reach the client's data only while the
 * contact's approval stands. The client's contact answers, looks and ends
 * access through the link's token; nobody signs in for that.
 *
 * @since 0.3.0
 */
import * as E from '../../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError, ErrorOf } from '../../kernel/errors'
import { readForm, TEXT_LIMITS } from '../../kernel/form'
import { ProviderId, providerIdParser } from '../../kernel/identifiers'
import { parseTaxId, TaxId } from '../../kernel/us-identifiers'
import { requireText, validateAll } from '../../kernel/validation'
import { approvalTokenDigest, approvalTokenFromBytes, approvalTokenMatches, ApprovalToken, parseApprovalToken } from '../../credentials/approval-token'
import { Errors } from '../../accounts/policies'
import { fromEither, fromPort, fromValidation } from '../../accounts/workflow-kit'
import {
  AccessRequest,
  AccessRequestEmail,
  AccessRequestId,
  accessRequestEmail,
  approve,
  ClientContact,
  ClientProviderGroup,
  endAccess,
  mayAccessClient,
  pendingFor,
  PendingView,
  refuse,
  requestClientAccess,
  stateAt
} from '../client-access'
import { CheckNumber, parseCheckNumber } from '../issued-check'
import { holdsEmail } from '../membership'
import { proveByCheck } from '../workflow-kit'
import { BillingOrganisation } from '../organisation'
import { OrganisationsEnv, OrganisationWorkflow } from '../policies'
import { candidateOf, ProviderCandidate } from '../registration/flow'
import { ActingMember, MemberContext, readyMember } from '../administration/workflow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

type W<A> = OrganisationWorkflow<A>

/** Step 8, as typed: the client's Tax ID and a HealthPartners-issued check number. */
export interface FindClientForm {
  readonly taxId?: unknown
  readonly checkNumber?: unknown
}

/** Steps 9–10, as typed: the client's proof again, the provider group selected, and the client's contact. */
export interface ClientAccessForm extends FindClientForm {
  readonly providerKey?: unknown
  readonly contact?: unknown
}

/** A request as the billing organisation sees it: never its token hash, nor the client's Tax ID hash. */
export interface ClientAccessView {
  readonly id: AccessRequestId
  readonly state: AccessRequest['state']
  readonly client: { readonly providerId: ProviderId; readonly name: string }
  readonly contact: ClientContact
  readonly requestedAt: string
  readonly expiresAt: string
  readonly approvedAt: string | null
  readonly endedAt: string | null
}

/** The billing organisation's clients: requests waiting for an answer, access in force, and the rest. */
export interface ClientAccessOverview {
  readonly pending: ReadonlyArray<PendingView>
  readonly active: ReadonlyArray<ClientAccessView>
  readonly closed: ReadonlyArray<ClientAccessView>
}

/** What the client's contact sees through the link. */
export interface RequestForContact {
  readonly id: AccessRequestId
  readonly state: AccessRequest['state']
  readonly billingOrganisationName: string
  readonly client: { readonly providerId: ProviderId; readonly name: string }
  readonly expiresAt: string
}

/** The link's parameters, as the client's contact follows it. */
export interface LinkForm {
  readonly request?: unknown
  readonly token?: unknown
}

/** How many of an organisation's requests are read at most (a bound on every list). */
export const MAX_ACCESS_REQUESTS_READ = 1000

// -------------------------------------------------------------------------------------
// shared pieces
// -------------------------------------------------------------------------------------

const clockNow: W<DateTime> = RTE.asks((env: OrganisationsEnv) => env.clock.now())

const billingMember = (acting: ActingMember): W<MemberContext & { readonly organisation: BillingOrganisation }> =>
  pipe(
    readyMember(acting),
    RTE.chainW((ctx) =>
      fromEither<MemberContext & { readonly organisation: BillingOrganisation }, OrganisationsEnv>(
        ctx.organisation.kind === 'billing'
          ? E.right(ctx as MemberContext & { readonly organisation: BillingOrganisation })
          : E.left(
              domainError('organisation.not-a-billing-organisation', {
                rule: 'only a billing organisation asks for access to clients; a provider sees its own data'
              })
            )
      )
    )
  )

const requestsOf = (organisationId: BillingOrganisation['id']): W<ReadonlyArray<AccessRequest>> =>
  fromPort((env: OrganisationsEnv) => env.accessRequests.findByBillingOrganisation(organisationId, MAX_ACCESS_REQUESTS_READ))

const viewOf = (now: DateTime, request: AccessRequest): ClientAccessView => {
  const r = stateAt(now, request)
  return {
    id: r.id,
    state: r.state,
    client: { providerId: r.client.providerId, name: r.client.name },
    contact: r.contact,
    requestedAt: r.requestedAt,
    expiresAt: r.expiresAt,
    approvedAt: r.state === 'approved' || r.state === 'ended' ? r.approvedAt : null,
    endedAt: r.state === 'ended' ? r.endedAt : null
  }
}

const clientNotMatched = (): ErrorOf<'access-request.client-not-matched'> =>
  domainError('access-request.client-not-matched', { rule: 'the client’s Tax ID and check number must match a check HealthPartners issued under that Tax ID' })

const contactNotClient = (): ErrorOf<'access-request.contact-not-client'> =>
  domainError('access-request.contact-not-client', {
    field: 'contact.email',
    rule: 'the contact must be the client’s: an e-mail address with an account at the billing organisation could approve its own request'
  })

/** The client's provider groups, proved by its Tax ID and a check issued to it. */
const clientGroups = (form: FindClientForm): W<{ readonly taxIdHash: ClientProviderGroup['taxIdHash']; readonly candidates: ReadonlyArray<ProviderCandidate> }> =>
  pipe(
    RTE.Do,
    RTE.bindW('valid', () =>
      fromValidation<{ readonly taxId: string; readonly checkNumber: CheckNumber }, OrganisationsEnv>(
        pipe(
          readForm(form, ['taxId', 'checkNumber', 'providerKey', 'contact']),
          E.chain((f) => validateAll({ taxId: parseTaxId(f.taxId, 'taxId'), checkNumber: parseCheckNumber(f.checkNumber, 'checkNumber') }))
        )
      )
    ),
    RTE.bindW('taxIdHash', ({ valid }) => RTE.asks((env: OrganisationsEnv) => env.keyedHasher.digest('tax-id', valid.taxId))),
    RTE.chainFirstW(({ valid, taxIdHash }) =>
      pipe(
        proveByCheck(valid.taxId as TaxId, { taxIdHash, checkNumber: valid.checkNumber }),
        // Its own code: the provider registration's wording (NPI or vendor #, the US Mail option) does not fit a client lookup.
        RTE.mapLeft((errors): Errors => errors.map((e) => (e.code === 'organisation.check-not-matched' ? clientNotMatched() : e)) as unknown as Errors)
      )
    ),
    RTE.bindW('records', ({ taxIdHash }) =>
      pipe(
        RTE.asks((env: OrganisationsEnv) => env.organisationPolicies.maxCandidates),
        RTE.chainW((limit) => fromPort((env: OrganisationsEnv) => env.providers.findProvidersByTaxId(taxIdHash, limit)))
      )
    ),
    RTE.map(({ taxIdHash, records }) => ({ taxIdHash, candidates: records.map(candidateOf) }))
  )

// -------------------------------------------------------------------------------------
// the billing organisation's side
// -------------------------------------------------------------------------------------

/** Step 8: the client's Tax ID and a HealthPartners-issued check; answers the client's provider groups to select from. */
export const findClient = (acting: ActingMember, form: FindClientForm): W<ReadonlyArray<ProviderCandidate>> =>
  pipe(
    billingMember(acting),
    RTE.chainW(() => clientGroups(form)),
    RTE.map(({ candidates }) => candidates)
  )

/**
 * Steps 9–10: the provider group selected and its contact (the client's, not
 * the billing organisation's own). The request is saved and its e-mail sent
 * to the contact at once, with a link token of 256 random bits kept only as
 * a keyed hash.
 */
export const requestAccess = (acting: ActingMember, form: ClientAccessForm): W<PendingView> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => billingMember(acting)),
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('groups', () => clientGroups(form)),
    RTE.bindW('fields', () => fromValidation<{ readonly contact: unknown }, OrganisationsEnv>(readForm(form, ['taxId', 'checkNumber', 'providerKey', 'contact']))),
    RTE.bindW('selected', ({ env, groups }) =>
      fromValidation<ProviderCandidate, OrganisationsEnv>(
        pipe(
          readForm(form, ['taxId', 'checkNumber', 'providerKey', 'contact']),
          E.chain((f) =>
            E.mapLeft((e: DomainError): Errors => [e])(
              E.chain((key: ProviderId) => {
                const found = groups.candidates.find((c) => c.providerKey === key)
                return found === undefined
                  ? E.left<DomainError, ProviderCandidate>(
                      domainError('field.invalid', { field: 'providerKey', rule: 'providerKey must be one of the client’s provider groups listed', expected: 'one of the groups listed' })
                    )
                  : E.right(found)
              })(providerIdParser(env.organisationPolicies.providerIdFormat)(f.providerKey, 'providerKey'))
            )
          )
        )
      )
    ),
    RTE.bindW('existing', ({ ctx }) => requestsOf(ctx.organisation.id)),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('token', ({ env }) => fromEither<ApprovalToken, OrganisationsEnv>(approvalTokenFromBytes(env.random.bytes(32)))),
    RTE.bindW('requestId', ({ env }) => RTE.right(env.random.uuid() as AccessRequestId)),
    RTE.bindW('pending', ({ env, ctx, groups, selected, existing, at, token, requestId, fields }) =>
      fromValidation(
        requestClientAccess(
          at,
          env.organisationPolicies.accessRequestLifetime,
          { requestId, billingOrganisationId: ctx.organisation.id },
          { taxIdHash: groups.taxIdHash, providerId: selected.providerKey, name: selected.name },
          fields.contact,
          approvalTokenDigest(env.keyedHasher, requestId, token),
          existing
        )
      )
    ),
    // "Not your billing service/third party information": the consent must come from the client, never from the organisation asking.
    RTE.chainFirstW(({ ctx, pending }) =>
      fromEither<unknown, OrganisationsEnv>(holdsEmail(ctx.organisation, pending.contact.email) ? E.left(contactNotClient()) : E.right(undefined))
    ),
    RTE.bindW('email', ({ env, ctx, pending, token, at }) =>
      pipe(
        fromEither(accessRequestEmail(pending, ctx.organisation.fullName, env.organisationPolicies.accessRequestBaseUrl, token)),
        // The stored expiry keeps only an offset: the zone lets the e-mail name it ("EST", not "UTC-5").
        RTE.map((email): AccessRequestEmail => (at.zoneName === null ? email : { ...email, zone: at.zoneName }))
      )
    ),
    RTE.chainFirstW(({ pending }) => fromPort((env: OrganisationsEnv) => env.accessRequests.insert(pending))),
    RTE.chainFirstW(({ env, email }) => fromPort((e: OrganisationsEnv) => e.mailer.send(env.organisationPolicies.emails.accessRequest(email)))),
    RTE.bindW('now', () => clockNow),
    RTE.map(({ pending, now }) => pendingFor(now, { side: 'billing-organisation', organisationId: pending.billingOrganisationId }, [pending])[0] as PendingView)
  )

/** The organisation's requests: waiting, in force, and closed (refused, expired, ended). */
export const clientAccessOverview = (acting: ActingMember): W<ClientAccessOverview> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => billingMember(acting)),
    RTE.bindW('requests', ({ ctx }) => requestsOf(ctx.organisation.id)),
    RTE.bindW('at', () => clockNow),
    RTE.map(({ ctx, requests, at }) => {
      const views = requests.map((r) => viewOf(at, r))
      return {
        pending: pendingFor(at, { side: 'billing-organisation', organisationId: ctx.organisation.id }, requests),
        active: views.filter((v) => v.state === 'approved'),
        closed: views.filter((v) => v.state !== 'approved' && v.state !== 'pending')
      }
    })
  )

const noAccess = (): ErrorOf<'access-request.no-access'> =>
  domainError('access-request.no-access', {
    field: 'providerKey',
    rule: 'a client’s data is reachable only while its contact’s approval stands: ask for access first'
  })

/**
 * Step 11: opens a client's data. Only through an approved request not since
 * ended; a pending, refused or expired one reaches nothing.
 */
export const openClient = (acting: ActingMember, form: { readonly providerKey?: unknown }): W<ClientAccessView> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => billingMember(acting)),
    RTE.bindW('env', () => RTE.ask<OrganisationsEnv, Errors>()),
    RTE.bindW('key', ({ env }) =>
      fromValidation<ProviderId, OrganisationsEnv>(
        pipe(
          readForm(form, ['providerKey']),
          E.chain((f) => E.mapLeft((e: DomainError): Errors => [e])(providerIdParser(env.organisationPolicies.providerIdFormat)(f.providerKey, 'providerKey')))
        )
      )
    ),
    RTE.bindW('requests', ({ ctx }) => requestsOf(ctx.organisation.id)),
    RTE.bindW('at', () => clockNow),
    RTE.chainW(({ ctx, key, requests, at }) => {
      const granted = requests.find((r) => r.client.providerId === key && mayAccessClient(at, [r], ctx.organisation.id, r.client))
      return fromEither<ClientAccessView, OrganisationsEnv>(granted === undefined ? E.left(noAccess()) : E.right(viewOf(at, granted)))
    })
  )

const requestIdOf = (input: unknown, field: string): E.Either<DomainError, AccessRequestId> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s)
        ? E.right(s as AccessRequestId)
        : E.left(domainError('access-request.not-found', { field, rule: 'no such access request' }))
    )
  )

const loadRequest = (id: AccessRequestId): W<AccessRequest> =>
  pipe(
    fromPort((env: OrganisationsEnv) => env.accessRequests.findById(id)),
    RTE.chainW((found) =>
      fromEither<AccessRequest, OrganisationsEnv>(O.isSome(found) ? E.right(found.value) : E.left(domainError('access-request.not-found', { field: 'request', rule: 'no such access request' })))
    )
  )

/** A billing organisation ends a client's access (either side may, at any time after approval). */
export const endClientAccess = (acting: ActingMember, form: { readonly request?: unknown }): W<ClientAccessView> =>
  pipe(
    RTE.Do,
    RTE.bindW('ctx', () => billingMember(acting)),
    RTE.bindW('id', () =>
      fromValidation<AccessRequestId, OrganisationsEnv>(
        pipe(
          readForm(form, ['request']),
          E.chain((f) => E.mapLeft((e: DomainError): Errors => [e])(requestIdOf(f.request, 'request')))
        )
      )
    ),
    RTE.bindW('request', ({ id }) => loadRequest(id)),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('ended', ({ ctx, request, at }) => fromEither(endAccess(at, request, { side: 'billing-organisation', organisationId: ctx.organisation.id }))),
    RTE.bindW('saved', ({ ended }) => fromPort((env: OrganisationsEnv) => env.accessRequests.update(ended))),
    RTE.map(({ saved, at }) => viewOf(at, saved))
  )

// -------------------------------------------------------------------------------------
// the client contact's side: through the link
// -------------------------------------------------------------------------------------

const invalidLink = (): ErrorOf<'access-request.invalid-link'> =>
  domainError('access-request.invalid-link', { field: 'token', rule: 'an approval link works once, for the request it was sent for; ask for a new request' })

/** The link's request and token; any unknown request or wrong token is the same `invalid-link`. */
const followLink = (form: LinkForm): W<{ readonly request: AccessRequest; readonly presented: ReturnType<typeof approvalTokenDigest> }> =>
  pipe(
    fromValidation<{ readonly id: AccessRequestId; readonly token: ApprovalToken }, OrganisationsEnv>(
      pipe(
        readForm(form, ['request', 'token', 'decision']),
        E.chain((f) => validateAll({ id: E.mapLeft(() => invalidLink() as DomainError)(requestIdOf(f.request, 'request')), token: parseApprovalToken(f.token, 'token') }))
      )
    ),
    RTE.chainW(({ id, token }) =>
      pipe(
        fromPort((env: OrganisationsEnv) => env.accessRequests.findById(id)),
        RTE.chainW((found) =>
          RTE.asks((env: OrganisationsEnv) => ({ found, presented: approvalTokenDigest(env.keyedHasher, id, token) }))
        ),
        RTE.chainW(({ found, presented }) =>
          fromEither<{ readonly request: AccessRequest; readonly presented: typeof presented }, OrganisationsEnv>(
            O.isSome(found) && approvalTokenMatches(found.value.tokenHash, presented) ? E.right({ request: found.value, presented }) : E.left(invalidLink())
          )
        )
      )
    )
  )

const contactView = (now: DateTime, request: AccessRequest, billingOrganisationName: string): RequestForContact => {
  const r = stateAt(now, request)
  return { id: r.id, state: r.state, billingOrganisationName, client: { providerId: r.client.providerId, name: r.client.name }, expiresAt: r.expiresAt }
}

const billingNameOf = (request: AccessRequest): W<string> =>
  pipe(
    fromPort((env: OrganisationsEnv) => env.organisations.findById(request.billingOrganisationId)),
    RTE.map((o) => (O.isSome(o) ? o.value.fullName : 'a billing organization'))
  )

/** The client contact looks at the request through the link (a pending request is visible to both sides). */
export const viewAccessRequest = (form: LinkForm): W<RequestForContact> =>
  pipe(
    RTE.Do,
    RTE.bindW('link', () => followLink(form)),
    RTE.bindW('name', ({ link }) => billingNameOf(link.request)),
    RTE.bindW('at', () => clockNow),
    RTE.map(({ link, name, at }) => contactView(at, link.request, name))
  )

/**
 * The client contact answers through the link: approve (access is immediate)
 * or refuse (nothing is granted). A link works once: the second of two
 * answers at once loses the versioned write and is told the link is used.
 */
export const answerAccessRequest = (form: LinkForm & { readonly decision?: unknown }): W<RequestForContact> =>
  pipe(
    RTE.Do,
    RTE.bindW('decision', () =>
      fromValidation<'approve' | 'refuse', OrganisationsEnv>(
        pipe(
          readForm(form, ['request', 'token', 'decision']),
          E.chain((f) =>
            E.mapLeft((e: DomainError): Errors => [e])(
              E.chain((s: string) =>
                s === 'approve' || s === 'refuse'
                  ? E.right<DomainError, 'approve' | 'refuse'>(s)
                  : E.left<DomainError, 'approve' | 'refuse'>(domainError('field.invalid', { field: 'decision', rule: 'decision must be approve or refuse', expected: 'approve or refuse' }))
              )(requireText(f.decision, 'decision', TEXT_LIMITS.short))
            )
          )
        )
      )
    ),
    RTE.bindW('link', () => followLink(form)),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('answered', ({ decision, link, at }) =>
      fromEither<AccessRequest, OrganisationsEnv>((decision === 'approve' ? approve : refuse)(at, link.request, link.presented))
    ),
    RTE.bindW('saved', ({ answered }) =>
      (env: OrganisationsEnv) =>
        pipe(
          env.accessRequests.update(answered),
          // Lost the race to another use of the same link: to this person, the link is used.
          (task) => async () => {
            const r = await task()
            return E.isLeft(r) ? E.left<Errors, AccessRequest>([r.left.code === 'storage.conflict' ? invalidLink() : r.left]) : E.right<Errors, AccessRequest>(r.right)
          }
        )
    ),
    RTE.bindW('name', ({ saved }) => billingNameOf(saved)),
    RTE.map(({ saved, name, at }) => contactView(at, saved, name))
  )

/** The client contact ends an approved access through the same link (either side may end it later). */
export const endAccessAsClient = (form: LinkForm): W<RequestForContact> =>
  pipe(
    RTE.Do,
    RTE.bindW('link', () => followLink(form)),
    RTE.bindW('at', () => clockNow),
    RTE.bindW('ended', ({ link, at }) => fromEither(endAccess(at, link.request, { side: 'client', contactEmail: link.request.contact.email }))),
    RTE.bindW('saved', ({ ended }) => fromPort((env: OrganisationsEnv) => env.accessRequests.update(ended))),
    RTE.bindW('name', ({ saved }) => billingNameOf(saved)),
    RTE.map(({ saved, name, at }) => contactView(at, saved, name))
  )
