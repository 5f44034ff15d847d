/**
 * A submitted request as a Da Vinci PAS 2.2.1 request Bundle (the body of
 * `Claim/$submit`): a `collection` Bundle whose first entry is the PAS `Claim`
 * (`use = preauthorization`), followed by every resource the Claim refers to:
 * the member (Patient), the Coverage with the Member ID, the insurer and
 * requestor Organizations, the servicing provider, and one DocumentReference
 * per attached clinical document (and one for typed clinical information too
 * long for an X12 278 message, which travels whole, never cut).
 *
 * Every identifier has a `system` and a `value` (PAS Identifier requires
 * both; a payer validating on receipt rejects a Bundle without).
 *
 * Codes: ICD-10-CM, HCPCS Level II, Place of Service (public, CDC/CMS), CPT
 * codes without descriptions (AMA licence), HL7 terminology (CC0). Where the
 * PAS profiles require a code from an X12 list (item category, request type,
 * certification type, the attachment report type, entity codes), the codes
 * carried are listed in `X12_CODES`, each with why it was chosen.
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

/** A FHIR `Identifier` as PAS requires it (`PASIdentifier`: `system` and `value` both 1..1). */
export interface FhirIdentifier {
  readonly type?: FhirCodeableConcept
  readonly system: string
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

/** A FHIR `ContactPoint`: a phone or fax number (10 digits), or an e-mail address. */
export interface FhirContactPoint {
  readonly system: 'phone' | 'fax' | 'email'
  readonly value: string
  readonly use: 'work'
}

/** A FHIR `HumanName`: given and family names, or the name as one text. */
export interface FhirHumanName {
  readonly text?: string
  readonly family?: string
  readonly given?: ReadonlyArray<string>
}

/** A FHIR `Address`: as much of it as the plan knows (its provider directory holds the ZIP code). */
export interface FhirAddress {
  readonly use: 'work'
  readonly postalCode: string
  readonly country: 'US'
}

/** A FHIR `Period`; an open end means "from `start` on". */
export interface FhirPeriod {
  readonly start: string
  readonly end?: string
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

/** `Claim.careTeam`: the servicing provider, for the whole request, with its X12 entity code as the role. */
export interface PasClaimCareTeam {
  readonly extension: ReadonlyArray<FhirExtension>
  readonly sequence: number
  readonly provider: FhirReference
  readonly role: FhirCodeableConcept
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

/** `Claim.item`: one requested procedure, with the place of service, the period from the date of service and the number of visits. */
export interface PasClaimItem {
  readonly extension: ReadonlyArray<FhirExtension>
  readonly sequence: number
  readonly careTeamSequence: ReadonlyArray<number>
  readonly diagnosisSequence: ReadonlyArray<number>
  readonly informationSequence?: ReadonlyArray<number>
  readonly category: FhirCodeableConcept
  readonly productOrService: FhirCodeableConcept
  readonly servicedPeriod: FhirPeriod
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
  readonly address?: ReadonlyArray<FhirAddress>
  readonly contact?: ReadonlyArray<{ readonly name?: FhirHumanName; readonly telecom: ReadonlyArray<FhirContactPoint> }>
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

/** Who submitted the request, as the requesting Organization's contact: a name (given and family, or one text), and how to reach them. */
export interface FhirSubmitterContact {
  readonly name: { readonly given: string; readonly family: string } | { readonly text: string }
  readonly phone?: PhoneNumber
  readonly email?: string
}

/** What the plan knows of the requesting provider beyond the request: its ZIP code (provider directory) and main phone (its registration). */
export interface FhirRequestingOrganization {
  readonly postalCode?: string
  readonly phone?: PhoneNumber
}

/** What the Bundle needs that the request does not hold. */
export interface FhirContext {
  /** The payer the request goes to (the preset's `PriorAuthorizationPolicies.payer`): the insurer Organization, its Payer ID. */
  readonly payer: { readonly name: string; readonly identifier: string }
  /**
   * The URIs naming the plan's identifiers: the Claim's trace number (PAS:
   * `urn:trnorg:<TRN03>`, the trace assigner's 10-character company
   * identifier: `1` + EIN, `3` + DUNS or `9` + an assigned one), Provider IDs, Member IDs
   * and the Payer ID.
   */
  readonly identifierSystems: { readonly reference: string; readonly providerId: string; readonly memberId: string; readonly payerId: string }
  /**
   * The submitting user, named as the requesting Organization's contact with their phone and e-mail beside the
   * request's phone and fax. Defaults to the one the request recorded at submission (`submittedBy`).
   */
  readonly submitter?: FhirSubmitterContact
  /** The requesting provider's address (ZIP code) and main phone, where the plan knows them. */
  readonly requestingOrganization?: FhirRequestingOrganization
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
  loinc: 'http://loinc.org',
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
 * The X12 codes carried (X12 code lists are licensed: only these few). From
 * the PAS 2.2.1 examples: item category 1 "Medical Care" (service type,
 * required by PAS), request type HS "Health Services Review" and
 * certification type I "Initial" (both 1..1 on every item), level of service
 * U "Urgent" (expedited requests only), the insurer's entity type PR (payer),
 * the coverage relationship 18 (self) and transmission EL "Electronically
 * Only". Chosen here, from the X12 278
 * entity identifier codes (list 98) the PAS bindings name: the servicing
 * provider's care-team role SJ "Service Provider" (2010EA) and the
 * requestor's type 1P "Provider" (2010B); and the attachment report types
 * (list 755, PWK01) of `DOCUMENT_KINDS`.
 */
export const X12_CODES = {
  serviceTypeMedicalCare: x12(1365, '1', 'Medical Care'),
  requestTypeHealthServicesReview: x12(1525, 'HS', 'Health Services Review'),
  certificationTypeInitial: x12(1322, 'I', 'Initial'),
  levelOfServiceUrgent: x12(1338, 'U', 'Urgent'),
  entityPayer: x12(98, 'PR'),
  entityServiceProvider: x12(98, 'SJ', 'Service Provider'),
  entityProvider: x12(98, '1P', 'Provider'),
  relationshipSelf: x12(1069, '18'),
  reportTypeRadiologyFilms: x12(755, 'RB', 'Radiology Films'),
  reportTypeRadiologyReports: x12(755, 'RR', 'Radiology Reports'),
  reportTypePhotographs: x12(755, 'XP', 'Photographs'),
  reportTypeLaboratoryResults: x12(755, 'LA', 'Laboratory Results'),
  reportTypeProgressReport: x12(755, '09', 'Progress Report'),
  reportTypePlanOfTreatment: x12(755, '08', 'Plan of Treatment'),
  reportTypeInitialAssessment: x12(755, '06', 'Initial Assessment'),
  reportTypeReferralForm: x12(755, 'B4', 'Referral Form'),
  reportTypeMedicalRecord: x12(755, 'M1', 'Medical Record Attachment'),
  transmissionElectronic: x12(756, 'EL', 'Electronically Only')
} as const

/** The longest text an X12 278 message segment carries (`MSG01`, AN 1/264): longer typed clinical information travels as a document. */
export const X12_MESSAGE_TEXT_MAX = 264

const loinc = (code: string, display: string): FhirCoding => ({ system: FHIR_SYSTEMS.loinc, code, display })

/** What an attached document is: its DocumentReference `type` (LOINC document code) and its attachment report type (X12 PWK01). */
export interface DocumentKind {
  readonly type: FhirCoding
  readonly reportType: FhirCoding
}

/**
 * The kinds of clinical document a request carries, told apart by what the
 * library knows of a file: its media type and the words of its name. An image
 * named as radiology (x-ray, MRI, CT, radiograph, imaging) is a
 * diagnostic imaging study (X12 RB, radiology films), another image a
 * photograph (XP); other files named as radiology are imaging reports (RR),
 * then lab results (LA), progress notes (09), plans of care or treatment
 * (08), evaluations or assessments (06), referrals (B4); anything else, and
 * typed clinical information, is a clinical note in the medical record (M1).
 */
export const DOCUMENT_KINDS = {
  imagingStudy: { type: loinc('18748-4', 'Diagnostic imaging study'), reportType: X12_CODES.reportTypeRadiologyFilms },
  photograph: { type: loinc('34109-9', 'Note'), reportType: X12_CODES.reportTypePhotographs },
  imagingReport: { type: loinc('18748-4', 'Diagnostic imaging study'), reportType: X12_CODES.reportTypeRadiologyReports },
  laboratoryReport: { type: loinc('11502-2', 'Laboratory report'), reportType: X12_CODES.reportTypeLaboratoryResults },
  progressNote: { type: loinc('11506-3', 'Progress note'), reportType: X12_CODES.reportTypeProgressReport },
  planOfCare: { type: loinc('18776-5', 'Plan of care note'), reportType: X12_CODES.reportTypePlanOfTreatment },
  evaluation: { type: loinc('51848-0', 'Evaluation note'), reportType: X12_CODES.reportTypeInitialAssessment },
  referral: { type: loinc('57133-1', 'Referral note'), reportType: X12_CODES.reportTypeReferralForm },
  clinicalNote: { type: loinc('34109-9', 'Note'), reportType: X12_CODES.reportTypeMedicalRecord }
} as const satisfies Record<string, DocumentKind>

// Words of a file name (bounded: only the first 255 characters are read), lower case, separators as spaces.
const nameWords = (fileName: string): string => ` ${fileName.slice(0, 255).toLowerCase().replace(/\.[a-z0-9]{1,5}$/, '').replace(/[^a-z0-9]+/g, ' ')} `

const IMAGING_WORDS = / (x ?rays?|xr|mri|ct|radiographs?|radiology|imaging|dicom) /
const KIND_BY_WORDS: ReadonlyArray<readonly [RegExp, DocumentKind]> = [
  [IMAGING_WORDS, DOCUMENT_KINDS.imagingReport],
  [/ (labs?|laboratory) /, DOCUMENT_KINDS.laboratoryReport],
  [/ (progress|daily note|soap) /, DOCUMENT_KINDS.progressNote],
  [/ (plan of care|poc|care plan|treatment plan|plan of treatment) /, DOCUMENT_KINDS.planOfCare],
  [/ (evals?|evaluations?|assessments?|consults?|consultation) /, DOCUMENT_KINDS.evaluation],
  [/ (referrals?) /, DOCUMENT_KINDS.referral]
]

/** The kind of an attached file, from its media type and its name (see `DOCUMENT_KINDS`). */
export const documentKindOf = (a: { readonly fileName: string; readonly mediaType: string }): DocumentKind => {
  const words = nameWords(a.fileName)
  if (a.mediaType.toLowerCase().startsWith('image/')) return IMAGING_WORDS.test(words) ? DOCUMENT_KINDS.imagingStudy : DOCUMENT_KINDS.photograph
  return KIND_BY_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? DOCUMENT_KINDS.clinicalNote
}

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

/** A document to carry: an attachment as stored (its SHA-256 known), or typed text made a document (no hash: nothing here computes SHA-256). */
interface DocumentSource {
  readonly fileName: string
  readonly mediaType: string
  readonly size: number
  readonly sha256?: string
  readonly description: string
  readonly kind: DocumentKind
}

const documentReference = (d: DocumentSource, patient: string, date: string, content: Uint8Array | undefined): PasDocumentReference => {
  const ni = d.sha256 === undefined ? undefined : niUri(d.sha256)
  return {
    resourceType: 'DocumentReference',
    meta: { profile: [PAS_PROFILES.documentReference] },
    ...(ni === undefined ? {} : { masterIdentifier: { system: FHIR_SYSTEMS.uri, value: ni } }),
    status: 'current',
    type: concept(d.kind.type),
    category: [concept({ system: FHIR_SYSTEMS.documentCategory, code: 'clinical-note', display: 'Clinical Note' })],
    subject: { reference: patient },
    date,
    description: d.description,
    content: [
      {
        attachment: {
          contentType: d.mediaType,
          ...(content === undefined ? {} : { data: base64(content) }),
          size: d.size,
          title: d.fileName
        }
      }
    ]
  }
}

const attachedDocument = (a: AttachmentRef): DocumentSource => ({ ...a, fileName: fhirString(a.fileName), description: fhirString(a.fileName), kind: documentKindOf(a) })

/** The file name, title and media type of typed clinical information carried as a document. */
export const TYPED_CLINICALS_DOCUMENT = { fileName: 'clinical-information.txt', mediaType: 'text/plain; charset=utf-8', description: 'Clinical information typed with the request' } as const

// What a FHIR `string` cannot carry: control characters but tab, CR and LF (R4 datatypes), and whitespace other than those
// and the space (the R4 JSON Schema's pattern ^[ \r\n\t\S]+$ refuses a no-break space, a form feed…).
const NOT_IN_FHIR_STRING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]/
const NOT_IN_FHIR_STRING_ANYWHERE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]/g

/** Can a FHIR `string` carry this text as it is? */
const isFhirString = (text: string): boolean => !NOT_IN_FHIR_STRING.test(text)

/** Text as a FHIR `string` can carry it, each character it cannot a space (names and titles only: clinical text is never altered). */
const fhirString = (text: string): string => text.replace(NOT_IN_FHIR_STRING_ANYWHERE, ' ')

/** Does typed text fit one X12 278 message segment? Counted in characters (code points), as X12 counts them. */
const fitsX12Message = (text: string): boolean => {
  let n = 0
  for (const _ of text) if (++n > X12_MESSAGE_TEXT_MAX) return false
  return true
}

/** The contact a request's recorded submitter gives. */
const submitterContact = (submitter: Submitted['submittedBy']): FhirSubmitterContact => ({
  name: { given: submitter.firstName, family: submitter.lastName },
  email: submitter.email,
  ...(submitter.phone === null ? {} : { phone: submitter.phone })
})

const submitterName = (name: FhirSubmitterContact['name']): FhirHumanName =>
  'text' in name ? { text: fhirString(name.text) } : { family: fhirString(name.family), given: [fhirString(name.given)] }

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
 * procedure code (CPT or HCPCS Level II) with the place of service, a period
 * from the date of service, the number of visits as its quantity and the
 * request and certification types PAS requires; the servicing provider as the
 * care team (role SJ, service provider); attachments as supporting
 * information, each typed by `documentKindOf`; typed clinical text as a
 * message when it fits one X12 278 message (264 characters), else whole as a
 * text document. The requestor is typed 1P (provider), with its ZIP code and
 * phone when `requestingOrganization` gives them, and the `submitter` as its
 * named contact.
 *
 * @example
 * import { toPasRequestBundle } from 'health-portal-domain/prior-authorization'
 * declare const request: import('health-portal-domain/prior-authorization').Submitted
 * const bundle = toPasRequestBundle(request, {
 *   payer: { name: 'Harmony Health Plan', identifier: 'HARMONY' },
 *   identifierSystems: {
 *     reference: 'urn:trnorg:9HARMONYHP',
 *     providerId: 'https://www.harmonyhpm.com/fhir/sid/provider-id',
 *     memberId: 'https://www.harmonyhpm.com/fhir/sid/member-id',
 *     payerId: 'https://www.harmonyhpm.com/fhir/sid/payer-id'
 *   },
 *   submitter: { name: { given: 'Grace', family: 'Okafor' }, email: 'grace.okafor@riverside.example' }
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

  // Typed text longer than an X12 278 message, or with characters a FHIR string refuses, travels whole as a text document, never cut or altered.
  const textAsDocument = clinicals.text !== null && (!fitsX12Message(clinicals.text) || !isFhirString(clinicals.text))
  const typedBytes = textAsDocument && clinicals.text !== null ? new TextEncoder().encode(clinicals.text) : undefined
  const sources: ReadonlyArray<{ readonly source: DocumentSource; readonly content: Uint8Array | undefined }> = [
    ...clinicals.attachments.map((a) => ({ source: attachedDocument(a), content: context.attachmentContent?.get(a.sha256) })),
    ...(typedBytes === undefined ? [] : [{ source: { ...TYPED_CLINICALS_DOCUMENT, size: typedBytes.length, kind: DOCUMENT_KINDS.clinicalNote }, content: typedBytes }])
  ]
  const attached = sources.map(({ source, content }, i): { readonly entry: PasBundleEntry<PasDocumentReference>; readonly reportType: FhirCoding } => ({
    entry: { fullUrl: urls.document(i), resource: documentReference(source, urls.patient, request.submittedAt, content) },
    reportType: source.kind.reportType
  }))
  const documents = attached.map((a) => a.entry)
  const supportingInfo: ReadonlyArray<PasClaimSupportingInfo> = [
    ...attached.map(
      ({ entry, reportType }, i): PasClaimSupportingInfo => ({
        extension: [
          {
            url: PAS_EXTENSIONS.documentInformation,
            extension: [
              { url: 'reportTypeCode', valueCodeableConcept: concept(reportType) },
              { url: 'transmissionMethod', valueCodeableConcept: concept(X12_CODES.transmissionElectronic) }
            ]
          }
        ],
        sequence: i + 1,
        category: concept({ system: FHIR_SYSTEMS.pasTempCodes, code: 'additionalInformation', display: 'Additional Information' }),
        valueReference: { reference: entry.fullUrl }
      })
    ),
    ...(clinicals.text === null || textAsDocument
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
      // The visits start on the date of service; the guide asks no end date, so the period is open.
      servicedPeriod: { start: service.serviceDate },
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
    careTeam: [
      {
        extension: [{ url: PAS_EXTENSIONS.careTeamClaimScope, valueBoolean: true }],
        sequence: 1,
        provider: { reference: urls.servicing },
        role: concept(X12_CODES.entityServiceProvider)
      }
    ],
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
    name: [{ use: 'official', family: fhirString(member.lastName), given: [fhirString(member.firstName)] }],
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
    identifier: [{ type: concept({ system: FHIR_SYSTEMS.payerIdType, code: 'payerid', display: 'Payer ID' }), system: systems.payerId, value: context.payer.identifier }],
    active: true,
    type: [concept(X12_CODES.entityPayer)],
    name: context.payer.name
  }
  const known = context.requestingOrganization
  const submitter = context.submitter ?? submitterContact(request.submittedBy)
  // The request's phone and fax reach whoever submitted it; their own phone and e-mail follow when known.
  const contactTelecom: ReadonlyArray<FhirContactPoint> = [
    contactPoint('phone', contacts.phone),
    contactPoint('fax', contacts.fax),
    ...(submitter?.phone === undefined || digits(submitter.phone) === digits(contacts.phone) ? [] : [contactPoint('phone', submitter.phone)]),
    ...(submitter?.email === undefined ? [] : [{ system: 'email' as const, value: submitter.email, use: 'work' as const }])
  ]
  const requestor: PasOrganization = {
    resourceType: 'Organization',
    meta: { profile: [PAS_PROFILES.requestor] },
    identifier: providerIdentifiers(request.requestingProvider, systems),
    active: true,
    type: [concept(X12_CODES.entityProvider)],
    name: fhirString(request.requestingProvider.name),
    ...(known?.phone === undefined ? {} : { telecom: [contactPoint('phone', known.phone)] }),
    ...(known?.postalCode === undefined ? {} : { address: [{ use: 'work', postalCode: known.postalCode, country: 'US' }] }),
    contact: [{ ...(submitter === undefined ? {} : { name: submitterName(submitter.name) }), telecom: contactTelecom }]
  }
  const servicing: PasOrganization = {
    resourceType: 'Organization',
    meta: { profile: [PAS_PROFILES.usCoreOrganization] },
    identifier: providerIdentifiers(request.servicingProvider, systems),
    active: true,
    name: fhirString(request.servicingProvider.name),
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
