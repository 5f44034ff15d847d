/**
 * A test harness: the Harmony preset over the in-memory adapters, with a
 * manual clock, a fixed keyed-hash key, cheap scrypt, an outbox, and the
 * plan's provider directory loaded from data (as in scratch/harmony-smoke.ts).
 */
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, harmony } from '../../src'
import { Random } from '../../src/ports/random'
import { KeyedHasher } from '../../src/ports/keyed-hasher'
import { PasswordHasher } from '../../src/ports/password-hasher'
import { manualClock, MemberData, memberDirectoryFromData, memoryPorts, memoryStore, outboxMailer, providerDirectoryFromData, ProviderData } from '../../adapters/memory'
import { HashKey, hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'
import { rightOf } from './hpp-harness'

export { codesOf, rightOf } from './hpp-harness'

export const START = '2026-11-22T09:00:00'
export const ZONE = 'America/New_York'

/** Riverside Family Practice, the guide's example provider. */
export const RIVERSIDE: ProviderData = { providerId: 'HP001234', name: 'Riverside Family Practice', zipCode: '33602', taxId: '59-1234567' }

/** A valid "Tell us about yourself". */
export const RIVERSIDE_ABOUT = {
  organisation: { name: 'Riverside Family Practice', phone: '813-555-0142' },
  users: [{ firstName: 'Grace', lastName: 'Okafor', email: 'grace.okafor@riversidefp.com', phone: '(813) 555-0143', access: ['claims', 'prior-authorizations'] }]
}

export interface HarmonyHarnessOptions {
  readonly providers?: ReadonlyArray<ProviderData>
  readonly random?: Random
  readonly hashKey?: HashKey
  readonly preset?: typeof harmony.preset
  readonly keyedHasher?: KeyedHasher
  readonly passwordHasher?: PasswordHasher
  /** The plan's members (for prior authorization). */
  readonly members?: ReadonlyArray<MemberData>
}

/** The temporary password in a Harmony e-mail's text. */
export const temporaryPasswordIn = (text: string | undefined): string | undefined => /Temporary password: (\S+)/.exec(text ?? '')?.[1]

/** Builds the Harmony portal over fresh in-memory ports. */
export const harmonyHarness = (options: HarmonyHarnessOptions = {}) => {
  const clock = manualClock(DateTime.fromISO(START, { zone: ZONE }))
  const keyedHasher = options.keyedHasher ?? hmacKeyedHasher(options.hashKey ?? (new Uint8Array(32).fill(11) as HashKey))
  const preset = options.preset ?? harmony.preset
  const directory = providerDirectoryFromData(
    options.providers ?? [RIVERSIDE],
    preset.policies.providers?.providerIdFormat ?? harmony.providerIdFormat,
    keyedHasher
  )
  if (E.isLeft(directory)) assert.fail(`provider data did not load: ${JSON.stringify(directory.left)}`)
  const members = memberDirectoryFromData(
    { members: options.members ?? [] },
    { memberId: preset.policies.memberIdFormat, representativeId: preset.policies.representativeIdFormat },
    keyedHasher,
    START.slice(0, 10)
  )
  if (E.isLeft(members)) assert.fail(`member data did not load: ${JSON.stringify(members.left)}`)
  const mailer = outboxMailer()
  const store = memoryStore()
  const ports = memoryPorts({
    clock,
    mailer,
    keyedHasher,
    providers: directory.right,
    members: members.right,
    passwordHasher: options.passwordHasher ?? scryptPasswordHasher(TEST_ONLY_SCRYPT),
    store,
    ...(options.random ? { random: options.random } : {})
  })
  const portal = createPortal(preset, ports)

  /** The temporary password in the newest e-mail to `address`. */
  const lastTemporaryPassword = (address: string): string => {
    const inbox = mailer.inbox(address)
    const p = temporaryPasswordIn(inbox[inbox.length - 1]?.text)
    assert.ok(p !== undefined, `no temporary password e-mailed to ${address}`)
    return p
  }

  /** Steps 3 to 5 in one go; returns the confirmation and the temporary password e-mailed. */
  const register = async (
    identify: { readonly providerId?: unknown; readonly zipCode?: unknown; readonly taxId?: unknown },
    about: Parameters<typeof portal.providerRegistration.describe>[1],
    choice: { readonly username: string; readonly securityQuestion: string; readonly securityAnswer: string }
  ) => {
    const flow = rightOf(await portal.providerRegistration.identify(identify), 'identify')
    rightOf(await portal.providerRegistration.describe(flow.flowId, about), 'describe')
    const confirmation = rightOf(await portal.providerRegistration.createUsername(flow.flowId, choice), 'create username')
    const to = (about.users as ReadonlyArray<{ email: string }>)[0]?.email as string
    return { flowId: flow.flowId, confirmation, temporaryPassword: lastTemporaryPassword(to) }
  }

  return { portal, clock, mailer, store, keyedHasher, ports, lastTemporaryPassword, register }
}
