/** What the portal itself says: its address, its sign-in page, whom to call. */
import { Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import { hpp } from '../src'
import { PortalWorld } from './world'

Then('the portal is reached at {string}', function (this: PortalWorld, url: string) {
  assert.equal(hpp.portalAddress.url, url)
})

Then('the recommended browsers are {string}', function (this: PortalWorld, list: string) {
  assert.deepEqual([...hpp.portalAddress.recommendedBrowsers], list.split(/, | and /))
})

Then('the sign-in page offers {string}', function (this: PortalWorld, action: string) {
  assert.ok((hpp.signInPage.actions as ReadonlyArray<string>).includes(action), `offers: ${hpp.signInPage.actions.join(', ')}`)
})

Then('the sign-in page asks for {string} and {string}', function (this: PortalWorld, a: string, b: string) {
  assert.deepEqual([...hpp.signInPage.fields], [a, b])
})

Then('{string} comes before {string} on the sign-in page', function (this: PortalWorld, first: string, second: string) {
  const actions = hpp.signInPage.actions as ReadonlyArray<string>
  assert.ok(actions.indexOf(first) >= 0 && actions.indexOf(first) < actions.indexOf(second))
})

When(
  '{persona}, a {planLine} member, asks for access to another member\'s account',
  function (this: PortalWorld, name: string, line: 'medicaid' | 'medicare' | 'chip') {
    this.persona(name)
    this.accessOutcome = hpp.requestAccessToAnotherMember(line)
  }
)

Then('{persona} is asked to call Member Relations at {string}', function (this: PortalWorld, _name: string, phone: string) {
  assert.ok(this.accessOutcome, 'nothing was asked')
  assert.equal(this.accessOutcome.outcome, 'contact-member-relations')
  assert.equal(this.accessOutcome.selfService, false)
  assert.equal(this.accessOutcome.phone, phone)
})

Then('TTY users are asked to dial {string}', function (this: PortalWorld, phone: string) {
  assert.ok(this.accessOutcome, 'nothing was asked')
  assert.equal(this.accessOutcome.ttyPhone, phone)
})

When('{persona} finds a data inconsistency or a technical issue', function (this: PortalWorld, name: string) {
  this.persona(name)
  this.supportOutcome = hpp.reportDataOrTechnicalIssue()
})

Then('{persona} is asked to call {string}', function (this: PortalWorld, _name: string, where: string) {
  assert.ok(this.supportOutcome, 'nothing was reported')
  assert.equal(this.supportOutcome.where, where)
})
