/**
 * The summary report of a submitted request ("download or print a summary
 * report for your records"): read the way a person reads it — the text's
 * sections under their headings, the printable page, and the Da Vinci PAS
 * Bundle that goes with the download.
 */
import { DataTable, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import type { RequestSummary } from '../src/prior-authorization/workflow'
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
