/**
 * The summary report of a submitted request ("Once you complete each
 * authorization request, you can download or print a summary report for your
 * records"): everything the provider entered, in the guide's step order and
 * under the guide's words, with the reference number, the submission time,
 * the status, the decision due time and every determination with its reason.
 *
 * Two renderings of one model: plain text (`summaryText`) and a self-contained,
 * printable HTML page (`summaryHtml`: one document, inline styles with print
 * rules, no scripts, nothing loaded from anywhere, every value escaped).
 *
 * @since 0.2.0
 */
import { DateTime } from 'luxon'
import { formatPhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import { IcdCode, placeOfServiceName, procedureCodeSystem, ProcedureCodeSystem, REVIEW_ACTIONS, undottedIcdCode } from './code-sets'
import { Determination, RequestStatus, Submitted } from './determination'
import { AttachmentRef, ProviderSummary } from './request'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What the summary needs that the request does not hold. */
export interface SummaryContext {
  /** The health plan's name, e.g. `Harmony Health Plan`. */
  readonly planName: string
  /** The plan's IANA time zone: times are shown there (`November 22, 2026 at 9:41 AM EST`). */
  readonly zone: string
  /** Short descriptions of diagnosis codes (dotted or undotted code → text); a code without one shows alone. */
  readonly diagnosisDescriptions: ReadonlyMap<string, string>
}

/** A label and its value. */
type Field = readonly [label: string, value: string]

/** One part of a section. */
type Block =
  | { readonly kind: 'fields'; readonly fields: ReadonlyArray<Field> }
  | {
      readonly kind: 'table'
      readonly caption: string
      readonly columns: ReadonlyArray<string>
      /** Columns shown in a monospace font (codes, hashes). */
      readonly mono: ReadonlyArray<number>
      readonly rows: ReadonlyArray<ReadonlyArray<string>>
      /** What a reader sees when there are no rows. */
      readonly empty: string
      /** The text rendering of one row (lines). */
      readonly text: (row: ReadonlyArray<string>) => ReadonlyArray<string>
    }
  | { readonly kind: 'text'; readonly label: string; readonly text: string | null; readonly empty: string }

interface Section {
  readonly id: string
  readonly heading: string
  readonly blocks: ReadonlyArray<Block>
}

interface SummaryModel {
  readonly title: string
  readonly planName: string
  readonly reference: string
  readonly overview: ReadonlyArray<Field>
  readonly sections: ReadonlyArray<Section>
  readonly notes: ReadonlyArray<string>
}

// -------------------------------------------------------------------------------------
// formatting
// -------------------------------------------------------------------------------------

// C0 and C1 controls other than tab and line feed: never shown (nor sent to a terminal or printer) as they are.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g

/** A value as it may be shown: line ends normalised, control characters replaced by U+FFFD. */
const clean = (s: string): string => s.replace(/\r\n?/g, '\n').replace(CONTROLS, '\uFFFD')

/** An instant (ISO) in the plan's zone, e.g. `November 22, 2026 at 9:41 AM EST`; an unknown zone keeps the stored offset. */
const formatInstant = (iso: string, zone: string): string => {
  const stored = DateTime.fromISO(iso, { setZone: true })
  if (!stored.isValid) return iso
  const inZone = stored.setZone(zone)
  return (inZone.isValid ? inZone : stored).setLocale('en-US').toFormat("MMMM d, yyyy 'at' h:mm a ZZZZ")
}

/** A calendar date (ISO `yyyy-MM-dd`), e.g. `March 14, 1985`. */
const formatDate = (iso: string): string => {
  const d = DateTime.fromISO(iso, { zone: 'utc' })
  return d.isValid ? d.setLocale('en-US').toFormat('MMMM d, yyyy') : iso
}

const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** A size in bytes, e.g. `48,213 bytes (47.1 KB)`. */
const formatSize = (bytes: number): string => {
  const exact = `${grouped(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`
  if (bytes < 1024) return exact
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB']
  return `${exact} (${value.toFixed(1)} ${unit})`
}

const SYSTEM_NAMES: { readonly [K in ProcedureCodeSystem]: string } = {
  'cpt-category-i': 'CPT Category I',
  'cpt-category-ii': 'CPT Category II',
  'cpt-category-iii': 'CPT Category III',
  'cpt-pla': 'CPT PLA',
  'hcpcs-level-ii': 'HCPCS Level II'
}

const STATUS_WORDS: { readonly [K in RequestStatus]: string } = {
  pended: 'Pended \u2014 awaiting a decision',
  certified: 'Certified',
  'partially-certified': 'Partially certified',
  'not-certified': 'Not certified',
  modified: 'Modified',
  cancelled: 'Cancelled'
}

const NOT_GIVEN = 'Not given'

/** The short description of a diagnosis code, under its dotted or undotted form. */
const describe = (descriptions: ReadonlyMap<string, string>, code: IcdCode): string =>
  descriptions.get(code) ?? descriptions.get(undottedIcdCode(code)) ?? ''

// -------------------------------------------------------------------------------------
// the model
// -------------------------------------------------------------------------------------

const providerFields = (p: ProviderSummary): ReadonlyArray<Field> => [
  ['Name', p.name],
  ['Provider ID number', p.providerId],
  ['NPI', p.npi ?? 'Not on file']
]

const phone = (p: PhoneNumber | null): string => (p === null ? NOT_GIVEN : formatPhoneNumber(p))

const determinationRow = (d: Determination, zone: string): ReadonlyArray<string> => [
  formatInstant(d.decidedAt, zone),
  `${d.reviewAction} \u2013 ${REVIEW_ACTIONS[d.reviewAction].display}`,
  d.reason === null ? '' : `${d.reason.code}: ${d.reason.text}`,
  d.authorizationNumber ?? '',
  d.timely ? 'Yes' : 'No \u2014 after the due time'
]

const attachmentRow = (a: AttachmentRef): ReadonlyArray<string> => [a.fileName, a.mediaType, formatSize(a.size), a.sha256]

const numbered = (row: ReadonlyArray<string>): ReadonlyArray<string> => [
  `${row[0] ?? ''}. ${row[1] ?? ''}${row[2] ? ` \u2014 ${row[2]}` : ''}`
]

const labelled =
  (columns: ReadonlyArray<string>) =>
  (row: ReadonlyArray<string>): ReadonlyArray<string> =>
    row.flatMap((value, i) => (value === '' ? [] : [`${i === 0 ? '-' : ' '} ${columns[i] ?? ''}: ${value}`]))

const ATTACHMENT_COLUMNS = ['File name', 'Media type', 'Size', 'SHA-256']
const DETERMINATION_COLUMNS = ['Decided', 'Review action', 'Reason', 'Authorization number', 'Decided by the due time']

/** Everything the summary shows, in the guide's order. */
const summaryModel = (request: Submitted, context: SummaryContext): SummaryModel => {
  const zone = context.zone
  const { service, codes, clinicals, contacts, member } = request
  const priority = service.priority === 'expedited' ? 'Expedited \u2014 decision within 72 hours' : 'Standard \u2014 decision within 7 calendar days'
  const described = codes.diagnoses.some((c) => describe(context.diagnosisDescriptions, c) !== '')
  return {
    title: `Authorization request ${request.reference} \u2013 ${context.planName}`,
    planName: context.planName,
    reference: request.reference,
    overview: [
      ['Reference number', request.reference],
      ['Submitted', formatInstant(request.submittedAt, zone)],
      ['Status', STATUS_WORDS[request.status]],
      ['Decision due by', formatInstant(request.dueAt, zone)]
    ],
    sections: [
      { id: 'requesting-provider', heading: 'Requesting Provider', blocks: [{ kind: 'fields', fields: providerFields(request.requestingProvider) }] },
      {
        id: 'member',
        heading: 'Member',
        blocks: [
          {
            kind: 'fields',
            fields: [
              ['Name', `${member.firstName} ${member.lastName}`],
              ['Member ID number', member.memberId],
              ['Date of birth', formatDate(member.dateOfBirth)]
            ]
          }
        ]
      },
      {
        id: 'place-of-service',
        heading: 'Place of Service and number of visits',
        blocks: [
          {
            kind: 'fields',
            fields: [
              ['Place of Service', `${service.placeOfService} \u2013 ${placeOfServiceName(service.placeOfService)}`],
              ['Number of visits', String(service.visits)],
              ['Date of service', formatDate(service.serviceDate)],
              ['Priority', priority]
            ]
          }
        ]
      },
      {
        id: 'diagnosis-codes',
        heading: 'Diagnosis Code(s)',
        blocks: [
          {
            kind: 'table',
            caption: 'ICD-10-CM diagnosis codes, primary first',
            columns: ['No.', 'Code', 'Description'],
            mono: [1],
            rows: codes.diagnoses.map((c, i) => [String(i + 1), c, describe(context.diagnosisDescriptions, c)]),
            empty: 'No diagnosis codes',
            text: numbered
          }
        ]
      },
      {
        id: 'procedure-codes',
        heading: 'Procedure Code(s)',
        blocks: [
          {
            kind: 'table',
            caption: 'CPT and HCPCS Level II procedure codes',
            columns: ['No.', 'Code', 'Code system'],
            mono: [1],
            rows: codes.procedures.map((c, i) => [String(i + 1), c, SYSTEM_NAMES[procedureCodeSystem(c)]]),
            empty: 'No procedure codes',
            text: numbered
          }
        ]
      },
      { id: 'servicing-provider', heading: 'Servicing Provider', blocks: [{ kind: 'fields', fields: providerFields(request.servicingProvider) }] },
      {
        id: 'clinicals',
        heading: 'Clinicals',
        blocks: [
          {
            kind: 'table',
            caption: 'Attached clinicals',
            columns: ATTACHMENT_COLUMNS,
            mono: [3],
            rows: clinicals.attachments.map(attachmentRow),
            empty: 'No attachments',
            text: labelled(ATTACHMENT_COLUMNS)
          },
          { kind: 'text', label: 'Clinical information', text: clinicals.text, empty: 'No clinical information typed' }
        ]
      },
      {
        id: 'phone-fax',
        heading: 'Phone and fax numbers',
        blocks: [
          {
            kind: 'fields',
            fields: [
              ['Phone number', phone(contacts.phone)],
              ['Fax number', phone(contacts.fax)],
              ['Servicing Provider\u2019s fax number', phone(contacts.servicingFax)]
            ]
          }
        ]
      },
      {
        id: 'determinations',
        heading: 'Determinations',
        blocks: [
          {
            kind: 'table',
            caption: 'Decisions recorded on this request, oldest first',
            columns: DETERMINATION_COLUMNS,
            mono: [],
            rows: request.determinations.map((d) => determinationRow(d, zone)),
            empty: 'No determination yet',
            text: labelled(DETERMINATION_COLUMNS)
          }
        ]
      }
    ],
    notes: [
      'Determinations are made based on medical necessity and appropriateness, and reflect the application of the Plan\u2019s approved review criteria guidelines.',
      ...(described ? ['ICD-10-CM descriptions \u2014 Source: CDC.'] : []),
      'CPT codes are shown without descriptions (CPT is a registered trademark of the American Medical Association).'
    ]
  }
}

// -------------------------------------------------------------------------------------
// plain text
// -------------------------------------------------------------------------------------

const underline = (s: string, c: string): string => c.repeat(Math.max(3, [...s].length))

/** Label/value lines, values aligned; a value's further lines are indented under its first. */
const fieldLines = (fields: ReadonlyArray<Field>): ReadonlyArray<string> => {
  const width = Math.max(...fields.map(([label]) => label.length)) + 2
  return fields.flatMap(([label, value]) => {
    const [first = '', ...rest] = clean(value).split('\n')
    return [`${`${label}:`.padEnd(width)} ${first}`.trimEnd(), ...rest.map((l) => `${' '.repeat(width + 1)}${l}`.trimEnd())]
  })
}

const blockLines = (block: Block): ReadonlyArray<string> => {
  switch (block.kind) {
    case 'fields':
      return fieldLines(block.fields)
    case 'table':
      return block.rows.length === 0 ? [`${block.empty}.`] : block.rows.flatMap((row) => block.text(row.map(clean)).flatMap((l) => l.split('\n')))
    case 'text':
      return block.text === null
        ? [`${block.label}: ${block.empty}.`]
        : [`${block.label}:`, ...clean(block.text).split('\n').map((l) => `  ${l}`.trimEnd())]
  }
}

/**
 * The summary report as plain text: the plan and the reference, the overview
 * (submitted, status, due time), then one titled part per step of the guide
 * and the determinations. Control characters in entered text are shown as
 * U+FFFD.
 *
 * @example
 * import { summaryText } from 'health-portal-domain/prior-authorization'
 * declare const request: import('health-portal-domain/prior-authorization').Submitted
 * const text: string = summaryText(request, { planName: 'Harmony Health Plan', zone: 'America/New_York', diagnosisDescriptions: new Map() })
 */
export const summaryText = (request: Submitted, context: SummaryContext): string => {
  const m = summaryModel(request, context)
  const title = 'Outpatient Authorization Request \u2014 Summary'
  const lines: string[] = [clean(m.planName), title, underline(title, '='), '', ...fieldLines(m.overview)]
  for (const section of m.sections) {
    lines.push('', section.heading, underline(section.heading, '-'))
    section.blocks.forEach((block, i) => {
      if (i > 0) lines.push('')
      lines.push(...blockLines(block))
    })
  }
  lines.push('', ...m.notes)
  return `${lines.join('\n')}\n`
}

// -------------------------------------------------------------------------------------
// HTML
// -------------------------------------------------------------------------------------

const ENTITIES: { readonly [c: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text safe in HTML content and in quoted attribute values. */
const escapeHtml = (s: string): string => clean(s).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)

const STYLE = `
@page { size: letter; margin: 0.6in; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 54rem; padding: 1.5rem; color: #111; background: #fff;
  font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { border-bottom: 2px solid #111; margin-bottom: 1rem; padding-bottom: .75rem; }
.plan { margin: 0; font-weight: 600; letter-spacing: .02em; }
h1 { font-size: 1.45rem; margin: .1rem 0 .6rem; }
h2 { font-size: 1.05rem; margin: 1.3rem 0 .45rem; padding-bottom: .15rem; border-bottom: 1px solid #888; }
dl { display: grid; grid-template-columns: minmax(11rem, max-content) 1fr; gap: .2rem 1rem; margin: 0; }
dl > div { display: contents; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: .25rem 0 .5rem; }
caption { text-align: left; font-size: .9em; color: #444; padding: 0 0 .2rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .6rem .25rem 0; border-bottom: 1px solid #ccc; }
thead th { border-bottom: 1px solid #111; }
td { overflow-wrap: break-word; }
.mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .92em; }
td.mono { word-break: break-all; }
.label { font-weight: 600; margin: .6rem 0 .2rem; }
.clinical-text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #bbb; padding: .5rem .6rem; margin: 0; }
.none { color: #555; font-style: italic; margin: .2rem 0; }
footer { margin-top: 1.75rem; border-top: 1px solid #888; padding-top: .5rem; font-size: .85em; color: #333; }
footer p { margin: .2rem 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; color: #000; }
  header { border-bottom-width: 1.5pt; }
  h2 { break-after: avoid-page; page-break-after: avoid; }
  table, dl { break-before: avoid-page; }
  tr, dl > div, .overview { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  caption, .none, footer { color: #000; }
  .clinical-text { border-color: #000; }
}
`
  .trim()
  .replace(/\n\s*/g, '\n')

const htmlBlock = (block: Block): string => {
  switch (block.kind) {
    case 'fields':
      return `<dl>${block.fields.map(([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`
    case 'table': {
      if (block.rows.length === 0) return `<p class="none">${escapeHtml(block.empty)}.</p>`
      const cell = (value: string, i: number) => (block.mono.includes(i) ? `<td class="mono">${escapeHtml(value)}</td>` : `<td>${escapeHtml(value)}</td>`)
      return [
        `<table><caption>${escapeHtml(block.caption)}</caption>`,
        `<thead><tr>${block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
        `<tbody>${block.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')}</tbody></table>`
      ].join('\n')
    }
    case 'text':
      return block.text === null
        ? `<p class="label">${escapeHtml(block.label)}</p><p class="none">${escapeHtml(block.empty)}.</p>`
        : `<p class="label">${escapeHtml(block.label)}</p><div class="clinical-text">${escapeHtml(block.text)}</div>`
  }
}

// Nothing may be loaded, run, framed or submitted, even if some markup slipped through.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'"

/**
 * The summary report as one self-contained, printable HTML page: `lang="en"`,
 * a title with the reference number, an inline style sheet with print rules
 * (US Letter, headings kept with what follows, table headers repeated), a
 * content security policy that loads nothing; no script, no image, no font,
 * no link; every value escaped. Sections are definition lists and tables.
 *
 * @example
 * import { summaryHtml } from 'health-portal-domain/prior-authorization'
 * declare const request: import('health-portal-domain/prior-authorization').Submitted
 * const page: string = summaryHtml(request, { planName: 'Harmony Health Plan', zone: 'America/New_York', diagnosisDescriptions: new Map() })
 */
export const summaryHtml = (request: Submitted, context: SummaryContext): string => {
  const m = summaryModel(request, context)
  const sections = m.sections.map(
    (s) =>
      `<section aria-labelledby="${s.id}">\n<h2 id="${s.id}">${escapeHtml(s.heading)}</h2>\n${s.blocks.map(htmlBlock).join('\n')}\n</section>`
  )
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(m.title)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<p class="plan">${escapeHtml(m.planName)}</p>`,
    '<h1>Outpatient Authorization Request \u2014 Summary</h1>',
    `<div class="overview">${htmlBlock({ kind: 'fields', fields: m.overview })}</div>`,
    '</header>',
    '<main>',
    ...sections,
    '</main>',
    `<footer>${m.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</footer>`,
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
