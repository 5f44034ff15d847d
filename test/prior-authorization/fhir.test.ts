/**
 * The Da Vinci PAS request Bundle of a submitted request, checked against the
 * PAS 2.2.1 FSH profiles themselves (read by test/support/fsh-profile.ts):
 * every cardinality, fixed value, type restriction and local binding of
 * PASRequestBundle, PASClaim (with PASClaimBase and CommonClaimElements), and
 * of the profiles its references lead to; plus the FHIR R4 / US Core
 * minimums, the codes and their systems, the references, the X12 codes (only
 * those the PAS examples use), the attachments, and determinism.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import {
  DOCUMENT_KINDS,
  documentKindOf,
  FHIR_SYSTEMS,
  FhirContext,
  nameBasedUuid,
  PAS_EXTENSIONS,
  PasBundle,
  PasClaim,
  toPasRequestBundle,
  TYPED_CLINICALS_DOCUMENT,
  X12_CODES,
  X12_MESSAGE_TEXT_MAX,
  referenceOf,
  submit
} from '../../src/prior-authorization'
import type { PhoneNumber } from '../../src/kernel/us-identifiers'
import { priorAuthorization as harmonyPolicies } from '../../src/portals/harmony'
import { validPriorAuthorizationPolicies, validReadyToSubmit } from '../../src/testkit/prior-authorization'
import { sampleSubmitter } from '../../src/testkit/storage-contract'
import { fhirJsValidation, independentErrors, jsonSchemaErrors } from '../support/fhir-validators'
import { checkProfile, CheckOptions, FshLibrary, formatReport, FshRule, FshValue, PAS_FSH_DIRECTORY, RuleReport } from '../support/fsh-profile'
import { attachmentOf, ATTACHMENT_CONTENT, CLINICAL_TEXT, DEFAULT_ATTACHMENTS, IMAGING_BYTES, PDF_BYTES, submittedRequest, SubmittedRequestOptions } from '../support/submitted-request'

const CONTEXT: FhirContext = {
  payer: { name: 'Harmony Health Plan', identifier: 'HARMONY' },
  identifierSystems: {
    reference: 'urn:trnorg:9HARMONYHP',
    providerId: 'https://www.harmonyhpm.com/fhir/sid/provider-id',
    memberId: 'https://www.harmonyhpm.com/fhir/sid/member-id',
    payerId: 'https://www.harmonyhpm.com/fhir/sid/payer-id'
  },
  diagnosisDescriptions: new Map([['M54.50', 'Low back pain, unspecified']]),
  attachmentContent: ATTACHMENT_CONTENT
}

const lib = FshLibrary.fromDirectory(PAS_FSH_DIRECTORY)
const EXAMPLES = fs.readFileSync(path.join(PAS_FSH_DIRECTORY, 'Examples.fsh'), 'utf8')

// JSON as read back: any shape, navigated freely in assertions
type Json = Record<string, any>
const asJson = (b: PasBundle): Json => JSON.parse(JSON.stringify(b)) as Json
const bundleOf = (options: SubmittedRequestOptions = {}, context: FhirContext = CONTEXT): PasBundle => toPasRequestBundle(submittedRequest(options), context)

const ITEM_CERTIFICATION = `${PAS_EXTENSIONS.certificationType}`
const LEVEL_OF_SERVICE = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-levelOfServiceCode'

/** What the FSH files read do not define, given here from their published sources. */
const optionsFor = (bundle: Json): CheckOptions => {
  const byUrl = new Map<string, unknown>((bundle.entry as Json[]).map((e) => [e.fullUrl as string, e.resource]))
  return {
    resolve: (reference) => byUrl.get(reference),
    slices: {
      // US Core Coverage: the member ID is the identifier typed v2-0203#MB
      'identifier[memberid]': (e) => (e as Json)?.type?.coding?.some((c: Json) => c.system === FHIR_SYSTEMS.identifierType && c.code === 'MB') === true,
      // PASCoverage slices relationship.coding by value ($this) into the X12 code
      'relationship.coding[X12Code]': (c) => String((c as Json)?.system).startsWith('https://codesystem.x12.org/005010/1069')
    },
    // PAS datatype profiles (Identifier.fsh: system and value 1..1; Quantity.fsh: value 1..1), as their FSH reads
    datatypes: DATATYPES,
    invariants: {
      // Claim.fsh: "$this.toString().length() = 10"
      FullDateRule: (v) => typeof v === 'string' && v.length === 10,
      // Claim.fsh, on each item: certification type 1 (immediate appeal) implies a level of service
      ImmediateLevelOfCare: (item) => {
        const ext = ((item as Json).extension ?? []) as Json[]
        const immediate = ext.some((e) => e.url === ITEM_CERTIFICATION && e.valueCodeableConcept?.coding?.some((c: Json) => c.code === '1'))
        return !immediate || ext.some((e) => e.url === LEVEL_OF_SERVICE)
      }
    }
  }
}

/** What a PAS datatype profile requires at its top level (`system 1..1`…), read from its FSH. */
const requiredOf = (profile: string): ReadonlyArray<string> =>
  lib
    .rules(profile)
    .rules.flatMap((r) => (r.kind === 'card' && r.min >= 1 && !r.path.includes('.') ? [r] : []))
    .map((r) => r.path)
const DATATYPES = { PASIdentifier: requiredOf('PASIdentifier'), PASQuantity: requiredOf('PASQuantity') }

const checkBundle = (bundle: PasBundle): RuleReport[] => {
  const b = asJson(bundle)
  return checkProfile(lib, 'PASRequestBundle', b, optionsFor(b))
}

const CLAIM_ENTITIES = ['PASClaimBase', 'PASClaim', 'CommonClaimElements']

/** A rule that requires something: a minimum of one or more, or a fixed value. */
const isRequirement = (r: FshRule): boolean => ((r.kind === 'card' || r.kind === 'slice') && r.min >= 1) || r.kind === 'fixed'

const valueText = (v: FshValue): string =>
  v.kind === 'code' ? `${v.system ?? ''}#${v.code}` : v.kind === 'instance' ? v.name : JSON.stringify(v.value)

/** A requirement in short: `path min..max` or `path = value`. */
const ruleText = (r: FshRule): string =>
  r.kind === 'card' || r.kind === 'slice' ? `${r.path} ${r.min}..${r.max === Infinity ? '*' : r.max}` : r.kind === 'fixed' ? `${r.path} = ${valueText(r.value)}` : r.text

/** Reports lines as the test's diagnostics (one each, so TAP keeps them readable). */
const diagnose = (t: { diagnostic: (s: string) => void }, heading: string, lines: ReadonlyArray<string>) => {
  t.diagnostic(heading)
  for (const l of lines) t.diagnostic(`  ${l}`)
}

/** FHIR R4 base cardinalities (hl7.org/fhir/R4) and US Core 7.0.0 minimums the PAS profiles inherit but their FSH does not restate. */
const BASE_FSH = `
Profile: R4ClaimMinimum
Parent: Claim
* status 1..1
* type 1..1
* use 1..1
* patient 1..1
* created 1..1
* provider 1..1
* priority 1..1
* insurance 1..*
* insurance.sequence 1..1
* insurance.focal 1..1
* insurance.coverage 1..1
* careTeam.sequence 1..1
* careTeam.provider 1..1
* supportingInfo.sequence 1..1
* supportingInfo.category 1..1
* diagnosis.sequence 1..1
* diagnosis.diagnosis[x] 1..1
* item.sequence 1..1
* item.productOrService 1..1

Profile: R4BundleMinimum
Parent: Bundle
* type 1..1

Profile: USCorePatientMinimum
Parent: Patient
* identifier 1..*
* identifier.system 1..1
* identifier.value 1..1
* name 1..*
* gender 1..1

Profile: USCoreCoverageMinimum
Parent: Coverage
* status 1..1
* beneficiary 1..1
* relationship 1..1
* payor 1..1

Profile: USCoreOrganizationMinimum
Parent: Organization
* active 1..1
* name 1..1

Profile: USCoreDocumentReferenceMinimum
Parent: DocumentReference
* status 1..1
* type 1..1
* category 1..*
* subject 1..1
* content 1..*
* content.attachment 1..1
`
const baseLib = new FshLibrary([BASE_FSH])
const BASE_PROFILE_OF: Readonly<Record<string, string>> = {
  Claim: 'R4ClaimMinimum',
  Patient: 'USCorePatientMinimum',
  Coverage: 'USCoreCoverageMinimum',
  Organization: 'USCoreOrganizationMinimum',
  DocumentReference: 'USCoreDocumentReferenceMinimum'
}

/** Every `reference` in a JSON tree. */
const referencesIn = (u: unknown): string[] =>
  Array.isArray(u)
    ? u.flatMap(referencesIn)
    : typeof u === 'object' && u !== null
      ? Object.entries(u).flatMap(([k, v]) => (k === 'reference' && typeof v === 'string' ? [v] : referencesIn(v)))
      : []

/** Every coding (an object with system and code) in a JSON tree. */
const codingsIn = (u: unknown): Json[] =>
  Array.isArray(u)
    ? u.flatMap(codingsIn)
    : typeof u === 'object' && u !== null
      ? [...('system' in u && 'code' in u ? [u as Json] : []), ...Object.values(u).flatMap(codingsIn)]
      : []

const claimOf = (b: PasBundle): PasClaim => b.entry[0].resource
const resourceAt = (b: PasBundle, reference: string) => b.entry.find((e) => e.fullUrl === reference)?.resource

const UUID_V5 = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('PAS request Bundle: the FSH profiles', () => {
  test('the in-repository FSH copies are complete, and equal the shared reference data beside the repository', () => {
    const copies = fs.readdirSync(PAS_FSH_DIRECTORY).filter((f) => f.endsWith('.fsh')).sort()
    assert.deepEqual(copies, [
      'Bundle.fsh',
      'Claim.fsh',
      'ClaimResponse.fsh',
      'Coverage.fsh',
      'Examples.fsh',
      'Identifier.fsh',
      'Organization.fsh',
      'Patient.fsh',
      'Practitioner.fsh',
      'Quantity.fsh',
      'Request.fsh',
      'Terminology.fsh',
      'USCoreAliases.fsh'
    ])
    for (const f of copies) assert.ok(fs.readFileSync(path.join(PAS_FSH_DIRECTORY, f), 'utf8').length > 200, `${f} is not empty`)
    // CI runs beside ../shared (the project's reference data): there the copies must not drift from it.
    const shared = path.resolve(__dirname, '../../../shared/reference-data/davinci-pas')
    if (fs.existsSync(shared)) {
      const sharedFiles = fs.readdirSync(shared).filter((x) => x.endsWith('.fsh')).sort()
      assert.deepEqual(copies, sharedFiles, 'every shared FSH file has its copy')
      for (const f of sharedFiles) assert.equal(fs.readFileSync(path.join(PAS_FSH_DIRECTORY, f), 'utf8'), fs.readFileSync(path.join(shared, f), 'utf8'), f)
    }
  })

  test('the PAS datatype profiles are read from their FSH: an identifier needs system and value, a quantity its value', () => {
    assert.deepEqual(DATATYPES, { PASIdentifier: ['system', 'value'], PASQuantity: ['value'] })
  })

  test('the reader finds the required elements and fixed values of PASClaimBase, PASClaim and PASRequestBundle', (t) => {
    const claim = lib.rules('PASClaim')
    assert.deepEqual(claim.chain, ['PASClaimBase', 'PASClaim'])
    const required = claim.rules.filter((r) => CLAIM_ENTITIES.includes(r.entity) && isRequirement(r))
    const texts = required.map(ruleText)
    diagnose(t, `PASClaimBase + PASClaim: ${claim.rules.length} rules read, ${required.length} requirements (min ≥ 1 or fixed):`, texts)
    assert.ok(required.length >= 10, `a plausible number of requirements (${required.length})`)
    for (const expected of [
      'status = #active',
      'use = #preauthorization',
      'insurer 1..1',
      'insurance.focal = true',
      'careTeam.extension[careTeamClaimScope] 1..1',
      'identifier 1..2',
      'item 1..*',
      'item.extension[requestType] 1..1',
      'item.extension[certificationType] 1..1',
      'item.category 1..1',
      'item.location[x] 1..1',
      'supportingInfo[AdditionalInformation].extension[documentInformation] 1..1',
      'supportingInfo[AdditionalInformation].value[x] 1..1',
      'supportingInfo[MessageText].value[x] 1..1'
    ])
      assert.ok(texts.includes(expected), `reads ${expected}`)
    for (const r of required.filter((x) => x.entity === 'PASClaimBase')) assert.ok(claim.rules.includes(r))
    assert.ok(claim.rules.some((r) => r.kind === 'only' && r.path === 'patient' && r.reference && r.types.includes('PASBeneficiary')))
    assert.ok(claim.rules.some((r) => r.kind === 'binding' && r.path === 'item.productOrService' && r.valueSet === 'X12278RequestedServiceType'))

    const bundle = lib.rules('PASRequestBundle').rules.filter(isRequirement).map(ruleText)
    diagnose(t, 'PASRequestBundle requirements:', bundle)
    assert.deepEqual(bundle, [
      'identifier 1..1',
      'type = #collection',
      'timestamp 1..1',
      'entry 1..*',
      'entry.fullUrl 1..1',
      'entry.resource 1..1',
      'entry[Claim] 1..2'
    ])
    assert.equal(lib.extensionUrl('ServiceItemRequestType'), PAS_EXTENSIONS.requestType)
    assert.equal(lib.extensionUrl('DocumentInformation'), PAS_EXTENSIONS.documentInformation)
    assert.ok(lib.valueSet('X12278RequestedServiceType')?.systems.has(FHIR_SYSTEMS.hcpcs))
  })

  test('the Bundle meets every rule of PASRequestBundle, PASClaim and the profiles its references lead to', (t) => {
    const reports = checkBundle(bundleOf({ denialReason: 'Not documented.' }))
    const count = (o: string) => reports.filter((r) => r.outcome === o).length
    t.diagnostic(`${reports.length} rule checks: ${count('ok')} ok, ${count('vacuous')} vacuous (element absent), ${count('unchecked')} unchecked, ${count('fail')} failed`)
    const claimRequirements = reports.filter((r) => r.at.endsWith('PASClaim') && CLAIM_ENTITIES.includes(r.rule.entity) && isRequirement(r.rule))
    diagnose(t, 'PASClaimBase/PASClaim requirements, as checked:', claimRequirements.map(formatReport))
    diagnose(t, 'unchecked:', reports.filter((r) => r.outcome === 'unchecked').map(formatReport))
    assert.deepEqual(reports.filter((r) => r.outcome === 'fail').map(formatReport), [])
    assert.ok(claimRequirements.filter((r) => r.outcome === 'ok').length >= 15, 'most Claim requirements apply to this request')
    // a requirement may only be vacuous inside a slice or element this request has no use for
    for (const r of claimRequirements.filter((x) => x.outcome === 'vacuous'))
      assert.match(r.rule.text, /^(supportingInfo\[(PatientEvent|AdmissionDates|DischargeDates)\]|careTeam\[ItemClaimMember\])/, formatReport(r))
    // what cannot be checked here: bindings to value sets outside these files (X12's, licensed), nothing else
    for (const r of reports.filter((x) => x.outcome === 'unchecked')) {
      assert.equal(r.rule.kind, 'binding', formatReport(r))
      assert.match(r.detail, /value set (https:\/\/valueset\.x12\.org\/|http:\/\/hl7\.org\/fhir\/us\/davinci-pas\/ValueSet\/pas-pwk01)/)
    }
    // every resource of the Bundle was reached and checked against its PAS profile
    for (const profile of ['PASClaim', 'PASBeneficiary', 'PASSubscriber', 'PASCoverage', 'PASInsurer', 'PASRequestor', 'PASOrganization', 'PASDocumentReference', 'DocumentInformation'])
      assert.ok(reports.some((r) => r.at.endsWith(profile)), `checked against ${profile}`)
  })

  test('property: every shape of request meets the profiles (priority, codes, attachments, text, NPI, fax)', () => {
    const shapes = fc.record({
      priority: fc.constantFrom('standard' as const, 'expedited' as const),
      diagnoses: fc.subarray(['M54.50', 'M51.16', 'Z96.641', 'E11.9', 'T36.0X1A'], { minLength: 1 }),
      procedures: fc.subarray(['97110', '97140', 'G0283', '0001F', '0042T', 'J1100'], { minLength: 1 }),
      attachments: fc.subarray([...DEFAULT_ATTACHMENTS]),
      clinicalText: fc.option(fc.constant(CLINICAL_TEXT), { nil: null }),
      npi: fc.boolean(),
      servicingFax: fc.option(fc.constant('8135550199'), { nil: null }),
      visits: fc.integer({ min: 1, max: 60 }),
      placeOfService: fc.constantFrom('02', '11', '12', '22', '49', '99')
    })
    fc.assert(
      fc.property(shapes, (s) => {
        if (s.attachments.length === 0 && s.clinicalText === null) return // the wizard needs one of them
        const bundle = bundleOf({ ...s, requestingProvider: s.npi ? {} : { npi: null } })
        assert.deepEqual(checkBundle(bundle).filter((r) => r.outcome === 'fail').map(formatReport), [])
      }),
      { numRuns: 60 }
    )
  })

  test('each resource meets the FHIR R4 and US Core minimums the profiles inherit', (t) => {
    const bundle = asJson(bundleOf())
    const reports = (bundle.entry as Json[]).flatMap((e) => checkProfile(baseLib, BASE_PROFILE_OF[e.resource.resourceType as string] ?? 'R4BundleMinimum', e.resource))
    reports.push(...checkProfile(baseLib, 'R4BundleMinimum', bundle))
    t.diagnostic(`${reports.length} checks, ${reports.filter((r) => r.outcome === 'ok').length} ok`)
    assert.deepEqual(reports.filter((r) => r.outcome !== 'ok' && r.outcome !== 'vacuous').map(formatReport), [])
    assert.ok(reports.filter((r) => r.outcome === 'ok').length >= 40)
  })

  test('the checker bites: broken Bundles fail the rules they break', () => {
    const broken = (edit: (b: Json) => void): string[] => {
      const b = asJson(bundleOf())
      edit(b)
      return checkProfile(lib, 'PASRequestBundle', b, optionsFor(b))
        .filter((r) => r.outcome === 'fail')
        .map((r) => r.rule.text)
    }
    assert.ok(broken((b) => (b.entry[0].resource.status = 'draft')).includes('status = #active'))
    assert.ok(broken((b) => (b.entry[0].resource.use = 'claim')).includes('use = #preauthorization'))
    assert.ok(broken((b) => b.entry[0].resource.item[0].extension.splice(0, 1)).includes('item.extension[requestType] 1..1'))
    assert.ok(broken((b) => delete b.entry[0].resource.item[1].category).includes('item.category 1..1 MS'))
    assert.ok(broken((b) => delete b.entry[0].resource.insurer).includes('insurer 1..1 MS'))
    assert.ok(broken((b) => (b.entry[0].resource.careTeam[0].extension = [])).some((r) => r.startsWith('careTeam.extension contains CareTeamClaimScope')))
    assert.ok(
      broken((b) => (b.entry[0].resource.item[2].productOrService.coding[0].system = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets')).includes(
        'item.productOrService from X12278RequestedServiceType (required)'
      ),
      'the https spelling of the HCPCS system is not in the required value set'
    )
    assert.ok(broken((b) => (b.entry[0].resource.patient.reference = 'urn:uuid:00000000-0000-5000-8000-000000000000')).includes('patient only Reference(PASBeneficiary)'))
    assert.ok(broken((b) => (b.entry[0].resource.insurer.reference = b.entry[1].fullUrl)).includes('insurer only Reference(PASInsurer)'))
    assert.ok(broken((b) => (b.entry[0].resource.item[0].servicedPeriod.start = '2026-12')).includes('item.servicedPeriod.start obeys FullDateRule'))
    assert.ok(broken((b) => delete b.entry[3].resource.identifier[0].system).includes('identifier only PASIdentifier'), 'an identifier without system')
    assert.ok(broken((b) => (b.entry[0].resource.supportingInfo[2].timingDate = '2026-12-01')).includes('supportingInfo[MessageText].timing[x] 0..0'))
    assert.ok(broken((b) => delete b.entry[6].resource.content[0].attachment.data).includes('content.attachment.data 1..1'))
    assert.ok(broken((b) => delete b.timestamp).includes('timestamp 1..1 MS'))
    assert.ok(broken((b) => (b.entry[2].resource.identifier = [])).includes('identifier[memberid] 1..1'))
  })
})

describe('PAS request Bundle: content', () => {
  const request = submittedRequest({ denialReason: 'Not documented.' })
  const bundle = toPasRequestBundle(request, CONTEXT)
  const claim = claimOf(bundle)

  test('a collection Bundle with identifier and timestamp; the Claim first; use preauthorization', () => {
    assert.equal(bundle.resourceType, 'Bundle')
    assert.equal(bundle.type, 'collection')
    assert.equal(bundle.timestamp, request.submittedAt)
    assert.match(bundle.identifier.value, UUID_V5)
    assert.equal(bundle.identifier.system, 'urn:ietf:rfc:3986')
    assert.equal(bundle.entry[0].resource.resourceType, 'Claim')
    assert.equal(claim.use, 'preauthorization')
    assert.equal(claim.status, 'active')
    assert.equal(claim.created, request.submittedAt)
    assert.deepEqual(claim.identifier, [{ system: 'urn:trnorg:9HARMONYHP', value: 'HPA-7K2M9QXD' }])
    assert.deepEqual(claim.type.coding.map((c) => c.code), ['professional'])
    assert.deepEqual(claim.priority.coding.map((c) => c.code), ['normal'])
    assert.equal(claim.extension, undefined)
    const expedited = claimOf(bundleOf({ priority: 'expedited' }))
    assert.deepEqual(expedited.priority.coding.map((c) => c.code), ['stat'])
    assert.deepEqual(expedited.extension?.map((e) => [e.url, e.valueCodeableConcept?.coding[0]?.code]), [[LEVEL_OF_SERVICE, 'U']])
  })

  test('every reference resolves to an entry; full URLs are unique name-based UUIDs', () => {
    const urls = bundle.entry.map((e) => e.fullUrl)
    assert.equal(new Set(urls).size, urls.length)
    for (const u of urls) assert.match(u, UUID_V5)
    const references = referencesIn(bundle)
    assert.ok(references.length >= 12)
    for (const r of references) assert.ok(urls.includes(r), `${r} resolves`)
    assert.deepEqual(
      bundle.entry.map((e) => e.resource.resourceType),
      ['Claim', 'Patient', 'Coverage', 'Organization', 'Organization', 'Organization', 'DocumentReference', 'DocumentReference']
    )
    // every entry is referred to by something
    for (const u of urls.slice(1)) assert.ok(references.includes(u), `${u} is used`)
  })

  test('diagnoses in ICD-10-CM, dotted, in order, the first principal; descriptions as display', () => {
    assert.deepEqual(
      claim.diagnosis.map((d) => [d.sequence, d.diagnosisCodeableConcept.coding[0]?.system, d.diagnosisCodeableConcept.coding[0]?.code]),
      [
        [1, 'http://hl7.org/fhir/sid/icd-10-cm', 'M54.50'],
        [2, 'http://hl7.org/fhir/sid/icd-10-cm', 'M51.16'],
        [3, 'http://hl7.org/fhir/sid/icd-10-cm', 'Z96.641']
      ]
    )
    assert.equal(claim.diagnosis[0]?.diagnosisCodeableConcept.coding[0]?.display, 'Low back pain, unspecified')
    assert.equal(claim.diagnosis[1]?.diagnosisCodeableConcept.coding[0]?.display, undefined)
    assert.deepEqual(claim.diagnosis.map((d) => d.type?.[0]?.coding[0]?.code), ['principal', undefined, undefined])
  })

  test('one item per procedure: CPT or HCPCS system, no CPT description, quantity = visits, place of service, a period from the date', () => {
    assert.deepEqual(
      claim.item.map((i) => [i.sequence, i.productOrService.coding[0]?.system, i.productOrService.coding[0]?.code]),
      [
        [1, 'http://www.ama-assn.org/go/cpt', '97110'],
        [2, 'http://www.ama-assn.org/go/cpt', '97140'],
        [3, FHIR_SYSTEMS.hcpcs, 'G0283']
      ]
    )
    for (const item of claim.item) {
      assert.equal(item.productOrService.coding[0]?.display, undefined, 'no CPT/HCPCS description')
      assert.deepEqual(item.quantity, { value: 6, unit: 'visits' })
      assert.deepEqual(item.servicedPeriod, { start: '2026-12-01' })
      assert.equal((item as Json).servicedDate, undefined, 'not all visits on one day')
      assert.deepEqual(item.locationCodeableConcept.coding, [
        { system: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', code: '11', display: 'Office' }
      ])
      assert.deepEqual(item.careTeamSequence, [1])
      assert.deepEqual(item.diagnosisSequence, [1, 2, 3])
      assert.deepEqual(item.informationSequence, [1, 2, 3])
    }
    assert.deepEqual(claimOf(bundleOf({ visits: 1, procedures: ['0042T'] })).item.map((i) => [i.productOrService.coding[0]?.system, i.quantity]), [
      ['http://www.ama-assn.org/go/cpt', { value: 1, unit: 'visit' }]
    ])
  })

  test('the X12 codes carried are the few X12_CODES lists (X12 lists are licensed); those the PAS examples use, as they show them', () => {
    const x12 = codingsIn(bundle).filter((c) => String(c.system).includes('x12.org'))
    const expedited = codingsIn(bundleOf({ priority: 'expedited' })).filter((c) => String(c.system).includes('x12.org'))
    const all = [...x12, ...expedited]
    assert.ok(all.length >= 8)
    const listed = Object.values(X12_CODES)
    const chosenHere: string[] = []
    for (const c of all) {
      assert.ok(listed.some((l) => l.system === c.system && l.code === c.code && l.display === c.display), `${c.system}#${c.code} is one of X12_CODES`)
      const escaped = `${c.system}#${c.code}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
      const uses = [...EXAMPLES.matchAll(new RegExp(`${escaped}(?![A-Za-z0-9])(?: "([^"]*)")?`, 'g'))]
      if (uses.length === 0) chosenHere.push(`${c.system?.split('/').pop()}#${c.code}`)
      else if (c.display !== undefined) assert.ok(uses.some((m) => m[1] === c.display), `"${c.display}" is how Examples.fsh shows ${c.code}`)
    }
    // the entity codes PAS binds but its examples do not show: servicing provider (SJ) and requestor (1P); the report types of DOCUMENT_KINDS
    assert.deepEqual([...new Set(chosenHere)].sort(), ['755#B4', '755#RB', '98#1P', '98#SJ'])
  })

  test('member, coverage, insurer and providers carry the identifiers and contacts entered', () => {
    const patient = resourceAt(bundle, claim.patient.reference)
    assert.equal(patient?.resourceType, 'Patient')
    if (patient?.resourceType !== 'Patient') return
    assert.deepEqual(patient.name, [{ use: 'official', family: 'Lopez', given: ['Maria'] }])
    assert.equal(patient.birthDate, '1962-07-04')
    assert.equal(patient.gender, 'unknown')
    assert.equal(patient.identifier[0]?.value, 'HX10002345')
    assert.equal(patient.identifier[0]?.system, CONTEXT.identifierSystems.memberId)
    const coverage = resourceAt(bundle, claim.insurance[0]?.coverage.reference ?? '')
    assert.ok(coverage?.resourceType === 'Coverage')
    if (coverage?.resourceType !== 'Coverage') return
    assert.equal(coverage.subscriberId, 'HX10002345')
    assert.deepEqual(coverage.identifier[0]?.type?.coding[0], { system: FHIR_SYSTEMS.identifierType, code: 'MB', display: 'Member Number' })
    assert.equal(coverage.beneficiary.reference, claim.patient.reference)
    assert.equal(coverage.payor[0]?.reference, claim.insurer.reference)
    const insurer = resourceAt(bundle, claim.insurer.reference)
    assert.ok(insurer?.resourceType === 'Organization' && insurer.name === 'Harmony Health Plan' && insurer.identifier[0]?.value === 'HARMONY')
    const requestor = resourceAt(bundle, claim.provider.reference)
    assert.ok(requestor?.resourceType === 'Organization')
    if (requestor?.resourceType !== 'Organization') return
    assert.equal(requestor.name, 'Riverside Family Practice')
    assert.deepEqual(requestor.identifier, [
      { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' },
      { system: CONTEXT.identifierSystems.providerId, value: 'HP001234' }
    ])
    // the contact is the submitter the request recorded: her phone is the request's, so it is not given twice
    assert.deepEqual(requestor.contact?.[0]?.name, { family: 'Okafor', given: ['Grace'] })
    assert.deepEqual(requestor.contact?.[0]?.telecom, [
      { system: 'phone', value: '8135550143', use: 'work' },
      { system: 'fax', value: '8135550144', use: 'work' },
      { system: 'email', value: 'grace.okafor@riversidefp.com', use: 'work' }
    ])
    const servicing = resourceAt(bundle, claim.careTeam[0]?.provider.reference ?? '')
    assert.ok(servicing?.resourceType === 'Organization')
    if (servicing?.resourceType !== 'Organization') return
    assert.equal(servicing.name, 'Tampa Bay Physical Therapy')
    assert.deepEqual(servicing.telecom, [{ system: 'fax', value: '8135550199', use: 'work' }])
    // without an NPI: the plan's Provider ID only; a known gender is carried
    const other = bundleOf({ requestingProvider: { npi: null }, servicingFax: null }, { ...CONTEXT, memberGender: 'female' })
    const otherRequestor = resourceAt(other, claimOf(other).provider.reference)
    assert.ok(otherRequestor?.resourceType === 'Organization')
    if (otherRequestor?.resourceType !== 'Organization') return
    assert.deepEqual(otherRequestor.identifier, [{ system: CONTEXT.identifierSystems.providerId, value: 'HP001234' }])
    const otherPatient = resourceAt(other, claimOf(other).patient.reference)
    assert.ok(otherPatient?.resourceType === 'Patient' && otherPatient.gender === 'female')
  })

  test('attachments: a DocumentReference each, content inline, SHA-256 as its identifier; typed text as a message', () => {
    const infos = claim.supportingInfo ?? []
    assert.deepEqual(infos.map((s) => [s.sequence, s.category.coding[0]?.code]), [
      [1, 'additionalInformation'],
      [2, 'additionalInformation'],
      [3, 'freeFormMessage']
    ])
    assert.equal(infos[2]?.valueString, CLINICAL_TEXT)
    const bytes = [PDF_BYTES, IMAGING_BYTES]
    infos.slice(0, 2).forEach((info, i) => {
      const doc = resourceAt(bundle, info.valueReference?.reference ?? '')
      assert.ok(doc?.resourceType === 'DocumentReference')
      if (doc?.resourceType !== 'DocumentReference') return
      const a = DEFAULT_ATTACHMENTS[i]
      const attachment = doc.content[0]?.attachment
      assert.equal(attachment?.contentType, a?.mediaType)
      assert.equal(attachment?.title, a?.fileName)
      assert.equal(attachment?.size, a?.size)
      assert.deepEqual(new Uint8Array(Buffer.from(attachment?.data ?? '', 'base64')), bytes[i])
      const ni = /^ni:\/\/\/sha-256;([A-Za-z0-9_-]{43})$/.exec(doc.masterIdentifier?.value ?? '')
      assert.ok(ni)
      assert.equal(Buffer.from(ni?.[1] ?? '', 'base64url').toString('hex'), a?.sha256)
      assert.equal(doc.subject.reference, claim.patient.reference)
    })
    // without the bytes, the document is described without them (and PASDocumentReference's data 1..1 is not met)
    const described = bundleOf({}, { ...CONTEXT, attachmentContent: new Map() })
    const doc = described.entry.find((e) => e.resource.resourceType === 'DocumentReference')?.resource
    assert.ok(doc?.resourceType === 'DocumentReference' && doc.content[0]?.attachment.data === undefined)
  })
})

// -------------------------------------------------------------------------------------
// independent validators: the official FHIR R4 JSON Schema and FHIR.js, and the PAS rules a payer checks on receipt
// -------------------------------------------------------------------------------------

/** Every identifier in a JSON tree (`identifier`, `masterIdentifier`, `valueIdentifier`, at any depth), with where it is. */
const identifiersIn = (u: unknown, at = ''): Array<{ readonly at: string; readonly identifier: Json }> =>
  Array.isArray(u)
    ? u.flatMap((v, i) => identifiersIn(v, `${at}[${i}]`))
    : typeof u === 'object' && u !== null
      ? Object.entries(u).flatMap(([k, v]) =>
          /^(identifier|masterIdentifier|valueIdentifier)$/.test(k)
            ? (Array.isArray(v) ? v : [v]).flatMap((x, i) => [{ at: `${at}.${k}[${i}]`, identifier: x as Json }, ...identifiersIn(x, `${at}.${k}[${i}]`)])
            : identifiersIn(v, `${at}.${k}`)
        )
      : []

/** The PAS rules the outside check found broken, as a payer validating on receipt applies them. */
const pasRuleBreaks = (bundle: unknown): string[] => {
  const b = JSON.parse(JSON.stringify(bundle)) as Json
  const breaks: string[] = []
  for (const { at, identifier } of identifiersIn(b))
    for (const k of ['system', 'value']) if (typeof identifier[k] !== 'string' || identifier[k] === '') breaks.push(`${at} has no ${k} (PAS Identifier: system 1..1, value 1..1)`)
  const byUrl = new Map<string, Json>((b.entry as Json[]).map((e) => [e.fullUrl as string, e.resource as Json]))
  const claim = (b.entry as Json[])[0]?.resource as Json
  for (const [i, member] of ((claim.careTeam ?? []) as Json[]).entries())
    if (!((member.role?.coding ?? []) as Json[]).some((c) => c.system === 'https://codesystem.x12.org/005010/98' && typeof c.code === 'string'))
      breaks.push(`Claim.careTeam[${i}] has no X12 entity code (list 98) as its role`)
  const requestor = byUrl.get(claim.provider?.reference as string) ?? {}
  if (!((requestor.type ?? []) as Json[]).some((t) => ((t.coding ?? []) as Json[]).some((c) => c.system === 'https://codesystem.x12.org/005010/98'))) breaks.push('requestor has no X12 entity type')
  if (!((requestor.address ?? []) as Json[]).some((a) => typeof a.postalCode === 'string')) breaks.push('requestor has no address')
  if (!((requestor.contact ?? []) as Json[]).some((c) => c.name !== undefined && ((c.telecom ?? []) as Json[]).length > 0)) breaks.push('requestor has no named contact with telecom')
  if (!/^urn:trnorg:[139][A-Za-z0-9]{9}$/.test(String((claim.identifier as Json[])?.[0]?.system))) breaks.push('Claim.identifier.system is not urn:trnorg:<TRN03>')
  return breaks
}

const GRACE: FhirContext['submitter'] = { name: { given: 'Grace', family: 'Okafor' }, phone: '8135550142' as PhoneNumber, email: 'grace.okafor@riverside.example' }
const KNOWN_REQUESTOR: FhirContext = { ...CONTEXT, submitter: GRACE, requestingOrganization: { postalCode: '33602', phone: '8135550100' as PhoneNumber } }

describe('PAS request Bundle: the independent validators (FHIR R4 JSON Schema, FHIR.js) and the PAS rules a payer checks', () => {
  test('the Bundle of every shape the fixtures make passes both validators and the PAS rules', (t) => {
    const bundles = [
      bundleOf({ denialReason: 'Not documented.' }, KNOWN_REQUESTOR),
      bundleOf({ priority: 'expedited', requestingProvider: { npi: null }, servicingFax: null }, KNOWN_REQUESTOR),
      bundleOf({ clinicalText: 'x'.repeat(4000), attachments: [] }, KNOWN_REQUESTOR),
      bundleOf({}, { ...CONTEXT, submitter: { name: { text: 'Grace Okafor' } }, requestingOrganization: { postalCode: '33602' } })
    ]
    for (const b of bundles) {
      assert.deepEqual(independentErrors(b), [])
      assert.deepEqual(pasRuleBreaks(b), [])
      assert.deepEqual(checkBundle(b).filter((r) => r.outcome === 'fail').map(formatReport), [])
    }
    const warnings = fhirJsValidation(bundles[0]).messages.filter((m) => m.severity === 'warning')
    t.diagnostic(`FHIR.js: ${warnings.length} warnings, all of them codes from systems it does not hold (ICD-10-CM, CPT, X12, PAS):`)
    for (const w of warnings) assert.match(w.message ?? '', /not found in value set/, JSON.stringify(w))
  })

  test('every identifier in the Bundle has a system and a value; the insurer names its Payer ID system', () => {
    const b = bundleOf({}, KNOWN_REQUESTOR)
    const found = identifiersIn(asJson(b))
    assert.ok(found.length >= 9, `${found.length} identifiers`)
    for (const { at, identifier } of found) assert.ok(typeof identifier.system === 'string' && typeof identifier.value === 'string', at)
    const insurer = resourceAt(b, claimOf(b).insurer.reference)
    assert.ok(insurer?.resourceType === 'Organization')
    assert.deepEqual(
      insurer.identifier.map((i) => [i.system, i.value]),
      [[CONTEXT.identifierSystems.payerId, 'HARMONY']]
    )
  })

  test('the care team names the servicing provider with its X12 entity code SJ (service provider)', () => {
    const claim = claimOf(bundleOf())
    assert.deepEqual(claim.careTeam.map((c) => c.role.coding), [[{ system: 'https://codesystem.x12.org/005010/98', code: 'SJ', display: 'Service Provider' }]])
  })

  test('the requestor: typed 1P (provider), its ZIP code and phone as the plan knows them, the submitter as its named contact', () => {
    const b = bundleOf({}, KNOWN_REQUESTOR)
    const requestor = resourceAt(b, claimOf(b).provider.reference)
    assert.ok(requestor?.resourceType === 'Organization')
    assert.deepEqual(requestor.type?.map((t) => t.coding), [[{ system: 'https://codesystem.x12.org/005010/98', code: '1P', display: 'Provider' }]])
    assert.deepEqual(requestor.address, [{ use: 'work', postalCode: '33602', country: 'US' }])
    assert.deepEqual(requestor.telecom, [{ system: 'phone', value: '8135550100', use: 'work' }])
    assert.deepEqual(requestor.contact, [
      {
        name: { family: 'Okafor', given: ['Grace'] },
        telecom: [
          { system: 'phone', value: '8135550143', use: 'work' },
          { system: 'fax', value: '8135550144', use: 'work' },
          { system: 'phone', value: '8135550142', use: 'work' },
          { system: 'email', value: 'grace.okafor@riverside.example', use: 'work' }
        ]
      }
    ])
    // a submitter known by one text; without what the plan knows, no address and no organisation phone (nothing invented)
    const other = bundleOf({}, { ...CONTEXT, submitter: { name: { text: 'Grace Okafor' }, phone: '(813) 555-0143' as PhoneNumber } })
    const r = resourceAt(other, claimOf(other).provider.reference)
    assert.ok(r?.resourceType === 'Organization')
    assert.deepEqual(r.contact?.[0]?.name, { text: 'Grace Okafor' })
    assert.equal(r.contact?.[0]?.telecom.length, 2, 'the same phone is not given twice')
    assert.equal(r.address, undefined)
    assert.equal(r.telecom, undefined)
  })

  test('the presets name the Claim identifier as PAS asks (urn:trnorg:<TRN03>), and the Payer ID system', () => {
    const harmony = harmonyPolicies
    assert.match(harmony.identifierSystems.reference, /^urn:trnorg:[139][A-Za-z0-9]{9}$/)
    assert.match(harmony.identifierSystems.payerId, /^https:\/\//)
  })

  test('property: the Bundle of any valid request (the testkit arbitraries) passes both validators, the PAS rules and the FSH profiles', () => {
    const now = DateTime.fromISO('2026-11-22T09:41:00', { zone: 'America/New_York' })
    const requests = validPriorAuthorizationPolicies().chain((policies) =>
      fc.tuple(fc.constant(policies), validReadyToSubmit(policies, now), fc.stringMatching(/^[A-Z0-9]{8}$/), fc.option(fc.constant(GRACE), { nil: undefined }))
    )
    let runs = 0
    fc.assert(
      fc.property(requests, ([policies, ready, symbols, submitter]) => {
        const submitted = submit(ready, referenceOf(policies.referencePrefix, symbols), now, policies.zone, sampleSubmitter(ready.accountId))
        assert.ok(E.isRight(submitted))
        // the attachment store's bytes: any of the right size (the builder carries them, it does not check their hash)
        const attachmentContent = new Map(ready.clinicals.attachments.map((a) => [a.sha256, Uint8Array.from({ length: a.size }, (_, i) => i % 251)]))
        const context: FhirContext = {
          payer: policies.payer,
          identifierSystems: policies.identifierSystems,
          submitter,
          requestingOrganization: { postalCode: '33602' },
          attachmentContent
        }
        const bundle = toPasRequestBundle(submitted.right, context)
        runs++
        assert.deepEqual(independentErrors(bundle), [])
        assert.deepEqual(
          pasRuleBreaks(bundle).filter((r) => submitter !== undefined || r !== 'requestor has no named contact with telecom'),
          []
        )
        assert.deepEqual(checkBundle(bundle).filter((r) => r.outcome === 'fail').map(formatReport), [])
      }),
      { numRuns: 50 }
    )
    assert.equal(runs, 50)
  })

  test('control: the independent validators and the PAS rules reject a deliberately broken Bundle', () => {
    const broken = asJson(bundleOf({}, KNOWN_REQUESTOR))
    broken.entry[0].resource.status = 'finished' // not a FinancialResourceStatusCodes code
    broken.entry[0].resource.created = 'yesterday' // not a dateTime
    broken.entry[1].resource.gender = 'F' // not an AdministrativeGender code
    broken.entry[0].resource.item[0].quantity.value = 'six' // not a decimal
    delete broken.entry[3].resource.identifier[0].system
    delete broken.entry[0].resource.careTeam[0].role
    const schema = jsonSchemaErrors(broken)
    assert.ok(schema.length > 0, 'the R4 JSON Schema rejects it')
    const fhirjs = fhirJsValidation(broken)
    assert.equal(fhirjs.valid, false, 'FHIR.js rejects it')
    const locations = fhirjs.messages.filter((m) => m.severity === 'error').map((m) => m.location)
    for (const l of ['Claim.status', 'Claim.created', 'Patient.gender']) assert.ok(locations.includes(l), `FHIR.js names ${l}: ${JSON.stringify(locations)}`)
    assert.deepEqual(pasRuleBreaks(broken), [
      '.entry[3].resource.identifier[0] has no system (PAS Identifier: system 1..1, value 1..1)',
      'Claim.careTeam[0] has no X12 entity code (list 98) as its role'
    ])
    // and each validator alone catches what it checks: a valid-looking Bundle with an unknown element fails the schema
    const extra = asJson(bundleOf())
    extra.entry[0].resource.servicedOn = '2026-12-01'
    assert.ok(jsonSchemaErrors(extra).length > 0, 'the JSON Schema refuses an element R4 does not define')
  })
})

describe('PAS request Bundle: what attachments are, and typed text too long for an X12 message', () => {
  test('a document kind from media type and file name: an X-ray image, a PDF evaluation, typed notes…', () => {
    const cases: ReadonlyArray<readonly [string, string, keyof typeof DOCUMENT_KINDS]> = [
      ['lumbar-xray-2026-11-02.png', 'image/png', 'imagingStudy'],
      ['Lumbar X-Ray.JPG', 'image/jpeg', 'imagingStudy'],
      ['mri_lumbar.tiff', 'image/tiff', 'imagingStudy'],
      ['wound-photo.jpg', 'image/jpeg', 'photograph'],
      ['radiology-report.pdf', 'application/pdf', 'imagingReport'],
      ['lab-results.pdf', 'application/pdf', 'laboratoryReport'],
      ['progress-note-3.txt', 'text/plain', 'progressNote'],
      ['plan-of-care.pdf', 'application/pdf', 'planOfCare'],
      ['pt-evaluation-maria.pdf', 'application/pdf', 'evaluation'],
      ['initial_assessment.pdf', 'application/pdf', 'evaluation'],
      ['referral-letter.pdf', 'application/pdf', 'referral'],
      ['scan0001.pdf', 'application/pdf', 'clinicalNote'],
      ['notes.pdf', 'application/pdf', 'clinicalNote'],
      ['document.txt', 'text/plain', 'clinicalNote'],
      ['ctx-prelabel.pdf', 'application/pdf', 'clinicalNote']
    ]
    for (const [fileName, mediaType, kind] of cases) assert.equal(documentKindOf({ fileName, mediaType }), DOCUMENT_KINDS[kind], `${fileName} (${mediaType}) is ${kind}`)
    // a hostile name is read in bounded time and gives the default
    const started = process.hrtime.bigint()
    assert.equal(documentKindOf({ fileName: `${'a-'.repeat(500_000)}.pdf`, mediaType: 'application/pdf' }), DOCUMENT_KINDS.clinicalNote)
    assert.ok(process.hrtime.bigint() - started < 100_000_000n, 'under 100 ms')
  })

  test("each attachment's DocumentReference type and report type say what it is", () => {
    const evaluation = attachmentOf('pt-evaluation-maria.pdf', 'application/pdf', PDF_BYTES)
    const xray = attachmentOf('lumbar-xray-2026-11-02.png', 'image/png', IMAGING_BYTES)
    const b = bundleOf({ attachments: [evaluation, xray] })
    const claim = claimOf(b)
    const shown = (claim.supportingInfo ?? [])
      .filter((s) => s.valueReference !== undefined)
      .map((s) => {
        const doc = resourceAt(b, s.valueReference?.reference ?? '')
        const report = s.extension?.[0]?.extension?.find((e) => e.url === 'reportTypeCode')?.valueCodeableConcept?.coding[0]
        return [doc?.resourceType === 'DocumentReference' ? doc.type.coding[0]?.code : undefined, report?.code]
      })
    assert.deepEqual(shown, [
      ['51848-0', '06'],
      ['18748-4', 'RB']
    ])
  })

  test(`typed text of up to ${X12_MESSAGE_TEXT_MAX} characters is the message; longer travels whole as a text document, never cut`, () => {
    const fits = 'é'.repeat(X12_MESSAGE_TEXT_MAX) // 264 characters, 528 bytes: characters are what count
    const asMessage = claimOf(bundleOf({ clinicalText: fits }))
    assert.deepEqual(asMessage.supportingInfo?.filter((s) => s.valueString !== undefined).map((s) => s.valueString), [fits])
    for (const text of [`${fits}.`, `Low back pain.\n${'Range of motion limited on flexion; '.repeat(110)}End.`]) {
      const b = bundleOf({ clinicalText: text, attachments: [] })
      const claim = claimOf(b)
      assert.deepEqual(claim.supportingInfo?.filter((s) => s.valueString !== undefined), [], 'no message text, cut or whole')
      const infos = claim.supportingInfo ?? []
      assert.equal(infos.length, 1)
      const doc = resourceAt(b, infos[0]?.valueReference?.reference ?? '')
      assert.ok(doc?.resourceType === 'DocumentReference')
      const attachment = doc.content[0]?.attachment
      assert.equal(attachment?.contentType, TYPED_CLINICALS_DOCUMENT.mediaType)
      assert.equal(Buffer.from(attachment?.data ?? '', 'base64').toString('utf8'), text, 'the whole text')
      assert.equal(attachment?.size, Buffer.byteLength(text, 'utf8'))
      assert.deepEqual(doc.type.coding, [DOCUMENT_KINDS.clinicalNote.type])
      assert.equal(infos[0]?.extension?.[0]?.extension?.[0]?.valueCodeableConcept?.coding[0]?.code, 'M1')
      assert.deepEqual(claim.item[0]?.informationSequence, [1])
    }
    // text a FHIR string cannot carry (a form feed, a no-break space pasted from a word processor) also travels whole as a document
    for (const text of ['Page one.\fPage two.', 'Pain 6/10\u00a0on standing.']) {
      const b = bundleOf({ clinicalText: text, attachments: [] })
      const info = claimOf(b).supportingInfo ?? []
      assert.deepEqual(info.map((s) => s.valueString), [undefined])
      const doc = resourceAt(b, info[0]?.valueReference?.reference ?? '')
      assert.ok(doc?.resourceType === 'DocumentReference')
      assert.equal(Buffer.from(doc.content[0]?.attachment.data ?? '', 'base64').toString('utf8'), text)
      assert.deepEqual(independentErrors(b), [])
    }
    // names from the directories are carried with such characters as spaces, so the Bundle stays valid
    const odd = bundleOf({ servicingProvider: { name: 'Tampa\u000bBay\u00a0PT' } })
    assert.equal(resourceAt(odd, claimOf(odd).careTeam[0]?.provider.reference ?? '')?.resourceType === 'Organization' && (resourceAt(odd, claimOf(odd).careTeam[0]?.provider.reference ?? '') as { name: string }).name, 'Tampa Bay PT')
    assert.deepEqual(independentErrors(odd), [])
    // with attachments, the text document comes after them
    const both = claimOf(bundleOf({ clinicalText: `${fits}!` }))
    assert.deepEqual(both.supportingInfo?.map((s) => s.sequence), [1, 2, 3])
    assert.ok(both.supportingInfo?.every((s) => s.valueReference !== undefined))
  })
})

describe('PAS request Bundle: edges', () => {
  test('content of any length is base64 as Buffer writes it; a hash that is not SHA-256 hex is not an identifier', () => {
    const contents = [1, 2, 3, 4, 5, 64, 1000].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) % 256))
    const refs = contents.map((c, i) => attachmentOf(`f${i}.bin`, 'application/pdf', c))
    const odd = { fileName: 'odd.pdf', mediaType: 'application/pdf', size: 3, sha256: 'not-a-hash' }
    const bundle = bundleOf({ attachments: [...refs, odd] }, { ...CONTEXT, attachmentContent: new Map(refs.map((r, i) => [r.sha256, contents[i] as Uint8Array])) })
    const docs = bundle.entry.flatMap((e) => (e.resource.resourceType === 'DocumentReference' ? [e.resource] : []))
    assert.equal(docs.length, refs.length + 1)
    contents.forEach((c, i) => assert.equal(docs[i]?.content[0]?.attachment.data, Buffer.from(c).toString('base64')))
    assert.equal(docs[refs.length]?.masterIdentifier, undefined)
    assert.equal(docs[refs.length]?.content[0]?.attachment.data, undefined)
  })

  test('a request without clinicals (not one the wizard lets through) has no supporting information', () => {
    const claim = claimOf(bundleOf({ attachments: [], clinicalText: null }))
    assert.equal(claim.supportingInfo, undefined)
    assert.ok(claim.item.every((i) => i.informationSequence === undefined))
  })
})

describe('PAS request Bundle: pure and deterministic', () => {
  test('same request, same JSON; no clock and no randomness are read', () => {
    const request = submittedRequest({ denialReason: 'Not documented.' })
    const first = JSON.stringify(toPasRequestBundle(request, CONTEXT))
    const [now, random] = [Date.now, Math.random]
    try {
      Date.now = () => assert.fail('Date.now was read')
      Math.random = () => assert.fail('Math.random was read')
      assert.equal(JSON.stringify(toPasRequestBundle(request, CONTEXT)), first)
    } finally {
      Date.now = now
      Math.random = random
    }
    assert.deepEqual(JSON.parse(first), asJson(toPasRequestBundle(request, CONTEXT)), 'plain JSON')
  })

  test('property: full URLs depend on the request id only, and differ between requests', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const x = bundleOf({ id: a })
        const y = bundleOf({ id: a, clinicalText: 'something else', visits: 3 })
        assert.deepEqual(
          x.entry.map((e) => e.fullUrl),
          y.entry.map((e) => e.fullUrl)
        )
        if (a !== b) {
          const z = bundleOf({ id: b })
          const shared = z.entry.map((e) => e.fullUrl).filter((u) => x.entry.some((e) => e.fullUrl === u))
          assert.deepEqual(shared, [])
        }
      }),
      { numRuns: 50 }
    )
  })

  test('name-based UUIDs are RFC 9562 version 5 (test vector, and against node:crypto SHA-1)', () => {
    assert.equal(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2')
    const reference = (namespace: string, name: string): string => {
      const digest = createHash('sha1')
        .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
        .update(Buffer.from(name, 'utf8'))
        .digest()
        .subarray(0, 16)
      digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50
      digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80
      const h = digest.toString('hex')
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    }
    fc.assert(
      fc.property(fc.uuid(), fc.string({ unit: 'grapheme', maxLength: 200 }), (ns, name) => assert.equal(nameBasedUuid(ns, name), reference(ns, name))),
      { numRuns: 300 }
    )
  })
})
