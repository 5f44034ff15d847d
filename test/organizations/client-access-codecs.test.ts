/**
 * Codecs of client access requests (src/organizations/client-access-codecs.ts):
 * every request the transitions make survives a store's round trip, through
 * JSON too; a tampered row is refused as `storage.invalid-row` naming where.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { approvalTokenDigest, approvalTokenFromBytes } from '../../src/credentials'
import { ProviderId } from '../../src/kernel/identifiers'
import {
  AccessRequest,
  AccessRequestCodec,
  AccessRequestId,
  approve,
  CLIENT_ACCESS_REQUEST_LIFETIME,
  decodeAccessRequest,
  endAccess,
  OrganisationId,
  refuse,
  requestClientAccess,
  stateAt
} from '../../src/organizations'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import { harmonyProviderId, validEmailAddress, validPersonName, validTaxId } from '../../src/testkit'

const keyed = hmacKeyedHasher(new Uint8Array(32).fill(5) as HashKey)
const ZONES = ['America/Chicago', 'UTC', 'Asia/Kolkata'] as const
const WEEK = CLIENT_ACCESS_REQUEST_LIFETIME.toMillis()

/** Any request the transitions can make: requested, then perhaps approved, refused, expired or ended, at any times. */
const accessRequest: fc.Arbitrary<AccessRequest> = fc
  .record({
    id: fc.uuid({ version: 4 }),
    org: fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/),
    taxId: validTaxId,
    providerId: harmonyProviderId,
    clientName: fc.constantFrom('Lakes Family Clinic', 'Prairie Orthopedics', 'St. Croix Dental'),
    firstName: validPersonName,
    lastName: validPersonName,
    email: validEmailAddress,
    bytes: fc.uint8Array({ minLength: 16, maxLength: 64 }),
    zone: fc.constantFrom(...ZONES),
    start: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
    path: fc.constantFrom('pending', 'approved', 'refused', 'expired', 'ended-by-client', 'ended-by-organisation'),
    answerAfter: fc.integer({ min: 0, max: WEEK - 1 }),
    endAfter: fc.integer({ min: 0, max: 400 * 24 * 3600 * 1000 })
  })
  .map((g) => {
    const at = (ms: number) => DateTime.fromMillis(ms, { zone: g.zone })
    const token = approvalTokenFromBytes(g.bytes) as E.Right<never>
    const hash = approvalTokenDigest(keyed, g.id, token.right)
    const client = { taxIdHash: keyed.digest('tax-id', g.taxId), providerId: g.providerId as ProviderId, name: g.clientName }
    const made = requestClientAccess(at(g.start), CLIENT_ACCESS_REQUEST_LIFETIME, { requestId: g.id as AccessRequestId, billingOrganisationId: g.org as OrganisationId }, client, g, hash, [])
    assert.ok(E.isRight(made), JSON.stringify(made))
    const answered = g.start + g.answerAfter
    const ok = <A>(r: E.Either<unknown, A>): A => {
      assert.ok(E.isRight(r), JSON.stringify(r))
      return r.right
    }
    switch (g.path) {
      case 'pending':
        return made.right
      case 'approved':
        return ok(approve(at(answered), made.right, hash))
      case 'refused':
        return ok(refuse(at(answered), made.right, hash))
      case 'expired':
        return stateAt(at(g.start + WEEK), made.right)
      default: {
        const approved = ok(approve(at(answered), made.right, hash))
        const by = g.path === 'ended-by-client' ? { side: 'client' as const, contactEmail: approved.contact.email } : { side: 'billing-organisation' as const, organisationId: approved.billingOrganisationId }
        return ok(endAccess(at(answered + g.endAfter), approved, by))
      }
    }
  })

const decode = decodeAccessRequest()

describe('AccessRequestCodec', () => {
  test('round trip: every request decodes to itself, as encoded and through JSON', () => {
    fc.assert(
      fc.property(accessRequest, (r) => {
        assert.deepEqual(decode(AccessRequestCodec.encode(r)), E.right(r))
        assert.deepEqual(decode(JSON.parse(JSON.stringify(r))), E.right(r))
        assert.ok(AccessRequestCodec.is(r))
      }),
      { numRuns: 300 }
    )
  })

  /** A tampering of a row, and the field the error must name (`''` when the row as a whole is at fault). */
  const tamperings: ReadonlyArray<readonly [string, (row: Record<string, unknown>) => unknown, string]> = [
    ['an unknown state', (r) => ({ ...r, state: 'granted' }), ''],
    ['no state', ({ state: _, ...r }) => r, ''],
    ['a field its state does not have', (r) => ({ ...r, grantedTo: 'everyone' }), ''],
    ['a missing token hash', ({ tokenHash: _, ...r }) => r, 'tokenHash'],
    ['a token hash in upper case', (r) => ({ ...r, tokenHash: String(r.tokenHash).toUpperCase() }), 'tokenHash'],
    ['a short token hash', (r) => ({ ...r, tokenHash: 'abcd' }), 'tokenHash'],
    ['a request id that is not a UUID', (r) => ({ ...r, id: 'request-1' }), 'id'],
    ['a blank organisation id', (r) => ({ ...r, billingOrganisationId: '' }), 'billingOrganisationId'],
    ['an e-mail not in canonical form', (r) => ({ ...r, contact: { ...(r.contact as object), email: 'Maria@LAKESCLINIC.COM' } }), 'contact.email'],
    ['a name with blanks around it', (r) => ({ ...r, contact: { ...(r.contact as object), firstName: ' Maria' } }), 'contact.firstName'],
    ['a lower-case provider id', (r) => ({ ...r, client: { ...(r.client as object), providerId: 'abc123' } }), 'client.providerId'],
    ['a client with an extra field', (r) => ({ ...r, client: { ...(r.client as object), taxId: '411234567' } }), 'client'],
    ['a negative version', (r) => ({ ...r, version: -1 }), 'version'],
    ['a fractional version', (r) => ({ ...r, version: 1.5 }), 'version'],
    ['a request time that is not an instant', (r) => ({ ...r, requestedAt: '2026-03-02' }), 'requestedAt'],
    ['an expiry before the request', (r) => ({ ...r, expiresAt: r.requestedAt }), '']
  ]

  test('refuses a tampered row of any state, naming the table and where it is at fault', () => {
    fc.assert(
      fc.property(accessRequest, fc.constantFrom(...tamperings), (r, [what, tamper, field]) => {
        const x = decode(tamper({ ...r }))
        assert.ok(E.isLeft(x), what)
        assert.equal(x.left.code, 'storage.invalid-row')
        assert.equal((x.left as { table: string }).table, 'client_access_requests')
        if (field !== '') assert.ok((x.left as { cause: string }).cause.startsWith(`${field}:`), `${what}: ${(x.left as { cause: string }).cause}`)
      }),
      { numRuns: 300 }
    )
  })

  test('refuses rows whose answer breaks what the transitions keep', () => {
    fc.assert(
      fc.property(accessRequest, (r) => {
        const later = DateTime.fromISO(r.expiresAt, { setZone: true }).plus({ seconds: 1 }).toISO() as string
        const earlier = DateTime.fromISO(r.requestedAt, { setZone: true }).minus({ seconds: 1 }).toISO() as string
        const broken: ReadonlyArray<unknown> =
          r.state === 'approved' || r.state === 'ended'
            ? [
                { ...r, approvedAt: later },
                { ...r, approvedAt: earlier },
                { ...r, approvedBy: 'someone.else@example.com' },
                ...(r.state === 'ended' ? [{ ...r, endedAt: earlier }, { ...r, endedBy: 'the plan' }] : [{ ...r, state: 'ended' }])
              ]
            : r.state === 'refused'
              ? [{ ...r, refusedAt: later }, { ...r, state: 'approved' }]
              : [{ ...r, approvedAt: r.requestedAt }, { ...r, state: 'refused' }]
        for (const row of broken) {
          const x = decode(row)
          assert.ok(E.isLeft(x), JSON.stringify(row))
          assert.equal(x.left.code, 'storage.invalid-row')
        }
      })
    )
  })

  test('anything at all gets a typed answer, never a throw: null, arrays, a throwing getter, a Proxy', () => {
    const getter = Object.defineProperty({ state: 'pending' }, 'id', { get: () => { throw new Error('boom') }, enumerable: true })
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap') }, getOwnPropertyDescriptor: () => { throw new Error('trap') } })
    for (const row of [null, undefined, 42, 'pending', [], [{ state: 'pending' }], getter, proxy]) {
      const x = decode(row)
      assert.ok(E.isLeft(x))
      assert.equal(x.left.code, 'storage.invalid-row')
    }
    fc.assert(fc.property(fc.anything(), (u) => assert.ok(E.isLeft(decode(u)))))
  })
})
