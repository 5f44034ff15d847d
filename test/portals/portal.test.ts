/**
 * The portal API at the edge: whatever a caller passes (a form, a flow id, a
 * code), every call resolves to an Either and never rejects or throws; every
 * error carries a stable code and a rule, and form errors name their field.
 * Also pins the public namespaces so an accidental removal fails here.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as api from '../../src'
import { ErrorCode } from '../../src/kernel/errors'
import { hppHarness } from '../support/hpp-harness'

const KNOWN_CODES = new Set<string>(Object.keys(api.hpp.messages))

const form = fc.record(
  {
    username: fc.anything(),
    newPassword: fc.anything(),
    confirmNewPassword: fc.anything(),
    email: fc.anything(),
    firstName: fc.anything(),
    lastName: fc.anything(),
    dateOfBirth: fc.anything(),
    iAmA: fc.oneof(fc.constantFrom('member', 'representative'), fc.anything()),
    memberId: fc.anything(),
    representativeId: fc.anything(),
    password: fc.anything()
  },
  { requiredKeys: [] }
)

const wellFormed = (result: E.Either<ReadonlyArray<{ code: string; rule: string; field?: string }>, unknown>) => {
  if (E.isRight(result)) return
  assert.ok(result.left.length > 0)
  for (const e of result.left) {
    assert.equal(typeof e.code, 'string')
    assert.ok(e.rule.length > 0, `${e.code} has no rule`)
    assert.notEqual(e.code, 'system.unexpected', `unexpected fault: ${JSON.stringify(e)}`)
    if (e.code.startsWith('field.') || e.code.startsWith('password.') || e.code.startsWith('date.')) assert.ok(e.field, `${e.code} names no field`)
  }
}

describe('the portal never throws on outside input', () => {
  test('every call resolves to a well-formed Either for arbitrary forms, ids and codes', async () => {
    const { portal } = hppHarness()
    await fc.assert(
      fc.asyncProperty(form, fc.anything(), fc.anything(), async (f, id, code) => {
        const calls = [
          portal.signUp.start(f),
          portal.signUp.resendCode(id),
          portal.signUp.verifyEmail(id, code),
          portal.signUp.changeEmail(id, f.email),
          portal.signUp.create(id, f),
          portal.signIn(f),
          portal.changeUsername(id, f.username),
          portal.passwordReset.request(f),
          portal.passwordReset.resendCode(id),
          portal.passwordReset.verifyEmail(id, code),
          portal.passwordReset.changeEmail(id, f.email),
          portal.passwordReset.continue(id),
          portal.passwordReset.setNewPassword(id, f)
        ]
        for (const result of await Promise.all(calls)) wellFormed(result)
      }),
      { numRuns: 60 }
    )
  })

  test('a started flow fed arbitrary codes and profiles stays well-formed', async () => {
    const { portal } = hppHarness()
    const started = await portal.signUp.start({ username: 'JaneDoe', newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: 'JaneDoe@gmail.com' })
    assert.ok(E.isRight(started))
    await fc.assert(
      fc.asyncProperty(fc.anything(), form, async (code, f) => {
        wellFormed(await portal.signUp.verifyEmail(started.right.flowId, code))
        wellFormed(await portal.signUp.create(started.right.flowId, f))
      }),
      { numRuns: 40 }
    )
  })

  test('a port that throws becomes a system.unexpected error, not a rejection', async () => {
    const { portal } = hppHarness({
      passwordHasher: {
        hash: () => () => Promise.reject(new Error('hasher exploded')),
        verify: () => () => {
          throw new Error('verify exploded')
        }
      }
    })
    const r = await portal.signUp.start({ username: 'JaneDoe', newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: 'JaneDoe@gmail.com' })
    assert.ok(E.isLeft(r))
    assert.equal(r.left[0]?.code, 'system.unexpected')
    const s = await portal.signIn({ username: 'JaneDoe', password: 'x' })
    assert.ok(E.isLeft(s))
  })
})

describe('wording', () => {
  test('the HPP preset words every error a person can meet; others fall back to the rule as a sentence', () => {
    const personFacing: ErrorCode[] = [
      'field.required', 'field.invalid', 'password.too-short', 'password.too-long', 'password.too-few-classes',
      'password.disallowed-character', 'password.mismatch', 'code.incorrect', 'code.expired', 'code.too-many-attempts',
      'code.too-many-codes', 'username.taken', 'account.not-found', 'sign-in.invalid-credentials', 'sign-in.throttled'
    ]
    for (const c of personFacing) assert.ok(KNOWN_CODES.has(c), `HPP has no wording for ${c}`)
    const say = api.messageFor(api.hpp.preset)
    assert.equal(say({ code: 'storage.conflict', rule: 'the account was changed by someone else' }), 'The account was changed by someone else.')
    assert.equal(say({ code: 'field.required', field: 'username', rule: 'username is required' }), 'This information is required.')
  })
})

describe('public API', () => {
  test('the root exports one namespace per context and the presets', () => {
    assert.deepEqual(Object.keys(api).sort(), ['accounts', 'capabilities', 'compliance', 'complianceReport', 'complianceReportMarkdown', 'complianceTableMarkdown', 'createPortal', 'credentials', 'defineCapability', 'definePreset', 'harmony', 'harp', 'healthpartners', 'hpp', 'kernel', 'messageFor', 'mfa', 'organizations', 'ports', 'priorAuthorization', 'proofing', 'standards'])
    for (const name of ['parseUsername', 'parseEmailAddress', 'parsePersonName', 'parseDateOfBirth', 'domainError', 'validateAll'])
      assert.equal(typeof (api.kernel as Record<string, unknown>)[name], 'function', `kernel.${name}`)
    for (const name of ['checkNewPassword', 'violations', 'issueCode', 'checkCode', 'digitsFromBytes', 'constantTimeEquals'])
      assert.equal(typeof (api.credentials as Record<string, unknown>)[name], 'function', `credentials.${name}`)
    for (const name of ['signUp', 'signIn', 'passwordReset', 'signUpFlow', 'passwordResetFlow', 'profile'])
      assert.equal(typeof (api.accounts as Record<string, unknown>)[name], 'object', `accounts.${name}`)
    assert.equal(typeof api.accounts.ensureNotThrottled, 'function')
    assert.equal(typeof api.hpp.requestAccessToAnotherMember, 'function')
    assert.deepEqual(Object.keys(api.ports), [])
  })
})
