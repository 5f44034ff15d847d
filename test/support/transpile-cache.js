/**
 * A require hook for `.ts` files that keeps each file's transpiled JavaScript
 * on disk, keyed by its path and content (and TypeScript's version, the
 * tsconfig and this file), so a run whose sources did not change loads no
 * TypeScript at all. It transpiles exactly as ts-node's transpile-only mode
 * does (`ts.transpileModule`, CommonJS, no type check: `npx tsc --noEmit -p .`
 * is the type check), and was written because that compilation was most of
 * the specification's start-up (≈5 s of ≈8 s here on 2 cores).
 *
 * Used by `cucumber.js` (`requireModule`). The cache lives in `.cache/transpiled`
 * (git-ignored; `SPEC_TRANSPILE_CACHE` moves it, `SPEC_TRANSPILE_CACHE=off` disables it).
 */
'use strict'
const { createHash } = require('node:crypto')
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')

// -------------------------------------------------------------------------------------
// where, and what the key depends on
// -------------------------------------------------------------------------------------

const root = join(__dirname, '..', '..')
const setting = process.env.SPEC_TRANSPILE_CACHE
const cacheDir = setting === 'off' ? undefined : setting || join(root, '.cache', 'transpiled')
const tsconfigText = readFileSync(join(root, 'tsconfig.json'), 'utf8')
const salt = createHash('sha256')
  .update(require('typescript/package.json').version)
  .update('\0')
  .update(tsconfigText)
  .update('\0')
  .update(readFileSync(__filename))
  .digest('hex')
if (cacheDir !== undefined) mkdirSync(cacheDir, { recursive: true })

// -------------------------------------------------------------------------------------
// transpiling (TypeScript is loaded only on a miss)
// -------------------------------------------------------------------------------------

let transpiler
const transpile = (source, fileName) => {
  if (transpiler === undefined) {
    const ts = require('typescript')
    const parsed = ts.parseJsonConfigFileContent(ts.parseConfigFileTextToJson('tsconfig.json', tsconfigText).config, ts.sys, root)
    // The package is CommonJS: every .ts file becomes CommonJS, as ts-node makes it.
    const compilerOptions = {
      ...parsed.options,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      declaration: false,
      sourceMap: false,
      inlineSourceMap: true,
      inlineSources: true,
      noEmit: false,
      // The map's sources then name the file itself, not a path relative to outDir.
      outDir: undefined,
      rootDir: undefined
    }
    transpiler = (text, name) => ts.transpileModule(text, { compilerOptions, fileName: name, reportDiagnostics: false }).outputText
  }
  return transpiler(source, fileName)
}

// -------------------------------------------------------------------------------------
// the hook
// -------------------------------------------------------------------------------------

const compiled = (source, fileName) => {
  if (cacheDir === undefined) return transpile(source, fileName)
  const key = createHash('sha256').update(salt).update('\0').update(fileName).update('\0').update(source).digest('hex')
  const file = join(cacheDir, `${key}.js`)
  try {
    return readFileSync(file, 'utf8')
  } catch {
    const code = transpile(source, fileName)
    // Written aside then renamed, so a parallel worker never reads half a file.
    const aside = `${file}.${process.pid}.tmp`
    writeFileSync(aside, code)
    renameSync(aside, file)
    return code
  }
}

// Stack traces point into the TypeScript sources, as with ts-node, through the
// source-map-support ts-node itself uses: it reads a map only when a stack is
// printed (Node's own --enable-source-maps parses every map at load, ≈0.3 s here).
const output = new Map()
require('@cspotcode/source-map-support').install({
  environment: 'node',
  retrieveFile: (path) => output.get(path) ?? null
})

require.extensions['.ts'] = function loadTypeScript(module, fileName) {
  const code = compiled(readFileSync(fileName, 'utf8'), fileName)
  output.set(fileName, code)
  module._compile(code, fileName)
}

