#!/usr/bin/env node
'use strict'
/**
 * Checks the built package the way a consumer sees it (run after `tsup` by
 * `npm run build`). For every subpath in package.json `exports`:
 *   - every file it names exists (types, import, require);
 *   - it loads by the package's own name (self-reference through `exports`)
 *     with require() and with import(), and both give the same export names;
 *   - node10 resolvers find its types through `typesVersions`.
 * It also fails if tsup built an entry (dist/**\/index.js) that package.json
 * does not export, so a new adapter cannot be forgotten.
 */
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const problems = []

const targets = (value) =>
  typeof value === 'string' ? [value] : Object.values(value).flatMap((v) => targets(v))

const builtEntries = (dir, prefix = '') =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? builtEntries(path.join(dir, d.name), `${prefix}${d.name}/`)
      : d.name === 'index.js'
        ? [prefix === '' ? '.' : `./${prefix.slice(0, -1)}`]
        : []
  )

const main = async () => {
  if (!fs.existsSync(path.join(root, 'dist'))) {
    console.error('check-build: dist/ does not exist; run tsup first')
    process.exit(1)
  }
  for (const file of [pkg.main, pkg.module, pkg.types])
    if (!fs.existsSync(path.join(root, file))) problems.push(`${file} (main/module/types) is missing`)

  const subpaths = Object.keys(pkg.exports).filter((s) => s !== './package.json')
  for (const built of builtEntries(path.join(root, 'dist')))
    if (!subpaths.includes(built)) problems.push(`dist builds ${built} but package.json "exports" does not list it`)

  const typesVersions = (pkg.typesVersions && pkg.typesVersions['*']) || {}
  for (const subpath of subpaths) {
    for (const file of targets(pkg.exports[subpath]))
      if (!fs.existsSync(path.join(root, file))) problems.push(`${subpath}: ${file} is missing`)
    if (subpath !== '.') {
      const mapped = typesVersions[subpath.slice(2)]
      if (!mapped) problems.push(`${subpath}: no "typesVersions" entry (node10 resolvers will not find its types)`)
      else if (!fs.existsSync(path.join(root, mapped[0]))) problems.push(`${subpath}: typesVersions names ${mapped[0]}, which is missing`)
    }
    const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
    let cjs, esm
    try {
      cjs = require(specifier)
    } catch (e) {
      problems.push(`${specifier}: require() failed: ${e.message}`)
    }
    try {
      esm = await import(specifier)
    } catch (e) {
      problems.push(`${specifier}: import() failed: ${e.message}`)
    }
    if (cjs && esm) {
      const a = Object.keys(cjs).filter((k) => k !== '__esModule').sort()
      const b = Object.keys(esm).filter((k) => k !== 'default' && k !== 'module.exports').sort()
      if (a.join() !== b.join()) problems.push(`${specifier}: CJS exports [${a}] differ from ESM exports [${b}]`)
      else console.log(`ok  ${specifier.padEnd(42)} cjs+esm, ${a.length === 0 ? 'types only' : `${a.length} exports`}`)
    }
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`FAIL ${p}`)
    process.exit(1)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
