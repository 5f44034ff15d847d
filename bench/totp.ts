/**
 * TOTP generate and verify, the library side by side with otplib (an
 * independent implementation: its own HMAC from @noble/hashes), in the same
 * run, with tinybench: same secret, same parameters, same instants.
 *
 * - Secrets: RFC 6238's seeds ('12345678901234567890' for SHA-1, its 32-byte
 *   extension for SHA-256), as bytes on both sides.
 * - Instants: 64 fixed instants (2023–2026, milliseconds included); each timed
 *   call takes the next one. Both sides get the instant in their own form,
 *   made before timing: a luxon DateTime for the library, epoch seconds for
 *   otplib.
 * - Generate: the code at an instant (`totpCode` / otplib's `generateSync`).
 * - Verify: one step of drift either side on both sides (`drift: 1` /
 *   `epochTolerance: period`). Every call of `verifyTotp` is given the fresh
 *   state `initialTotpState` (no step accepted yet: it rejects nothing), and
 *   otplib no `afterTimeStep`, so neither side's replay rule refuses anything.
 *   Two inputs: the code of the instant's own step (accepted), and a code of
 *   no step in the window (refused). otplib stops at the first matching step
 *   (two HMACs for the current step's code); the library always computes the
 *   whole window (three), to compare in constant time.
 *
 * Before anything is timed, both implementations must agree on every code
 * and every verdict (and the accepted step) for these inputs: otherwise the
 * bench throws and times nothing.
 *
 * Each tinybench sample is one pass over the 64 instants; ops/s is
 * 64 × samples ÷ total time, so the per-sample timer cost is spread over 64
 * calls instead of inflating each one.
 */
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { generateSync, verifySync } from 'otplib'
import type { Task } from 'tinybench' with { 'resolution-mode': 'import' }
import { hotpCode, initialTotpState, totpCode, TotpPolicy, TotpSecret, totpSecretFromBytes, totpStep, verifyTotp } from '../src/credentials'
import { nodeHmac } from '../adapters/system'
import type { BenchModule } from './report'

/** One row of the table: the same operation timed on both sides. */
export interface TotpRow {
  readonly case: string
  readonly library: { readonly opsPerSecond: number; readonly rmePercent: number; readonly samples: number }
  readonly otplib: { readonly opsPerSecond: number; readonly rmePercent: number; readonly samples: number }
  /** library ops/s ÷ otplib ops/s */
  readonly ratio: number
}

export interface TotpBenchOptions {
  /** Time budget of each task, milliseconds. */
  readonly timeMs: number
  /** Least samples of each task. */
  readonly iterations: number
  /** Warm-up budget of each task, milliseconds. */
  readonly warmupMs: number
}

const INSTANTS = 64
const hmac = nodeHmac()

interface Setting {
  readonly label: string
  readonly policy: TotpPolicy
  readonly otplibAlgorithm: 'sha1' | 'sha256'
  readonly seed: string
}

const SETTINGS: ReadonlyArray<Setting> = [
  { label: 'SHA-1, 6 digits, 30 s', policy: { algorithm: 'SHA1', digits: 6, period: 30, drift: 1 }, otplibAlgorithm: 'sha1', seed: '12345678901234567890' },
  {
    label: 'SHA-256, 8 digits, 30 s',
    policy: { algorithm: 'SHA256', digits: 8, period: 30, drift: 1 },
    otplibAlgorithm: 'sha256',
    seed: '12345678901234567890123456789012'
  }
]

/** Fixed instants (epoch milliseconds), spread over three years, with milliseconds. */
const instantMillis: ReadonlyArray<number> = Array.from({ length: INSTANTS }, (_, i) => 1_672_531_200_000 + i * 1_482_917_311 + ((i * 389) % 1000))

const fail = (message: string): never => {
  throw new Error(`TOTP bench: the library and otplib disagree, nothing is timed: ${message}`)
}

interface Prepared {
  readonly setting: Setting
  readonly ours: { readonly generate: () => void; readonly verifyAccepted: () => void; readonly verifyRefused: () => void }
  readonly theirs: { readonly generate: () => void; readonly verifyAccepted: () => void; readonly verifyRefused: () => void }
}

/** The inputs of one setting, checked on both sides, and the timed functions (one pass over the instants each). */
const prepare = (setting: Setting): Prepared => {
  const { policy } = setting
  const bytes = new TextEncoder().encode(setting.seed)
  const made = totpSecretFromBytes(bytes, policy)
  if (E.isLeft(made)) throw new Error(`bench secret refused: ${made.left.code}`)
  const secret: TotpSecret = made.right
  const nows = instantMillis.map((ms) => DateTime.fromMillis(ms, { zone: 'America/New_York' }))
  const epochs = instantMillis.map((ms) => ms / 1000)
  const otp = { secret: bytes, algorithm: setting.otplibAlgorithm, digits: policy.digits, period: policy.period } as const
  const tolerance = policy.drift * policy.period
  const generate = totpCode(hmac, policy)
  const verify = verifyTotp(hmac, policy)

  const codes: string[] = []
  const wrong: string[] = []
  for (let i = 0; i < INSTANTS; i++) {
    const now = nows[i] as DateTime
    const epoch = epochs[i] as number
    const ours = generate(now, secret)
    const theirs = generateSync({ ...otp, epoch })
    if (E.isLeft(ours)) return fail(`${setting.label}, instant ${i}: the library refused (${ours.left.code})`)
    if (ours.right !== theirs) return fail(`${setting.label}, instant ${i}: generate gave ${ours.right}, otplib ${theirs}`)
    codes.push(ours.right)
    const step = totpStep(policy, now)
    if (E.isLeft(step)) return fail(`${setting.label}, instant ${i}: no time step`)
    // a code of no step in the window: the current code plus one, past any code of the window
    const window = [step.right - 1, step.right, step.right + 1].map((s) => {
      const c = hotpCode(hmac, policy, secret, s)
      return E.isRight(c) ? c.right : fail(`${setting.label}: hotpCode refused step ${s}`)
    })
    let other = (Number(ours.right) + 1) % 10 ** policy.digits
    while (window.includes(String(other).padStart(policy.digits, '0'))) other = (other + 1) % 10 ** policy.digits
    wrong.push(String(other).padStart(policy.digits, '0'))
    // the verdicts on the timed inputs, and on the codes one step either side (the window's edges)
    const offsets = [-1, 0, 1] as const
    for (const offset of offsets) {
      const token = offset === 0 ? ours.right : generateSync({ ...otp, epoch: epoch + offset * policy.period })
      const a = verify(now, secret, initialTotpState, token)
      const b = verifySync({ ...otp, token, epoch, epochTolerance: tolerance })
      if (!a.accepted || !b.valid) return fail(`${setting.label}, instant ${i}, step ${offset}: library ${a.accepted}, otplib ${b.valid}`)
      // the same step, unless two steps of the window share the code (then the library takes the later one)
      const theirStep = 'timeStep' in b ? b.timeStep : Number.NaN
      if (window.filter((c) => c === token).length === 1 && a.state.lastAcceptedStep !== theirStep)
        return fail(`${setting.label}, instant ${i}: accepted step ${a.state.lastAcceptedStep} vs ${theirStep}`)
    }
    const a = verify(now, secret, initialTotpState, wrong[i])
    const b = verifySync({ ...otp, token: wrong[i] as string, epoch, epochTolerance: tolerance })
    if (a.accepted || b.valid || a.error.code !== 'totp.invalid-code') return fail(`${setting.label}, instant ${i}: a wrong code was accepted`)
  }

  // each code feeds a variable the closures share, so no call is dead code to the compiler
  let sink = 0
  const seen = (s: string) => {
    sink ^= s.charCodeAt(s.length - 1)
  }
  return {
    setting,
    ours: {
      generate: () => {
        for (let i = 0; i < INSTANTS; i++) {
          const r = generate(nows[i] as DateTime, secret)
          if (E.isRight(r)) seen(r.right)
        }
      },
      verifyAccepted: () => {
        for (let i = 0; i < INSTANTS; i++) if (!verify(nows[i] as DateTime, secret, initialTotpState, codes[i]).accepted) throw new Error('refused')
      },
      verifyRefused: () => {
        for (let i = 0; i < INSTANTS; i++) if (verify(nows[i] as DateTime, secret, initialTotpState, wrong[i]).accepted) throw new Error('accepted')
      }
    },
    theirs: {
      generate: () => {
        for (let i = 0; i < INSTANTS; i++) seen(generateSync({ ...otp, epoch: epochs[i] as number }))
      },
      verifyAccepted: () => {
        for (let i = 0; i < INSTANTS; i++)
          if (!verifySync({ ...otp, token: codes[i] as string, epoch: epochs[i] as number, epochTolerance: tolerance }).valid) throw new Error('refused')
      },
      verifyRefused: () => {
        for (let i = 0; i < INSTANTS; i++)
          if (verifySync({ ...otp, token: wrong[i] as string, epoch: epochs[i] as number, epochTolerance: tolerance }).valid) throw new Error('accepted')
      }
    }
  }
}

const opsOf = (task: Task): { opsPerSecond: number; rmePercent: number; samples: number } => {
  const r = task.result
  if (r.state !== 'completed') throw new Error(`TOTP bench: ${task.name} ${r.state}${r.state === 'errored' ? `: ${r.error.message}` : ''}`)
  return { opsPerSecond: (INSTANTS * 1000) / r.latency.mean, rmePercent: r.latency.rme, samples: r.latency.samplesCount }
}

/** Runs every case, the library's task right before otplib's for the same case, and gives the rows. */
export const totpBench = async (options: TotpBenchOptions): Promise<ReadonlyArray<TotpRow>> => {
  // tinybench is ESM only: loaded with import(), which this CommonJS file keeps as it is
  const { Bench } = await import('tinybench')
  const bench = new Bench({ name: 'TOTP', time: options.timeMs, iterations: options.iterations, warmupTime: options.warmupMs, warmupIterations: 4, throws: true })
  const cases: Array<{ name: string; ours: string; theirs: string }> = []
  for (const p of SETTINGS.map(prepare)) {
    for (const [what, ours, theirs] of [
      ['generate', p.ours.generate, p.theirs.generate],
      ['verify, current code (accepted)', p.ours.verifyAccepted, p.theirs.verifyAccepted],
      ['verify, wrong code (refused)', p.ours.verifyRefused, p.theirs.verifyRefused]
    ] as const) {
      const name = `TOTP ${what}, ${p.setting.label}`
      bench.add(`${name} / library`, ours)
      bench.add(`${name} / otplib`, theirs)
      cases.push({ name, ours: `${name} / library`, theirs: `${name} / otplib` })
    }
  }
  await bench.run()
  return cases.map((c) => {
    const library = opsOf(bench.getTask(c.ours) as Task)
    const otplib = opsOf(bench.getTask(c.theirs) as Task)
    return { case: c.name, library, otplib, ratio: library.opsPerSecond / otplib.opsPerSecond }
  })
}

/** The rows as a table, one line each. */
export const totpTable = (rows: ReadonlyArray<TotpRow>): string => {
  const w = Math.max(...rows.map((r) => r.case.length)) + 2
  const n = (x: number) => Math.round(x).toLocaleString('en-US').padStart(12)
  const lines = [`${'TOTP, nodeHmac vs otplib 13 (same run, same inputs)'.padEnd(w)} ${'library ops/s'.padStart(14)} ${'otplib ops/s'.padStart(14)}   ratio`]
  for (const r of rows)
    lines.push(`${r.case.padEnd(w)} ${n(r.library.opsPerSecond)}  ${n(r.otplib.opsPerSecond)}    ×${r.ratio.toFixed(1)}${r.ratio < 5 ? '  (below the 5× target)' : ''}`)
  return lines.join('\n')
}

/** The section: TOTP side by side with otplib; the target is 5× otplib's throughput for every case. */
export const totpSection: BenchModule = {
  key: 'totp',
  run: async (options) => {
    const rows = await totpBench(options.quick ? { timeMs: 100, iterations: 10, warmupMs: 20 } : { timeMs: 2000, iterations: 64, warmupMs: 500 })
    return {
      key: 'totp',
      title: 'TOTP generate and verify vs otplib',
      table: totpTable(rows),
      data: rows.map((r) => ({ ...r, meetsFiveTimes: r.ratio >= 5 })),
      missedTargets: rows.filter((r) => r.ratio < 5).map((r) => `${r.case}: ×${r.ratio.toFixed(1)} otplib's throughput, target ×5`)
    }
  }
}
