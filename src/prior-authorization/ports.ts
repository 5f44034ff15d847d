/**
 * Ports of the prior-authorization context: what the core asks of the outside
 * world: code sets, the requests and their attachments.
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { DomainError } from '../kernel/errors'
import { IcdCode } from './code-sets'
import type { Draft, RequestId, RequestReference } from './request'
import type { Submitted } from './determination'

/**
 * The ICD-10-CM code set a plan accepts. A well-formed `IcdCode` is not
 * enough: only a code that is billable ("valid for submission") in the release
 * in force on the date of service may be submitted. CDC/CMS publish a new
 * release every October 1 (with occasional April updates), so an
 * implementation holds several releases, each valid for a date range, and
 * answers for the one in force on the service date. A date no release covers,
 * or a date that is not an ISO date, is a `DomainError` (field `serviceDate`),
 * not `false`.
 */
export interface DiagnosisCodeSet {
  /** Is `code` billable on `serviceDate` (an ISO date, `2026-11-22`)? `false` for headers and for codes the release lacks. */
  readonly isBillable: (code: IcdCode, serviceDate: string) => TE.TaskEither<DomainError, boolean>
  /** The short description of `code` in the newest release that lists it, or none. */
  readonly describe: (code: IcdCode) => TE.TaskEither<DomainError, O.Option<string>>
}

/** A request in any state: a draft of the wizard, or submitted. */
export type AuthorizationRequest = Draft | Submitted

/**
 * Prior-authorization requests, drafts and submitted, by id; submitted ones
 * also by their reference (unique: a second insert or update with a reference
 * already used is `storage.conflict`). Writes follow the repository rule of
 * `src/ports/repositories.ts`: insert stores version 1, update needs the
 * stored version and stores version + 1.
 */
export interface AuthorizationRequestRepository {
  readonly find: (id: RequestId) => TE.TaskEither<DomainError, O.Option<AuthorizationRequest>>
  readonly findByReference: (reference: RequestReference) => TE.TaskEither<DomainError, O.Option<Submitted>>
  readonly insert: (request: AuthorizationRequest) => TE.TaskEither<DomainError, AuthorizationRequest>
  readonly update: (request: AuthorizationRequest) => TE.TaskEither<DomainError, AuthorizationRequest>
}

/** A stored attachment's content and what it is. */
export interface StoredAttachment {
  readonly mediaType: string
  readonly content: Uint8Array
}

/**
 * Clinical attachments, content-addressed: `put` stores the bytes (once, however
 * often they are put) and answers their SHA-256 (lowercase hex) and size.
 */
export interface AttachmentStore {
  readonly put: (content: Uint8Array, mediaType: string) => TE.TaskEither<DomainError, { readonly sha256: string; readonly size: number }>
  readonly get: (sha256: string) => TE.TaskEither<DomainError, O.Option<StoredAttachment>>
}
