/**
 * The text of each page of a PDF that Chromium's printToPDF wrote (Skia/PDF),
 * read without any tool to install: objects are scanned in order (a stream is
 * skipped by its /Length, so its bytes are never mistaken for syntax), Flate
 * streams are inflated with node:zlib, the page tree gives the pages in
 * order, and each page's content stream is read for its text-showing
 * operators (Tj, TJ) in the font set by Tf, whose ToUnicode CMap turns glyph
 * codes back into characters; a span marked with /ActualText (Skia's
 * ligatures: "fi") reads as that text. Pieces on the same baseline join into
 * one line; a new baseline starts a new line. Enough for Skia's output (Type0 fonts,
 * Identity-H, hex strings), not a general PDF reader: anything else fails
 * loudly rather than reading wrong.
 */
import { inflateSync } from 'node:zlib'

interface PdfObject {
  readonly dict: string
  readonly stream: Buffer | null
}

const fail = (why: string): never => {
  throw new Error(`pdf-text: ${why}`)
}

/** Every indirect object, by number: its dictionary (or value) and its stream, inflated when Flate-encoded. */
const objectsOf = (pdf: Buffer): ReadonlyMap<number, PdfObject> => {
  const text = pdf.toString('latin1')
  const objects = new Map<number, PdfObject>()
  const header = /(\d+) 0 obj\b/g
  let m: RegExpExecArray | null
  while ((m = header.exec(text)) !== null) {
    const start = m.index + m[0].length
    const streamAt = text.indexOf('stream', start)
    const endAt = text.indexOf('endobj', start)
    if (endAt < 0) fail(`object ${m[1]} has no endobj`)
    if (streamAt >= 0 && streamAt < endAt) {
      const dict = text.slice(start, streamAt)
      const length = /\/Length (\d+)(?! \d+ R)/.exec(dict)
      if (length === null) fail(`object ${m[1]}: a stream without a direct /Length`)
      let from = streamAt + 'stream'.length
      if (text[from] === '\r') from++
      if (text[from] === '\n') from++
      const raw = pdf.subarray(from, from + Number(length?.[1]))
      objects.set(Number(m[1]), { dict, stream: /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : raw })
      header.lastIndex = text.indexOf('endobj', from + raw.length) + 'endobj'.length
    } else {
      objects.set(Number(m[1]), { dict: text.slice(start, endAt), stream: null })
      header.lastIndex = endAt + 'endobj'.length
    }
  }
  return objects
}

const ref = (s: string, key: string): number | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(s)
  return m === null ? undefined : Number(m[1])
}

const refs = (s: string): number[] => [...s.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))

const get = (objects: ReadonlyMap<number, PdfObject>, n: number | undefined, what: string): PdfObject =>
  (n === undefined ? undefined : objects.get(n)) ?? fail(`${what} (object ${n}) is missing`)

/** The pages' object numbers in order, from the catalog's page tree. */
const pagesOf = (objects: ReadonlyMap<number, PdfObject>): number[] => {
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.dict)) ?? fail('no catalog')
  const walk = (n: number, depth: number): number[] => {
    if (depth > 32) fail('the page tree is too deep')
    const node = get(objects, n, 'a page tree node')
    if (/\/Type\s*\/Page\b(?!s)/.test(node.dict)) return [n]
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict) ?? fail(`page tree node ${n} has no /Kids`)
    return refs(kids[1] ?? '').flatMap((k) => walk(k, depth + 1))
  }
  return walk(ref(catalog.dict, 'Pages') ?? fail('the catalog has no /Pages'), 0)
}

/** A ToUnicode CMap: glyph code (hex) → text. */
const cmapOf = (cmap: string): ReadonlyMap<string, string> => {
  const map = new Map<string, string>()
  const utf16 = (hex: string): string => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)))
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, unicode] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set((code ?? '').toUpperCase(), utf16(unicode ?? ''))
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, first] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const from = parseInt(lo ?? '', 16)
      const to = parseInt(hi ?? '', 16)
      if (to - from > 0xffff) fail('a bfrange too wide')
      const base = parseInt(first ?? '', 16)
      for (let c = from; c <= to; c++) map.set(c.toString(16).toUpperCase().padStart((lo ?? '').length, '0'), String.fromCharCode(base + c - from))
    }
  return map
}

/** The fonts of a page's resources: resource name → its ToUnicode map. */
const fontsOf = (objects: ReadonlyMap<number, PdfObject>, page: PdfObject): ReadonlyMap<string, ReadonlyMap<string, string>> => {
  const resources = /\/Resources\s*(\d+) 0 R/.exec(page.dict)
  const dict = resources === null ? page.dict : get(objects, Number(resources[1]), 'the page resources').dict
  const fonts = /\/Font\s*<<([^>]*)>>/.exec(dict)
  const out = new Map<string, ReadonlyMap<string, string>>()
  for (const [, name, n] of (fonts?.[1] ?? '').matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) {
    const font = get(objects, Number(n), `font ${name}`)
    const toUnicode = get(objects, ref(font.dict, 'ToUnicode'), `the ToUnicode map of font ${name}`)
    out.set(name ?? '', cmapOf((toUnicode.stream ?? fail('a ToUnicode map without a stream')).toString('latin1')))
  }
  return out
}

/** A literal string's bytes as text (the escapes of PDF 32000-1 §7.3.4.2), for /ActualText. */
const literal = (token: string): string =>
  token
    .slice(1, -1)
    .replace(/\\([0-7]{1,3}|.)/g, (_, e: string) =>
      /^[0-7]+$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e
    )

/** The text a content stream shows, line by line. */
const textOf = (content: string, fonts: ReadonlyMap<string, ReadonlyMap<string, string>>): string => {
  const tokens = content.match(/<[0-9A-Fa-f\s]*>|\[|\]|\/[^\s/<>[\]()]+|-?[0-9.]+|[A-Za-z'"*]+|\((?:\\.|[^\\)])*\)/g) ?? []
  let font: ReadonlyMap<string, string> | undefined
  let line: number | null = null
  let y = 0
  let text = ''
  const operands: string[] = []
  // Marked-content spans open at the moment; one with /ActualText shows that text once, for all its glyphs.
  const spans: Array<{ actual: string | null; shown: boolean }> = []
  const show = (hex: string) => {
    if (font === undefined) fail('text shown before any font was set')
    const span = [...spans].reverse().find((m) => m.actual !== null)
    const codes = hex.replace(/\s/g, '').toUpperCase().match(/.{4}/g) ?? []
    const shown = span !== undefined ? (span.shown ? '' : (span.actual ?? '')) : codes.map((c) => font?.get(c) ?? '\uFFFD').join('')
    if (span !== undefined) span.shown = true
    if (line !== null && line !== y) text += '\n'
    line = y
    text += shown
  }
  const hexOperand = (o: string | undefined): string => (o?.startsWith('<') ? o.slice(1, -1) : fail(`text shown from ${o ?? 'nothing'}: not the hex strings Skia writes`))
  for (const t of tokens) {
    if (t === 'Tf') font = fonts.get((operands[operands.length - 2] ?? '').slice(1)) ?? fail(`unknown font ${operands[operands.length - 2]}`)
    else if (t === 'Tm') y = Number(operands[operands.length - 1])
    else if (t === 'Td' || t === 'TD') y += Number(operands[operands.length - 1])
    else if (t === 'Tj') show(hexOperand(operands[operands.length - 1]))
    else if (t === 'TJ') {
      const open = operands.lastIndexOf('[')
      for (const o of operands.slice(open + 1, operands.lastIndexOf(']'))) if (!/^-?[0-9.]+$/.test(o)) show(hexOperand(o))
    } else if (t === 'BDC' || t === 'BMC') {
      const at = operands.indexOf('/ActualText')
      const value = at < 0 ? undefined : operands[at + 1]
      spans.push({ actual: value?.startsWith('(') ? literal(value) : null, shown: false })
    } else if (t === 'EMC') spans.pop()
    if (/^[A-Za-z'"*]+$/.test(t)) operands.length = 0
    else operands.push(t)
  }
  return text
}

/** The text of each page, in page order. */
export const pdfPageTexts = (pdf: Buffer): ReadonlyArray<string> => {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') fail('not a PDF')
  const objects = objectsOf(pdf)
  return pagesOf(objects).map((n) => {
    const page = get(objects, n, 'a page')
    const fonts = fontsOf(objects, page)
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)
    const parts = contents !== null ? refs(contents[1] ?? '') : [ref(page.dict, 'Contents') ?? fail(`page ${n} has no /Contents`)]
    return parts.map((c) => textOf((get(objects, c, 'a content stream').stream ?? fail('contents without a stream')).toString('latin1'), fonts)).join('\n')
  })
}
