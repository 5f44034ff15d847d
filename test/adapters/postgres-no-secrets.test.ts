/**
 * No secrets at rest, on the real server (issue "No secrets at rest"): drive
 * the HPP portal over PostgreSQL, with e-mail going through the durable
 * outbox and a real SMTP exchange, through every path that handles a secret —
 * a refused sign-up, a member sign-up (wrong code, re-sent code, right code),
 * a personal representative's sign-up, sign-in right and wrong, a password
 * reset — and leave one e-mail undelivered in the outbox (the SMTP server is
 * stopped first). Then read every column of every table of the public schema
 * as text, generically (information_schema), and look for every password
 * typed, every verification code mailed or typed (the undelivered one too,
 * opened with the server key) and the Personal Representative ID in the forms
 * it may be written. Then the same for the Harmony preset: a provider
 * registration (Tax ID typed SSN-style, security answer typed with odd case
 * and spacing), sign-in with the e-mailed temporary password, a password of
 * one's own, recovery with a wrong then the right security answer (and the
 * answer tried with a username nobody has), another
 * password of one's own, and one more recovery whose e-mail stays queued:
 * no column holds the Tax ID, the answer (typed or normalised), any temporary
 * password or any password chosen. And the organisations context
 * (HealthPartners): a provider registered with a check number, another by a
 * mailed PIN (its letter left queued), a billing organisation's approved
 * request for client access (its e-mail left queued), a request to Provider
 * e-Services: no column holds a Tax ID in any form, the check number, the PIN
 * or the link token. And QPP HARP (`createPortal(harp.preset, …)`,
 * test/support/harp-scenario.ts, texts through the SMS outbox): a profile and
 * account with an SSN, a password and a challenge answer; remote proofing by
 * the credit bureau's quiz answered rightly; text messages and Google
 * Authenticator added, log-ins with each; a practice connected to by its TIN
 * with a clinician's PTAN and NPI; a Security Official request to the QPP
 * Help Desk: no column holds the SSN (as typed, digits only, dashed, spaced:
 * only its masked last four), the TOTP secret (base32 as shown, lower case,
 * its raw bytes in hex or base64), a texted code, a Tax ID in any form, the
 * password, the challenge answer (typed or normalised), or, once the quiz is
 * answered, the right answers only her credit file holds (while it is open,
 * no right choice in clear).
 *
 * Determinism: the rows hold HMAC digests and UUIDs in hex, in which a given
 * 6-digit string turns up by chance about once in 10^4 runs. The test's
 * Random is seeded (seededRandom: codes and UUIDs are fixed, the UUIDs have
 * no digits) and its hash key fixed, so every digest is fixed too and a run
 * either always passes or always fails; the only remaining randomness (scrypt
 * salts, AES-GCM IVs) is base64, where a chance match is below 10^-8.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { aesGcmSecretBox } from '../../adapters/system'
import { harmony } from '../../src'
import { normaliseAnswer } from '../../src/credentials'
import { KeyedHash, KeyedHasher } from '../../src/ports/keyed-hasher'
import { PasswordHash, PasswordHasher } from '../../src/ports/password-hasher'
import { codesOf, DATABASE_URL_MISSING, postgresHarness, PostgresHarness, PostgresHarnessOptions, rightOf, seededRandom } from '../support/postgres-harness'
import { runOrganisationsScenario } from '../support/organisations-scenario'
import { OLIVIA_CREDIT_FILE, PRACTICES, runHarpScenario } from '../support/harp-scenario'
import { smsInbox } from '../../adapters/memory'

const JANE = { username: 'JaneDoe', email: 'jane.doe@example.com', memberId: 'HPP10203040', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1985-04-12' }
const ADAM = { username: 'AdamRep', email: 'adam.rep@example.com', firstName: 'Adam', lastName: 'Rep', dateOfBirth: '1962-09-30' }
const ROSE = { memberId: 'HPP77AB88CD', firstName: 'Rose', lastName: 'Doe', dateOfBirth: '1940-02-03' }
const REPRESENTATIVE_ID = 'PR24681357'
/** The ID as Adam types it: lower case, with dashes. */
const REPRESENTATIVE_ID_TYPED = 'pr-2468-1357'

/**
 * Every password typed. Each contains one of ( ) ; — characters that appear
 * nowhere in the rows' own text — so finding one means it leaked.
 */
const PASSWORDS = {
  mismatchTyped: 'Mism(atch)Typed1',
  mismatchConfirm: 'Mism(atch)Other2',
  jane: 'Jane(Spring)2026',
  adam: 'Adam;Autumn;2026',
  wrongAtSignIn: 'Wrong(Guess)77',
  unknownUser: 'Nobody;Knows;11',
  afterReset: 'Reset(Winter)2027'
}

/** The forms a secret may take in text: as typed, JSON-escaped, and encoded or hashed without a key. */
const exposures = (secret: string): string[] => {
  const json = JSON.stringify(secret).slice(1, -1)
  const digest = (alg: string) => createHash(alg).update(secret, 'utf8').digest('hex')
  return [...new Set([secret, json, Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''), digest('sha256'), digest('sha1'), digest('md5')])]
}

const representativeIdForms = (): string[] => {
  const digits = REPRESENTATIVE_ID.slice(2)
  return [
    ...new Set([
      REPRESENTATIVE_ID,
      REPRESENTATIVE_ID.toLowerCase(),
      REPRESENTATIVE_ID_TYPED,
      `PR-${digits}`,
      `PR ${digits}`,
      `PR-${digits.slice(0, 4)}-${digits.slice(4)}`,
      `${digits.slice(0, 4)}-${digits.slice(4)}`,
      digits
    ])
  ]
}

interface Secret {
  readonly what: string
  readonly value: string
}

/** Runs the whole story; returns the harness (still open) and every secret that was typed or mailed. */
const runScenario = async (options: PostgresHarnessOptions) => {
  const h = await postgresHarness({
    ...options,
    random: seededRandom('postgres-no-secrets'),
    members: [
      { memberId: JANE.memberId, firstName: JANE.firstName, lastName: JANE.lastName, dateOfBirth: JANE.dateOfBirth },
      ROSE
    ],
    representatives: [{ representativeId: REPRESENTATIVE_ID, memberId: ROSE.memberId, firstName: ADAM.firstName, lastName: ADAM.lastName }]
  })
  const { portal } = h
  const pw = PASSWORDS
  const typedCodes: string[] = []
  try {
    // a first attempt whose confirmation does not match: refused, nothing kept
    const mismatch = await portal.signUp.start({ username: JANE.username, newPassword: pw.mismatchTyped, confirmNewPassword: pw.mismatchConfirm, email: JANE.email })
    assert.ok(codesOf(mismatch).includes('password.mismatch'), JSON.stringify(mismatch))

    // the member: a wrong code, a re-sent code, the right one, "Create"
    const jane = rightOf(await portal.signUp.start({ username: JANE.username, newPassword: pw.jane, confirmNewPassword: pw.jane, email: JANE.email }), 'member sign-up')
    const first = await h.waitForCode(JANE.email, 1)
    const wrong = String((Number(first) + 1) % 1_000_000).padStart(6, '0')
    typedCodes.push(wrong)
    assert.deepEqual(codesOf(await portal.signUp.verifyEmail(jane.flowId, wrong)), ['code.incorrect'])
    rightOf(await portal.signUp.resendCode(jane.flowId), 'resend')
    const second = await h.waitForCode(JANE.email, 2)
    assert.notEqual(second, first)
    rightOf(await portal.signUp.verifyEmail(jane.flowId, second), 'member verification')
    const janeAccount = rightOf(
      await portal.signUp.create(jane.flowId, { firstName: JANE.firstName, lastName: JANE.lastName, dateOfBirth: JANE.dateOfBirth, iAmA: 'member', memberId: JANE.memberId }),
      'member create'
    )
    assert.equal(janeAccount.relationship, 'member')

    // the personal representative, with the ID the plan issued, typed his way
    const adam = rightOf(await portal.signUp.start({ username: ADAM.username, newPassword: pw.adam, confirmNewPassword: pw.adam, email: ADAM.email }), 'representative sign-up')
    rightOf(await portal.signUp.verifyEmail(adam.flowId, await h.waitForCode(ADAM.email, 1)), 'representative verification')
    const adamAccount = rightOf(
      await portal.signUp.create(adam.flowId, {
        firstName: ADAM.firstName,
        lastName: ADAM.lastName,
        dateOfBirth: ADAM.dateOfBirth,
        iAmA: 'representative',
        representativeId: REPRESENTATIVE_ID_TYPED
      }),
      'representative create'
    )
    assert.equal(adamAccount.relationship, 'representative')

    // sign-in: right (username in another case), wrong password, unknown username, the representative
    rightOf(await portal.signIn({ username: 'janedoe', password: pw.jane }), 'sign-in')
    assert.deepEqual(codesOf(await portal.signIn({ username: JANE.username, password: pw.wrongAtSignIn })), ['sign-in.invalid-credentials'])
    assert.deepEqual(codesOf(await portal.signIn({ username: 'NoSuchMember', password: pw.unknownUser })), ['sign-in.invalid-credentials'])
    rightOf(await portal.signIn({ username: ADAM.username, password: pw.adam }), 'representative sign-in')

    // a password reset with a new password
    const reset = rightOf(await portal.passwordReset.request({ username: JANE.username, email: JANE.email }), 'reset request')
    rightOf(await portal.passwordReset.verifyEmail(reset.flowId, await h.waitForCode(JANE.email, 3)), 'reset verification')
    rightOf(await portal.passwordReset.continue(reset.flowId), 'reset continue')
    rightOf(await portal.passwordReset.setNewPassword(reset.flowId, { newPassword: pw.afterReset, confirmNewPassword: pw.afterReset }), 'new password')
    rightOf(await portal.signIn({ username: JANE.username, password: pw.afterReset }), 'sign-in after reset')
    assert.deepEqual(codesOf(await portal.signIn({ username: JANE.username, password: pw.jane })), ['sign-in.invalid-credentials'])

    // mail goes down: Adam's reset code stays queued, sealed
    await h.breakDelivery()
    rightOf(await portal.passwordReset.request({ username: ADAM.username, email: ADAM.email }), 'reset request while mail is down')

    const mailedCodes = [JANE.email, ADAM.email].flatMap((a) => h.delivered(a)).map((text) => /Your code is: (\d{6})/.exec(text)?.[1] ?? '')
    assert.equal(mailedCodes.length, 4, 'four code e-mails delivered (Jane ×3, Adam ×1)')
    assert.ok(mailedCodes.every((c) => /^\d{6}$/.test(c)), `every delivered e-mail carries a code: ${JSON.stringify(mailedCodes)}`)
    return { h, mailedCodes, typedCodes }
  } catch (e) {
    await h.close()
    throw e
  }
}

/** Every column of every table in the public schema, read as text. */
const scanPublicSchema = async (h: PostgresHarness) => {
  const columns = (
    await h.db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`
    )
  ).rows
  const byTable = new Map<string, string[]>()
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name])
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`
  const cells: Array<{ table: string; column: string; row: number; text: string }> = []
  const rowsPerTable: Record<string, number> = {}
  for (const [table, cols] of byTable) {
    const rows = (await h.db.query<Record<string, string | null>>(`SELECT ${cols.map((c, i) => `${q(c)}::text AS c${i}`).join(', ')} FROM ${q(table)}`)).rows
    rowsPerTable[table] = rows.length
    rows.forEach((row, r) => cols.forEach((column, i) => {
      const text = row[`c${i}`]
      if (text !== null && text !== undefined) cells.push({ table, column, row: r, text })
    }))
  }
  return { tables: [...byTable.keys()], columns: columns.length, rowsPerTable, cells }
}

type Scan = Awaited<ReturnType<typeof scanPublicSchema>>

/** Where each secret (in any of its forms) occurs, case-insensitively. */
const findSecrets = (scan: Scan, secrets: ReadonlyArray<Secret>) => {
  const found: string[] = []
  for (const cell of scan.cells) {
    const haystack = cell.text.toLowerCase()
    for (const s of secrets)
      for (const form of exposures(s.value)) {
        const i = haystack.indexOf(form.toLowerCase())
        if (i >= 0)
          found.push(`${s.what} ${JSON.stringify(s.value)} as ${JSON.stringify(form)} in ${cell.table}.${cell.column} (row ${cell.row}): …${cell.text.slice(Math.max(0, i - 40), i + form.length + 40)}…`)
      }
  }
  return found
}

describe('PostgreSQL server: no secrets at rest (issue "No secrets at rest")', () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names a PostgreSQL server', () => assert.ok(url, DATABASE_URL_MISSING))
  if (!url) return

  test('no column of any table holds a password, a verification code or a Personal Representative ID', async () => {
    const { h, mailedCodes, typedCodes } = await runScenario({ delivery: 'smtp' })
    try {
      // The undelivered message: queued, sealed, its error kept; it opens with the server key and holds a code.
      const outbox = (
        await h.db.query<{ id: string; recipient: string; sealed_text: string | null; sealed_html: string | null; delivered_at: unknown; attempts: number; last_error: string | null }>(
          'SELECT id::text, recipient, sealed_text, sealed_html, delivered_at, attempts, last_error FROM mail_outbox ORDER BY id'
        )
      ).rows
      const queued = outbox.filter((m) => m.delivered_at === null)
      const delivered = outbox.filter((m) => m.delivered_at !== null)
      assert.equal(queued.length, 1, `exactly one message waits in the outbox: ${JSON.stringify(outbox.map((m) => ({ id: m.id, to: m.recipient, delivered: m.delivered_at !== null })))}`)
      const waiting = queued[0] as (typeof queued)[number]
      assert.equal(waiting.recipient, ADAM.email)
      assert.ok(Number(waiting.attempts) >= 1 && waiting.last_error !== null && waiting.last_error.startsWith('mail.delivery-failed'), `the relay tried and failed: ${JSON.stringify(waiting)}`)
      assert.ok(waiting.sealed_text !== null && waiting.sealed_html !== null, 'the queued message keeps its (sealed) bodies for the retry')
      for (const body of [waiting.sealed_text, waiting.sealed_html] as string[]) {
        assert.ok(!/your code is/i.test(body), 'a queued body is sealed, not in clear')
        assert.match(body, /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
      }
      const opened = aesGcmSecretBox(h.hashKey, 'mail-outbox').open(waiting.sealed_text as string)
      assert.ok(E.isRight(opened), 'the queued body opens with the server key')
      const queuedCode = /Your code is: (\d{6})/.exec(opened.right)?.[1]
      assert.ok(queuedCode !== undefined, 'the queued message carries a code')
      // Delivered messages: bodies erased.
      assert.equal(delivered.length, 4, 'four messages delivered')
      assert.equal(h.inbox?.messages().length, 4, 'the SMTP inbox received four')
      for (const m of delivered) assert.deepEqual({ id: m.id, text: m.sealed_text, html: m.sealed_html }, { id: m.id, text: null, html: null })

      const secrets: Secret[] = [
        ...Object.entries(PASSWORDS).map(([which, value]) => ({ what: `password (${which})`, value })),
        ...mailedCodes.map((value) => ({ what: 'mailed code', value })),
        ...typedCodes.map((value) => ({ what: 'typed code', value })),
        { what: 'undelivered code', value: queuedCode },
        ...representativeIdForms().map((value) => ({ what: 'Personal Representative ID', value })),
        { what: 'e-mail body', value: 'Your code is' }
      ]
      const scan = await scanPublicSchema(h)
      assert.deepEqual(
        ['accounts', 'code_ledgers', 'flows', 'mail_outbox', 'authorization_requests', 'clinical_attachments', 'icd10cm_releases', 'icd10cm_codes'].filter((t) => !scan.tables.includes(t)),
        [],
        `the scan covers every table: ${scan.tables.join(', ')}`
      )
      assert.equal(scan.rowsPerTable.accounts, 2)
      assert.ok((scan.rowsPerTable.flows ?? 0) >= 4 && (scan.rowsPerTable.code_ledgers ?? 0) >= 3 && scan.rowsPerTable.mail_outbox === 5, JSON.stringify(scan.rowsPerTable))
      const found = findSecrets(scan, secrets)
      assert.deepEqual(found, [], 'secrets at rest')
      const rows = Object.values(scan.rowsPerTable).reduce((a, b) => a + b, 0)
      console.log(
        `# scanned ${scan.tables.length} tables, ${scan.columns} columns, ${rows} rows ${JSON.stringify(scan.rowsPerTable)}, ${scan.cells.length} non-null values, for ${secrets.length} secrets (${secrets.reduce((n, s) => n + exposures(s.value).length, 0)} forms)`
      )
    } finally {
      await h.close()
    }
  })

  test('control: the same scan finds the secrets when the hashers leak them', async () => {
    // A keyed hasher that keeps its input, and a "hasher" that stores passwords in clear.
    const leakyKeyed: KeyedHasher = { digest: (purpose, secret) => `${purpose}:${secret}` as KeyedHash }
    const leakyPasswords: PasswordHasher = {
      hash: (p) => TE.right(`plain$${p}` as PasswordHash),
      verify: (p, stored) => TE.right(stored === `plain$${p}`)
    }
    const { h, mailedCodes } = await runScenario({ delivery: 'outbox', keyedHasher: leakyKeyed, passwordHasher: leakyPasswords })
    try {
      const scan = await scanPublicSchema(h)
      const found = (what: string, value: string) => findSecrets(scan, [{ what, value }]).length > 0
      assert.ok(found('code', mailedCodes[mailedCodes.length - 1] as string), 'the last mailed code is held in clear by the leaky hasher')
      assert.ok(found('password', PASSWORDS.afterReset) && found('password', PASSWORDS.adam), 'passwords are held in clear by the leaky hasher')
      assert.ok(found('id', REPRESENTATIVE_ID), 'the representative ID is held in clear by the leaky hasher')
    } finally {
      await h.close()
    }
  })
})

// -------------------------------------------------------------------------------------
// Harmony: provider registration, temporary passwords, security answers
// -------------------------------------------------------------------------------------

const PROVIDER = { providerId: 'HP004711', name: 'Riverside Family Practice', zipCode: '33602', taxId: '59-1234567' }
const TAX_ID_TYPED = ' 591-23-4567 '
const GRACE = { username: 'GOkafor', email: 'grace.okafor@riversidefp.com' }
const ABOUT = {
  organisation: { name: 'Riverside Family Practice', phone: '813-555-0142' },
  users: [
    { firstName: 'Grace', lastName: 'Okafor', email: GRACE.email, phone: '(813) 555-0143', access: ['claims', 'prior-authorizations'] },
    { firstName: 'Luis', lastName: 'Ortega', email: 'luis.ortega@riversidefp.com', phone: '813.555.0144', access: 'eligibility and payments' }
  ]
}
/** The security answer as Grace types it, and a wrong one: each with one of ( ) ; so that a find means a leak. */
const ANSWER_TYPED = '  Biscuit\u00a0(the)   BEAGLE; '
const WRONG_ANSWER = 'Rex (the) Terrier;'
/** Passwords of her own (NIST: 15 or more characters). */
const OWN_PASSWORDS = { first: 'Harbor(clinic) river 2026', afterRecovery: 'Bayshore;tide (pool) 2027' }

const temporaryIn = (text: string | undefined): string | undefined => /Temporary password: (\S+)/.exec(text ?? '')?.[1]

const tinForms = (): string[] => {
  const d = PROVIDER.taxId.replace(/-/g, '')
  return [...new Set([TAX_ID_TYPED.trim(), PROVIDER.taxId, d, `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`, `${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`])]
}

describe('PostgreSQL server: no secrets at rest, Harmony provider registration and recovery', () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names a PostgreSQL server', () => assert.ok(url, DATABASE_URL_MISSING))
  if (!url) return

  test('no column of any table holds the Tax ID, the security answer, a temporary password or a password chosen', async () => {
    const h = await postgresHarness({ preset: harmony.preset, providers: [PROVIDER], random: seededRandom('postgres-no-secrets-harmony'), delivery: 'outbox' })
    const { portal } = h
    try {
      const temporary = async (count: number): Promise<string> => {
        await h.ports.relay.deliverPending()
        const texts = h.delivered(GRACE.email)
        assert.equal(texts.length, count, `${count} temporary-password e-mail(s) delivered`)
        const p = temporaryIn(texts[texts.length - 1])
        assert.ok(p !== undefined, 'the e-mail carries a temporary password')
        return p
      }
      const flow = rightOf(await portal.providerRegistration.identify({ providerId: 'hp-004711', zipCode: '33602-1234', taxId: TAX_ID_TYPED }), 'identify')
      rightOf(await portal.providerRegistration.describe(flow.flowId, ABOUT), 'describe')
      rightOf(await portal.providerRegistration.createUsername(flow.flowId, { username: GRACE.username, securityQuestion: 'first-pet', securityAnswer: ANSWER_TYPED }), 'create username')
      const first = await temporary(1)
      assert.ok(rightOf(await portal.signIn({ username: 'gokafor', password: first }), 'sign-in with the temporary password').passwordChangeRequired)
      const own = OWN_PASSWORDS
      rightOf(await portal.chooseOwnPassword({ username: GRACE.username, currentPassword: first, newPassword: own.first, confirmNewPassword: own.first }), 'choose own')

      rightOf(await portal.passwordRecovery.question(GRACE.username), 'question')
      assert.deepEqual(codesOf(await portal.passwordRecovery.answer({ username: GRACE.username, securityAnswer: WRONG_ANSWER })), ['challenge.incorrect'])
      // the answer tried with a username nobody has: answered the same, its count kept in a ledger
      assert.deepEqual(codesOf(await portal.passwordRecovery.answer({ username: 'NoSuchProvider', securityAnswer: ANSWER_TYPED })), ['challenge.incorrect'])
      rightOf(await portal.passwordRecovery.answer({ username: GRACE.username, securityAnswer: 'biscuit (the) beagle;' }), 'recovery')
      const second = await temporary(2)
      rightOf(await portal.chooseOwnPassword({ username: GRACE.username, currentPassword: second, newPassword: own.afterRecovery, confirmNewPassword: own.afterRecovery }), 'choose again')
      assert.equal(rightOf(await portal.signIn({ username: GRACE.username, password: own.afterRecovery })).passwordChangeRequired, false)

      // mail goes down: the next temporary password waits in the outbox, sealed
      await h.breakDelivery()
      rightOf(await portal.passwordRecovery.answer({ username: GRACE.username, securityAnswer: ANSWER_TYPED }), 'recovery while mail is down')
      const queued = (await h.db.query<{ sealed_text: string | null; delivered_at: unknown }>('SELECT sealed_text, delivered_at FROM mail_outbox ORDER BY id')).rows.filter((m) => m.delivered_at === null)
      assert.equal(queued.length, 1, 'one message waits in the outbox')
      const opened = aesGcmSecretBox(h.hashKey, 'mail-outbox').open(queued[0]?.sealed_text as string)
      assert.ok(E.isRight(opened), 'the queued body opens with the server key')
      const third = temporaryIn(opened.right)
      assert.ok(third !== undefined, 'the queued message carries a temporary password')

      const secrets: Secret[] = [
        ...tinForms().map((value) => ({ what: 'Tax ID', value })),
        { what: 'security answer as typed', value: ANSWER_TYPED },
        { what: 'security answer as typed, trimmed', value: ANSWER_TYPED.trim() },
        { what: 'security answer normalised', value: normaliseAnswer(ANSWER_TYPED) },
        { what: 'wrong security answer', value: WRONG_ANSWER },
        { what: 'wrong security answer normalised', value: normaliseAnswer(WRONG_ANSWER) },
        ...[first, second, third].map((value) => ({ what: 'temporary password', value })),
        ...Object.entries(own).map(([which, value]) => ({ what: `password chosen (${which})`, value })),
        { what: 'e-mail body', value: 'Temporary password:' }
      ]
      assert.equal(normaliseAnswer(ANSWER_TYPED), 'biscuit (the) beagle;')
      const scan = await scanPublicSchema(h)
      assert.deepEqual(
        ['accounts', 'code_ledgers', 'flows', 'mail_outbox', 'provider_registrations'].filter((t) => !scan.tables.includes(t)),
        [],
        `the scan covers every table: ${scan.tables.join(', ')}`
      )
      assert.deepEqual([scan.rowsPerTable.accounts, scan.rowsPerTable.provider_registrations, scan.rowsPerTable.mail_outbox], [1, 1, 3], JSON.stringify(scan.rowsPerTable))
      assert.deepEqual(findSecrets(scan, secrets), [], 'secrets at rest')
      // the three temporary passwords are remembered (none may become her own), and the scan read that column too
      const remembered = scan.cells.filter((c) => c.table === 'accounts' && c.column === 'issued_temporary_passwords').map((c) => (JSON.parse(c.text) as unknown[]).length)
      assert.deepEqual(remembered, [3], 'the issued temporary passwords, as keyed hashes')
      // and the scan does look at the rows: what is stored in clear is found
      assert.ok(findSecrets(scan, [{ what: 'organisation phone', value: '8135550142' }]).length > 0, 'the scan reads provider_registrations')
    } finally {
      await h.close()
    }
  })
})

// -------------------------------------------------------------------------------------
// HealthPartners: organisations, mailed PINs, client access, Provider e-Services
// -------------------------------------------------------------------------------------

describe('PostgreSQL server: no secrets at rest, organisations, mailed PINs and client access', () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names a PostgreSQL server', () => assert.ok(url, DATABASE_URL_MISSING))
  if (!url) return

  test('no column of any table holds a Tax ID, a check number, a mailed PIN or an approval link token', async () => {
    const h = await postgresHarness({ random: seededRandom('postgres-no-secrets-organisations') })
    try {
      // mail is down: the access e-mail waits in its outbox too, sealed (no postal delivery is given: the letter waits)
      await h.breakDelivery()
      const { secrets, inClear } = await runOrganisationsScenario(h.ports)
      const letters = (await h.db.query<{ sealed_letter: string | null; delivered_at: unknown }>('SELECT sealed_letter, delivered_at FROM postal_outbox')).rows
      assert.equal(letters.length, 1)
      assert.equal(letters[0]?.delivered_at, null, 'the PIN letter waits in the postal outbox')
      const opened = aesGcmSecretBox(h.hashKey, 'postal-outbox').open(letters[0]?.sealed_letter as string)
      assert.ok(E.isRight(opened), 'the queued letter opens with the postal outbox key')
      const pin = secrets.find((x) => x.what === 'the mailed PIN')?.value as string
      assert.ok(opened.right.includes(`Your PIN is: ${pin}`), 'and carries the PIN')
      const mail = (await h.db.query<{ sealed_text: string; delivered_at: unknown }>("SELECT sealed_text, delivered_at FROM mail_outbox WHERE kind = 'client-access-request'")).rows
      assert.ok(mail.length === 1 && mail[0]?.delivered_at === null, 'the access e-mail waits in the mail outbox')
      const token = secrets.find((x) => x.what === 'the approval link token')?.value as string
      const openedMail = aesGcmSecretBox(h.hashKey, 'mail-outbox').open(mail[0]?.sealed_text as string)
      assert.ok(E.isRight(openedMail) && openedMail.right.includes(token), 'and carries the link token')

      const scan = await scanPublicSchema(h)
      assert.deepEqual(
        ['organisations', 'client_access_requests', 'postal_outbox', 'eservices_requests', 'flows', 'accounts', 'mail_outbox'].filter((t) => !scan.tables.includes(t)),
        [],
        `the scan covers every table: ${scan.tables.join(', ')}`
      )
      assert.deepEqual(
        [scan.rowsPerTable.organisations, scan.rowsPerTable.client_access_requests, scan.rowsPerTable.postal_outbox, scan.rowsPerTable.eservices_requests, scan.rowsPerTable.flows, scan.rowsPerTable.accounts],
        [3, 1, 1, 1, 2, 1],
        JSON.stringify(scan.rowsPerTable)
      )
      assert.deepEqual(findSecrets(scan, secrets), [], 'secrets at rest')
      // and the scan does read those rows: what is kept in clear is found
      for (const s of inClear) assert.ok(findSecrets(scan, [s]).length > 0, `${s.what} is found by the scan`)
    } finally {
      await h.close()
    }
  })

  test('control: the same scan finds each secret once it is written in clear into the new tables', async () => {
    // (A leaky keyed hasher cannot stand in here: these tables' codecs refuse a "hash" that is no hex digest.)
    const h = await postgresHarness({ random: seededRandom('postgres-no-secrets-organisations') })
    try {
      const { secrets } = await runOrganisationsScenario(h.ports)
      const value = (what: string) => secrets.find((x) => x.what === what)?.value as string
      const leak = async (table: string, set: string, secret: string) => h.db.query(`UPDATE ${table} SET ${set}`, [secret])
      await leak('organisations', `body = body || jsonb_build_object('taxIdInClear', $1::text)`, value("the provider's Tax ID"))
      await leak('flows', `data = data || jsonb_build_object('checkNumber', $1::text)`, value('the check number'))
      await leak('postal_outbox', 'sealed_letter = $1', `Your PIN is: ${value('the mailed PIN')}`)
      await leak('client_access_requests', `body = body || jsonb_build_object('token', $1::text)`, value('the approval link token'))
      const scan = await scanPublicSchema(h)
      const foundIn = (what: string, table: string) => findSecrets(scan, secrets.filter((x) => x.what === what)).some((f) => f.includes(` in ${table}.`))
      assert.ok(foundIn("the provider's Tax ID", 'organisations'), 'the Tax ID, in organisations')
      assert.ok(foundIn('the check number', 'flows'), 'the check number, in flows')
      assert.ok(foundIn('the mailed PIN', 'postal_outbox'), 'the PIN, in postal_outbox')
      assert.ok(foundIn('the approval link token', 'client_access_requests'), 'the token, in client_access_requests')
    } finally {
      await h.close()
    }
  })
})

// -------------------------------------------------------------------------------------
// QPP HARP: SSN, remote proofing, two factors, organisations, the QPP Help Desk
// -------------------------------------------------------------------------------------

describe('PostgreSQL server: no secrets at rest, QPP HARP (SSN, proofing, two factors, organisations, help desk)', () => {
  const url = process.env.DATABASE_URL
  test('DATABASE_URL names a PostgreSQL server', () => assert.ok(url, DATABASE_URL_MISSING))
  if (!url) return

  const harness = () => {
    const sms = smsInbox()
    return postgresHarness({ random: seededRandom('postgres-no-secrets-harp'), practices: PRACTICES, creditFiles: [OLIVIA_CREDIT_FILE], smsDelivery: sms }).then((h) => ({ h, sms }))
  }
  const HARP_TABLES = ['accounts', 'flows', 'code_ledgers', 'identity_records', 'mfa_devices', 'totp_credentials', 'sms_outbox', 'harp_organisations', 'harp_help_desk_requests']

  test('no column of any table holds the SSN, the TOTP secret, a texted code, a Tax ID, the password, the challenge answer or her own quiz answers', async () => {
    const { h, sms } = await harness()
    try {
      let whileQuizOpen: Scan | undefined
      const r = await runHarpScenario(h.ports, sms, h.clock, async () => {
        whileQuizOpen = await scanPublicSchema(h)
      })
      const scan = await scanPublicSchema(h)
      assert.deepEqual(HARP_TABLES.filter((t) => !scan.tables.includes(t)), [], `the scan covers every table: ${scan.tables.join(', ')}`)
      assert.deepEqual(
        [scan.rowsPerTable.accounts, scan.rowsPerTable.identity_records, scan.rowsPerTable.totp_credentials, scan.rowsPerTable.harp_organisations, scan.rowsPerTable.harp_help_desk_requests, scan.rowsPerTable.sms_outbox],
        [1, 1, 1, 1, 1, 2],
        JSON.stringify(scan.rowsPerTable)
      )
      assert.deepEqual(findSecrets(scan, r.secrets), [], 'secrets at rest')
      // The quiz: while open it is kept (its questions are in a row) but which choice is right only as a keyed hash;
      // once answered, no column names the answers only her credit file holds.
      const open = whileQuizOpen as Scan
      for (const q of r.quiz.questions) assert.ok(open.cells.some((c) => c.text.includes(q.text)), `the open quiz is kept: ${q.text}`)
      assert.ok(!open.cells.some((c) => /rightChoice/i.test(c.text)), 'no right choice is kept in clear while the quiz is open')
      assert.ok(r.ownAnswers.length > 0, 'the quiz asked about her mortgage servicer or employers')
      const ownAnswers = r.ownAnswers.map((value) => ({ what: 'a right answer of her quiz', value }))
      assert.equal(findSecrets(open, ownAnswers).length >= ownAnswers.length, true, "the scan would see them: they are among the open quiz's choices")
      assert.deepEqual(findSecrets(scan, r.ownAnswers.map((value) => ({ what: 'a right answer of her quiz', value }))), [], 'her quiz answers at rest')
      // and the scan does read those rows: what is kept in clear is found
      for (const s of r.inClear) assert.ok(findSecrets(scan, [s]).length > 0, `${s.what} is found by the scan`)
    } finally {
      await h.close()
    }
  })

  test('control: the same scan finds a planted SSN and TOTP secret', async () => {
    // (A leaky keyed hasher cannot stand in here: these tables' codecs refuse a "hash" that is no hex digest.)
    const { h, sms } = await harness()
    try {
      const { secrets } = await runHarpScenario(h.ports, sms, h.clock)
      const value = (what: string) => secrets.find((x) => x.what === what)?.value as string
      /** Writes a secret in clear into a table's row: into its JSON document when it has one, else into its last text column. */
      const plant = async (table: string, secret: string) => {
        const cols = (
          await h.db.query<{ column_name: string; data_type: string }>(
            `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND data_type IN ('jsonb', 'text') ORDER BY ordinal_position`,
            [table]
          )
        ).rows
        const jsonb = cols.find((c) => c.data_type === 'jsonb')?.column_name
        if (jsonb !== undefined) await h.db.query(`UPDATE ${table} SET "${jsonb}" = "${jsonb}" || jsonb_build_object('planted', $1::text)`, [secret])
        else await h.db.query(`UPDATE ${table} SET "${cols[cols.length - 1]?.column_name}" = $1`, [secret])
      }
      assert.deepEqual(findSecrets(await scanPublicSchema(h), secrets), [], 'nothing found before planting')
      await plant('identity_records', value('the SSN'))
      await plant('totp_credentials', value('the TOTP secret'))
      const scan = await scanPublicSchema(h)
      const foundIn = (what: string, table: string) => findSecrets(scan, secrets.filter((x) => x.what === what)).some((f) => f.includes(` in ${table}.`))
      assert.ok(foundIn('the SSN', 'identity_records'), 'the SSN, in identity_records')
      assert.ok(foundIn('the TOTP secret', 'totp_credentials'), 'the TOTP secret, in totp_credentials')
    } finally {
      await h.close()
    }
  })
})
