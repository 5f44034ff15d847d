/**
 * A test harness: the HPP preset over the in-memory adapters, with a manual
 * clock, a fixed keyed-hash key, cheap scrypt and an outbox (as in scratch/smoke.ts).
 */
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, hpp } from '../../src'
import { Random } from '../../src/ports/random'
import { KeyedHasher } from '../../src/ports/keyed-hasher'
import { PasswordHasher } from '../../src/ports/password-hasher'
import { manualClock, memberDirectoryFromData, MemberData, memoryPorts, memoryStore, outboxMailer, RepresentativeData } from '../../adapters/memory'
import { HashKey, hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'

export const START = '2026-11-22T09:00:00'
export const ZONE = 'America/New_York'
export const TODAY = '2026-11-22'

export interface HarnessOptions {
  readonly members?: ReadonlyArray<MemberData>
  readonly representatives?: ReadonlyArray<RepresentativeData>
  readonly random?: Random
  readonly hashKey?: HashKey
  readonly preset?: typeof hpp.preset
  /** Replace the HMAC keyed hasher (e.g. to prove a leak detector works). */
  readonly keyedHasher?: KeyedHasher
  /** Replace cheap scrypt. */
  readonly passwordHasher?: PasswordHasher
}

/** Builds a portal over fresh in-memory ports. */
export const hppHarness = (options: HarnessOptions = {}) => {
  const clock = manualClock(DateTime.fromISO(START, { zone: ZONE }))
  const keyedHasher = options.keyedHasher ?? hmacKeyedHasher(options.hashKey ?? (new Uint8Array(32).fill(42) as HashKey))
  const mailer = outboxMailer()
  const store = memoryStore()
  const directory = memberDirectoryFromData(
    { members: options.members ?? [], representatives: options.representatives ?? [] },
    { memberId: hpp.memberIdFormat, representativeId: hpp.representativeIdFormat },
    keyedHasher,
    TODAY
  )
  if (E.isLeft(directory)) assert.fail(`member data did not load: ${JSON.stringify(directory.left)}`)
  const ports = memoryPorts({
    clock,
    mailer,
    keyedHasher,
    members: directory.right,
    passwordHasher: options.passwordHasher ?? scryptPasswordHasher(TEST_ONLY_SCRYPT),
    store,
    ...(options.random ? { random: options.random } : {})
  })
  const portal = createPortal(options.preset ?? hpp.preset, ports)
  /** The code in the newest e-mail to `address`. */
  const lastCode = (address: string): string => {
    const inbox = mailer.inbox(address)
    const m = /Your code is: (\d+)/.exec(inbox[inbox.length - 1]?.text ?? '')
    assert.ok(m?.[1] !== undefined, `no code e-mailed to ${address}`)
    return m[1]
  }
  return { portal, clock, mailer, store, keyedHasher, ports, lastCode }
}

/** Unwraps a right, failing the test with the errors otherwise. */
export const rightOf = <A>(r: E.Either<ReadonlyArray<{ code: string }>, A>, what = 'step'): A => {
  if (E.isLeft(r)) assert.fail(`${what} failed: ${JSON.stringify(r.left)}`)
  return r.right
}

/** The error codes of a left (empty for a right). */
export const codesOf = (r: E.Either<ReadonlyArray<{ code: string }>, unknown>): string[] => (E.isLeft(r) ? r.left.map((e) => e.code) : [])
