/**
 * Codecs of the organisation aggregate (src/organizations/codecs.ts): every
 * valid organisation survives encode → JSON → decode unchanged, and a row that
 * breaks one of the aggregate's rules is refused with that rule.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { PathReporter } from 'io-ts/lib/PathReporter.js'
import { MAX_MEMBERSHIPS, MembershipCodec, OrganisationCodec, organisationCodec, RegisteredOrganisation } from '../../src/organizations'
import { providerIdFormat as harmonyProviderIdFormat } from '../../src/portals/harmony'
import { anyInput } from '../../src/testkit'
import { validOrganisation } from './arbitraries'

const decode = (row: unknown) => OrganisationCodec.decode(row)
const refusal = (row: unknown): string => {
  const r = decode(row)
  assert.ok(E.isLeft(r), 'the row must be refused')
  return PathReporter.report(r).join('\n')
}
const SAMPLE = fc.sample(validOrganisation, { numRuns: 1, seed: 7 })[0] as RegisteredOrganisation
const asRow = (o: RegisteredOrganisation): Record<string, unknown> => JSON.parse(JSON.stringify(OrganisationCodec.encode(o)))

describe('organisation codec', () => {
  test('round trip: encode, through JSON, decode gives the organisation back, and `is` holds', () => {
    fc.assert(
      fc.property(validOrganisation, (o) => {
        const decoded = decode(JSON.parse(JSON.stringify(OrganisationCodec.encode(o))))
        assert.deepEqual(decoded, E.right(o))
        assert.ok(OrganisationCodec.is(o))
      }),
      { numRuns: 300 }
    )
  })

  test('with the plan Provider ID format, provider keys of that format decode', () => {
    const codec = organisationCodec(harmonyProviderIdFormat)
    fc.assert(fc.property(validOrganisation, (o) => assert.deepEqual(codec.decode(asRow(o)), E.right(o))))
  })

  test('an organisation without a delegate is refused', () => {
    const row = asRow({ ...SAMPLE, memberships: SAMPLE.memberships.map((m) => ({ ...m, role: 'staff' as const })) })
    assert.match(refusal(row), /at least one delegate/)
  })

  test('the same account twice, or two accounts with one e-mail key, are refused', () => {
    const m = SAMPLE.memberships[0]!
    assert.match(refusal(asRow({ ...SAMPLE, memberships: [m, { ...m, email: `x${m.email}` as never, emailKey: `x${m.emailKey}` as never }] })), /no account may appear twice/)
    const twin = { ...m, accountId: '00000000-0000-4000-8000-000000000000' as never, email: m.email.toUpperCase().replace(/@.*/, m.email.slice(m.email.indexOf('@'))) as never }
    assert.match(refusal(asRow({ ...SAMPLE, memberships: [m, twin] })), /at most one account per organisation/)
  })

  test("a member's e-mail key must be its address's, and the default application is always held", () => {
    const m = SAMPLE.memberships[0]!
    assert.ok(E.isLeft(MembershipCodec.decode({ ...m, emailKey: 'someone@else.org' })))
    assert.ok(E.isLeft(MembershipCodec.decode({ ...m, applications: [] })))
    assert.ok(E.isLeft(MembershipCodec.decode({ ...m, applications: ['zz-app', 'remittance-inquiry'] })), 'unsorted')
  })

  test('two acceptances of one document, a non-canonical name, a clear Tax ID or a bad kind are refused', () => {
    const m = SAMPLE.memberships[0]!
    const twice = [{ document: 'provider-portal', version: 'v1', acceptedAt: SAMPLE.registeredAt }, { document: 'provider-portal', version: 'v2', acceptedAt: SAMPLE.registeredAt }]
    assert.ok(E.isLeft(MembershipCodec.decode({ ...m, acceptances: twice })))
    assert.ok(E.isLeft(MembershipCodec.decode({ ...m, firstName: ` ${m.firstName}` })))
    assert.ok(E.isLeft(decode({ ...asRow(SAMPLE), taxId: { hash: 'ab12', last4: '123456789' } })))
    assert.ok(E.isLeft(decode({ ...asRow(SAMPLE), kind: 'payer' })))
    assert.ok(E.isLeft(decode({ ...asRow(SAMPLE), version: -1 })))
  })

  test('a billing organisation carries no provider key; a provider organisation must', () => {
    const row = asRow(SAMPLE)
    const { providerKey: _dropped, ...withoutKey } = row
    assert.ok(E.isLeft(decode({ ...withoutKey, kind: 'provider' })))
    assert.deepEqual(E.map((o: RegisteredOrganisation) => 'providerKey' in o)(decode({ ...withoutKey, kind: 'billing', providerKey: 'HP1234' })), E.right(false))
  })

  test('any input, a Proxy whose traps throw included, gets a failure, never a throw', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap') }, getOwnPropertyDescriptor: () => { throw new Error('trap') } })
    assert.ok(E.isLeft(decode(hostile)))
    assert.equal(OrganisationCodec.is(hostile), false)
    assert.ok(E.isLeft(MembershipCodec.decode(hostile)))
    fc.assert(fc.property(anyInput, (u) => assert.ok(E.isLeft(decode(u)))))
  })

  test('a member list over its limit is one refusal, its entries unread', () => {
    const row = { ...asRow(SAMPLE), memberships: Array.from({ length: MAX_MEMBERSHIPS + 1 }, () => null) }
    const r = decode(row)
    assert.ok(E.isLeft(r))
    assert.equal(r.left.length, 1)
    assert.match(PathReporter.report(r).join(''), /at most 1000 entries/)
  })
})
