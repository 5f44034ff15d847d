/**
 * Approval link tokens (src/credentials/approval-token.ts): at least 128
 * random bits, base64url without padding, one spelling per token, a parser
 * that bounds length first, keyed hashes bound to the request.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import {
  APPROVAL_TOKEN_MAX_BYTES,
  APPROVAL_TOKEN_MIN_BYTES,
  approvalTokenDigest,
  approvalTokenFromBytes,
  approvalTokenMatches,
  parseApprovalToken
} from '../../src/credentials'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'

const keyed = hmacKeyedHasher(new Uint8Array(32).fill(9) as HashKey)
const codeOf = (e: E.Either<{ readonly code: string }, unknown>): string => (E.isLeft(e) ? e.left.code : 'ok')
const tokenBytes = fc.uint8Array({ minLength: APPROVAL_TOKEN_MIN_BYTES, maxLength: APPROVAL_TOKEN_MAX_BYTES })

describe('approvalTokenFromBytes', () => {
  test('refuses fewer than 16 random bytes, naming the field, the minimum and what was given', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: APPROVAL_TOKEN_MIN_BYTES - 1 }), (bytes) => {
        const r = approvalTokenFromBytes(bytes)
        assert.ok(E.isLeft(r))
        assert.equal(r.left.code, 'approval-token.too-few-bytes')
        assert.equal(r.left.field, 'randomBytes')
        assert.match(r.left.rule, /at least 16 random bytes/)
        assert.deepEqual([(r.left as { minimum: number }).minimum, (r.left as { given: number }).given], [16, bytes.length])
      })
    )
  })

  test('refuses more than 64 bytes and anything that is not bytes with a typed error', () => {
    assert.equal(codeOf(approvalTokenFromBytes(new Uint8Array(65))), 'number.out-of-range')
    assert.equal(codeOf(approvalTokenFromBytes('AAAA' as unknown as Uint8Array)), 'field.invalid')
    assert.equal(codeOf(approvalTokenFromBytes(null as unknown as Uint8Array)), 'field.invalid')
  })

  test('writes the bytes as RFC 4648 base64url without padding (the same text Node writes)', () => {
    fc.assert(
      fc.property(tokenBytes, (bytes) => {
        const r = approvalTokenFromBytes(bytes)
        assert.ok(E.isRight(r))
        assert.equal(r.right, Buffer.from(bytes).toString('base64url'))
        assert.match(r.right, /^[A-Za-z0-9_-]+$/)
        assert.equal(r.right.length, Math.ceil((bytes.length * 4) / 3))
      })
    )
  })

  test('carries every bit: distinct bytes give distinct tokens, and 16 bytes give 22 characters of 6 bits (128 bits at least)', () => {
    fc.assert(
      fc.property(tokenBytes, tokenBytes, (a, b) => {
        const ta = approvalTokenFromBytes(a)
        const tb = approvalTokenFromBytes(b)
        assert.ok(E.isRight(ta) && E.isRight(tb))
        assert.equal(ta.right === tb.right, Buffer.from(a).equals(Buffer.from(b)))
      })
    )
    const r = approvalTokenFromBytes(new Uint8Array(16).fill(255))
    assert.ok(E.isRight(r))
    assert.ok(r.right.length * 6 >= 128)
  })
})

describe('parseApprovalToken', () => {
  test('accepts every token made from bytes, unchanged', () => {
    fc.assert(
      fc.property(tokenBytes, (bytes) => {
        const token = approvalTokenFromBytes(bytes)
        assert.ok(E.isRight(token))
        assert.deepEqual(parseApprovalToken(token.right), E.right(token.right))
      })
    )
  })

  test('refuses text longer than the longest token before reading it, whatever it holds', () => {
    const huge = 'A'.repeat(1 << 20)
    const r = parseApprovalToken(huge)
    assert.ok(E.isLeft(r))
    assert.equal(r.left.code, 'text.too-long')
    assert.equal(r.left.field, 'token')
    assert.equal((r.left as { maximum: number }).maximum, 86)
  })

  test('refuses what is not of the token form: padding, standard base64, blanks, short, impossible lengths, non-zero spare bits', () => {
    const good = 'AAAAAAAAAAAAAAAAAAAAAA'
    for (const bad of [`${good}==`, 'AAAA+AAAAAAAAAAAAAAAAAA', 'AAAA/AAAAAAAAAAAAAAAAAA', ` ${good}`, `${good}\n`, good.slice(1), `${good}AAA`.slice(0, 25), 'AAAAAAAAAAAAAAAAAAAAAB', 'AAAAAAAAAAAAAAAAAAAAA\u00c9'])
      assert.equal(codeOf(parseApprovalToken(bad)), 'field.invalid', JSON.stringify(bad))
  })

  test('any input gets a typed answer naming the field, never a throw', () => {
    fc.assert(
      fc.property(fc.anything(), (u) => {
        const r = parseApprovalToken(u, 'token')
        if (E.isLeft(r)) assert.equal(r.left.field, 'token')
        else assert.equal(typeof u, 'string')
      })
    )
    assert.equal(codeOf(parseApprovalToken(undefined)), 'field.required')
    assert.equal(codeOf(parseApprovalToken(42)), 'field.invalid')
  })

  test('random text is refused unless it is the canonical spelling of some 16 to 64 bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        const r = parseApprovalToken(s)
        const canonical = /^[A-Za-z0-9_-]{22,86}$/.test(s) && Buffer.from(s, 'base64url').toString('base64url') === s
        assert.equal(E.isRight(r), canonical && Buffer.from(s, 'base64url').length >= 16)
      })
    )
  })
})

describe('approvalTokenDigest', () => {
  test('binds the hash to the request: one token for two requests hashes differently, and matches only its own', () => {
    fc.assert(
      fc.property(tokenBytes, fc.uuid(), fc.uuid(), (bytes, r1, r2) => {
        fc.pre(r1 !== r2)
        const token = approvalTokenFromBytes(bytes)
        assert.ok(E.isRight(token))
        const h1 = approvalTokenDigest(keyed, r1, token.right)
        assert.ok(approvalTokenMatches(h1, approvalTokenDigest(keyed, r1, token.right)))
        assert.ok(!approvalTokenMatches(h1, approvalTokenDigest(keyed, r2, token.right)))
        assert.ok(!h1.includes(token.right), 'the hash never carries the token')
      })
    )
  })
})
