/**
 * "Usernames cannot be changed" (src/accounts/profile): whatever the account id
 * and the username asked for (an account that exists or not, a well-formed
 * username or any value at all), the answer is one `username.immutable` error
 * naming the username field, and the account keeps its username.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { AccountId } from '../../src/accounts'
import { anyInput, validUsername } from '../../src/testkit'
import { hppHarness, rightOf } from '../support/hpp-harness'

const JANE = { memberId: 'HP12345678', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985' }

/** A portal with Jane's active account, and her account id. */
const withJane = async () => {
  const h = hppHarness({ members: [JANE] })
  const flow = rightOf(await h.portal.signUp.start({ username: 'JaneDoe', newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: 'JaneDoe@gmail.com' }))
  rightOf(await h.portal.signUp.verifyEmail(flow.flowId, h.lastCode('JaneDoe@gmail.com')))
  const created = rightOf(await h.portal.signUp.create(flow.flowId, { ...JANE, iAmA: 'member' }))
  return { h, accountId: created.accountId }
}

describe('changeUsername', () => {
  test('any account id and any requested username: exactly one username.immutable error for the username field', async () => {
    const { h, accountId } = await withJane()
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant<unknown>(accountId), fc.uuid(), anyInput), fc.oneof(validUsername, fc.constant('JaneDoe'), anyInput), async (id, requested) => {
        const r = await h.portal.changeUsername(id, requested)
        assert.ok(E.isLeft(r))
        assert.deepEqual(
          r.left.map((e) => [e.code, e.field]),
          [['username.immutable', 'username']]
        )
        assert.equal(h.portal.messageFor(r.left[0]!), 'Usernames cannot be changed. To use a different username, register a new account.')
      }),
      { numRuns: 200 }
    )
    const jane = await h.ports.accounts.findById(accountId as AccountId)()
    assert.ok(E.isRight(jane) && O.isSome(jane.right))
    assert.equal(jane.right.value.username, 'JaneDoe')
  })

  test('the refusals that were returned before are no longer: an unknown account, a malformed username, no input', async () => {
    const { h } = await withJane()
    for (const [id, requested] of [['no-such-account', 'JaneDoe2026'], ['no-such-account', 'x'], [undefined, undefined], [{ __proto__: null }, 'a'.repeat(1 << 20)]] as const) {
      const r = await h.portal.changeUsername(id, requested)
      assert.deepEqual(E.isLeft(r) && r.left.map((e) => e.code), ['username.immutable'])
    }
  })
})
