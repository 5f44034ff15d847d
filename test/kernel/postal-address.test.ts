/**
 * US postal addresses (src/kernel/postal-address.ts): validating a whole
 * address collects every error, each naming its field under the given
 * prefix; lines are bounded and their blanks collapsed; states are USPS
 * abbreviations in any case; the one-line hint and the envelope lines.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../../src/kernel/errors'
import { addressLines, formatAddress, parseAddressLine, parseStateCode, PostalAddress, STATE_CODES, validatePostalAddress } from '../../src/kernel/postal-address'
import { anyInput } from '../../src/testkit'

const errorsOf = (r: E.Either<ReadonlyArray<DomainError>, unknown>): ReadonlyArray<readonly [string, string | undefined]> =>
  E.isLeft(r) ? r.left.map((e) => [e.code, e.field] as const) : []

const word = fc.stringMatching(/^[A-Z][a-z]{1,10}$/)
const line = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.array(word, { minLength: 1, maxLength: 3 })).map(([n, ws]) => `${n} ${ws.join(' ')}`)
const zip = fc.tuple(fc.stringMatching(/^\d{5}$/).filter((z) => z !== '00000'), fc.option(fc.stringMatching(/^\d{4}$/).filter((z) => z !== '0000'), { nil: undefined }))
const validForm = fc.record({
  line1: line,
  line2: fc.option(fc.constantFrom('Suite 2', 'Apt 4B', 'Floor 3'), { nil: undefined }),
  city: fc.array(word, { minLength: 1, maxLength: 2 }).map((ws) => ws.join(' ')),
  state: fc.constantFrom(...STATE_CODES),
  zip
})

const SAINT_PAUL = { line1: '1 Main St', line2: 'Suite 2', city: 'Saint Paul', state: 'MN', zipCode: '55101' }

describe('validatePostalAddress', () => {
  test('a valid address: lines trimmed with blanks collapsed, state upper-cased, ZIP in its canonical form', () => {
    fc.assert(
      fc.property(validForm, fc.boolean(), ({ line1, line2, city, state, zip: [five, four] }, lower) => {
        const r = validatePostalAddress({ line1: `  ${line1.replace(' ', '   ')} `, line2, city, state: lower ? state.toLowerCase() : state, zipCode: four === undefined ? five : `${five}${four}` })
        assert.ok(E.isRight(r), JSON.stringify(r))
        assert.deepEqual(r.right, { line1, line2: line2 ?? null, city, state, zipCode: four === undefined ? five : `${five}-${four}` })
      })
    )
  })

  test('collects every error, each naming its field under the prefix', () => {
    assert.deepEqual(errorsOf(validatePostalAddress({ line1: ' ', line2: 'x'.repeat(101), city: '', state: 'XX', zipCode: '5510' }, 'address')), [
      ['field.required', 'address.line1'],
      ['field.too-long', 'address.line2'],
      ['field.required', 'address.city'],
      ['field.invalid', 'address.state'],
      ['field.invalid', 'address.zipCode']
    ])
    assert.deepEqual(errorsOf(validatePostalAddress({})), [
      ['field.required', 'line1'],
      ['field.required', 'city'],
      ['field.required', 'state'],
      ['field.required', 'zipCode']
    ])
  })

  test('any subset of fields broken: exactly one error for each, none for the others', () => {
    const breakers: Readonly<Record<string, unknown>> = { line1: '', line2: 'y'.repeat(120), city: 42, state: 'Minnesota', zipCode: '00000' }
    fc.assert(
      fc.property(validForm, fc.subarray(Object.keys(breakers), { minLength: 1 }), ({ line1, line2, city, state, zip: [five] }, broken) => {
        const form = { line1, line2, city, state, zipCode: five, ...Object.fromEntries(broken.map((k) => [k, breakers[k]])) }
        const r = validatePostalAddress(form, 'providers[3].address')
        assert.deepEqual(errorsOf(r).map(([, f]) => f), ['line1', 'line2', 'city', 'state', 'zipCode'].filter((k) => broken.includes(k)).map((k) => `providers[3].address.${k}`))
      })
    )
  })

  test('any input: a typed Either, never a throw; at most one error per field, each naming one', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.record({ line1: anyInput, line2: anyInput, city: anyInput, state: anyInput, zipCode: anyInput }, { requiredKeys: [] })), (input) => {
        const r = validatePostalAddress(input, 'address')
        if (E.isRight(r)) return
        const fields = r.left.map((e) => e.field)
        assert.ok(fields.length <= 5 && new Set(fields).size === fields.length, JSON.stringify(r.left))
        for (const f of fields) assert.match(f ?? '', /^address(\.(line1|line2|city|state|zipCode))?$/)
      })
    )
  })
})

describe('address lines and states', () => {
  test('a line of at most 100 characters once its blanks are collapsed; longer is field.too-long; past 256 typed, text.too-long before anything else', () => {
    assert.deepEqual(parseAddressLine(`1 ${' '.repeat(150)}Main St`, 'line1'), E.right('1 Main St'))
    assert.deepEqual(E.isRight(parseAddressLine('x'.repeat(100), 'line1')), true)
    const long = parseAddressLine('x'.repeat(101), 'line1')
    assert.ok(E.isLeft(long))
    assert.deepEqual([long.left.code, (long.left as DomainError & { maximum: number }).maximum], ['field.too-long', 100])
    const huge = parseAddressLine('x'.repeat(257), 'line1')
    assert.equal(E.isLeft(huge) && huge.left.code, 'text.too-long')
  })

  test('every USPS abbreviation in any letter case; nothing else', () => {
    for (const s of STATE_CODES) for (const typed of [s, s.toLowerCase(), ` ${s[0]}${s[1]?.toLowerCase()} `]) assert.deepEqual(parseStateCode(typed), E.right(s))
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }).filter((s) => !STATE_CODES.includes(s.trim().toUpperCase()) && s.trim() !== ''), (s) => {
        assert.deepEqual(errorsOf(E.mapLeft((e: DomainError) => [e])(parseStateCode(s))), [['field.invalid', 'state']])
      })
    )
    assert.equal(new Set(STATE_CODES).size, STATE_CODES.length)
  })
})

describe('formatAddress and addressLines', () => {
  const address = (a: Readonly<Record<string, unknown>>): PostalAddress => {
    const r = validatePostalAddress(a)
    assert.ok(E.isRight(r))
    return r.right
  }

  test('the hint on one line, and the envelope lines, with and without a second line', () => {
    assert.equal(formatAddress(address(SAINT_PAUL)), '1 Main St, Suite 2, Saint Paul, MN 55101')
    assert.equal(formatAddress(address({ ...SAINT_PAUL, line2: null })), '1 Main St, Saint Paul, MN 55101')
    assert.deepEqual(addressLines(address(SAINT_PAUL)), ['1 Main St', 'Suite 2', 'Saint Paul MN 55101'])
    assert.deepEqual(addressLines(address({ ...SAINT_PAUL, line2: null })), ['1 Main St', 'Saint Paul MN 55101'])
  })

  test('every part of any valid address appears, in order, on the hint and the envelope', () => {
    fc.assert(
      fc.property(validForm, ({ line1, line2, city, state, zip: [five] }) => {
        const a = address({ line1, line2: line2 ?? null, city, state, zipCode: five })
        const parts = [a.line1, ...(a.line2 === null ? [] : [a.line2]), a.city, a.state, a.zipCode]
        const hint = formatAddress(a)
        let from = 0
        for (const p of parts) {
          const i = hint.indexOf(p, from)
          assert.ok(i >= from, `${p} not in order in ${hint}`)
          from = i + p.length
        }
        const lines = addressLines(a)
        assert.equal(lines.length, a.line2 === null ? 2 : 3)
        assert.equal(lines.at(-1), `${a.city} ${a.state} ${a.zipCode}`)
      })
    )
  })
})
