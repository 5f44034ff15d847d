/**
 * Cucumber-expressions 18 finds where each parameter of a step sits through the
 * `regexp-match-indices` polyfill, which never uses Node's own `d` flag (its
 * native check runs a regexp without the flag) and instead parses every step
 * definition's pattern with regexp-tree and rebuilds the indices on access:
 * ≈3 s of a ≈15 s memory run here, in matching 4,982 steps against every step
 * definition. Node 20 has the `d` flag (ES2022), which gives the same indices
 * (the polyfill implements that very spec), so TreeRegexp.match runs a `d`
 * copy of its pattern instead. Loaded by `cucumber.js` (`requireModule`).
 */
'use strict'
const { join, dirname } = require('node:path')
// Not among the package's exports: reached beside its entry point, the very module cucumber's expressions use.
const TreeRegexp = require(join(dirname(require.resolve('@cucumber/cucumber-expressions')), 'TreeRegexp.js')).default

// -------------------------------------------------------------------------------------
// the patch
// -------------------------------------------------------------------------------------

const withIndices = new WeakMap()
const indexed = (regexp) => {
  let copy = withIndices.get(regexp)
  if (copy === undefined) {
    copy = regexp.hasIndices ? regexp : new RegExp(regexp.source, `${regexp.flags}d`)
    withIndices.set(regexp, copy)
  }
  return copy
}

if (typeof TreeRegexp?.prototype?.match !== 'function' || !String(TreeRegexp.prototype.match).includes('regexp_match_indices'))
  throw new Error('test/support/native-match-indices.js: @cucumber/cucumber-expressions changed shape: check TreeRegexp.match before patching it')

TreeRegexp.prototype.match = function match(s) {
  const regexp = indexed(this.regexp)
  regexp.lastIndex = this.regexp.lastIndex
  const found = regexp.exec(s)
  this.regexp.lastIndex = regexp.lastIndex
  if (!found) return null
  let groupIndex = 0
  const nextGroupIndex = () => groupIndex++
  return this.groupBuilder.build(found, nextGroupIndex)
}
