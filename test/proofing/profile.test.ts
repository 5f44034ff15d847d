/**
 * The HARP profile form (src/proofing/profile.ts): a profile typed any
 * accepted way validates to its canonical values; whatever subset of its
 * fields is wrong, every one of them is reported at once, each naming its
 * field (the address's as `homeAddress.<part>`), and no other; a blank SSN
 * leads to manual proofing, an SSN to remote proofing. What is kept
 * (`profileOnFile`) holds the SSN in no spelling, only its masked last four
 * and keyed hash. No input makes the form throw.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { isDomainError, ssnOnFile } from '../../src/kernel'
import { HarpProfile, profileOnFile, proofingIdentity, proofingPath, validateHarpProfile } from '../../src/proofing'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import { anyInput, typedDate, typedPhoneNumber, validDateOfBirth, validEmailAddress, validPersonName, validPhoneNumber } from '../../src/testkit'
import { ssnTyped, typedHomeAddress, validSsn } from './arbitraries'

const TODAY = '2026-11-22'
const validate = validateHarpProfile(TODAY)
const hasher = hmacKeyedHasher(new Uint8Array(32).fill(3) as HashKey)

/** A profile form as typed, and what it must validate to (the SSN as digits, or null). */
const typedProfile = fc
  .record({
    firstName: validPersonName,
    lastName: validPersonName,
    dateOfBirth: validDateOfBirth(TODAY),
    email: validEmailAddress,
    phone: validPhoneNumber,
    homeAddress: typedHomeAddress,
    ssn: fc.option(validSsn, { nil: null })
  })
  .chain((p) =>
    fc
      .record({
        dob: typedDate(p.dateOfBirth),
        phone: typedPhoneNumber(p.phone),
        ssn: p.ssn === null ? fc.constantFrom(undefined, null, '', '   ') : ssnTyped(p.ssn)
      })
      .map((typed) => ({ expected: p, form: { ...p, dateOfBirth: typed.dob, phone: typed.phone, ssn: typed.ssn } }))
  )

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${JSON.stringify(r.left)}`)
  return r.right
}

/** A wrong value for each field, and the errors (code@field) it must give. */
const WRONG = {
  firstName: fc.constantFrom<[unknown, string[]]>([undefined, ['field.required@firstName']], ['R2-D2', ['field.invalid@firstName']], ['x'.repeat(51), ['field.too-long@firstName']]),
  lastName: fc.constantFrom<[unknown, string[]]>([' ', ['field.required@lastName']], ['Smith!', ['field.invalid@lastName']]),
  dateOfBirth: fc.constantFrom<[unknown, string[]]>(['02-30-1990', ['date.not-a-date@dateOfBirth']], [TODAY, ['date.not-in-past@dateOfBirth']], ['01-01-1800', ['date.too-old@dateOfBirth']]),
  email: fc.constantFrom<[unknown, string[]]>(['ana.example.com', ['field.invalid@email']], [null, ['field.required@email']]),
  phone: fc.constantFrom<[unknown, string[]]>(['555-0134', ['field.invalid@phone']], ['', ['field.required@phone']]),
  homeAddress: fc.constantFrom<[unknown, string[]]>(
    [undefined, ['field.required@homeAddress.line1', 'field.required@homeAddress.city', 'field.required@homeAddress.state', 'field.required@homeAddress.zipCode']],
    [{ line1: '1 Main St', city: 'Boston', state: 'ZZ', zipCode: '0211' }, ['field.invalid@homeAddress.state', 'field.invalid@homeAddress.zipCode']],
    [{ line1: 'x'.repeat(101), city: 'Boston', state: 'MA', zipCode: '02118' }, ['field.too-long@homeAddress.line1']]
  ),
  ssn: fc.constantFrom<[unknown, string[]]>(
    ['666-12-3456', ['ssn.never-issued@ssn']],
    ['123-00-4567', ['ssn.never-issued@ssn']],
    ['123-45-0000', ['ssn.never-issued@ssn']],
    ['12-3456789', ['field.invalid@ssn']],
    [123456789, ['field.invalid@ssn']]
  )
}
type Field = keyof typeof WRONG
const FIELDS = Object.keys(WRONG) as Field[]

describe('validateHarpProfile', () => {
  test('a profile typed any accepted way validates to its canonical values; a blank SSN is none', () => {
    fc.assert(
      fc.property(typedProfile, ({ expected, form }) => {
        const p = right(validate(form))
        assert.deepEqual([p.firstName, p.lastName, p.dateOfBirth, p.email, p.phone, p.ssn], [expected.firstName, expected.lastName, expected.dateOfBirth, expected.email, expected.phone, expected.ssn])
        assert.deepEqual([p.homeAddress.line1, p.homeAddress.city, p.homeAddress.state, p.homeAddress.line2], [
          form.homeAddress.line1,
          form.homeAddress.city,
          form.homeAddress.state.toUpperCase(),
          form.homeAddress.line2 ?? null
        ])
      }),
      { numRuns: 300 }
    )
  })

  test('whatever fields are wrong, every one is reported at once, naming its field, and no other', () => {
    fc.assert(
      fc.property(typedProfile, fc.subarray(FIELDS, { minLength: 1 }), fc.record(WRONG), ({ form }, wrong, values) => {
        const bad: Record<string, unknown> = { ...form }
        const expected: string[] = []
        for (const f of wrong) {
          bad[f] = values[f][0]
          expected.push(...values[f][1])
        }
        const r = validate(bad)
        if (E.isRight(r)) assert.fail(`accepted ${JSON.stringify(bad)}`)
        assert.deepEqual(r.left.map((e) => `${e.code}@${e.field}`).sort(), expected.sort())
        for (const e of r.left) assert.ok(e.rule.startsWith(e.field as string), e.rule)
      }),
      { numRuns: 300 }
    )
  })

  test('an empty form (or none at all) is one error per required field, the SSN not among them', () => {
    const fields = ['firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'homeAddress.line1', 'homeAddress.city', 'homeAddress.state', 'homeAddress.zipCode']
    for (const empty of [{}, undefined, null, 42, 'profile', []]) {
      const r = validate(empty)
      if (E.isRight(r)) assert.fail('accepted')
      assert.deepEqual(r.left.map((e) => `${e.code}@${e.field}`), fields.map((f) => `field.required@${f}`))
    }
  })

  test('anything at all, as the form or as any field: an Either of domain errors, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.dictionary(fc.constantFrom('firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'homeAddress', 'ssn', '__proto__'), anyInput)), (input) => {
        const r = validate(input)
        if (E.isLeft(r)) for (const e of r.left) assert.ok(isDomainError(e))
      }),
      { numRuns: 300 }
    )
  })
})

describe('the profile as kept, and the path to proofing', () => {
  test('profileOnFile keeps every field but the SSN, which is only its masked last four and keyed hash: no spelling of the number is left', () => {
    fc.assert(
      fc.property(typedProfile, ({ form }) => {
        const p = right(validate(form))
        const kept = profileOnFile(hasher)(p)
        const { ssn: _dropped, ...rest } = p
        const { ssn, ...keptRest } = kept
        assert.deepEqual(keptRest, rest)
        if (p.ssn === null) return assert.equal(ssn, null)
        assert.deepEqual(ssn, ssnOnFile(hasher, p.ssn))
        // The SSN as kept, without its keyed hash (hex, which may hold any five digits by chance); every other field
        // equals the validated input above, which may share digits with the SSN by chance (a ZIP code 01005, an SSN 010-05-…).
        const json = JSON.stringify({ ...ssn, hash: undefined })
        const [a, g, s] = [p.ssn.slice(0, 3), p.ssn.slice(3, 5), p.ssn.slice(5)]
        for (const spelling of [p.ssn, `${a}-${g}-${s}`, `${a} ${g} ${s}`, `${a}${g}`, `${a}-${g}`]) assert.ok(!json.includes(spelling), spelling)
      }),
      { numRuns: 300 }
    )
  })

  test('an SSN leads to remote proofing with the identity to ask about; none, to manual proofing', () => {
    fc.assert(
      fc.property(typedProfile, ({ form }) => {
        const p: HarpProfile = right(validate(form))
        assert.equal(proofingPath(p), p.ssn === null ? 'manual' : 'remote')
        const identity = proofingIdentity(p)
        if (p.ssn === null) return assert.ok(O.isNone(identity))
        assert.deepEqual(identity, O.some({ firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, homeAddress: p.homeAddress, ssn: p.ssn }))
      })
    )
  })
})
