/**
 * What the registration bench and its child processes share: one whole member
 * registration (sign-up, code, verify, profile, active) through the HPP
 * portal, a mailer that keeps only each address's last code (a real relay
 * hands mail on; it keeps nothing), and the portal over memory or PostgreSQL.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { DateTime } from 'luxon'
import { createPortal, hpp } from '../src'
import { Mailer } from '../src/ports/mailer'
import { MemberDirectory } from '../src/ports/member-directory'
import { KeyedHasher } from '../src/ports/keyed-hasher'
import { manualClock, memberDirectoryFromData, memoryPorts } from '../adapters/memory'
import { postgresPorts, SqlDatabase } from '../adapters/postgres'
import { HashKey, hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../adapters/system'

// -------------------------------------------------------------------------------------
// ports
// -------------------------------------------------------------------------------------

export const BENCH_NOW = DateTime.fromISO('2026-11-22T10:00:00', { zone: 'America/New_York' })

/** A fixed key, so every process of one run hashes alike (usernames, codes). */
export const BENCH_HASH_KEY = new Uint8Array(32).fill(7) as HashKey

/** Hands each code to the bench and forgets it once taken: nothing grows per account. */
export interface CodeMailer extends Mailer {
  readonly takeCode: (address: string) => string | undefined
  /** A code another process's relay delivered for one of ours. */
  readonly putCode: (address: string, code: string) => void
}

/** `elsewhere`: where a code goes that this process did not ask for (another portal process's member). */
export const codeMailer = (elsewhere?: (address: string, code: string) => boolean): CodeMailer => {
  const codes = new Map<string, string>()
  return {
    send: (email) =>
      TE.fromIO(() => {
        const code = /Your code is: (\d{6})/.exec(email.text)?.[1]
        if (code !== undefined && elsewhere?.(email.to.toLowerCase(), code) !== true) codes.set(email.to.toLowerCase(), code)
      }),
    putCode: (address, code) => {
      codes.set(address.toLowerCase(), code)
    },
    takeCode: (address) => {
      const key = address.toLowerCase()
      const code = codes.get(key)
      codes.delete(key)
      return code
    }
  }
}

const membersFor = (keyed: KeyedHasher): MemberDirectory => {
  const members = memberDirectoryFromData(
    { members: [{ memberId: 'HP12345678', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985' }] },
    { memberId: hpp.memberIdFormat, representativeId: hpp.representativeIdFormat },
    keyed,
    '2026-11-22'
  )
  if (E.isLeft(members)) throw new Error('bench member data is invalid')
  return members.right
}

// Never called: it names the HPP portal's type (createPortal is generic over its preset).
const hppPortal = (ports: Parameters<typeof createPortal>[1]) => createPortal(hpp.preset, ports)
export type Portal = ReturnType<typeof hppPortal>

export const memoryPortal = (): { readonly portal: Portal; readonly mailer: CodeMailer } => {
  const keyed = hmacKeyedHasher(BENCH_HASH_KEY)
  const mailer = codeMailer()
  const portal = createPortal(
    hpp.preset,
    memoryPorts({ clock: manualClock(BENCH_NOW), mailer, keyedHasher: keyed, members: membersFor(keyed), passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT) })
  )
  return { portal, mailer }
}

/** The portal over PostgreSQL (a server or PGlite); mail goes out through the outbox and its relay after each commit. */
export const postgresPortal = (
  db: SqlDatabase,
  elsewhere?: (address: string, code: string) => boolean
): { readonly portal: Portal; readonly mailer: CodeMailer; readonly drainOutbox: () => Promise<void> } => {
  const keyed = hmacKeyedHasher(BENCH_HASH_KEY)
  const mailer = codeMailer(elsewhere)
  const ports = postgresPorts({ db, hashKey: BENCH_HASH_KEY, delivery: mailer, clock: manualClock(BENCH_NOW), keyedHasher: keyed, members: membersFor(keyed), passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT) })
  const portal = createPortal(hpp.preset, ports)
  // Until nothing due is left: a pass that delivers nothing leaves only messages waiting for a retry (bounded, never a hang).
  const drainOutbox = async (): Promise<void> => {
    for (let pass = 0; pass < 10_000; pass++) {
      const report = await ports.relay.deliverPending()
      if (E.isLeft(report)) throw new Error(`bench: relay: ${report.left.code}`)
      if (report.right.pending === 0) return
      if (report.right.delivered === 0) return
    }
    throw new Error('bench: the outbox did not drain')
  }
  return { portal, mailer, drainOutbox }
}

// -------------------------------------------------------------------------------------
// one registration
// -------------------------------------------------------------------------------------

/**
 * The code mailed to `address`. Over PostgreSQL another client's relay may be
 * the one delivering it (the rows are shared), a moment after this commit: wait for it.
 */
const awaitCode = async (mailer: CodeMailer, address: string): Promise<string> => {
  const deadline = performance.now() + 60_000
  for (;;) {
    const code = mailer.takeCode(address)
    if (code !== undefined) return code
    if (performance.now() > deadline) throw new Error(`no code mailed to ${address}`)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

export type Registered = 'active' | 'username.taken'

/** Sign-up to active account for `username`; `username.taken` (at start or at create) is an outcome, anything else throws. */
export const registerMember = async (portal: Portal, mailer: CodeMailer, username: string, email = `${username}@example.com`): Promise<Registered> => {
  const started = await portal.signUp.start({ username, newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email })
  if (E.isLeft(started)) {
    if (started.left[0]?.code === 'username.taken') return 'username.taken'
    throw new Error(`sign-up start: ${JSON.stringify(started.left)}`)
  }
  const code = await awaitCode(mailer, email)
  const verified = await portal.signUp.verifyEmail(started.right.flowId, code)
  if (E.isLeft(verified as E.Either<unknown, unknown>)) throw new Error(`verify: ${JSON.stringify((verified as E.Left<unknown>).left)}`)
  const created = await portal.signUp.create(started.right.flowId, { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985', iAmA: 'member', memberId: 'HP12345678' })
  if (E.isLeft(created)) {
    if (created.left[0]?.code === 'username.taken') return 'username.taken'
    throw new Error(`create: ${JSON.stringify(created.left)}`)
  }
  return 'active'
}

/** `clients` loops doing whole registrations back to back for `ms`; usernames `${prefix}c${client}n${i}`. */
export const runClients = async (clients: number, ms: number, register: (username: string) => Promise<unknown>, prefix: string): Promise<{ readonly done: number; readonly seconds: number }> => {
  let done = 0
  const started = performance.now()
  const end = started + ms
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < end || i === 0; i++) {
        await register(`${prefix}c${c}n${i}`)
        done++
      }
    })
  )
  return { done, seconds: (performance.now() - started) / 1000 }
}
