/**
 * The kernel's reader of outside input: forms, lists and text, read without
 * ever throwing, each own field once, nothing from a prototype.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { boundText, readForm, readList, validateForm } from '../../src/kernel/form'
import { requireText } from '../../src/kernel/validation'

const NAMES = ['username', 'password', 'constructor', 'toString', '__proto__'] as const

describe('readForm', () => {
  test('anything reads to a record of exactly the named fields, without a prototype, and never throws', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        const r = readForm(input, NAMES)
        assert.ok(E.isRight(r))
        assert.equal(Object.getPrototypeOf(r.right), null)
        assert.deepEqual(Reflect.ownKeys(r.right).sort(), [...NAMES].sort())
        for (const n of NAMES) {
          const own = typeof input === 'object' && input !== null && Object.prototype.hasOwnProperty.call(input, n)
          assert.equal(r.right[n], own ? (input as Record<string, unknown>)[n] : undefined)
        }
      })
    )
  })

  test('what is not an object reads as an empty form', () => {
    for (const input of [undefined, null, 0, 'username', Symbol('s'), true, 5n])
      assert.deepEqual({ ...(readForm(input, ['username']) as E.Right<object>).right }, { username: undefined })
  })

  test('inherited values, Object.prototype\u2019s methods and a __proto__ key are never fields', () => {
    const r = readForm(Object.create({ username: 'JaneDoe' }), ['username', 'toString', 'constructor', 'hasOwnProperty'])
    assert.ok(E.isRight(r))
    assert.deepEqual(Object.values(r.right), [undefined, undefined, undefined, undefined])
    const proto = readForm(JSON.parse('{"__proto__": {"username": "JaneDoe"}}'), ['username', '__proto__'])
    assert.ok(E.isRight(proto))
    assert.equal(proto.right.username, undefined)
    assert.deepEqual(proto.right.__proto__, { username: 'JaneDoe' })
  })

  test('each field is read once: a getter runs once; one that throws is form.unreadable naming the field (with its path)', () => {
    let reads = 0
    const form = Object.defineProperties({}, {
      username: { enumerable: true, get: () => { reads++; return 'JaneDoe' } },
      password: { enumerable: true, get: () => { throw new Error('no') } }
    })
    const r = readForm(form, ['username', 'password', 'email'], 'users[0]')
    assert.equal(reads, 1)
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left, [{ code: 'form.unreadable', field: 'users[0].password', rule: 'users[0].password must be a plain value that can be read' }])
  })

  test('a Proxy whose traps throw, and a revoked one, are unreadable field by field, never a throw', () => {
    const throwing = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('trap') }, get: () => { throw new Error('trap') } })
    const { proxy, revoke } = Proxy.revocable({ username: 'x' }, {})
    revoke()
    for (const input of [throwing, proxy]) {
      const r = readForm(input, ['username', 'password'])
      assert.ok(E.isLeft(r))
      assert.deepEqual(r.left.map((e) => [e.code, e.field]), [['form.unreadable', 'username'], ['form.unreadable', 'password']])
    }
  })

  test('validateForm hands the validator the plain record, never the caller\u2019s object', () => {
    const seen: unknown[] = []
    const caller = { username: 'JaneDoe' }
    const r = validateForm(['username'], (f) => { seen.push(f); return requireText(f.username, 'username') as never })(caller)
    assert.deepEqual(r, E.right('JaneDoe'))
    assert.notEqual(seen[0], caller)
  })
})

describe('readList and boundText', () => {
  test('an array within its limit reads as a plain copy; a non-array is null; over the limit is one list.too-long with the count, its entries unread', () => {
    assert.deepEqual(readList(['a', 'b'], 'codes', 2), E.right(['a', 'b']))
    assert.deepEqual(readList('a, b', 'codes', 2), E.right(null))
    let touched = false
    const big = new Proxy(new Array(1_000_000), { getOwnPropertyDescriptor: () => { touched = true; return undefined } })
    assert.deepEqual(readList(big, 'codes', 12, 'codes'), E.left({ code: 'list.too-long', field: 'codes', rule: 'codes may list at most 12 codes', maximum: 12, given: 1_000_000 }))
    assert.equal(touched, false)
    assert.deepEqual(readList(new Array(2 ** 32 - 1), 'codes', 12), E.left({ code: 'list.too-long', field: 'codes', rule: 'codes may list at most 12 entries', maximum: 12, given: 2 ** 32 - 1 }))
  })

  test('a list whose length or entries cannot be read is form.unreadable', () => {
    const { proxy, revoke } = Proxy.revocable([], {})
    revoke()
    assert.deepEqual(readList(proxy, 'users', 25), E.left({ code: 'form.unreadable', field: 'users', rule: 'users must be a plain value that can be read' }))
    const entries = new Proxy(['a', 'b'], { getOwnPropertyDescriptor: (t, k) => { if (k === '1') throw new Error('no'); return Reflect.getOwnPropertyDescriptor(t, k) } })
    assert.deepEqual(readList(entries, 'users', 25), E.left({ code: 'form.unreadable', field: 'users[1]', rule: 'users[1] must be a plain value that can be read' }))
  })

  test('text over its bound is text.too-long with the limit and the length; anything else passes through; requireText bounds before trimming', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 40 }), (s, maximum) => {
        const r = boundText(s, 'name', maximum)
        if (s.length > maximum) assert.deepEqual(r, E.left({ code: 'text.too-long', field: 'name', rule: `name must be at most ${maximum} characters`, maximum, length: s.length }))
        else assert.deepEqual(r, E.right(s))
      })
    )
    assert.deepEqual(boundText(7, 'name', 0), E.right(7))
    assert.deepEqual(requireText(' '.repeat(300), 'name'), E.left({ code: 'text.too-long', field: 'name', rule: 'name must be at most 256 characters', maximum: 256, length: 300 }))
    assert.deepEqual(requireText(' '.repeat(256), 'name'), E.left({ code: 'field.required', field: 'name', rule: 'name is required' }))
  })
})
