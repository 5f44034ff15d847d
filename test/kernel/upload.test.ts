/**
 * Uploaded files (src/kernel/upload.ts), the checks prior authorization's
 * attachments and manual proofing's documents share: a valid file passes
 * unchanged (its media type lower-cased, parameters dropped); a wrong name,
 * media type and size are all reported at once, under the upload's own
 * prefix; content is checked against the media type only once the rest is
 * right; nothing a caller passes makes it throw.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { contentMatches, isDomainError, MEDIA_SIGNATURES, UploadPolicy, validateUpload } from '../../src/kernel'
import { anyInput } from '../../src/testkit'

const policy: UploadPolicy = { mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 64 }
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b)
const PDF = new TextEncoder().encode('%PDF-1.7\n')
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)

const codes = (r: E.Either<ReadonlyArray<{ code: string; field?: string }>, unknown>): ReadonlyArray<string> =>
  E.isLeft(r) ? r.left.map((e) => `${e.code}@${e.field}`) : ['ok']

describe('validateUpload', () => {
  test('a file of an accepted type, within the size, whose bytes match: passes, its media type normalised', () => {
    const check = validateUpload(policy, 'photoId')
    assert.deepEqual(check({ fileName: 'licence.png', mediaType: 'Image/PNG; q=1', content: PNG }), E.right({ fileName: 'licence.png', mediaType: 'image/png', content: PNG }))
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 - PDF.length }), (tail) => {
        const content = Uint8Array.from([...PDF, ...tail])
        assert.ok(E.isRight(check({ fileName: 'a.pdf', mediaType: 'application/pdf', content })))
      })
    )
  })

  test('every error of the upload at once, under its prefix; content is judged only when the rest is right', () => {
    const check = validateUpload(policy, 'statements[1]')
    assert.deepEqual(codes(check({ fileName: 'a/b.pdf', mediaType: 'text/html', content: new Uint8Array(65) })), [
      'field.invalid@statements[1].fileName',
      'attachment.media-type@statements[1].mediaType',
      'attachment.too-large@statements[1].content'
    ])
    assert.deepEqual(codes(check({})), ['field.required@statements[1].fileName', 'field.required@statements[1].mediaType', 'field.required@statements[1].content'])
    assert.deepEqual(codes(check({ fileName: 'x.pdf', mediaType: 'application/pdf', content: new Uint8Array(0) })), ['field.invalid@statements[1].content'])
    assert.deepEqual(codes(check({ fileName: 'x.pdf', mediaType: 'application/pdf', content: [1, 2, 3] })), ['field.invalid@statements[1].content'])
    assert.deepEqual(codes(check({ fileName: 'x.pdf', mediaType: 'application/pdf', content: PNG })), ['attachment.content-mismatch@statements[1].content'])
    assert.deepEqual(codes(check({ fileName: 'x.png', mediaType: 'image/jpeg', content: PNG })), ['attachment.content-mismatch@statements[1].content'])
  })

  test('anything at all, as the upload or as any of its fields: an Either of domain errors, never a throw', () => {
    const check = validateUpload(policy, 'upload')
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.record({ fileName: anyInput, mediaType: anyInput, content: fc.oneof(anyInput, fc.uint8Array({ maxLength: 80 })) })), (input) => {
        const r = check(input)
        if (E.isLeft(r)) for (const e of r.left) assert.ok(isDomainError(e) && (e.field ?? '').startsWith('upload'))
      }),
      { numRuns: 300 }
    )
    const throwing = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('trap') } })
    assert.deepEqual(codes(check(throwing)).map((c) => c.split('@')[0]), ['form.unreadable', 'form.unreadable', 'form.unreadable'])
  })
})

describe('contentMatches', () => {
  test('each signature type needs its first bytes; text must be UTF-8 without control characters; other types pass', () => {
    for (const [type, signatures] of Object.entries(MEDIA_SIGNATURES))
      for (const s of signatures) {
        assert.equal(contentMatches(type, Uint8Array.from([...s, 1, 2])), true, type)
        assert.equal(contentMatches(type, Uint8Array.from(s.slice(1))), false, type)
      }
    assert.equal(contentMatches('text/plain', new TextEncoder().encode('Dear member,\n\tthank you.')), true)
    assert.equal(contentMatches('text/plain', bytes(0x41, 0x00)), false)
    assert.equal(contentMatches('text/plain', bytes(0xc3, 0x28)), false)
    assert.equal(contentMatches('constructor', bytes(1)), true)
  })
})
