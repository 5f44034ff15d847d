/**
 * Ports of the prior-authorization context: what the core asks of the outside
 * world about code sets.
 *
 * @since 0.1.0
 */
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { DomainError } from '../kernel/errors'
import { IcdCode } from './code-sets'

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
