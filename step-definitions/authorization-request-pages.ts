/**
 * Support for the authorization-request steps (no steps here): who acts, which
 * request, and a request read the way its pages show it (labels in the
 * guide's words, dates MM-DD-YYYY, phone numbers (813) 555-0142, times in the
 * plan's zone).
 */
import { DateTime } from 'luxon'
import { formatPhoneNumber } from '../src/kernel/us-identifiers'
import { placeOfServiceName } from '../src/prior-authorization/code-sets'
import { DRAFT_STATES, DraftState } from '../src/prior-authorization/request'
import type { AuthorizationRequest } from '../src/prior-authorization/ports'
import type { Acting } from '../src/prior-authorization/workflow'
import { Persona } from './personas'
import { PLAN_ZONE, PortalWorld } from './world'

/** The persona as the library's `acting`: the account she signed in to (none when she has not signed in). */
export const actingAs = (p: Persona): Acting => ({ accountId: p.accountId })

/** The id of the request being filled in. */
export const currentRequestId = (world: PortalWorld): string => {
  if (world.authorizationRequest === undefined) throw new Error('no authorization request has been opened')
  return world.authorizationRequest.id
}

/** ISO yyyy-MM-dd as Harmony's pages show dates. */
export const usDate = (iso: string): string => `${iso.slice(5, 7)}-${iso.slice(8, 10)}-${iso.slice(0, 4)}`

/** An instant as Harmony's pages show it: 11-29-2026 9:00 AM EST. */
export const usDateTime = (iso: string): string => DateTime.fromISO(iso, { zone: PLAN_ZONE }).setLocale('en-US').toFormat('MM-dd-yyyy h:mm a ZZZZ')

/** Today in the plan's zone, moved by some days, as typed on a form (MM-DD-YYYY). */
export const daysFromToday = (world: PortalWorld, days: number): string => world.clock.now().setZone(PLAN_ZONE).plus({ days }).toFormat('MM-dd-yyyy')

/** Where the person is in the wizard: the guide's name for each step, and the state in which that step comes next. */
export const STAGES: Readonly<Record<string, DraftState>> = {
  'Requesting Provider ID': 'started',
  'Member ID': 'requesting-provider',
  'Place of Service': 'member',
  'Diagnosis and Procedure Codes': 'service',
  'Servicing Provider ID': 'codes',
  clinicals: 'servicing-provider',
  'phone and fax numbers': 'clinicals',
  'Submit button': 'contacts'
}

/** Has the request done every step before `stage`? */
export const hasReachedStage = (request: AuthorizationRequest, stage: DraftState): boolean =>
  request.state === 'submitted' || DRAFT_STATES.indexOf(request.state) >= DRAFT_STATES.indexOf(stage)

const STATUS_WORDS: Readonly<Record<string, string>> = {
  pended: 'Pended',
  certified: 'Certified',
  'partially-certified': 'Partially certified',
  'not-certified': 'Not certified',
  modified: 'Modified',
  cancelled: 'Cancelled'
}

const kilobytes = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1048576)} MB` : `${Math.round(bytes / 1024)} KB`)

/** The request as its pages read, label by label; a step not yet done has no lines. */
export const requestLines = (request: AuthorizationRequest): ReadonlyMap<string, string> => {
  const lines = new Map<string, string>()
  const r = request as Partial<Extract<AuthorizationRequest, { state: 'submitted' }>>
  if (r.requestingProvider) lines.set('Requesting Provider', `${r.requestingProvider.providerId} ${r.requestingProvider.name}`)
  if (r.member) lines.set('Member', `${r.member.firstName} ${r.member.lastName}, Member ID ${r.member.memberId}, born ${usDate(r.member.dateOfBirth)}`)
  if (r.service) {
    lines.set('Place of Service', `${r.service.placeOfService} ${placeOfServiceName(r.service.placeOfService)}`)
    lines.set('Number of visits', String(r.service.visits))
    lines.set('Date of service', usDate(r.service.serviceDate))
    lines.set('Decision', r.service.priority)
  }
  if (r.codes) {
    lines.set('Diagnosis Code(s)', r.codes.diagnoses.join(', '))
    lines.set('Procedure Code(s)', r.codes.procedures.join(', '))
  }
  if (r.servicingProvider) lines.set('Servicing Provider', `${r.servicingProvider.providerId} ${r.servicingProvider.name}`)
  if (r.clinicals) {
    lines.set('Attachments', r.clinicals.attachments.map((a) => `${a.fileName} (${kilobytes(a.size)})`).join(', ') || 'none')
    lines.set('Clinical information', r.clinicals.text ?? 'none')
  }
  if (r.contacts) {
    lines.set('Phone number', formatPhoneNumber(r.contacts.phone))
    lines.set('Fax number', formatPhoneNumber(r.contacts.fax))
    lines.set("Servicing Provider's fax number", r.contacts.servicingFax === null ? 'none' : formatPhoneNumber(r.contacts.servicingFax))
  }
  if (r.reference !== undefined && r.status !== undefined && r.dueAt !== undefined) {
    lines.set('Reference number', r.reference)
    lines.set('Status', STATUS_WORDS[r.status] ?? r.status)
    lines.set('Decision due by', usDateTime(r.dueAt))
    const last = r.determinations?.[r.determinations.length - 1]
    if (last !== undefined) {
      lines.set('Authorization number', last.authorizationNumber ?? 'none')
      lines.set('Reason', last.reason === null ? 'none' : `${last.reason.code}: ${last.reason.text}`)
    }
  }
  return lines
}
