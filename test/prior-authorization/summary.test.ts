/**
 * The summary report ("download or print a summary report for your records"):
 * the text and the HTML hold every value the provider entered, in the guide's
 * order under the guide's words, plus the reference, times, status and
 * determinations; hostile text is shown, never run; the HTML page is one
 * self-contained, printable document; and, rendered in headless Chromium with
 * print media, a reader sees all of it while the page asks the network for
 * nothing.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { determine, Submitted, summaryHtml, summaryText, SummaryContext, validateDetermination } from '../../src/prior-authorization'
import { Browser, chromiumInstalled, CHROMIUM, withChromium } from '../support/chromium'
import { pdfPageTexts } from '../support/pdf-text'
import { attachmentOf, CLINICAL_TEXT, DEFAULT_ATTACHMENTS, PDF_BYTES, submittedRequest } from '../support/submitted-request'

const CONTEXT: SummaryContext = {
  planName: 'Harmony Health Plan',
  zone: 'America/New_York',
  diagnosisDescriptions: new Map([
    ['M54.50', 'Low back pain, unspecified'],
    // an undotted key is found too
    ['M5116', 'Intervertebral disc disorders with radiculopathy, lumbar region']
  ])
}

const rightOf = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) assert.fail(JSON.stringify(r.left))
  return r.right
}

const HOSTILE = `<script>alert("x")</script> "&' </textarea><img src=x onerror=alert(1)>`

/** What every rendering must show for the default request, in order of the guide. */
const EXPECTED_IN_ORDER = [
  'HPA-7K2M9QXD',
  'November 22, 2026 at 9:41 AM EST',
  'Not certified',
  'November 29, 2026 at 9:41 AM EST',
  'Requesting Provider',
  'Riverside Family Practice',
  'HP001234',
  '1234567893',
  'Member',
  'Maria Lopez',
  'HX10002345',
  'July 4, 1962',
  'Place of Service and number of visits',
  '11 \u2013 Office',
  '6',
  'December 1, 2026',
  'Standard',
  'Diagnosis Code(s)',
  'M54.50',
  'Low back pain, unspecified',
  'M51.16',
  'Intervertebral disc disorders with radiculopathy, lumbar region',
  'Z96.641',
  'Procedure Code(s)',
  '97110',
  'CPT Category I',
  'Not shown: CPT descriptions are licensed by the AMA',
  '97140',
  'G0283',
  'HCPCS Level II',
  'Electrical stimulation (unattended), to one or more areas for indication(s) other than wound care, as part of a therapy plan of care',
  'Servicing Provider',
  'Tampa Bay Physical Therapy',
  'HP009877',
  '1588667786',
  'Clinicals',
  'referral-letter.pdf',
  'application/pdf',
  '77 bytes',
  DEFAULT_ATTACHMENTS[0]?.sha256 ?? '',
  'lumbar-xray.png',
  'image/png',
  '48,213 bytes (47.1 KB)',
  DEFAULT_ATTACHMENTS[1]?.sha256 ?? '',
  'Low back pain for 8 weeks; failed home exercise program.',
  'No red flags. Requesting physical therapy twice a week.',
  'Phone and fax numbers',
  '(813) 555-0143',
  '(813) 555-0144',
  '(813) 555-0199',
  'Submitted by',
  'Grace Okafor',
  'grace.okafor',
  'grace.okafor@riversidefp.com',
  '(813) 555-0143',
  'November 22, 2026 at 9:41 AM EST',
  'Determinations',
  'November 23, 2026 at 5:41 AM EST',
  'A4 \u2013 Pended',
  'November 25, 2026 at 11:46 AM EST',
  'A3 \u2013 Not certified',
  'MN01: Conservative therapy for less than 6 weeks is not documented.'
]

const denied = (overrides: Parameters<typeof submittedRequest>[0] = {}): Submitted =>
  submittedRequest({ denialReason: 'Conservative therapy for less than 6 weeks is not documented.', ...overrides })

const TWELVE_DIAGNOSES = ['M54.50', 'I10', 'E11.9', 'J45.909', 'R51.9', 'R05.1', 'U07.1', 'Z00.00', 'A00.0', 'C4A.0', 'T36.0X1A', 'Z3A.01']
const TEN_PROCEDURES = ['97110', '97140', '99213', '0001F', '0042T', 'G0283', 'J1885', 'E0114', '72148', '97035']
const TEN_ATTACHMENTS = Array.from({ length: 10 }, (_, i) =>
  attachmentOf(`clinical-note-${String(i + 1).padStart(2, '0')}.pdf`, 'application/pdf', new TextEncoder().encode(`%PDF-1.7 note ${i}`))
)
/** 4,000 characters of clinical text, in paragraphs. */
const LONG_TEXT = Array.from({ length: 40 }, (_, i) => `Visit ${String(i + 1).padStart(2, '0')}: lumbar pain 6/10, home exercise program continued, no red flags; plan reviewed.`.padEnd(99, '.'))
  .join('\n')
  .slice(0, 4000)

/** A long request: twelve diagnoses, ten procedures, ten attachments, 4,000 characters of text, two determinations. */
const longRequest = (): Submitted =>
  denied({ diagnoses: TWELVE_DIAGNOSES, procedures: TEN_PROCEDURES, attachments: TEN_ATTACHMENTS, clinicalText: LONG_TEXT })

/** Asserts that `haystack` holds each needle, each after the previous one. */
const assertInOrder = (haystack: string, needles: ReadonlyArray<string>, what: string) => {
  let from = 0
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from)
    assert.ok(at >= 0, `${what}: "${needle}" missing after position ${from}`)
    from = at + needle.length
  }
}

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' }

/** The text of an HTML page's body as a reader would see it, roughly: tags dropped, entities decoded. */
const visibleText = (html: string): string =>
  html
    .replace(/^[\s\S]*<body>/, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#?\w+);/g, (m, e: string) => ENTITY[e] ?? (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : m))
    .replace(/[ \t]+/g, ' ')

/** The start tags of a page, in order (name and attribute names, not values). */
const tagsOf = (html: string): string[] =>
  [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*>/g)].map(
    (m) => `${m[1]}${[...(m[2] ?? '').matchAll(/\s([a-zA-Z-]+)=/g)].map((a) => ` ${a[1]}`).join('')}`
  )

const EXTERNAL = /(?:\b(?:src|href|action|formaction|poster|data|srcset|background)\s*=\s*["']?\s*(?:https?:|\/\/))|url\s*\(|@import/i

describe('summary report: text', () => {
  test('shows every entered value in the guide\u2019s order, with reference, times, status and determinations', () => {
    const text = summaryText(denied(), CONTEXT)
    assertInOrder(text, EXPECTED_IN_ORDER, 'text')
    assert.ok(text.startsWith('Harmony Health Plan\nOutpatient Authorization Request \u2014 Summary\n'))
    assert.match(text, /Number of visits:\s+6\n/)
    assert.match(text, /Priority:\s+Standard \u2014 decision within 7 calendar days/)
    assert.match(text, /3\. Z96\.641\n/, 'a code without a description shows alone')
    assert.match(text, /ICD-10-CM descriptions \u2014 Source: CDC\./)
  })

  test('a pended request: status pended, no determination yet; an expedited one: 72 hours', () => {
    const text = summaryText(submittedRequest({ priority: 'expedited' }), CONTEXT)
    assert.match(text, /Status:\s+Pended \u2014 awaiting a decision/)
    assert.match(text, /Decision due by:\s+November 25, 2026 at 9:41 AM EST/)
    assert.match(text, /Priority:\s+Expedited \u2014 decision within 72 hours/)
    assert.match(text, /No determination yet\./)
  })

  test('what was not given says so: no NPI, no attachments, no clinical text, no servicing fax, no descriptions', () => {
    const request = submittedRequest({ requestingProvider: { npi: null }, attachments: [], clinicalText: null, servicingFax: null })
    const text = summaryText(request, { ...CONTEXT, diagnosisDescriptions: new Map() })
    assert.match(text, /NPI:\s+Not on file/)
    assert.match(text, /No attachments\./)
    assert.match(text, /Clinical information: No clinical information typed\./)
    assert.match(text, /Servicing Provider\u2019s fax number:\s+Not given/)
    assert.doesNotMatch(text, /Source: CDC/)
  })

  test('multi-line clinical text stays readable; control characters are neutralised', () => {
    const text = summaryText(submittedRequest({ clinicalText: 'line one\r\nline two\u001b[31m red\u0007\nline three' }), CONTEXT)
    assert.match(text, /Clinical information:\n {2}line one\n {2}line two\uFFFD\[31m red\uFFFD\n {2}line three\n/)
    assert.doesNotMatch(text, /[\u0000-\u0008\u000B-\u001F\u007F]/)
  })

  test('sizes, late decisions and unreadable times are shown plainly', () => {
    const tiny = attachmentOf('note.txt', 'text/plain', new Uint8Array([65]))
    const big = { ...attachmentOf('scan.pdf', 'application/pdf', PDF_BYTES), size: 3 * 1024 * 1024 + 512 * 1024 }
    const pended = submittedRequest({ attachments: [tiny, big] })
    const late = rightOf(
      determine(pended, rightOf(validateDetermination({ reviewAction: 'A1', authorizationNumber: 'AUTH-0042' })), DateTime.fromISO('2026-12-01T10:00:00', { zone: 'America/New_York' }))
    )
    const text = summaryText({ ...late, dueAt: 'not a time', determinations: [...late.determinations] }, CONTEXT)
    assert.match(text, /Size: 1 byte\n/)
    assert.match(text, /Size: 3,670,016 bytes \(3\.5 MB\)/)
    assert.match(text, /Status:\s+Certified/)
    assert.match(text, /Decision due by:\s+not a time/)
    assert.match(text, /Authorization number: AUTH-0042/)
    assert.match(text, /Decided by the due time: No \u2014 after the due time/)
    assert.match(summaryText(submittedRequest({ dateOfBirth: '1962-07-04', serviceDate: '2026-13-45' }), CONTEXT), /Date of service:\s+2026-13-45/)
    assert.match(summaryHtml(submittedRequest(), CONTEXT), /<p class="none">No determination yet\.<\/p>/)
  })

  test('the primary diagnosis is marked in words; HCPCS codes carry their CMS descriptor; CPT rows say why theirs is not shown', () => {
    const lines = summaryText(submittedRequest({ procedures: ['97110', 'J1100', 'E1223', '0042T'] }), CONTEXT).split('\n')
    assert.ok(lines.includes('1. M54.50 \u2014 Low back pain, unspecified \u2014 primary diagnosis'), lines.join('\n'))
    assert.ok(lines.includes('2. M51.16 \u2014 Intervertebral disc disorders with radiculopathy, lumbar region'), 'only the first is primary')
    assert.ok(lines.includes('3. Z96.641'))
    assert.ok(lines.includes('1. 97110 \u2014 CPT Category I \u2014 Not shown: CPT descriptions are licensed by the AMA'))
    assert.ok(lines.includes('2. J1100 \u2014 HCPCS Level II \u2014 Injection, dexamethasone sodium phosphate, 1 mg'))
    assert.ok(lines.includes('3. E1223 \u2014 HCPCS Level II \u2014 No description available'), 'a HCPCS code the excerpt lacks says so')
    assert.ok(lines.includes('4. 0042T \u2014 CPT Category III \u2014 Not shown: CPT descriptions are licensed by the AMA'))
    assert.ok(lines.includes('HCPCS Level II descriptions \u2014 Source: CMS (public domain).'))
    const cptOnly = summaryText(submittedRequest({ procedures: ['97110'] }), CONTEXT)
    assert.doesNotMatch(cptOnly, /Source: CMS/, 'no source is credited for descriptions not shown')
    const planTable = summaryText(submittedRequest({ procedures: ['E1223'] }), { ...CONTEXT, procedureDescriptions: new Map([['E1223', 'A plan\u2019s own descriptor']]) })
    assert.match(planTable, /1\. E1223 \u2014 HCPCS Level II \u2014 A plan\u2019s own descriptor\n/)
  })

  test('who submitted it and when: name, username, e-mail and phone; a phone the registration lacks says so', () => {
    const text = summaryText(submittedRequest(), CONTEXT)
    assert.match(text, /Submitted by:\s+Grace Okafor\n/)
    assert.match(
      text,
      /\nSubmitted by\n-{12}\nName:\s+Grace Okafor\nUsername:\s+grace\.okafor\nE-mail:\s+grace\.okafor@riversidefp\.com\nPhone number:\s+\(813\) 555-0143\nSubmitted:\s+November 22, 2026 at 9:41 AM EST\n/
    )
    const unlisted = summaryText(submittedRequest({ submittedBy: { phone: null } }), CONTEXT)
    assert.match(unlisted, /\nSubmitted by\n[\s\S]*Phone number:\s+Not on the provider\u2019s registration\n/)
  })

  test('an unknown zone keeps the stored offset rather than failing', () => {
    const text = summaryText(submittedRequest(), { ...CONTEXT, zone: 'Not/AZone' })
    assert.match(text, /Submitted:\s+November 22, 2026 at 9:41 AM UTC-5/)
  })
})

describe('summary report: HTML', () => {
  const html = summaryHtml(denied(), CONTEXT)

  test('one self-contained document: doctype, lang="en", title with the reference, inline print styles', () => {
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'))
    assert.equal(html.match(/<html\b/g)?.length, 1)
    assert.equal(html.match(/<\/html>/g)?.length, 1)
    assert.match(html, /<meta charset="utf-8">/)
    assert.match(html, /<title>Authorization request HPA-7K2M9QXD \u2013 Harmony Health Plan<\/title>/)
    assert.match(html, /<style>[\s\S]*@media print \{[\s\S]*<\/style>/)
    assert.match(html, /@page \{ size: letter;/)
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';/)
  })

  test('no script, no external URL, nothing loaded', () => {
    assert.doesNotMatch(html, /<script/i)
    assert.doesNotMatch(html, /<(?:link|img|iframe|object|embed|base|form|svg|video|audio|source)\b/i)
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event handler attributes')
    assert.doesNotMatch(html, EXTERNAL)
  })

  test('semantic structure: a section per step with an h2, definition lists, tables with column headers', () => {
    const headings = [...html.matchAll(/<h2 id="[a-z-]+">([^<]*)<\/h2>/g)].map((m) => m[1])
    assert.deepEqual(headings, [
      'Requesting Provider',
      'Member',
      'Place of Service and number of visits',
      'Diagnosis Code(s)',
      'Procedure Code(s)',
      'Servicing Provider',
      'Clinicals',
      'Phone and fax numbers',
      'Submitted by',
      'Determinations'
    ])
    assert.equal(html.match(/<section aria-labelledby=/g)?.length, 10)
    assert.ok((html.match(/<dl>/g)?.length ?? 0) >= 7)
    assert.ok((html.match(/<th scope="col">/g)?.length ?? 0) >= 4 + 4 + 4 + 5)
    assert.match(html, /<caption>ICD-10-CM diagnosis codes, primary first<\/caption>/)
  })

  test('shows every entered value in the guide\u2019s order', () => {
    assertInOrder(visibleText(html), EXPECTED_IN_ORDER, 'html')
  })

  test('the primary diagnosis\u2019s row says so in words; codes, identifiers and phone numbers are kept whole', () => {
    assert.match(html, /<tr class="primary"><td>1<\/td><td class="code">M54\.50<\/td><td>Low back pain, unspecified<\/td><td>Primary<\/td><\/tr>/)
    assert.equal(html.match(/<tr class="primary">/g)?.length, 1)
    assert.match(html, /<tr><td>2<\/td><td class="code">M51\.16<\/td><td>[^<]*<\/td><td>Additional<\/td><\/tr>/)
    assert.match(html, /<td class="code">G0283<\/td><td>HCPCS Level II<\/td><td>Electrical stimulation \(unattended\)/)
    assert.match(html, /<td class="code">97110<\/td><td>CPT Category I<\/td><td>Not shown: CPT descriptions are licensed by the AMA<\/td>/)
    for (const phone of ['(813) 555-0143', '(813) 555-0144', '(813) 555-0199']) assert.ok(html.includes(`<dd><span class="whole">${phone}</span></dd>`), phone)
    for (const id of ['HPA-7K2M9QXD', 'HP001234', '1234567893', 'HX10002345', 'grace.okafor']) assert.ok(html.includes(`<span class="whole">${id}</span>`), id)
    assert.match(html, /\.whole, td\.code \{ white-space: nowrap;/)
    assert.doesNotMatch(html, /td\.code[^{]*\{[^}]*break-all/, 'codes never break anywhere; only hashes do')
  })

  test('short tables are kept on one printed page; long ones may break, their header row repeated', () => {
    const long = summaryHtml(longRequest(), CONTEXT)
    const tables = (page: string) => [...page.matchAll(/<table( class="short")?><caption>([^<]*)<\/caption>/g)].map((m) => [m[2], m[1] !== undefined] as const)
    assert.deepEqual(tables(html), [
      ['ICD-10-CM diagnosis codes, primary first', true],
      ['CPT and HCPCS Level II procedure codes', true],
      ['Attached clinicals', true],
      ['Decisions recorded on this request, oldest first', true]
    ])
    assert.deepEqual(tables(long), [
      ['ICD-10-CM diagnosis codes, primary first', false],
      ['CPT and HCPCS Level II procedure codes', false],
      ['Attached clinicals', false],
      ['Decisions recorded on this request, oldest first', true]
    ])
    assert.match(long, /table\.short \{ break-inside: avoid;/)
    assert.match(long, /thead \{ display: table-header-group; \}/)
  })

  test('every printed page after the first names the request (reference, member) and every page is numbered N of M', () => {
    assert.match(html, /@page \{[^}]*@bottom-right \{ content: "Page " counter\(page\) " of " counter\(pages\);/)
    assert.match(html, /@page :first \{ @top-left \{ content: none; \} \}/)
    assert.match(html, /@page \{ @top-left \{ content: "Authorization request HPA-7K2M9QXD \\2014  Maria Lopez, Member ID HX10002345";/)
    // entered text reaches the style sheet only as escapes: it cannot end the string or the style element
    const hostile = summaryHtml(denied({ lastName: `Lopez"; } body { display: none } </style><script>alert(1)</script>\\` }), CONTEXT)
    const running = /@top-left \{ content: ("(?:[^"\\]|\\.)*");/.exec(hostile.slice(hostile.indexOf('@page :first')))?.[1] ?? ''
    assert.match(running, /^"Authorization request HPA-7K2M9QXD \\2014  Maria Lopez\\22 \\3b  \\7d  body/)
    assert.doesNotMatch(running.slice(1, -1), /["<>;{}]/)
    assert.equal(hostile.match(/<\/style>/g)?.length, 1)
    assert.doesNotMatch(hostile, /<script/i)
  })

  test('hostile text in names, clinical text, file names and reasons is escaped: shown, never parsed', () => {
    const texts = {
      requesting: `Dr. O'Brien & "Partners" ${HOSTILE}`,
      servicing: `</td></tr></table>${HOSTILE}`,
      firstName: `Jo<b>`,
      lastName: `"O'Hara" & <i>Sons</i>`,
      clinical: `Pain >8/10 & worsening. ${HOSTILE}\n<!-- -->]]></style><style>body{display:none}</style>`,
      fileName: `"><svg onload=alert(1)>.pdf`,
      reason: `Not medically necessary ${HOSTILE}`,
      plan: `Plan <script>alert(2)</script> & "Co"`
    }
    const render = (t: typeof texts) =>
      summaryHtml(
        submittedRequest({
          requestingProvider: { name: t.requesting },
          servicingProvider: { name: t.servicing },
          firstName: t.firstName,
          lastName: t.lastName,
          clinicalText: t.clinical,
          attachments: [attachmentOf(t.fileName, 'application/pdf', PDF_BYTES)],
          denialReason: t.reason
        }),
        { ...CONTEXT, planName: t.plan }
      )
    const page = render(texts)
    const harmless = render(Object.fromEntries(Object.keys(texts).map((k) => [k, 'harmless'])) as typeof texts)
    assert.deepEqual(tagsOf(page), tagsOf(harmless), 'the markup is the same as for harmless text')
    assert.doesNotMatch(page, /<script/i)
    assert.doesNotMatch(page, /<img|<svg|<i>|<b>|<\/style><style>/i)
    assert.match(page, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &quot;&amp;&#39;/)
    assert.match(page, /<title>Authorization request HPA-7K2M9QXD \u2013 Plan &lt;script&gt;alert\(2\)&lt;\/script&gt; &amp; &quot;Co&quot;<\/title>/)
    const seen = visibleText(page)
    for (const s of [texts.requesting, `${texts.firstName} ${texts.lastName}`, texts.fileName, texts.reason, 'Pain >8/10 & worsening.', texts.plan])
      assert.ok(seen.includes(s), `shown as typed: ${s}`)
    const text = summaryText(submittedRequest({ requestingProvider: { name: texts.requesting } }), CONTEXT)
    assert.ok(text.includes(`Dr. O'Brien & "Partners" ${HOSTILE}`), 'the text report shows it as typed')
  })

  test('property: whatever the text, the markup does not change and the text comes back as typed', () => {
    const awkward = fc.constantFrom('<', '>', '&', '"', "'", '<script>', '</style>', '<!--', '&amp;', '\u0000', '\r\n', '\u2028', '`', '${x}', '\uD800')
    const anyText = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), awkward), { maxLength: 12 }).map((parts) => parts.join(''))
    const render = (name: string, clinical: string | null, plan: string) =>
      summaryHtml(denied({ requestingProvider: { name }, clinicalText: clinical }), { ...CONTEXT, planName: plan })
    const withText = tagsOf(render('x', 'x', 'x'))
    const withoutText = tagsOf(render('x', null, 'x'))
    fc.assert(
      fc.property(anyText, anyText, anyText, (name, clinical, plan) => {
        const page = render(name, clinical.trim() === '' ? null : clinical, plan)
        assert.deepEqual(tagsOf(page), clinical.trim() === '' ? withoutText : withText)
        assert.doesNotMatch(page, /<script/i)
        const clean = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '\uFFFD')
        assert.ok(visibleText(page).includes(clean(name).replace(/[ \t]+/g, ' ')))
      }),
      { numRuns: 200 }
    )
  })
})

/** A page of the summary opened in Chromium: a Runtime.evaluate that must not throw, and the page's session. */
interface OpenedPage {
  readonly sessionId: string
  readonly url: string
  evaluate<T>(expression: string): Promise<T>
}

/** Writes `html` to a file under `dir` and opens it in a new tab of `browser` (`prepare` runs before the navigation). */
const openSummary = async (browser: Browser, dir: string, html: string, prepare: (sessionId: string) => Promise<void> = async () => undefined): Promise<OpenedPage> => {
  const file = path.join(dir, `summary-${Math.random().toString(36).slice(2)}.html`)
  fs.writeFileSync(file, html)
  const url = pathToFileURL(file).href
  const { targetId } = await browser.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })
  const { sessionId } = await browser.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
  await browser.send('Network.enable', {}, sessionId)
  await browser.send('Page.enable', {}, sessionId)
  await prepare(sessionId)
  const loaded = browser.waitFor('Page.loadEventFired', sessionId)
  const navigation = await browser.send<{ errorText?: string }>('Page.navigate', { url }, sessionId)
  assert.equal(navigation.errorText, undefined)
  await loaded
  return {
    sessionId,
    url,
    evaluate: async <T>(expression: string): Promise<T> => {
      const r = await browser.send<{ result: { value: T }; exceptionDetails?: unknown }>('Runtime.evaluate', { expression, returnByValue: true }, sessionId)
      assert.equal(r.exceptionDetails, undefined, `evaluating ${expression}`)
      return r.result.value
    }
  }
}

/** Runs `use` with Chromium and a scratch directory; never skipped: without Chromium the test fails and says how to get it. */
const inChromium = async (use: (browser: Browser, dir: string) => Promise<void>): Promise<void> => {
  assert.ok(chromiumInstalled(), `${CHROMIUM} is not installed: sudo apt-get install -y chromium (npm test does this itself when run as root), or set CHROMIUM_PATH`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpd-summary-'))
  try {
    await withChromium((browser) => use(browser, dir), { sessionTimeoutMs: 90_000 })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * For each needle, how many lines each of its occurrences in the page's text
 * spans (the distinct tops of the boxes of a Range over it), and how many
 * times it occurs.
 */
const LINES_SPANNED = `(needles) => {
  const out = Object.fromEntries(needles.map((n) => [n, []]))
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode())
    for (const n of needles)
      for (let at = node.data.indexOf(n); at >= 0; at = node.data.indexOf(n, at + 1)) {
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + n.length)
        out[n].push(new Set([...range.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top))).size)
      }
  return out
}`

describe('summary report: printed in headless Chromium', () => {
  test('codes, identifiers and phone numbers are never broken across lines, at 420 and at 320 px wide', { timeout: 120_000 }, async (t) => {
    // Every diagnosis described at length, so the description column presses on the code column.
    const descriptions = new Map(TWELVE_DIAGNOSES.map((c) => [c, `Described at length so that the column beside ${c} is squeezed when the window is narrow`]))
    const html = summaryHtml(longRequest(), { ...CONTEXT, diagnosisDescriptions: descriptions })
    const phones = ['(813) 555-0143', '(813) 555-0144', '(813) 555-0199']
    const needles = [...TWELVE_DIAGNOSES, ...TEN_PROCEDURES, 'HPA-7K2M9QXD', 'HP001234', '1234567893', 'HX10002345', 'HP009877', '1588667786', ...phones]
    await inChromium(async (browser, dir) => {
      for (const width of [420, 320]) {
        const page = await openSummary(browser, dir, html, async (sessionId) => {
          await browser.send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId)
        })
        assert.equal(await page.evaluate<number>('innerWidth'), width)
        const spans = await page.evaluate<Record<string, number[]>>(`(${LINES_SPANNED})(${JSON.stringify(needles)})`)
        for (const n of needles) {
          assert.ok((spans[n] ?? []).length > 0, `${width} px: ${n} is shown`)
          assert.deepEqual(spans[n], (spans[n] ?? []).map(() => 1), `${width} px: every ${n} on one line`)
        }
        // the office phone shows twice: the request's contact and the submitter's own
        assert.equal(spans['(813) 555-0143']?.length, 2)
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - innerWidth')
        assert.ok(overflow <= 0, `${width} px: nothing wider than the window (${overflow} px over)`)
        t.diagnostic(`${width} px: ${needles.length} codes, identifiers and phones measured, each on one line; page ${await page.evaluate<number>('document.documentElement.scrollHeight')} px tall`)
      }
    })
  })

  test('a long request prints with every page after the first naming the reference, the member and "Page N of M"; short tables whole, long ones with their header', { timeout: 120_000 }, async (t) => {
    const html = summaryHtml(longRequest(), CONTEXT)
    await inChromium(async (browser, dir) => {
      const page = await openSummary(browser, dir, html)
      const started = Date.now()
      const pdf = await browser.send<{ data: string }>('Page.printToPDF', { printBackground: false, preferCSSPageSize: true }, page.sessionId)
      const bytes = Buffer.from(pdf.data, 'base64')
      const pages = pdfPageTexts(bytes)
      const n = pages.length
      assert.ok(n >= 3, `a long request takes several pages (${n})`)
      pages.forEach((text, i) => {
        assert.ok(text.includes(`Page ${i + 1} of ${n}`), `page ${i + 1} says "Page ${i + 1} of ${n}":\n${text.slice(0, 400)}`)
        if (i === 0) assert.ok(!text.includes('Authorization request HPA-7K2M9QXD \u2014 Maria Lopez'), 'the first page has its own header instead')
        else assert.ok(text.includes('Authorization request HPA-7K2M9QXD \u2014 Maria Lopez, Member ID HX10002345'), `page ${i + 1} names the request:\n${text.slice(0, 400)}`)
      })
      // Cells wrap in print ("clinical-note-" / "01.pdf"): compare without white space.
      const squash = (s: string) => s.replace(/\s+/g, '')
      const pagesWith = (s: string) => pages.flatMap((text, i) => (squash(text).includes(squash(s)) ? [i] : []))
      // the determinations (a short table): caption and both rows on one page
      const decided = [...pagesWith('Decisions recorded on this request, oldest first'), ...pagesWith('A4 \u2013 Pended'), ...pagesWith('A3 \u2013 Not certified')]
      assert.equal(new Set(decided).size, 1, `the short determinations table is on one page (pages ${decided.map((i) => i + 1)})`)
      // the attachments (a long table): every page that shows a row shows the header row too
      for (const f of TEN_ATTACHMENTS) {
        assert.ok(pagesWith(f.fileName).length > 0, `the PDF shows ${f.fileName}`)
        for (const i of pagesWith(f.fileName)) assert.ok(pages[i]?.includes('File nameMedia typeSizeSHA-256'), `page ${i + 1} repeats the header row above ${f.fileName}`)
      }
      for (const code of TWELVE_DIAGNOSES) for (const i of pagesWith(code)) assert.ok(pages[i]?.includes('No.CodeDescriptionDiagnosis'), `page ${i + 1} repeats the header row above ${code}`)
      // everything is there: the primary mark, the submitter, the HCPCS descriptors and the CPT reason
      for (const s of ['Primary', 'Grace Okafor', 'grace.okafor@riversidefp.com', 'Injection, ketorolac tromethamine, per 15 mg', 'Not shown: CPT descriptions are licensed by the AMA', LONG_TEXT.slice(-60)])
        assert.ok(pagesWith(s).length > 0, `the PDF shows ${s}`)
      t.diagnostic(`long request: ${n} pages, PDF ${bytes.length} bytes, printed in ${Date.now() - started} ms`)
    })
  })

  test('a reader sees every value under print media; nothing is fetched; it prints to a real PDF', { timeout: 120_000 }, async (t) => {
    const request = denied({ clinicalText: `${CLINICAL_TEXT}\n${HOSTILE}` })
    const started = Date.now()
    await inChromium(async (browser, dir) => {
      const page = await openSummary(browser, dir, summaryHtml(request, CONTEXT), async (sessionId) => {
        await browser.send('Emulation.setEmulatedMedia', { media: 'print' }, sessionId)
      })
      const { evaluate, sessionId, url } = page

      assert.equal(await evaluate<boolean>("matchMedia('print').matches"), true, 'print media is emulated')
      const seen = await evaluate<string>('document.body.innerText')
      assertInOrder(seen, EXPECTED_IN_ORDER, 'what Chromium shows')
      assert.ok(seen.includes(HOSTILE), 'hostile clinical text is shown as typed')
      assert.equal(await evaluate<string>('document.title'), 'Authorization request HPA-7K2M9QXD \u2013 Harmony Health Plan')
      assert.equal(await evaluate<string>('document.documentElement.lang'), 'en')
      assert.equal(await evaluate<number>('document.scripts.length + document.images.length + document.querySelectorAll("iframe,object,embed,link,svg").length'), 0)
      assert.equal(await evaluate<number>("performance.getEntriesByType('resource').length"), 0, 'no subresource was loaded')
      // every section heading is visible in print, and the clinical text keeps its line breaks
      assert.equal(await evaluate<number>("[...document.querySelectorAll('h2')].filter((h) => h.offsetHeight > 0).length"), 10)
      assert.equal(await evaluate<string>("getComputedStyle(document.querySelector('.clinical-text')).whiteSpace"), 'pre-wrap')
      assert.equal(await evaluate<string>("getComputedStyle(document.querySelector('table.short')).breakInside"), 'avoid', 'a short table is kept whole in print')

      const requested = browser.events
        .filter((e) => e.method === 'Network.requestWillBeSent' && e.sessionId === sessionId)
        .map((e) => String((e.params.request as { url?: string } | undefined)?.url))
      assert.deepEqual(
        requested.filter((u) => u !== url),
        [],
        'no request but the page itself'
      )

      const pdf = await browser.send<{ data: string }>('Page.printToPDF', { printBackground: false, preferCSSPageSize: true }, sessionId)
      const bytes = Buffer.from(pdf.data, 'base64')
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-')
      assert.ok(bytes.length > 2000, `a PDF with content (${bytes.length} bytes)`)
      const pages = pdfPageTexts(bytes)
      assert.ok(pages[0]?.includes('HPA-7K2M9QXD') && pages[0].includes(`Page 1 of ${pages.length}`), 'the first page shows the reference and its number')
      t.diagnostic(`Chromium: ${requested.length} request(s) (the page), ${seen.length} characters visible, PDF ${bytes.length} bytes, ${pages.length} page(s), ${Date.now() - started} ms`)
    })
  })
})
