/** The plan's own records: its members, the Personal Representative IDs it issued, and its providers. */
import { Given } from '@cucumber/cucumber'
import { practiceDomain } from './personas'
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

Given(
  '{persona} is the office manager of {string}, Provider ID {string}, ZIP code {string}, Tax ID {string}',
  function (this: PortalWorld, name: string, practiceName: string, providerId: string, zipCode: string, taxId: string) {
    const p = this.persona(name)
    this.directory.providers.push({ providerId, name: practiceName, zipCode, taxId })
    p.practice = { name: practiceName, providerId, zipCode, taxId, phone: '(813) 555-0142' }
    p.email = `${p.firstName}.${p.lastName}@${practiceDomain(practiceName)}`.toLowerCase()
  }
)

Given('{persona} also works at {string}', function (this: PortalWorld, name: string, practiceName: string) {
  const practice = [...this.personas.values()].map((q) => q.practice).find((q) => q?.name === practiceName)
  if (practice === undefined) throw new Error(`nobody works at "${practiceName}" yet`)
  const p = this.persona(name)
  p.practice = practice
  p.email = `${p.firstName}.${p.lastName}@${practiceDomain(practiceName)}`.toLowerCase()
})
