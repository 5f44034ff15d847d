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
import { decodeDocument, jsonObject, versionOf } from './documents'
import { SqlClient, toDomainError, UniqueViolations } from './sql'

type Row = Record<string, unknown>

// Lower case, as the codecs require and PostgreSQL gives uuids back: another spelling finds nothing, as in memory.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const run = <A>(what: string, task: () => Promise<A>, unique: UniqueViolations = {}): TE.TaskEither<DomainError, A> =>
  TE.tryCatch(task, toDomainError(what, unique))

export type Versioned = { readonly id: string; readonly version: number }

/** How one table's rows map to one document type, both ways. */
export interface DocumentTable<A extends Versioned> {
  readonly table: string
  /** What errors call one row ("organisation"). */
  readonly what: string
  readonly codec: t.Type<A, unknown, unknown>
  /** The columns kept beside the body, as written for a document; `select` must read each back as that same text. */
  readonly columns: (a: A) => Readonly<Record<string, string>>
  /** The select list: `id`, each column, `body`, `version`. */
  readonly select: string
  readonly unique: UniqueViolations
}

/**
 * Decodes a row: the body with its version must decode, and every column must
 * agree with it (a row whose columns and body disagree was written by
 * something else, and is not trusted).
 */
const decodeRow =
  <A extends Versioned>(spec: DocumentTable<A>) =>
  (row: Row): E.Either<DomainError, A> => {
    const version = versionOf(row.version)
    if (version === undefined) return E.left(invalidRow(spec.table, 'version is missing or malformed'))
    const body = jsonObject(row.body)
    if (body === undefined) return E.left(invalidRow(spec.table, 'body is not a JSON object'))
    const decoded = decodeDocument(spec.codec, { ...body, version })
    if (E.isLeft(decoded)) return E.left(invalidRow(spec.table, `body ${decoded.left}`))
    const disagrees = Object.entries({ id: decoded.right.id, ...spec.columns(decoded.right) }).find(([column, value]) => row[column] !== value)
    return disagrees === undefined ? E.right(decoded.right) : E.left(invalidRow(spec.table, `the ${disagrees[0]} column disagrees with the body`))
  }

/** The columns and parameters of a document's row (id, the columns, the body), or why it cannot be written. */
const rowOf = <A extends Versioned>(spec: DocumentTable<A>, a: A): E.Either<DomainError, { readonly names: string[]; readonly params: unknown[] }> => {
  // The same codec guards both ways: what could not be read back is not written.
  const checked = decodeDocument(spec.codec, a)
  if (E.isLeft(checked)) return E.left(invalidRow(spec.table, `not written: ${checked.left}`))
  const { version: _version, ...body } = spec.codec.encode(checked.right) as Record<string, unknown>
  const columns = spec.columns(checked.right)
  return E.right({ names: Object.keys(columns), params: [checked.right.id, ...Object.values(columns), JSON.stringify(body)] })
}

/** A versioned repository over one document table: insert stores version 1, update needs the stored version and stores the next. */
export const documentRepository = <A extends Versioned>(sql: SqlClient, spec: DocumentTable<A>) => {
  const decode = decodeRow(spec)
  const select = (where: string, params: ReadonlyArray<unknown>): TE.TaskEither<DomainError, ReadonlyArray<A>> =>
    pipe(
      run(spec.what, () => sql.query<Row>(`SELECT ${spec.select} FROM ${spec.table} WHERE ${where}`, params)),
      TE.chainEitherK((r) => E.traverseArray(decode)(r.rows))
    )
  const write = (a: A, statement: (names: ReadonlyArray<string>) => string, extra: ReadonlyArray<unknown>) =>
    pipe(
      TE.fromEither(rowOf(spec, a)),
      TE.chain(({ names, params }) => run(spec.what, () => sql.query<Row>(statement(names), [...params, ...extra]), spec.unique))
    )
  return {
    select,
    /** The row whose `column` is `value`, if any. */
    findBy: (column: string, value: string): TE.TaskEither<DomainError, O.Option<A>> =>
      pipe(
        select(`${column} = $1`, [value]),
        TE.map((rows) => O.fromNullable(rows[0]))
      ),
    insert: (a: A): TE.TaskEither<DomainError, A> =>
      pipe(
        write(
          a,
          (names) =>
            `INSERT INTO ${spec.table} (id, ${names.join(', ')}, body, version)
             VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}, $${names.length + 2}::jsonb, 1) RETURNING ${spec.select}`,
          []
        ),
        TE.chainEitherK((r) => decode(r.rows[0] ?? {}))
      ),
    update: (a: A): TE.TaskEither<DomainError, A> =>
      pipe(
        write(
          a,
          (names) =>
            `UPDATE ${spec.table} SET ${names.map((c, i) => `${c} = $${i + 2}`).join(', ')}, body = $${names.length + 2}::jsonb, version = version + 1
             WHERE id = $1 AND version = $${names.length + 3} RETURNING ${spec.select}`,
          [a.version]
        ),
        TE.chainEitherK((r) => (r.rows[0] === undefined ? E.left(storageConflict(spec.what)) : decode(r.rows[0])))
      )
  }
}

// -------------------------------------------------------------------------------------
// organisations
// -------------------------------------------------------------------------------------

const organisationTable = (codec: t.Type<RegisteredOrganisation, unknown, unknown>): DocumentTable<RegisteredOrganisation> => ({
  table: 'organisations',
  what: 'organisation',
  codec,
  columns: (o) => ({ kind: o.kind, registration_key: registrationKey(o) }),
  select: 'id::text AS id, kind, registration_key, body, version',
  unique: { organisations_registration_key_unique: alreadyRegistered, organisations_pkey: () => storageConflict('organisation') }
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
  // requested_at is written and read back as the instant in UTC, to the millisecond (as the document holds it).
  columns: (r) => ({ billing_organisation_id: r.billingOrganisationId, state: r.state, requested_at: new Date(Date.parse(r.requestedAt)).toISOString() }),
  select: `id::text AS id, billing_organisation_id::text AS billing_organisation_id, state,
    to_char(requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS requested_at, body, version`,
  unique: { client_access_requests_pkey: () => storageConflict('client access request') }
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
