/**
 * No secrets at rest: drive the HPP portal over the in-memory store through
 * every path that handles a secret — sign-up of a member and of a personal
 * representative, a wrong code, a re-sent code, sign-in (right and wrong) and
 * a password reset — then read the whole store as an attacker would
 * (`memoryStore().snapshot()`) and look for every password, every
 * verification code and the Personal Representative ID that was typed.
 * The same for the Harmony preset: a provider registration (the Tax ID as
 * typed, the security answer as typed and normalised), every temporary
 * password e-mailed, a wrong security answer, the answer tried with an
 * unknown username, recovery, and the passwords of one's own chosen after
 * each temporary password. And the organisations context (HealthPartners): a
 * provider registered with a check number, another by a mailed PIN, a billing
 * organisation's approved request for client access, a request to Provider
 * e-Services — no Tax ID (in any form), check number, PIN or link token is
 * held. And QPP HARP (`createPortal(harp.preset, …)`, test/support/harp-scenario.ts):
 * a profile and account with an SSN, a password and a challenge answer;
 * remote proofing by the credit bureau's quiz answered rightly; text messages
 * and Google Authenticator added, log-ins with each; a practice connected to
 * by its TIN with a clinician's PTAN and NPI; a Security Official request to
 * the QPP Help Desk. The store and the help desk's queue hold no SSN (as
 * typed, digits only, dashed, spaced: only its masked last four), no TOTP
 * secret (base32 as shown, lower case, its raw bytes in hex or base64), no
 * texted code, no Tax ID in any form, no password, no challenge answer (typed
 * or normalised), and, once the quiz is answered, none of the right answers
 * only her credit file holds (while it is open, no right choice in clear).
 *
 * Determinism: the store holds HMAC digests in hex, in which a given 6-digit
 * string turns up by chance about once in 10^4 runs. Every input to those
 * digests comes from fast-check (fixed seed below) and from the test's own
 * Random and hash key, so a run either always passes or always fails.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { Random } from '../../src/ports/random'
import {
  b2cStrongPassword,
  caseVariantOf,
  harmonyProviderId,
  hppMemberId,
  hppRepresentativeId,
  typedAnswerOf,
  typedIdentifier,
  typedTaxId,
  validAboutYou,
  validDateOfBirth,
  validEmailAddress,
  validPersonName,
  validTaxId,
  validUsername,
  validZipCode
} from '../../src/testkit'
import { codesOf, HarnessOptions, hppHarness, rightOf, TODAY } from '../support/hpp-harness'
import { HarmonyHarnessOptions, harmonyHarness } from '../support/harmony-harness'
import { normaliseAnswer } from '../../src/credentials'
import { KeyedHash, KeyedHasher } from '../../src/ports/keyed-hasher'
import { PasswordHash, PasswordHasher } from '../../src/ports/password-hasher'
import { DateTime } from 'luxon'
import {
  knowledgeBasedVerificationFromData,
  manualClock,
  memoryHelpDeskQueue,
  memoryPorts,
  memoryStore,
  practiceDirectoryFromData,
  seededRandom as bureauRandom,
  smsInbox
} from '../../adapters/memory'
import { HashKey, hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'
import { runOrganisationsScenario } from '../support/organisations-scenario'
import { OLIVIA_CREDIT_FILE, PRACTICES, runHarpScenario } from '../support/harp-scenario'

/** A CSPRNG stand-in: mulberry32 bytes from a seed, and UUIDs made of letters (so no digits to confuse with a code). */
const seededRandom = (seed: number): Random => {
  let a = seed >>> 0
  let uuids = 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) & 0xff
  }
  const letters = (n: number) => Array.from({ length: 12 }, (_, i) => 'abcdefghijklmnop'[(n >> (4 * (11 - i))) & 15]).join('')
  return { bytes: (n) => Uint8Array.from({ length: n }, next), uuid: () => `aaaaaaaa-bbbb-4ccc-addd-${letters(++uuids)}` }
}

/**
 * Passwords B2C accepts that contain one of ( ) ; — characters that appear
 * nowhere in the store's own text (JSON punctuation, ISO dates, PHC strings,
 * hex, e-mail addresses, usernames, names), so finding one there means it leaked.
 */
const password = b2cStrongPassword.filter((p) => /[();]/.test(p))

/** Member IDs with no run of 6 digits (so a stored member ID can never look like a code). */
const memberId = hppMemberId.filter((m) => !/[0-9]{6}/.test(m))

const person = fc.record({ first: validPersonName, last: validPersonName, dob: validDateOfBirth(TODAY) })

const scenario = fc.record({
  seed: fc.integer(),
  jane: fc.record({ username: validUsername, email: validEmailAddress, memberId, person }),
  adam: fc.record({ username: validUsername, email: validEmailAddress, person }),
  represented: fc.record({ memberId, person }),
  representativeId: hppRepresentativeId.chain((id) => fc.tuple(fc.constant(id), typedIdentifier(id))),
  passwords: fc.record({
    mismatchTyped: password,
    mismatchConfirm: password,
    jane: password,
    adam: password,
    wrongAtSignIn: password,
    afterReset: password
  })
})
  // Jane signs in with her username in another letter case
  .chain((s) => caseVariantOf(s.jane.username).map((usernameAtSignIn) => ({ ...s, usernameAtSignIn })))

/** The forms a secret may take in text: as typed, JSON-escaped, and encoded or hashed without a key. */
const exposures = (secret: string): string[] => {
  const json = JSON.stringify(secret).slice(1, -1)
  const digest = (alg: string) => createHash(alg).update(secret, 'utf8').digest('hex')
  return [...new Set([secret, json, Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''), digest('sha256'), digest('sha1'), digest('md5')])]
}

const assertAbsent = (snapshot: string, what: string, secret: string): void => {
  const haystack = snapshot.toLowerCase()
  for (const form of exposures(secret)) {
    const i = haystack.indexOf(form.toLowerCase())
    assert.equal(i, -1, `${what} ${JSON.stringify(secret)} is in the store as ${JSON.stringify(form)}: …${snapshot.slice(Math.max(0, i - 60), i + form.length + 60)}…`)
  }
}

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never

/** Runs the whole scenario; returns the store's snapshot and every secret that was typed or mailed. */
const runScenario = async (s: Scenario, leaky: Pick<HarnessOptions, 'keyedHasher' | 'passwordHasher'> = {}) => {
  const [repId, typedRepId] = s.representativeId
  const h = hppHarness({
    ...leaky,
    random: seededRandom(s.seed),
    members: [
      { memberId: s.jane.memberId, firstName: s.jane.person.first, lastName: s.jane.person.last, dateOfBirth: s.jane.person.dob },
      { memberId: s.represented.memberId, firstName: s.represented.person.first, lastName: s.represented.person.last, dateOfBirth: s.represented.person.dob }
    ],
    representatives: [{ representativeId: repId, memberId: s.represented.memberId, firstName: s.adam.person.first, lastName: s.adam.person.last }]
  })
  const { portal } = h
  const pw = s.passwords
  const typedCodes: string[] = []

  // a first attempt whose confirmation does not match: refused, nothing kept
  const mismatch = await portal.signUp.start({ username: s.jane.username, newPassword: pw.mismatchTyped, confirmNewPassword: pw.mismatchConfirm, email: s.jane.email })
  assert.ok(codesOf(mismatch).includes('password.mismatch'))

  // the member signs up: a wrong code, a re-sent code, the right one
  const jane = rightOf(
    await portal.signUp.start({ username: s.jane.username, newPassword: pw.jane, confirmNewPassword: pw.jane, email: s.jane.email }),
    'member sign-up'
  )
  const first = h.lastCode(s.jane.email)
  const wrong = String((Number(first) + 1) % 1_000_000).padStart(6, '0')
  typedCodes.push(wrong)
  assert.deepEqual(codesOf(await portal.signUp.verifyEmail(jane.flowId, wrong)), ['code.incorrect'])
  rightOf(await portal.signUp.resendCode(jane.flowId), 'resend')
  rightOf(await portal.signUp.verifyEmail(jane.flowId, h.lastCode(s.jane.email)), 'member verification')
  const janeAccount = rightOf(
    await portal.signUp.create(jane.flowId, {
      firstName: s.jane.person.first,
      lastName: s.jane.person.last,
      dateOfBirth: s.jane.person.dob,
      iAmA: 'member',
      memberId: s.jane.memberId
    }),
    'member create'
  )
  assert.equal(janeAccount.relationship, 'member')

  // the personal representative signs up with the ID the plan issued, typed their way
  const adam = rightOf(
    await portal.signUp.start({ username: s.adam.username, newPassword: pw.adam, confirmNewPassword: pw.adam, email: s.adam.email }),
    'representative sign-up'
  )
  rightOf(await portal.signUp.verifyEmail(adam.flowId, h.lastCode(s.adam.email)), 'representative verification')
  const adamAccount = rightOf(
    await portal.signUp.create(adam.flowId, {
      firstName: s.adam.person.first,
      lastName: s.adam.person.last,
      dateOfBirth: s.adam.person.dob,
      iAmA: 'representative',
      representativeId: typedRepId
    }),
    'representative create'
  )
  assert.equal(adamAccount.relationship, 'representative')

  // sign-in: right (username in another case), then wrong
  rightOf(await portal.signIn({ username: s.usernameAtSignIn, password: pw.jane }), 'sign-in')
  assert.deepEqual(codesOf(await portal.signIn({ username: s.jane.username, password: pw.wrongAtSignIn })), ['sign-in.invalid-credentials'])
  rightOf(await portal.signIn({ username: s.adam.username, password: pw.adam }), 'representative sign-in')

  // password reset
  const reset = rightOf(await portal.passwordReset.request({ username: s.jane.username, email: s.jane.email }), 'reset request')
  rightOf(await portal.passwordReset.verifyEmail(reset.flowId, h.lastCode(s.jane.email)), 'reset verification')
  rightOf(await portal.passwordReset.continue(reset.flowId), 'reset continue')
  rightOf(await portal.passwordReset.setNewPassword(reset.flowId, { newPassword: pw.afterReset, confirmNewPassword: pw.afterReset }), 'new password')
  rightOf(await portal.signIn({ username: s.jane.username, password: pw.afterReset }), 'sign-in after reset')
  assert.ok(E.isLeft(await portal.signIn({ username: s.jane.username, password: pw.jane })))

  const mailedCodes = h.mailer.messages().map((m) => /Your code is: (\d{6})/.exec(m.text)?.[1] as string)
  assert.equal(mailedCodes.length, 4)
  assert.ok(mailedCodes.every((c) => /^[0-9]{6}$/.test(c)))
  const digits = repId.slice(2)
  const representativeIdForms = [
    ...new Set([
      repId,
      typedRepId.trim(),
      typedRepId.replace(/[\s-]/g, ''),
      digits,
      `PR-${digits}`,
      `PR ${digits}`,
      `PR-${digits.slice(0, 4)}-${digits.slice(4)}`,
      `${digits.slice(0, 4)}-${digits.slice(4)}`
    ])
  ]
  return { snapshot: h.store.snapshot(), mailedCodes, typedCodes, passwords: pw, representativeIdForms }
}

const distinct = (s: Scenario): boolean =>
  s.jane.username.toLowerCase() !== s.adam.username.toLowerCase() &&
  s.jane.memberId !== s.represented.memberId &&
  s.jane.email.toLowerCase() !== s.adam.email.toLowerCase() &&
  new Set(Object.values(s.passwords)).size === Object.values(s.passwords).length

describe('no secrets at rest (HPP portal over the memory store)', () => {
  test('the store never holds a password, a verification code or a Personal Representative ID', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        fc.pre(distinct(s))
        const r = await runScenario(s)
        const parsed = JSON.parse(r.snapshot) as { accounts: unknown[]; flows: unknown[]; codeLedgers: unknown[] }
        assert.equal(parsed.accounts.length, 2)
        assert.ok(parsed.flows.length >= 3 && parsed.codeLedgers.length >= 2)
        for (const code of r.mailedCodes) assertAbsent(r.snapshot, 'verification code', code)
        for (const code of r.typedCodes) assertAbsent(r.snapshot, 'typed code', code)
        for (const [which, secret] of Object.entries(r.passwords)) assertAbsent(r.snapshot, `password (${which})`, secret)
        for (const form of r.representativeIdForms) assertAbsent(r.snapshot, 'Personal Representative ID', form)
      }),
      { numRuns: 6, seed: 20261122 }
    )
  })

  test('control: the same check finds secrets when the hashers leak them', async () => {
    // A keyed hasher that keeps its input, and a "hasher" that stores passwords in clear.
    const leakyKeyed: KeyedHasher = { digest: (purpose, secret) => `${purpose}:${secret}` as KeyedHash }
    const leakyPasswords: PasswordHasher = {
      hash: (p) => TE.right(`plain$${p}` as PasswordHash),
      verify: (p, stored) => TE.right(stored === `plain$${p}`)
    }
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        fc.pre(distinct(s))
        const r = await runScenario(s, { keyedHasher: leakyKeyed, passwordHasher: leakyPasswords })
        const found = (secret: string) => exposures(secret).some((f) => r.snapshot.toLowerCase().includes(f.toLowerCase()))
        assert.ok(found(r.mailedCodes[r.mailedCodes.length - 1] as string), 'the last code is held in clear by the leaky hasher')
        assert.ok(found(r.passwords.afterReset) && found(r.passwords.adam), 'passwords are held in clear by the leaky hasher')
        assert.ok(found(r.representativeIdForms[0] as string), 'the representative ID is held in clear by the leaky hasher')
      }),
      { numRuns: 2, seed: 20261122 }
    )
  })
})

// -------------------------------------------------------------------------------------
// Harmony: provider registration, temporary passwords, security answers
// -------------------------------------------------------------------------------------

/** Words of letters with one of ( ) ; inside — characters the store's own text never holds — so a find means a leak. */
const marked = (min: number) =>
  fc
    .tuple(fc.stringMatching(new RegExp(`^[A-Za-z]{${min},12}$`)), fc.constantFrom('(', ')', ';'), fc.stringMatching(/^[A-Za-z0-9]{1,8}$/))
    .map(([a, mark, b]) => `${a}${mark}${b}`)

/** A security answer of two or three such words; as typed, with any case and spacing. */
const answer = fc
  .array(marked(2), { minLength: 2, maxLength: 3 })
  .map((ws) => ws.join(' '))
  .chain((a) => fc.tuple(fc.constant(normaliseAnswer(a)), typedAnswerOf(normaliseAnswer(a))))

/** A password of one's own under NIST (15+ characters, no username inside) with one of ( ) ; in it. */
const ownPassword = fc.tuple(marked(6), marked(6)).map(([a, b]) => `${a} ${b}`)

const harmonyScenario = fc
  .record({
    seed: fc.integer(),
    provider: fc.record({ providerId: harmonyProviderId, zipCode: validZipCode, taxId: validTaxId }),
    about: validAboutYou,
    username: validUsername,
    answer,
    wrongAnswer: answer,
    passwords: fc.record({ first: ownPassword, afterRecovery: ownPassword })
  })
  .chain((s) => fc.tuple(typedIdentifier(s.provider.providerId), typedTaxId(s.provider.taxId)).map(([typedId, typedTin]) => ({ ...s, typedId, typedTin })))

type HarmonyScenario = typeof harmonyScenario extends fc.Arbitrary<infer S> ? S : never

/** The Tax ID in every form it may be written: as typed, bare, as an EIN, SSN-style, spaced. */
const taxIdForms = (tin: string, typed: string): string[] =>
  [...new Set([typed.trim(), tin, `${tin.slice(0, 2)}-${tin.slice(2)}`, `${tin.slice(0, 3)}-${tin.slice(3, 5)}-${tin.slice(5)}`, `${tin.slice(0, 3)} ${tin.slice(3, 5)} ${tin.slice(5)}`])]

/** Registers a provider, chooses a password, answers wrong then right, chooses again; returns the snapshot and every secret. */
const runHarmonyScenario = async (s: HarmonyScenario, leaky: Pick<HarmonyHarnessOptions, 'keyedHasher' | 'passwordHasher'> = {}) => {
  const h = harmonyHarness({ ...leaky, random: seededRandom(s.seed), providers: [{ ...s.provider, name: 'Riverside Family Practice' }] })
  const { portal } = h
  const email = (s.about.users[0] as { email: string }).email
  const [normalisedAnswer, typedAnswer] = s.answer
  const [, typedWrong] = s.wrongAnswer

  const flow = rightOf(await portal.providerRegistration.identify({ providerId: s.typedId, zipCode: s.provider.zipCode, taxId: s.typedTin }), 'identify')
  rightOf(await portal.providerRegistration.describe(flow.flowId, s.about), 'describe')
  rightOf(
    await portal.providerRegistration.createUsername(flow.flowId, { username: s.username, securityQuestion: 'first-pet', securityAnswer: typedAnswer }),
    'create username'
  )
  const temporary: string[] = [h.lastTemporaryPassword(email)]
  assert.ok(rightOf(await portal.signIn({ username: s.username, password: temporary[0] }), 'sign-in with the temporary password').passwordChangeRequired)
  const first = s.passwords.first
  rightOf(await portal.chooseOwnPassword({ username: s.username, currentPassword: temporary[0], newPassword: first, confirmNewPassword: first }), 'choose own password')

  // "Forgot Your Password?": the question, a wrong answer, the right one; a new temporary password; a new password of one's own
  rightOf(await portal.passwordRecovery.question(s.username), 'question')
  assert.deepEqual(codesOf(await portal.passwordRecovery.answer({ username: s.username, securityAnswer: typedWrong })), ['challenge.incorrect'])
  // someone tries the answer with a username nobody has (its wrong-answer count is kept too)
  assert.deepEqual(codesOf(await portal.passwordRecovery.answer({ username: `${s.username}-nobody`, securityAnswer: typedAnswer })), ['challenge.incorrect'])
  rightOf(await portal.passwordRecovery.answer({ username: s.username, securityAnswer: typedAnswer }), 'recovery')
  temporary.push(h.lastTemporaryPassword(email))
  const second = s.passwords.afterRecovery
  rightOf(await portal.chooseOwnPassword({ username: s.username, currentPassword: temporary[1], newPassword: second, confirmNewPassword: second }), 'choose again')
  rightOf(await portal.signIn({ username: s.username, password: second }), 'sign-in with the new password')

  assert.equal(h.mailer.messages().length, 2, 'two temporary passwords e-mailed')
  return {
    snapshot: h.store.snapshot(),
    secrets: [
      ...taxIdForms(s.provider.taxId, s.typedTin).map((value) => ({ what: 'Tax ID', value })),
      { what: 'security answer as typed', value: typedAnswer },
      { what: 'security answer as typed, trimmed', value: typedAnswer.trim() },
      { what: 'security answer normalised', value: normalisedAnswer },
      { what: 'wrong security answer', value: typedWrong },
      ...temporary.map((value) => ({ what: 'temporary password', value })),
      { what: 'password chosen', value: first },
      { what: 'password chosen after recovery', value: second }
    ]
  }
}

/** No accidental collisions: distinct secrets, and no Tax ID inside the phone numbers or the Provider ID stored in clear. */
const harmonyDistinct = (s: HarmonyScenario): boolean => {
  const clear = [s.provider.providerId, s.about.organisation.phone, ...s.about.users.map((u) => u.phone)].join(' ')
  return (
    !clear.includes(s.provider.taxId) &&
    s.answer[0] !== s.wrongAnswer[0] &&
    s.passwords.first !== s.passwords.afterRecovery &&
    !s.passwords.first.toLowerCase().includes(s.username.toLowerCase()) &&
    !s.passwords.afterRecovery.toLowerCase().includes(s.username.toLowerCase())
  )
}

describe('no secrets at rest (Harmony portal over the memory store)', () => {
  test('the store never holds the Tax ID, the security answer (typed or normalised), a temporary password or a password chosen', async () => {
    await fc.assert(
      fc.asyncProperty(harmonyScenario, async (s) => {
        fc.pre(harmonyDistinct(s))
        const r = await runHarmonyScenario(s)
        const parsed = JSON.parse(r.snapshot) as { accounts: unknown[]; registrations: unknown[]; flows: unknown[]; codeLedgers: unknown[] }
        assert.deepEqual([parsed.accounts.length, parsed.registrations.length, parsed.flows.length, parsed.codeLedgers.length], [1, 1, 1, 1])
        // Both temporary passwords are remembered (so neither can become the person's own), yet neither is in the store.
        assert.equal((parsed.accounts[0] as { issuedTemporaryPasswords: unknown[] }).issuedTemporaryPasswords.length, 2)
        for (const { what, value } of r.secrets) assertAbsent(r.snapshot, what, value)
      }),
      { numRuns: 6, seed: 20261122, includeErrorInReport: true }
    )
  })

  test('control: the same check finds the answer and the passwords when the hashers leak them', async () => {
    const leakyKeyed: KeyedHasher = { digest: (purpose, secret) => `${purpose}:${secret}` as KeyedHash }
    const leakyPasswords: PasswordHasher = {
      hash: (p) => TE.right(`plain$${p}` as PasswordHash),
      verify: (p, stored) => TE.right(stored === `plain$${p}`)
    }
    await fc.assert(
      fc.asyncProperty(harmonyScenario, async (s) => {
        fc.pre(harmonyDistinct(s))
        const r = await runHarmonyScenario(s, { keyedHasher: leakyKeyed, passwordHasher: leakyPasswords })
        const found = (what: string) => r.secrets.filter((x) => x.what === what).some((x) => exposures(x.value).some((f) => r.snapshot.toLowerCase().includes(f.toLowerCase())))
        assert.ok(found('security answer normalised'), 'the normalised answer is held in clear by the leaky keyed hasher')
        assert.ok(found('password chosen after recovery'), 'the password is held in clear by the leaky password hasher')
      }),
      { numRuns: 2, seed: 20261122 }
    )
  })

  test('control: the temporary passwords remembered after being replaced go through the keyed hasher', async () => {
    const leakyKeyed: KeyedHasher = { digest: (purpose, secret) => `${purpose}:${secret}` as KeyedHash }
    await fc.assert(
      fc.asyncProperty(harmonyScenario, async (s) => {
        fc.pre(harmonyDistinct(s))
        const r = await runHarmonyScenario(s, { keyedHasher: leakyKeyed })
        const temporary = r.secrets.filter((x) => x.what === 'temporary password').map((x) => x.value)
        assert.equal(temporary.length, 2)
        for (const value of temporary) assert.ok(r.snapshot.includes(value), 'a replaced temporary password is held in clear by the leaky keyed hasher')
      }),
      { numRuns: 2, seed: 20261122 }
    )
  })
})

// -------------------------------------------------------------------------------------
// HealthPartners: organisations, mailed PINs, client access, Provider e-Services
// -------------------------------------------------------------------------------------

describe('no secrets at rest (the organisations context over the memory store)', () => {
  const run = async (keyedHasher: KeyedHasher = hmacKeyedHasher(new Uint8Array(32).fill(3) as HashKey)) => {
    const store = memoryStore()
    const ports = memoryPorts({
      store,
      keyedHasher,
      random: seededRandom(20261122),
      clock: manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/Chicago' })),
      passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT)
    })
    return { ...(await runOrganisationsScenario(ports)), snapshot: store.snapshot() }
  }

  test('the store never holds a Tax ID, a check number, a mailed PIN or an approval link token', async () => {
    const { secrets, inClear, snapshot } = await run()
    const parsed = JSON.parse(snapshot) as { organisations: unknown[]; accessRequests: Array<{ state: string }>; flows: unknown[]; accounts: unknown[] }
    assert.deepEqual([parsed.organisations.length, parsed.accessRequests.length, parsed.flows.length, parsed.accounts.length], [3, 1, 2, 1])
    assert.equal(parsed.accessRequests[0]?.state, 'approved')
    for (const { what, value } of secrets) assertAbsent(snapshot, what, value)
    // and the check does read what it scans: what is kept in clear is found
    for (const { what, value } of inClear) assert.ok(snapshot.includes(value), `${what} is in the store`)
  })

  test('control: the same check finds the Tax ID and the link token when the keyed hasher leaks them', async () => {
    const { secrets, snapshot } = await run({ digest: (purpose, secret) => `${purpose}:${secret}` as KeyedHash })
    const found = (what: string) => secrets.filter((x) => x.what === what).some((x) => exposures(x.value).some((f) => snapshot.toLowerCase().includes(f.toLowerCase())))
    assert.ok(found("the provider's Tax ID"), 'the Tax ID is held in clear by the leaky keyed hasher')
    assert.ok(found('the approval link token'), 'the token is held in clear by the leaky keyed hasher')
    assert.ok(found('the mailed PIN'), 'the PIN is held in clear by the leaky keyed hasher')
  })
})

// -------------------------------------------------------------------------------------
// QPP HARP: SSN, remote proofing, two factors, organisations, the QPP Help Desk
// -------------------------------------------------------------------------------------

describe('no secrets at rest (QPP HARP portal over the memory store)', () => {
  const run = async (keyedHasher: KeyedHasher = hmacKeyedHasher(new Uint8Array(32).fill(5) as HashKey)) => {
    const store = memoryStore()
    const sms = smsInbox()
    const helpDesk = memoryHelpDeskQueue()
    const clock = manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' }))
    const practices = practiceDirectoryFromData(PRACTICES, keyedHasher)
    const bureau = knowledgeBasedVerificationFromData([OLIVIA_CREDIT_FILE], keyedHasher, bureauRandom('credit-bureau'), TODAY)
    assert.ok(E.isRight(practices) && E.isRight(bureau))
    const ports = memoryPorts({
      store,
      keyedHasher,
      hashKey: new Uint8Array(32).fill(6) as HashKey,
      random: seededRandom(20261122),
      clock,
      passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT),
      smsSender: sms,
      helpDesk,
      practices: practices.right,
      knowledgeBasedVerification: bureau.right
    })
    let whileQuizOpen = ''
    const r = await runHarpScenario(ports, sms, clock, () => {
      whileQuizOpen = store.snapshot()
    })
    // what is stored: the store's snapshot, and the QPP Help Desk's queue (a port of its own in memory)
    return { ...r, whileQuizOpen, snapshot: JSON.stringify({ store: JSON.parse(store.snapshot()) as unknown, helpDesk: helpDesk.requests() }), parsed: JSON.parse(store.snapshot()) as Record<string, unknown[]> }
  }

  test('the store never holds the SSN, the TOTP secret, a texted code, a Tax ID, the password, the challenge answer or her own quiz answers', async () => {
    const r = await run()
    const { parsed } = r
    assert.deepEqual(
      [parsed.accounts?.length, parsed.identityRecords?.length, parsed.accountDevices?.length, parsed.totpCredentials?.length, parsed.harpOrganisations?.length],
      [1, 1, 1, 1, 1],
      'one account, identity record, device list, TOTP credential and organisation'
    )
    assert.ok(r.snapshot.includes(r.helpDeskReference), 'the help desk request is scanned')
    for (const { what, value } of r.secrets) assertAbsent(r.snapshot, what, value)
    // The quiz: while open it is kept with its choices (so her own answers are among them) but which is right only as a keyed hash;
    // once answered, nothing kept against her names the answers only her credit file holds.
    assert.ok(r.ownAnswers.length > 0, 'the quiz asked about her mortgage servicer or employers')
    for (const q of r.quiz.questions) assert.ok(r.whileQuizOpen.includes(JSON.stringify(q.text)), `the open quiz is kept: ${q.text}`)
    assert.ok(!/rightChoice/i.test(r.whileQuizOpen), 'no right choice is kept in clear while the quiz is open')
    for (const value of r.ownAnswers) assert.ok(r.whileQuizOpen.includes(value), `the check would see "${value}": it is among the open quiz's choices`)
    for (const value of r.ownAnswers) assertAbsent(r.snapshot, 'a right answer of her quiz', value)
    // and the check does read what it scans: what is kept in clear is found
    for (const { what, value } of r.inClear) assert.ok(r.snapshot.includes(value), `${what} is in the store`)
  })

  test('control: the same check finds the SSN, the Tax ID and the challenge answer when the keyed hasher leaks them, and a planted TOTP secret', async () => {
    const r = await run({ digest: (purpose, secret) => `${purpose}:${secret}` as KeyedHash })
    const found = (what: string, snapshot = r.snapshot) =>
      r.secrets.filter((x) => x.what === what).some((x) => exposures(x.value).some((f) => snapshot.toLowerCase().includes(f.toLowerCase())))
    assert.ok(found('the SSN'), 'the SSN is held in clear by the leaky keyed hasher')
    assert.ok(found('a Tax ID'), 'the Tax ID is held in clear by the leaky keyed hasher')
    assert.ok(found('the challenge answer normalised'), 'the answer is held in clear by the leaky keyed hasher')
    // the TOTP secret is sealed, not hashed: plant it in the snapshot as a store that did not seal it would keep it
    const secret = r.secrets.find((x) => x.what === 'the TOTP secret')?.value as string
    const planted = JSON.stringify({ ...r.parsed, totpCredentials: (r.parsed.totpCredentials ?? []).map((c) => ({ ...(c as object), secret })) })
    assert.ok(!found('the TOTP secret'), 'not in the store as it is')
    assert.ok(found('the TOTP secret', planted), 'the planted TOTP secret is found')
  })
})
