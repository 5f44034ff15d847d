/**
 * Clinicals (step 8): documents attached to a request and/or the clinical
 * information typed into its text box. A file is described as people see it
 * (its name, its type, its size); the steps make bytes of that type, or of
 * another type when the table says what the file really contains.
 */
import { DataTable, When } from '@cucumber/cucumber'
import type { ClinicalsForm } from '../src/prior-authorization/request'
import { actingAs, currentRequestId } from './authorization-request-pages'
import { uploadsFrom } from './files'
import { PortalWorld } from './world'

async function giveClinicals(world: PortalWorld, name: string, form: ClinicalsForm): Promise<void> {
  const p = world.persona(name)
  world.record(await world.portal.priorAuthorization.clinicals(actingAs(p), currentRequestId(world), form))
}

When('{persona} attaches these clinicals:', async function (this: PortalWorld, name: string, table: DataTable) {
  await giveClinicals(this, name, { attachments: uploadsFrom(table) })
})

When('{persona} attaches these clinicals and types {string}:', async function (this: PortalWorld, name: string, text: string, table: DataTable) {
  await giveClinicals(this, name, { attachments: uploadsFrom(table), text })
})

When('{persona} attaches {int} clinical notes', async function (this: PortalWorld, name: string, n: number) {
  const notes = Array.from({ length: n }, (_, i) => ({
    fileName: `progress-note-${i + 1}.txt`,
    mediaType: 'text/plain',
    content: new TextEncoder().encode(`Progress note ${i + 1}: low back pain, range of motion improving.\n`)
  }))
  await giveClinicals(this, name, { attachments: notes })
})

When('{persona} types the clinical information {string}', async function (this: PortalWorld, name: string, text: string) {
  await giveClinicals(this, name, { text })
})

When('{persona} types {int} characters of clinical information', async function (this: PortalWorld, name: string, n: number) {
  const sentence = 'Low back pain for 8 weeks, worse on standing; no red flags. '
  await giveClinicals(this, name, { text: sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n - 1) + '.' })
})

When('{persona} neither attaches clinicals nor types any clinical information', async function (this: PortalWorld, name: string) {
  await giveClinicals(this, name, { attachments: [], text: '   ' })
})
