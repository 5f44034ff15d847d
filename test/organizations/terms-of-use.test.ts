/**
 * Terms of use (src/organizations/terms-of-use.ts): a delegate needs both
 * documents, staff the portal terms; a new version asks again; only the
 * current version can be accepted, with its time; accepting twice changes
 * nothing; the gate names what is outstanding.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import {
  acceptTerms,
  CurrentTerms,
  ensureTermsAccepted,
  parseTermsDocument,
  parseTermsVersion,
  TERMS_DOCUMENTS,
  TermsDocument,
  TermsHolder,
  termsOutstanding,
  TermsVersion
} from '../../src/organizations'
import { currentTerms, ZONE } from './arbitraries'

const NOW = DateTime.fromISO('2026-12-02T09:15:00', { zone: ZONE })
const v = (s: string) => s as TermsVersion
const CURRENT: CurrentTerms = { 'provider-portal': v('2026-01'), 'delegate-site-administrator': v('3.2') }
const delegate: TermsHolder = { role: 'delegate', acceptances: [] }
const staff: TermsHolder = { role: 'staff', acceptances: [] }
const accept = (m: TermsHolder, d: TermsDocument, version = CURRENT[d], now = NOW) => {
  const r = acceptTerms(now, m, d, version, CURRENT)
  assert.ok(E.isRight(r), E.isLeft(r) ? r.left.rule : '')
  return r.right
}

describe('what must be accepted', () => {
  test('a delegate needs both documents; staff only the portal terms', () => {
    assert.deepEqual(termsOutstanding(delegate, CURRENT), ['provider-portal', 'delegate-site-administrator'])
    assert.deepEqual(termsOutstanding(staff, CURRENT), ['provider-portal'])
    assert.deepEqual(termsOutstanding(accept(staff, 'provider-portal'), CURRENT), [])
    assert.deepEqual(termsOutstanding(accept(delegate, 'provider-portal'), CURRENT), ['delegate-site-administrator'])
  })

  test('a new version asks again', () => {
    const done = accept(accept(delegate, 'provider-portal'), 'delegate-site-administrator')
    assert.deepEqual(termsOutstanding(done, CURRENT), [])
    assert.deepEqual(termsOutstanding(done, { ...CURRENT, 'delegate-site-administrator': v('3.3') }), ['delegate-site-administrator'])
  })

  test('a promoted staff member is asked for the delegate terms', () => {
    const s = accept(staff, 'provider-portal')
    assert.deepEqual(termsOutstanding({ ...s, role: 'delegate' }, CURRENT), ['delegate-site-administrator'])
  })
})

describe('accepting', () => {
  test('records the document, the version and the time', () => {
    assert.deepEqual(accept(staff, 'provider-portal').acceptances, [{ document: 'provider-portal', version: '2026-01', acceptedAt: '2026-12-02T09:15:00.000-06:00' }])
  })

  test('only the current version, refused naming the version field and the current one', () => {
    const r = acceptTerms(NOW, staff, 'provider-portal', v('2025-07'), CURRENT)
    assert.ok(E.isLeft(r))
    assert.deepEqual([r.left.code, r.left.field, r.left.code === 'terms.not-current' && r.left.current], ['terms.not-current', 'version', '2026-01'])
  })

  test('twice is idempotent: the first acceptance and its time are kept', () => {
    const once = accept(staff, 'provider-portal')
    assert.deepEqual(accept(once, 'provider-portal', CURRENT['provider-portal'], NOW.plus({ days: 1 })), once)
  })

  test('a newer version replaces the older acceptance of that document only', () => {
    const old: TermsHolder = {
      role: 'delegate',
      acceptances: [
        { document: 'provider-portal', version: v('2025-07'), acceptedAt: '2025-07-01T08:00:00.000-05:00' },
        { document: 'delegate-site-administrator', version: v('3.2'), acceptedAt: '2025-07-01T08:00:00.000-05:00' }
      ]
    }
    assert.deepEqual(accept(old, 'provider-portal').acceptances.map((a) => [a.document, a.version]), [
      ['delegate-site-administrator', '3.2'],
      ['provider-portal', '2026-01']
    ])
  })

  test('an invalid instant is a typed error, not a record without a time', () => {
    const r = acceptTerms(DateTime.invalid('test'), staff, 'provider-portal', CURRENT['provider-portal'], CURRENT)
    assert.deepEqual(E.isLeft(r) && [r.left.code, r.left.field], ['date.not-a-date', 'now'])
  })

  test('for any current terms, accepting every outstanding document leaves none, and the gate opens', () => {
    fc.assert(
      fc.property(currentTerms, fc.constantFrom<'delegate' | 'staff'>('delegate', 'staff'), (current, role) => {
        const start: TermsHolder = { role, acceptances: [] }
        const done = termsOutstanding(start, current).reduce<TermsHolder>((m, d) => {
          const r = acceptTerms(NOW, m, d, current[d], current)
          assert.ok(E.isRight(r))
          return r.right
        }, start)
        assert.deepEqual(termsOutstanding(done, current), [])
        assert.deepEqual(ensureTermsAccepted(done, current), E.right(done))
      })
    )
  })
})

describe('the gate', () => {
  test('nothing else works until accepted: terms.not-accepted names what is outstanding', () => {
    const r = ensureTermsAccepted(delegate, CURRENT)
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left.outstanding, ['provider-portal', 'delegate-site-administrator'])
    assert.match(r.left.rule, /Provider Portal Terms of Use and the Delegate\/Site Administrator Terms of Use must be accepted/)
  })
})

describe('parsing', () => {
  test('documents and versions', () => {
    for (const d of TERMS_DOCUMENTS) assert.deepEqual(parseTermsDocument(d), E.right(d))
    assert.ok(E.isLeft(parseTermsDocument('privacy-policy')))
    assert.deepEqual(parseTermsVersion(' 3.2 '), E.right('3.2'))
    for (const bad of ['', '.3', 'v 2', 'x'.repeat(33), null, 3]) assert.ok(E.isLeft(parseTermsVersion(bad)), String(bad))
  })
})
