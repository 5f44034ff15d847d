/**
 * The in-memory knowledge-based verification provider
 * (adapters/memory/proofing.ts): a credit file matches an identity by SSN,
 * last name (case and accents ignored) and date of birth, and nothing else
 * does; each quiz asks about the guide's facts (mortgage servicer, employer,
 * bedrooms, addresses and cities of the last five years) with plausible wrong
 * choices that are none of the person's facts, so the right choice is exactly
 * the one the person would pick (or "None of the above"); the quiz seals
 * under the HARP policy; a seeded Random gives the same quizzes every run,
 * and the questions and the right choice's place are shuffled. Rows that do
 * not decode are reported with their position.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { DateTime } from 'luxon'
import { CreditFileData, knowledgeBasedVerificationFromData, seededRandom } from '../../adapters/memory'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import type { KnowledgeBasedVerification } from '../../src/ports'
import { harpKba, issueQuiz, NONE_OF_THE_ABOVE, ProofingIdentity, Quiz, QuizId, sealQuiz, startRemoteProofing, submitAnswers, validateHarpProfile, proofingIdentity } from '../../src/proofing'

const TODAY = '2026-11-22'
const T0 = DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' })
const hasher = hmacKeyedHasher(new Uint8Array(32).fill(21) as HashKey)

const ANA: CreditFileData = {
  ssn: '123-45-6789',
  firstName: 'Ana',
  lastName: 'Reyes-Núñez',
  dateOfBirth: '03-14-1985',
  mortgageServicer: 'Keystone Home Loans',
  employers: ['Mercy Valley Hospital', 'Kestrel Software'],
  bedrooms: 3,
  addresses: [
    { line1: '12 Elm St', city: 'Boston', state: 'MA', zipCode: '02118' },
    { line1: '480 Maple Ave', line2: 'Apt 3', city: 'Providence', state: 'RI', zipCode: '02903' }
  ]
}
/** Renting (no mortgage), one employer, one address in a city of the wrong-choice pool. */
const BEN: CreditFileData = {
  ssn: '219099999',
  firstName: 'Ben',
  lastName: 'Okafor',
  dateOfBirth: '1990-07-01',
  employers: ['Hollis Manufacturing'],
  bedrooms: 1,
  addresses: [{ line1: '7 Orchard Ln', city: 'Springfield', state: 'IL', zipCode: '62701' }]
}

const identityOf = (f: CreditFileData, change: Partial<Record<'firstName' | 'lastName' | 'dateOfBirth' | 'ssn', string>> = {}): ProofingIdentity => {
  const p = validateHarpProfile(TODAY)({ ...f, ...change, email: 'x@example.com', phone: '617-555-0134', homeAddress: f.addresses[0] })
  if (E.isLeft(p)) assert.fail(JSON.stringify(p.left))
  return O.toNullable(proofingIdentity(p.right)) as ProofingIdentity
}

const provider = (seed: string, options = {}): KnowledgeBasedVerification => {
  const r = knowledgeBasedVerificationFromData([ANA, BEN], hasher, seededRandom(seed), TODAY, options)
  if (E.isLeft(r)) assert.fail(JSON.stringify(r.left))
  return r.right
}

const quizOf = async (kbv: KnowledgeBasedVerification, identity: ProofingIdentity): Promise<Quiz> => {
  const r = await kbv.quizFor(identity)()
  if (E.isLeft(r) || O.isNone(r.right)) return assert.fail('no quiz')
  return r.right.value
}

/** The facts of a file each question asks about, by the question's words. */
const factsFor = (f: CreditFileData, text: string): ReadonlyArray<string> =>
  /mortgage/.test(text)
    ? f.mortgageServicer === undefined ? [] : [f.mortgageServicer]
    : /employer/.test(text)
      ? f.employers
      : /bedrooms/.test(text)
        ? [String(f.bedrooms)]
        : /street/.test(text)
          ? f.addresses.map((a) => a.line1)
          : /cities/.test(text)
            ? f.addresses.map((a) => a.city)
            : assert.fail(`unknown question: ${text}`)

/** What the person with file `f` would answer: the choice that is one of their facts, else "None of the above". */
const answerAs = (f: CreditFileData, quiz: Quiz): Record<string, string> =>
  Object.fromEntries(
    quiz.questions.map((q) => {
      const facts = factsFor(f, q.text)
      const mine = q.choices.filter((c) => facts.includes(c.text))
      assert.ok(mine.length <= 1, `two of the person's facts offered: ${JSON.stringify(q)}`)
      return [q.id, (mine[0] ?? q.choices.find((c) => c.text === NONE_OF_THE_ABOVE))?.id as string]
    })
  )

describe('memory knowledge-based verification', () => {
  test('every quiz asks the guide\u2019s five kinds of question, 5 choices each, "None of the above" last; the right choice is the one the person would pick; it seals under HARP', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom(ANA, BEN), async (seed, f) => {
        const quiz = await quizOf(provider(seed), identityOf(f))
        assert.equal(quiz.questions.length, 5)
        assert.deepEqual(new Set(quiz.questions.map((q) => /mortgage|employer|bedrooms|street|cities/.exec(q.text)?.[0])).size, 5)
        const person = answerAs(f, quiz)
        for (const q of quiz.questions) {
          assert.equal(q.choices.length, 5)
          assert.equal(q.choices.at(-1)?.text, NONE_OF_THE_ABOVE)
          assert.equal(person[q.id], q.rightChoiceId, q.text)
        }
        assert.ok(E.isRight(sealQuiz(T0, harpKba, hasher, 'quiz-1' as QuizId)(quiz)))
      }),
      { numRuns: 100 }
    )
  })

  test('4 choices when asked; fewer questions when asked', async () => {
    const quiz = await quizOf(provider('four', { choices: 4, questions: 3 }), identityOf(ANA))
    assert.deepEqual(quiz.questions.map((q) => q.choices.length), [4, 4, 4])
  })

  test('the person passes and proofs; the HARP pass mark is not met by someone answering as another person', async () => {
    const kbv = provider('end-to-end')
    const quiz = await quizOf(kbv, identityOf(ANA))
    const p = issueQuiz(T0, harpKba, startRemoteProofing(), (sealQuiz(T0, harpKba, hasher, 'quiz-1' as QuizId)(quiz) as E.Right<never>).right)
    if (E.isLeft(p)) assert.fail('not issued')
    const asAna = submitAnswers(T0.plus({ minutes: 3 }), harpKba, hasher)(p.right, answerAs(ANA, quiz))
    assert.equal(E.isRight(asAna) && asAna.right.outcome, 'passed')
    const alwaysNone = Object.fromEntries(quiz.questions.map((q) => [q.id, q.choices.at(-1)?.id]))
    const guess = submitAnswers(T0.plus({ minutes: 3 }), harpKba, hasher)(p.right, alwaysNone)
    const rightByNone = quiz.questions.filter((q) => q.rightChoiceId === q.choices.at(-1)?.id).length
    assert.equal(E.isRight(guess) && guess.right.outcome, rightByNone >= harpKba.passMark ? 'passed' : 'failed-retry')
  })

  test('the same seed gives the same quizzes; another seed, others', async () => {
    const a = provider('seed-a')
    const b = provider('seed-a')
    const c = provider('seed-c')
    for (let i = 0; i < 5; i++) {
      const [qa, qb, qc] = [await quizOf(a, identityOf(ANA)), await quizOf(b, identityOf(ANA)), await quizOf(c, identityOf(ANA))]
      assert.deepEqual(qa, qb)
      assert.notDeepEqual(qa, qc)
    }
  })

  test('shuffled: over many quizzes the right choice takes every place, the questions every order, and "None of the above" is sometimes right', async () => {
    const kbv = provider('shuffle')
    const places = new Set<number>()
    const firstQuestions = new Set<string>()
    let noneRight = 0
    for (let i = 0; i < 60; i++) {
      const quiz = await quizOf(kbv, identityOf(ANA))
      firstQuestions.add(quiz.questions[0]?.text as string)
      for (const q of quiz.questions) {
        const place = q.choices.findIndex((c) => c.id === q.rightChoiceId)
        places.add(place)
        if (place === q.choices.length - 1) noneRight++
      }
    }
    assert.deepEqual([...places].sort(), [0, 1, 2, 3, 4])
    assert.equal(firstQuestions.size, 5)
    assert.ok(noneRight > 0 && noneRight < 150, String(noneRight))
  })

  test('a file matches by SSN, last name (case and accents aside) and date of birth; any other identity has no quiz', async () => {
    const kbv = provider('match')
    const has = async (identity: ProofingIdentity) => {
      const r = await kbv.quizFor(identity)()
      return E.isRight(r) && O.isSome(r.right)
    }
    assert.equal(await has(identityOf(ANA)), true)
    assert.equal(await has(identityOf(ANA, { lastName: 'reyes-nunez', firstName: 'Anita' })), true)
    assert.equal(await has(identityOf(ANA, { ssn: '123-45-6780' })), false)
    assert.equal(await has(identityOf(ANA, { lastName: 'Reyes' })), false)
    assert.equal(await has(identityOf(ANA, { dateOfBirth: '03-15-1985' })), false)
    assert.equal(await has(identityOf(BEN, { ssn: ANA.ssn })), false)
  })

  test('rows that do not decode are reported with their position, every error at once', () => {
    const bad = { ...BEN, ssn: '666-01-0001', bedrooms: 0, employers: [], addresses: [{ line1: '', city: 'X', state: 'ZZ', zipCode: '1' }] } as CreditFileData
    const r = knowledgeBasedVerificationFromData([ANA, bad], hasher, seededRandom('x'), TODAY)
    if (E.isRight(r)) assert.fail('loaded')
    assert.deepEqual(r.left.map((e) => `${e.code}@${e.field}`), [
      'ssn.never-issued@creditFiles[1].ssn',
      'field.required@creditFiles[1].employers',
      'number.out-of-range@creditFiles[1].bedrooms',
      'field.required@creditFiles[1].addresses[0].line1',
      'field.invalid@creditFiles[1].addresses[0].state',
      'field.invalid@creditFiles[1].addresses[0].zipCode'
    ])
  })
})
