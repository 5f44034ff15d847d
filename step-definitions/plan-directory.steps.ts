/** The plan's own records: its members and the Personal Representative IDs it issued. */
import { Given } from '@cucumber/cucumber'
import { PortalWorld } from './world'

Given(
  '{persona} is a member of the plan with Member ID {string}, born {string}',
  function (this: PortalWorld, name: string, memberId: string, born: string) {
    const p = this.persona(name)
    p.memberId = memberId
    p.dateOfBirth = born
    this.directory.members.push({ memberId, firstName: p.firstName, lastName: p.lastName, dateOfBirth: born })
  }
)

Given(
  'the plan issued Personal Representative ID {string} to {persona} to act for member {string}',
  function (this: PortalWorld, representativeId: string, name: string, memberId: string) {
    const p = this.persona(name)
    p.representativeId = representativeId
    this.directory.representatives.push({ representativeId, memberId, firstName: p.firstName, lastName: p.lastName })
  }
)

Given('{persona} uses the e-mail address {string}', function (this: PortalWorld, name: string, email: string) {
  this.persona(name).email = email
})

Given('{persona} chooses the username {string}', function (this: PortalWorld, name: string, username: string) {
  this.persona(name).username = username
})
