/**
 * A submitted prior-authorization request built with the library's pure
 * functions only (startRequest → chooseRequestingProvider → chooseMember →
 * describeService → chooseCodes → chooseServicingProvider → giveClinicals →
 * giveContacts → submit, then determinations), for the summary and FHIR
 * tests. Every value can be overridden, including with hostile text.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import { memberIdParser, providerIdParser } from '../../src/kernel/identifiers'
import { parseNpi } from '../../src/kernel/npi'
import { parseDateOfBirth, parsePersonName, PersonName } from '../../src/kernel/person'
import { parsePhoneNumber } from '../../src/kernel/us-identifiers'
import { sampleSubmitter } from '../../src/testkit/storage-contract'
import {
  AttachmentRef,
  chooseCodes,
  chooseMember,
  chooseRequestingProvider,
  chooseServicingProvider,
  DecisionPriority,
  describeService,
  determine,
  giveClinicals,
  giveContacts,
  parseIcdCode,
  parsePlaceOfServiceCode,
  parseProcedureCode,
  ProviderSummary,
  referenceOf,
  RequestId,
  RequestReference,
  ServiceDate,
  startRequest,
  Submitted,
  Submitter,
  submit,
  validateDetermination
} from '../../src/prior-authorization'

export const ZONE = 'America/New_York'
const FORMAT = { pattern: /^[A-Z0-9]{6,12}$/, description: '6 to 12 letters or digits' }
const LIFETIME = Duration.fromObject({ hours: 2 })

const right = <A>(r: E.Either<unknown, A>, what: string): A => {
  if (E.isLeft(r)) assert.fail(`${what}: ${JSON.stringify(r.left)}`)
  return r.right
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** An attachment reference for these bytes, as the attachment store would answer. */
export const attachmentOf = (fileName: string, mediaType: string, content: Uint8Array): AttachmentRef => ({
  fileName,
  mediaType,
  size: content.byteLength,
  sha256: sha256(content)
})

/** Two small documents: a PDF and a PNG-looking file. */
export const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
export const IMAGING_BYTES = Uint8Array.from({ length: 48213 }, (_, i) => (i * 31 + 7) % 256)

export interface SubmittedRequestOptions {
  readonly id?: string
  readonly requestingProvider?: Partial<ProviderSummary>
  readonly servicingProvider?: Partial<ProviderSummary>
  /** Names are cast, not parsed, so hostile text can reach the renderers. */
  readonly firstName?: string
  readonly lastName?: string
  readonly memberId?: string
  readonly dateOfBirth?: string
  readonly placeOfService?: string
  readonly visits?: number
  readonly serviceDate?: string
  readonly priority?: DecisionPriority
  readonly diagnoses?: ReadonlyArray<string>
  readonly procedures?: ReadonlyArray<string>
  readonly attachments?: ReadonlyArray<AttachmentRef>
  readonly clinicalText?: string | null
  readonly phone?: string
  readonly fax?: string
  readonly servicingFax?: string | null
  readonly submittedAt?: string
  /** Who submitted it (cast, not parsed, so hostile text can reach the renderers). */
  readonly submittedBy?: Partial<Omit<Submitter, 'accountId'>>
  readonly reference?: string
  /** Record a pended (A4) and then a not-certified (A3) determination with this reason text. */
  readonly denialReason?: string | null
}

/** The attachments by SHA-256, as an attachment store would give their bytes. */
export const ATTACHMENT_CONTENT: ReadonlyMap<string, Uint8Array> = new Map([
  [sha256(PDF_BYTES), PDF_BYTES],
  [sha256(IMAGING_BYTES), IMAGING_BYTES]
])

export const DEFAULT_ATTACHMENTS: ReadonlyArray<AttachmentRef> = [
  attachmentOf('referral-letter.pdf', 'application/pdf', PDF_BYTES),
  attachmentOf('lumbar-xray.png', 'image/png', IMAGING_BYTES)
]

export const CLINICAL_TEXT = 'Low back pain for 8 weeks; failed home exercise program.\nNo red flags. Requesting physical therapy twice a week.'

/** A submitted request: Riverside Family Practice asks for physical therapy for Maria Lopez (values overridable). */
export const submittedRequest = (options: SubmittedRequestOptions = {}): Submitted => {
  const now = DateTime.fromISO(options.submittedAt ?? '2026-11-22T09:41:00', { zone: ZONE })
  const started = now.minus({ minutes: 12 })
  const provider = (p: Partial<ProviderSummary> | undefined, fallback: { providerId: string; npi: string | null; name: string }): ProviderSummary => ({
    providerId: p?.providerId ?? right(providerIdParser(FORMAT)(fallback.providerId), 'provider id'),
    npi: p?.npi !== undefined ? p.npi : fallback.npi === null ? null : right(parseNpi(fallback.npi), 'npi'),
    name: p?.name ?? fallback.name
  })
  const requesting = provider(options.requestingProvider, { providerId: 'HP001234', npi: '1234567893', name: 'Riverside Family Practice' })
  const servicing = provider(options.servicingProvider, { providerId: 'HP009877', npi: '1588667786', name: 'Tampa Bay Physical Therapy' })
  const name = (s: string | undefined, fallback: string): PersonName => (s === undefined ? right(parsePersonName(fallback), 'name') : (s as PersonName))

  const s0 = startRequest(started, (options.id ?? '3f1c2b7e-9a4d-4c1e-8f2a-6b5d4e3c2a10') as RequestId, 'acct-grace-okafor' as AccountId, LIFETIME)
  const s1 = chooseRequestingProvider(started.plus({ minutes: 1 }), LIFETIME)(s0, requesting)
  const s2 = chooseMember(started.plus({ minutes: 2 }), LIFETIME)(s1, {
    memberId: right(memberIdParser(FORMAT)(options.memberId ?? 'HX10002345'), 'member id'),
    firstName: name(options.firstName, 'Maria'),
    lastName: name(options.lastName, 'Lopez'),
    dateOfBirth: right(parseDateOfBirth('2026-11-22')(options.dateOfBirth ?? '07-04-1962'), 'date of birth')
  })
  const s3 = describeService(started.plus({ minutes: 3 }), LIFETIME)(s2, {
    placeOfService: right(parsePlaceOfServiceCode(options.placeOfService ?? '11'), 'place of service'),
    visits: options.visits ?? 6,
    serviceDate: (options.serviceDate ?? '2026-12-01') as ServiceDate,
    priority: options.priority ?? 'standard'
  })
  const s4 = chooseCodes(started.plus({ minutes: 4 }), LIFETIME)(s3, {
    diagnoses: (options.diagnoses ?? ['M54.50', 'M51.16', 'Z96.641']).map((c) => right(parseIcdCode(c), `diagnosis ${c}`)),
    procedures: (options.procedures ?? ['97110', '97140', 'G0283']).map((c) => right(parseProcedureCode(c), `procedure ${c}`))
  })
  const s5 = chooseServicingProvider(started.plus({ minutes: 5 }), LIFETIME)(s4, servicing)
  const s6 = giveClinicals(started.plus({ minutes: 6 }), LIFETIME)(s5, {
    attachments: options.attachments ?? DEFAULT_ATTACHMENTS,
    text: options.clinicalText === undefined ? CLINICAL_TEXT : options.clinicalText
  })
  const s7 = giveContacts(started.plus({ minutes: 7 }), LIFETIME)(s6, {
    phone: right(parsePhoneNumber(options.phone ?? '(813) 555-0143'), 'phone'),
    fax: right(parsePhoneNumber(options.fax ?? '813-555-0144'), 'fax'),
    servicingFax: options.servicingFax === null ? null : right(parsePhoneNumber(options.servicingFax ?? '813.555.0199'), 'servicing fax')
  })
  const submitter: Submitter = { ...sampleSubmitter(s7.accountId), ...options.submittedBy }
  const reference = options.reference !== undefined ? (options.reference as RequestReference) : referenceOf('HPA', '7K2M9QXD')
  const submitted = right(submit(s7, reference, now, ZONE, submitter), 'submit')
  if (options.denialReason === undefined || options.denialReason === null) return submitted
  const pended = right(
    determine(submitted, right(validateDetermination({ reviewAction: 'A4' }), 'A4'), now.plus({ hours: 20 })),
    'pend'
  )
  return right(
    determine(
      pended,
      right(validateDetermination({ reviewAction: 'A3', reasonCode: 'MN01', reasonText: options.denialReason }), 'A3'),
      now.plus({ days: 3, hours: 2, minutes: 5 })
    ),
    'deny'
  )
}
