/**
 * HARP profiles and accounts, and identity proofing, through the portal:
 * "Create HARP Profile and Account", remote proofing (the credit bureau's
 * questions, answered as the person would from what she knows of her own
 * credit history) and manual proofing (her documents, a reviewer's decision).
 * `givenHarpAccount` makes a person's account the way the guide does, for
 * the steps of later sections.
 */
import { DataTable, defineParameterType, Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { CreditFileData } from '../adapters/memory'
import type { HarpRegistration, ProfileAndAccountForm } from '../src/proofing/registration/workflow'
import type { QuizView } from '../src/proofing/knowledge-based'
import type { ProofingStatus } from '../src/proofing/status'
import type { RejectionReason } from '../src/proofing/manual'
import { harp } from '../src'
import { fileDescribed } from './files'
import type { Persona } from './personas'
import { PortalWorld } from './world'

// -------------------------------------------------------------------------------------
// what the scenario knows of each person
// -------------------------------------------------------------------------------------

/** A home address as a person writes it, and as the profile form takes it. */
interface HomeAddress {
  readonly line1: string
  readonly city: string
  readonly state: string
  readonly zipCode: string
}

/** What a person gives HARP beyond the persona's name, e-mail, date of birth and phone. */
export interface HarpFacts {
  ssn: string
  homeAddress: HomeAddress
  /** Her credit file at the bureau, once the scenario gives her one. */
  creditFile?: CreditFileData
}

declare module './world' {
  interface PortalWorld {
    /** HARP: each persona's profile facts (first name, lower case). */
    harpFacts?: Map<string, HarpFacts>
    /** HARP: each persona's open quiz (first name, lower case). */
    harpQuizzes?: Map<string, QuizView>
    /** HARP: the last registration's result. */
    harpRegistration?: HarpRegistration
    /** HARP: the last quiz result (outcome and quizzes left). */
    harpQuizResult?: { readonly outcome: string; readonly quizzesLeft: number }
  }
}

/** A Social Security Number of the persona's own (the same every run), one that could have been issued. */
const ssnFor = (p: Persona): string => {
  let n = 7
  for (const c of `${p.firstName} ${p.lastName}`) n = (n * 31 + c.charCodeAt(0)) % 1_000_000_007
  const area = 100 + (n % 500)
  const group = 10 + ((n >>> 3) % 89)
  const serial = 1000 + ((n >>> 7) % 8999)
  return `${area}-${String(group).padStart(2, '0')}-${serial}`
}

/** "12 Elm St, Boston, MA 02118" → its parts. */
const parseAddress = (text: string): HomeAddress => {
  const m = /^(.+), ([^,]+), ([A-Z]{2}) (\d{5})$/.exec(text.trim())
  if (m === null) throw new Error(`"${text}" is not an address such as "12 Elm St, Boston, MA 02118"`)
  return { line1: m[1] as string, city: m[2] as string, state: m[3] as string, zipCode: m[4] as string }
}

/** A persona's HARP facts, with believable defaults on first use. */
export const harpFactsOf = (world: PortalWorld, p: Persona): HarpFacts => {
  if (world.harpFacts === undefined) world.harpFacts = new Map()
  const key = p.firstName.toLowerCase()
  let facts = world.harpFacts.get(key)
  if (facts === undefined) {
    facts = { ssn: ssnFor(p), homeAddress: { line1: '12 Elm St', city: 'Boston', state: 'MA', zipCode: '02118' } }
    world.harpFacts.set(key, facts)
  }
  return facts
}

const quizzesOf = (world: PortalWorld): Map<string, QuizView> => {
  if (world.harpQuizzes === undefined) world.harpQuizzes = new Map()
  return world.harpQuizzes
}

const acting = (p: Persona): { readonly accountId: string } => {
  assert.ok(p.accountId, `${p.firstName} has no HARP account`)
  return { accountId: p.accountId }
}

const must = <A>(world: PortalWorld, what: string, outcome: E.Either<ReadonlyArray<{ readonly code: string }>, A>): A => {
  world.record(outcome as E.Either<ReadonlyArray<never>, A>)
  if (E.isLeft(outcome)) assert.fail(`${what}: ${world.messagesShown.join(' ')} (${outcome.left.map((e) => e.code).join(', ')})`)
  return outcome.right
}

// -------------------------------------------------------------------------------------
// the credit bureau
// -------------------------------------------------------------------------------------

/** The bureau's file on a person: her SSN, name and date of birth; her mortgage, employers, bedrooms; her addresses, the current one first. */
const putCreditFile = (world: PortalWorld, p: Persona, file: Omit<CreditFileData, 'ssn' | 'firstName' | 'lastName' | 'dateOfBirth' | 'addresses'> & { readonly previousAddresses: ReadonlyArray<HomeAddress> }): void => {
  const facts = harpFactsOf(world, p)
  const { previousAddresses, ...rest } = file
  const data: CreditFileData = {
    ssn: facts.ssn,
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    ...rest,
    addresses: [facts.homeAddress, ...previousAddresses]
  }
  facts.creditFile = data
  world.creditFiles.push(data)
}

const DEFAULT_FILE = {
  mortgageServicer: 'Keystone Home Loans',
  employers: ['Mercy Valley Hospital', 'Allegheny Freight Lines'],
  bedrooms: 3,
  previousAddresses: [{ line1: '48 Orchard Rd', city: 'Fairview', state: 'PA', zipCode: '16415' }]
}

Given('the credit bureau has a file on {persona}', function (this: PortalWorld, name: string) {
  putCreditFile(this, this.persona(name), DEFAULT_FILE)
})

Given("the credit bureau's file on {persona} says:", function (this: PortalWorld, name: string, table: DataTable) {
  const rows = table.rowsHash()
  const list = (s: string | undefined): string[] => (s === undefined ? [] : s.split(/\s*;\s*/).filter((x) => x !== ''))
  const servicer = rows['her mortgage is serviced by']
  putCreditFile(this, this.persona(name), {
    ...(servicer === undefined || servicer === 'nobody' ? {} : { mortgageServicer: servicer }),
    employers: list(rows['she works or worked for']),
    bedrooms: Number((rows['her home has'] ?? '3 bedrooms').split(' ')[0]),
    previousAddresses: list(rows['she lived before at']).map(parseAddress)
  })
})

Given('{persona} lives at {string}', function (this: PortalWorld, name: string, address: string) {
  harpFactsOf(this, this.persona(name)).homeAddress = parseAddress(address)
})

// -------------------------------------------------------------------------------------
// creating the profile and account
// -------------------------------------------------------------------------------------

/** The profile and account form as the persona fills it in. */
const profileForm = (world: PortalWorld, p: Persona, withSsn: boolean): ProfileAndAccountForm => {
  const facts = harpFactsOf(world, p)
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    email: p.email,
    phone: p.phone,
    homeAddress: facts.homeAddress,
    ssn: withSsn ? facts.ssn : '',
    userId: p.username,
    newPassword: p.password,
    confirmNewPassword: p.password,
    challengeQuestion: p.securityQuestion,
    challengeAnswer: p.securityAnswer
  }
}

const register = async (world: PortalWorld, p: Persona, form: ProfileAndAccountForm): Promise<void> => {
  const outcome = await world.portal.harpRegistration.createProfileAndAccount(form)
  world.record(outcome)
  if (E.isRight(outcome)) {
    world.harpRegistration = outcome.right
    p.accountId = outcome.right.accountId
    if (outcome.right.quiz !== null) quizzesOf(world).set(p.firstName.toLowerCase(), outcome.right.quiz)
  }
}

/**
 * A HARP account of the persona's, made as the guide makes it: the profile
 * and account created, with her SSN; proofed when asked, by answering the
 * credit bureau's questions (a file on her is put in place if she has none).
 */
export const givenHarpAccount = async (world: PortalWorld, p: Persona, options: { readonly proofed: boolean }): Promise<void> => {
  const facts = harpFactsOf(world, p)
  if (options.proofed && facts.creditFile === undefined) putCreditFile(world, p, DEFAULT_FILE)
  await register(world, p, profileForm(world, p, true))
  must(world, `${p.firstName}'s HARP profile and account`, world.lastResult ?? E.left([]))
  if (options.proofed) {
    await answer(world, p, (q) => q.length)
    const status = must(world, `${p.firstName}'s proofing`, await world.portal.identityProofing.status(acting(p)))
    assert.ok(status.proofed, `${p.firstName}'s identity was not proofed`)
  }
  world.lastResult = undefined
}

Given('{persona} has a HARP account', async function (this: PortalWorld, name: string) {
  await givenHarpAccount(this, this.persona(name), { proofed: false })
})

Given('{persona} has a HARP account with her identity proofed', async function (this: PortalWorld, name: string) {
  await givenHarpAccount(this, this.persona(name), { proofed: true })
})

Given('{persona} has created her/his HARP profile and account without a Social Security Number', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await register(this, p, profileForm(this, p, false))
  must(this, `${p.firstName}'s HARP profile and account`, this.lastResult ?? E.left([]))
})

Given('{persona} has created her/his HARP profile and account with her/his Social Security Number', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await register(this, p, profileForm(this, p, true))
  must(this, `${p.firstName}'s HARP profile and account`, this.lastResult ?? E.left([]))
})

When('{persona} creates her/his HARP profile and account with her/his Social Security Number', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await register(this, p, profileForm(this, p, true))
})

When('{persona} creates her/his HARP profile and account without a Social Security Number', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await register(this, p, profileForm(this, p, false))
})

When('{persona} creates her/his HARP profile and account with the Social Security Number {string}', async function (this: PortalWorld, name: string, ssn: string) {
  const p = this.persona(name)
  await register(this, p, { ...profileForm(this, p, true), ssn })
})

When('{persona} creates her/his HARP profile and account with the User ID {string}', async function (this: PortalWorld, name: string, userId: string) {
  const p = this.persona(name)
  await register(this, p, { ...profileForm(this, p, true), userId })
})

When('{persona} creates her/his HARP profile and account with the password {string}', async function (this: PortalWorld, name: string, password: string) {
  const p = this.persona(name)
  await register(this, p, { ...profileForm(this, p, true), newPassword: password, confirmNewPassword: password })
})

When('{persona} creates her/his HARP profile and account with a password of {int} characters', async function (this: PortalWorld, name: string, n: number) {
  const p = this.persona(name)
  const password = 'quality payment program '.repeat(Math.ceil(n / 24)).slice(0, n)
  await register(this, p, { ...profileForm(this, p, true), newPassword: password, confirmNewPassword: password })
})

When('{persona} creates her/his HARP profile and account with the challenge question {string}', async function (this: PortalWorld, name: string, question: string) {
  const p = this.persona(name)
  await register(this, p, { ...profileForm(this, p, true), challengeQuestion: question })
})

When('{persona} creates her/his HARP profile and account leaving every field empty', async function (this: PortalWorld, name: string) {
  await register(this, this.persona(name), {})
})

When('{persona} creates her/his HARP profile and account leaving out her/his home address', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const { homeAddress: _left, ...form } = profileForm(this, p, true)
  await register(this, p, form)
})

When('{persona} creates her/his HARP profile and account with {string} in every field', async function (this: PortalWorld, name: string, text: string) {
  const p = this.persona(name)
  const form = Object.fromEntries(Object.keys(profileForm(this, p, true)).map((k) => [k, text]))
  await register(this, p, form)
})

Then('{persona} is shown these messages:', function (this: PortalWorld, _name: string, table: DataTable) {
  const expected = table.raw().map((row) => row[0] as string)
  assert.deepEqual([...this.messagesShown].sort(), [...expected].sort())
})

Then('{persona} has no HARP account', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  assert.ok(E.isLeft(this.lastResult ?? E.right(null)), 'the last step succeeded')
  const found = await this.ports.accounts.findByUsername(p.username.toLowerCase() as never)()
  assert.ok(E.isRight(found))
  if (O.isSome(found.right)) assert.notEqual(found.right.value.id, p.accountId ?? '', `${p.firstName} has an account`)
  assert.ok(p.accountId === undefined, `${p.firstName} has an account`)
})

Then('the registration instructions are at {string}', function (this: PortalWorld, url: string) {
  assert.equal(this.preset.id, 'qpp-harp')
  assert.equal(harp.site.registrationUrl, url)
})

Then('more information is at {string}', function (this: PortalWorld, url: string) {
  assert.equal(harp.site.helpUrl, url)
})


// -------------------------------------------------------------------------------------
// where proofing stands, and what HARP keeps
// -------------------------------------------------------------------------------------

const statusOf = async (world: PortalWorld, p: Persona): Promise<ProofingStatus> =>
  must(world, `${p.firstName}'s proofing`, await world.portal.identityProofing.status(acting(p)))

Then("{persona}'s identity is not proofed yet", async function (this: PortalWorld, name: string) {
  const status = await statusOf(this, this.persona(name))
  assert.equal(status.proofed, false)
})

Then("{persona}'s identity is proofed", async function (this: PortalWorld, name: string) {
  const status = await statusOf(this, this.persona(name))
  assert.equal(status.proofed, true)
})

Then('{persona} is offered manual proofing', async function (this: PortalWorld, name: string) {
  const status = await statusOf(this, this.persona(name))
  assert.equal(status.proofed, false)
  assert.equal(status.next, 'initiate-manual-proofing')
})

Then('HARP keeps her Social Security Number only as its last four digits and a keyed hash', async function (this: PortalWorld) {
  const p = this.persona('she')
  const ssn = harpFactsOf(this, p).ssn
  const record = await this.ports.identityRecords.findByAccount(p.accountId as never)()
  assert.ok(E.isRight(record) && O.isSome(record.right), 'HARP has her identity record')
  const kept = record.right.value.profile.ssn
  assert.ok(kept !== null, 'HARP kept nothing of her SSN')
  assert.equal(kept.last4Masked, `***-**-${ssn.slice(-4)}`)
  assert.match(String(kept.hash), /^[A-Za-z0-9+/=_-]{32,}$/)
  const account = await this.ports.accounts.findById(p.accountId as never)()
  const text = JSON.stringify([record.right.value, E.isRight(account) ? account.right : null])
  for (const spelling of [ssn, ssn.replace(/-/g, ''), ssn.replace(/-/g, ' ')]) assert.ok(!text.includes(spelling), 'the SSN is kept in clear')
})

// -------------------------------------------------------------------------------------
// remote proofing: the bureau's questions
// -------------------------------------------------------------------------------------

const quizOf = (world: PortalWorld, p: Persona): QuizView => {
  const quiz = quizzesOf(world).get(p.firstName.toLowerCase())
  assert.ok(quiz, `${p.firstName} has no questions to answer`)
  return quiz
}

/** The choice she knows is right: the one that names a fact of her credit file, else "None of the above". */
const rightChoice = (file: CreditFileData | undefined, question: QuizView['questions'][number]): string => {
  const facts = new Set(
    [
      file?.mortgageServicer,
      ...(file?.employers ?? []),
      file === undefined ? undefined : String(file.bedrooms),
      ...(file?.addresses ?? []).flatMap((a) => [a.line1, a.city])
    ]
      .filter((s): s is string => s !== undefined)
      .map((s) => s.toLowerCase())
  )
  const known = question.choices.find((c) => facts.has(c.text.toLowerCase()))
  const none = question.choices.find((c) => c.text === 'None of the above')
  const chosen = known ?? none
  assert.ok(chosen, `no choice of "${question.text}" is right`)
  return chosen.id
}

/** Answers her open quiz: the first `right(n)` questions rightly, the others wrongly. */
const answer = async (world: PortalWorld, p: Persona, right: (questions: ReadonlyArray<unknown>) => number): Promise<void> => {
  const quiz = quizOf(world, p)
  const file = harpFactsOf(world, p).creditFile
  const n = right(quiz.questions)
  const answers = Object.fromEntries(
    quiz.questions.map((q, i) => {
      const good = rightChoice(file, q)
      const wrong = q.choices.find((c) => c.id !== good)
      return [q.id, i < n ? good : (wrong as { readonly id: string }).id]
    })
  )
  const outcome = await world.portal.identityProofing.answer(acting(p), answers)
  world.record(outcome)
  if (E.isRight(outcome)) {
    world.harpQuizResult = { outcome: outcome.right.outcome, quizzesLeft: outcome.right.quizzesLeft }
    quizzesOf(world).delete(p.firstName.toLowerCase())
  }
}

Then('{persona} is asked {int} questions about her credit history', function (this: PortalWorld, name: string, n: number) {
  this.expectSuccess()
  assert.equal(quizOf(this, this.persona(name)).questions.length, n)
})

Then('the questions ask:', function (this: PortalWorld, table: DataTable) {
  const asked = quizOf(this, this.persona('she')).questions.map((q) => q.text)
  assert.deepEqual([...asked].sort(), table.raw().map((r) => r[0] as string).sort())
})

Then('each question offers {int} choices, {string} among them', function (this: PortalWorld, n: number, choice: string) {
  for (const q of quizOf(this, this.persona('she')).questions) {
    assert.equal(q.choices.length, n, q.text)
    assert.ok(q.choices.some((c) => c.text === choice), `"${q.text}" does not offer "${choice}"`)
  }
})

Then('the choices of {string} include {string}', function (this: PortalWorld, question: string, choice: string) {
  const q = quizOf(this, this.persona('she')).questions.find((x) => x.text === question)
  assert.ok(q, `no question "${question}"`)
  assert.ok(
    q.choices.some((c) => c.text === choice),
    `choices: ${q.choices.map((c) => c.text).join(', ')}`
  )
})

When('{persona} answers every question rightly', async function (this: PortalWorld, name: string) {
  await answer(this, this.persona(name), (q) => q.length)
})

When('{persona} answers {int} of the questions rightly', async function (this: PortalWorld, name: string, n: number) {
  await answer(this, this.persona(name), () => n)
})

When('{persona} answers the question {string} only', async function (this: PortalWorld, name: string, question: string) {
  const p = this.persona(name)
  const quiz = quizOf(this, p)
  const q = quiz.questions.find((x) => x.text === question)
  assert.ok(q, `no question "${question}"`)
  this.record(await this.portal.identityProofing.answer(acting(p), { [q.id]: rightChoice(harpFactsOf(this, p).creditFile, q) }))
})

When('{persona} answers with a choice the question does not offer', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const quiz = quizOf(this, p)
  const answers = Object.fromEntries(quiz.questions.map((q) => [q.id, 'not-a-choice']))
  this.record(await this.portal.identityProofing.answer(acting(p), answers))
})

Then('{persona} may ask for new questions {int} more time(s), giving her Social Security Number again', function (this: PortalWorld, _name: string, n: number) {
  this.expectSuccess()
  assert.deepEqual(this.harpQuizResult, { outcome: 'failed-retry', quizzesLeft: n })
})

const retry = async (world: PortalWorld, p: Persona, ssn: string): Promise<void> => {
  const outcome = await world.portal.identityProofing.retryWithSsn(acting(p), { ssn })
  world.record(outcome)
  if (E.isRight(outcome) && outcome.right.quiz !== null) quizzesOf(world).set(p.firstName.toLowerCase(), outcome.right.quiz)
}

When('{persona} asks for new questions, giving her Social Security Number again', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await retry(this, p, harpFactsOf(this, p).ssn)
})

When('{persona} asks for new questions, giving the Social Security Number {string}', async function (this: PortalWorld, name: string, ssn: string) {
  await retry(this, this.persona(name), ssn)
})

Given('{persona} has failed the credit bureau\'s questions {int} time(s)', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  for (let i = 0; i < times; i++) {
    if (i > 0) {
      await retry(this, p, harpFactsOf(this, p).ssn)
      must(this, 'new questions', this.lastResult ?? E.left([]))
    }
    await answer(this, p, () => 0)
    must(this, 'the answers', this.lastResult ?? E.left([]))
  }
})

When('{persona} looks at her questions again', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  this.record(await this.portal.identityProofing.quiz(acting(p)))
})

// -------------------------------------------------------------------------------------
// manual proofing: her documents
// -------------------------------------------------------------------------------------

const PHOTO_IDS: Readonly<Record<string, string>> = {
  "driver's license": 'drivers-license',
  'state identification card': 'state-id-card',
  'U.S. passport': 'us-passport',
  'library card': 'library-card',
  'employee badge': 'employee-badge'
}
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

defineParameterType({
  name: 'photoId',
  regexp: new RegExp(Object.keys(PHOTO_IDS).map(escape).join('|')),
  transformer: (s: string): string => PHOTO_IDS[s] as string
})

const REASONS: Readonly<Record<string, RejectionReason>> = {
  'the photo ID cannot be read': 'photo-id-unreadable',
  'the photo ID has expired': 'photo-id-expired',
  'the photo ID does not show her': 'photo-id-does-not-match',
  'the statements are not addressed to her registration address': 'statement-not-addressed-to-registration-address',
  'a statement is not from a financial institution': 'statement-not-from-financial-institution'
}

defineParameterType({
  name: 'rejectionReason',
  regexp: new RegExp(Object.keys(REASONS).map(escape).join('|')),
  transformer: (s: string): RejectionReason => REASONS[s] as RejectionReason
})

let seed = 0
const photoIdFile = (kind: string) => fileDescribed(`${kind}.jpg`, 'JPEG image', '240 KB', '', ++seed)
const statementFile = (issuer: string) => fileDescribed(`${issuer.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-statement.pdf`, 'PDF', '180 KB', '', ++seed)

const initiate = async (world: PortalWorld, p: Persona): Promise<void> => {
  world.record(await world.portal.identityProofing.initiateManualProofing(acting(p)))
}
const uploadPhotoId = async (world: PortalWorld, p: Persona, idKind: string, file = photoIdFile(idKind)): Promise<void> => {
  world.record(await world.portal.identityProofing.uploadPhotoId(acting(p), { idKind, ...file }))
}
const uploadStatement = async (world: PortalWorld, p: Persona, issuer: string, file = statementFile(issuer)): Promise<void> => {
  world.record(await world.portal.identityProofing.uploadStatement(acting(p), { issuer, ...file }))
}
const submit = async (world: PortalWorld, p: Persona): Promise<void> => {
  world.record(await world.portal.identityProofing.submitDocuments(acting(p)))
}

When('{persona} selects "Initiate Manual Proofing"', async function (this: PortalWorld, name: string) {
  await initiate(this, this.persona(name))
})

When('{persona} uploads her/his {photoId}', async function (this: PortalWorld, name: string, kind: string) {
  await uploadPhotoId(this, this.persona(name), kind)
})

When('{persona} uploads a statement from {string}', async function (this: PortalWorld, name: string, issuer: string) {
  await uploadStatement(this, this.persona(name), issuer)
})

When('{persona} uploads statements from {string} and {string}', async function (this: PortalWorld, name: string, a: string, b: string) {
  const p = this.persona(name)
  await uploadStatement(this, p, a)
  must(this, `the statement from ${a}`, this.lastResult ?? E.left([]))
  await uploadStatement(this, p, b)
})

When('{persona} uploads as her/his {photoId}:', async function (this: PortalWorld, name: string, kind: string, table: DataTable) {
  const [row] = table.hashes()
  assert.ok(row)
  await uploadPhotoId(this, this.persona(name), kind, fileDescribed(row['file'] ?? '', row['type'] ?? '', row['size'] ?? '', row['contains'] ?? '', ++seed))
})

When('{persona} uploads the same statement from {string} twice', async function (this: PortalWorld, name: string, issuer: string) {
  const p = this.persona(name)
  const file = statementFile(issuer)
  await uploadStatement(this, p, issuer, file)
  must(this, `the statement from ${issuer}`, this.lastResult ?? E.left([]))
  await uploadStatement(this, p, issuer, file)
})

When('{persona} submits her/his documents', async function (this: PortalWorld, name: string) {
  await submit(this, this.persona(name))
})

Given('{persona} has uploaded her/his {photoId} and statements from {string} and {string}', async function (this: PortalWorld, name: string, kind: string, a: string, b: string) {
  const p = this.persona(name)
  await initiate(this, p)
  must(this, 'Initiate Manual Proofing', this.lastResult ?? E.left([]))
  await uploadPhotoId(this, p, kind)
  must(this, 'the photo ID', this.lastResult ?? E.left([]))
  for (const issuer of [a, b]) {
    await uploadStatement(this, p, issuer)
    must(this, `the statement from ${issuer}`, this.lastResult ?? E.left([]))
  }
})

Given('{persona} has sent her/his documents for manual proofing', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  if (p.accountId === undefined) {
    await register(this, p, profileForm(this, p, false))
    must(this, `${p.firstName}'s HARP profile and account`, this.lastResult ?? E.left([]))
  }
  await initiate(this, p)
  must(this, 'Initiate Manual Proofing', this.lastResult ?? E.left([]))
  await uploadPhotoId(this, p, 'drivers-license')
  for (const issuer of ['Ironwood Credit Union', 'Harbor Federal Savings']) await uploadStatement(this, p, issuer)
  await submit(this, p)
  must(this, 'her documents', this.lastResult ?? E.left([]))
})

Then("{persona}'s documents wait for a reviewer", async function (this: PortalWorld, name: string) {
  const status = await statusOf(this, this.persona(name))
  assert.equal(status.manualProofing?.state, 'submitted')
  assert.equal(status.next, 'await-review')
  assert.equal(status.proofed, false)
})

Then('{persona} still needs {int} photo ID(s) and {int} statement(s)', async function (this: PortalWorld, name: string, photo: number, statements: number) {
  const status = await statusOf(this, this.persona(name))
  assert.deepEqual(status.manualProofing?.needed, { photoId: photo, statements })
})

Then("{persona}'s manual proofing was rejected because {rejectionReason}", async function (this: PortalWorld, name: string, reason: RejectionReason) {
  const status = await statusOf(this, this.persona(name))
  assert.equal(status.manualProofing?.state, 'rejected')
  assert.equal(status.manualProofing?.rejection?.reason, reason)
  assert.equal(status.proofed, false)
})

// -------------------------------------------------------------------------------------
// the reviewer
// -------------------------------------------------------------------------------------

const REVIEWER = { reviewerId: 'dana.whitfield' }

const submissionOf = async (world: PortalWorld, p: Persona) => {
  const queue = must(world, "the reviewers' queue", await world.portal.proofingReview.queue(REVIEWER))
  const found = queue.find((s) => s.applicant.firstName === p.firstName && s.applicant.lastName === p.lastName)
  assert.ok(found, `${p.firstName}'s documents are not in the reviewers' queue`)
  return found
}

Then("a HARP reviewer sees {persona}'s registration address {string}, her {photoId} and {int} statements", async function (this: PortalWorld, name: string, address: string, kind: string, n: number) {
  const submission = await submissionOf(this, this.persona(name))
  const a = submission.applicant.homeAddress
  assert.equal(`${a.line1}, ${a.city}, ${a.state} ${a.zipCode}`, address)
  assert.equal(submission.photoId?.idKind, kind)
  assert.equal(submission.statements.length, n)
  for (const doc of [submission.photoId?.file, ...submission.statements.map((s) => s.file)]) {
    assert.ok(doc)
    const stored = must(this, 'the document', await this.portal.proofingReview.document(REVIEWER, { proofingId: submission.id, sha256: doc.sha256 }))
    assert.equal(stored.content.length, doc.size)
    assert.equal(stored.mediaType, doc.mediaType)
  }
})

When("a HARP reviewer approves {persona}'s documents", async function (this: PortalWorld, name: string) {
  const submission = await submissionOf(this, this.persona(name))
  must(
    this,
    'the approval',
    await this.portal.proofingReview.decide(REVIEWER, {
      proofingId: submission.id,
      decision: 'approve',
      photoIdMatchesApplicant: true,
      statementsAddressedToRegistrationAddress: true
    })
  )
})

When("a HARP reviewer approves {persona}'s documents without confirming the statements are addressed to her registration address", async function (this: PortalWorld, name: string) {
  const submission = await submissionOf(this, this.persona(name))
  this.record(await this.portal.proofingReview.decide(REVIEWER, { proofingId: submission.id, decision: 'approve', photoIdMatchesApplicant: true }))
})

When("a HARP reviewer rejects {persona}'s documents because {rejectionReason}", async function (this: PortalWorld, name: string, reason: RejectionReason) {
  const submission = await submissionOf(this, this.persona(name))
  must(this, 'the rejection', await this.portal.proofingReview.decide(REVIEWER, { proofingId: submission.id, decision: 'reject', reason }))
})

When("a HARP reviewer rejects {persona}'s documents without a reason", async function (this: PortalWorld, name: string) {
  const submission = await submissionOf(this, this.persona(name))
  this.record(await this.portal.proofingReview.decide(REVIEWER, { proofingId: submission.id, decision: 'reject' }))
})
