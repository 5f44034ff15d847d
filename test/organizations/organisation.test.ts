/**
 * Organisations (src/organizations/organisation.ts): the registration form
 * collects every error; registering keeps the Tax ID only as its hash and last
 * four digits and makes the registrant the first delegate; the registration
 * key tells a second registration of the same organisation apart; the refusal
 * never names the delegate.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import type { KeyedHash } from '../../src/ports/keyed-hasher'
import { providerIdFormat } from '../../src/portals/harmony'
import {
  alreadyRegistered,
  DEFAULT_APPLICATION,
  ensureNotRegistered,
  OrganisationId,
  registerOrganisation,
  RegisteredOrganisation,
  registrationKey,
  registrationKeyOf,
  validateOrganisationRegistration,
  ValidOrganisationRegistration
} from '../../src/organizations'
import { anyInput, validTaxId } from '../../src/testkit'
import { validOrganisation, ZONE } from './arbitraries'

const NOW = DateTime.fromISO('2026-12-02T09:00:00', { zone: ZONE })
const IDS = { organisationId: '11111111-1111-4111-8111-111111111111' as OrganisationId, accountId: '00000000-0000-4000-8000-000000000001' as AccountId }
const HASH = 'ef'.repeat(32) as KeyedHash
const validate = validateOrganisationRegistration(providerIdFormat)
const REGISTRANT = { firstName: 'Ada', lastName: 'Olsen', email: 'Ada.Olsen@Lakeside.example', phone: '(612) 555-0134' }

const valid = (input: unknown): ValidOrganisationRegistration => {
  const r = validate(input)
  assert.ok(E.isRight(r), E.isLeft(r) ? JSON.stringify(r.left) : '')
  return r.right
}
const register = (form: ValidOrganisationRegistration, hash = HASH): RegisteredOrganisation => {
  const r = registerOrganisation(NOW, IDS, { ...form, taxIdHash: hash })
  assert.ok(E.isRight(r))
  return r.right
}

describe('the registration form', () => {
  test('a provider: kind, full name, Tax ID as typed, the provider selected and the registrant, normalised', () => {
    assert.deepEqual(valid({ kind: 'provider', fullName: '  Lakeside   Family Clinic ', taxId: '41-1234567', providerKey: 'hp-12345', registrant: REGISTRANT }), {
      kind: 'provider',
      fullName: 'Lakeside Family Clinic',
      taxId: '411234567',
      providerKey: 'HP12345',
      registrant: { firstName: 'Ada', lastName: 'Olsen', email: 'Ada.Olsen@lakeside.example', phone: '6125550134' }
    })
  })

  test('a billing organisation selects no provider', () => {
    assert.equal(valid({ kind: 'billing', fullName: 'Northstar Billing', taxId: '411234567', registrant: REGISTRANT }).kind, 'billing')
    const r = validate({ kind: 'billing', fullName: 'Northstar Billing', taxId: '411234567', providerKey: 'HP12345', registrant: REGISTRANT })
    assert.deepEqual(E.isLeft(r) && r.left.map((e) => e.field), ['providerKey'])
  })

  test('every error is collected, each naming its field', () => {
    const r = validate({ kind: 'provider', fullName: 'x'.repeat(101), taxId: '00-0000000', registrant: { firstName: 'Ada' } })
    assert.deepEqual(E.isLeft(r) && r.left.map((e) => [e.field, e.code]), [
      ['fullName', 'field.too-long'],
      ['taxId', 'field.invalid'],
      ['providerKey', 'field.required'],
      ['registrant.lastName', 'field.required'],
      ['registrant.email', 'field.required']
    ])
    const kind = validate({ kind: 'payer', fullName: 'A', taxId: '411234567', providerKey: 'HP12345', registrant: REGISTRANT })
    assert.deepEqual(E.isLeft(kind) && kind.left.map((e) => [e.field, e.rule]), [['kind', 'kind must be provider or billing']])
  })

  test('any input at all gets a typed answer, never a throw, with a bounded number of errors', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = validate(input)
        if (E.isLeft(r)) assert.ok(r.left.length <= 8 && r.left.every((e) => typeof e.code === 'string' && typeof e.rule === 'string'))
      })
    )
  })
})

describe('registering', () => {
  test('the registrant is the first and only delegate, with the default application', () => {
    const org = register(valid({ kind: 'billing', fullName: 'Northstar Billing', taxId: '411234567', registrant: REGISTRANT }))
    assert.deepEqual(
      org.memberships.map((m) => [m.accountId, m.role, m.applications, m.emailKey]),
      [[IDS.accountId, 'delegate', [DEFAULT_APPLICATION], 'ada.olsen@lakeside.example']]
    )
    assert.deepEqual([org.id, org.registeredAt, org.version], [IDS.organisationId, '2026-12-02T09:00:00.000-06:00', 0])
  })

  test('the Tax ID is kept only as its keyed hash and its last four digits', () => {
    fc.assert(
      fc.property(validTaxId, (taxId) => {
        const org = register({ kind: 'billing', fullName: 'N' as never, taxId, registrant: valid({ kind: 'billing', fullName: 'N', taxId: '411234567', registrant: REGISTRANT }).registrant }, HASH)
        assert.deepEqual(org.taxId, { hash: HASH, last4: taxId.slice(-4) })
        assert.ok(!JSON.stringify(org).includes(taxId), 'the whole Tax ID is not stored')
      })
    )
  })

  test('an invalid instant is a typed error', () => {
    const r = registerOrganisation(DateTime.invalid('test'), IDS, { ...valid({ kind: 'billing', fullName: 'N', taxId: '411234567', registrant: REGISTRANT }), taxIdHash: HASH })
    assert.deepEqual(E.isLeft(r) && [r.left.code, r.left.field], ['date.not-a-date', 'now'])
  })
})

describe('an organisation registers once', () => {
  const provider = valid({ kind: 'provider', fullName: 'Lakeside Family Clinic', taxId: '411234567', providerKey: 'HP12345', registrant: REGISTRANT })

  test("the key is the kind, the Tax ID's hash and the provider selected; the organisation keeps the key it registered under", () => {
    const key = registrationKeyOf({ ...provider, taxIdHash: HASH })
    assert.equal(registrationKey(register(provider)), key)
    assert.notEqual(registrationKeyOf({ ...provider, taxIdHash: HASH, providerKey: 'HP99999' as never }), key, 'another provider under the same Tax ID')
    assert.notEqual(registrationKeyOf({ ...provider, taxIdHash: 'aa'.repeat(32) as KeyedHash }), key, 'another Tax ID')
    assert.notEqual(registrationKeyOf({ kind: 'billing', taxIdHash: HASH }), key, 'a billing organisation with the same Tax ID')
    fc.assert(fc.property(validOrganisation, (o) => assert.equal(registrationKey(o), registrationKeyOf({ ...o, taxIdHash: o.taxId.hash }))))
  })

  test('a second registration is refused, naming the Tax ID field and the rule to ask the delegate, never who the delegate is', () => {
    assert.deepEqual(ensureNotRegistered(null), E.right(undefined))
    fc.assert(
      fc.property(validOrganisation, (existing) => {
        const r = ensureNotRegistered(existing)
        assert.ok(E.isLeft(r))
        assert.deepEqual([r.left.code, r.left.field], ['organisation.already-registered', 'taxId'])
        assert.match(r.left.rule, /ask your organisation's delegate/)
        // The same refusal whoever holds the key: it cannot tell anything of them.
        assert.deepEqual(r.left, alreadyRegistered())
        const told = JSON.stringify(r.left)
        for (const m of existing.memberships) for (const v of [m.accountId, m.email, m.emailKey]) assert.ok(!told.includes(v), `the refusal names ${v}`)
        assert.deepEqual(Object.keys(r.left).sort(), ['code', 'field', 'rule'])
      })
    )
  })
})
