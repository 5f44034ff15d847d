/**
 * The help desk's replacement of a Security Official
 * (src/organizations/help-desk-request.ts): a complete request of the
 * guide's three blocks validates; an incomplete one says what is missing
 * block by block, each error's field under its block's name (whatever is
 * left out); group identifiers are refused where individual ones are asked;
 * the SSN is kept only as a hash and its last four digits; and a checked
 * request makes the requester a Security Official.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import { DomainError } from '../../src/kernel/errors'
import { Npi } from '../../src/kernel/npi'
import { TaxId } from '../../src/kernel/us-identifiers'
import type { KeyedHash } from '../../src/ports/keyed-hasher'
import type { Ptan } from '../../src/kernel/us-identifiers'
import {
  approveRoleRequest,
  connectFirstUser,
  ensureIndividualIdentifiers,
  errorsByBlock,
  HarpOrganisation,
  HELP_DESK_BLOCKS,
  helpDeskRequestOnFile,
  MAX_PRACTITIONERS,
  OrganisationId,
  replaceSecurityOfficial,
  requestRole,
  RoleRequestId,
  validateHelpDeskRequest,
  ValidHelpDeskRequest
} from '../../src/organizations'
import { ZONE } from './arbitraries'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const TODAY = '2026-12-02'
const NOW = DateTime.fromISO(`${TODAY}T09:00:00`, { zone: ZONE })
const validate = validateHelpDeskRequest(TODAY)
const address = { line1: '200 Lakeside Ave', city: 'Duluth', state: 'MN', zipCode: '55802' }

const practitioner = {
  firstName: 'Lena',
  lastName: 'Lee',
  legalBusinessName: 'Lakeside Family Medicine PLLC',
  billingTin: '41-1234567',
  renderingNpi: '1234567893',
  individualPtan: 'ab1234',
  address,
  phone: '(218) 555-0142'
}

/** Every block filled in, as typed. */
const complete = {
  yourInformation: {
    firstName: 'Maya',
    lastName: 'Ortiz',
    email: 'maya.ortiz@lakeside.example',
    ssn: '219-09-9999',
    dateOfBirth: '04-12-1980',
    homeAddress: { line1: '14 Birch St', city: 'Duluth', state: 'mn', zipCode: '55803' },
    primaryPhone: '218-555-0101'
  },
  businessContact: {
    companyName: 'Lakeside Family Medicine',
    address,
    companyPhone: '218-555-0100',
    officePhone: '218-555-0102'
  },
  professionalInformation: { practitioners: [practitioner] }
}

const YOUR_FIELDS = [
  'yourInformation.firstName', 'yourInformation.lastName', 'yourInformation.email', 'yourInformation.ssn', 'yourInformation.dateOfBirth',
  'yourInformation.homeAddress.line1', 'yourInformation.homeAddress.city', 'yourInformation.homeAddress.state', 'yourInformation.homeAddress.zipCode',
  'yourInformation.primaryPhone'
]
const BUSINESS_FIELDS = [
  'businessContact.companyName', 'businessContact.address.line1', 'businessContact.address.city', 'businessContact.address.state',
  'businessContact.address.zipCode', 'businessContact.companyPhone', 'businessContact.officePhone'
]
const practitionerFields = (i: number): ReadonlyArray<string> =>
  ['firstName', 'lastName', 'legalBusinessName', 'billingTin', 'renderingNpi', 'individualPtan', 'address.line1', 'address.city', 'address.state', 'address.zipCode', 'phone'].map(
    (f) => `professionalInformation.practitioners[${i}].${f}`
  )

const errorsOf = (input: unknown): ReadonlyArray<DomainError> => {
  const r = validate(input)
  return E.isLeft(r) ? r.left : []
}
const fieldsByBlock = (input: unknown) => {
  const by = errorsByBlock(errorsOf(input))
  return Object.fromEntries(HELP_DESK_BLOCKS.map((b) => [b, by[b].map((e) => e.field)]))
}
const valid = (): ValidHelpDeskRequest => {
  const r = validate(complete)
  if (E.isLeft(r)) assert.fail(JSON.stringify(r.left))
  return r.right
}

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

describe('a complete request', () => {
  test('validates, each identifier normalised', () => {
    const r = valid()
    assert.equal(r.yourInformation.ssn, '219099999')
    assert.equal(r.yourInformation.dateOfBirth, '1980-04-12')
    assert.equal(r.yourInformation.homeAddress.state, 'MN')
    const [p] = r.professionalInformation.practitioners
    assert.deepEqual([p.billingTin, p.renderingNpi, p.individualPtan, p.phone], ['411234567', '1234567893', 'AB1234', '2185550142'])
  })

  test('several practitioners may be given', () => {
    const r = validate({ ...complete, professionalInformation: { practitioners: [practitioner, { ...practitioner, firstName: 'Omar', renderingNpi: '1245319599' }] } })
    assert.ok(E.isRight(r))
    assert.equal(r.right.professionalInformation.practitioners.length, 2)
  })
})

describe('an incomplete request says what is missing, block by block', () => {
  test('nothing at all: every field of every block is required, each under its block', () => {
    for (const input of [{}, null, undefined, 'help']) {
      const errors = errorsOf(input)
      assert.ok(errors.every((e) => e.code === 'field.required'))
      assert.deepEqual(fieldsByBlock(input), {
        yourInformation: YOUR_FIELDS,
        businessContact: BUSINESS_FIELDS,
        professionalInformation: ['professionalInformation.practitioners']
      })
    }
  })

  test('one block left out: only that block has errors', () => {
    for (const block of HELP_DESK_BLOCKS) {
      const { [block]: _left, ...rest } = complete
      const by = fieldsByBlock(rest)
      for (const other of HELP_DESK_BLOCKS) assert.equal(by[other]?.length === 0, other !== block, `${block} left out: ${other} has ${by[other]?.join(', ')}`)
    }
  })

  test('the business contact without its office phone names exactly that field', () => {
    const { officePhone: _left, ...businessContact } = complete.businessContact
    const errors = errorsOf({ ...complete, businessContact })
    assert.deepEqual(errors.map((e) => [e.code, e.field]), [['field.required', 'businessContact.officePhone']])
  })

  test('a practitioner without a rendering NPI, and another with a wrong check digit, are named by position', () => {
    const { renderingNpi: _left, ...noNpi } = practitioner
    const errors = errorsOf({ ...complete, professionalInformation: { practitioners: [noNpi, { ...practitioner, renderingNpi: '1234567890' }] } })
    assert.deepEqual(errors.map((e) => [e.code, e.field]), [
      ['field.required', 'professionalInformation.practitioners[0].renderingNpi'],
      ['field.invalid', 'professionalInformation.practitioners[1].renderingNpi']
    ])
  })

  test('no practitioner, or more than the limit, is one error for the list', () => {
    assert.deepEqual(errorsOf({ ...complete, professionalInformation: { practitioners: [] } }).map((e) => [e.code, e.field]), [
      ['field.required', 'professionalInformation.practitioners']
    ])
    const many = Array.from({ length: MAX_PRACTITIONERS + 1 }, () => practitioner)
    assert.deepEqual(errorsOf({ ...complete, professionalInformation: { practitioners: many } }).map((e) => [e.code, e.field]), [
      ['list.too-long', 'professionalInformation.practitioners']
    ])
  })

  test('wrong values are named under their block too: an SSN never issued, a date of birth in the future, a PTAN too short', () => {
    const errors = errorsOf({
      ...complete,
      yourInformation: { ...complete.yourInformation, ssn: '666-12-3456', dateOfBirth: '01-01-2030' },
      professionalInformation: { practitioners: [{ ...practitioner, individualPtan: 'AB1' }] }
    })
    assert.deepEqual(errors.map((e) => [e.code, e.field]), [
      ['ssn.never-issued', 'yourInformation.ssn'],
      ['date.not-in-past', 'yourInformation.dateOfBirth'],
      ['field.invalid', 'professionalInformation.practitioners[0].individualPtan']
    ])
  })

  test('whatever is left out or broken, every error falls in one block, and the blocks hold them all', () => {
    const withHoles = fc
      .tuple(fc.subarray(YOUR_FIELDS.map((f) => f.split('.')[1] as string)), fc.subarray(Object.keys(complete.businessContact)), fc.subarray(Object.keys(practitioner)))
      .map(([you, business, prof]) => ({
        yourInformation: Object.fromEntries(Object.entries(complete.yourInformation).filter(([k]) => !you.includes(k))),
        businessContact: Object.fromEntries(Object.entries(complete.businessContact).filter(([k]) => !business.includes(k))),
        professionalInformation: { practitioners: [Object.fromEntries(Object.entries(practitioner).filter(([k]) => !prof.includes(k)))] }
      }))
    fc.assert(
      fc.property(fc.oneof(withHoles, fc.anything()), (input) => {
        const errors = errorsOf(input)
        const by = errorsByBlock(errors)
        assert.equal(HELP_DESK_BLOCKS.reduce((n, b) => n + by[b].length, 0), errors.length)
        for (const b of HELP_DESK_BLOCKS) for (const e of by[b]) assert.ok(e.field?.startsWith(`${b}.`) || e.field === b, `${e.field} in ${b}`)
      })
    )
  })

  test('a hostile form is an error, never a throw', () => {
    const throwing = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('trap') } })
    assert.deepEqual(errorsOf(throwing).map((e) => [e.code, e.field]), HELP_DESK_BLOCKS.map((b) => ['form.unreadable', b]))
    const getter = { ...complete, businessContact: Object.defineProperty({ ...complete.businessContact }, 'officePhone', { get: () => { throw new Error('no') }, enumerable: true }) }
    assert.deepEqual(errorsOf(getter).map((e) => [e.code, e.field]), [['form.unreadable', 'businessContact.officePhone']])
  })
})

describe('individual identifiers, never the group ones', () => {
  test("a group NPI or group PTAN the plan knows is refused, naming the practitioner's field", () => {
    const r = ensureIndividualIdentifiers(valid(), { npis: ['1234567893' as Npi], ptans: ['AB1234' as Ptan] })
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left.map((e) => [e.code, e.field, e.code === 'help-desk.group-identifier' && e.identifier]), [
      ['help-desk.group-identifier', 'professionalInformation.practitioners[0].renderingNpi', 'npi'],
      ['help-desk.group-identifier', 'professionalInformation.practitioners[0].individualPtan', 'ptan']
    ])
    assert.ok(E.isRight(ensureIndividualIdentifiers(valid(), { npis: ['1245319599' as Npi], ptans: ['GRP001' as Ptan] })))
  })
})

describe('the SSN as kept', () => {
  test('only its keyed hash and last four digits', () => {
    const hasher = { digest: (purpose: string, secret: string) => `${purpose}:${secret.length}`.padEnd(64, 'e') as KeyedHash }
    const kept = helpDeskRequestOnFile(valid(), hasher)
    assert.deepEqual(kept.yourInformation.ssn, { hash: hasher.digest('ssn', '219099999'), last4Masked: '***-**-9999' })
    assert.ok(!JSON.stringify(kept).includes('219099999'))
  })
})

// -------------------------------------------------------------------------------------
// the replacement
// -------------------------------------------------------------------------------------

describe('the help desk replaces a Security Official', () => {
  const [ADA, BO, MAYA] = [1, 2, 3].map((n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as AccountId) as [AccountId, AccountId, AccountId]
  const TIN_HASH = 'ab'.repeat(32) as KeyedHash
  const clinician = { npi: '1234567893' as Npi, ptan: 'AB1234' as Ptan }
  /** Ada is the Security Official, Bo a Staff User, Maya waits to be one. */
  const org = (): HarpOrganisation => {
    const founded = connectFirstUser(NOW, null, { organisationId: '11111111-1111-4111-8111-111111111111' as OrganisationId, accountId: ADA }, { type: 'practice', taxId: '411234567' as TaxId, taxIdHash: TIN_HASH }, clinician, [clinician])
    if (E.isLeft(founded)) assert.fail(founded.left.rule)
    const asked = requestRole(NOW, founded.right, '44444444-4444-4444-8444-000000000001' as RoleRequestId, BO, 'staff-user')
    if (E.isLeft(asked)) assert.fail(asked.left.rule)
    const bo = approveRoleRequest(NOW, asked.right, ADA, '44444444-4444-4444-8444-000000000001' as RoleRequestId)
    if (E.isLeft(bo)) assert.fail(bo.left.rule)
    const maya = requestRole(NOW, bo.right.organisation, '44444444-4444-4444-8444-000000000002' as RoleRequestId, MAYA, 'staff-user')
    if (E.isLeft(maya)) assert.fail(maya.left.rule)
    return maya.right
  }

  test('the requester becomes a Security Official in place of the one who left; their waiting request goes', () => {
    const r = replaceSecurityOfficial(NOW, org(), { requester: MAYA, request: valid(), billingTinHashes: [TIN_HASH], replacing: ADA })
    assert.ok(E.isRight(r))
    assert.deepEqual(r.right.connections.map((c) => [c.accountId, c.role, c.grant.by]), [[BO, 'staff-user', 'approval'], [MAYA, 'security-official', 'help-desk']])
    assert.deepEqual(r.right.pending, [])
  })

  test('a Staff User may be made a Security Official, keeping everyone', () => {
    const r = replaceSecurityOfficial(NOW, org(), { requester: BO, request: valid(), billingTinHashes: [TIN_HASH], replacing: null })
    assert.ok(E.isRight(r))
    assert.deepEqual(r.right.connections.map((c) => [c.accountId, c.role]), [[ADA, 'security-official'], [BO, 'security-official']])
  })

  test("refused when no practitioner bills under the organisation's Tax ID, or the one replaced is not its Security Official", () => {
    const codeOf = (r: E.Either<DomainError, unknown>) => (E.isLeft(r) ? [r.left.code, r.left.field] : ['ok'])
    assert.deepEqual(codeOf(replaceSecurityOfficial(NOW, org(), { requester: MAYA, request: valid(), billingTinHashes: ['cd'.repeat(32) as KeyedHash], replacing: ADA })), [
      'help-desk.organisation-not-matched',
      'professionalInformation.practitioners'
    ])
    assert.deepEqual(codeOf(replaceSecurityOfficial(NOW, org(), { requester: MAYA, request: valid(), billingTinHashes: [TIN_HASH], replacing: BO })), ['organisation.not-a-security-official', 'replacing'])
    assert.deepEqual(codeOf(replaceSecurityOfficial(NOW, org(), { requester: ADA, request: valid(), billingTinHashes: [TIN_HASH], replacing: ADA })), ['field.invalid', 'replacing'])
  })
})
