/**
 * Where the plan reaches the requesting office (step 9): a phone number and a
 * fax number, both required, and the Servicing Provider's fax number if the
 * person gives one. Numbers are typed as people type them.
 */
import { When } from '@cucumber/cucumber'
import type { ContactsForm } from '../src/prior-authorization/request'
import { actingAs, currentRequestId } from './authorization-request-pages'
import { PortalWorld } from './world'

async function giveContacts(world: PortalWorld, name: string, form: ContactsForm): Promise<void> {
  const p = world.persona(name)
  world.record(await world.portal.priorAuthorization.contacts(actingAs(p), currentRequestId(world), form))
}

When('{persona} gives the phone number {string} and the fax number {string}', async function (this: PortalWorld, name: string, phone: string, fax: string) {
  await giveContacts(this, name, { phone, fax })
})

When(
  "{persona} gives the phone number {string}, the fax number {string} and the Servicing Provider's fax number {string}",
  async function (this: PortalWorld, name: string, phone: string, fax: string, servicingFax: string) {
    await giveContacts(this, name, { phone, fax, servicingFax })
  }
)
