/**
 * The summary report of a submitted request ("Once you complete each
 * authorization request, you can download or print a summary report for your
 * records"): everything the provider entered, in the guide's step order and
 * under the guide's words, with the reference number, the submission time,
 * the status, the decision due time and every determination with its reason.
 *
 * Two renderings of one model: plain text (`summaryText`) and a self-contained,
 * printable HTML page (`summaryHtml`: one document, inline styles with print
 * rules, no scripts, nothing loaded from anywhere, every value escaped). The
 * primary diagnosis is marked in words; HCPCS Level II codes carry their
 * public CMS descriptors and CPT rows say why theirs are not shown; the
 * person who submitted the request is named with how to reach them.
 *
 * @since 0.2.0
 */
import { DateTime } from 'luxon'
import { formatPhoneNumber, PhoneNumber } from '../kernel/us-identifiers'
import {
  describeProcedureCode,
  IcdCode,
  placeOfServiceName,
  ProcedureCode,
  procedureCodeSystem,
  ProcedureCodeSystem,
  ProcedureDescription,
  REVIEW_ACTIONS,
  undottedIcdCode
} from './code-sets'
import { Determination, RequestStatus, Submitted, Submitter } from './determination'
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
  /** HCPCS Level II descriptors (code → text), when the plan has a fuller table than the shipped excerpt. */
  readonly procedureDescriptions?: ReadonlyMap<string, string>
}

/** A label and its value; `whole` values (codes, identifiers, phone numbers) are never broken across lines. */
type Field = readonly [label: string, value: string, whole?: 'whole']

/** How a table column is set: text wraps; a code is monospace and never broken; a hash is monospace and breaks anywhere. */
type Column = 'text' | 'code' | 'hash'

/** One part of a section. */
type Block =
  | { readonly kind: 'fields'; readonly fields: ReadonlyArray<Field> }
  | {
      readonly kind: 'table'
      readonly caption: string
      readonly columns: ReadonlyArray<string>
      /** How each column is set. */
      readonly kinds: ReadonlyArray<Column>
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
  /** What names the request on every printed page after the first: its reference and its member. */
  readonly running: string
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
  ['Provider ID number', p.providerId, 'whole'],
  ['NPI', p.npi ?? 'Not on file', 'whole']
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

/** A numbered line: the number, then the non-empty cells joined by dashes, e.g. `1. M54.50 — Low back pain, unspecified`. */
const numbered = (row: ReadonlyArray<string>): ReadonlyArray<string> => [`${row[0] ?? ''}. ${row.slice(1).filter((c) => c !== '').join(' \u2014 ')}`]

const PRIMARY = 'Primary'

/** A diagnosis line, the primary one marked in words: `1. M54.50 — Low back pain, unspecified — primary diagnosis`. */
const diagnosisLine = (row: ReadonlyArray<string>): ReadonlyArray<string> =>
  numbered(row.slice(0, 3)).map((l) => (row[3] === PRIMARY ? `${l} \u2014 primary diagnosis` : l))

const PROCEDURE_WORDS: { readonly [K in ProcedureDescription['kind']]: string } = {
  described: '',
  licensed: 'Not shown: CPT descriptions are licensed by the AMA',
  'not-available': 'No description available'
}

/** What a reader is told of a procedure code: its HCPCS descriptor, or why there is none. */
const procedureWords = (d: ProcedureDescription): string => (d.kind === 'described' ? d.text : PROCEDURE_WORDS[d.kind])

const submitterName = (s: Submitter): string => `${s.firstName} ${s.lastName}`

const labelled =
  (columns: ReadonlyArray<string>) =>
  (row: ReadonlyArray<string>): ReadonlyArray<string> =>
    row.flatMap((value, i) => (value === '' ? [] : [`${i === 0 ? '-' : ' '} ${columns[i] ?? ''}: ${value}`]))

const ATTACHMENT_COLUMNS = ['File name', 'Media type', 'Size', 'SHA-256']
/** A table of at most this many rows is kept on one printed page. */
const SHORT_TABLE_ROWS = 8
const DETERMINATION_COLUMNS = ['Decided', 'Review action', 'Reason', 'Authorization number', 'Decided by the due time']

/** Everything the summary shows, in the guide's order. */
const summaryModel = (request: Submitted, context: SummaryContext): SummaryModel => {
  const zone = context.zone
  const { service, codes, clinicals, contacts, member } = request
  const priority = service.priority === 'expedited' ? 'Expedited \u2014 decision within 72 hours' : 'Standard \u2014 decision within 7 calendar days'
  const described = codes.diagnoses.some((c) => describe(context.diagnosisDescriptions, c) !== '')
  const procedures = codes.procedures.map((c): readonly [ProcedureCode, ProcedureDescription] => [c, describeProcedureCode(c, context.procedureDescriptions)])
  const submitter = request.submittedBy
  return {
    title: `Authorization request ${request.reference} \u2013 ${context.planName}`,
    planName: context.planName,
    reference: request.reference,
    running: `Authorization request ${request.reference} \u2014 ${member.firstName} ${member.lastName}, Member ID ${member.memberId}`,
    overview: [
      ['Reference number', request.reference, 'whole'],
      ['Submitted', formatInstant(request.submittedAt, zone)],
      ['Submitted by', submitterName(submitter)],
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
              ['Member ID number', member.memberId, 'whole'],
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
            columns: ['No.', 'Code', 'Description', 'Diagnosis'],
            kinds: ['text', 'code', 'text', 'text'],
            rows: codes.diagnoses.map((c, i) => [String(i + 1), c, describe(context.diagnosisDescriptions, c), i === 0 ? PRIMARY : 'Additional']),
            empty: 'No diagnosis codes',
            text: diagnosisLine
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
            columns: ['No.', 'Code', 'Code system', 'Description'],
            kinds: ['text', 'code', 'text', 'text'],
            rows: procedures.map(([c, d], i) => [String(i + 1), c, SYSTEM_NAMES[procedureCodeSystem(c)], procedureWords(d)]),
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
            kinds: ['text', 'text', 'text', 'hash'],
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
              ['Phone number', phone(contacts.phone), 'whole'],
              ['Fax number', phone(contacts.fax), 'whole'],
              ['Servicing Provider\u2019s fax number', phone(contacts.servicingFax), 'whole']
            ]
          }
        ]
      },
      {
        id: 'submitted-by',
        heading: 'Submitted by',
        blocks: [
          {
            kind: 'fields',
            fields: [
              ['Name', submitterName(submitter)],
              ['Username', submitter.username, 'whole'],
              ['E-mail', submitter.email],
              ['Phone number', submitter.phone === null ? 'Not on the provider\u2019s registration' : formatPhoneNumber(submitter.phone), 'whole'],
              ['Submitted', formatInstant(request.submittedAt, zone)]
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
            kinds: ['text', 'text', 'text', 'code', 'text'],
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
      ...(procedures.some(([, d]) => d.kind === 'described') ? ['HCPCS Level II descriptions \u2014 Source: CMS (public domain).'] : []),
      'CPT codes are shown without descriptions: they are licensed by the American Medical Association (CPT is a registered trademark of the AMA).'
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

// The page box: US Letter; every page numbered, every page after the first named (see `pageStyle`).
const STYLE = `
@page { size: letter; margin: 0.75in 0.6in;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8.5pt system-ui, Arial, sans-serif; color: #000; } }
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
.whole, td.code { white-space: nowrap; overflow-wrap: normal; word-break: keep-all; }
table { width: 100%; border-collapse: collapse; margin: .25rem 0 .5rem; }
caption { text-align: left; font-size: .9em; color: #444; padding: 0 0 .2rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .6rem .25rem 0; border-bottom: 1px solid #ccc; }
thead th { border-bottom: 1px solid #111; }
td { overflow-wrap: break-word; }
td.code, td.hash { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .92em; }
td.hash { word-break: break-all; }
tr.primary td { font-weight: 600; }
.label { font-weight: 600; margin: .6rem 0 .2rem; }
.clinical-text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #bbb; padding: .5rem .6rem; margin: 0; }
.none { color: #555; font-style: italic; margin: .2rem 0; }
footer { margin-top: 1.75rem; border-top: 1px solid #888; padding-top: .5rem; font-size: .85em; color: #333; }
footer p { margin: .2rem 0; }
@media (max-width: 30rem) {
  body { padding: 1rem .75rem; }
  dl { grid-template-columns: 1fr; gap: 0; }
  dd { margin-bottom: .35rem; }
  th, td { overflow-wrap: anywhere; padding-right: .4rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; color: #000; }
  header { border-bottom-width: 1.5pt; }
  h2 { break-after: avoid-page; page-break-after: avoid; }
  table, dl { break-before: avoid-page; }
  tr, dl > div, .overview { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  table.short { break-inside: avoid; page-break-inside: avoid; }
  caption, .none, footer { color: #000; }
  .clinical-text { border-color: #000; }
}
`
  .trim()
  .replace(/\n\s*/g, '\n')

const fieldValue = (value: string, whole: 'whole' | undefined): string =>
  whole === undefined ? escapeHtml(value) : `<span class="whole">${escapeHtml(value)}</span>`

const htmlBlock = (block: Block): string => {
  switch (block.kind) {
    case 'fields':
      return `<dl>${block.fields.map(([label, value, whole]) => `<div><dt>${escapeHtml(label)}</dt><dd>${fieldValue(value, whole)}</dd></div>`).join('')}</dl>`
    case 'table': {
      if (block.rows.length === 0) return `<p class="none">${escapeHtml(block.empty)}.</p>`
      const cell = (value: string, i: number) => {
        const kind = block.kinds[i] ?? 'text'
        return kind === 'text' ? `<td>${escapeHtml(value)}</td>` : `<td class="${kind}">${escapeHtml(value)}</td>`
      }
      // The primary diagnosis's row says so in words (its last cell); the bold weight only repeats it.
      const row = (r: ReadonlyArray<string>) => `<tr${r[r.length - 1] === PRIMARY ? ' class="primary"' : ''}>${r.map(cell).join('')}</tr>`
      return [
        `<table${block.rows.length <= SHORT_TABLE_ROWS ? ' class="short"' : ''}><caption>${escapeHtml(block.caption)}</caption>`,
        `<thead><tr>${block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
        `<tbody>${block.rows.map(row).join('\n')}</tbody></table>`
      ].join('\n')
    }
    case 'text':
      return block.text === null
        ? `<p class="label">${escapeHtml(block.label)}</p><p class="none">${escapeHtml(block.empty)}.</p>`
        : `<p class="label">${escapeHtml(block.label)}</p><div class="clinical-text">${escapeHtml(block.text)}</div>`
  }
}

/** Text as a CSS string's content: everything but plain letters, digits and a little punctuation as a hex escape, so no quote, backslash or `</style>` can end it. */
const cssString = (s: string): string => `"${[...clean(s).replace(/\n/g, ' ')].map((c) => (/^[A-Za-z0-9 ,.:()-]$/.test(c) ? c : `\\${(c.codePointAt(0) ?? 0xfffd).toString(16)} `)).join('')}"`

/** The page rules that name the request: on every printed page after the first, its reference and its member. */
const pageStyle = (m: SummaryModel): string =>
  `@page :first { @top-left { content: none; } }\n@page { @top-left { content: ${cssString(m.running)}; font: 8.5pt system-ui, Arial, sans-serif; color: #000; } }`

// Nothing may be loaded, run, framed or submitted, even if some markup slipped through.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'"

/**
 * The summary report as one self-contained, printable HTML page: `lang="en"`,
 * a title with the reference number, an inline style sheet with print rules
 * (US Letter; every page numbered "Page N of M" and every page after the
 * first naming the reference and the member, in CSS page margin boxes, so a
 * page printed from the reader's own browser stands on its own (Chromium 131
 * and later draw them; a browser without margin boxes prints the pages
 * without those lines); headings kept with what
 * follows; short tables kept whole, long ones repeating their header row;
 * codes, identifiers and phone numbers never broken across lines, at any
 * width), a content security policy that loads nothing; no script, no image,
 * no font, no link; every value escaped. Sections are definition lists and
 * tables.
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
    `<style>\n${STYLE}\n${pageStyle(m)}\n</style>`,
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
