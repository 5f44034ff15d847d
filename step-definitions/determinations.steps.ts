/**
 * Determinations: the plan's reviewers decide a submitted request (the PAS
 * review actions: certified, partially certified, not certified, pended,
 * modified, cancelled), with an authorization number for what they approve
 * and a specific reason for what they deny or change; the provider's user
 * finds the outcome by the request's reference number.
 */
import { defineParameterType, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import type { ReviewActionCode } from '../src/prior-authorization/code-sets'
import type { RequestStatus, Submitted } from '../src/prior-authorization/determination'
import { PortalWorld } from './world'

/** A determination as people say it, with its PAS review action and the status it leads to. */
interface Decision {
  readonly reviewAction: ReviewActionCode
  readonly status: RequestStatus
}

const DECISIONS: Readonly<Record<string, Decision>> = {
  certified: { reviewAction: 'A1', status: 'certified' },
  'partially certified': { reviewAction: 'A2', status: 'partially-certified' },
  'not certified': { reviewAction: 'A3', status: 'not-certified' },
  pended: { reviewAction: 'A4', status: 'pended' },
  modified: { reviewAction: 'A6', status: 'modified' },
  cancelled: { reviewAction: 'C', status: 'cancelled' }
}

defineParameterType({
  name: 'decision',
  regexp: /partially certified|not certified|certified|pended|modified|cancelled/,
  transformer: (s: string): Decision => DECISIONS[s] as Decision
})

async function decide(world: PortalWorld, form: { reviewAction: string; authorizationNumber?: string; reasonCode?: string; reasonText?: string }): Promise<void> {
  assert.ok(world.submission, 'nothing was submitted')
  world.record(await world.portal.priorAuthorization.determine(world.submission.reference, form))
}

When("the plan's reviewer decides the request is {decision}", async function (this: PortalWorld, decision: Decision) {
  await decide(this, { reviewAction: decision.reviewAction })
})

When(
  "the plan's reviewer decides the request is {decision}, reason {string}: {string}",
  async function (this: PortalWorld, decision: Decision, reasonCode: string, reasonText: string) {
    await decide(this, { reviewAction: decision.reviewAction, reasonCode, reasonText })
  }
)

When(
  "the plan's reviewer decides the request is {decision} with authorization number {string}",
  async function (this: PortalWorld, decision: Decision, authorizationNumber: string) {
    await decide(this, { reviewAction: decision.reviewAction, authorizationNumber })
  }
)

When(
  "the plan's reviewer decides the request is {decision} with authorization number {string}, reason {string}: {string}",
  async function (this: PortalWorld, decision: Decision, authorizationNumber: string, reasonCode: string, reasonText: string) {
    await decide(this, { reviewAction: decision.reviewAction, authorizationNumber, reasonCode, reasonText })
  }
)

When("the plan's reviewer records the review action {string}", async function (this: PortalWorld, reviewAction: string) {
  await decide(this, { reviewAction })
})

Then('the reviewer is told {string}', function (this: PortalWorld, message: string) {
  assert.ok(this.messagesShown.includes(message), `shown: ${JSON.stringify(this.messagesShown)}`)
})

Then('the determination is recorded as made on time', function (this: PortalWorld) {
  this.expectSuccess()
  const decided = (this.lastResult as E.Right<Submitted>).right
  assert.equal(decided.determinations[decided.determinations.length - 1]?.timely, true)
})

Then('the determination is recorded as late', function (this: PortalWorld) {
  this.expectSuccess()
  const decided = (this.lastResult as E.Right<Submitted>).right
  assert.equal(decided.determinations[decided.determinations.length - 1]?.timely, false)
})

Then('{persona} finds the request {decision}', function (this: PortalWorld, _name: string, decision: Decision) {
  this.expectSuccess()
  const found = (this.lastResult as E.Right<Submitted>).right
  assert.equal(found.reference, this.submission?.reference)
  assert.equal(found.status, decision.status)
})

Then('the determination is refused for its authorization number', function (this: PortalWorld) {
  const fields = this.lastErrors.map((e) => e.field)
  assert.ok(fields.includes('authorizationNumber'), `refused for: ${JSON.stringify(fields)}`)
})
