/**
 * No regular expression under src/ or adapters/ can backtrack super-linearly.
 * Every regex literal and every `RegExp(...)` call is found by walking the
 * sources with the TypeScript compiler API, then checked by recheck (its pure
 * JavaScript backend: no JVM, no native binary, nothing from the network). A
 * vulnerable or uncheckable pattern fails the test with its file, line and
 * source. The old users'-access split is checked too, as the control that
 * proves the checker finds what it should.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import ts from 'typescript'

// The pure backend runs in this process: deterministic, and offline by construction.
process.env['RECHECK_BACKEND'] = 'pure'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check } = require('recheck') as typeof import('recheck')

const ROOT = path.resolve(__dirname, '..')
const SCANNED = ['src', 'adapters']

/** A pattern as written in the sources. */
interface Found {
  readonly file: string
  readonly line: number
  readonly source: string
  readonly flags: string
}

/**
 * What a `RegExp(...)` built from a template stands for: each interpolated
 * expression, by its text, replaced by a value it takes in the presets. An
 * expression not listed here fails the test, so a new dynamic pattern is
 * never left unchecked.
 */
const INTERPOLATED: Readonly<Record<string, string>> = {
  'policy.digits': '6',
  prefix: 'HPA',
  "prefix.replace(/[^A-Za-z0-9]/g, '\\\\$&')": 'HPA'
}

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name)
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(full)
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') ? [full] : []
  })

/** The pattern text of a `RegExp(...)` argument, or a reason it cannot be known statically. */
const patternOf = (arg: ts.Expression, file: ts.SourceFile): string | { readonly unknown: string } => {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text
  if (ts.isTemplateExpression(arg)) {
    let out = arg.head.text
    for (const span of arg.templateSpans) {
      const expression = span.expression.getText(file)
      const sample = INTERPOLATED[expression]
      if (sample === undefined) return { unknown: `\${${expression}} has no sample value in INTERPOLATED` }
      out += sample + span.literal.text
    }
    return out
  }
  return { unknown: `the pattern ${arg.getText(file)} is not a literal or a template` }
}

/** Every regex literal and `RegExp` call of one file; patterns that cannot be read statically are reported, not skipped. */
const patternsIn = (fileName: string): { readonly found: ReadonlyArray<Found>; readonly unreadable: ReadonlyArray<string> } => {
  const file = ts.createSourceFile(fileName, fs.readFileSync(fileName, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: Found[] = []
  const unreadable: string[] = []
  const where = (node: ts.Node) => ({ file: path.relative(ROOT, fileName), line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 })
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(file)
      const end = text.lastIndexOf('/')
      found.push({ ...where(node), source: text.slice(1, end), flags: text.slice(end + 1) })
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? []
      const at = where(node)
      if (pattern === undefined) unreadable.push(`${at.file}:${at.line}: RegExp() without a pattern`)
      else {
        const source = patternOf(pattern, file)
        const flagText = flags === undefined ? '' : patternOf(flags, file)
        if (typeof source !== 'string') unreadable.push(`${at.file}:${at.line}: ${source.unknown}`)
        else if (typeof flagText !== 'string') unreadable.push(`${at.file}:${at.line}: ${flagText.unknown}`)
        else found.push({ ...at, source, flags: flagText })
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return { found, unreadable }
}

const verdictOf = async (source: string, flags: string): Promise<string> => {
  const d = await check(source, flags, { timeout: 20_000 })
  if (d.status === 'safe') return 'safe'
  if (d.status === 'vulnerable') return `vulnerable (${d.complexity.summary}; attack ${d.attack.pattern})`
  return `unknown (${d.error.kind})`
}

describe('regular expressions cannot backtrack super-linearly', () => {
  test('control: the checker flags the old users\u2019-access split and passes its linear replacement', async () => {
    assert.match(await verdictOf('\\s*,\\s*|\\s+and\\s+', ''), /^vulnerable \(2nd degree polynomial/)
    assert.equal(await verdictOf('[\\s,]+', ''), 'safe')
  })

  test('the walk finds literals and RegExp calls with their lines', () => {
    const here = patternsIn(path.join(ROOT, 'src/credentials/verification-code.ts'))
    assert.ok(here.found.some((f) => f.source === '^\\d{6}$' && f.line > 1), JSON.stringify(here.found))
    assert.deepEqual(here.unreadable, [])
  })

  test('every pattern under src/ and adapters/ is safe', async () => {
    const files = SCANNED.flatMap((d) => sourceFiles(path.join(ROOT, d)))
    const scanned = files.map(patternsIn)
    const found = scanned.flatMap((s) => s.found)
    const problems: string[] = scanned.flatMap((s) => s.unreadable)
    // one check per distinct pattern; every place it is written is named
    const distinct = new Map<string, Found[]>()
    for (const f of found) distinct.set(`${f.flags}/${f.source}`, [...(distinct.get(`${f.flags}/${f.source}`) ?? []), f])
    for (const places of distinct.values()) {
      const { source, flags } = places[0] as Found
      const verdict = await verdictOf(source, flags)
      if (verdict !== 'safe') problems.push(...places.map((p) => `${p.file}:${p.line}: /${source}/${flags} is ${verdict}`))
    }
    assert.ok(found.length > 50, `only ${found.length} patterns found: the walk is broken`)
    assert.deepEqual(problems, [])
  })
})
