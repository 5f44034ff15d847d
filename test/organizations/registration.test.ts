/**
 * HealthPartners' self registration (src/organizations/registration/flow.ts
 * and its workflow): step 4's three provider paths, each with its required
 * and forbidden fields, every error collected; the billing organisation's
 * name and Tax ID; the provider selected must be a candidate; the contact is
 * the person's own name, not the doctor's or the facility's. Then the
 * workflow's forms through the portal: every error of the account and
 * "provider not listed" forms, named after the form's own fields.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../../src/kernel/errors'
import type { EmailAddress } from '../../src/kernel/email'
import type { PersonName } from '../../src/kernel/person'
import type { ProviderId } from '../../src/kernel/identifiers'
import { healthpartners } from '../../src'
import type { Contact } from '../../src/organizations'
import {
  ensurePersonsOwnName,
  PROVIDER_PATHS,
  ProviderCandidate,
  ProviderPath,
  validateBillingOrganisation,
  validateProviderPath,
  validateSelection
} from '../../src/organizations/registration/flow'
import { validNpi, validPersonName, validTaxId } from '../../src/testkit'
import { codesOf, healthPartnersHarness, LAKES, PASSPHRASE } from '../support/healthpartners-harness'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const errorsOf = (r: E.Either<ReadonlyArray<DomainError>, unknown>): ReadonlyArray<readonly [string, string | undefined]> =>
  E.isLeft(r) ? r.left.map((e) => [e.code, e.field] as const) : []

const checkNumber = fc.stringMatching(/^\d{6,12}$/)
const vendorNumber = fc.stringMatching(/^[A-Z0-9]{4,12}$/)
/** What a person leaves in a field they do not use: nothing, null, or blanks. */
const blank = fc.constantFrom(undefined, null, '', '   ')
/** Something typed where the path wants nothing. */
const typed = fc.constantFrom('1234567893', 'V1001', '100200300', 'x')

/** What each path asks for (required) and what it must not be given (forbidden). */
const FIELDS_OF: Readonly<Record<ProviderPath, { readonly required: ReadonlyArray<string>; readonly forbidden: ReadonlyArray<string> }>> = {
  'tax-id-npi': { required: ['taxId', 'npi', 'checkNumber'], forbidden: ['vendorNumber'] },
  'tax-id-vendor': { required: ['taxId', 'vendorNumber', 'checkNumber'], forbidden: ['npi'] },
  'us-mail': { required: ['taxId'], forbidden: ['checkNumber'] }
}

/** A valid form of a path, every field it uses filled, the others blank. */
const validForm = (path: ProviderPath) =>
  fc.record({ taxId: validTaxId, npi: validNpi, vendorNumber, checkNumber, blank, usMailBy: fc.constantFrom('npi' as const, 'vendorNumber' as const) }).map((v) => ({
    path,
    taxId: v.taxId,
    npi: path === 'tax-id-npi' || (path === 'us-mail' && v.usMailBy === 'npi') ? v.npi : v.blank,
    vendorNumber: path === 'tax-id-vendor' || (path === 'us-mail' && v.usMailBy === 'vendorNumber') ? v.vendorNumber : v.blank,
    checkNumber: path === 'us-mail' ? v.blank : v.checkNumber
  }))

const person = (firstName: string, lastName: string): Contact => ({ firstName: firstName as PersonName, lastName: lastName as PersonName, email: 'ada@lakes.example' as EmailAddress, phone: null })

// -------------------------------------------------------------------------------------
// step 4: the provider's path
// -------------------------------------------------------------------------------------

describe('validateProviderPath: each path its required fields, and nothing it does not use', () => {
  for (const path of PROVIDER_PATHS) {
    test(`${path}: a complete form is valid, with the reference and check number it gives`, () => {
      fc.assert(
        fc.property(validForm(path), (form) => {
          const r = validateProviderPath(form)
          assert.ok(E.isRight(r), JSON.stringify([form, r]))
          assert.equal(r.right.path, path)
          assert.equal(r.right.taxId, (form.taxId as string).replace(/-/g, ''))
          const byNpi = typeof form.npi === 'string' && form.npi.trim() !== ''
          assert.deepEqual(r.right.reference, byNpi ? { npi: form.npi } : { vendorNumber: form.vendorNumber })
          assert.equal(r.right.checkNumber, path === 'us-mail' ? null : form.checkNumber)
        })
      )
    })

    test(`${path}: each required field left out is field.required naming it`, () => {
      fc.assert(
        fc.property(validForm(path), fc.constantFrom(...FIELDS_OF[path].required), blank, (form, field, nothing) => {
          // on the US Mail path the NPI and the vendor number are one choice: leaving out the one given asks for the NPI
          const emptied = path === 'us-mail' && field === 'taxId' ? { ...form, taxId: nothing } : { ...form, [field]: nothing }
          assert.deepEqual(errorsOf(validateProviderPath(emptied)), [['field.required', field]])
        })
      )
    })

    test(`${path}: a field the path does not use, typed in, is field.invalid naming it, "empty" expected`, () => {
      fc.assert(
        fc.property(validForm(path), fc.constantFrom(...FIELDS_OF[path].forbidden), typed, (form, field, value) => {
          const r = validateProviderPath({ ...form, [field]: value })
          assert.deepEqual(errorsOf(r), [['field.invalid', field]])
          assert.equal(E.isLeft(r) && (r.left[0] as DomainError & { expected: string }).expected, 'empty')
        })
      )
    })
  }

  test('us-mail: the NPI or the vendor number, not both; neither asks for the NPI', () => {
    const base = { path: 'us-mail', taxId: LAKES.taxId }
    assert.deepEqual(errorsOf(validateProviderPath({ ...base, npi: LAKES.npi, vendorNumber: LAKES.vendorNumber })), [['field.invalid', 'vendorNumber']])
    assert.deepEqual(errorsOf(validateProviderPath(base)), [['field.required', 'npi']])
    assert.ok(E.isRight(validateProviderPath({ ...base, vendorNumber: ' v1001 ' })))
  })

  test('collects every error: each field wrong is one error each, the forbidden field and the reference both', () => {
    assert.deepEqual(errorsOf(validateProviderPath({ path: 'tax-id-npi', taxId: '00-0000000', npi: '1234567890', vendorNumber: 'V1001', checkNumber: '12' })), [
      ['field.invalid', 'taxId'],
      ['field.invalid', 'npi'],
      ['field.invalid', 'vendorNumber'],
      ['field.invalid', 'checkNumber']
    ])
    assert.deepEqual(errorsOf(validateProviderPath({ path: 'tax-id-vendor', taxId: LAKES.taxId, npi: LAKES.npi, vendorNumber: '!', checkNumber: LAKES.vendorCheck })), [
      ['field.invalid', 'npi'],
      ['field.invalid', 'vendorNumber']
    ])
    assert.deepEqual(errorsOf(validateProviderPath({ path: 'us-mail', taxId: '', npi: 'abc', checkNumber: '100200300' })), [
      ['field.required', 'taxId'],
      ['field.invalid', 'npi'],
      ['field.invalid', 'checkNumber']
    ])
    assert.deepEqual(errorsOf(validateProviderPath({})), [
      ['field.required', 'path'],
      ['field.required', 'taxId'],
      ['field.required', 'checkNumber']
    ])
  })

  test('a path that is not one of the three is field.invalid naming it and the three', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !(PROVIDER_PATHS as ReadonlyArray<string>).includes(s.trim()) && s.trim() !== ''), (path) => {
        const r = validateProviderPath({ path, taxId: LAKES.taxId, npi: LAKES.npi, checkNumber: LAKES.check })
        assert.ok(E.isLeft(r))
        assert.deepEqual(r.left.map((e) => e.field), ['path'])
      })
    )
  })

  test('any input at all: a typed Either, never a throw, at most one error per field', () => {
    fc.assert(
      fc.property(fc.anything(), fc.record({ path: fc.oneof(fc.constantFrom(...PROVIDER_PATHS), fc.anything()), taxId: fc.anything(), npi: fc.anything(), vendorNumber: fc.anything(), checkNumber: fc.anything() }, { requiredKeys: [] }), (a, b) => {
        for (const input of [a, b]) {
          const r = validateProviderPath(input)
          if (E.isRight(r)) continue
          const fields = r.left.map((e) => e.field)
          assert.equal(new Set(fields).size, fields.length, JSON.stringify(r.left))
          for (const e of r.left) assert.ok(['path', 'taxId', 'npi', 'vendorNumber', 'checkNumber'].includes(e.field ?? ''), JSON.stringify(e))
        }
      })
    )
  })
})

// -------------------------------------------------------------------------------------
// billing step 4, provider step 5
// -------------------------------------------------------------------------------------

describe('validateBillingOrganisation and validateSelection', () => {
  test('the billing organisation: its full name and Tax ID, both errors collected', () => {
    assert.deepEqual(validateBillingOrganisation({ fullName: '  North   Star Billing ', taxId: '41-9876543' }), E.right({ fullName: 'North Star Billing', taxId: '419876543' }))
    assert.deepEqual(errorsOf(validateBillingOrganisation({ fullName: ' ', taxId: '12' })), [['field.required', 'fullName'], ['field.invalid', 'taxId']])
    assert.deepEqual(errorsOf(validateBillingOrganisation({ fullName: 'N'.repeat(101), taxId: '41-9876543' })), [['field.too-long', 'fullName']])
  })

  test('the provider selected must be one of the candidates listed; any other key, however well-formed, is field.invalid', () => {
    const candidates: ReadonlyArray<ProviderCandidate> = [
      { providerKey: 'LAKES01' as ProviderId, name: 'Lakes Family Clinic', addressHint: '1 Main St, Saint Paul, MN 55101' },
      { providerKey: 'LAKES02' as ProviderId, name: 'Lakes Family Clinic East', addressHint: null }
    ]
    const select = validateSelection(healthpartners.providerIdFormat, candidates)
    assert.deepEqual(select({ providerKey: 'LAKES02' }), E.right(candidates[1]))
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{5,12}$/).filter((k) => k !== 'LAKES01' && k !== 'LAKES02'), (key) => {
        assert.deepEqual(errorsOf(select({ providerKey: key })), [['field.invalid', 'providerKey']])
      })
    )
    assert.deepEqual(errorsOf(select({})), [['field.required', 'providerKey']])
    assert.deepEqual(errorsOf(validateSelection(healthpartners.providerIdFormat, [])({ providerKey: 'LAKES01' })), [['field.invalid', 'providerKey']])
  })
})

// -------------------------------------------------------------------------------------
// provider step 6: your name, not the doctor's or the facility's
// -------------------------------------------------------------------------------------

describe("ensurePersonsOwnName: the person's own name, not the doctor's or the facility's", () => {
  test('a contact named as the provider on file is refused on lastName, whatever the case, accents, blanks and punctuation', () => {
    for (const [first, last] of [
      ['Lakes Family', 'Clinic'],
      ['LAKES', 'family clinic'],
      ['Lakes-Family', 'Clinic.'],
      ['Låkes', 'Fämily  Clinic']
    ]) {
      const r = ensurePersonsOwnName(person(first as string, last as string), ['Lakes Family Clinic'])
      assert.ok(E.isLeft(r), `${first} ${last}`)
      assert.deepEqual([r.left.code, r.left.field], ['contact.not-a-person', 'lastName'])
    }
  })

  test('a last name that is the whole name on file is refused (a doctor "Olsen" registered as the person Olsen)', () => {
    assert.ok(E.isLeft(ensurePersonsOwnName(person('Dr', 'Olsen'), ['Olsen'])))
    assert.ok(E.isLeft(ensurePersonsOwnName(person('Ada', 'Olsen'), ['Lakes Family Clinic', 'OLSEN'])))
  })

  test('the names on file split across first and last name in any way are refused; any other person is accepted unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), { minLength: 2, maxLength: 4 }), fc.nat(), (words, at) => {
        const split = 1 + (at % (words.length - 1))
        const contact = person(words.slice(0, split).join(' '), words.slice(split).join(' '))
        assert.ok(E.isLeft(ensurePersonsOwnName(contact, [words.join(' ')])))
      })
    )
    fc.assert(
      fc.property(validPersonName, validPersonName, fc.array(fc.constantFrom('Lakes Family Clinic', 'Prairie Orthopedics', 'North Star Billing Services')), (first, last, names) => {
        const contact = person(first, last)
        const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
        fc.pre(!names.some((n) => fold(n) === fold(`${first} ${last}`) || fold(n) === fold(last)))
        assert.deepEqual(ensurePersonsOwnName(contact, names), E.right(contact))
      })
    )
  })

  test('no names on file: anyone is their own person', () => {
    assert.ok(E.isRight(ensurePersonsOwnName(person('Lakes Family', 'Clinic'), [])))
  })
})

// -------------------------------------------------------------------------------------
// the workflow's forms, through the portal
// -------------------------------------------------------------------------------------

describe('the registration forms report every error, named after their own fields', () => {
  const atAccountStep = async () => {
    const h = healthPartnersHarness()
    const reg = h.portal.organisationRegistration
    const flow = await reg.identifyProvider({ path: 'tax-id-npi', taxId: LAKES.taxId, npi: LAKES.npi, checkNumber: LAKES.check })
    assert.ok(E.isRight(flow))
    assert.ok(E.isRight(await reg.selectProvider(flow.right.flowId, { providerKey: LAKES.providerKey })))
    return { h, reg, flowId: flow.right.flowId }
  }

  test('account information: the password errors name password and confirmPassword (the form\u2019s own), and all of them are reported', async () => {
    const { h, reg, flowId } = await atAccountStep()
    assert.ok(E.isRight(await reg.contact(flowId, { firstName: 'Ada', lastName: 'Olsen', email: 'ada@lakes.example' })))
    const both = await reg.account(flowId, { username: 'AdaOlsen', password: 'password', confirmPassword: 'passw0rd' })
    assert.deepEqual(errorsOf(both), [['password.too-short', 'password'], ['password.blocklisted', 'password'], ['password.mismatch', 'confirmPassword']])
    const empty = await reg.account(flowId, { username: '' })
    assert.deepEqual(errorsOf(empty), [['field.required', 'username'], ['field.required', 'password'], ['field.required', 'confirmPassword']])
    // worded with the page's labels
    assert.ok(E.isLeft(empty))
    assert.deepEqual(empty.left.map((e) => h.portal.messageFor(e)), ['Please enter your username.', 'Please enter your password.', 'Please enter your password confirmation.'])
    assert.deepEqual(codesOf(await reg.account(flowId, { username: 'AdaOlsen', password: PASSPHRASE, confirmPassword: PASSPHRASE })), [])
  })

  test('"My provider is not listed": every error of the contact fields, with the organisation name and the details', async () => {
    const { reg, flowId } = await atAccountStep()
    const r = await reg.providerNotListed(flowId, { firstName: '', lastName: 'Olsen', email: 'ada@', phone: '12', organisationName: ' ', details: 'd'.repeat(1001) })
    assert.deepEqual(errorsOf(r), [
      ['field.required', 'firstName'],
      ['field.invalid', 'email'],
      ['field.invalid', 'phone'],
      ['field.required', 'organisationName'],
      ['field.too-long', 'details']
    ])
  })
})
