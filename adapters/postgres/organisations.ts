/**
 * The organisations context over SQL: registered organisations (one document
 * each, with its memberships, unique by registration key), billing
 * organisations' client access requests, and Provider e-Services' queue.
 * Every row is decoded with the library's own codec, and its columns must
 * agree with its document; what could not be read back is not written.
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DomainError, invalidRow, storageConflict } from '../../src/kernel/errors'
import type { AccessRequestRepository, EServicesDesk, OrganisationRepository } from '../../src/ports/organisations'
import { alreadyRegistered, RegisteredOrganisation, registrationKey } from '../../src/organizations/organisation'
import { OrganisationCodec } from '../../src/organizations/codecs'
import type { AccessRequest } from '../../src/organizations/client-access'
import { ACCESS_REQUEST_TABLE, AccessRequestCodec } from '../../src/organizations/client-access-codecs'
import { decodeDocument, documentRepository, DocumentTable, ID_KEY, LOWER_CASE_UUID } from './documents'
import { SqlClient, toDomainError, UniqueViolations } from './sql'

type Row = Record<string, unknown>

const UUID = LOWER_CASE_UUID

const run = <A>(what: string, task: () => Promise<A>, unique: UniqueViolations = {}): TE.TaskEither<DomainError, A> =>
  TE.tryCatch(task, toDomainError(what, unique))

// -------------------------------------------------------------------------------------
// organisations
// -------------------------------------------------------------------------------------

const organisationTable = (codec: t.Type<RegisteredOrganisation, unknown, unknown>): DocumentTable<RegisteredOrganisation> => ({
  table: 'organisations',
  what: 'organisation',
  codec,
  key: ID_KEY,
  columns: (o) => ({ kind: o.kind, registration_key: registrationKey(o) }),
  select: 'id::text AS id, kind, registration_key, body, version',
  unique: { organisations_registration_key_unique: alreadyRegistered }
})

/**
 * Registered organisations over SQL, unique by registration key (a second is
 * `organisation.already-registered`). Pass a codec built with the plan's
 * Provider ID format (`organisationCodec`) to check provider keys more strictly.
 */
export const organisationRepository = (sql: SqlClient, codec: t.Type<RegisteredOrganisation, unknown, unknown> = OrganisationCodec): OrganisationRepository => {
  const documents = documentRepository(sql, organisationTable(codec))
  return {
    findById: (id) => (typeof id === 'string' && UUID.test(id) ? documents.findBy('id', id) : TE.right(O.none)),
    findByRegistrationKey: (key) => (typeof key === 'string' ? documents.findBy('registration_key', key) : TE.right(O.none)),
    insert: documents.insert,
    update: documents.update
  }
}

// -------------------------------------------------------------------------------------
// client access requests
// -------------------------------------------------------------------------------------

/** Most requests one listing reads, whatever limit is asked for. */
export const MAX_ACCESS_REQUESTS_LISTED = 1000

const accessRequestTable = (codec: t.Type<AccessRequest, unknown, unknown>): DocumentTable<AccessRequest> => ({
  table: ACCESS_REQUEST_TABLE,
  what: 'client access request',
  codec,
  key: ID_KEY,
  // requested_at is written and read back as the instant in UTC, to the millisecond (as the document holds it).
  columns: (r) => ({ billing_organisation_id: r.billingOrganisationId, state: r.state, requested_at: new Date(Date.parse(r.requestedAt)).toISOString() }),
  select: `id::text AS id, billing_organisation_id::text AS billing_organisation_id, state,
    to_char(requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS requested_at, body, version`,
})

/**
 * Client access requests over SQL, listed by billing organisation newest
 * first. A request whose billing organisation id is no UUID is not written
 * (organisations' ids are UUIDs). Pass a codec built with the plan's formats
 * (`accessRequestCodec`) to check identifiers more strictly.
 */
export const accessRequestRepository = (sql: SqlClient, codec: t.Type<AccessRequest, unknown, unknown> = AccessRequestCodec): AccessRequestRepository => {
  const documents = documentRepository(sql, accessRequestTable(codec))
  const writable = (write: (r: AccessRequest) => TE.TaskEither<DomainError, AccessRequest>) => (r: AccessRequest) =>
    typeof r?.billingOrganisationId === 'string' && UUID.test(r.billingOrganisationId)
      ? write(r)
      : TE.left(invalidRow(ACCESS_REQUEST_TABLE, 'not written: billingOrganisationId must be a UUID'))
  return {
    findById: (id) => (typeof id === 'string' && UUID.test(id) ? documents.findBy('id', id) : TE.right(O.none)),
    findByBillingOrganisation: (id, limit) => {
      // As in memory, a fractional limit is cut and one below 1 (or NaN) lists none; above 1000, 1000.
      const bounded = Math.min(MAX_ACCESS_REQUESTS_LISTED, Math.max(0, Math.floor(Number.isNaN(limit) ? 0 : limit)))
      return typeof id === 'string' && UUID.test(id) && bounded > 0
        ? documents.select('billing_organisation_id = $1 ORDER BY requested_at DESC, id LIMIT $2', [id, bounded])
        : TE.right([])
    },
    insert: writable(documents.insert),
    update: writable(documents.update)
  }
}

// -------------------------------------------------------------------------------------
// Provider e-Services
// -------------------------------------------------------------------------------------

/**
 * Provider e-Services' queue over SQL: each request is a row written in the
 * use case's transaction; its reference is `ES-` and its running number
 * (six digits at least), unique.
 */
export const eServicesDesk = (sql: SqlClient): EServicesDesk => ({
  open: (request) =>
    pipe(
      run('Provider e-Services request', () =>
        sql.query<{ reference: string }>(
          `WITH next AS (SELECT nextval(pg_get_serial_sequence('eservices_requests', 'id')) AS id)
           INSERT INTO eservices_requests (id, reference, requested_at, body)
           SELECT id, 'ES-' || lpad(id::text, greatest(6, length(id::text)), '0'), $1, $2::jsonb FROM next
           RETURNING reference`,
          [request.requestedAt, JSON.stringify(request)]
        )
      ),
      TE.chainEitherK((r) =>
        typeof r.rows[0]?.reference === 'string' ? E.right({ reference: r.rows[0].reference }) : E.left(invalidRow('eservices_requests', 'no reference was given back'))
      )
    )
})
