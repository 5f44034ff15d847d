/**
 * HARP's organisations over SQL: one document each (its users' connections
 * and the role requests waiting), unique by registration key (its type and
 * the Tax ID's keyed hash), found by any account connected to it or waiting
 * in it; and the QPP Help Desk's queue of Security Official requests. Every
 * row is decoded with the library's own codec; what could not be read back
 * is not written.
 *
 * @since 0.4.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DomainError, domainError, invalidRow, storageConflict } from '../../src/kernel/errors'
import type { HarpOrganisationRepository, HelpDeskQueue, QueuedSecurityOfficialRequest } from '../../src/ports/harp-organisations'
import { HarpOrganisation, harpRegistrationKey } from '../../src/organizations/role-requests'
import { HarpOrganisationCodec, SecurityOfficialRequestCodec } from '../../src/organizations/harp-codecs'
import { decodeDocument, documentRepository, DocumentTable, ID_KEY, jsonObject, LOWER_CASE_UUID } from './documents'
import { SqlClient, toDomainError } from './sql'

const UUID = LOWER_CASE_UUID

/** Most organisations one listing of a person's reads, whatever limit is asked for. */
export const MAX_HARP_ORGANISATIONS_LISTED = 100

const hasSecurityOfficial = (): DomainError =>
  domainError('organisation.has-security-official', { field: 'taxId', rule: 'this organisation has a Security Official already: request a role, which a Security Official approves' })

const harpOrganisationTable: DocumentTable<HarpOrganisation> = {
  table: 'harp_organisations',
  what: 'HARP organisation',
  codec: HarpOrganisationCodec,
  key: ID_KEY,
  columns: (o) => ({ type: o.type, registration_key: harpRegistrationKey({ type: o.type, taxIdHash: o.taxId.hash }) }),
  select: 'id::text AS id, type, registration_key, body, version',
  unique: { harp_organisations_registration_key_unique: hasSecurityOfficial }
}

/** HARP organisations over SQL, unique by registration key (a second is `organisation.has-security-official`). */
export const harpOrganisationRepository = (sql: SqlClient): HarpOrganisationRepository => {
  const documents = documentRepository(sql, harpOrganisationTable)
  return {
    findById: (id) => (typeof id === 'string' && UUID.test(id) ? documents.findBy('id', id) : TE.right(O.none)),
    findByRegistrationKey: (key) => (typeof key === 'string' ? documents.findBy('registration_key', key) : TE.right(O.none)),
    findByAccount: (accountId, limit) => {
      const bounded = Math.min(MAX_HARP_ORGANISATIONS_LISTED, Math.max(0, Math.floor(Number.isNaN(limit) ? 0 : limit)))
      if (typeof accountId !== 'string' || !UUID.test(accountId) || bounded === 0) return TE.right([])
      const mine = JSON.stringify([{ accountId }])
      return documents.select(
        `(body @> jsonb_build_object('connections', $1::jsonb) OR body @> jsonb_build_object('pending', $1::jsonb))
         ORDER BY (body->>'registeredAt')::timestamptz, id LIMIT $2`,
        [mine, bounded]
      )
    },
    insert: documents.insert,
    update: documents.update
  }
}

const run = <A>(what: string, task: () => Promise<A>): TE.TaskEither<DomainError, A> => TE.tryCatch(task, toDomainError(what))

const decodeQueued = (row: Record<string, unknown>): E.Either<DomainError, QueuedSecurityOfficialRequest> => {
  const body = jsonObject(row.body)
  if (body === undefined) return E.left(invalidRow('harp_help_desk_requests', 'body is not a JSON object'))
  const decoded = decodeDocument(SecurityOfficialRequestCodec, { ...body, reference: row.reference })
  if (E.isLeft(decoded)) return E.left(invalidRow('harp_help_desk_requests', `body ${decoded.left}`))
  return decoded.right.requester === row.requester ? E.right(decoded.right) : E.left(invalidRow('harp_help_desk_requests', 'the requester column disagrees with the body'))
}

/**
 * The QPP Help Desk's queue over SQL: each request a row written in the use
 * case's transaction; its reference is `QPP-` and its running number (six
 * digits at least), unique. A request that would not decode is not written.
 */
export const helpDeskQueue = (sql: SqlClient): HelpDeskQueue => ({
  open: (request) => {
    const checked = decodeDocument(SecurityOfficialRequestCodec, { ...request, reference: 'QPP-000000' })
    if (E.isLeft(checked)) return TE.left(invalidRow('harp_help_desk_requests', `not written: ${checked.left}`))
    const { reference: _r, ...body } = SecurityOfficialRequestCodec.encode(checked.right) as Record<string, unknown>
    return pipe(
      run('help-desk request', () =>
        sql.query<{ reference: string }>(
          `WITH next AS (SELECT nextval(pg_get_serial_sequence('harp_help_desk_requests', 'id')) AS id)
           INSERT INTO harp_help_desk_requests (id, reference, requester, requested_at, body)
           SELECT id, 'QPP-' || lpad(id::text, greatest(6, length(id::text)), '0'), $1, $2, $3::jsonb FROM next
           RETURNING reference`,
          [checked.right.requester, checked.right.requestedAt, JSON.stringify(body)]
        )
      ),
      TE.chainEitherK((r) =>
        typeof r.rows[0]?.reference === 'string' ? E.right({ reference: r.rows[0].reference }) : E.left(invalidRow('harp_help_desk_requests', 'no reference was given back'))
      )
    )
  },
  findByReference: (reference) =>
    typeof reference !== 'string' || !/^QPP-\d{6,18}$/.test(reference)
      ? TE.right(O.none)
      : pipe(
          run('help-desk request', () =>
            sql.query<Record<string, unknown>>('SELECT reference, requester::text AS requester, body FROM harp_help_desk_requests WHERE reference = $1', [reference])
          ),
          TE.chainEitherK((r) => (r.rows[0] === undefined ? E.right(O.none) : pipe(decodeQueued(r.rows[0]), E.map(O.some))))
        )
})
