'use strict'
/**
 * Declarations for the package, called by tsup.config.ts once the JavaScript is
 * built (tsup's own `dts` is off, see below).
 *
 * Why not tsup's `dts: true`: it rolls declarations up with rollup-plugin-dts
 * 6.1, which turns `export * as ports from './ports'` into
 * `declare const ports_Clock: typeof Clock` when the types sit in a shared
 * chunk (egoist/tsup#544), so every namespace-exported interface breaks for
 * consumers ("'Clock' only refers to a type"); and it bundled each format's
 * types separately, so branded types were declared more than once.
 *
 * What this does instead:
 *   1. tsc (the project's tsconfig.json, limited to the entry files and what
 *      they import) writes one .d.ts per source file under dist/types/ (CJS
 *      format, like the package). One declaration per type, shared by every
 *      subpath, so a brand made by one subpath is accepted by another.
 *   2. Next to each built entry, two small wrappers re-export it:
 *        dist/<entry>.d.ts   export * from './types/<source>'      (require)
 *        dist/<entry>.d.mts  export * from './types/<source>.js'   (import)
 *      so each JS file has a types file of its own format (.d.ts ↔ .js,
 *      .d.mts ↔ .mjs), which is what node16/bundler/node10 resolvers want.
 */
const fs = require('node:fs')
const path = require('node:path')
const ts = require('typescript')

const root = path.resolve(__dirname, '..')

/**
 * @param {Record<string, string>} entries output path under dist/ (no extension) -> source file
 * @param {{ outDir?: string }} [options]
 */
const buildTypes = (entries, options = {}) => {
  const outDir = path.join(root, options.outDir ?? 'dist')
  const typesDir = path.join(outDir, 'types')
  const configPath = path.join(root, 'tsconfig.json')
  const config = ts.readConfigFile(configPath, ts.sys.readFile)
  if (config.error) throw new Error(ts.formatDiagnostic(config.error, host))
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, {
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    rootDir: root,
    outDir: typesDir,
    incremental: false,
    composite: false
  })
  const rootNames = Object.values(entries).map((file) => path.join(root, file))
  const program = ts.createProgram({ rootNames, options: parsed.options })
  const emitted = program.emit()
  const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics])
  if (diagnostics.length > 0) {
    process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host))
    throw new Error(`declarations: ${diagnostics.length} TypeScript error(s)`)
  }

  for (const [entry, source] of Object.entries(entries)) {
    const from = path.dirname(path.join(outDir, entry))
    const target = path.join(typesDir, source.replace(/\.ts$/, ''))
    let spec = path.relative(from, target).split(path.sep).join('/')
    if (!spec.startsWith('.')) spec = `./${spec}`
    if (!fs.existsSync(`${target}.d.ts`)) throw new Error(`declarations: tsc did not write ${target}.d.ts`)
    fs.mkdirSync(from, { recursive: true })
    const header = `// Types for ${entry.replace(/\/?index$/, '') || 'the package root'}: see scripts/build-types.js.\n`
    fs.writeFileSync(path.join(outDir, `${entry}.d.ts`), `${header}export * from '${spec}';\n`)
    fs.writeFileSync(path.join(outDir, `${entry}.d.mts`), `${header}export * from '${spec}.js';\n`)
  }
  console.log(`DTS ${Object.keys(entries).length} entries (.d.ts + .d.mts) over dist/types/ from tsc`)
}

const host = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n'
}

module.exports = { buildTypes }
