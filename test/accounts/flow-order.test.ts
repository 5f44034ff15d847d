/**
 * A step taken out of order: one the flow has not reached yet says which step
 * comes first (`flow.step-not-reached`); one already done says so
 * (`flow.wrong-state`). Both presets word each.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { ensureState, Flow, FLOW_STATES } from '../../src/accounts/flow'
import { DomainError } from '../../src/kernel/errors'
import { codesOf, hppHarness, rightOf } from '../support/hpp-harness'
import { harmonyHarness, RIVERSIDE, RIVERSIDE_ABOUT } from '../support/harmony-harness'

const JANE = { username: 'JaneDoe', newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: 'JaneDoe@gmail.com' }
const JANE_PROFILE = { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985', iAmA: 'member', memberId: 'HP12345678' }
const GRACE_CHOICE = { username: 'GraceOkafor', securityQuestion: 'first-pet', securityAnswer: 'Biscuit the beagle' }

const onlyError = (r: E.Either<ReadonlyArray<DomainError>, unknown>): DomainError => {
  assert.ok(E.isLeft(r), 'expected a refusal')
  assert.equal(r.left.length, 1)
  return r.left[0] as DomainError
}

describe('a step the flow has not reached yet', () => {
  test('HPP: "Create" before the e-mail is verified asks to verify it first', async () => {
    const h = hppHarness()
    const flow = rightOf(await h.portal.signUp.start(JANE))
    const refusal = onlyError(await h.portal.signUp.create(flow.flowId, JANE_PROFILE))
    assert.equal(refusal.code, 'flow.step-not-reached')
    assert.equal(refusal.code === 'flow.step-not-reached' && refusal.needs, 'sign-up:email-verified')
    assert.equal(refusal.rule, 'this step needs the e-mail address verified first')
    assert.equal(h.portal.messageFor(refusal), 'Please verify your email address first.')
  })

  test('HPP: a code verified twice is a step already complete', async () => {
    const h = hppHarness()
    const flow = rightOf(await h.portal.signUp.start(JANE))
    const code = h.lastCode(JANE.email)
    rightOf(await h.portal.signUp.verifyEmail(flow.flowId, code))
    const refusal = onlyError(await h.portal.signUp.verifyEmail(flow.flowId, code))
    assert.equal(refusal.code, 'flow.wrong-state')
    assert.equal(h.portal.messageFor(refusal), 'That step is already complete. Please start again.')
  })

  test('HPP password reset: a new password before the code, then before "Continue", each asks for the step to take first', async () => {
    const h = hppHarness({ members: [{ memberId: 'HP12345678', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985' }] })
    const signUp = rightOf(await h.portal.signUp.start(JANE))
    rightOf(await h.portal.signUp.verifyEmail(signUp.flowId, h.lastCode(JANE.email)))
    rightOf(await h.portal.signUp.create(signUp.flowId, JANE_PROFILE))
    const reset = rightOf(await h.portal.passwordReset.request({ username: JANE.username, email: JANE.email }))
    const newPassword = { newPassword: 'Summer#2027', confirmNewPassword: 'Summer#2027' }
    const beforeCode = onlyError(await h.portal.passwordReset.setNewPassword(reset.flowId, newPassword))
    assert.equal(beforeCode.code === 'flow.step-not-reached' && beforeCode.needs, 'password-reset:email-verified')
    assert.equal(h.portal.messageFor(beforeCode), 'Please verify your email address first.')
    rightOf(await h.portal.passwordReset.verifyEmail(reset.flowId, h.lastCode(JANE.email)))
    const beforeContinue = onlyError(await h.portal.passwordReset.setNewPassword(reset.flowId, newPassword))
    assert.equal(beforeContinue.code === 'flow.step-not-reached' && beforeContinue.needs, 'password-reset:account-confirmed')
    assert.equal(h.portal.messageFor(beforeContinue), 'Please click “Continue” to confirm your account first.')
  })

  test('Harmony: "Create a username" before step 4 asks for the organisation and its users first', async () => {
    const h = harmonyHarness()
    const flow = rightOf(await h.portal.providerRegistration.identify(RIVERSIDE))
    const refusal = onlyError(await h.portal.providerRegistration.createUsername(flow.flowId, GRACE_CHOICE))
    assert.equal(refusal.code === 'flow.step-not-reached' && refusal.needs, 'provider-registration:described')
    assert.equal(h.portal.messageFor(refusal), 'Please tell us about your organization and its users (step 4) first.')
  })

  test('Harmony: a registration completed and submitted again is a step already complete', async () => {
    const h = harmonyHarness()
    const done = await h.register(RIVERSIDE, RIVERSIDE_ABOUT, GRACE_CHOICE)
    const again = await h.portal.providerRegistration.createUsername(done.flowId, GRACE_CHOICE)
    assert.deepEqual(codesOf(again), ['flow.wrong-state'])
    assert.equal(h.portal.messageFor(onlyError(again)), 'That step is already complete. Please start again from the registration form.')
  })
})

describe('ensureState', () => {
  const kinds = Object.keys(FLOW_STATES) as ReadonlyArray<Flow['kind']>
  const flowAndAccepted = fc.constantFrom(...kinds).chain((kind) => {
    const states = FLOW_STATES[kind] as ReadonlyArray<Flow['state']>
    return fc.record({
      kind: fc.constant(kind),
      state: fc.constantFrom(...states),
      accepted: fc.subarray([...states], { minLength: 1 })
    })
  })

  test('accepts exactly the given states; short of them it names the next step; past them it is already done', () => {
    fc.assert(
      fc.property(flowAndAccepted, ({ kind, state, accepted }) => {
        const order: ReadonlyArray<string> = FLOW_STATES[kind]
        const flow = { kind, state } as unknown as Flow
        const result = ensureState(flow, kind, ...accepted)
        if (accepted.includes(state)) return assert.ok(E.isRight(result))
        assert.ok(E.isLeft(result))
        const earliest = Math.min(...accepted.map((s) => order.indexOf(s)))
        if (order.indexOf(state) < earliest) {
          assert.equal(result.left.code, 'flow.step-not-reached')
          assert.equal(result.left.code === 'flow.step-not-reached' && result.left.needs, `${kind}:${order[order.indexOf(state) + 1]}`)
          assert.match(result.left.rule, /^this step needs .+ first$/)
        } else assert.equal(result.left.code, 'flow.wrong-state')
      })
    )
  })

  test('a step shared by two kinds judges a flow by its own kind\'s states only', () => {
    // HealthPartners' contact information serves the provider path (after "select your provider") and the billing path (after the organisation is named).
    const shared = ['provider-selected', 'organisation-named', 'contact-given'] as const
    const early = ensureState({ kind: 'provider-organisation', state: 'identified' } as unknown as Flow, 'provider-organisation', ...shared)
    assert.ok(E.isLeft(early))
    assert.equal(early.left.code, 'flow.step-not-reached')
    assert.equal(early.left.code === 'flow.step-not-reached' && early.left.needs, 'provider-organisation:provider-selected')
    const done = ensureState({ kind: 'billing-organisation', state: 'completed' } as unknown as Flow, 'billing-organisation', ...shared)
    assert.ok(E.isLeft(done))
    assert.equal(done.left.code, 'flow.wrong-state')
  })

  test('a flow of another kind is the wrong state, never a step not reached', () => {
    fc.assert(
      fc.property(flowAndAccepted, fc.constantFrom(...kinds), ({ kind, state }, asked) => {
        fc.pre(asked !== kind)
        const result = ensureState({ kind, state } as unknown as Flow, asked, FLOW_STATES[asked][1] as Flow['state'])
        assert.ok(E.isLeft(result))
        assert.equal(result.left.code, 'flow.wrong-state')
      })
    )
  })
})
