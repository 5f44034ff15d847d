/** What the portal itself says: its address, its sign-in page, whom to call. */
import { Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import { harmony, hpp } from '../src'
import { PortalWorld } from './world'

/** What each portal shows of itself: its address, and its sign-in page's fields and actions (buttons and links, in order). */
interface Site {
  readonly url: string
  readonly signIn: { readonly fields: ReadonlyArray<string>; readonly actions: ReadonlyArray<string> }
}

const SITES: Readonly<Record<string, Site>> = {
  [hpp.preset.id]: { url: hpp.portalAddress.url, signIn: { fields: hpp.signInPage.fields, actions: hpp.signInPage.actions } },
  [harmony.preset.id]: {
    url: harmony.homePage.url,
    signIn: {
      fields: harmony.homePage.signIn.fields,
      actions: [harmony.homePage.signIn.button, ...(Object.keys(harmony.homePage.links) as ReadonlyArray<string>)]
    }
  }
}

const siteOf = (world: PortalWorld): Site => {
  const site = SITES[world.preset.id]
  if (site === undefined) throw new Error(`no site facts for the preset ${world.preset.id}`)
  return site
}

Then('the portal is reached at {string}', function (this: PortalWorld, url: string) {
  assert.equal(siteOf(this).url, url)
})

Then('the recommended browsers are {string}', function (this: PortalWorld, list: string) {
  assert.deepEqual([...hpp.portalAddress.recommendedBrowsers], list.split(/, | and /))
})

Then('the sign-in page offers {string}', function (this: PortalWorld, action: string) {
  const { actions } = siteOf(this).signIn
  assert.ok(actions.includes(action), `offers: ${actions.join(', ')}`)
})

Then('the sign-in page asks for {string} and {string}', function (this: PortalWorld, a: string, b: string) {
  assert.deepEqual([...siteOf(this).signIn.fields], [a, b])
})

Then('{string} comes before {string} on the sign-in page', function (this: PortalWorld, first: string, second: string) {
  const { actions } = siteOf(this).signIn
  assert.ok(actions.indexOf(first) >= 0 && actions.indexOf(first) < actions.indexOf(second))
})

Then('the secure sign-in is for {string} and {string} alike', function (this: PortalWorld, a: string, b: string) {
  assert.equal(this.preset.id, harmony.preset.id, 'only Harmony has one sign-in for members and providers')
  assert.deepEqual([...harmony.homePage.signIn.for], [a, b])
})

Then('{string} on the home page leads to the {string}', function (this: PortalWorld, link: string, destination: string) {
  assert.ok(link in harmony.homePage.links, `the home page has no link "${link}"`)
  assert.equal(harmony.destinationOf(link as keyof typeof harmony.homePage.links), destination)
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
