/**
 * Concurrency on the real server: the HPP portal over PostgreSQL (a pg Pool
 * of 64 connections to a database of this file's own), hit by many use cases
 * at once with Promise.all so their transactions genuinely interleave. These
 * are tests of outcomes, not timings: whatever the interleaving, the unique
 * index, the optimistic version checks and the one-transaction-per-use-case
 * rule must leave the rows exactly as a serial run would have, and every
 * caller must get a typed answer (a domain refusal or `storage.conflict`,
 * never `system.unexpected` or `storage.unavailable`).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { createPortal, hpp } from '../../src'
import { codesOf, createTestDatabase, DATABASE_URL_MISSING, postgresHarness, PostgresHarness, rightOf, TestDatabase } from '../support/postgres-harness'

const JANE = { memberId: 'HPP10203040', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1985-04-12' }
const SAM = { memberId: 'HPP50607080', firstName: 'Sam', lastName: 'Racer', dateOfBirth: '1990-01-02' }
const TESS = { memberId: 'HPP90817263', firstName: 'Tess', lastName: 'Tabs', dateOfBirth: '1978-06-15' }
const MAX_FAILED_CODE_ATTEMPTS = hpp.preset.policies.codePolicy.maxFailedAttempts // 5

type Outcome = E.Either<ReadonlyArray<{ code: string }>, unknown>

const signUpForm = (username: string, email: string, password: string) => ({ username, newPassword: password, confirmNewPassword: password, email })
const asMember = { firstName: JANE.firstName, lastName: JANE.lastName, dateOfBirth: JANE.dateOfBirth, iAmA: 'member', memberId: JANE.memberId }

/** Every error code in `outcomes`, with how often it occurred. */
const tally = (outcomes: ReadonlyArray<Outcome>): Record<string, number> => {
  const t: Record<string, number> = {}
  for (const o of outcomes) {
    const key = E.isRight(o) ? 'right' : o.left.map((e) => e.code).join('+')
    t[key] = (t[key] ?? 0) + 1
  }
  return t
}

/** Fails, showing every outcome, if any answer is not a right or one of `allowed` (each Left must be exactly one error). */
const assertOnly = (outcomes: ReadonlyArray<Outcome>, allowed: ReadonlyArray<string>, what: string): void => {
  for (const o of outcomes) {
    if (E.isRight(o)) continue
    const codes = o.left.map((e) => e.code)
    assert.ok(
      codes.length === 1 && allowed.includes(codes[0] as string),
      `${what}: unexpected answer ${JSON.stringify(o.left)}; expected only ${allowed.join(' / ')}; all answers: ${JSON.stringify(tally(outcomes))}`
    )
  }
}

const count = (outcomes: ReadonlyArray<Outcome>, code: string): number => outcomes.filter((o) => E.isLeft(o) && o.left.some((e) => e.code === code)).length
/** A few milliseconds' pause, so a burst's transactions start at staggered moments and read different versions. */
const stagger = (i: number): Promise<void> => new Promise((r) => setTimeout(r, i % 8))
const rights = (outcomes: ReadonlyArray<Outcome>): number => outcomes.filter(E.isRight).length

describe('PostgreSQL server: concurrency (issue "Concurrency on the real server")', () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names a PostgreSQL server', () => assert.ok(url, DATABASE_URL_MISSING))
  if (!url) return
  let database: TestDatabase | undefined
  let h: PostgresHarness

  before(async () => {
    database = await createTestDatabase('hpdm_concurrency', { max: 64 })
    h = await postgresHarness({ database, members: [JANE, SAM, TESS] })
  })
  after(async () => {
    await h?.close()
    await database?.drop()
  })

  const one = async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R> => {
    const row = (await h.db.query<R>(sql, params)).rows[0]
    assert.ok(row !== undefined, `no row for: ${sql}`)
    return row
  }
  const flowRow = (id: string) => one<{ state: string; version: number }>('SELECT state, version FROM flows WHERE id = $1', [id])
  const ledgerRow = (email: string) =>
    one<{ failed_attempts: number; codes_issued: number; code_used: boolean | null; code_hash: string | null; locked_until: unknown; version: number }>(
      `SELECT failed_attempts, codes_issued, code_used, code_hash, locked_until, version FROM code_ledgers WHERE purpose = 'sign-up' AND address_key = $1`,
      [h.keyedHasher.digest('email-address', email.toLowerCase())]
    )

  test('50 simultaneous sign-ups with one username create exactly one account', async () => {
    const attempts = Array.from({ length: 50 }, (_, i) => ({ i, email: `jane.doe+${i}@example.com`, password: `Spring#2026-${i}` }))
    const outcomes = await Promise.all(
      attempts.map(async ({ email, password }) => {
        const started = await h.portal.signUp.start(signUpForm('JaneDoe', email, password))
        if (E.isLeft(started)) return { stage: 'start', result: started as Outcome }
        const code = await h.waitForCode(email)
        const verified = await h.portal.signUp.verifyEmail(started.right.flowId, code)
        if (E.isLeft(verified)) return { stage: 'verify', result: verified as Outcome }
        return { stage: 'create', result: (await h.portal.signUp.create(started.right.flowId, asMember)) as Outcome, password }
      })
    )
    const results = outcomes.map((o) => o.result)
    const created = outcomes.filter((o) => o.stage === 'create' && E.isRight(o.result))
    const stages = outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o.stage]: (t[o.stage] ?? 0) + 1 }), {})
    assert.equal(created.length, 1, `exactly one create must succeed; answers: ${JSON.stringify(tally(results))}, stages reached: ${JSON.stringify(stages)}`)
    assertOnly(results, ['username.taken', 'storage.conflict'], 'a losing sign-up')
    assert.equal(count(results, 'system.unexpected') + count(results, 'storage.unavailable'), 0)

    const n = await one<{ n: string }>(`SELECT count(*)::text AS n FROM accounts WHERE username_key = 'janedoe'`)
    assert.equal(Number(n.n), 1, 'exactly one row for the username')
    const total = await one<{ n: string }>('SELECT count(*)::text AS n FROM accounts')
    assert.equal(Number(total.n), 1, 'no other account appeared')

    const winner = created[0] as { result: E.Right<{ accountId: string }>; password: string }
    const signedIn = rightOf(await h.portal.signIn({ username: 'JaneDoe', password: winner.password }), 'sign-in as the winner')
    assert.equal(signedIn.accountId, winner.result.right.accountId)
    const loser = attempts.find((a) => a.password !== winner.password) as { password: string }
    assert.deepEqual(codesOf(await h.portal.signIn({ username: 'janedoe', password: loser.password })), ['sign-in.invalid-credentials'])
    // A losing create leaves its flow where it was: verified, never completed.
    const completed = await one<{ n: string }>(`SELECT count(*)::text AS n FROM flows WHERE kind = 'sign-up' AND state = 'completed'`)
    assert.equal(Number(completed.n), 1, 'only the winning flow is completed')
    console.log(`# 50 sign-ups as JaneDoe: ${JSON.stringify(tally(results))}; stages reached: ${JSON.stringify(stages)}`)
  })

  test('simultaneous verifications of one code never accept more than one, nor exceed the attempt limit', async () => {
    // 20 at once with the right code: at most one is accepted.
    const right = rightOf(await h.portal.signUp.start(signUpForm('RightCoder', 'right.coder@example.com', 'Autumn#2026')), 'start')
    const code = await h.waitForCode('right.coder@example.com')
    const burst = (await Promise.all(Array.from({ length: 20 }, () => h.portal.signUp.verifyEmail(right.flowId, code)))) as Outcome[]
    const accepted = rights(burst)
    assert.ok(accepted <= 1, `the same code was accepted ${accepted} times: ${JSON.stringify(tally(burst))}`)
    assert.ok(accepted >= 0)
    assertOnly(burst, ['code.already-used', 'storage.conflict', 'flow.wrong-state'], 'a concurrent verification of the right code')
    // Whatever the interleaving, the rows say "verified once" (in practice exactly once).
    const flow = await flowRow(right.flowId)
    const ledger = await ledgerRow('right.coder@example.com')
    if (accepted === 1) {
      assert.deepEqual({ state: flow.state, version: Number(flow.version) }, { state: 'email-verified', version: 2 })
      assert.deepEqual({ used: ledger.code_used, failed: Number(ledger.failed_attempts), version: Number(ledger.version) }, { used: true, failed: 0, version: 2 })
    } else {
      assert.equal(flow.state, 'awaiting-email-code')
    }
    console.log(`# 20 verifications of the right code: ${JSON.stringify(tally(burst))}`)

    // 30 at once with wrong codes, in waves until the address is locked.
    const email = 'wrong.coder@example.com'
    const wrongFlow = rightOf(await h.portal.signUp.start(signUpForm('WrongCoder', email, 'Winter#2026')), 'start')
    const good = await h.waitForCode(email)
    const wrong = Array.from({ length: 30 }, (_, i) => String((Number(good) + 1 + i) % 1_000_000).padStart(6, '0'))
    let highest = 0
    let sampling = true
    const sampler = (async () => {
      while (sampling) {
        highest = Math.max(highest, Number((await ledgerRow(email)).failed_attempts))
        await new Promise((r) => setImmediate(r))
      }
    })()
    const all: Outcome[] = []
    let waves = 0
    try {
      while (waves < 10 && (await ledgerRow(email)).locked_until === null) {
        waves++
        all.push(...((await Promise.all(wrong.map(async (c, i) => (await stagger(i), h.portal.signUp.verifyEmail(wrongFlow.flowId, c))))) as Outcome[]))
      }
    } finally {
      sampling = false
      await sampler
    }
    const after = await ledgerRow(email)
    highest = Math.max(highest, Number(after.failed_attempts))
    assert.equal(rights(all), 0, 'a wrong code was accepted')
    assertOnly(all, ['code.incorrect', 'code.too-many-attempts', 'storage.conflict'], 'a concurrent wrong code')
    assert.ok(highest <= MAX_FAILED_CODE_ATTEMPTS, `failed_attempts reached ${highest}, over the limit of ${MAX_FAILED_CODE_ATTEMPTS}`)
    assert.ok(after.locked_until !== null, `not locked after ${waves} waves of 30 wrong codes: ${JSON.stringify(tally(all))}`)
    assert.equal(Number(after.failed_attempts), MAX_FAILED_CODE_ATTEMPTS)
    assert.equal(after.code_hash, null, 'the code was invalidated at the lock')
    const incorrect = count(all, 'code.incorrect')
    assert.ok(incorrect <= MAX_FAILED_CODE_ATTEMPTS - 1, `${incorrect} "code.incorrect" answers`)
    // Every committed wrong attempt was counted once: attempts 1–4 answered "incorrect", the 5th locked.
    assert.equal(incorrect, MAX_FAILED_CODE_ATTEMPTS - 1, `every committed wrong attempt is counted: ${JSON.stringify(tally(all))}`)
    // Committed attempts = 5, so the ledger moved 5 versions past its insert.
    assert.equal(Number(after.version), 1 + MAX_FAILED_CODE_ATTEMPTS)
    // Now the right code is refused too.
    const late = await h.portal.signUp.verifyEmail(wrongFlow.flowId, good)
    assert.ok(E.isLeft(late))
    assert.ok(['code.too-many-attempts', 'code.expired'].includes(codesOf(late)[0] as string), `the right code after the lock: ${JSON.stringify(late.left)}`)
    assert.equal((await flowRow(wrongFlow.flowId)).state, 'awaiting-email-code')
    console.log(`# wrong codes, ${waves} wave(s) of 30: ${JSON.stringify(tally(all))}; highest failed_attempts seen: ${highest}`)
  })

  test('no update is lost under concurrent writes (account sign-in failures, code ledger resends)', async () => {
    // A lenient lockout keeps every failure a plain "invalid credentials", so each answer is either a committed failure or a lost race.
    const lenient: typeof hpp.preset = {
      ...hpp.preset,
      policies: { ...hpp.preset.policies, signInThrottle: { ...hpp.preset.policies.signInThrottle, freeAttempts: 100_000 } }
    }
    const portal = createPortal(lenient, h.ports)
    const email = 'sam.racer@example.com'
    const flow = rightOf(await h.portal.signUp.start(signUpForm('SamRacer', email, 'Summer#2026')), 'start')
    rightOf(await h.portal.signUp.verifyEmail(flow.flowId, await h.waitForCode(email)), 'verify')
    rightOf(await h.portal.signUp.create(flow.flowId, { ...SAM, iAmA: 'member' }), 'create')
    const account = () => one<{ failed_sign_ins: number; version: number }>(`SELECT failed_sign_ins, version FROM accounts WHERE username_key = 'samracer'`)
    const before = await account()
    assert.equal(Number(before.failed_sign_ins), 0)

    const answers: Outcome[] = []
    for (let wave = 0; wave < 4; wave++)
      answers.push(
        ...((await Promise.all(
          Array.from({ length: 40 }, async (_, i) => (await stagger(i), portal.signIn({ username: 'SamRacer', password: `Wrong#${wave}-${i}` })))
        )) as Outcome[])
      )
    assertOnly(answers, ['sign-in.invalid-credentials', 'storage.conflict'], 'a concurrent failed sign-in')
    assert.equal(rights(answers), 0)
    const committed = count(answers, 'sign-in.invalid-credentials')
    const lost = count(answers, 'storage.conflict')
    const afterBurst = await account()
    assert.ok(committed >= 4, `at least one failure committed per wave: ${JSON.stringify(tally(answers))}`)
    assert.equal(Number(afterBurst.failed_sign_ins), committed, `failed_sign_ins must equal the committed failures (${JSON.stringify(tally(answers))})`)
    assert.equal(Number(afterBurst.version), Number(before.version) + committed, 'one version per committed update')
    console.log(`# 4 waves of 40 wrong passwords: ${committed} committed, ${lost} lost the race; version ${before.version} → ${afterBurst.version}`)
    // The right password still works, and clears the count.
    rightOf(await portal.signIn({ username: 'SamRacer', password: 'Summer#2026' }), 'sign-in after the burst')
    assert.equal(Number((await account()).failed_sign_ins), 0)

    // The code ledger: concurrent "Send new code" on one flow.
    const resender = 'rhea.sender@example.com'
    const started = rightOf(await h.portal.signUp.start(signUpForm('RheaSender', resender, 'Spring#2027')), 'start')
    await h.waitForCode(resender)
    const beforeLedger = await ledgerRow(resender)
    assert.deepEqual({ issued: Number(beforeLedger.codes_issued), version: Number(beforeLedger.version) }, { issued: 1, version: 1 })
    const resends = (await Promise.all(Array.from({ length: 12 }, async (_, i) => (await stagger(i), h.portal.signUp.resendCode(started.flowId))))) as Outcome[]
    assertOnly(resends, ['storage.conflict', 'code.too-many-codes'], 'a concurrent resend')
    const ok = rights(resends)
    assert.ok(ok >= 1, `at least one resend commits: ${JSON.stringify(tally(resends))}`)
    const afterLedger = await ledgerRow(resender)
    assert.equal(Number(afterLedger.codes_issued), 1 + ok, `codes_issued must be 1 + the successful resends (${JSON.stringify(tally(resends))})`)
    assert.equal(Number(afterLedger.version), 1 + ok)
    // One e-mail per committed code, none for a resend that rolled back.
    const queued = await one<{ n: string }>('SELECT count(*)::text AS n FROM mail_outbox WHERE recipient = $1', [resender])
    assert.equal(Number(queued.n), 1 + ok, 'one queued e-mail per committed code')
    await h.waitForCode(resender, 1 + ok)
    assert.equal(h.delivered(resender).length, 1 + ok, 'one delivered e-mail per committed code')
    console.log(`# 12 concurrent resends: ${JSON.stringify(tally(resends))}; codes_issued ${afterLedger.codes_issued}`)
  })

  test('simultaneous sign-ins with the right password all succeed (two tabs, two devices)', async () => {
    const email = 'tess.tabs@example.com'
    const flow = rightOf(await h.portal.signUp.start(signUpForm('TessTabs', email, 'Tabs#2026x')), 'start')
    rightOf(await h.portal.signUp.verifyEmail(flow.flowId, await h.waitForCode(email)), 'verify')
    rightOf(await h.portal.signUp.create(flow.flowId, { ...TESS, iAmA: 'member' }), 'create')
    // Nothing to record: no failures to clear, no lock to lift. A correct password must not lose an optimistic race.
    const answers = (await Promise.all(Array.from({ length: 20 }, () => h.portal.signIn({ username: 'TessTabs', password: 'Tabs#2026x' })))) as Outcome[]
    console.log(`# 20 simultaneous correct sign-ins: ${JSON.stringify(tally(answers))}`)
    assert.equal(rights(answers), 20, `every correct sign-in must succeed; answers: ${JSON.stringify(tally(answers))}`)
    const row = await one<{ failed_sign_ins: number }>(`SELECT failed_sign_ins FROM accounts WHERE username_key = 'tesstabs'`)
    assert.equal(Number(row.failed_sign_ins), 0)
  })
})
