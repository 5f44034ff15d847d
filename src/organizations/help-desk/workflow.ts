/**
 * Becoming an organisation's Security Official through the QPP Help Desk
 * when the one it has left or cannot log in: the request with the guide's
 * three blocks (your information, the business contact, the professional
 * information), validated together, so an incomplete one says what is
 * missing block by block; a group NPI or group PTAN CMS lists for a
 * practitioner's billing Tax ID is refused where the individual one is
 * asked. A valid request is queued for the help desk with the SSN only as
 * `SsnOnFile` and each billing Tax ID only as its hash and last four; the
 * answer is the help desk's reference and its numbers.
 *
 * @since 0.4.0
 */
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Errors } from '../../accounts/policies'
import { fromPort, fromValidation } from '../../accounts/workflow-kit'
import type { Npi } from '../../kernel/npi'
import type { Ptan } from '../../kernel/us-identifiers'
import type { SecurityOfficialRequest } from '../../ports/harp-organisations'
import { ensureIndividualIdentifiers, HelpDeskRequestForm, helpDeskRequestOnFile, ValidHelpDeskRequest, validateHelpDeskRequest } from '../help-desk-request'
import { ActingPerson, HarpAccessEnv, HarpWorkflow, loadPerson } from '../harp-access/workflow'

/** What the person is told once the request is queued. */
export interface HelpDeskReceipt {
  /** The help desk's reference for the request. */
  readonly reference: string
  readonly requestedAt: string
  /** The QPP Help Desk's numbers, to call about it. */
  readonly helpDesk: { readonly phone: string; readonly tty: string }
}

/** The group NPIs and PTANs CMS lists under the practitioners' billing Tax IDs. */
const groupIdentifiersOf = (request: ValidHelpDeskRequest): HarpWorkflow<{ readonly npis: ReadonlyArray<Npi>; readonly ptans: ReadonlyArray<Ptan> }> =>
  pipe(
    RTE.sequenceArray(
      request.professionalInformation.practitioners.map((p) =>
        fromPort((env: HarpAccessEnv) => env.practices.findByTaxId(env.keyedHasher.digest('tax-id', p.billingTin)))
      )
    ),
    RTE.map((found) => {
      const records = found.flat()
      return {
        npis: records.flatMap((r) => (r.groupNpi === null ? [] : [r.groupNpi])),
        ptans: records.flatMap((r) => (r.groupPtan === null ? [] : [r.groupPtan]))
      }
    })
  )

/**
 * Asks the QPP Help Desk to make the person a Security Official (the one the
 * organisation has left or cannot log in): the three blocks validated
 * together, every error named under its block; a valid request is queued.
 */
export const requestSecurityOfficialRole = (acting: ActingPerson, form: HelpDeskRequestForm): HarpWorkflow<HelpDeskReceipt> =>
  pipe(
    RTE.Do,
    RTE.bindW('account', () => loadPerson(acting)),
    RTE.bindW('env', () => RTE.ask<HarpAccessEnv, Errors>()),
    RTE.bindW('request', ({ env }) => fromValidation<ValidHelpDeskRequest, HarpAccessEnv>(validateHelpDeskRequest(env.clock.now().toISODate() as string)(form))),
    RTE.bindW('groups', ({ request }) => groupIdentifiersOf(request)),
    RTE.chainFirstW(({ request, groups }) => fromValidation<ValidHelpDeskRequest, HarpAccessEnv>(ensureIndividualIdentifiers(request, groups))),
    RTE.chainW(({ account, env, request }) => {
      const onFile = helpDeskRequestOnFile(request, env.keyedHasher)
      const requestedAt = env.clock.now().toISO() as string
      const queued: SecurityOfficialRequest = {
        requester: account.id,
        yourInformation: onFile.yourInformation,
        businessContact: onFile.businessContact,
        professionalInformation: {
          practitioners: onFile.professionalInformation.practitioners.map((p) => ({
            ...p,
            billingTin: { hash: env.keyedHasher.digest('tax-id', p.billingTin), last4: p.billingTin.slice(-4) }
          }))
        },
        requestedAt
      }
      return pipe(
        fromPort((e: HarpAccessEnv) => e.helpDesk.open(queued)),
        RTE.map((opened): HelpDeskReceipt => ({ reference: opened.reference, requestedAt, helpDesk: env.harpOrganisationPolicies.helpDesk }))
      )
    })
  )

/** Re-exported for callers that present the errors of an incomplete request block by block. */
export { errorsByBlock, HELP_DESK_BLOCKS } from '../help-desk-request'
export type { HelpDeskBlock } from '../help-desk-request'
