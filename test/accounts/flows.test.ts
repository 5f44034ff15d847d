/**
 * The self-service flows: sign-up (src/accounts/sign-up/flow.ts), password
 * reset (src/accounts/password-reset/flow.ts) and the e-mail verification they
 * share (src/accounts/email-verification.ts).
 *
 * - forms collect every error, matching folds case and accents, transitions
 *   keep what they must and drop the rest;
 * - codes are drawn from the CSPRNG port without bias, bound to their flow, and
 *   the ledger rules hold as the portal applies them (wrong codes count across
 *   re-sent codes, lockout, quota, expiry).
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import * as signUp from '../../src/accounts/sign-up/flow'
import * as reset from '../../src/accounts/password-reset/flow'
import { AccountId } from '../../src/accounts/account'
import { FlowId } from '../../src/accounts/flow'
import { azureB2cStrong, temporaryPasswordDigest } from '../../src/credentials'
import { emailKey, EmailAddress, PersonName, DateOfBirth, usernameKey } from '../../src/kernel'
import { memberIdFormat, representativeIdFormat } from '../../src/portals/hpp'
import { KeyedHash } from '../../src/ports/keyed-hasher'
import { drawDigits } from '../../src/accounts/email-verification'
import { Random } from '../../src/ports/random'
import {
  b2cStrongPassword,
  caseVariantOf,
  codeDigits,
  fakePasswordHash,
  hppMemberId,
  hppRepresentativeId,
  validAccount,
  validDateOfBirth,
  validEmailAddress,
  validPersonName,
  validUsername
} from '../../src/testkit'
import { codesOf, hppHarness, rightOf } from '../support/hpp-harness'

const TODAY = '2026-11-22'
const NOW = DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' })
const HOUR = Duration.fromObject({ hours: 1 })
const formats = { memberId: memberIdFormat, representativeId: representativeIdFormat }
const fieldsOf = (r: E.Either<ReadonlyArray<{ field?: string }>, unknown>): string[] =>
  E.isLeft(r) ? [...new Set(r.left.map((e) => e.field ?? ''))].sort() : []

/** A field value that is either valid (`ok`) or not, and which. */
const maybe = <A>(valid: fc.Arbitrary<A>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof(valid.map((value) => ({ ok: true, value: value as unknown })), invalid.map((value) => ({ ok: false, value })))

describe('sign-up: the credentials screen', () => {
  test('collects an error for every invalid field, and none for a valid one', () => {
    const username = maybe(validUsername, fc.constantFrom('', undefined, 'ab', '-jane', 'jane doe', 'a'.repeat(65)))
    const email = maybe(validEmailAddress, fc.constantFrom('', undefined, 'x', 'jane@', '@gmail.com', 'jane@gmail', 'jane doe@gmail.com'))
    const password = fc.oneof(
      b2cStrongPassword.map((p) => ({ ok: true, pw: p, confirm: p as unknown })),
      b2cStrongPassword.map((p) => ({ ok: false, pw: p, confirm: p + 'x' as unknown })),
      fc.constantFrom('abc', 'abcdefgh', 'ABCDEFGH1', 'Spring 2026#').map((p) => ({ ok: false, pw: p, confirm: p as unknown })),
      b2cStrongPassword.map((p) => ({ ok: false, pw: p, confirm: undefined as unknown }))
    )
    fc.assert(
      fc.property(username, password, email, (u, p, e) => {
        const r = signUp.validateCredentials(azureB2cStrong)({ username: u.value, newPassword: p.pw, confirmNewPassword: p.confirm, email: e.value })
        const expected = [...(u.ok ? [] : ['username']), ...(e.ok ? [] : ['email'])]
        const got = fieldsOf(r)
        for (const f of expected) assert.ok(got.includes(f), `${f} not reported: ${got}`)
        assert.ok(!got.includes('username') || !u.ok)
        assert.ok(!got.includes('email') || !e.ok)
        const passwordReported = got.includes('newPassword') || got.includes('confirmNewPassword')
        assert.equal(passwordReported, !p.ok)
        if (u.ok && e.ok && p.ok) {
          assert.ok(E.isRight(r))
          assert.equal(r.right.password, p.pw)
          assert.equal(r.right.username, (u.value as string).trim())
        }
      })
    )
  })
})

describe('sign-up: the profile screen', () => {
  test('asks for the ID that matches "I am a…", and collects every other error', () => {
    const name = maybe(validPersonName, fc.constantFrom('', undefined, '123', 'Jane!', 'x'.repeat(51)))
    const dob = maybe(validDateOfBirth(TODAY), fc.constantFrom('', '02-30-1990', '11-22-2026', '12-31-2099', 'yesterday'))
    const iAmA = fc.constantFrom<unknown>('member', 'representative', '', undefined, 'spouse')
    const id = (arb: fc.Arbitrary<string>) => maybe(arb, fc.constantFrom('', undefined, '123', 'PR123', '!!!!!!!!'))
    fc.assert(
      fc.property(name, name, dob, iAmA, id(hppMemberId), id(hppRepresentativeId), (first, last, birth, who, member, rep) => {
        const r = signUp.validateProfile(formats, TODAY)({
          firstName: first.value,
          lastName: last.value,
          dateOfBirth: birth.value,
          iAmA: who,
          memberId: member.value,
          representativeId: rep.value
        })
        const got = fieldsOf(r)
        const expected = [
          ...(first.ok ? [] : ['firstName']),
          ...(last.ok ? [] : ['lastName']),
          ...(birth.ok ? [] : ['dateOfBirth']),
          ...(who === 'member' || who === 'representative' ? [] : ['iAmA']),
          ...(who === 'member' && !member.ok ? ['memberId'] : []),
          ...(who === 'representative' && !rep.ok ? ['representativeId'] : [])
        ].sort()
        assert.deepEqual(got, expected)
        if (E.isRight(r)) {
          assert.equal(r.right.iAmA, who)
          if (r.right.iAmA === 'member') assert.equal(r.right.memberId, member.value)
          else assert.equal(r.right.representativeId, rep.value)
        }
      })
    )
  })
})

describe('sign-up: matching the plan’s data', () => {
  const accentedVariant = (s: string): fc.Arbitrary<string> =>
    caseVariantOf(s).map((v) => v.replace(/e/g, 'é').replace(/E/g, 'É').replace(/a/g, 'á'))

  test('foldName ignores case and accents, and is idempotent', () => {
    fc.assert(
      // ß and Σ are left to their own test: their case mappings depend on more than the letter itself
      fc.property(validPersonName.filter((n) => !/[ßΣσ]/.test(n)).chain((n) => fc.tuple(fc.constant(n), accentedVariant(n))), ([n, v]) => {
        assert.equal(signUp.foldName(v), signUp.foldName(n.replace(/[éÉ]/g, 'e').replace(/á/g, 'a')))
        assert.equal(signUp.foldName(signUp.foldName(n)), signUp.foldName(n))
      })
    )
  })

  test("foldName folds 'ß' like its upper case 'SS' (a member typing Strauß matches a directory's STRAUSS)", () => {
    // Member directories often hold names in upper case, as printed on ID cards;
    // 'ß'.toUpperCase() is 'SS', so the fold must treat them alike (Unicode full case folding).
    assert.equal(signUp.foldName('Strauß'), signUp.foldName('STRAUSS'))
    fc.assert(
      fc.property(validPersonName.filter((n) => n.includes('ß')), (n) => {
        assert.equal(signUp.foldName(n), signUp.foldName(n.toUpperCase()), `${n} vs ${n.toUpperCase()}`)
      }),
      { numRuns: 20 }
    )
  })

  test('a member matches the directory record exactly when folded names and the birth date agree', () => {
    fc.assert(
      fc.property(
        validPersonName,
        validPersonName,
        validDateOfBirth(TODAY),
        validDateOfBirth(TODAY),
        hppMemberId,
        fc.boolean(),
        (first, last, dob, otherDob, memberId, sameDob) => {
          const record = { memberId, firstName: first, lastName: last, dateOfBirth: dob }
          const profile = {
            firstName: first.toUpperCase() as PersonName,
            lastName: last.toLowerCase() as PersonName,
            dateOfBirth: (sameDob ? dob : otherDob) as DateOfBirth,
            iAmA: 'member' as const,
            memberId
          }
          const r = signUp.matchMember(profile, record)
          const shouldMatch =
            signUp.foldName(first.toUpperCase()) === signUp.foldName(first) &&
            signUp.foldName(last.toLowerCase()) === signUp.foldName(last) &&
            profile.dateOfBirth === dob
          assert.equal(E.isRight(r), shouldMatch)
          if (E.isLeft(r)) assert.equal(r.left.code, 'member.not-matched')
          assert.ok(E.isLeft(signUp.matchMember(profile, null)))
        }
      )
    )
  })
})

describe('sign-up: transitions', () => {
  const started = fc
    .record({ username: validUsername, password: b2cStrongPassword, email: validEmailAddress, hash: fakePasswordHash, id: fc.uuid() })
    .map(({ username, password, email, hash, id }) =>
      signUp.startSignUp(NOW, id as FlowId, HOUR, { username, password: password as never, email }, hash)
    )

  test('start keys the username and address; change e-mail goes back to awaiting a code and forgets the verification', () => {
    fc.assert(
      fc.property(started, validEmailAddress, fc.boolean(), (flow, newEmail, verifiedFirst) => {
        assert.equal(flow.state, 'awaiting-email-code')
        assert.equal(flow.usernameKey, usernameKey(flow.username))
        assert.equal(flow.emailKey, emailKey(flow.email))
        assert.equal(DateTime.fromISO(flow.expiresAt).toMillis() - NOW.toMillis(), 3_600_000)
        const from = verifiedFirst ? signUp.markEmailVerified(NOW, flow) : flow
        const changed = signUp.changeEmail(from, newEmail)
        assert.equal(changed.state, 'awaiting-email-code')
        assert.ok(!('verifiedAt' in changed))
        assert.equal(changed.email, newEmail)
        assert.equal(changed.emailKey, emailKey(newEmail))
        assert.equal(changed.passwordHash, flow.passwordHash)
        assert.equal(changed.id, flow.id)
      })
    )
  })

  test('create makes an active account from the verified flow; a representative account keeps only the ID hash', () => {
    fc.assert(
      fc.property(
        started,
        validPersonName,
        validPersonName,
        validDateOfBirth(TODAY),
        hppMemberId,
        hppRepresentativeId,
        fc.boolean(),
        fc.uuid(),
        (flow, first, last, dob, memberId, repId, asMember, accountId) => {
          const verified = signUp.markEmailVerified(NOW, flow)
          const base = { firstName: first, lastName: last, dateOfBirth: dob }
          const idHash = 'f'.repeat(64) as KeyedHash
          const { account, flow: done } = asMember
            ? signUp.completeSignUp(NOW, verified, accountId as AccountId, { ...base, iAmA: 'member', memberId }, {
                kind: 'member',
                member: { memberId, ...base }
              })
            : signUp.completeSignUp(NOW, verified, accountId as AccountId, { ...base, iAmA: 'representative', representativeId: repId }, {
                kind: 'representative',
                grant: { memberId, firstName: first, lastName: last },
                representativeIdHash: idHash
              })
          assert.equal(account.status, 'active')
          assert.equal(account.version, 0)
          assert.equal(account.username, flow.username)
          assert.equal(account.usernameKey, flow.usernameKey)
          assert.equal(account.passwordHash, flow.passwordHash)
          assert.deepEqual(account.signIn, { consecutiveFailures: 0, lockedUntil: null })
          assert.equal(done.state, 'completed')
          assert.equal(done.accountId, accountId)
          assert.ok(!('verifiedAt' in done))
          if (asMember) assert.deepEqual(account.relationship, { kind: 'member', memberId })
          else {
            assert.deepEqual(account.relationship, { kind: 'representative', representedMemberId: memberId, representativeIdHash: idHash })
            assert.ok(!JSON.stringify(account).includes(repId))
          }
        }
      )
    )
  })
})

describe('password reset', () => {
  test('both fields are required and checked for form', () => {
    fc.assert(
      fc.property(
        maybe(validUsername, fc.constantFrom('', undefined, 'ab')),
        maybe(validEmailAddress, fc.constantFrom('', undefined, 'jane')),
        (u, e) => {
          const r = reset.validateResetRequest({ username: u.value, email: e.value })
          assert.deepEqual(fieldsOf(r), [...(e.ok ? [] : ['email']), ...(u.ok ? [] : ['username'])])
        }
      )
    )
  })

  test('continue confirms the account exactly when the username (any case) and the e-mail address (any case) are its own', () => {
    fc.assert(
      fc.property(
        validAccount(),
        fc.oneof(fc.constant(null), validUsername),
        fc.oneof(fc.constant(null), validEmailAddress),
        fc.nat(),
        fc.uuid(),
        (account, otherUsername, otherEmail, flips, id) => {
          const flip = (s: string) => Array.from(s, (c, i) => ((flips >> i % 31) & 1 ? c.toUpperCase() : c.toLowerCase())).join('')
          const username = (otherUsername ?? flip(account.username)) as typeof account.username
          const email = (otherEmail ?? (flip(account.email.split('@')[0] as string) + '@' + account.email.split('@')[1])) as EmailAddress
          const flow = reset.markResetEmailVerified(reset.startPasswordReset(NOW, id as FlowId, HOUR, { username, email }))
          const r = reset.confirmAccount(flow, account)
          const same = usernameKey(username) === account.usernameKey && emailKey(email) === account.emailKey
          assert.equal(E.isRight(r), same)
          if (E.isRight(r)) {
            assert.equal(r.right.accountId, account.id)
            assert.equal(reset.completePasswordReset(r.right).state, 'completed')
          } else assert.equal(r.left.code, 'account.not-found')
          assert.ok(E.isLeft(reset.confirmAccount(flow, null)))
        }
      )
    )
  })

  test('change e-mail during a reset goes back to awaiting a code at the new address', () => {
    fc.assert(
      fc.property(validUsername, validEmailAddress, validEmailAddress, fc.boolean(), (username, email, next, verified) => {
        const flow = reset.startPasswordReset(NOW, 'flow' as FlowId, HOUR, { username, email })
        const changed = reset.changeResetEmail(verified ? reset.markResetEmailVerified(flow) : flow, next)
        assert.equal(changed.state, 'awaiting-email-code')
        assert.equal(changed.email, next)
        assert.equal(changed.username, username)
      })
    )
  })
})

describe('password reset never sets a temporary password the plan issued (ASVS 6.4.1)', () => {
  test('a still-valid issued temporary password is refused as the new password, naming newPassword; after its expiry it is forgotten', async () => {
    await fc.assert(
      fc.asyncProperty(validAccount(), b2cStrongPassword, async (account, temporary) => {
        fc.pre(!temporary.toLowerCase().includes(account.username.toLowerCase()))
        const h = hppHarness()
        const expiresAt = h.clock.now().plus({ days: 30 }).toISO() as string
        const digest = temporaryPasswordDigest(h.keyedHasher, account.id, temporary)
        assert.ok(E.isRight(await h.ports.accounts.insert({ ...account, issuedTemporaryPasswords: [{ digest, expiresAt }] })()), 'insert')
        const reset = async () => {
          const flow = rightOf(await h.portal.passwordReset.request({ username: account.username, email: account.email }), 'request')
          rightOf(await h.portal.passwordReset.verifyEmail(flow.flowId, h.lastCode(account.email)), 'verify')
          rightOf(await h.portal.passwordReset.continue(flow.flowId), 'continue')
          return h.portal.passwordReset.setNewPassword(flow.flowId, { newPassword: temporary, confirmNewPassword: temporary })
        }
        const refused = await reset()
        assert.ok(E.isLeft(refused), 'the temporary password was set as the new password')
        assert.deepEqual(refused.left.map((e) => [e.code, e.field]), [['password.same-as-temporary', 'newPassword']])
        h.clock.advance({ days: 30 })
        rightOf(await reset(), 'after its 30 days it is a password like any other')
      }),
      { numRuns: 4 }
    )
  })
})

// -------------------------------------------------------------------------------------
// e-mail verification (src/accounts/email-verification.ts)
// -------------------------------------------------------------------------------------

/** A Random that hands out `stream` in order, then bytes ≥ 250 (which no digit may use). */
const streamRandom = (stream: ReadonlyArray<number>): Random & { readonly requested: number[] } => {
  let i = 0
  const requested: number[] = []
  return {
    requested,
    bytes: (n) => {
      requested.push(n)
      const out = Uint8Array.from({ length: n }, (_, k) => stream[i + k] ?? 255)
      i += n
      return out
    },
    uuid: () => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
  }
}

describe('drawDigits', () => {
  test('with a Random over arbitrary bytes, always returns exactly 6 digits: the first 6 bytes below 250, mod 10', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 250, max: 255 })), { maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 249 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 20 }),
        (noise, sixValid, tail) => {
          const stream = [...noise, ...sixValid, ...tail]
          const random = streamRandom(stream)
          const digits = drawDigits(random, 6)
          assert.match(digits, /^[0-9]{6}$/)
          const expected = stream.filter((b) => b < 250).slice(0, 6).map((b) => b % 10).join('')
          assert.equal(digits, expected)
        }
      )
    )
  })

  test('returns exactly `count` digits for any count, however many bytes it must discard', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 100 }), (count, prefix) => {
        const valid = Array.from({ length: count }, (_, k) => k % 250)
        const digits = drawDigits(streamRandom([...prefix, ...valid]), count)
        assert.equal(digits.length, count)
        assert.match(digits, /^[0-9]+$/)
      })
    )
  })
})

describe('verification codes through the portal', () => {
  const credentials = fc.record({ username: validUsername, password: b2cStrongPassword, email: validEmailAddress })

  test('a code e-mailed for one flow never verifies another flow (same address)', async () => {
    await fc.assert(
      fc.asyncProperty(credentials, validUsername, async (c, otherName) => {
        fc.pre(otherName.toLowerCase() !== c.username.toLowerCase())
        const h = hppHarness()
        const a = rightOf(await h.portal.signUp.start({ username: c.username, newPassword: c.password, confirmNewPassword: c.password, email: c.email }))
        const codeA = h.lastCode(c.email)
        const b = rightOf(await h.portal.signUp.start({ username: otherName, newPassword: c.password, confirmNewPassword: c.password, email: c.email }))
        const codeB = h.lastCode(c.email)
        // codeA typed into flow B, and codeB into flow A, are wrong (unless the two codes happen to be equal)
        if (codeA !== codeB) assert.deepEqual(codesOf(await h.portal.signUp.verifyEmail(b.flowId, codeA)), ['code.incorrect'])
        assert.deepEqual(codesOf(await h.portal.signUp.verifyEmail(a.flowId, codeB)), ['code.incorrect'])
        assert.ok(E.isRight(await h.portal.signUp.verifyEmail(b.flowId, codeB)))
      }),
      { numRuns: 8 }
    )
  })

  test('a code verifies once; a wrong code never does', async () => {
    await fc.assert(
      fc.asyncProperty(credentials, codeDigits, async (c, guess) => {
        const h = hppHarness()
        const flow = rightOf(await h.portal.signUp.start({ username: c.username, newPassword: c.password, confirmNewPassword: c.password, email: c.email }))
        const code = h.lastCode(c.email)
        if (guess !== code) assert.deepEqual(codesOf(await h.portal.signUp.verifyEmail(flow.flowId, guess)), ['code.incorrect'])
        const verified = rightOf(await h.portal.signUp.verifyEmail(flow.flowId, code))
        assert.equal(verified.state, 'email-verified')
        // the flow has moved on; the code cannot be used again for this flow
        assert.ok(E.isLeft(await h.portal.signUp.verifyEmail(flow.flowId, code)))
      }),
      { numRuns: 10 }
    )
  })

  test('wrong codes count across re-sent codes; the fifth locks the address until the code lifetime passes', async () => {
    await fc.assert(
      fc.asyncProperty(credentials, fc.integer({ min: 0, max: 4 }), async (c, beforeResend) => {
        const h = hppHarness()
        const flow = rightOf(await h.portal.signUp.start({ username: c.username, newPassword: c.password, confirmNewPassword: c.password, email: c.email }))
        const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')
        for (let i = 0; i < beforeResend; i++)
          assert.deepEqual(codesOf(await h.portal.signUp.verifyEmail(flow.flowId, wrong(h.lastCode(c.email)))), ['code.incorrect'])
        rightOf(await h.portal.signUp.resendCode(flow.flowId), 'resend')
        const verdicts: string[] = []
        for (let i = beforeResend; i < 5; i++) verdicts.push(...codesOf(await h.portal.signUp.verifyEmail(flow.flowId, wrong(h.lastCode(c.email)))))
        assert.deepEqual(verdicts, [...Array(4 - beforeResend).fill('code.incorrect'), 'code.too-many-attempts'])
        // locked: the right code is refused and no new code is sent
        assert.deepEqual(codesOf(await h.portal.signUp.verifyEmail(flow.flowId, h.lastCode(c.email))), ['code.too-many-attempts'])
        const sent = h.mailer.messages().length
        assert.deepEqual(codesOf(await h.portal.signUp.resendCode(flow.flowId)), ['code.too-many-attempts'])
        assert.equal(h.mailer.messages().length, sent)
        h.clock.advance({ seconds: 599 })
        assert.deepEqual(codesOf(await h.portal.signUp.resendCode(flow.flowId)), ['code.too-many-attempts'])
        h.clock.advance({ seconds: 1 })
        rightOf(await h.portal.signUp.resendCode(flow.flowId), 'resend after the lock')
        assert.ok(E.isRight(await h.portal.signUp.verifyEmail(flow.flowId, h.lastCode(c.email))))
      }),
      { numRuns: 10 }
    )
  })

  test('at most 10 codes are sent to an address (B2C), then code.too-many-codes', async () => {
    await fc.assert(
      fc.asyncProperty(credentials, async (c) => {
        const h = hppHarness()
        const flow = rightOf(await h.portal.signUp.start({ username: c.username, newPassword: c.password, confirmNewPassword: c.password, email: c.email }))
        for (let i = 0; i < 9; i++) rightOf(await h.portal.signUp.resendCode(flow.flowId), `resend ${i + 1}`)
        assert.equal(h.mailer.inbox(c.email).length, 10)
        assert.deepEqual(codesOf(await h.portal.signUp.resendCode(flow.flowId)), ['code.too-many-codes'])
        assert.equal(h.mailer.inbox(c.email).length, 10)
        // the tenth code still works
        assert.ok(E.isRight(await h.portal.signUp.verifyEmail(flow.flowId, h.lastCode(c.email))))
      }),
      { numRuns: 5 }
    )
  })

  test('at most 10 codes reach an address in 24 hours, sign-up and password-reset codes counted together, in any order', async () => {
    const sends = fc.array(fc.record({ purpose: fc.constantFrom('sign-up', 'password-reset'), minutes: fc.integer({ min: 0, max: 59 }) }), { minLength: 1, maxLength: 24 })
    await fc.assert(
      fc.asyncProperty(credentials, sends, async (c, plan) => {
        // 24 sends at most 59 minutes apart stay within 24 hours of the first.
        // Each send starts a flow of its own (a flow lasts an hour; the plan may span a day).
        const h = hppHarness()
        const outcomes: string[] = []
        for (const send of plan) {
          h.clock.advance({ minutes: send.minutes })
          const result =
            send.purpose === 'password-reset'
              ? await h.portal.passwordReset.request({ username: c.username, email: c.email })
              : await h.portal.signUp.start({ username: c.username, newPassword: c.password, confirmNewPassword: c.password, email: c.email })
          outcomes.push(E.isRight(result) ? 'sent' : codesOf(result).join(','))
        }
        const sent = Math.min(plan.length, 10)
        assert.deepEqual(outcomes, [...Array(sent).fill('sent'), ...Array(plan.length - sent).fill('code.too-many-codes')])
        assert.equal(h.mailer.inbox(c.email).length, sent)
      }),
      { numRuns: 25 }
    )
  })

  test('a code past its 600 s lifetime is expired', async () => {
    await fc.assert(
      fc.asyncProperty(credentials, fc.integer({ min: 600, max: 3599 }), async (c, late) => {
        const h = hppHarness()
        const flow = rightOf(await h.portal.signUp.start({ username: c.username, newPassword: c.password, confirmNewPassword: c.password, email: c.email }))
        h.clock.advance({ seconds: late })
        assert.deepEqual(codesOf(await h.portal.signUp.verifyEmail(flow.flowId, h.lastCode(c.email))), ['code.expired'])
        assert.equal(h.portal.messageFor({ code: 'code.expired', rule: '' } as never), 'That code is expired. Please request a new code.')
      }),
      { numRuns: 10 }
    )
  })
})
