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
import { chromiumInstalled, CHROMIUM, withChromium } from '../support/chromium'
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
  '97140',
  'G0283',
  'HCPCS Level II',
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
  'Determinations',
  'November 23, 2026 at 5:41 AM EST',
  'A4 \u2013 Pended',
  'November 25, 2026 at 11:46 AM EST',
  'A3 \u2013 Not certified',
  'MN01: Conservative therapy for less than 6 weeks is not documented.'
]

const denied = (overrides: Parameters<typeof submittedRequest>[0] = {}): Submitted =>
  submittedRequest({ denialReason: 'Conservative therapy for less than 6 weeks is not documented.', ...overrides })

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
      'Determinations'
    ])
    assert.equal(html.match(/<section aria-labelledby=/g)?.length, 9)
    assert.ok((html.match(/<dl>/g)?.length ?? 0) >= 6)
    assert.ok((html.match(/<th scope="col">/g)?.length ?? 0) >= 3 + 3 + 4 + 5)
    assert.match(html, /<caption>ICD-10-CM diagnosis codes, primary first<\/caption>/)
  })

  test('shows every entered value in the guide\u2019s order', () => {
    assertInOrder(visibleText(html), EXPECTED_IN_ORDER, 'html')
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


describe('summary report: printed in headless Chromium', () => {
  test('a reader sees every value under print media; nothing is fetched; it prints to a real PDF', { timeout: 120_000 }, async (t) => {
    // Never skipped: without Chromium this test fails and says how to get it.
    assert.ok(chromiumInstalled(), `${CHROMIUM} is not installed: sudo apt-get install -y chromium (npm test does this itself when run as root), or set CHROMIUM_PATH`)
    const request = denied({ clinicalText: `${CLINICAL_TEXT}\n${HOSTILE}` })
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpd-summary-'))
    try {
      const file = path.join(dir, 'summary.html')
      fs.writeFileSync(file, summaryHtml(request, CONTEXT))
      const url = pathToFileURL(file).href
      const started = Date.now()
      await withChromium(async (browser) => {
        const { targetId } = await browser.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })
        const { sessionId } = await browser.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
        await browser.send('Network.enable', {}, sessionId)
        await browser.send('Page.enable', {}, sessionId)
        await browser.send('Emulation.setEmulatedMedia', { media: 'print' }, sessionId)
        const loaded = browser.waitFor('Page.loadEventFired', sessionId)
        const navigation = await browser.send<{ errorText?: string }>('Page.navigate', { url }, sessionId)
        assert.equal(navigation.errorText, undefined)
        await loaded
        const evaluate = async <T>(expression: string): Promise<T> => {
          const r = await browser.send<{ result: { value: T }; exceptionDetails?: unknown }>('Runtime.evaluate', { expression, returnByValue: true }, sessionId)
          assert.equal(r.exceptionDetails, undefined, `evaluating ${expression}`)
          return r.result.value
        }

        assert.equal(await evaluate<boolean>("matchMedia('print').matches"), true, 'print media is emulated')
        const seen = await evaluate<string>('document.body.innerText')
        assertInOrder(seen, EXPECTED_IN_ORDER, 'what Chromium shows')
        assert.ok(seen.includes(HOSTILE), 'hostile clinical text is shown as typed')
        assert.equal(await evaluate<string>('document.title'), 'Authorization request HPA-7K2M9QXD \u2013 Harmony Health Plan')
        assert.equal(await evaluate<string>('document.documentElement.lang'), 'en')
        assert.equal(await evaluate<number>('document.scripts.length + document.images.length + document.querySelectorAll("iframe,object,embed,link,svg").length'), 0)
        assert.equal(await evaluate<number>("performance.getEntriesByType('resource').length"), 0, 'no subresource was loaded')
        // every section heading is visible in print, and the clinical text keeps its line breaks
        assert.equal(await evaluate<number>("[...document.querySelectorAll('h2')].filter((h) => h.offsetHeight > 0).length"), 9)
        assert.equal(await evaluate<string>("getComputedStyle(document.querySelector('.clinical-text')).whiteSpace"), 'pre-wrap')

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
        const pages = bytes.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0
        t.diagnostic(`Chromium: ${requested.length} request(s) (the page), ${seen.length} characters visible, PDF ${bytes.length} bytes, ${pages} page(s), ${Date.now() - started} ms`)
      })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
