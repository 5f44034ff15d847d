'use strict'
/**
 * The closest existing phrases to a step no step definition matches: a word-level
 * edit distance against each cucumber expression (its optional text and
 * alternatives expanded), a blank matching any words its parameter type accepts.
 */
const BUILT_IN = { string: '"(?:[^"\\\\]|\\\\.)*"', int: '-?\\d+', float: '-?\\d*\\.?\\d+', word: '[^\\s]+', '': '.*' }

/** The expression's spellings: each optional "(…)" in or out, each "a/b" one way (capped: a phrase has few). */
const variants = (expression) => {
  let out = ['']
  const re = /\\.|\([^)]*\)|\{\w*\}|[^\s/(){}\\]+(?:\/[^\s/(){}\\]+)+|[^]/g
  for (const [piece] of expression.matchAll(re)) {
    let options
    if (piece.startsWith('\\')) options = [piece.slice(1)]
    else if (piece.startsWith('(')) options = ['', piece.slice(1, -1)]
    else if (piece.startsWith('{')) options = [`\u0000${piece.slice(1, -1)}\u0000`]
    else if (piece.includes('/')) options = piece.split('/')
    else options = [piece]
    out = out.flatMap((v) => options.map((o) => v + o)).slice(0, 64)
  }
  return out
}
const TOKEN = /\u0000\w*\u0000|"(?:[^"\\]|\\.)*"|'s\b|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|\S/g
const tokens = (s) => [...s.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }))

const charDistance = (a, b) => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length][b.length]
}

/** Builds a matcher over phrases; parameterTypes: [{ name, regularExpressions }]. */
const createMatcher = ({ phrases, parameterTypes = [] }) => {
  const regexps = { ...BUILT_IN }
  for (const p of parameterTypes) regexps[p.name] = p.regularExpressions.map((r) => `(?:${r})`).join('|')
  const anchored = Object.fromEntries(Object.entries(regexps).map(([n, r]) => [n, new RegExp(`^(?:${r})$`)]))
  const compiled = phrases.map((phrase) => ({ phrase, variants: variants(phrase).map(tokens) }))

  const align = (text, words, pattern) => {
    const n = words.length, m = pattern.length
    const cost = Array.from({ length: n + 1 }, () => Array(m + 1).fill(Infinity))
    const back = Array.from({ length: n + 1 }, () => Array(m + 1).fill(null))
    cost[0][0] = 0
    for (let i = 0; i <= n; i++)
      for (let j = 0; j <= m; j++) {
        const here = cost[i][j]
        if (here === Infinity) continue
        const relax = (i2, j2, c, note) => { if (here + c < cost[i2][j2]) { cost[i2][j2] = here + c; back[i2][j2] = { i, j, note } } }
        if (i < n) relax(i + 1, j, 1, `extra "${words[i].text}"`)
        if (j < m) relax(i, j + 1, 1, pattern[j].text.startsWith('\u0000') ? `a value for {${pattern[j].text.slice(1, -1)}} is missing` : `missing "${pattern[j].text}"`)
        if (j < m && pattern[j].text.startsWith('\u0000')) {
          const name = pattern[j].text.slice(1, -1)
          for (let k = i + 1; k <= Math.min(n, i + 10); k++) {
            const value = text.slice(words[i].start, words[k - 1].end)
            if (anchored[name]?.test(value)) relax(k, j + 1, 0, null)
            else if (name === 'string' && !value.includes('"') ) relax(k, j + 1, 0.5 + (k - i - 1), `${value}: a value in double quotes is expected here`)
            else if (name === 'string' && /^"[^"]*$|^[^"]*"$/.test(value)) relax(k, j + 1, 0.5, `${value}: a closing or opening double quote is missing`)
          }
        } else if (i < n && j < m) {
          const a = words[i].text, b = pattern[j].text
          if (a === b) relax(i + 1, j + 1, 0, null)
          else if (a.toLowerCase() === b.toLowerCase()) relax(i + 1, j + 1, 0.2, `"${a}" → "${b}"`)
          else relax(i + 1, j + 1, charDistance(a, b) <= Math.max(1, Math.floor(b.length / 4)) ? 0.5 : 1, `"${a}" → "${b}"`)
        }
      }
    const notes = []
    for (let i = n, j = m; back[i][j] !== null; ) { const b = back[i][j]; if (b.note) notes.unshift(b.note); i = b.i; j = b.j }
    return { distance: cost[n][m], notes }
  }

  /** Up to `limit` phrases close to the step text, closest first: [{ phrase, distance, differences }]. */
  return (text, limit = 3) => {
    const words = tokens(text)
    const found = []
    for (const { phrase, variants: vs } of compiled) {
      let best
      for (const pattern of vs) {
        const r = align(text, words, pattern)
        if (best === undefined || r.distance < best.distance) best = r
      }
      // close: at most about a third of the words differ
      if (best.distance <= Math.max(1, words.length / 3)) found.push({ phrase, distance: best.distance, differences: best.notes })
    }
    return found.sort((a, b) => a.distance - b.distance || a.phrase.localeCompare(b.phrase)).slice(0, limit)
  }
}

/** The block printed for one undefined step. */
const explain = (match, text, where) => {
  const lines = [`Undefined step: "${text}" (${where})`]
  const suggestions = match(text)
  if (suggestions.length === 0) lines.push('  No phrase is close: see docs/steps.md, or ask an engineer for a new step.')
  for (const s of suggestions) lines.push(`  Did you mean: "${s.phrase}"${s.differences.length ? `  (differs: ${s.differences.join('; ')})` : ''}`)
  return lines.join('\n')
}

module.exports = { createMatcher, explain, variants }
