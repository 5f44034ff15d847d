/**
 * The standards preset is a working portal, not just a report: over the
 * in-memory adapters a member signs up (15-character passphrase, no
 * composition rule) and signs in; passwords it refuses are refused for the
 * standards' reasons (too short, too common), never for a missing class.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, standards } from '../../src'
import { manualClock, memberDirectoryFromData, memoryPorts, memoryStore, outboxMailer } from '../../adapters/memory'
import { HashKey, hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'
import { codesOf, rightOf } from '../support/hpp-harness'

const ZONE = 'America/New_York'
const MEMBER = { memberId: 'HP12345678', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985' }

const standardsPortal = () => {
  const keyedHasher = hmacKeyedHasher(new Uint8Array(32).fill(7) as HashKey)
  const mailer = outboxMailer()
  const directory = memberDirectoryFromData(
    { members: [MEMBER], representatives: [] },
    { memberId: standards.memberIdFormat, representativeId: standards.representativeIdFormat },
    keyedHasher,
    '2026-11-22'
  )
  if (E.isLeft(directory)) assert.fail(`member data did not load: ${JSON.stringify(directory.left)}`)
  const ports = memoryPorts({
    clock: manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: ZONE })),
    mailer,
    keyedHasher,
    members: directory.right,
    passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT),
    store: memoryStore()
  })
  const portal = createPortal(standards.preset, ports)
  const lastCode = (address: string): string => {
    const inbox = mailer.inbox(address)
    const m = /Your code is: (\d+)/.exec(inbox[inbox.length - 1]?.text ?? '')
    assert.ok(m?.[1] !== undefined, `no code e-mailed to ${address}`)
    return m[1]
  }
  return { portal, lastCode }
}

const PASSPHRASE = 'violet lantern over quiet harbour'

describe('a portal over the standards preset', () => {
  test('a member signs up with a passphrase and signs in', async () => {
    const { portal, lastCode } = standardsPortal()
    const flow = rightOf(await portal.signUp.start({ username: 'JaneDoe', newPassword: PASSPHRASE, confirmNewPassword: PASSPHRASE, email: 'jane.doe@example.org' }), 'start')
    rightOf(await portal.signUp.verifyEmail(flow.flowId, lastCode('jane.doe@example.org')), 'verify')
    rightOf(await portal.signUp.create(flow.flowId, { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985', iAmA: 'member', memberId: 'HP12345678' }), 'create')
    rightOf(await portal.signIn({ username: 'JaneDoe', password: PASSPHRASE }), 'sign in')
    assert.deepEqual(codesOf(await portal.signIn({ username: 'JaneDoe', password: 'violet lantern over quiet harbor' })), ['sign-in.invalid-credentials'])
    // With two factors: the password is accepted, and a first device is asked for (none is active yet).
    const twoFactor = rightOf(await portal.twoFactorSignIn.start({ username: 'JaneDoe', password: PASSPHRASE }), 'two-factor start')
    assert.equal(twoFactor.step, 'add-device')
  })

  test('a password is refused for its length or for being common, never for a missing character class', async () => {
    const { portal } = standardsPortal()
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), async (password) => {
        const result = await portal.signUp.start({ username: 'JaneDoe', newPassword: password, confirmNewPassword: password, email: 'jane.doe@example.org' })
        const codes = codesOf(result).filter((c) => c.startsWith('password.'))
        assert.ok(!codes.includes('password.too-few-classes'))
        assert.ok(!codes.includes('password.disallowed-character'))
        if (Array.from(password.normalize('NFC')).length < 15) assert.ok(codes.includes('password.too-short'), `accepted ${JSON.stringify(password)}`)
      }),
      { numRuns: 40 }
    )
    assert.ok(codesOf(await portal.signUp.start({ username: 'JaneDoe', newPassword: 'password', confirmNewPassword: 'password', email: 'jane.doe@example.org' })).includes('password.too-short'))
  })
})
