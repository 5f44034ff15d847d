/**
 * The building blocks, one call at a time: each case runs for a fixed time
 * after a warm-up and reports operations per second, the median time of one
 * operation and the heap growth (the timer's own cost is in each figure: the
 * side-by-side sections batch their calls instead). Then bounded time on
 * hostile input: the same call with a normal and a 1 MiB input.
 */
import { performance } from 'node:perf_hooks'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, harmony, hpp } from '../src'
import { validateClinicals, validateCodes } from '../src/prior-authorization/request'
import { validateAboutYou } from '../src/organizations/provider-registration'
import { parseIcd10cmOrderFile } from '../adapters/memory/icd10cm'
import { priorAuthorizationHarness } from '../test/support/prior-authorization-harness'
import { checkCode, emptyLedger, issueCode, b2cEmailCode } from '../src/credentials/verification-code'
import { parseEmailAddress } from '../src/kernel/email'
import { KeyedHash } from '../src/ports/keyed-hasher'
import { manualClock, memberDirectoryFromData, memoryPorts, outboxMailer } from '../adapters/memory'
import { hmacKeyedHasher, OWASP_SCRYPT, randomHashKey, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../adapters/system'
import { BenchModule, BenchOptions, formatTable, syntheticIcd10cmOrderFile } from './report'

const MIN_CALLS = 3

interface Result { readonly name: string; readonly ops: number; readonly medianMs: number; readonly heapMiB: number }

/** Quick: a twentieth of each case's time, 2 warm-up calls instead of 20, and still at least 3 timed calls. */
let TIME_SCALE = 1
let WARMUP = 20

async function measure(name: string, op: () => unknown | Promise<unknown>, seconds = 1): Promise<Result> {
  for (let i = 0; i < WARMUP; i++) await op()
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const times: number[] = []
  const end = performance.now() + seconds * TIME_SCALE * 1000
  while (performance.now() < end || times.length < MIN_CALLS) {
    const t = performance.now()
    await op()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const total = times.reduce((a, b) => a + b, 0)
  return {
    name,
    ops: times.length / (total / 1000),
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    heapMiB: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
  }
}

/** The outpatient authorization request: step validation, a whole request through the portal, and the ICD-10-CM loader at full size. */
async function priorAuthorizationCases(): Promise<ReadonlyArray<Result>> {
  const policies = harmony.priorAuthorization
  const codes = validateCodes(policies)
  const twelve = { diagnoses: ['M54.50', 'I10', 'E11.9', 'J45.909', 'R51.9', 'R05.1', 'U07.1', 'Z00.00', 'A00.0', 'C4A.0', 'T36.0X1A', 'Z3A.01'], procedures: ['97110', '97140', '99213', '0001F', '0042T', 'G0283', 'J1885', 'E0114', '72148', '97035'] }
  const clinicals = validateClinicals(policies)
  const bigPdf = new Uint8Array(5 * 1024 * 1024)
  bigPdf.set(new TextEncoder().encode('%PDF-1.7\n'))
  const h = await priorAuthorizationHarness()
  const acting = await h.signIn()
  const entries = syntheticIcd10cmOrderFile(98_000)
  return [
    await measure('prior auth: validate 12 diagnoses + 10 procedures (pure)', () => codes(twelve)),
    await measure('prior auth: validate a 5 MiB PDF attachment + text (pure)', () => clinicals({ text: 'Low back pain for 8 weeks.', attachments: [{ fileName: 'mri.pdf', mediaType: 'application/pdf', content: bigPdf }] })),
    await measure('prior auth: steps 1–10 through the portal, memory adapters', async () => {
      const id = await h.readyToSubmit(acting)
      const submitted = await h.portal.priorAuthorization.submit(acting, id)
      if (E.isLeft(submitted)) throw new Error(submitted.left[0]?.code)
    }),
    await measure('ICD-10-CM order file, 98,000 lines: parse into a release', () => parseIcd10cmOrderFile(entries, '2025-10-01', '2026-09-30'), 3)
  ]
}

/**
 * Bounded time per call: the same call with a 1 MiB hostile input and with a
 * normal one, as a ratio of their median times. A ratio near or below 1 means
 * the hostile input was refused before any parsing; a quadratic regex or a
 * per-entry error list would show as a ratio in the thousands.
 */
async function hostileInputCases(): Promise<ReadonlyArray<{ readonly name: string; readonly normalMs: number; readonly hostileMs: number; readonly ratio: number }>> {
  const MiB = 1 << 20
  const codes = validateCodes(harmony.priorAuthorization)
  const user = { firstName: 'Grace', lastName: 'Okafor', email: 'grace.okafor@riversidefp.com', phone: '(813) 555-0143' }
  const organisation = { name: 'Riverside Family Practice', phone: '813-555-0142' }
  const h = await priorAuthorizationHarness()
  const spaces = ' '.repeat(MiB) + 'x'
  const manyCodes = Array.from({ length: 524_289 }, () => 'M54.50')
  const cases: ReadonlyArray<readonly [string, () => unknown, () => unknown]> = [
    ["users' access: 'claims and payments' vs 1 MiB of spaces then x", () => validateAboutYou({ organisation, users: [{ ...user, access: 'claims and payments' }] }), () => validateAboutYou({ organisation, users: [{ ...user, access: spaces }] })],
    ['diagnoses: 2 codes vs 524,289 codes (1 MiB of entries)', () => codes({ diagnoses: ['M54.50', 'I10'], procedures: ['97110'] }), () => codes({ diagnoses: manyCodes, procedures: ['97110'] })],
    ['diagnoses: 2 codes typed vs 1 MiB typed', () => codes({ diagnoses: 'M54.50, I10', procedures: '97110' }), () => codes({ diagnoses: 'M54.50,'.repeat(MiB / 8), procedures: '97110' })],
    ['sign-in (portal): unknown user vs a 1 MiB username', () => h.portal.signIn({ username: 'NoSuchUser', password: 'x' }), () => h.portal.signIn({ username: 'u'.repeat(MiB), password: 'x' })]
  ]
  const rows = []
  for (const [name, normal, hostile] of cases) {
    const a = await measure(`${name} (normal)`, normal, 0.5)
    const b = await measure(`${name} (hostile)`, hostile, 0.5)
    rows.push({ name, normalMs: a.medianMs, hostileMs: b.medianMs, ratio: b.medianMs / a.medianMs })
  }
  return rows
}

async function run(options: BenchOptions) {
  TIME_SCALE = options.quick ? 0.05 : 1
  WARMUP = options.quick ? 2 : 20
  const now = DateTime.fromISO('2026-11-22T09:00', { zone: 'America/New_York' })
  const ledger = emptyLedger('sign-up', 'k' as KeyedHash, now)
  const keyed = hmacKeyedHasher(randomHashKey())
  const owasp = scryptPasswordHasher(OWASP_SCRYPT)

  const portalFor = () => {
    const mailer = outboxMailer()
    const members = memberDirectoryFromData(
      { members: [{ memberId: 'HP12345678', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985' }] },
      { memberId: hpp.memberIdFormat, representativeId: hpp.representativeIdFormat },
      keyed,
      '2026-11-22'
    )
    if (E.isLeft(members)) throw new Error('bench data is invalid')
    const portal = createPortal(
      hpp.preset,
      memoryPorts({ clock: manualClock(now), mailer, keyedHasher: keyed, members: members.right, passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT) })
    )
    return { portal, mailer }
  }
  let n = 0
  const { portal, mailer } = portalFor()

  const results = [
    await measure('e-mail address parse', () => parseEmailAddress('JaneDoe@Gmail.com')),
    await measure('code issue + check (pure)', () => {
      const issued = issueCode(b2cEmailCode)(now, ledger, 'h' as KeyedHash)
      if (E.isRight(issued)) checkCode(b2cEmailCode)(now, issued.right, 'h' as KeyedHash)
    }),
    await measure('HMAC keyed hash of a code', () => keyed.digest('verification-code', 'flow:123456')),
    await measure('sign-up to active account, memory adapters (test scrypt)', async () => {
      n++
      const email = `jane${n}@example.com`
      const started = await portal.signUp.start({ username: `Jane${n}`, newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email })
      if (E.isLeft(started)) throw new Error(started.left[0]?.code)
      const code = /Your code is: (\d{6})/.exec(mailer.inbox(email)[0]?.text ?? '')?.[1]
      await portal.signUp.verifyEmail(started.right.flowId, code)
      const created = await portal.signUp.create(started.right.flowId, {
        firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985', iAmA: 'member', memberId: 'HP12345678'
      })
      if (E.isLeft(created)) throw new Error(created.left[0]?.code)
    }),
    ...(await priorAuthorizationCases()),
    await measure('scrypt hash, OWASP N=2^17 r=8 p=1 (production default)', () => owasp.hash('Spring#2026')(), 3)
  ]

  const hostile = await hostileInputCases()
  const table = [
    formatTable(['case', 'ops/s', 'median', 'heap Δ'], results.map((r) => [r.name, r.ops.toFixed(0), `${r.medianMs.toFixed(4)} ms`, `${r.heapMiB.toFixed(1)} MiB`])),
    '',
    formatTable(['hostile input: the same call, normal vs 1 MiB', 'normal', 'hostile', 'ratio'], hostile.map((h) => [h.name, `${h.normalMs.toFixed(4)} ms`, `${h.hostileMs.toFixed(4)} ms`, `×${h.ratio.toFixed(2)}`]))
  ].join('\n')
  return { key: 'building-blocks', title: 'Building blocks, one call at a time (ops/s, median, heap growth), and bounded time on hostile input', table, data: { cases: results, hostileInput: hostile }, missedTargets: [] }
}

/** One call at a time: the building blocks, and the hostile-input ratios. */
export const buildingBlocks: BenchModule = { key: 'building-blocks', run }
