/**
 * The summary report of a submitted request ("download or print a summary
 * report for your records"): read the way a person reads it — the text's
 * sections under their headings, the printable page, and the Da Vinci PAS
 * Bundle that goes with the download.
 */
import { DataTable, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import type { RequestSummary } from '../src/prior-authorization/workflow'
import { independentErrors } from '../test/support/fhir-validators'
import { actingAs } from './authorization-request-pages'
import { PortalWorld } from './world'

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const report = (world: PortalWorld): RequestSummary => {
  world.expectSuccess()
  assert.ok(world.summaryReport, 'no summary report was downloaded')
  return world.summaryReport
}

/** The text's lines under a heading (a heading is a line underlined with dashes), up to the next heading. */
const section = (text: string, heading: string): ReadonlyArray<string> => {
  const lines = text.split('\n')
  const isHeading = (i: number) => (lines[i] ?? '') !== '' && /^-+$/.test(lines[i + 1] ?? '')
  const start = lines.findIndex((l, i) => l === heading && isHeading(i))
  assert.ok(start >= 0, `the summary report has no section "${heading}":\n${text}`)
  const rest = lines.slice(start + 2)
  const end = rest.findIndex((_, i) => isHeading(i + start + 2))
  return end < 0 ? rest : rest.slice(0, end)
}

/** The value a labelled line gives ("Status:  Not certified"), the first such line. */
const valueOf = (lines: ReadonlyArray<string>, label: string): string | undefined => {
  const pattern = new RegExp(`^\\s*(?:- )?${escapeRegExp(label)}:\\s+(.*)$`)
  for (const line of lines) {
    const m = pattern.exec(line)
    if (m !== null) return m[1]
  }
  return undefined
}

async function download(world: PortalWorld, name: string, reference: unknown): Promise<void> {
  const p = world.persona(name)
  world.summaryReport = world.record(await world.portal.priorAuthorization.summary(actingAs(p), reference))
}

When('{persona} downloads the summary report of the request', async function (this: PortalWorld, name: string) {
  assert.ok(this.submission, 'nothing was submitted')
  await download(this, name, this.submission.reference)
})

When('{persona} downloads the summary report of reference number {string}', async function (this: PortalWorld, name: string, reference: string) {
  await download(this, name, reference)
})

Then('the summary report reads:', function (this: PortalWorld, table: DataTable) {
  const lines = report(this).text.split('\n')
  for (const [label, value] of table.raw() as Array<[string, string]>) assert.equal(valueOf(lines, label), value, `${label}:\n${report(this).text}`)
})

Then('the summary report reads, under {string}:', function (this: PortalWorld, heading: string, table: DataTable) {
  const lines = section(report(this).text, heading)
  for (const [label, value] of table.raw() as Array<[string, string]>) assert.equal(valueOf(lines, label), value, `${heading} / ${label}:\n${lines.join('\n')}`)
})

Then('the summary report lists, under {string}:', function (this: PortalWorld, heading: string, table: DataTable) {
  const listed = section(report(this).text, heading).filter((l) => /^\d+\. /.test(l))
  assert.deepEqual(listed, table.raw().map(([line]) => line))
})

Then('the summary report reads the reference number of the request', function (this: PortalWorld) {
  assert.equal(valueOf(report(this).text.split('\n'), 'Reference number'), this.submission?.reference)
})

Then('the printable summary report shows {string}', function (this: PortalWorld, shown: string) {
  const { html } = report(this)
  assert.ok(html.includes(escapeHtml(shown)), `the page does not show ${JSON.stringify(shown)}`)
})

Then('the printable summary report marks {string}, and no other code, as the primary diagnosis', function (this: PortalWorld, code: string) {
  const rows = [...report(this).html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '')
  const primary = rows.filter((r) => r.includes('<td>Primary</td>'))
  assert.equal(primary.length, 1, `one row says "Primary": ${primary.join(' | ')}`)
  assert.ok(primary[0]?.includes(`>${escapeHtml(code)}</td>`), `the primary row is ${code}'s: ${primary[0]}`)
})

Then('the printable summary report runs no script and loads nothing from elsewhere', function (this: PortalWorld) {
  const { html } = report(this)
  assert.match(html, /^<!DOCTYPE html>/i)
  assert.doesNotMatch(html, /<script/i)
  assert.doesNotMatch(html, /\s(?:src|href)\s*=/i)
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/)
})

Then('the download carries the request as a Da Vinci PAS Claim for prior authorization', function (this: PortalWorld) {
  const { fhir, reference } = report(this)
  assert.equal(fhir.resourceType, 'Bundle')
  assert.ok(fhir.meta.profile?.some((p) => p.endsWith('/profile-pas-request-bundle')), JSON.stringify(fhir.meta))
  const claim = fhir.entry[0].resource
  assert.equal(claim.resourceType, 'Claim')
  assert.equal(claim.use, 'preauthorization')
  assert.ok(claim.identifier.some((i) => i.value === reference), JSON.stringify(claim.identifier))
})

Then("the download's Claim lists the ICD-10-CM diagnosis {string} first", function (this: PortalWorld, code: string) {
  const claim = report(this).fhir.entry[0].resource
  const primary = claim.diagnosis.find((d) => d.sequence === 1)
  const coding = primary?.diagnosisCodeableConcept.coding?.[0]
  assert.equal(coding?.system, 'http://hl7.org/fhir/sid/icd-10-cm')
  assert.equal(coding?.code, code)
})

// ── the PAS Bundle of the download, read as a payer's system reads it ─────

type Bundle = RequestSummary['fhir']
type Resource = Bundle['entry'][number]['resource']

const entryAt = (fhir: Bundle, reference: string | undefined): Resource | undefined => fhir.entry.find((e) => e.fullUrl === reference)?.resource

Then('the download carries the typed clinical information as a message to the plan', function (this: PortalWorld) {
  const claim = report(this).fhir.entry[0].resource
  const messages = (claim.supportingInfo ?? []).filter((s) => s.valueString !== undefined)
  assert.equal(messages.length, 1, JSON.stringify(claim.supportingInfo))
  assert.ok(!(claim.supportingInfo ?? []).some((s) => s.valueReference !== undefined), 'no document beside the message')
})

Then('the download carries the typed clinical information whole, as an attached text document', async function (this: PortalWorld) {
  const { fhir } = report(this)
  const claim = fhir.entry[0].resource
  assert.deepEqual((claim.supportingInfo ?? []).filter((s) => s.valueString !== undefined), [], 'no message text, cut short or not')
  const documents = (claim.supportingInfo ?? []).map((s) => entryAt(fhir, s.valueReference?.reference))
  assert.equal(documents.length, 1)
  const doc = documents[0]
  assert.ok(doc?.resourceType === 'DocumentReference')
  assert.match(doc.content[0]?.attachment.contentType ?? '', /^text\/plain/)
  const typed = Buffer.from(doc.content[0]?.attachment.data ?? '', 'base64').toString('utf8')
  const opened = this.authorizationRequest
  assert.ok(opened, 'no request was opened')
  const request = await this.portal.priorAuthorization.view(actingAs(opened.openedBy), opened.id)
  assert.ok(E.isRight(request) && request.right.state === 'submitted', 'the submitted request can be read')
  assert.equal(typed, request.right.clinicals.text, 'the whole text, as entered')
})

Then('the download describes the attachments as:', function (this: PortalWorld, table: DataTable) {
  const { fhir } = report(this)
  const shown = (fhir.entry[0].resource.supportingInfo ?? []).flatMap((s) => {
    const doc = entryAt(fhir, s.valueReference?.reference)
    const reportType = s.extension?.[0]?.extension?.find((e) => e.url === 'reportTypeCode')?.valueCodeableConcept?.coding[0]?.display
    return doc?.resourceType === 'DocumentReference' ? [[doc.content[0]?.attachment.title, doc.type.coding[0]?.display, reportType]] : []
  })
  assert.deepEqual(shown, table.raw())
})

Then(
  'the download names {string} as the requesting provider, at ZIP code {string}, with {persona} as its contact',
  function (this: PortalWorld, name: string, zipCode: string, contactName: string) {
    const { fhir } = report(this)
    const requestor = entryAt(fhir, fhir.entry[0].resource.provider.reference)
    assert.ok(requestor?.resourceType === 'Organization')
    assert.equal(requestor.name, name)
    assert.deepEqual(requestor.address?.map((a) => a.postalCode), [zipCode])
    assert.deepEqual(requestor.type?.[0]?.coding.map((c) => c.code), ['1P'])
    const contact = this.persona(contactName)
    assert.deepEqual(requestor.contact?.[0]?.name, { family: contact.lastName, given: [contact.firstName] })
    assert.ok(requestor.contact?.[0]?.telecom.some((t) => t.system === 'email' && t.value === contact.email), JSON.stringify(requestor.contact))
  }
)

Then("the download's Claim asks for {int} visits of each procedure from the date of service on", function (this: PortalWorld, visits: number) {
  const claim = report(this).fhir.entry[0].resource
  const serviceDate = claim.item[0]?.servicedPeriod.start
  assert.ok(serviceDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(serviceDate), JSON.stringify(claim.item[0]))
  for (const item of claim.item) {
    assert.deepEqual(item.servicedPeriod, { start: serviceDate }, 'from the date of service on, with no end the guide does not ask for')
    assert.equal(item.quantity.value, visits)
  }
})

Then('the download passes the FHIR R4 validators a payer uses', function (this: PortalWorld) {
  assert.deepEqual(independentErrors(report(this).fhir), [], 'the FHIR R4 JSON Schema and FHIR.js')
})
