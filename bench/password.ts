/**
 * The password check side by side with what a team would use instead, in
 * one run (tinybench), over one fixed seeded corpus: for Azure AD B2C Strong
 * and NIST SP 800-63B-4 (with a second factor), 500 passwords each policy
 * accepts and 500 it refuses.
 * - library: `checkNewPassword(policy)(password, password)`, every error;
 * - password-validator 5.3, configured to the same rule (its own length and
 *   pattern rules, a plugin for B2C's "3 of 4 classes" and for the blocklist),
 *   asked for the list of failures, as a form needs;
 * - a single hand-written pass over the character codes: the floor.
 * All three must give the same verdict on every item before anything is
 * timed. Each task checks the whole corpus half once; figures are per password.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Task } from 'tinybench' with { 'resolution-mode': 'import' }
import PasswordValidator from 'password-validator'
import { azureB2cStrong, B2C_SYMBOLS, checkNewPassword, nist80063b4, PasswordPolicy } from '../src/credentials/password-policy'
import { COMMON_PASSWORDS } from '../src/credentials/common-passwords'
import { BenchModule, taskBudget } from './report'

export interface PasswordRow {
  readonly case: string
  /** Nanoseconds per password. */
  readonly libraryNs: number
  readonly peerNs: number
  readonly singlePassNs: number
  /** peer time ÷ library time: how many times faster the library is. */
  readonly timesFasterThanPeer: number
  /** library time ÷ single-pass time. */
  readonly timesSinglePass: number
}

export interface PasswordBenchOptions {
  readonly timeMs: number
  readonly iterations: number
  readonly warmupMs: number
}

// -------------------------------------------------------------------------------------
// the corpus
// -------------------------------------------------------------------------------------

/** A small seeded generator (mulberry32): the same corpus every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const ALPHABETS = ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789', B2C_SYMBOLS, ' ', 'éüñ']
const COMMON = [...COMMON_PASSWORDS]

export const corpusFor = (accepts: (p: string) => boolean, seed: number): { readonly accepted: string[]; readonly refused: string[] } => {
  const random = seeded(seed)
  const accepted: string[] = []
  const refused: string[] = []
  while (accepted.length < 500 || refused.length < 500) {
    let p: string
    if (random() < 0.05) p = COMMON[Math.floor(random() * COMMON.length)] as string
    else {
      const length = 3 + Math.floor(random() * 22)
      // mostly letters and digits, as people type; now and then a symbol, a space or an accent
      p = ''
      for (let i = 0; i < length; i++) {
        const r = random()
        const alphabet = ALPHABETS[r < 0.4 ? 0 : r < 0.6 ? 1 : r < 0.8 ? 2 : r < 0.93 ? 3 : r < 0.98 ? 4 : 5] as string
        p += alphabet[Math.floor(random() * alphabet.length)]
      }
    }
    const into = accepts(p) ? accepted : refused
    // as a form receives it: a flat string from a parsed body, not the rope this loop built
    if (into.length < 500) into.push(JSON.parse(JSON.stringify(p)) as string)
  }
  return { accepted, refused }
}

// -------------------------------------------------------------------------------------
// the three sides
// -------------------------------------------------------------------------------------

const B2C_ALLOWED = new RegExp(`[^A-Za-z0-9${B2C_SYMBOLS.replace(/[\\\]^-]/g, '\\$&')}]`)

const peerB2c = new PasswordValidator()
  .is().min(8)
  .is().max(64)
  .not(B2C_ALLOWED)
  .is()
  .usingPlugin((p: string) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3)

const peerNist = new PasswordValidator()
  .usingPlugin((p: string) => {
    const n = [...p.normalize('NFC')].length
    return n >= 8 && n <= 128
  })
  .usingPlugin((p: string) => !COMMON_PASSWORDS.has(p.toLowerCase()))

const B2C_SYMBOL_CODES = new Uint8Array(128)
for (const c of B2C_SYMBOLS) B2C_SYMBOL_CODES[c.charCodeAt(0)] = 1

/** B2C Strong in one pass: 8–64 characters, only the allowed ones, 3 of the 4 classes. */
export const singlePassB2c = (p: string): boolean => {
  if (p.length < 8 || p.length > 64) return false
  let classes = 0
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i)
    if (c >= 97 && c <= 122) classes |= 1
    else if (c >= 65 && c <= 90) classes |= 2
    else if (c >= 48 && c <= 57) classes |= 4
    else if (c < 128 && B2C_SYMBOL_CODES[c] === 1) classes |= 8
    else return false
  }
  return ((classes & 1) + ((classes >> 1) & 1) + ((classes >> 2) & 1) + ((classes >> 3) & 1)) >= 3
}

/** NIST with a second factor in one pass: 8–128 code points (a Latin-1 password is NFC: its characters), not on the blocklist. */
export const singlePassNist = (p: string): boolean => {
  for (let i = 0; i < p.length; i++)
    if (p.charCodeAt(i) >= 256) return ((m) => m >= 8 && m <= 128)([...p.normalize('NFC')].length) && !COMMON_PASSWORDS.has(p.toLowerCase())
  return p.length >= 8 && p.length <= 128 && !COMMON_PASSWORDS.has(p.toLowerCase())
}

interface Side {
  readonly policy: PasswordPolicy
  readonly label: string
  readonly peer: PasswordValidator
  readonly singlePass: (p: string) => boolean
  readonly seed: number
}

const SIDES: ReadonlyArray<Side> = [
  { policy: azureB2cStrong, label: 'B2C Strong', peer: peerB2c, singlePass: singlePassB2c, seed: 2026 },
  { policy: nist80063b4({ withMultiFactor: true }), label: 'NIST 800-63B-4 (with MFA)', peer: peerNist, singlePass: singlePassNist, seed: 63 }
]

const fail = (message: string): never => {
  throw new Error(`password bench: the checks disagree, nothing is timed: ${message}`)
}

const nsOf = (task: Task, items: number): number => {
  const r = task.result
  if (r.state !== 'completed') throw new Error(`password bench: ${task.name} ${r.state}${r.state === 'errored' ? `: ${r.error.message}` : ''}`)
  return (r.latency.mean * 1e6) / items
}

/** Runs every case (library, peer, single pass back to back on the same corpus half) and gives the rows. */
export const passwordBench = async (options: PasswordBenchOptions): Promise<ReadonlyArray<PasswordRow>> => {
  const { Bench } = await import('tinybench')
  const bench = new Bench({ name: 'passwords', time: options.timeMs, iterations: options.iterations, warmupTime: options.warmupMs, warmupIterations: 4, throws: true })
  const cases: Array<{ name: string; items: number }> = []
  let sink = 0
  for (const side of SIDES) {
    const check = checkNewPassword(side.policy)
    const corpus = corpusFor(side.singlePass, side.seed)
    for (const [half, items] of [['accepted', corpus.accepted], ['refused', corpus.refused]] as const) {
      for (const p of items) {
        const ours = E.isRight(check(p, p))
        const peer = (side.peer.validate(p, { list: true }) as string[]).length === 0
        if (ours !== (half === 'accepted') || peer !== ours) fail(`${side.label}: ${JSON.stringify(p)}: library ${ours}, password-validator ${peer}, single pass ${half === 'accepted'}`)
      }
      const name = `${side.label}, ${half}`
      bench.add(`${name} / library`, () => {
        for (const p of items) if (E.isLeft(check(p, p))) sink++
      })
      bench.add(`${name} / password-validator`, () => {
        for (const p of items) sink += (side.peer.validate(p, { list: true }) as string[]).length
      })
      bench.add(`${name} / single pass`, () => {
        for (const p of items) if (!side.singlePass(p)) sink++
      })
      cases.push({ name, items: items.length })
    }
  }
  await bench.run()
  if (sink < 0) throw new Error('unreachable')
  return cases.map((c) => {
    const libraryNs = nsOf(bench.getTask(`${c.name} / library`) as Task, c.items)
    const peerNs = nsOf(bench.getTask(`${c.name} / password-validator`) as Task, c.items)
    const singlePassNs = nsOf(bench.getTask(`${c.name} / single pass`) as Task, c.items)
    return { case: `password check, ${c.name}`, libraryNs, peerNs, singlePassNs, timesFasterThanPeer: peerNs / libraryNs, timesSinglePass: libraryNs / singlePassNs }
  })
}

/** The rows as a table, one line each, with the targets (8× the peer; accepted within 2× the single pass). */
export const passwordTable = (rows: ReadonlyArray<PasswordRow>): string => {
  const w = Math.max(...rows.map((r) => r.case.length)) + 2
  const ns = (x: number) => `${x.toFixed(0)} ns`.padStart(10)
  const lines = [`${'password check vs password-validator 5.3 (same run, same corpus)'.padEnd(w)} ${'library'.padStart(10)} ${'peer'.padStart(10)} ${'1 pass'.padStart(10)}  vs peer  vs 1 pass`]
  for (const r of rows) {
    const misses = [r.timesFasterThanPeer < 8 ? 'below 8× the peer' : '', r.case.endsWith('accepted') && r.timesSinglePass > 2 ? 'over 2× the single pass' : ''].filter((s) => s !== '')
    lines.push(`${r.case.padEnd(w)} ${ns(r.libraryNs)} ${ns(r.peerNs)} ${ns(r.singlePassNs)}  ×${r.timesFasterThanPeer.toFixed(1).padEnd(6)} ×${r.timesSinglePass.toFixed(1)}${misses.length > 0 ? `  (${misses.join('; ')})` : ''}`)
  }
  return lines.join('\n')
}

/** The section: 8× password-validator for every case, and accepted passwords within 2× the single pass. */
export const passwordSection: BenchModule = {
  key: 'password',
  run: async (options) => {
    const b = taskBudget(options)
    const rows = await passwordBench({ timeMs: b.time, iterations: b.iterations, warmupMs: b.warmupTime })
    return {
      key: 'password',
      title: 'Password policy vs password-validator and a single pass',
      table: passwordTable(rows),
      data: rows.map((r) => ({ ...r, meetsEightTimesPeer: r.timesFasterThanPeer >= 8, withinTwiceSinglePass: r.timesSinglePass <= 2 })),
      missedTargets: rows.flatMap((r) => [
        ...(r.timesFasterThanPeer < 8 ? [`${r.case}: ×${r.timesFasterThanPeer.toFixed(1)} password-validator's speed, target ×8`] : []),
        ...(r.case.endsWith('accepted') && r.timesSinglePass > 2 ? [`${r.case}: ×${r.timesSinglePass.toFixed(1)} the single pass's time, target at most ×2`] : [])
      ])
    }
  }
}
