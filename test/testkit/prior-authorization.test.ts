/**
 * The testkit's prior-authorization arbitraries (src/testkit/prior-authorization.ts)
 * reach the variety they promise: both ways of naming a provider or a member,
 * every typing the validators accept, every media type with bytes that really
 * are of that type, both review-action families. (That every generated form
 * validates to its value is test/prior-authorization/request.test.ts.)
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { contentMatches, validateCodes, validateContacts, validateService } from '../../src/prior-authorization'
import { memberIdFormat, providerIdFormat } from '../../src/portals/harmony'
import {
  fileContentOf,
  RECOGNISED_MEDIA_TYPES,
  validClinicalsForm,
  validCodesForm,
  validContactsForm,
  validDeterminationForm,
  validMemberIdForm,
  validMemberLookupForm,
  validPriorAuthorizationPolicies,
  validReadyToSubmit,
  validRequestingProviderForm,
  validServiceForm,
  validServicingProviderForm
} from '../../src/testkit'

const TODAY = '2026-11-22'
const LIMITS = { maxVisits: 99, maxDaysBack: 0, maxDaysAhead: 180, maxDiagnoses: 12, maxProcedures: 10 }
const sample = <A>(arb: fc.Arbitrary<A>, n = 300): A[] => fc.sample(arb, { numRuns: n, seed: 20261122 })
const some = <A>(xs: ReadonlyArray<A>, p: (x: A) => boolean, what: string) => assert.ok(xs.some(p), `some ${what}`)

/** The signatures from the formats' specifications. */
const SIGNATURE: Readonly<Record<string, ReadonlyArray<ReadonlyArray<number>>>> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/tiff': [
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a]
  ]
}

describe('testkit: prior-authorization arbitraries reach their variety', () => {
  test('providers by NPI and by Provider ID, typed with spaces, dashes, lower case; servicing providers by name too', () => {
    const forms = sample(validRequestingProviderForm(providerIdFormat))
    some(forms, (f) => f.value.by === 'npi', 'NPIs')
    some(forms, (f) => f.value.by === 'provider-id', 'Provider IDs')
    some(forms, (f) => /[a-z]/.test(String(f.form.providerId)), 'lower-case typing')
    some(forms, (f) => /\S[- ]\S/.test(String(f.form.providerId)), 'inner spaces or dashes')
    some(forms, (f) => /^\s|\s$/.test(String(f.form.providerId)), 'blanks around')
    const servicing = sample(validServicingProviderForm(providerIdFormat))
    some(servicing, (f) => f.value.by === 'name', 'names')
    some(servicing, (f) => f.value.by !== 'name', 'keys')
  })

  test('members by Member ID and by name; names decomposed or with runs of spaces; every date format', () => {
    const byId = sample(validMemberIdForm(memberIdFormat), 100)
    assert.ok(byId.every((f) => f.value.by === 'member-id'))
    const byName = sample(validMemberLookupForm(TODAY))
    some(byName, (f) => String(f.form.firstName) !== String(f.form.firstName).normalize('NFC'), 'decomposed names')
    some(byName, (f) => /\s{2,}|\t/.test(String(f.form.lastName)), 'runs of white space')
    for (const shape of [/^\s*\d{4}-\d{2}-\d{2}\s*$/, /^\s*\d{2}-\d{2}-\d{4}\s*$/, /^\s*\d{2}\/\d{2}\/\d{4}\s*$/]) some(byName, (f) => shape.test(String(f.form.dateOfBirth)), `dates like ${shape}`)
  })

  test('services: visits as numbers and as digits, empty or typed priorities, the date range ends', () => {
    const forms = sample(validServiceForm(LIMITS, TODAY), 500)
    some(forms, (f) => typeof f.form.visits === 'number', 'numeric visits')
    some(forms, (f) => typeof f.form.visits === 'string' && /^\s*0/.test(f.form.visits), 'zero-padded visits')
    some(forms, (f) => f.form.priority === undefined || f.form.priority === null, 'empty priorities')
    some(forms, (f) => f.value.priority === 'expedited', 'expedited')
    some(forms, (f) => f.value.serviceDate === TODAY, 'today')
    some(forms, (f) => f.value.serviceDate === DateTime.fromISO(TODAY).plus({ days: 180 }).toISODate(), 'the last day')
    some(forms, (f) => f.value.visits === LIMITS.maxVisits, 'the most visits')
    assert.ok(forms.every((f) => E.isRight(validateService(LIMITS, TODAY)(f.form))))
  })

  test('codes: lists and strings, undotted and lower-case ICD-10-CM, all procedure systems, up to the maximum', () => {
    const forms = sample(validCodesForm(LIMITS), 500)
    some(forms, (f) => Array.isArray(f.form.diagnoses), 'arrays')
    some(forms, (f) => typeof f.form.diagnoses === 'string' && f.value.diagnoses.length > 1, 'strings of several codes')
    some(forms, (f) => JSON.stringify(f.form.diagnoses) !== JSON.stringify(f.value.diagnoses), 'typed differently from the canonical form')
    some(forms, (f) => f.value.procedures.some((p) => /^[A-V]/.test(p)), 'HCPCS')
    some(forms, (f) => f.value.procedures.some((p) => /T$/.test(p)), 'CPT Category III')
    some(forms, (f) => f.value.diagnoses.length === LIMITS.maxDiagnoses || f.value.diagnoses.length >= 8, 'long lists')
    assert.ok(forms.every((f) => E.isRight(validateCodes(LIMITS)(f.form))))
  })

  test('clinicals: every media type, bytes that really are that type (independent signature check), text only, files only, both', () => {
    const policies = { attachments: { mediaTypes: RECOGNISED_MEDIA_TYPES, maxBytes: 10 * 1024 * 1024, maxCount: 10 }, clinicalTextMaxLength: 4000 }
    const forms = sample(validClinicalsForm(policies), 300)
    const types = new Set(forms.flatMap((f) => f.value.uploads.map((u) => u.mediaType)))
    assert.deepEqual([...types].sort(), [...RECOGNISED_MEDIA_TYPES].sort())
    some(forms, (f) => f.value.uploads.length === 0, 'text only')
    some(forms, (f) => f.value.text === null, 'files only')
    some(forms, (f) => f.value.uploads.length > 0 && f.value.text !== null, 'both')
    for (const mediaType of RECOGNISED_MEDIA_TYPES)
      for (const bytes of sample(fileContentOf(mediaType, 64), 100)) {
        assert.ok(bytes.byteLength >= 1 && bytes.byteLength <= 64)
        assert.ok(contentMatches(mediaType, bytes))
        const sigs = SIGNATURE[mediaType]
        if (sigs !== undefined) assert.ok(sigs.some((s) => s.every((b, i) => bytes[i] === b)), `${mediaType} starts with its signature`)
        else assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes))
      }
  })

  test('contacts with and without the servicing fax; determinations of every action, with and without an authorization number', () => {
    const contacts = sample(validContactsForm())
    some(contacts, (c) => c.value.servicingFax === null, 'no servicing fax')
    some(contacts, (c) => c.value.servicingFax !== null, 'a servicing fax')
    assert.ok(contacts.every((c) => E.isRight(validateContacts(c.form))))
    const decisions = sample(validDeterminationForm(), 500)
    assert.equal(new Set(decisions.map((d) => d.value.reviewAction)).size, 6)
    some(decisions, (d) => d.value.authorizationNumber !== null, 'authorization numbers')
    some(decisions, (d) => d.value.reviewAction === 'A1' && d.value.reason !== null, 'approvals with a reason')
  })

  test('whole requests ready to submit, under varied policies', () => {
    const now = DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' })
    for (const p of sample(validPriorAuthorizationPolicies(), 20))
      for (const r of sample(validReadyToSubmit(p, now), 5)) {
        assert.equal(r.state, 'contacts')
        assert.equal(r.expiresAt, now.plus(p.draftLifetime).toISO())
        assert.ok(r.codes.diagnoses.length <= p.maxDiagnoses && r.codes.procedures.length <= p.maxProcedures)
        assert.ok(r.clinicals.attachments.length <= p.attachments.maxCount)
        assert.ok(r.clinicals.attachments.length > 0 || r.clinicals.text !== null)
      }
  })
})
