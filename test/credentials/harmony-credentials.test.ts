/**
 * Harmony's credentials (src/credentials): challenge questions and temporary
 * passwords.
 *
 * Challenge answers (challenge-question.ts): the normalisation is idempotent
 * and ignores letter case, white-space runs and Unicode normalisation forms,
 * yet never merges two answers that differ in a letter; parseAnswer enforces
 * 2–100 normalised characters and never throws; checkAnswer behaves as a
 * small model of the throttle.
 *
 * Temporary passwords (temporary-password.ts): valid strictly before issue +
 * 30 calendar days in the plan's zone, across DST changes;
 * ensureTemporaryPasswordValid agrees; characters drawn from random bytes are
 * in the alphabet and unbiased; a password drawn by the workflow always has
 * the policy's length.
 *
 * The testkit's answer and temporary-password arbitraries agree with them.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import {
  ANSWER_RULE,
  AnswerThrottlePolicy,
  ChallengeState,
  checkAnswer,
  ensureTemporaryPasswordValid,
  isTemporaryPasswordValid,
  newChallenge,
  normaliseAnswer,
  parseAnswer,
  parseQuestion,
  symbolsFromBytes,
  TemporaryPasswordPolicy,
  temporaryPasswordFromBytes,
  temporaryPasswordWindow,
  thirtyDayTemporaryPassword
} from '../../src/credentials'
import { isDomainError } from '../../src/kernel'
import { harmony } from '../../src'
import { preset as harmonyPreset, securityQuestions } from '../../src/portals/harmony'
import { Random } from '../../src/ports/random'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import {
  ANSWER_LETTERS,
  anyInput,
  anyText,
  anyTextUnit,
  temporaryPasswordOf,
  typedAnswerOf,
  validSecurityAnswer,
  WHITE_SPACE
} from '../../src/testkit'
import { harmonyHarness, RIVERSIDE, RIVERSIDE_ABOUT, temporaryPasswordIn } from '../support/harmony-harness'

const ZONE = 'America/New_York'

// -------------------------------------------------------------------------------------
// challenge answers
// -------------------------------------------------------------------------------------

const f = normaliseAnswer

/**
 * Characters whose case mappings or compatibility forms are awkward: ẞ (capital
 * sharp s, whose lower case ß upper-cases to "SS"), Greek letters with dialytika
 * and tonos (upper-cased to three code points), dotted and dotless i, long s,
 * final sigma, Kelvin and Ångström signs, title-case digraphs, ligatures.
 */
const AWKWARD = ['ẞ', 'ß', 'ΐ', 'ΰ', 'ῒ', 'ῢ', 'İ', 'ı', 'ſ', 'ς', 'σ', 'Σ', 'K', 'Å', 'ǅ', 'ǈ', 'ᾈ', 'ﬁ', 'ﬃ', 'Ａ', '①', '㎏', 'ŉ']

/** Any text, with the awkward characters mixed in. */
const text = fc.oneof(
  { weight: 2, arbitrary: anyText({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.oneof(anyTextUnit, fc.constantFrom(...AWKWARD), fc.constantFrom(...ANSWER_LETTERS)), maxLength: 20 }) }
)

const show = (s: string): string => `${JSON.stringify(s)} [${Array.from(s, (c) => (c.codePointAt(0) as number).toString(16)).join(' ')}]`

describe('normaliseAnswer', () => {
  test('is idempotent: a normalised answer normalises to itself', () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = f(s)
        assert.equal(f(once), once, `normaliseAnswer(${show(s)}) = ${show(once)}, but normalising that again gives ${show(f(once))}`)
      }),
      { numRuns: 400, examples: [['ẞ'], ['STRAẞE'], ['ΐ'], ['Fluffy']] }
    )
  })

  test('ignores letter case: the answer upper-cased or lower-cased normalises alike', () => {
    fc.assert(
      fc.property(text, (s) => {
        assert.equal(f(s.toUpperCase()), f(s), `upper case of ${show(s)}: ${show(f(s.toUpperCase()))} ≠ ${show(f(s))}`)
        assert.equal(f(s.toLowerCase()), f(s), `lower case of ${show(s)}: ${show(f(s.toLowerCase()))} ≠ ${show(f(s))}`)
      }),
      { numRuns: 400, examples: [['straße'], ['ẞ'], ['ΐ'], ['ΰ']] }
    )
  })

  test('ignores white-space runs before, between and after words (spaces, tabs, NBSP, newlines)', () => {
    const space = fc.array(fc.constantFrom(...WHITE_SPACE, '\u2028', '\u000b', '\f'), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(''))
    fc.assert(
      fc.property(
        validSecurityAnswer.chain((a) => {
          const words = a.split(' ')
          return fc.tuple(fc.constant(a), fc.array(space, { minLength: words.length + 1, maxLength: words.length + 1 }), fc.boolean(), fc.boolean())
        }),
        ([answer, runs, lead, trail]) => {
          const words = answer.split(' ')
          const spaced = (lead ? runs[0] : '') + words.map((w, i) => (i === 0 ? w : (runs[i] as string) + w)).join('') + (trail ? runs[words.length] : '')
          assert.equal(f(spaced), answer, show(spaced))
          assert.equal(f(spaced.toUpperCase()), answer, show(spaced.toUpperCase()))
        }
      )
    )
  })

  test('ignores NFC vs NFD and compatibility forms (ligatures such as ﬁ, full-width letters)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const forms = [s.normalize('NFC'), s.normalize('NFD'), s.normalize('NFKC'), s.normalize('NFKD')]
        for (const x of forms) assert.equal(f(x), f(s), `${show(x)} is a normalisation form of ${show(s)}`)
      }),
      { numRuns: 300 }
    )
    for (const [a, b] of [
      ['ﬁsh', 'fish'],
      ['ﬂuﬀy', 'fluffy'],
      ['ＦＬＵＦＦＹ', 'fluffy'],
      ['Ｍｒ　Ｂｉｓｃｕｉｔ', 'mr biscuit'],
      ['Jose\u0301', 'josé'],
      ['Ｊｏｓｅ\u0301', 'JOSÉ']
    ] as const)
      assert.equal(f(a), f(b), `${show(a)} and ${show(b)}`)
  })

  test('the same answer as a person may type it (case, spacing, decomposed, full-width, ligatures) normalises to the answer', () => {
    fc.assert(
      fc.property(validSecurityAnswer.chain((a) => fc.tuple(fc.constant(a), typedAnswerOf(a))), ([answer, typed]) => {
        assert.equal(f(typed), answer, `${show(typed)} should normalise to ${show(answer)}`)
        assert.deepEqual(parseAnswer(typed), E.right(answer))
      })
    )
  })

  test('two answers that differ in a letter never normalise alike, however each is typed', () => {
    fc.assert(
      fc.property(
        validSecurityAnswer
          .chain((a) => {
            const letters = Array.from(a).flatMap((c, i) => (c === ' ' ? [] : [i]))
            return fc.tuple(fc.constant(a), fc.constantFrom(...letters), fc.constantFrom(...ANSWER_LETTERS))
          })
          .map(([a, i, c]) => {
            // one letter (or digit) replaced by another
            const chars = Array.from(a)
            chars[i] = c
            return [a, chars.join('')] as const
          })
          .filter(([a, b]) => a !== b)
          .chain(([a, b]) => fc.tuple(fc.constant(a), fc.constant(b), typedAnswerOf(a), typedAnswerOf(b))),
        ([a, b, typedA, typedB]) => {
          assert.notEqual(f(typedA), f(typedB), `${show(typedA)} (${a}) and ${show(typedB)} (${b}) normalise alike`)
        }
      )
    )
  })
})

describe('parseAnswer', () => {
  test('never throws; a left is a DomainError naming the field; a right is the normalised answer', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, text, validSecurityAnswer), fc.option(fc.constantFrom('securityAnswer', 'answer', 'users[0].answer'), { nil: undefined }), (u, field) => {
        let r: ReturnType<typeof parseAnswer>
        try {
          r = field === undefined ? parseAnswer(u) : parseAnswer(u, field)
        } catch (cause) {
          assert.fail(`parseAnswer threw on ${fc.stringify(u)}: ${String(cause)}`)
        }
        if (E.isLeft(r)) {
          assert.ok(isDomainError(r.left) && r.left.rule.length > 0)
          assert.equal(r.left.field, field ?? 'securityAnswer')
        } else assert.equal(r.right, f(u as string))
      }),
      { numRuns: 400 }
    )
  })

  test('accepts exactly the answers of 2 to 100 characters once normalised (counted in code points)', () => {
    const sized = fc
      .tuple(fc.integer({ min: 0, max: 110 }), fc.constantFrom('a', 'é', 'e\u0301', 'Ａ', '李', '𝒜', 'ﬁ', '\ufdfa', ' '))
      .map(([n, c]) => `x${c.repeat(n)}`)
    fc.assert(
      fc.property(fc.oneof(text, sized, validSecurityAnswer), (s) => {
        const r = parseAnswer(s)
        if (s.trim() === '') {
          assert.ok(E.isLeft(r) && r.left.code === 'field.required', show(s))
          return
        }
        const n = Array.from(f(s)).length
        const ok = n >= ANSWER_RULE.minimum && n <= ANSWER_RULE.maximum
        assert.equal(E.isRight(r), ok, `${show(s)} normalises to ${n} characters`)
        if (E.isLeft(r)) assert.deepEqual([r.left.code, r.left.field], ['field.invalid', 'securityAnswer'])
      }),
      { numRuns: 400 }
    )
    for (const [answer, ok] of [
      ['a', false],
      ['ab', true],
      ['  a  ', false],
      ['a b', true],
      ['ﬁ', true], // NFKC gives "fi": two characters
      ['x'.repeat(100), true],
      ['x'.repeat(101), false],
      [`${'x'.repeat(50)}     ${'y'.repeat(49)}`, true], // the run of spaces counts as one
      ['\ufdfa'.repeat(5), true], // NFKC expands each to 18 characters: 90
      ['\ufdfa'.repeat(6), false] // 108
    ] as const)
      assert.equal(E.isRight(parseAnswer(answer)), ok, show(answer))
  })

  test('missing or blank is field.required; a non-string is field.invalid', () => {
    fc.assert(
      fc.property(fc.constantFrom<unknown>(undefined, null, '', ' ', '\t\n', '\u00a0\u3000'), anyInput, (blank, other) => {
        const r = parseAnswer(blank)
        assert.ok(E.isLeft(r) && r.left.code === 'field.required' && r.left.field === 'securityAnswer')
        if (other !== undefined && other !== null && typeof other !== 'string') {
          const o = parseAnswer(other)
          assert.ok(E.isLeft(o) && o.left.code === 'field.invalid')
        }
      })
    )
  })
})

describe('parseQuestion', () => {
  test("picks the plan's question by id or exact text; anything else is field.invalid; never throws", () => {
    const parse = parseQuestion(securityQuestions)
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...securityQuestions.flatMap((q) => [q.id, q.text, ` ${q.id} `, q.text.toUpperCase(), q.id + 'x'])),
          anyInput,
          anyText({ maxLength: 40 })
        ),
        (u) => {
          const r = parse(u)
          const s = typeof u === 'string' ? u.trim() : undefined
          const expected = securityQuestions.find((q) => q.id === s || q.text === s)
          if (expected !== undefined) assert.deepEqual(r, E.right(expected))
          else {
            assert.ok(E.isLeft(r), `accepted ${fc.stringify(u)}`)
            assert.equal(r.left.field, 'securityQuestion')
            assert.ok(['field.invalid', 'field.required', 'text.too-long'].includes(r.left.code))
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})

// -------------------------------------------------------------------------------------
// checkAnswer, model-based
// -------------------------------------------------------------------------------------

const t0 = DateTime.fromISO('2026-11-22T09:00:00', { zone: ZONE }).toMillis()
const at = (ms: number): DateTime => DateTime.fromMillis(ms, { zone: ZONE })
const keyed = hmacKeyedHasher(new Uint8Array(32).fill(5) as HashKey)
const hashOf = (answer: string) => keyed.digest('challenge-answer', `account:${normaliseAnswer(answer)}`)

const policyArb: fc.Arbitrary<AnswerThrottlePolicy> = fc.oneof(
  fc.constant((harmonyPreset.policies.providers as { answerThrottle: AnswerThrottlePolicy }).answerThrottle),
  fc.record({
    maxFailedAnswers: fc.integer({ min: 1, max: 6 }),
    lock: fc.integer({ min: 1, max: 7_200_000 }).map((ms) => Duration.fromObject({ milliseconds: ms }))
  })
)

interface Model {
  now: number
  failed: number
  lockedUntil: number | null
}
interface Real {
  now: number
  challenge: ChallengeState
}

const verdictOf = (v: E.Either<{ code: string }, 'answered'>): string => (E.isRight(v) ? v.right : v.left.code)

const commands = (policy: AnswerThrottlePolicy, answer: string) => {
  const lock = policy.lock.toMillis()
  class Answer implements fc.Command<Model, Real> {
    constructor(
      readonly typed: string,
      readonly right: boolean
    ) {}
    check = () => true
    run(m: Model, r: Real): void {
      const { challenge, verdict } = checkAnswer(policy)(at(r.now), r.challenge, hashOf(this.typed))
      let expected: string
      if (m.lockedUntil !== null && m.now < m.lockedUntil) expected = 'challenge.throttled'
      else {
        if (m.lockedUntil !== null) {
          m.failed = 0
          m.lockedUntil = null
        }
        if (this.right) {
          expected = 'answered'
          m.failed = 0
        } else {
          m.failed += 1
          if (m.failed >= policy.maxFailedAnswers) {
            m.lockedUntil = m.now + lock
            expected = 'challenge.throttled'
          } else expected = 'challenge.incorrect'
        }
      }
      assert.equal(verdictOf(verdict), expected, `${this}`)
      if (!this.right) assert.notEqual(verdictOf(verdict), 'answered', 'a wrong answer passed')
      if (E.isLeft(verdict)) {
        assert.equal(verdict.left.field, 'securityAnswer')
        if (verdict.left.code === 'challenge.throttled') assert.equal(DateTime.fromISO(verdict.left.retryAfter).toMillis(), m.lockedUntil)
      }
      assert.equal(challenge.failedAnswers, m.failed)
      assert.equal(challenge.lockedUntil === null ? null : DateTime.fromISO(challenge.lockedUntil).toMillis(), m.lockedUntil)
      assert.equal(challenge.questionId, r.challenge.questionId)
      assert.equal(challenge.answerHash, r.challenge.answerHash)
      r.challenge = challenge
    }
    toString = () => `answer(${this.right ? 'right' : 'wrong'}: ${JSON.stringify(this.typed)})`
  }
  class Wait implements fc.Command<Model, Real> {
    constructor(readonly ms: number) {}
    check = () => true
    run(m: Model, r: Real): void {
      m.now += this.ms
      r.now += this.ms
    }
    toString = () => `wait(${this.ms}ms)`
  }
  const wrong = fc.oneof(validSecurityAnswer, fc.constantFrom('wrong', answer + 'x', answer.slice(1) || 'zz')).filter((w) => normaliseAnswer(w) !== answer)
  return fc.commands(
    [
      typedAnswerOf(answer).map((t) => new Answer(t, true)),
      wrong.map((w) => new Answer(w, false)),
      wrong.map((w) => new Answer(w, false)),
      fc
        .oneof(
          { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.ceil(lock / 3) }) },
          { weight: 2, arbitrary: fc.constantFrom(lock, lock - 1, 1) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 * lock }) }
        )
        .map((ms) => new Wait(ms))
    ],
    { maxCommands: 60 }
  )
}

describe('checkAnswer, model-based', () => {
  test('any sequence of right answers, wrong answers and waits behaves as the throttle model says', () => {
    fc.assert(
      fc.property(
        fc.tuple(policyArb, validSecurityAnswer).chain(([policy, answer]) => fc.tuple(fc.constant(policy), fc.constant(answer), commands(policy, answer))),
        ([policy, answer, cmds]) => {
          const model: Model = { now: t0, failed: 0, lockedUntil: null }
          const real: Real = { now: t0, challenge: newChallenge('first-pet', hashOf(answer)) }
          fc.modelRun(() => ({ model, real }), cmds)
          assert.ok(real.challenge.failedAnswers < policy.maxFailedAnswers || real.challenge.lockedUntil !== null)
        }
      ),
      { numRuns: 150 }
    )
  })

  test('after maxFailedAnswers wrong answers even the right one is refused until the lock passes; then it works and clears the count', () => {
    fc.assert(
      fc.property(
        policyArb,
        validSecurityAnswer.chain((a) => fc.tuple(fc.constant(a), typedAnswerOf(a))),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (policy, [answer, typed], fraction) => {
          const check = checkAnswer(policy)
          let c = newChallenge('birth-city', hashOf(answer))
          let now = t0
          for (let i = 1; i <= policy.maxFailedAnswers; i++) {
            const r = check(at(now), c, hashOf(`${answer} wrong`))
            assert.equal(verdictOf(r.verdict), i < policy.maxFailedAnswers ? 'challenge.incorrect' : 'challenge.throttled')
            c = r.challenge
            now += 1
          }
          const lockEnds = now - 1 + policy.lock.toMillis()
          const during = Math.min(lockEnds - 1, now + Math.floor(fraction * (lockEnds - now)))
          if (during >= now) {
            const refused = check(at(during), c, hashOf(typed))
            assert.equal(verdictOf(refused.verdict), 'challenge.throttled', 'the right answer during the lock')
            assert.deepEqual(refused.challenge, c, 'a refusal while locked changes nothing')
          }
          const accepted = check(at(lockEnds), c, hashOf(typed))
          assert.equal(verdictOf(accepted.verdict), 'answered', 'the right answer once the lock has passed')
          assert.deepEqual({ failed: accepted.challenge.failedAnswers, until: accepted.challenge.lockedUntil }, { failed: 0, until: null })
        }
      ),
      { numRuns: 150 }
    )
  })

  test('a right answer always passes and clears the count when not locked; a wrong one never passes', () => {
    fc.assert(
      fc.property(
        policyArb,
        validSecurityAnswer.chain((a) => fc.tuple(fc.constant(a), typedAnswerOf(a))),
        validSecurityAnswer,
        fc.nat({ max: 5 }),
        (policy, [answer, typed], other, failedBefore) => {
          fc.pre(other !== answer)
          const c: ChallengeState = { ...newChallenge('first-car', hashOf(answer)), failedAnswers: Math.min(failedBefore, policy.maxFailedAnswers - 1) }
          const right = checkAnswer(policy)(at(t0), c, hashOf(typed))
          assert.equal(verdictOf(right.verdict), 'answered')
          assert.equal(right.challenge.failedAnswers, 0)
          const wrong = checkAnswer(policy)(at(t0), c, hashOf(other))
          assert.ok(E.isLeft(wrong.verdict))
          assert.equal(wrong.challenge.failedAnswers, c.failedAnswers + 1)
        }
      )
    )
  })
})

describe('testkit: answer arbitraries agree with parseAnswer', () => {
  test('validSecurityAnswer is already normalised and 2–100 characters; typedAnswerOf(answer) parses to it', () => {
    fc.assert(
      fc.property(validSecurityAnswer.chain((a) => fc.tuple(fc.constant(a), typedAnswerOf(a))), ([answer, typed]) => {
        assert.equal(normaliseAnswer(answer), answer)
        const n = Array.from(answer).length
        assert.ok(n >= ANSWER_RULE.minimum && n <= ANSWER_RULE.maximum)
        assert.deepEqual(parseAnswer(answer), E.right(answer))
        assert.deepEqual(parseAnswer(typed), E.right(answer))
      })
    )
  })

  test('typedAnswerOf really varies the answer: case, white space, decomposed, full-width and ligature forms all occur', () => {
    const typed = fc.sample(typedAnswerOf('fish fluffy josé 42'), { numRuns: 400, seed: 7 })
    const seen = (re: RegExp) => typed.some((s) => re.test(s))
    assert.ok(seen(/[A-Z]/), 'upper case')
    assert.ok(seen(/[\t\n\u00a0\u3000]/), 'white space other than a space')
    assert.ok(seen(/\u0301/), 'decomposed é')
    assert.ok(seen(/[\uff01-\uff5e]/), 'full-width')
    assert.ok(seen(/[\ufb00-\ufb04]/), 'ligatures')
    assert.ok(seen(/^\s|\s$/), 'leading or trailing white space')
  })
})

// -------------------------------------------------------------------------------------
// temporary passwords
// -------------------------------------------------------------------------------------

const policy = thirtyDayTemporaryPassword
const DAY = 86_400_000

/** The instants of New York's DST changes, 2024–2029. */
const TRANSITIONS = [2024, 2025, 2026, 2027, 2028, 2029].flatMap((y) => {
  const second = (month: number, nth: number) => {
    const first = DateTime.fromObject({ year: y, month, day: 1, hour: 12 }, { zone: ZONE })
    return first.plus({ days: ((7 - first.weekday) % 7) + 7 * (nth - 1) }).set({ hour: 3 })
  }
  return [second(3, 2), second(11, 1)].map((d) => d.toMillis())
})

/**
 * Issue instants anywhere in 2024–2029, and many whose 30-day window contains a
 * DST change, or starts or ends within a few hours of one.
 */
const issueInstant: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 11, 31) }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -31 * DAY, max: 2 * DAY })).map(([t, d]) => t + d),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.constantFrom(0, 30), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 })).map(([t, days, d]) => t - days * DAY + d)
)

/** The zone the caller's `now` happens to be in: any, since instants are compared. */
const nowZone = fc.constantFrom(ZONE, 'UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/London')

/** `now` relative to the expiry: exactly at it, a millisecond either side, or anywhere within 40 days. */
const offsetFromExpiry = fc.oneof(
  fc.constantFrom(0, -1, 1),
  fc.integer({ min: -3_600_000, max: 3_600_000 }),
  fc.integer({ min: -40 * DAY, max: 40 * DAY })
)

/** The calendar date `days` after a (y, m, d), by proleptic Gregorian arithmetic. */
const addDays = (y: number, m: number, d: number, days: number) => {
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() }
}

describe('temporary password validity window', () => {
  test('valid iff now < issue + 30 days: strictly before, never at or after; ensureTemporaryPasswordValid agrees', () => {
    fc.assert(
      fc.property(issueInstant, offsetFromExpiry, nowZone, (issued, offset, zone) => {
        const window = temporaryPasswordWindow(policy, DateTime.fromMillis(issued, { zone: ZONE }))
        const expiry = DateTime.fromISO(window.expiresAt).toMillis()
        const now = DateTime.fromMillis(expiry + offset, { zone })
        const valid = isTemporaryPasswordValid(window, now)
        assert.equal(valid, now.toMillis() < expiry, `issued ${window.issuedAt}, expires ${window.expiresAt}, now ${now.toISO()}`)
        const ensured = ensureTemporaryPasswordValid(window, now)
        if (valid) assert.deepEqual(ensured, E.right(window))
        else {
          assert.ok(E.isLeft(ensured))
          assert.equal(ensured.left.code, 'temporary-password.expired')
          assert.equal(ensured.left.field, 'password')
          assert.ok('expiredAt' in ensured.left && ensured.left.expiredAt === window.expiresAt)
        }
        // at issue, and any time in the first 29 days, it is valid
        assert.ok(isTemporaryPasswordValid(window, DateTime.fromMillis(issued, { zone })))
        assert.ok(isTemporaryPasswordValid(window, DateTime.fromMillis(issued + 29 * DAY, { zone })))
      }),
      { numRuns: 500 }
    )
  })

  test('the window is exactly 30 calendar days in the plan zone: same date + 30, same wall-clock time', () => {
    fc.assert(
      fc.property(issueInstant, (issued) => {
        const at = DateTime.fromMillis(issued, { zone: ZONE })
        const window = temporaryPasswordWindow(policy, at)
        assert.equal(DateTime.fromISO(window.issuedAt).toMillis(), issued, 'issuedAt is the issue instant')
        const expiry = DateTime.fromISO(window.expiresAt, { setZone: true }).setZone(ZONE)
        const target = addDays(at.year, at.month, at.day, 30)
        assert.deepEqual({ year: expiry.year, month: expiry.month, day: expiry.day }, target, `${window.issuedAt} → ${window.expiresAt}`)
        // The target wall-clock time exists unless it falls in the hour skipped in spring; then it moves forward by that hour.
        const wall = { ...target, hour: at.hour, minute: at.minute, second: at.second, millisecond: at.millisecond }
        const candidate = DateTime.fromObject(wall, { zone: ZONE })
        const exists = candidate.hour === at.hour && candidate.minute === at.minute
        const local = (d: DateTime) => [d.hour, d.minute, d.second, d.millisecond]
        if (exists) assert.deepEqual(local(expiry), local(at), `${window.issuedAt} → ${window.expiresAt}: not the same wall-clock time`)
        else assert.deepEqual(local(expiry), [at.hour + 1, at.minute, at.second, at.millisecond], `${window.issuedAt} → ${window.expiresAt} (in the spring gap)`)
        // elapsed time: 720 hours, less or more the hour the clocks moved in between
        const hours = (DateTime.fromISO(window.expiresAt).toMillis() - issued) / 3_600_000
        const shift = (at.offset - expiry.offset) / 60
        assert.equal(hours, exists ? 720 + shift : 720, `${window.issuedAt} → ${window.expiresAt}`)
      }),
      { numRuns: 500 }
    )
  })

  test('across the 2026 DST changes: 719 hours in spring, 721 in autumn; valid a millisecond before expiry, not at it', () => {
    const cases = [
      ['2026-02-20T09:00:00', '2026-03-22T09:00:00.000-04:00', 719],
      ['2026-10-15T09:00:00', '2026-11-14T09:00:00.000-05:00', 721],
      ['2026-11-22T09:00:00', '2026-12-22T09:00:00.000-05:00', 720],
      ['2026-02-06T02:30:00', '2026-03-08T03:30:00.000-04:00', 720] // 02:30 on 8 March 2026 does not exist in New York
    ] as const
    for (const [issue, expected, hours] of cases) {
      const at = DateTime.fromISO(issue, { zone: ZONE })
      const w = temporaryPasswordWindow(policy, at)
      assert.equal(w.expiresAt, expected, issue)
      const expiry = DateTime.fromISO(w.expiresAt)
      assert.equal(expiry.diff(at, 'hours').hours, hours, issue)
      for (const zone of [ZONE, 'UTC', 'Asia/Tokyo']) {
        assert.equal(isTemporaryPasswordValid(w, expiry.minus({ milliseconds: 1 }).setZone(zone)), true, `${issue}: 1 ms before, in ${zone}`)
        assert.equal(isTemporaryPasswordValid(w, expiry.setZone(zone)), false, `${issue}: at expiry, in ${zone}`)
        assert.equal(isTemporaryPasswordValid(w, expiry.plus({ milliseconds: 1 }).setZone(zone)), false, `${issue}: after, in ${zone}`)
      }
    }
  })
})

describe('temporary password characters', () => {
  const limitOf = (n: number) => 256 - (256 % n)

  test('only alphabet characters: exactly the accepted bytes (below the rejection limit) mapped, in order, up to count', () => {
    const limit = limitOf(policy.alphabet.length)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.integer({ min: 0, max: 40 }), (bytes, count) => {
        const out = temporaryPasswordFromBytes(policy, bytes, count)
        const expected = Array.from(bytes)
          .filter((b) => b < limit)
          .map((b) => policy.alphabet[b % policy.alphabet.length])
          .slice(0, count)
          .join('')
        assert.equal(out, expected)
        assert.ok(Array.from(out).every((c) => policy.alphabet.includes(c)))
        assert.equal(temporaryPasswordFromBytes(policy, bytes).length, Math.min(policy.length, Array.from(bytes).filter((b) => b < limit).length))
      })
    )
  })

  test('unbiased: over the bytes below the rejection limit each character appears equally often; bytes at or above it give none', () => {
    const n = policy.alphabet.length
    const limit = limitOf(n)
    assert.equal(new Set(policy.alphabet).size, n, 'the alphabet has no repeated character')
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    const out = temporaryPasswordFromBytes(policy, all, 256)
    assert.equal(out.length, limit)
    const counts = new Map<string, number>()
    for (const c of out) counts.set(c, (counts.get(c) ?? 0) + 1)
    assert.deepEqual([...counts.keys()].sort(), Array.from(policy.alphabet).sort())
    assert.deepEqual(new Set(counts.values()), new Set([limit / n]))
    assert.equal(temporaryPasswordFromBytes(policy, Uint8Array.from({ length: 256 - limit }, (_, i) => limit + i), 256), '')
  })

  test('the same holds for any alphabet of 1 to 256 distinct characters (symbolsFromBytes)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0x21, max: 0x2fff }), { minLength: 1, maxLength: 256 }), (codes) => {
        const alphabet = String.fromCharCode(...codes)
        const limit = limitOf(alphabet.length)
        const out = symbolsFromBytes(Uint8Array.from({ length: 256 }, (_, i) => i), alphabet, 256)
        assert.equal(out.length, limit)
        const counts = new Map<string, number>()
        for (const c of out) counts.set(c, (counts.get(c) ?? 0) + 1)
        assert.equal(counts.size, alphabet.length)
        assert.deepEqual(new Set(counts.values()), new Set([limit / alphabet.length]))
      }),
      { numRuns: 60 }
    )
  })
})

describe('a temporary password drawn by the workflow', () => {
  /** A Random whose bytes cycle through `cycle` (which must hold at least one byte below every limit in use). */
  const cyclingRandom = (cycle: ReadonlyArray<number>): Random => {
    let i = 0
    let uuids = 0
    return {
      bytes: (n) => Uint8Array.from({ length: n }, () => cycle[i++ % cycle.length] as number),
      uuid: () => `aaaaaaaa-bbbb-4ccc-addd-${(++uuids).toString(16).padStart(12, '0')}`
    }
  }

  const policyArb: fc.Arbitrary<TemporaryPasswordPolicy> = fc.oneof(
    fc.constant(policy),
    fc.record({
      validity: fc.integer({ min: 1, max: 60 }).map((d) => Duration.fromObject({ days: d })),
      length: fc.integer({ min: 1, max: 40 }),
      alphabet: fc.uniqueArray(fc.constantFrom(...Array.from('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%*')), { minLength: 2 }).map((cs) => cs.join(''))
    })
  )

  test("always has the policy's length and only its characters, however many random bytes are rejected", async () => {
    await fc.assert(
      fc.asyncProperty(
        policyArb,
        // mostly bytes that every alphabet here rejects (≥ 252), and at least one it accepts
        fc.tuple(fc.array(fc.integer({ min: 252, max: 255 }), { maxLength: 60 }), fc.integer({ min: 0, max: 199 }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 })),
        async (p, [rejected, accepted, more]) => {
          const preset = {
            ...harmony.preset,
            policies: { ...harmony.preset.policies, providers: { ...(harmony.preset.policies.providers as NonNullable<typeof harmony.preset.policies.providers>), temporaryPassword: p } }
          }
          const h = harmonyHarness({ preset, random: cyclingRandom([...rejected, accepted, ...more]) })
          const { temporaryPassword } = await h.register(
            { providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId },
            RIVERSIDE_ABOUT,
            { username: 'GOkafor', securityQuestion: 'first-pet', securityAnswer: 'Biscuit' }
          )
          assert.equal(temporaryPassword.length, p.length, `drew ${JSON.stringify(temporaryPassword)}`)
          assert.ok(Array.from(temporaryPassword).every((c) => p.alphabet.includes(c)))
          // and it is the password: it signs in
          const signedIn = await h.portal.signIn({ username: 'GOkafor', password: temporaryPassword })
          assert.ok(E.isRight(signedIn) && signedIn.right.passwordChangeRequired, JSON.stringify(signedIn))
          assert.equal(temporaryPasswordIn(h.mailer.messages()[0]?.text), temporaryPassword)
        }
      ),
      { numRuns: 25 }
    )
  })
})

describe('testkit: temporary-password arbitrary', () => {
  test("temporaryPasswordOf(policy): the policy's length, its alphabet only", () => {
    fc.assert(
      fc.property(temporaryPasswordOf(thirtyDayTemporaryPassword), (p) => {
        assert.equal(p.length, thirtyDayTemporaryPassword.length)
        assert.ok(Array.from(p).every((c) => thirtyDayTemporaryPassword.alphabet.includes(c)))
      })
    )
  })
})
