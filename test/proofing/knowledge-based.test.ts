/**
 * Remote proofing by knowledge-based verification
 * (src/proofing/knowledge-based.ts). A provider's quiz is sealed: the stored
 * quiz shows each right choice's id and text exactly as often as any other
 * choice's (once, among the choices), and is the same whichever choice is
 * right but for the answer hashes, which are bound to the quiz. Anything
 * that is not a usable quiz is `kba.quiz-malformed`, naming the part, every
 * fault at once. Grading passes exactly when at least the pass mark is right;
 * a failure allows another quiz while attempts are left and offers manual
 * proofing after the last; unanswered or unknown choices are the form's
 * errors and grade nothing; a quiz past its life is expired and its attempt
 * spent. Ends with a model-based run over issue / answer / wait / no credit
 * file: never more quizzes than the policy allows, proofed only by a pass.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import type { DomainError } from '../../src/kernel/errors'
import {
  AnsweringQuiz,
  answerDigest,
  harpKba,
  issueQuiz,
  isRemotelyProofed,
  KbaPolicy,
  noCreditFile,
  NONE_OF_THE_ABOVE,
  Quiz,
  QuizId,
  QuizOnFile,
  quizView,
  quizzesLeft,
  RemoteProofing,
  remoteProofingAt,
  sealQuiz,
  startRemoteProofing,
  submitAnswers
} from '../../src/proofing'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import { anyInput } from '../../src/testkit'

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

const ZONE = 'America/New_York'
const hasher = hmacKeyedHasher(new Uint8Array(32).fill(11) as HashKey)
const T0 = DateTime.fromISO('2026-11-22T09:00:00', { zone: ZONE })
const QUIZ_ID = '6a1f0c2e-9b4d-4e7a-8c3f-2d5b7e9a1c04' as QuizId
const at = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: ZONE })

const WORDS = ['Keystone', 'Harbor', 'Summit', 'Prairie', 'Granite', 'Pioneer', 'Lakeshore', 'Northgate', 'Riverbend', 'Cedar', 'Oak', 'Mills', 'Federal', 'Lending', 'Servicing', 'Three', 'Four', 'Elm Street']
const choiceText = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '))

/** One provider question: 3 or 4 choices and "None of the above" (anywhere), any of them right; choice ids opaque. */
const providerQuestion = (id: string): fc.Arbitrary<Quiz['questions'][number]> =>
  fc
    .integer({ min: 3, max: 4 })
    .chain((n) =>
      fc.tuple(
        fc.uniqueArray(fc.stringMatching(/^[a-f0-9]{10}$/), { minLength: n + 1, maxLength: n + 1 }),
        fc.uniqueArray(choiceText, { minLength: n, maxLength: n, selector: (s) => s.toLowerCase() }),
        fc.integer({ min: 0, max: n }),
        fc.integer({ min: 0, max: n })
      )
    )
    .map(([ids, texts, right, none]) => {
      const all = [...texts]
      all.splice(none, 0, NONE_OF_THE_ABOVE)
      return { id, text: `Which of these applies to you (${id})?`, choices: ids.map((cid, i) => ({ id: cid, text: all[i] as string })), rightChoiceId: ids[right] as string }
    })

/** A provider quiz of `questions` questions, ids Q-1…; choice ids unique across the quiz. */
const providerQuiz = (questions: number): fc.Arbitrary<Quiz> =>
  fc
    .tuple(...Array.from({ length: questions }, (_, i) => providerQuestion(`Q-${i + 1}`)))
    .filter((qs) => new Set(qs.flatMap((q) => q.choices.map((c) => c.id))).size === qs.reduce((n, q) => n + q.choices.length, 0))
    .map((qs) => ({ questions: qs }))

/** A policy a preset may choose. */
const policyArb: fc.Arbitrary<KbaPolicy> = fc
  .record({ questions: fc.integer({ min: 1, max: 6 }), maxAttempts: fc.integer({ min: 1, max: 4 }), minutes: fc.integer({ min: 1, max: 30 }) })
  .chain((p) => fc.integer({ min: 1, max: p.questions }).map((passMark) => ({ questions: p.questions, passMark, maxAttempts: p.maxAttempts, quizLifetime: Duration.fromObject({ minutes: p.minutes }) })))

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected success, got ${JSON.stringify(r.left)}`)
  return r.right
}
const codesOf = (r: E.Either<ReadonlyArray<DomainError> | DomainError, unknown>): ReadonlyArray<string> =>
  E.isRight(r) ? ['ok'] : (Array.isArray(r.left) ? r.left : [r.left]).map((e: DomainError) => e.code)

const seal = (quiz: unknown, policy: KbaPolicy = harpKba, now: DateTime = T0, id = QUIZ_ID): QuizOnFile => right(sealQuiz(now, policy, hasher, id)(quiz))

/** Answers with exactly the questions in `rightOnes` answered right (the others with a wrong choice). */
const answersFor = (quiz: Quiz, rightOnes: ReadonlySet<number>): Record<string, string> =>
  Object.fromEntries(
    quiz.questions.map((q, i) => [q.id, rightOnes.has(i) ? q.rightChoiceId : (q.choices.find((c) => c.id !== q.rightChoiceId)?.id as string)])
  )

const answering = (policy: KbaPolicy, quiz: Quiz, attemptsBefore = 0, now: DateTime = T0): AnsweringQuiz =>
  right(issueQuiz(now, policy, { state: 'awaiting-quiz', attempts: attemptsBefore }, seal(quiz, policy, now)))

/** How often `needle` occurs in `haystack`. */
const occurrences = (haystack: string, needle: string): number => haystack.split(needle).length - 1

// -------------------------------------------------------------------------------------
// sealing
// -------------------------------------------------------------------------------------

describe('sealQuiz: no answer in clear', () => {
  test('the stored quiz shows each right choice (its id, its text) exactly once, among the choices, like every other choice; no field names the answer', () => {
    fc.assert(
      fc.property(providerQuiz(5), (quiz) => {
        const sealed = seal(quiz)
        const json = JSON.stringify(sealed)
        assert.ok(!json.includes('rightChoice'))
        for (const q of quiz.questions) {
          const rightChoice = q.choices.find((c) => c.id === q.rightChoiceId)
          assert.ok(rightChoice !== undefined)
          assert.equal(occurrences(json, JSON.stringify(rightChoice.id)), 1, `right id ${rightChoice.id}`)
          const asText = `"text":${JSON.stringify(rightChoice.text)}`
          assert.equal(occurrences(json, asText), occurrences(JSON.stringify(quiz.questions.map((x) => x.choices)), asText), rightChoice.text)
          for (const c of q.choices) assert.equal(occurrences(json, JSON.stringify(c.id)), 1, c.id)
        }
      }),
      { numRuns: 200 }
    )
  })

  test('whichever choices are right, the stored quiz is the same but for its answer hashes; the hashes are bound to the quiz id', () => {
    fc.assert(
      fc.property(providerQuiz(5), fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), (quiz, picks) => {
        const other: Quiz = { questions: quiz.questions.map((q, i) => ({ ...q, rightChoiceId: q.choices[(picks[i] as number) % q.choices.length]?.id as string })) }
        const strip = (s: QuizOnFile) => ({ ...s, questions: s.questions.map(({ answerHash: _h, ...q }) => q) })
        const a = seal(quiz)
        const b = seal(other)
        assert.deepEqual(strip(a), strip(b))
        a.questions.forEach((q, i) => assert.equal(q.answerHash === b.questions[i]?.answerHash, quiz.questions[i]?.rightChoiceId === other.questions[i]?.rightChoiceId))
        const elsewhere = seal(quiz, harpKba, T0, 'f2d4b6a8-0c1e-4f3a-9b5d-7e9c1a3b5d70' as QuizId)
        elsewhere.questions.forEach((q, i) => assert.notEqual(q.answerHash, a.questions[i]?.answerHash))
        a.questions.forEach((q, i) => assert.equal(q.answerHash, answerDigest(hasher, QUIZ_ID, q.id, quiz.questions[i]?.rightChoiceId as string)))
      }),
      { numRuns: 200 }
    )
  })

  test('the quiz lives from now for the policy\u2019s lifetime; the view shows questions and choices only', () => {
    const [quiz] = fc.sample(providerQuiz(5), { numRuns: 1, seed: 42 })
    const sealed = seal(quiz)
    assert.equal(sealed.issuedAt, T0.toISO())
    assert.equal(sealed.expiresAt, T0.plus({ minutes: 10 }).toISO())
    const view = quizView(sealed)
    assert.ok(!JSON.stringify(view).includes('answerHash'))
    assert.deepEqual(view.questions.map((q) => q.choices.length), quiz?.questions.map((q) => q.choices.length))
  })
})

describe('sealQuiz: a quiz that cannot be used', () => {
  const [base] = fc.sample(providerQuiz(5), { numRuns: 1, seed: 7 }) as [Quiz]
  const withQuestion = (i: number, change: (q: Quiz['questions'][number]) => unknown): unknown => ({ questions: base.questions.map((q, j) => (j === i ? change(q) : q)) })
  const faults = (quiz: unknown): ReadonlyArray<string> => {
    const r = sealQuiz(T0, harpKba, hasher, QUIZ_ID)(quiz)
    if (E.isRight(r)) assert.fail('sealed')
    for (const e of r.left) assert.equal(e.code, 'kba.quiz-malformed', JSON.stringify(e))
    return r.left.map((e) => e.field as string)
  }

  test('each fault is kba.quiz-malformed naming the part, and every fault is reported at once', () => {
    assert.deepEqual(faults({ questions: base.questions.slice(0, 4) }), ['quiz.questions'])
    assert.deepEqual(faults({ questions: [...base.questions, base.questions[0]] }), ['quiz.questions'])
    assert.deepEqual(faults({ questions: [base.questions[0], ...base.questions.slice(0, 4)] }), ['quiz.questions'])
    assert.deepEqual(faults(withQuestion(1, (q) => ({ ...q, choices: q.choices.filter((c) => c.text !== NONE_OF_THE_ABOVE) }))), ['quiz.questions[1].choices'].concat(base.questions[1]?.choices.length === 4 ? ['quiz.questions[1].choices'] : []))
    assert.deepEqual([...faults(withQuestion(2, (q) => ({ ...q, choices: q.choices.map((c) => ({ ...c, text: c.text === NONE_OF_THE_ABOVE ? c.text : 'none of  the above' })) })))].sort(), ['quiz.questions[2].choices', 'quiz.questions[2].choices'])
    assert.deepEqual(faults(withQuestion(0, (q) => ({ ...q, rightChoiceId: 'not-a-choice' }))), ['quiz.questions[0].rightChoiceId'])
    assert.deepEqual(faults(withQuestion(3, (q) => ({ ...q, choices: [...q.choices, { id: 'extra1', text: 'Extra one' }, { id: 'extra2', text: 'Extra two' }] }))), ['quiz.questions[3].choices'])
    assert.deepEqual([...faults(withQuestion(4, (q) => ({ ...q, choices: q.choices.slice(0, 3).concat(q.choices.slice(0, 1)) })))].sort().slice(0, 2), ['quiz.questions[4].choices', 'quiz.questions[4].choices'])
    assert.deepEqual(faults(withQuestion(0, (q) => ({ ...q, id: 'has space', text: '' }))), ['quiz.questions[0].id', 'quiz.questions[0].text'])
    assert.deepEqual(faults({ questions: base.questions.map((q) => ({ ...q, id: 'Q-1' })) }), ['quiz.questions'])
    assert.deepEqual(faults({ questions: 'five' }), ['quiz.questions'])
    assert.deepEqual(faults(null), ['quiz.questions'])
    // two questions wrong at once: both reported
    const both = { questions: base.questions.map((q, j) => (j === 0 || j === 4 ? { ...q, rightChoiceId: 'nowhere' } : q)) }
    assert.deepEqual(faults(both), ['quiz.questions[0].rightChoiceId', 'quiz.questions[4].rightChoiceId'])
  })

  test('anything at all: only kba.quiz-malformed, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.record({ questions: fc.oneof(anyInput, fc.array(anyInput, { maxLength: 6 })) })), (input) => {
        const r = sealQuiz(T0, harpKba, hasher, QUIZ_ID)(input)
        if (E.isLeft(r)) for (const e of r.left) assert.equal(e.code, 'kba.quiz-malformed')
      }),
      { numRuns: 300 }
    )
  })
})

// -------------------------------------------------------------------------------------
// grading
// -------------------------------------------------------------------------------------

describe('grading', () => {
  test('passed exactly when at least the pass mark is right; a failure retries while attempts are left, then offers manual proofing', () => {
    const setup = policyArb.chain((policy) =>
      fc.record({
        policy: fc.constant(policy),
        quiz: providerQuiz(policy.questions),
        rightOnes: fc.subarray(Array.from({ length: policy.questions }, (_, i) => i)),
        before: fc.integer({ min: 0, max: policy.maxAttempts - 1 }),
        after: fc.integer({ min: 0, max: policy.quizLifetime.toMillis() - 1 })
      })
    )
    fc.assert(
      fc.property(setup, ({ policy, quiz, rightOnes, before, after }) => {
        const p = answering(policy, quiz, before)
        const r = right(submitAnswers(at(T0.toMillis() + after), policy, hasher)(p, answersFor(quiz, new Set(rightOnes))))
        const attempts = before + 1
        if (rightOnes.length >= policy.passMark) {
          assert.equal(r.outcome, 'passed')
          assert.ok(isRemotelyProofed(r.proofing))
        } else if (attempts < policy.maxAttempts) {
          assert.equal(r.outcome, 'failed-retry')
          assert.deepEqual(r.proofing, { state: 'awaiting-quiz', attempts })
          assert.equal(r.outcome === 'failed-retry' && r.attemptsLeft, policy.maxAttempts - attempts)
        } else {
          assert.equal(r.outcome, 'failed-manual-proofing-offered')
          assert.equal(r.proofing.state === 'manual-proofing-offered' && r.proofing.reason, 'failed-quizzes')
        }
        assert.equal(r.proofing.attempts, attempts)
        // the outcome never says which answers were wrong
        assert.deepEqual(Object.keys(r).sort(), r.outcome === 'failed-retry' ? ['attemptsLeft', 'outcome', 'proofing'] : ['outcome', 'proofing'])
      }),
      { numRuns: 500 }
    )
  })

  test('HARP: 4 of 5 right passes, 3 do not; the first failure gives a second quiz, the second offers manual proofing', () => {
    const [quiz] = fc.sample(providerQuiz(5), { numRuns: 1, seed: 3 }) as [Quiz]
    const grade = (p: RemoteProofing, n: number) => right(submitAnswers(T0.plus({ minutes: 5 }), harpKba, hasher)(p, answersFor(quiz, new Set(Array.from({ length: n }, (_, i) => i)))))
    assert.equal(grade(answering(harpKba, quiz), 5).outcome, 'passed')
    assert.equal(grade(answering(harpKba, quiz), 4).outcome, 'passed')
    const first = grade(answering(harpKba, quiz), 3)
    assert.equal(first.outcome, 'failed-retry')
    const second = right(issueQuiz(T0.plus({ minutes: 6 }), harpKba, first.proofing, seal(quiz, harpKba, T0.plus({ minutes: 6 }))))
    assert.equal(second.attempts, 2)
    assert.equal(grade(second, 0).outcome, 'failed-manual-proofing-offered')
  })

  test('an unanswered question or an unknown choice is the form\u2019s error for that question, all at once; nothing is graded and the quiz stays open', () => {
    fc.assert(
      fc.property(providerQuiz(5), fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }), fc.subarray([0, 1, 2, 3, 4]), (quiz, blank, unknown) => {
        const p = answering(harpKba, quiz)
        const form: Record<string, unknown> = answersFor(quiz, new Set([0, 1, 2, 3, 4]))
        for (const i of unknown) form[`Q-${i + 1}`] = 'zzzzzzzzzz'
        for (const i of blank) form[`Q-${i + 1}`] = i % 2 === 0 ? undefined : ' '
        const r = submitAnswers(T0.plus({ minutes: 1 }), harpKba, hasher)(p, form)
        if (E.isRight(r)) assert.fail('graded')
        const expected = [0, 1, 2, 3, 4].flatMap((i) => (blank.includes(i) ? [`field.required@answers.Q-${i + 1}`] : unknown.includes(i) ? [`field.invalid@answers.Q-${i + 1}`] : []))
        assert.deepEqual(r.left.map((e) => `${e.code}@${e.field}`), expected)
        assert.equal(right(submitAnswers(T0.plus({ minutes: 2 }), harpKba, hasher)(p, answersFor(quiz, new Set([0, 1, 2, 3, 4])))).outcome, 'passed')
      }),
      { numRuns: 100 }
    )
  })

  test('anything at all as the answers: the form’s errors (at most one a question) or a grade, never a throw', () => {
    const [quiz] = fc.sample(providerQuiz(5), { numRuns: 1, seed: 13 }) as [Quiz]
    const p = answering(harpKba, quiz)
    const throwing = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('trap') } })
    fc.assert(
      fc.property(fc.oneof(anyInput, fc.constant(throwing), fc.dictionary(fc.constantFrom('Q-1', 'Q-2', 'Q-3', 'Q-4', 'Q-5', '__proto__'), anyInput)), (answers) => {
        const r = submitAnswers(T0, harpKba, hasher)(p, answers)
        if (E.isLeft(r)) assert.ok(r.left.length <= 5 && r.left.every((e) => e.code === 'field.required' || e.code === 'field.invalid' || e.code === 'form.unreadable' || e.code === 'text.too-long'))
      }),
      { numRuns: 300 }
    )
  })

  test('a choice of another question, or of the same quiz under another id, is not right', () => {
    const [quiz] = fc.sample(providerQuiz(5), { numRuns: 1, seed: 9 }) as [Quiz]
    const p = answering(harpKba, quiz)
    const swapped = Object.fromEntries(quiz.questions.map((q, i) => [q.id, quiz.questions[(i + 1) % 5]?.rightChoiceId]))
    assert.deepEqual(codesOf(submitAnswers(T0, harpKba, hasher)(p, swapped)), Array(5).fill('field.invalid'))
    const forged: AnsweringQuiz = { ...p, quiz: { ...p.quiz, id: 'f2d4b6a8-0c1e-4f3a-9b5d-7e9c1a3b5d70' as QuizId } }
    assert.equal(right(submitAnswers(T0, harpKba, hasher)(forged, answersFor(quiz, new Set([0, 1, 2, 3, 4])))).outcome, 'failed-retry')
  })

  test('at its expiry the quiz is kba.quiz-expired and its attempt is spent: another quiz, or manual proofing after the last', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 3_600_000 }), (policy, late) => {
        const [quiz] = fc.sample(providerQuiz(policy.questions), { numRuns: 1, seed: late }) as [Quiz]
        for (const before of [0, policy.maxAttempts - 1]) {
          const p = answering(policy, quiz, before)
          const when = at(T0.toMillis() + policy.quizLifetime.toMillis() + late)
          const r = submitAnswers(when, policy, hasher)(p, answersFor(quiz, new Set(Array.from({ length: policy.questions }, (_, i) => i))))
          if (E.isRight(r)) assert.fail('graded after expiry')
          assert.deepEqual([r.left[0].code, (r.left[0] as { expiredAt?: string }).expiredAt], ['kba.quiz-expired', p.quiz.expiresAt])
          const now = remoteProofingAt(when, policy, p)
          assert.deepEqual(
            now,
            before + 1 < policy.maxAttempts
              ? { state: 'awaiting-quiz', attempts: before + 1 }
              : { state: 'manual-proofing-offered', attempts: before + 1, offeredAt: p.quiz.expiresAt, reason: 'failed-quizzes' }
          )
        }
      }),
      { numRuns: 100 }
    )
  })

  test('steps out of turn are flow.wrong-state; no credit file offers manual proofing at once', () => {
    const [quiz] = fc.sample(providerQuiz(5), { numRuns: 1, seed: 5 }) as [Quiz]
    const start = startRemoteProofing()
    assert.deepEqual(codesOf(submitAnswers(T0, harpKba, hasher)(start, {})), ['flow.wrong-state'])
    const p = answering(harpKba, quiz)
    assert.deepEqual(codesOf(issueQuiz(T0, harpKba, p, seal(quiz))), ['flow.wrong-state'])
    assert.deepEqual(codesOf(noCreditFile(T0, harpKba, p)), ['flow.wrong-state'])
    const passed = right(submitAnswers(T0, harpKba, hasher)(p, answersFor(quiz, new Set([0, 1, 2, 3, 4])))).proofing
    assert.deepEqual(codesOf(issueQuiz(T0, harpKba, passed, seal(quiz))), ['flow.wrong-state'])
    assert.deepEqual(codesOf(submitAnswers(T0, harpKba, hasher)(passed, answersFor(quiz, new Set([0, 1, 2, 3, 4])))), ['flow.wrong-state'])
    assert.deepEqual(right(noCreditFile(T0, harpKba, start)), { state: 'manual-proofing-offered', attempts: 0, offeredAt: T0.toISO(), reason: 'no-credit-file' })
    assert.deepEqual(codesOf(issueQuiz(T0, harpKba, { state: 'awaiting-quiz', attempts: 2 }, seal(quiz))), ['kba.attempts-exhausted'])
    assert.equal(quizzesLeft(T0, harpKba, start), 2)
    assert.equal(quizzesLeft(T0, harpKba, passed), 0)
  })
})

// -------------------------------------------------------------------------------------
// model-based: issue / answer / wait / no credit file
// -------------------------------------------------------------------------------------

interface Model {
  now: number
  state: RemoteProofing['state']
  attempts: number
  expiresAt: number
  issued: number
  passed: boolean
}
interface Real {
  now: number
  p: RemoteProofing
  quiz: Quiz
  policy: KbaPolicy
}
type Cmd = fc.Command<Model, Real>

/** The model's state at its `now` (what is stored is `m.state`): an open quiz past its expiry has failed. */
const effective = (m: Model, policy: KbaPolicy): RemoteProofing['state'] =>
  m.state === 'answering-quiz' && m.now >= m.expiresAt ? (m.attempts < policy.maxAttempts ? 'awaiting-quiz' : 'manual-proofing-offered') : m.state

class Issue implements Cmd {
  check = () => true
  run(m: Model, r: Real): void {
    const expected = effective(m, r.policy) !== 'awaiting-quiz' ? 'flow.wrong-state' : 'ok'
    const x = issueQuiz(at(r.now), r.policy, r.p, seal(r.quiz, r.policy, at(r.now), `quiz-${m.issued + 1}` as QuizId))
    assert.deepEqual(codesOf(x), [expected], this.toString())
    if (E.isLeft(x)) return
    r.p = x.right
    m.state = 'answering-quiz'
    m.attempts++
    m.issued++
    m.expiresAt = m.now + r.policy.quizLifetime.toMillis()
  }
  toString = () => 'issue'
}

class Answer implements Cmd {
  constructor(readonly rightCount: number) {}
  check = () => true
  run(m: Model, r: Real): void {
    const now = effective(m, r.policy)
    const n = Math.min(this.rightCount, r.policy.questions)
    const x = submitAnswers(at(r.now), r.policy, hasher)(r.p, answersFor(r.quiz, new Set(Array.from({ length: n }, (_, i) => i))))
    if (now !== 'answering-quiz') {
      const expired = m.state === 'answering-quiz'
      assert.deepEqual(codesOf(x), [expired ? 'kba.quiz-expired' : 'flow.wrong-state'], this.toString())
      // the caller stores the proofing as it now stands
      if (expired) {
        r.p = remoteProofingAt(at(r.now), r.policy, r.p)
        m.state = now
      }
      return
    }
    const outcome = right(x)
    const expected = n >= r.policy.passMark ? 'passed' : m.attempts < r.policy.maxAttempts ? 'failed-retry' : 'failed-manual-proofing-offered'
    assert.equal(outcome.outcome, expected, this.toString())
    r.p = outcome.proofing
    m.state = r.p.state
    if (expected === 'passed') m.passed = true
  }
  toString = () => `answer(${this.rightCount} right)`
}

class Wait implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true
  run(m: Model, r: Real): void {
    m.now += this.ms
    r.now += this.ms
  }
  toString = () => `wait(${Math.round(this.ms / 1000)} s)`
}

class NoFile implements Cmd {
  check = () => true
  run(m: Model, r: Real): void {
    const x = noCreditFile(at(r.now), r.policy, r.p)
    assert.deepEqual(codesOf(x), [effective(m, r.policy) === 'awaiting-quiz' ? 'ok' : 'flow.wrong-state'], this.toString())
    if (E.isLeft(x)) return
    r.p = x.right
    m.state = 'manual-proofing-offered'
  }
  toString = () => 'no credit file'
}

describe('remote proofing, model-based', () => {
  test('after any sequence: never more quizzes than the policy allows, proofed only by a pass, the state as the model says', () => {
    const reached = new Map<string, number>()
    const setup = policyArb.chain((policy) => fc.tuple(fc.constant(policy), providerQuiz(policy.questions)))
    fc.assert(
      fc.property(
        setup,
        fc.commands(
          [
            fc.constant(new Issue()),
            fc.integer({ min: 0, max: 6 }).map((n) => new Answer(n)),
            fc.oneof(fc.integer({ min: 0, max: 20 * 60_000 }), fc.constantFrom(60_000, 10 * 60_000 - 1, 10 * 60_000)).map((ms) => new Wait(ms)),
            fc.constant(new NoFile())
          ],
          { maxCommands: 30, size: 'max' }
        ),
        ([policy, quiz], cmds) => {
          const checked = [...cmds].map(
            (c): Cmd => ({
              check: (m) => c.check(m),
              run: (m, r) => {
                const before = r.p
                c.run(m, r)
                if (r.p !== before) reached.set(`${c.toString().split('(')[0]}→${r.p.state}`, (reached.get(`${c.toString().split('(')[0]}→${r.p.state}`) ?? 0) + 1)
                assert.ok(m.issued <= policy.maxAttempts && r.p.attempts <= policy.maxAttempts, 'attempts bounded')
                assert.equal(r.p.attempts, m.attempts)
                assert.equal(isRemotelyProofed(r.p), m.passed)
                assert.equal(r.p.state, m.state)
                assert.equal(remoteProofingAt(at(r.now), policy, r.p).state, effective(m, policy))
                assert.equal(quizzesLeft(at(r.now), policy, r.p), effective(m, policy) === 'awaiting-quiz' ? policy.maxAttempts - m.attempts : 0)
              },
              toString: () => c.toString()
            })
          )
          fc.modelRun(
            () => ({
              model: { now: T0.toMillis(), state: 'awaiting-quiz' as RemoteProofing['state'], attempts: 0, expiresAt: 0, issued: 0, passed: false },
              real: { now: T0.toMillis(), p: startRemoteProofing(), quiz, policy }
            }),
            checked
          )
        }
      ),
      { numRuns: 200 }
    )
    // passes, retries, manual proofing after the last quiz, expiry and no credit file all happen
    for (const step of ['answer→proofed', 'answer→awaiting-quiz', 'answer→manual-proofing-offered', 'issue→answering-quiz', 'no credit file→manual-proofing-offered'])
      assert.ok((reached.get(step) ?? 0) > 0, `${step} never happened: ${JSON.stringify([...reached])}`)
  })
})
