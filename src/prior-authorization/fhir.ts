/**
 * A submitted request as a Da Vinci PAS 2.2.1 request Bundle (the body of
 * `Claim/$submit`): a `collection` Bundle whose first entry is the PAS `Claim`
 * (`use = preauthorization`), followed by every resource the Claim refers to:
 * the member (Patient), the Coverage with the Member ID, the insurer and
 * requestor Organizations, the servicing provider, and one DocumentReference
 * per attached clinical document.
 *
 * Codes: ICD-10-CM, HCPCS Level II, Place of Service (public, CDC/CMS), CPT
 * codes without descriptions (AMA licence), HL7 terminology (CC0). Where the
 * PAS profiles require a code from an X12 list (item category, request type,
 * certification type, the attachment report type), only codes that the PAS
 * examples themselves use are carried (see `X12_CODES`).
 *
 * Pure: the full URLs are `urn:uuid:` name-based UUIDs (RFC 9562 version 5)
 * derived from the request's id, and every time comes from the request, so
 * the same request always gives the same Bundle.
 *
 * @since 0.2.0
 */
import { formatPhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { IcdCode, placeOfServiceName, ProcedureCode, procedureCodeSystem, undottedIcdCode } from './code-sets'
import { Submitted } from './determination'
import { AttachmentRef, ProviderSummary } from './request'

// -------------------------------------------------------------------------------------
// model: FHIR R4 JSON, as much of it as a PAS request uses
// -------------------------------------------------------------------------------------

/** A FHIR `Coding`. */
export interface FhirCoding {
  readonly system: string
  readonly code: string
  readonly display?: string
}

/** A FHIR `CodeableConcept`. */
export interface FhirCodeableConcept {
  readonly coding: ReadonlyArray<FhirCoding>
  readonly text?: string
}

/** A FHIR `Reference` to another entry of the Bundle, by its full URL. */
export interface FhirReference {
  readonly reference: string
}

/** A FHIR `Identifier`. */
export interface FhirIdentifier {
  readonly type?: FhirCodeableConcept
  readonly system?: string
  readonly value: string
}

/** A FHIR `Extension` (only the value types PAS requests use here). */
export interface FhirExtension {
  readonly url: string
  readonly valueBoolean?: boolean
  readonly valueString?: string
  readonly valueCodeableConcept?: FhirCodeableConcept
  readonly extension?: ReadonlyArray<FhirExtension>
}

/** A FHIR `Quantity` as PAS restricts it (`PASQuantity`: a value, a unit in words). */
export interface FhirQuantity {
  readonly value: number
  readonly unit?: string
}

/** A FHIR `ContactPoint`: a phone or fax number (10 digits). */
export interface FhirContactPoint {
  readonly system: 'phone' | 'fax'
  readonly value: string
  readonly use: 'work'
}

/** A FHIR `Attachment`: the content inline (base64) and what it is. */
export interface FhirAttachment {
  readonly contentType: string
  readonly data?: string
  readonly size: number
  readonly title: string
}

/** A resource's `meta`: the profiles it claims. */
export interface FhirMeta {
  readonly profile: ReadonlyArray<string>
}

/** `Claim.careTeam`: the servicing provider, for the whole request. */
export interface PasClaimCareTeam {
  readonly extension: ReadonlyArray<FhirExtension>
  readonly sequence: number
  readonly provider: FhirReference
}

/** `Claim.supportingInfo`: an attached document (slice AdditionalInformation) or typed text (slice MessageText). */
export interface PasClaimSupportingInfo {
  readonly extension?: ReadonlyArray<FhirExtension>
  readonly sequence: number
  readonly category: FhirCodeableConcept
  readonly valueReference?: FhirReference
  readonly valueString?: string
}

/** `Claim.diagnosis`: an ICD-10-CM code; the first is the principal one. */
export interface PasClaimDiagnosis {
  readonly sequence: number
  readonly diagnosisCodeableConcept: FhirCodeableConcept
  readonly type?: ReadonlyArray<FhirCodeableConcept>
}

/** `Claim.insurance`: the member's coverage. */
export interface PasClaimInsurance {
  readonly sequence: number
  readonly focal: true
  readonly coverage: FhirReference
}

/** `Claim.item`: one requested procedure, with the place of service, the date and the number of visits. */
export interface PasClaimItem {
  readonly extension: ReadonlyArray<FhirExtension>
  readonly sequence: number
  readonly careTeamSequence: ReadonlyArray<number>
  readonly diagnosisSequence: ReadonlyArray<number>
  readonly informationSequence?: ReadonlyArray<number>
  readonly category: FhirCodeableConcept
  readonly productOrService: FhirCodeableConcept
  readonly servicedDate: string
  readonly locationCodeableConcept: FhirCodeableConcept
  readonly quantity: FhirQuantity
}

/** The PAS `Claim` (profile `profile-claim`). */
export interface PasClaim {
  readonly resourceType: 'Claim'
  readonly meta: FhirMeta
  readonly extension?: ReadonlyArray<FhirExtension>
  readonly identifier: ReadonlyArray<FhirIdentifier>
  readonly status: 'active'
  readonly type: FhirCodeableConcept
  readonly use: 'preauthorization'
  readonly patient: FhirReference
  readonly created: string
  readonly insurer: FhirReference
  readonly provider: FhirReference
  readonly priority: FhirCodeableConcept
  readonly careTeam: ReadonlyArray<PasClaimCareTeam>
  readonly supportingInfo?: ReadonlyArray<PasClaimSupportingInfo>
  readonly diagnosis: ReadonlyArray<PasClaimDiagnosis>
  readonly insurance: ReadonlyArray<PasClaimInsurance>
  readonly item: ReadonlyArray<PasClaimItem>
}

/** The member (profile `profile-beneficiary`, US Core Patient). */
export interface PasPatient {
  readonly resourceType: 'Patient'
  readonly meta: FhirMeta
  readonly identifier: ReadonlyArray<FhirIdentifier>
  readonly name: ReadonlyArray<{ readonly use: 'official'; readonly family: string; readonly given: ReadonlyArray<string> }>
  readonly gender: FhirGender
  readonly birthDate: string
}

/** The member's coverage (profile `profile-coverage`). */
export interface PasCoverage {
  readonly resourceType: 'Coverage'
  readonly meta: FhirMeta
  readonly identifier: ReadonlyArray<FhirIdentifier>
  readonly status: 'active'
  readonly subscriber: FhirReference
  readonly subscriberId: string
  readonly beneficiary: FhirReference
  readonly relationship: FhirCodeableConcept
  readonly payor: ReadonlyArray<FhirReference>
}

/** An organization: the insurer (`profile-insurer`), the requesting provider (`profile-requestor`) or the servicing provider. */
export interface PasOrganization {
  readonly resourceType: 'Organization'
  readonly meta: FhirMeta
  readonly identifier: ReadonlyArray<FhirIdentifier>
  readonly active: true
  readonly type?: ReadonlyArray<FhirCodeableConcept>
  readonly name: string
  readonly telecom?: ReadonlyArray<FhirContactPoint>
  readonly contact?: ReadonlyArray<{ readonly telecom: ReadonlyArray<FhirContactPoint> }>
}

/** An attached clinical document (profile `profile-documentreference`), identified by its SHA-256. */
export interface PasDocumentReference {
  readonly resourceType: 'DocumentReference'
  readonly meta: FhirMeta
  readonly masterIdentifier?: FhirIdentifier
  readonly status: 'current'
  readonly type: FhirCodeableConcept
  readonly category: ReadonlyArray<FhirCodeableConcept>
  readonly subject: FhirReference
  readonly date: string
  readonly description: string
  readonly content: ReadonlyArray<{ readonly attachment: FhirAttachment }>
}

/** Any resource of a PAS request Bundle built here. */
export type PasResource = PasClaim | PasPatient | PasCoverage | PasOrganization | PasDocumentReference

/** A Bundle entry: a full URL (`urn:uuid:…`) and its resource. */
export interface PasBundleEntry<R extends PasResource = PasResource> {
  readonly fullUrl: string
  readonly resource: R
}

/** The PAS request Bundle (profile `profile-pas-request-bundle`): the Claim first. */
export interface PasBundle {
  readonly resourceType: 'Bundle'
  readonly meta: FhirMeta
  readonly identifier: FhirIdentifier
  readonly type: 'collection'
  readonly timestamp: string
  readonly entry: readonly [PasBundleEntry<PasClaim>, ...ReadonlyArray<PasBundleEntry>]
}

/** FHIR administrative gender. */
export type FhirGender = 'male' | 'female' | 'other' | 'unknown'

/** What the Bundle needs that the request does not hold. */
export interface FhirContext {
  /** The payer the request goes to (the preset's `PriorAuthorizationPolicies.payer`): the insurer Organization, its Payer ID. */
  readonly payer: { readonly name: string; readonly identifier: string }
  /** The URIs naming the plan's identifiers: reference numbers, Provider IDs, Member IDs. */
  readonly identifierSystems: { readonly reference: string; readonly providerId: string; readonly memberId: string }
  /** The member's administrative gender when the plan's directory knows it; `unknown` otherwise. */
  readonly memberGender?: FhirGender
  /** Short descriptions of diagnosis codes (dotted or undotted code → text), carried as the codings' `display`. */
  readonly diagnosisDescriptions?: ReadonlyMap<string, string>
  /**
   * The attachments' bytes by SHA-256 (lowercase hex). PAS wants a document's
   * content inline (`PASDocumentReference`: `content.attachment.data` 1..1);
   * an attachment whose bytes are not given is described without them.
   */
  readonly attachmentContent?: ReadonlyMap<string, Uint8Array>
}

// -------------------------------------------------------------------------------------
// code systems, profiles and the X12 codes used
// -------------------------------------------------------------------------------------

const PAS = 'http://hl7.org/fhir/us/davinci-pas'

/** The code systems and identifier systems a PAS request carries. */
export const FHIR_SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  /** As PAS 2.2.1's `X12278RequestedServiceType` value set (required binding) and its examples name it. */
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  uri: 'urn:ietf:rfc:3986',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  pasTempCodes: `${PAS}/CodeSystem/PASTempCodes`,
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  payerIdType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType',
  nullFlavor: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
  documentCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category'
} as const

/** The PAS and US Core profiles the resources claim. */
export const PAS_PROFILES = {
  requestBundle: `${PAS}/StructureDefinition/profile-pas-request-bundle`,
  claim: `${PAS}/StructureDefinition/profile-claim`,
  beneficiary: `${PAS}/StructureDefinition/profile-beneficiary`,
  coverage: `${PAS}/StructureDefinition/profile-coverage`,
  insurer: `${PAS}/StructureDefinition/profile-insurer`,
  requestor: `${PAS}/StructureDefinition/profile-requestor`,
  documentReference: `${PAS}/StructureDefinition/profile-documentreference`,
  usCoreOrganization: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization'
} as const

/** The PAS extensions used. */
export const PAS_EXTENSIONS = {
  careTeamClaimScope: `${PAS}/StructureDefinition/extension-careTeamClaimScope`,
  levelOfServiceType: `${PAS}/StructureDefinition/extension-levelOfServiceCode`,
  requestType: `${PAS}/StructureDefinition/extension-serviceItemRequestType`,
  certificationType: `${PAS}/StructureDefinition/extension-certificationType`,
  documentInformation: `${PAS}/StructureDefinition/extension-documentInformation`
} as const

// With the display only where the PAS examples give one.
const x12 = (list: number, code: string, display?: string): FhirCoding =>
  display === undefined ? { system: `https://codesystem.x12.org/005010/${list}`, code } : { system: `https://codesystem.x12.org/005010/${list}`, code, display }

/**
 * The X12 codes carried (X12 code lists are licensed): each is one the PAS
 * 2.2.1 examples use. Item category 1 "Medical Care" (service type, required
 * by PAS), request type HS "Health Services Review" and certification type I
 * "Initial" (both 1..1 on every item), level of service U "Urgent" (expedited
 * requests only), the insurer's entity type PR (payer), the coverage
 * relationship 18 (self), and for attachments the report type PY "Physician's
 * Report" (required) and transmission EL "Electronically Only".
 */
export const X12_CODES = {
  serviceTypeMedicalCare: x12(1365, '1', 'Medical Care'),
  requestTypeHealthServicesReview: x12(1525, 'HS', 'Health Services Review'),
  certificationTypeInitial: x12(1322, 'I', 'Initial'),
  levelOfServiceUrgent: x12(1338, 'U', 'Urgent'),
  entityPayer: x12(98, 'PR'),
  relationshipSelf: x12(1069, '18'),
  reportTypePhysiciansReport: x12(755, 'PY', "Physician's Report"),
  transmissionElectronic: x12(756, 'EL', 'Electronically Only')
} as const

const concept = (...coding: ReadonlyArray<FhirCoding>): FhirCodeableConcept => ({ coding })

// -------------------------------------------------------------------------------------
// pure helpers: SHA-1 (for name-based UUIDs), base64
// -------------------------------------------------------------------------------------

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n))

/** SHA-1 (FIPS 180-4) of bytes; used only to derive name-based UUIDs (RFC 9562 §5.5), not for security. */
const sha1 = (message: Uint8Array): Uint8Array => {
  const bitLength = message.length * 8
  const padded = new Uint8Array((((message.length + 8) >> 6) + 1) * 64)
  padded.set(message)
  padded[message.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const w = new Array<number>(80)
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4)
    for (let i = 16; i < 80; i++) w[i] = rotl((w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number), 1)
    let [a, b, c, d, e] = h as [number, number, number, number, number]
    for (let i = 0; i < 80; i++) {
      const [f, k] = i < 20 ? [(b & c) | (~b & d), 0x5a827999] : i < 40 ? [b ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6]
      const t = (rotl(a, 5) + f + e + k + (w[i] as number)) >>> 0
      e = d
      d = c
      c = rotl(b, 30) >>> 0
      b = a
      a = t
    }
    h[0] = ((h[0] as number) + a) >>> 0
    h[1] = ((h[1] as number) + b) >>> 0
    h[2] = ((h[2] as number) + c) >>> 0
    h[3] = ((h[3] as number) + d) >>> 0
    h[4] = ((h[4] as number) + e) >>> 0
  }
  const out = new Uint8Array(20)
  const outView = new DataView(out.buffer)
  h.forEach((v, i) => outView.setUint32(i * 4, v))
  return out
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** The namespace of this library's name-based UUIDs. */
const UUID_NAMESPACE = '58fc0ee7-0f29-43d8-8e5d-443f5e142ae0'

/** A version-5 (name-based, SHA-1) UUID of `name` in `namespace` (RFC 9562 §5.5). */
export const nameBasedUuid = (namespace: string, name: string): string => {
  const ns = namespace.replace(/-/g, '')
  const nsBytes = Uint8Array.from(ns.match(/../g) ?? [], (b) => parseInt(b, 16))
  const nameBytes = new TextEncoder().encode(name)
  const input = new Uint8Array(nsBytes.length + nameBytes.length)
  input.set(nsBytes)
  input.set(nameBytes, nsBytes.length)
  const digest = sha1(input).slice(0, 16)
  digest[6] = ((digest[6] as number) & 0x0f) | 0x50
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80
  const h = hex(digest)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Standard base64 (RFC 4648 §4) of bytes, padded. */
const base64 = (bytes: Uint8Array): string => {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i] as number, bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += BASE64[(n >> 18) & 63]
    out += BASE64[(n >> 12) & 63]
    out += b === undefined ? '=' : BASE64[(n >> 6) & 63]
    out += c === undefined ? '=' : BASE64[n & 63]
  }
  return out
}

/** An RFC 6920 named-information URI for a SHA-256 given in hex (`ni:///sha-256;…`), or undefined when it is not 64 hex digits. */
const niUri = (sha256: string): string | undefined =>
  /^[0-9a-fA-F]{64}$/.test(sha256)
    ? `ni:///sha-256;${base64(Uint8Array.from(sha256.match(/../g) ?? [], (b) => parseInt(b, 16)))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/={1,2}$/, '')}`
    : undefined

const digits = (p: PhoneNumber): string => formatPhoneNumber(p).replace(/\D/g, '')

// -------------------------------------------------------------------------------------
// the Bundle
// -------------------------------------------------------------------------------------

const procedureCoding = (code: ProcedureCode): FhirCoding =>
  procedureCodeSystem(code) === 'hcpcs-level-ii' ? { system: FHIR_SYSTEMS.hcpcs, code } : { system: FHIR_SYSTEMS.cpt, code }

const diagnosisCoding = (code: IcdCode, descriptions: ReadonlyMap<string, string> | undefined): FhirCoding => {
  const display = descriptions?.get(code) ?? descriptions?.get(undottedIcdCode(code))
  return display === undefined || display === '' ? { system: FHIR_SYSTEMS.icd10cm, code } : { system: FHIR_SYSTEMS.icd10cm, code, display }
}

const providerIdentifiers = (p: ProviderSummary, systems: FhirContext['identifierSystems']): ReadonlyArray<FhirIdentifier> => [
  ...(p.npi === null ? [] : [{ system: FHIR_SYSTEMS.npi, value: p.npi }]),
  { system: systems.providerId, value: p.providerId }
]

const contactPoint = (system: 'phone' | 'fax', p: PhoneNumber): FhirContactPoint => ({ system, value: digits(p), use: 'work' })

const documentReference = (a: AttachmentRef, patient: string, date: string, content: Uint8Array | undefined): PasDocumentReference => {
  const ni = niUri(a.sha256)
  return {
    resourceType: 'DocumentReference',
    meta: { profile: [PAS_PROFILES.documentReference] },
    ...(ni === undefined ? {} : { masterIdentifier: { system: FHIR_SYSTEMS.uri, value: ni } }),
    status: 'current',
    type: concept({ system: FHIR_SYSTEMS.nullFlavor, code: 'UNK', display: 'unknown' }),
    category: [concept({ system: FHIR_SYSTEMS.documentCategory, code: 'clinical-note', display: 'Clinical Note' })],
    subject: { reference: patient },
    date,
    description: a.fileName,
    content: [
      {
        attachment: {
          contentType: a.mediaType,
          ...(content === undefined ? {} : { data: base64(content) }),
          size: a.size,
          title: a.fileName
        }
      }
    ]
  }
}

/**
 * The Da Vinci PAS request Bundle of a submitted request: a `collection`
 * Bundle (identifier and timestamp from the request) whose first entry is the
 * PAS Claim, then the Patient, the Coverage, the insurer, the requesting and
 * servicing providers (Organizations, NPI when known) and a DocumentReference
 * per attachment. Every reference is a `urn:uuid:` full URL of an entry.
 *
 * The Claim: `status` active, `use` preauthorization, `type` professional,
 * `priority` stat (expedited) or normal (standard), `created` the submission
 * time; the diagnoses in ICD-10-CM (the first principal); one item per
 * procedure code (CPT or HCPCS Level II) with the place of service, the date
 * of service, the number of visits as its quantity and the request and
 * certification types PAS requires; the servicing provider as the care team;
 * attachments and typed clinical text as supporting information.
 *
 * @example
 * import { toPasRequestBundle } from 'health-portal-domain/prior-authorization'
 * declare const request: import('health-portal-domain/prior-authorization').Submitted
 * const bundle = toPasRequestBundle(request, {
 *   payer: { name: 'Harmony Health Plan', identifier: 'HARMONY' },
 *   identifierSystems: {
 *     reference: 'https://www.harmonyhpm.com/fhir/sid/authorization-reference',
 *     providerId: 'https://www.harmonyhpm.com/fhir/sid/provider-id',
 *     memberId: 'https://www.harmonyhpm.com/fhir/sid/member-id'
 *   }
 * })
 * bundle.entry[0].resource.use // 'preauthorization'
 */
export const toPasRequestBundle = (request: Submitted, context: FhirContext): PasBundle => {
  const url = (name: string): string => `urn:uuid:${nameBasedUuid(UUID_NAMESPACE, `${request.id}/${name}`)}`
  const urls = {
    claim: url('Claim'),
    patient: url('Patient'),
    coverage: url('Coverage'),
    insurer: url('Organization/insurer'),
    requestor: url('Organization/requesting-provider'),
    servicing: url('Organization/servicing-provider'),
    document: (i: number) => url(`DocumentReference/${i}`)
  }
  const { member, service, codes, clinicals, contacts } = request
  const systems = context.identifierSystems

  const documents = clinicals.attachments.map(
    (a, i): PasBundleEntry<PasDocumentReference> => ({
      fullUrl: urls.document(i),
      resource: documentReference(a, urls.patient, request.submittedAt, context.attachmentContent?.get(a.sha256))
    })
  )
  const supportingInfo: ReadonlyArray<PasClaimSupportingInfo> = [
    ...documents.map(
      (d, i): PasClaimSupportingInfo => ({
        extension: [
          {
            url: PAS_EXTENSIONS.documentInformation,
            extension: [
              { url: 'reportTypeCode', valueCodeableConcept: concept(X12_CODES.reportTypePhysiciansReport) },
              { url: 'transmissionMethod', valueCodeableConcept: concept(X12_CODES.transmissionElectronic) }
            ]
          }
        ],
        sequence: i + 1,
        category: concept({ system: FHIR_SYSTEMS.pasTempCodes, code: 'additionalInformation', display: 'Additional Information' }),
        valueReference: { reference: d.fullUrl }
      })
    ),
    ...(clinicals.text === null
      ? []
      : [
          {
            sequence: documents.length + 1,
            category: concept({ system: FHIR_SYSTEMS.pasTempCodes, code: 'freeFormMessage', display: 'Free Form Message' }),
            valueString: clinicals.text
          }
        ])
  ]
  const diagnosis = codes.diagnoses.map(
    (code, i): PasClaimDiagnosis => ({
      sequence: i + 1,
      diagnosisCodeableConcept: concept(diagnosisCoding(code, context.diagnosisDescriptions)),
      ...(i === 0 ? { type: [concept({ system: FHIR_SYSTEMS.pasTempCodes, code: 'principal', display: 'Principal' })] } : {})
    })
  )
  const item = codes.procedures.map(
    (code, i): PasClaimItem => ({
      extension: [
        { url: PAS_EXTENSIONS.requestType, valueCodeableConcept: concept(X12_CODES.requestTypeHealthServicesReview) },
        { url: PAS_EXTENSIONS.certificationType, valueCodeableConcept: concept(X12_CODES.certificationTypeInitial) }
      ],
      sequence: i + 1,
      careTeamSequence: [1],
      diagnosisSequence: diagnosis.map((d) => d.sequence),
      ...(supportingInfo.length === 0 ? {} : { informationSequence: supportingInfo.map((s) => s.sequence) }),
      category: concept(X12_CODES.serviceTypeMedicalCare),
      productOrService: concept(procedureCoding(code)),
      servicedDate: service.serviceDate,
      locationCodeableConcept: concept({ system: FHIR_SYSTEMS.placeOfService, code: service.placeOfService, display: placeOfServiceName(service.placeOfService) }),
      quantity: { value: service.visits, unit: service.visits === 1 ? 'visit' : 'visits' }
    })
  )

  const claim: PasClaim = {
    resourceType: 'Claim',
    meta: { profile: [PAS_PROFILES.claim] },
    ...(service.priority === 'expedited'
      ? { extension: [{ url: PAS_EXTENSIONS.levelOfServiceType, valueCodeableConcept: concept(X12_CODES.levelOfServiceUrgent) }] }
      : {}),
    identifier: [{ system: systems.reference, value: request.reference }],
    status: 'active',
    type: concept({ system: FHIR_SYSTEMS.claimType, code: 'professional', display: 'Professional' }),
    use: 'preauthorization',
    patient: { reference: urls.patient },
    created: request.submittedAt,
    insurer: { reference: urls.insurer },
    provider: { reference: urls.requestor },
    priority: concept(
      service.priority === 'expedited'
        ? { system: FHIR_SYSTEMS.processPriority, code: 'stat', display: 'Immediate' }
        : { system: FHIR_SYSTEMS.processPriority, code: 'normal', display: 'Normal' }
    ),
    careTeam: [{ extension: [{ url: PAS_EXTENSIONS.careTeamClaimScope, valueBoolean: true }], sequence: 1, provider: { reference: urls.servicing } }],
    ...(supportingInfo.length === 0 ? {} : { supportingInfo }),
    diagnosis,
    insurance: [{ sequence: 1, focal: true, coverage: { reference: urls.coverage } }],
    item
  }
  const memberIdentifier: FhirIdentifier = {
    type: concept({ system: FHIR_SYSTEMS.identifierType, code: 'MB', display: 'Member Number' }),
    system: systems.memberId,
    value: member.memberId
  }
  const patient: PasPatient = {
    resourceType: 'Patient',
    meta: { profile: [PAS_PROFILES.beneficiary] },
    identifier: [memberIdentifier],
    name: [{ use: 'official', family: member.lastName, given: [member.firstName] }],
    gender: context.memberGender ?? 'unknown',
    birthDate: member.dateOfBirth
  }
  // The portal finds the member by their own Member ID: the member is the subscriber of the coverage line it names.
  const coverage: PasCoverage = {
    resourceType: 'Coverage',
    meta: { profile: [PAS_PROFILES.coverage] },
    identifier: [memberIdentifier],
    status: 'active',
    subscriber: { reference: urls.patient },
    subscriberId: member.memberId,
    beneficiary: { reference: urls.patient },
    relationship: concept({ system: FHIR_SYSTEMS.subscriberRelationship, code: 'self', display: 'Self' }, X12_CODES.relationshipSelf),
    payor: [{ reference: urls.insurer }]
  }
  const insurer: PasOrganization = {
    resourceType: 'Organization',
    meta: { profile: [PAS_PROFILES.insurer] },
    identifier: [{ type: concept({ system: FHIR_SYSTEMS.payerIdType, code: 'payerid', display: 'Payer ID' }), value: context.payer.identifier }],
    active: true,
    type: [concept(X12_CODES.entityPayer)],
    name: context.payer.name
  }
  const requestor: PasOrganization = {
    resourceType: 'Organization',
    meta: { profile: [PAS_PROFILES.requestor] },
    identifier: providerIdentifiers(request.requestingProvider, systems),
    active: true,
    name: request.requestingProvider.name,
    contact: [{ telecom: [contactPoint('phone', contacts.phone), contactPoint('fax', contacts.fax)] }]
  }
  const servicing: PasOrganization = {
    resourceType: 'Organization',
    meta: { profile: [PAS_PROFILES.usCoreOrganization] },
    identifier: providerIdentifiers(request.servicingProvider, systems),
    active: true,
    name: request.servicingProvider.name,
    ...(contacts.servicingFax === null ? {} : { telecom: [contactPoint('fax', contacts.servicingFax)] })
  }
  return {
    resourceType: 'Bundle',
    meta: { profile: [PAS_PROFILES.requestBundle] },
    identifier: { system: FHIR_SYSTEMS.uri, value: url('Bundle') },
    type: 'collection',
    timestamp: request.submittedAt,
    entry: [
      { fullUrl: urls.claim, resource: claim },
      { fullUrl: urls.patient, resource: patient },
      { fullUrl: urls.coverage, resource: coverage },
      { fullUrl: urls.insurer, resource: insurer },
      { fullUrl: urls.requestor, resource: requestor },
      { fullUrl: urls.servicing, resource: servicing },
      ...documents
    ]
  }
}
