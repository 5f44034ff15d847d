/**
 * Harmony's provider web registration.
 *
 * Through the portal (createPortal(harmony.preset, memoryPorts(…)), as in
 * scratch/harmony-smoke.ts): identification never says which of the three
 * fields was wrong; a provider registers once; the e-mailed temporary password
 * signs in only to choose a password of one's own (and is never that
 * password); password recovery by security question shows a stable question
 * for unknown usernames and never tells them apart from known ones.
 *
 * "Tell us about yourself" (validateAboutYou, src/organizations): a valid
 * form always passes, as typed; an invalid one reports every error with its
 * field path (organisation.name, users[i].email…); access areas outside the
 * list are refused; it never throws.
 *
 * The memory adapter's Harmony parts (adapters/memory): provider accounts and
 * registrations are stored as frozen copies with their new fields intact; the
 * provider directory decodes every row, reports each bad row by position, and
 * keeps Tax IDs only as keyed hashes.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { DateTime } from 'luxon'
import { harmony } from '../../src'
import { Account, AccountId } from '../../src/accounts'
import { ProviderId, providerIdParser, usernameKey, zip5 } from '../../src/kernel'
import { ACCESS_AREAS, AboutYouForm, ProviderRegistration, validateAboutYou } from '../../src/organizations'
import { memoryStore, providerDirectoryFromData, ProviderData } from '../../adapters/memory'
import { hmacKeyedHasher, HashKey } from '../../adapters/system'
import {
  accessAreas,
  anyInput,
  caseVariantOf,
  harmonyProviderId,
  registrationReference,
  typedAnswerOf,
  typedIdentifier,
  typedPhoneNumber,
  typedTaxId,
  typedZipCode,
  validAboutYou,
  validEmailAddress,
  validOrganisationName,
  validOrganisationUser,
  validPersonName,
  validPhoneNumber,
  validProviderAccount,
  validSecurityAnswer,
  validTaxId,
  validUsername,
  validZipCode
} from '../../src/testkit'
import { codesOf, harmonyHarness, RIVERSIDE, RIVERSIDE_ABOUT, rightOf } from '../support/harmony-harness'

// -------------------------------------------------------------------------------------
// the workflows, through the portal
// -------------------------------------------------------------------------------------

const QUESTION_IDS = harmony.securityQuestions.map((q) => q.id)

/** A provider of the plan's directory, in canonical form. */
const provider = fc.record({ providerId: harmonyProviderId, zipCode: validZipCode, taxId: validTaxId, name: fc.constantFrom('Riverside Family Practice', 'Bayshore Pediatrics', 'Tampa Heart Group') })

const directory = fc.uniqueArray(provider, { minLength: 1, maxLength: 4, selector: (p) => p.providerId })

type Field = 'providerId' | 'zipCode' | 'taxId'

/**
 * The directory, a target provider, the fields to get wrong (at least one), and
 * the triple as typed: the wrong fields replaced by another provider's value or
 * a fresh one (a ZIP with another zip5, another Tax ID, an ID on nobody's file).
 */
const wrongTriple = directory.chain((providers) =>
  fc
    .tuple(fc.nat({ max: providers.length - 1 }), fc.subarray<Field>(['providerId', 'zipCode', 'taxId'], { minLength: 1 }))
    .chain(([i, wrong]) => {
      const target = providers[i] as (typeof providers)[number]
      const others = providers.filter((_, j) => j !== i)
      const pick = <A>(fresh: fc.Arbitrary<A>, fromOthers: A[]) => (fromOthers.length > 0 ? fc.oneof(fresh, fc.constantFrom(...fromOthers)) : fresh)
      const value = {
        providerId: wrong.includes('providerId')
          ? pick(harmonyProviderId, others.map((p) => p.providerId)).filter((id) => id !== target.providerId)
          : fc.constant(target.providerId),
        zipCode: wrong.includes('zipCode') ? pick(validZipCode, others.map((p) => p.zipCode)).filter((z) => zip5(z) !== zip5(target.zipCode)) : fc.constant(target.zipCode),
        taxId: wrong.includes('taxId') ? pick(validTaxId, others.map((p) => p.taxId)).filter((t) => t !== target.taxId) : fc.constant(target.taxId)
      }
      return fc
        .tuple(value.providerId, value.zipCode, value.taxId)
        .chain(([id, zip, tin]) =>
          fc.record({ providerId: typedIdentifier(id), zipCode: typedZipCode(zip), taxId: typedTaxId(tin) }).map((typed) => ({ providers, wrong, canonical: { id, zip, tin }, typed }))
        )
    })
)

const asData = (p: { providerId: string; zipCode: string; taxId: string; name: string }): ProviderData => ({ ...p })

describe('Harmony: identifying the provider (step 3)', () => {
  test('a well-formed triple that matches nobody is exactly one provider.not-matched with no field, whichever field is wrong', async () => {
    await fc.assert(
      fc.asyncProperty(wrongTriple, async ({ providers, canonical, typed }) => {
        const matches = providers.some((p) => p.providerId === canonical.id && zip5(p.zipCode) === zip5(canonical.zip) && p.taxId === canonical.tin)
        const h = harmonyHarness({ providers: providers.map(asData) })
        const r = await h.portal.providerRegistration.identify({ ...typed })
        if (matches) {
          // another provider on file holds exactly this triple: then it is that provider
          assert.ok(E.isRight(r), JSON.stringify(r))
          return
        }
        assert.ok(E.isLeft(r), `matched ${JSON.stringify(typed)}`)
        assert.equal(r.left.length, 1, JSON.stringify(r.left))
        const e = r.left[0] as (typeof r.left)[number]
        assert.equal(e.code, 'provider.not-matched')
        assert.ok(!('field' in e) || e.field === undefined, `the error names a field: ${JSON.stringify(e)}`)
        assert.equal(h.portal.messageFor(e), harmony.messages['provider.not-matched'])
        assert.equal(JSON.parse(h.store.snapshot()).flows.length, 0, 'no flow was started')
      }),
      { numRuns: 150 }
    )
  })

  test('the right triple, typed any way (any case, dashes, EIN or SSN style, ZIP or ZIP+4), identifies the provider', async () => {
    const rightTriple = directory.chain((providers) =>
      fc.nat({ max: providers.length - 1 }).chain((i) => {
        const target = providers[i] as (typeof providers)[number]
        const plus4 = target.zipCode.length === 5 ? `${target.zipCode}-1234` : target.zipCode.slice(0, 5)
        return fc
          .record({ providerId: typedIdentifier(target.providerId), zipCode: fc.oneof(typedZipCode(target.zipCode), fc.constant(plus4)), taxId: typedTaxId(target.taxId) })
          .map((typed) => ({ providers, target, typed }))
      })
    )
    await fc.assert(
      fc.asyncProperty(rightTriple, async ({ providers, target, typed }) => {
        const h = harmonyHarness({ providers: providers.map(asData) })
        const r = rightOf(await h.portal.providerRegistration.identify(typed), 'identify')
        assert.deepEqual([r.state, r.providerName], ['identified', target.name])
      }),
      { numRuns: 60 }
    )
  })
})

describe('Harmony: a provider registers once', () => {
  test('once registered, identifying the provider again (typed any way) is provider.already-registered', async () => {
    await fc.assert(
      fc.asyncProperty(validAboutYou, validUsername, validSecurityAnswer, typedIdentifier(RIVERSIDE.providerId), typedTaxId('591234567' as never), async (about, username, answer, typedId, typedTin) => {
        const h = harmonyHarness()
        await h.register({ providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId }, about, { username, securityQuestion: 'first-pet', securityAnswer: answer })
        const again = await h.portal.providerRegistration.identify({ providerId: typedId, zipCode: '33602-0001', taxId: typedTin })
        assert.ok(E.isLeft(again))
        assert.deepEqual(again.left.map((e) => [e.code, e.field]), [['provider.already-registered', 'providerId']])
        // and still: a wrong ZIP says nothing about the registration
        assert.deepEqual(codesOf(await h.portal.providerRegistration.identify({ providerId: typedId, zipCode: '33603', taxId: typedTin })), ['provider.not-matched'])
        const found = await h.store.registrations.findByProviderId(RIVERSIDE.providerId as never)()
        assert.ok(E.isRight(found) && O.isSome(found.right))
        assert.deepEqual([found.right.value.organisation, found.right.value.users], [about.organisation, about.users])
      }),
      { numRuns: 10 }
    )
  })

  test('a registration opened before another completed cannot complete it too, and leaves no account behind', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(validUsername, validUsername).filter(([a, b]) => a.toLowerCase() !== b.toLowerCase()),
        validSecurityAnswer,
        async ([first, second], answer) => {
          const h = harmonyHarness()
          const identify = { providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId }
          const a = rightOf(await h.portal.providerRegistration.identify(identify), 'first identify')
          const b = rightOf(await h.portal.providerRegistration.identify(identify), 'second identify (another tab, another person)')
          rightOf(await h.portal.providerRegistration.describe(a.flowId, RIVERSIDE_ABOUT), 'first describe')
          rightOf(await h.portal.providerRegistration.describe(b.flowId, RIVERSIDE_ABOUT), 'second describe')
          rightOf(await h.portal.providerRegistration.createUsername(a.flowId, { username: first, securityQuestion: 'first-pet', securityAnswer: answer }), 'first create')
          const late = await h.portal.providerRegistration.createUsername(b.flowId, { username: second, securityQuestion: 'first-pet', securityAnswer: answer })
          assert.deepEqual(codesOf(late), ['provider.already-registered'])
          const orphan = await h.store.accounts.findByUsername(usernameKey(second))()
          assert.ok(E.isRight(orphan))
          assert.ok(
            O.isNone(orphan.right),
            `the refused registration left an account behind: ${JSON.stringify(O.toNullable(orphan.right), ['username', 'relationship', 'kind', 'providerId', 'registrationId', 'temporaryPassword', 'expiresAt', 'challenge', 'questionId'])}`
          )
          assert.equal(h.mailer.messages().length, 1, 'only the first registrant was e-mailed a temporary password')
          // the security answer must not turn the refused registration into a working provider account
          assert.deepEqual(codesOf(await h.portal.passwordRecovery.answer({ username: second, securityAnswer: answer })), ['challenge.incorrect'])
        }
      ),
      { numRuns: 5, includeErrorInReport: true }
    )
  })
})

describe('Harmony: the temporary password', () => {
  /** Passwords of one's own under NIST (15 or more characters), never containing the username. */
  const ownPassword = fc.stringMatching(/^[a-z]{4,9} [a-z]{4,9} [a-z]{4,9} [0-9]{2,4}$/)

  test("signs in with passwordChangeRequired until a password of one's own is chosen; choosing the temporary password itself is refused", async () => {
    await fc.assert(
      fc.asyncProperty(validUsername, validSecurityAnswer, ownPassword, fc.integer({ min: 0, max: 29 * 24 * 60 }), async (username, answer, mine, minutes) => {
        fc.pre(!mine.toLowerCase().includes(username.toLowerCase()))
        const h = harmonyHarness()
        const { temporaryPassword: temp, confirmation } = await h.register(
          { providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId },
          RIVERSIDE_ABOUT,
          { username, securityQuestion: 'first-car', securityAnswer: answer }
        )
        assert.match(confirmation.registrationReference, /^HWR-[A-HJ-NP-Z2-9]{8}$/)
        assert.equal(temp.length, harmony.preset.policies.providers?.temporaryPassword.length)
        for (let i = 0; i < 2; i++) {
          const s = rightOf(await h.portal.signIn({ username: username.toUpperCase(), password: temp }), 'sign-in with the temporary password')
          assert.deepEqual([s.passwordChangeRequired, s.relationship, s.providerId], [true, 'provider', RIVERSIDE.providerId])
        }
        h.clock.advance({ minutes })
        const same = await h.portal.chooseOwnPassword({ username, currentPassword: temp, newPassword: temp, confirmNewPassword: temp })
        assert.ok(E.isLeft(same))
        assert.deepEqual(same.left.map((e) => [e.code, e.field]), [['password.same-as-temporary', 'newPassword']])
        assert.equal(rightOf(await h.portal.signIn({ username, password: temp }), 'still the temporary password').passwordChangeRequired, true)
        rightOf(await h.portal.chooseOwnPassword({ username, currentPassword: temp, newPassword: mine, confirmNewPassword: mine }), 'choose own password')
        const s = rightOf(await h.portal.signIn({ username, password: mine }), 'sign-in with own password')
        assert.equal(s.passwordChangeRequired, false)
        assert.deepEqual(codesOf(await h.portal.signIn({ username, password: temp })), ['sign-in.invalid-credentials'])
      }),
      { numRuns: 8 }
    )
  })

  test('no temporary password, the current one or an earlier one within its 30 days, can ever become the long-term one (ASVS 6.4.1)', async () => {
    await fc.assert(
      fc.asyncProperty(validUsername, validSecurityAnswer, ownPassword, ownPassword, fc.integer({ min: 0, max: 29 * 24 * 60 }), async (username, answer, mine, later, minutes) => {
        fc.pre(![mine, later].some((p) => p.toLowerCase().includes(username.toLowerCase())) && mine !== later)
        const h = harmonyHarness()
        const { temporaryPassword: first } = await h.register(
          { providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId },
          RIVERSIDE_ABOUT,
          { username, securityQuestion: 'first-car', securityAnswer: answer }
        )
        const change = (currentPassword: string, newPassword: string) =>
          h.portal.chooseOwnPassword({ username, currentPassword, newPassword, confirmNewPassword: newPassword })
        const refusal = [['password.same-as-temporary', 'newPassword']]
        rightOf(await change(first, mine), 'choose own password')
        h.clock.advance({ minutes })
        // The leak: back to the e-mailed temporary password, which would then sign in asking for no change.
        const back = await change(mine, first)
        assert.ok(E.isLeft(back), 'changing back to the temporary password was accepted')
        assert.deepEqual(back.left.map((e) => [e.code, e.field]), refusal)
        assert.equal(rightOf(await h.portal.signIn({ username, password: mine }), 'own password still works').passwordChangeRequired, false)
        // After recovery both the new temporary password and the earlier one (still within its 30 days) are refused.
        rightOf(await h.portal.passwordRecovery.answer({ username, securityAnswer: answer }), 'recovery')
        const second = h.lastTemporaryPassword(RIVERSIDE_ABOUT.users[0]!.email)
        for (const temporary of [first, second]) {
          const chosen = await change(second, temporary)
          assert.ok(E.isLeft(chosen), 'a temporary password was accepted as one of her own')
          assert.deepEqual(chosen.left.map((e) => [e.code, e.field]), refusal)
        }
        rightOf(await change(second, later), 'choose own password after recovery')
        const account = await h.ports.accounts.findByUsername(usernameKey(username as never))()
        assert.ok(E.isRight(account) && O.isSome(account.right))
        assert.equal(account.right.value.issuedTemporaryPasswords.length, 2, 'both are remembered, as keyed hashes')
      }),
      { numRuns: 6, includeErrorInReport: true }
    )
  })

  test('an issued temporary password is forgotten once past its 30 days: then the text is just a password like any other', async () => {
    const h = harmonyHarness()
    const { temporaryPassword: first } = await h.register(
      { providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId },
      RIVERSIDE_ABOUT,
      { username: 'GOkafor', securityQuestion: 'first-pet', securityAnswer: 'Biscuit' }
    )
    const change = (currentPassword: string, newPassword: string) =>
      h.portal.chooseOwnPassword({ username: 'GOkafor', currentPassword, newPassword, confirmNewPassword: newPassword })
    rightOf(await change(first, 'sunrise over tampa bay'), 'choose own password')
    h.clock.advance({ days: 30, milliseconds: -1 })
    assert.deepEqual(codesOf(await change('sunrise over tampa bay', first)), ['password.same-as-temporary'])
    h.clock.advance({ milliseconds: 1 })
    rightOf(await change('sunrise over tampa bay', 'harbour lights at dusk'), 'a later change')
    const account = await h.ports.accounts.findByUsername(usernameKey('GOkafor' as never))()
    assert.ok(E.isRight(account) && O.isSome(account.right))
    assert.deepEqual(account.right.value.issuedTemporaryPasswords, [], 'pruned once expired')
  })

  test('it stops working 30 days after it was issued: a millisecond before is fine, at 30 days it points to "Forgot Your Password?"', async () => {
    const h = harmonyHarness()
    const { temporaryPassword: temp } = await h.register(
      { providerId: 'hp-001234', zipCode: '33602-1234', taxId: '591-23-4567' },
      RIVERSIDE_ABOUT,
      { username: 'GOkafor', securityQuestion: 'first-pet', securityAnswer: '  Biscuit ' }
    )
    h.clock.advance({ days: 30, milliseconds: -1 })
    assert.equal(rightOf(await h.portal.signIn({ username: 'gokafor', password: temp })).passwordChangeRequired, true)
    h.clock.advance({ milliseconds: 1 })
    const expired = await h.portal.signIn({ username: 'gokafor', password: temp })
    assert.deepEqual(codesOf(expired), ['temporary-password.expired'])
    assert.ok(E.isLeft(expired))
    assert.match(h.portal.messageFor(expired.left[0] as (typeof expired.left)[number]), /Forgot Your Password\?/)
    const mine = 'riverside clinic harbor 2026'
    assert.deepEqual(codesOf(await h.portal.chooseOwnPassword({ username: 'GOkafor', currentPassword: temp, newPassword: mine, confirmNewPassword: mine })), [
      'temporary-password.expired'
    ])
  })
})

describe('Harmony: "Forgot Your Password?" with the security question', () => {
  test("an unknown username gets the same question on every call, in any letter case, and it is one of the plan's", async () => {
    const h = harmonyHarness()
    await h.register({ providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId }, RIVERSIDE_ABOUT, {
      username: 'GOkafor',
      securityQuestion: 'favourite-teacher',
      securityAnswer: 'Mrs Alvarez'
    })
    assert.equal(rightOf(await h.portal.passwordRecovery.question('gokafor')).id, 'favourite-teacher')
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(validUsername.chain((u) => fc.tuple(fc.constant(u), caseVariantOf(u))), async ([name, variant]) => {
        fc.pre(name.toLowerCase() !== 'gokafor')
        const asked = await Promise.all([name, name, variant, ` ${name} `].map((n) => h.portal.passwordRecovery.question(n)))
        const first = rightOf(asked[0] as (typeof asked)[number], 'question')
        assert.ok(harmony.securityQuestions.some((q) => q.id === first.id && q.text === first.text), JSON.stringify(first))
        for (const a of asked) assert.deepEqual(a, E.right(first), name)
        seen.add(first.id)
      }),
      { numRuns: 150 }
    )
    // the decoy is spread over the plan's list (so it does not single out unknown usernames)
    assert.deepEqual([...seen].sort(), [...QUESTION_IDS].sort())
  })

  test('the right answer, typed any way, e-mails a fresh temporary password; wrong answers lock recovery for 30 minutes after five', async () => {
    await fc.assert(
      fc.asyncProperty(validSecurityAnswer.chain((a) => fc.tuple(fc.constant(a), typedAnswerOf(a), typedAnswerOf(a))), async ([answer, typedAtRegistration, typedLater]) => {
        const h = harmonyHarness()
        const email = RIVERSIDE_ABOUT.users[0]?.email as string
        const { temporaryPassword: first } = await h.register({ providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId }, RIVERSIDE_ABOUT, {
          username: 'GOkafor',
          securityQuestion: 'birth-city',
          securityAnswer: typedAtRegistration
        })
        for (let i = 1; i <= 5; i++)
          assert.deepEqual(codesOf(await h.portal.passwordRecovery.answer({ username: 'GOkafor', securityAnswer: `${answer} not` })), [
            i < 5 ? 'challenge.incorrect' : 'challenge.throttled'
          ])
        assert.deepEqual(codesOf(await h.portal.passwordRecovery.answer({ username: 'gokafor', securityAnswer: typedLater })), ['challenge.throttled'])
        h.clock.advance({ minutes: 30 })
        const sent = rightOf(await h.portal.passwordRecovery.answer({ username: 'gokafor', securityAnswer: typedLater }), 'recovery')
        assert.equal(sent.sentTo, email)
        const second = h.lastTemporaryPassword(email)
        assert.notEqual(second, first)
        assert.equal(rightOf(await h.portal.signIn({ username: 'GOkafor', password: second })).passwordChangeRequired, true)
        assert.deepEqual(codesOf(await h.portal.signIn({ username: 'GOkafor', password: first })), ['sign-in.invalid-credentials'])
      }),
      { numRuns: 6 }
    )
  })

  test('the answer given at registration works in another letter case, awkward letters included (ẞ/ß, Greek with dialytika and tonos)', async () => {
    const pairs = [
      ['Straße Nord', 'STRAẞE NORD'],
      ['STRAẞE NORD', 'straße nord'],
      ['Προϊόν ΐ', 'ΠΡΟΪΌΝ Ϊ́'],
      ['ΰ ΐ', 'Ϋ́ Ϊ́'],
      ['  Mr\tBiscuit ', 'MR BISCUIT']
    ] as const
    for (const [atRegistration, later] of pairs) {
      const h = harmonyHarness()
      await h.register({ providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId }, RIVERSIDE_ABOUT, {
        username: 'GOkafor',
        securityQuestion: 'birth-city',
        securityAnswer: atRegistration
      })
      rightOf(await h.portal.passwordRecovery.answer({ username: 'GOkafor', securityAnswer: later }), `${JSON.stringify(atRegistration)} then ${JSON.stringify(later)}`)
    }
  })

  test('wrong answers for an unknown username get the same answers, in the same order, as for a known one', async () => {
    await fc.assert(
      fc.asyncProperty(validUsername, validSecurityAnswer, async (unknown, wrong) => {
        fc.pre(unknown.toLowerCase() !== 'gokafor')
        const h = harmonyHarness()
        await h.register({ providerId: RIVERSIDE.providerId, zipCode: RIVERSIDE.zipCode, taxId: RIVERSIDE.taxId }, RIVERSIDE_ABOUT, {
          username: 'GOkafor',
          securityQuestion: 'first-pet',
          securityAnswer: 'Biscuit'
        })
        fc.pre(wrong !== 'biscuit')
        const replies = async (username: string) => {
          const out: string[] = []
          for (let i = 0; i < 7; i++) out.push(...codesOf(await h.portal.passwordRecovery.answer({ username, securityAnswer: wrong })).map((c) => h.portal.messageFor({ code: c } as never)))
          return out
        }
        assert.deepEqual(await replies(unknown), await replies('GOkafor'), 'the replies tell an unknown username from a known one')
      }),
      { numRuns: 3, includeErrorInReport: true }
    )
  })
})

// -------------------------------------------------------------------------------------
// "Tell us about yourself" (validateAboutYou)
// -------------------------------------------------------------------------------------

const fieldsOf = (r: E.Either<ReadonlyArray<{ field?: string }>, unknown>): string[] => (E.isLeft(r) ? r.left.map((e) => e.field ?? '(none)').sort() : [])

const spaces = fc.constantFrom('', ' ', '  ', '\t')

/** The access areas as a form may send them: a list, or text such as "claims, eligibility and payments". */
const typedAccess = (areas: ReadonlyArray<string>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.shuffledSubarray([...areas], { minLength: areas.length, maxLength: areas.length }),
    fc.constant(areas.length === 1 ? areas[0] : `${areas.slice(0, -1).join(', ')} and ${areas[areas.length - 1]}`),
    fc.constant(areas.join(',')),
    fc.constant([...areas, ...areas]) // ticked twice
  )

const USER_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'access'] as const
type UserField = (typeof USER_FIELDS)[number]

/** A value that breaks the field's rule. */
const bad: Record<UserField | 'name' | 'orgPhone', fc.Arbitrary<unknown>> = {
  firstName: fc.constantFrom(undefined, '', '  ', 'J4ne', '-Jane', 42, 'x'.repeat(51)),
  lastName: fc.constantFrom(undefined, null, '', "O'N3il", '.', ['Doe'], 'y'.repeat(60)),
  email: fc.constantFrom(undefined, '', 'grace', 'grace@', '@riversidefp.com', 'grace@riversidefp', 'grace@@riversidefp.com', 7),
  phone: fc.constantFrom(undefined, '', '555-0134', '(911) 555-0134', '(215) 411-0134', '(295) 555-0134', '215-555-013', 'call me', 2155550134),
  access: fc.constantFrom(undefined, [], '', ['billing'], ['claims', 'x-rays'], 'claims, billing', ['Claims'], ['claims '], [1], { claims: true }, 'everything'),
  name: fc.constantFrom(undefined, '', '   ', 12, 'R'.repeat(101), `${'Riverside '.repeat(10)}X`),
  orgPhone: fc.constantFrom(undefined, '', '813-555-014', '(813) 211-0142', '(193) 555-0142', '+44 20 7946 0958')
}

const goodUser: Record<UserField, fc.Arbitrary<unknown>> = {
  firstName: validPersonName,
  lastName: validPersonName,
  email: validEmailAddress,
  phone: validPhoneNumber.chain(typedPhoneNumber),
  access: accessAreas.chain(typedAccess)
}

/** A user whose fields are each valid or not; returns the user as typed and the fields that are wrong. */
const userCase = fc
  .record({ firstName: fc.boolean(), lastName: fc.boolean(), email: fc.boolean(), phone: fc.boolean(), access: fc.boolean() })
  .chain((wrong) =>
    fc
      .tuple(...USER_FIELDS.map((k) => (wrong[k] ? bad[k] : goodUser[k])))
      .map((values) => ({ user: Object.fromEntries(USER_FIELDS.map((k, i) => [k, values[i]]).filter(([, v]) => v !== undefined)), wrong: USER_FIELDS.filter((k) => wrong[k]) }))
  )

describe('validateAboutYou', () => {
  test('a valid form always passes, however it is typed (spacing, phone punctuation, access as list or text), and comes back canonical', () => {
    fc.assert(
      fc.property(
        validAboutYou.chain((about) =>
          fc.tuple(
            fc.constant(about),
            fc.tuple(spaces, spaces, fc.constantFrom(' ', '  ', '\t', ' \u00a0')).map(([a, b, inner]) => a + about.organisation.name.split(' ').join(inner) + b),
            typedPhoneNumber(about.organisation.phone),
            fc.tuple(...about.users.map((u) => fc.tuple(typedPhoneNumber(u.phone), typedAccess(u.access), spaces)))
          )
        ),
        ([about, name, phone, typedUsers]) => {
          const form: AboutYouForm = {
            organisation: { name, phone },
            users: about.users.map((u, i) => {
              const [p, access, pad] = typedUsers[i] as [string, unknown, string]
              return { firstName: pad + u.firstName + pad, lastName: u.lastName, email: `${pad}${u.email}`, phone: p, access }
            })
          }
          assert.deepEqual(validateAboutYou(form), E.right(about))
        }
      )
    )
  })

  test('collects every error, each with its field path: organisation.name, organisation.phone, users[i].<field>', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.array(userCase, { minLength: 1, maxLength: 4 }),
        validOrganisationName,
        validPhoneNumber,
        bad.name,
        bad.orgPhone,
        (nameWrong, phoneWrong, users, goodName, goodPhone, badName, badPhone) => {
          const form = {
            organisation: { name: nameWrong ? badName : goodName, phone: phoneWrong ? badPhone : goodPhone },
            users: users.map((u) => u.user)
          }
          const expected = [
            ...(nameWrong ? ['organisation.name'] : []),
            ...(phoneWrong ? ['organisation.phone'] : []),
            ...users.flatMap((u, i) => u.wrong.map((k) => `users[${i}].${k}`))
          ].sort()
          const r = validateAboutYou(form)
          assert.deepEqual(fieldsOf(r), expected, JSON.stringify(form))
          if (E.isLeft(r)) for (const e of r.left) assert.ok(e.code.startsWith('field.') && e.rule.length > 0, JSON.stringify(e))
        }
      ),
      { numRuns: 300 }
    )
  })

  test('access areas outside the list are refused, alone or among good ones; the areas kept are in the list order, once each', () => {
    const unknownArea = fc.oneof(fc.constantFrom('billing', 'Claims', 'CLAIMS', 'claim', 'prior authorizations', 'referrals', 'claims '), fc.stringMatching(/^[a-z-]{1,12}$/))
    fc.assert(
      fc.property(validOrganisationUser, fc.array(fc.constantFrom(...ACCESS_AREAS)), fc.array(unknownArea, { maxLength: 3 }), fc.boolean(), (user, known, unknown, asText) => {
        const ticked = [...known, ...unknown]
        const access = asText ? ticked.join(', ') : ticked
        // as text, the items are the words between commas and blanks, the word "and" left out
        const list = asText ? ticked.join(', ').split(/[\s,]+/).filter((w) => w !== 'and') : ticked
        const outside = list.filter((a) => a !== '' && !(ACCESS_AREAS as ReadonlyArray<string>).includes(a))
        const r = validateAboutYou({ organisation: { name: 'Riverside Family Practice', phone: '8135550142' }, users: [{ ...user, access }] })
        if (list.filter((a) => a !== '').length === 0) assert.deepEqual(E.isLeft(r) && r.left.map((e) => [e.field, e.code]), [['users[0].access', 'field.required']])
        else if (outside.length > 0) {
          assert.ok(E.isLeft(r), `accepted ${JSON.stringify(access)}`)
          assert.deepEqual(r.left.map((e) => [e.field, e.code]), [['users[0].access', 'field.invalid']])
        } else {
          assert.ok(E.isRight(r), JSON.stringify(r))
          assert.deepEqual(r.right.users[0]?.access, ACCESS_AREAS.filter((a) => list.includes(a)))
        }
      }),
      { numRuns: 300 }
    )
  })

  test('users: none, or not a list, is users required; more than 25 is too many; a user that is not an object misses every field', () => {
    const org = { name: 'Riverside Family Practice', phone: '813-555-0142' }
    for (const users of [undefined, [], 'Grace', {}, null])
      assert.deepEqual(fieldsOf(validateAboutYou({ organisation: org, users })), ['users'], JSON.stringify(users))
    fc.assert(
      fc.property(fc.array(validOrganisationUser, { minLength: 26, maxLength: 30 }), (users) => {
        const r = validateAboutYou({ organisation: org, users })
        assert.ok(E.isLeft(r))
        assert.deepEqual(r.left.map((e) => [e.field, e.code]), [['users', 'list.too-long']])
      }),
      { numRuns: 5 }
    )
    fc.assert(
      fc.property(fc.array(validOrganisationUser, { minLength: 25, maxLength: 25 }), (users) => {
        assert.ok(E.isRight(validateAboutYou({ organisation: org, users })))
      }),
      { numRuns: 5 }
    )
    const r = validateAboutYou({ organisation: org, users: [7] })
    assert.deepEqual(fieldsOf(r), USER_FIELDS.map((k) => `users[0].${k}`).sort())
  })

  test('never throws on anything; a left always names fields', () => {
    fc.assert(
      fc.property(
        fc.record({ organisation: fc.oneof(anyInput, fc.record({ name: anyInput, phone: anyInput }, { requiredKeys: [] })), users: fc.oneof(anyInput, fc.array(anyInput, { maxLength: 3 })) }, { requiredKeys: [] }),
        (form) => {
          let r: ReturnType<typeof validateAboutYou>
          try {
            r = validateAboutYou(form as AboutYouForm)
          } catch (cause) {
            assert.fail(`threw on ${fc.stringify(form)}: ${String(cause)}`)
          }
          if (E.isLeft(r)) for (const e of r.left) assert.ok(typeof e.field === 'string' && e.field.length > 0, JSON.stringify(e))
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('testkit: validAboutYou agrees with validateAboutYou', () => {
  test('validAboutYou: validateAboutYou returns it unchanged', () => {
    fc.assert(
      fc.property(validAboutYou, (about) => {
        assert.deepEqual(validateAboutYou(about), E.right(about))
      })
    )
  })
})

// -------------------------------------------------------------------------------------
// the memory adapter's provider accounts, registrations and directory
// -------------------------------------------------------------------------------------

const keyed = hmacKeyedHasher(new Uint8Array(32).fill(9) as HashKey)
const codeOf = (r: E.Either<{ code: string }, unknown>): string => (E.isLeft(r) ? r.left.code : 'ok')

const registrationFor = (account: Account, about: { organisation: ProviderRegistration['organisation']; users: ProviderRegistration['users'] }, id: string): ProviderRegistration => ({
  id,
  providerId: (account.relationship as { providerId: ProviderId }).providerId,
  providerName: 'Riverside Family Practice',
  accountId: account.id,
  organisation: about.organisation,
  users: about.users,
  registeredAt: account.createdAt,
  version: 0
})

describe('memory store: provider accounts and registrations', () => {
  test("a provider's account round-trips with no date of birth, its relationship, temporary password and challenge, frozen", async () => {
    await fc.assert(
      fc.asyncProperty(validProviderAccount(), async (account) => {
        const store = memoryStore()
        const stored = await store.accounts.insert(account)()
        assert.ok(E.isRight(stored))
        assert.deepEqual(stored.right, { ...account, version: 1 })
        for (const part of [stored.right, stored.right.relationship, stored.right.challenge, stored.right.temporaryPassword ?? Object.freeze({})]) assert.ok(Object.isFrozen(part))
        const byName = await store.accounts.findByUsername(account.usernameKey)()
        assert.ok(E.isRight(byName) && O.isSome(byName.right))
        assert.deepEqual(byName.right.value, stored.right)
        // a later change of the challenge and the temporary password is kept
        const changed: Account = { ...stored.right, temporaryPassword: null, challenge: { ...(stored.right.challenge as NonNullable<Account['challenge']>), failedAnswers: 3 } }
        const updated = await store.accounts.update(changed)()
        assert.ok(E.isRight(updated))
        assert.deepEqual(updated.right, { ...changed, version: 2 })
      }),
      { numRuns: 50 }
    )
  })

  test('a registration is stored at version 1 as a frozen copy; one per Provider ID; found by it', async () => {
    await fc.assert(
      fc.asyncProperty(validProviderAccount(), validAboutYou, registrationReference, registrationReference, async (account, about, ref, otherRef) => {
        fc.pre(ref !== otherRef)
        const store = memoryStore()
        const input = structuredClone(registrationFor(account, about, ref)) as ProviderRegistration & { users: ProviderRegistration['users'][number][] }
        const stored = await store.registrations.insert(input)()
        assert.ok(E.isRight(stored))
        assert.deepEqual(stored.right, { ...registrationFor(account, about, ref), version: 1 })
        assert.ok(Object.isFrozen(stored.right.users) && Object.isFrozen(stored.right.organisation) && stored.right.users.every(Object.isFrozen))
        input.users.pop()
        const found = await store.registrations.findByProviderId(input.providerId)()
        assert.ok(E.isRight(found) && O.isSome(found.right))
        assert.equal(found.right.value.users.length, about.users.length, 'changing the input afterwards changes nothing stored')
        assert.equal(codeOf(await store.registrations.insert({ ...registrationFor(account, about, otherRef), accountId: 'another' as AccountId })()), 'provider.already-registered')
        assert.equal(codeOf(await store.registrations.insert({ ...registrationFor(account, about, ref), providerId: 'OTHER001' as ProviderId })()), 'storage.conflict')
        const snapshot = JSON.parse(store.snapshot()) as { registrations: unknown[] }
        assert.equal(snapshot.registrations.length, 1)
      }),
      { numRuns: 50 }
    )
  })
})

describe('memory provider directory (providerDirectoryFromData)', () => {
  const row = fc.record({ providerId: harmonyProviderId, zipCode: validZipCode, taxId: validTaxId, name: fc.constantFrom('Riverside Family Practice', 'Bayshore Pediatrics') })

  test('rows typed any way load; each provider is found by its canonical ID, its Tax ID only as the keyed hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(row, { minLength: 1, maxLength: 5, selector: (r) => r.providerId }).chain((rows) =>
          fc.tuple(fc.constant(rows), fc.tuple(...rows.map((r) => fc.tuple(typedIdentifier(r.providerId), typedZipCode(r.zipCode), typedTaxId(r.taxId)))))
        ),
        async ([rows, typed]) => {
          const data = rows.map((r, i) => {
            const [id, zip, tin] = typed[i] as [string, string, string]
            return { providerId: id, zipCode: zip, taxId: tin, name: r.name }
          })
          const dir = providerDirectoryFromData(data, harmony.providerIdFormat, keyed)
          assert.ok(E.isRight(dir), JSON.stringify(dir))
          for (const r of rows) {
            const found = await dir.right.findProvider(r.providerId)()
            assert.ok(E.isRight(found) && O.isSome(found.right))
            assert.deepEqual(found.right.value, { providerId: r.providerId, name: r.name, zipCode: r.zipCode, taxIdHash: keyed.digest('tax-id', r.taxId), npi: null, vendorNumber: null, address: null })
            assert.ok(!JSON.stringify(found.right.value).includes(r.taxId))
          }
        }
      ),
      { numRuns: 60 }
    )
  })

  test('every bad row is reported with its position and field; nothing loads', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ providerId: fc.boolean(), zipCode: fc.boolean(), taxId: fc.boolean(), name: fc.boolean() }),
          { minLength: 1, maxLength: 5 }
        ),
        (badness) => {
          const data = badness.map((b) => ({
            providerId: b.providerId ? 'HP-1' : 'HP001234',
            zipCode: b.zipCode ? '3360' : '33602',
            taxId: b.taxId ? '00-0000000' : '59-1234567',
            name: b.name ? '  ' : 'Riverside Family Practice'
          }))
          const expected = badness.flatMap((b, i) => (['providerId', 'name', 'zipCode', 'taxId'] as const).filter((k) => b[k]).map((k) => `providers[${i}].${k}`))
          const dir = providerDirectoryFromData(data, harmony.providerIdFormat, keyed)
          if (expected.length === 0) assert.ok(E.isRight(dir))
          else {
            assert.ok(E.isLeft(dir))
            assert.deepEqual(dir.left.map((e) => e.field).sort(), [...expected].sort())
          }
        }
      )
    )
  })
})

describe('testkit: validProviderAccount', () => {
  const parseProviderId = providerIdParser(harmony.providerIdFormat)
  test('validProviderAccount: a provider relationship in Harmony formats, no date of birth, a fresh challenge, a 30-day window when it has one', () => {
    fc.assert(
      fc.property(validProviderAccount(), registrationReference, (a, ref) => {
        assert.match(ref, /^HWR-[A-HJ-NP-Z2-9]{8}$/)
        assert.equal(a.dateOfBirth, null)
        assert.equal(a.version, 0)
        assert.ok(a.relationship.kind === 'provider')
        assert.deepEqual(parseProviderId(a.relationship.providerId), E.right(a.relationship.providerId))
        assert.match(a.relationship.registrationId, /^HWR-[A-HJ-NP-Z2-9]{8}$/)
        assert.ok(a.challenge !== null && harmony.securityQuestions.some((q) => q.id === a.challenge?.questionId))
        assert.deepEqual([a.challenge.failedAnswers, a.challenge.lockedUntil], [0, null])
        if (a.temporaryPassword !== null) {
          const issued = DateTime.fromISO(a.temporaryPassword.issuedAt, { zone: 'America/New_York' })
          assert.equal(DateTime.fromISO(a.temporaryPassword.expiresAt).toMillis(), issued.plus({ days: 30 }).toMillis())
        }
      })
    )
  })
})
