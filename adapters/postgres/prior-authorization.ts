/**
 * Prior-authorization storage over SQL: the requests (the whole request as a
 * JSON document, with the columns it is looked up by) and the clinical
 * attachments (content-addressed bytes). Every row is decoded back into the
 * domain's types before it is trusted: a request with the library's own
 * codec, an attachment by hashing its bytes again.
 *
 * @since 0.2.0
 */
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DomainError, invalidRow, storageConflict } from '../../src/kernel/errors'
import { AuthorizationRequestCodec, decodeAuthorizationRequest } from '../../src/prior-authorization/codecs'
import type { Submitted } from '../../src/prior-authorization/determination'
import { AttachmentStore, AuthorizationRequest, AuthorizationRequestRepository, StoredAttachment } from '../../src/prior-authorization/ports'
import { SqlClient, toDomainError } from './sql'

type Row = Record<string, unknown>

const REQUESTS = 'authorization_requests'
const REQUEST_COLUMNS = 'id::text AS id, state, reference, account_id, requesting_provider_id, body, version'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const run = <A>(what: string, task: () => Promise<A>, unique: Parameters<typeof toDomainError>[1] = {}): TE.TaskEither<DomainError, A> =>
  TE.tryCatch(task, toDomainError(what, unique))

/** `storage.conflict` for a reference another request already holds. */
const referenceTaken = (): DomainError => storageConflict('prior-authorization reference')

const UNIQUE = {
  authorization_requests_reference_unique: referenceTaken,
  authorization_requests_pkey: () => storageConflict('prior-authorization request')
}

/**
 * Decodes an authorization_requests row: the document must decode with the
 * request codec, and the columns must agree with it (a row whose columns and
 * document disagree was written by something else, and is not trusted).
 */
export const decodeAuthorizationRequestRow =
  (codec: t.Type<AuthorizationRequest, unknown, unknown> = AuthorizationRequestCodec) =>
  (row: Row): E.Either<DomainError, AuthorizationRequest> => {
    const version = typeof row.version === 'number' ? row.version : typeof row.version === 'string' && /^\d+$/.test(row.version) ? Number(row.version) : undefined
    if (version === undefined || version < 1) return E.left(invalidRow(REQUESTS, 'version is missing or malformed'))
    const body = typeof row.body === 'string' ? safeJson(row.body) : row.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return E.left(invalidRow(REQUESTS, 'body is not a JSON object'))
    const decoded = decodeAuthorizationRequest(codec)({ ...body, version })
    if (E.isLeft(decoded)) return E.left(invalidRow(REQUESTS, `body ${decoded.left}`))
    const r = decoded.right
    const disagrees =
      typeof row.id !== 'string' || row.id.toLowerCase() !== r.id.toLowerCase()
        ? 'id'
        : row.state !== r.state
          ? 'state'
          : (row.reference ?? null) !== (r.state === 'submitted' ? r.reference : null)
            ? 'reference'
            : row.account_id !== r.accountId
              ? 'account_id'
              : (row.requesting_provider_id ?? null) !== ('requestingProvider' in r ? r.requestingProvider.providerId : null)
                ? 'requesting_provider_id'
                : undefined
    return disagrees === undefined ? E.right(r) : E.left(invalidRow(REQUESTS, `the ${disagrees} column disagrees with the body`))
  }

const safeJson = (s: string): unknown => {
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

/** The row's parameters for a request (id, state, reference, account, requesting provider, body), or why it cannot be written. */
const rowOf = (codec: t.Type<AuthorizationRequest, unknown, unknown>, request: AuthorizationRequest): E.Either<DomainError, unknown[]> => {
  // What cannot be read back is not written: the same codec guards both ways.
  const checked = decodeAuthorizationRequest(codec)(request)
  if (E.isLeft(checked)) return E.left(invalidRow(REQUESTS, `not written: ${checked.left}`))
  const r = checked.right
  const { version: _version, ...body } = codec.encode(r) as Record<string, unknown>
  return E.right([
    r.id,
    r.state,
    r.state === 'submitted' ? r.reference : null,
    r.accountId,
    'requestingProvider' in r ? r.requestingProvider.providerId : null,
    JSON.stringify(body)
  ])
}

/**
 * Prior-authorization requests over SQL. Insert stores version 1, update needs
 * the stored version and stores the next; a reference another row holds is
 * `storage.conflict`. Pass a codec built with the plan's formats
 * (`authorizationRequestCodec`) to check identifiers more strictly.
 */
export const authorizationRequestRepository = (
  sql: SqlClient,
  codec: t.Type<AuthorizationRequest, unknown, unknown> = AuthorizationRequestCodec
): AuthorizationRequestRepository => {
  const decode = decodeAuthorizationRequestRow(codec)
  const one = (rows: ReadonlyArray<Row>): E.Either<DomainError, O.Option<AuthorizationRequest>> =>
    rows[0] === undefined ? E.right(O.none) : pipe(decode(rows[0]), E.map(O.some))
  return {
    find: (id) =>
      typeof id === 'string' && UUID.test(id)
        ? pipe(
            run('prior-authorization request', () => sql.query<Row>(`SELECT ${REQUEST_COLUMNS} FROM authorization_requests WHERE id = $1`, [id])),
            TE.chainEitherK((r) => one(r.rows))
          )
        : TE.right(O.none),
    findByReference: (reference) =>
      pipe(
        run('prior-authorization request', () =>
          sql.query<Row>(`SELECT ${REQUEST_COLUMNS} FROM authorization_requests WHERE reference = $1 AND state = 'submitted'`, [reference])
        ),
        TE.chainEitherK((r) => one(r.rows)),
        TE.map(O.filter((r: AuthorizationRequest): r is Submitted => r.state === 'submitted'))
      ),
    insert: (request) =>
      pipe(
        TE.fromEither(rowOf(codec, request)),
        TE.chain((params) =>
          run(
            'prior-authorization request',
            () =>
              sql.query<Row>(
                `INSERT INTO authorization_requests (id, state, reference, account_id, requesting_provider_id, body, version, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6::jsonb, 1, now())
                 RETURNING ${REQUEST_COLUMNS}`,
                params
              ),
            UNIQUE
          )
        ),
        TE.chainEitherK((r) => decode(r.rows[0] ?? {}))
      ),
    update: (request) =>
      pipe(
        TE.fromEither(rowOf(codec, request)),
        TE.chain((params) =>
          run(
            'prior-authorization request',
            () =>
              sql.query<Row>(
                `UPDATE authorization_requests
                   SET state = $2, reference = $3, account_id = $4, requesting_provider_id = $5, body = $6::jsonb,
                       version = version + 1, updated_at = now()
                 WHERE id = $1 AND version = $7
                 RETURNING ${REQUEST_COLUMNS}`,
                [...params, request.version]
              ),
            UNIQUE
          )
        ),
        TE.chainEitherK((r) => (r.rows[0] === undefined ? E.left(storageConflict('prior-authorization request')) : decode(r.rows[0])))
      )
  }
}

// -------------------------------------------------------------------------------------
// attachments
// -------------------------------------------------------------------------------------

const ATTACHMENTS = 'clinical_attachments'
const SHA256 = /^[0-9a-f]{64}$/

const sha256Of = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex')

/** bytea as the drivers give it (a Buffer from pg, a Uint8Array from PGlite, `\x…` text from anything else) as a fresh Uint8Array. */
const bytesOf = (v: unknown): Uint8Array | undefined => {
  if (v instanceof Uint8Array) return new Uint8Array(v)
  if (typeof v === 'string' && /^\\x([0-9a-fA-F]{2})*$/.test(v)) return new Uint8Array(Buffer.from(v.slice(2), 'hex'))
  return undefined
}

/** Decodes a clinical_attachments row: its bytes must hash to its key and have its size. */
const decodeAttachment =
  (sha256: string) =>
  (row: Row): E.Either<DomainError, StoredAttachment> => {
    const content = bytesOf(row.content)
    if (content === undefined) return E.left(invalidRow(ATTACHMENTS, 'content is not bytes'))
    if (typeof row.media_type !== 'string' || row.media_type === '') return E.left(invalidRow(ATTACHMENTS, 'media_type is missing'))
    if (Number(row.size) !== content.byteLength) return E.left(invalidRow(ATTACHMENTS, 'size does not match the content'))
    if (sha256Of(content) !== sha256) return E.left(invalidRow(ATTACHMENTS, 'content does not hash to its sha256'))
    return E.right({ mediaType: row.media_type, content })
  }

/**
 * Clinical attachments over SQL, content-addressed: `put` stores the bytes
 * once however often (and however concurrently) they are put; the first media
 * type given is kept.
 */
export const attachmentStore = (sql: SqlClient): AttachmentStore => ({
  put: (content, mediaType) =>
    pipe(
      TE.fromIO(() => {
        const bytes = content instanceof Uint8Array ? content : new Uint8Array(0)
        return { bytes, sha256: sha256Of(bytes) }
      }),
      TE.chain(({ bytes, sha256 }) =>
        pipe(
          run('clinical attachment', () =>
            sql.query(
              `INSERT INTO clinical_attachments (sha256, media_type, size, content, stored_at) VALUES ($1, $2, $3, $4, now())
               ON CONFLICT (sha256) DO NOTHING`,
              [sha256, mediaType, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]
            )
          ),
          TE.map(() => ({ sha256, size: bytes.byteLength }))
        )
      )
    ),
  get: (sha256) =>
    typeof sha256 === 'string' && SHA256.test(sha256)
      ? pipe(
          run('clinical attachment', () => sql.query<Row>('SELECT media_type, size, content FROM clinical_attachments WHERE sha256 = $1', [sha256])),
          TE.chainEitherK((r) => (r.rows[0] === undefined ? E.right(O.none) : pipe(decodeAttachment(sha256)(r.rows[0]), E.map(O.some))))
        )
      : TE.right(O.none)
})
