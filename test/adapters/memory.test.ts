/**
 * The in-memory adapters (adapters/memory): versioned tables with optimistic
 * concurrency and a case-insensitive unique username, the member directory,
 * the outbox and the manual clock.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { DateTime } from 'luxon'
import { Account, AccountId } from '../../src/accounts/account'
import { Flow, FlowId } from '../../src/accounts/flow'
import { startSignUp } from '../../src/accounts/sign-up/flow'
import { emptyLedger } from '../../src/credentials'
import { harmony, hpp } from '../../src'
import { KeyedHash } from '../../src/ports/keyed-hasher'
import { DomainError } from '../../src/kernel/errors'
import { manualClock, memberDirectoryFromData, memoryStore, outboxMailer } from '../../adapters/memory'
import { HashKey, hmacKeyedHasher } from '../../adapters/system'
import { verificationCodeEmail } from '../../src/portals/hpp'
import {
  b2cStrongPassword,
  caseVariantOf,
  fakePasswordHash,
  hppMemberId,
  hppRepresentativeId,
  typedIdentifier,
  validAccount,
  validDateOfBirth,
  validEmailAddress,
  validPersonName,
  validUsername
} from '../../src/testkit'
import { codesOf, hppHarness, rightOf, TODAY } from '../support/hpp-harness'
import { harmonyHarness, RIVERSIDE, RIVERSIDE_ABOUT } from '../support/harmony-harness'

const NOW = DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' })
const keyed = hmacKeyedHasher(new Uint8Array(32).fill(3) as HashKey)
const run = <A>(task: () => Promise<E.Either<DomainError, A>>) => task()
const errorCode = (r: E.Either<{ code: string }, unknown>): string => (E.isLeft(r) ? r.left.code : 'ok')

describe('memory Table semantics (through memoryStore())', () => {
  test('insert stores version 1; update with a stale version is a storage.conflict; a current one stores version + 1', async () => {
    await fc.assert(
      fc.asyncProperty(validAccount(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: -3, max: 3 }), async (account, updates, skew) => {
        const store = memoryStore()
        const inserted = await run(store.accounts.insert(account))
        assert.ok(E.isRight(inserted))
        assert.equal(inserted.right.version, 1)
        // the row as the caller held it before the insert (version 0) is already stale
        assert.equal(errorCode(await run(store.accounts.update(account))), 'storage.conflict')
        let current = inserted.right
        for (let i = 0; i < updates; i++) {
          const r = await run(store.accounts.update({ ...current, signIn: { consecutiveFailures: i + 1, lockedUntil: null } }))
          assert.ok(E.isRight(r))
          assert.equal(r.right.version, current.version + 1)
          // the copy we held is stale now
          assert.equal(errorCode(await run(store.accounts.update(current))), 'storage.conflict')
          current = r.right
        }
        if (skew !== 0) assert.equal(errorCode(await run(store.accounts.update({ ...current, version: current.version + skew }))), 'storage.conflict')
        const found = await run(store.accounts.findById(account.id))
        assert.ok(E.isRight(found) && O.isSome(found.right))
        assert.deepEqual(found.right.value, current)
      })
    )
  })

  test('the same holds for flows and code ledgers; updating a row never inserted is a conflict', async () => {
    await fc.assert(
      fc.asyncProperty(validUsername, validEmailAddress, fakePasswordHash, fc.uuid(), async (username, email, hash, id) => {
        const store = memoryStore()
        const flow: Flow = startSignUp(NOW, id as FlowId, hpp.preset.policies.flowLifetime, { username, email, password: 'x' as never }, hash)
        assert.equal(errorCode(await run(store.flows.update({ ...flow, version: 1 }))), 'storage.conflict')
        const f1 = await run(store.flows.insert(flow))
        assert.ok(E.isRight(f1) && f1.right.version === 1)
        assert.equal(errorCode(await run(store.flows.insert(flow))), 'storage.conflict')
        assert.equal(errorCode(await run(store.flows.update(flow))), 'storage.conflict')
        assert.equal(errorCode(await run(store.flows.update(f1.right))), 'ok')
        assert.equal(errorCode(await run(store.flows.update(f1.right))), 'storage.conflict')

        const ledger = emptyLedger('sign-up', keyed.digest('email-address', email.toLowerCase()), NOW)
        const l1 = await run(store.codeLedgers.insert(ledger))
        assert.ok(E.isRight(l1) && l1.right.version === 1)
        assert.equal(errorCode(await run(store.codeLedgers.update(ledger))), 'storage.conflict')
        assert.equal(errorCode(await run(store.codeLedgers.update(l1.right))), 'ok')
        assert.equal(errorCode(await run(store.codeLedgers.update(l1.right))), 'storage.conflict')
        // the same address under another purpose is another ledger
        assert.equal(errorCode(await run(store.codeLedgers.insert({ ...ledger, purpose: 'password-reset' }))), 'ok')
      })
    )
  })

  test('two accounts whose usernames differ only in case conflict with username.taken', async () => {
    await fc.assert(
      fc.asyncProperty(
        validAccount(),
        validAccount(),
        validUsername.chain((u) => fc.tuple(fc.constant(u), caseVariantOf(u))),
        async (a, b, [name, variant]) => {
          fc.pre(a.id !== b.id)
          const store = memoryStore()
          const first: Account = { ...a, username: name, usernameKey: name.toLowerCase() as Account['usernameKey'] }
          const second: Account = { ...b, username: variant as Account['username'], usernameKey: variant.toLowerCase() as Account['usernameKey'] }
          assert.equal(errorCode(await run(store.accounts.insert(first))), 'ok')
          const r = await run(store.accounts.insert(second))
          assert.equal(errorCode(r), 'username.taken')
          assert.ok(E.isLeft(r) && r.left.field === 'username')
          const byName = await run(store.accounts.findByUsername(second.usernameKey))
          assert.ok(E.isRight(byName) && O.isSome(byName.right) && byName.right.value.id === first.id)
          const byId = await run(store.accounts.findById(second.id))
          assert.ok(E.isRight(byId) && O.isNone(byId.right))
        }
      )
    )
  })

  test('a sequence of inserts, updates and lookups behaves like a map of versions with a unique username key', async () => {
    type Op = { kind: 'insert' | 'update' | 'find'; who: number; versionSkew: number }
    const op: fc.Arbitrary<Op> = fc.record({
      kind: fc.constantFrom('insert', 'update', 'update', 'find'),
      who: fc.nat(5),
      versionSkew: fc.constantFrom(0, 0, 0, -1, 1)
    })
    await fc.assert(
      fc.asyncProperty(fc.array(validAccount(), { minLength: 6, maxLength: 6 }), fc.array(op, { maxLength: 40 }), async (pool, ops) => {
        // accounts 0..5; 3 reuses 0's username in upper case, so they compete for one key
        const accounts = pool.map((a, i) => ({ ...a, id: `acct-${i}` as AccountId }))
        const three = accounts[3] as Account
        const zero = accounts[0] as Account
        accounts[3] = { ...three, username: zero.username.toUpperCase() as Account['username'], usernameKey: zero.usernameKey }
        const store = memoryStore()
        const versions = new Map<string, number>()
        const owners = new Map<string, string>()
        for (const o of ops) {
          const a = accounts[o.who] as Account
          if (o.kind === 'insert') {
            const r = await run(store.accounts.insert(a))
            const expected = versions.has(a.id) ? 'storage.conflict' : owners.has(a.usernameKey) ? 'username.taken' : 'ok'
            assert.equal(errorCode(r), expected)
            if (expected === 'ok') {
              versions.set(a.id, 1)
              owners.set(a.usernameKey, a.id)
            }
          } else if (o.kind === 'update') {
            const held = (versions.get(a.id) ?? 0) + o.versionSkew
            const r = await run(store.accounts.update({ ...a, version: held }))
            const ok = versions.has(a.id) && o.versionSkew === 0
            assert.equal(errorCode(r), ok ? 'ok' : 'storage.conflict')
            if (ok) versions.set(a.id, held + 1)
          } else {
            const byId = await run(store.accounts.findById(a.id))
            assert.ok(E.isRight(byId))
            assert.equal(O.isSome(byId.right) ? byId.right.value.version : undefined, versions.get(a.id))
            const byName = await run(store.accounts.findByUsername(a.usernameKey))
            assert.ok(E.isRight(byName))
            assert.equal(O.isSome(byName.right) ? byName.right.value.id : undefined, owners.get(a.usernameKey))
          }
        }
        const snapshot = JSON.parse(store.snapshot()) as { accounts: Account[] }
        assert.deepEqual(snapshot.accounts.map((a) => a.id).sort(), [...versions.keys()].sort())
      })
    )
  })

  test('stored rows are frozen copies: changing what was passed in or got back never changes the store', async () => {
    await fc.assert(
      fc.asyncProperty(validAccount(), async (account) => {
        const store = memoryStore()
        const input = structuredClone(account) as { -readonly [K in keyof Account]: Account[K] }
        const stored = await run(store.accounts.insert(input as Account))
        assert.ok(E.isRight(stored))
        input.email = 'changed@example.com' as Account['email']
        assert.ok(Object.isFrozen(stored.right) && Object.isFrozen(stored.right.signIn))
        assert.throws(() => {
          ;(stored.right as { email: string }).email = 'x@y.z'
        }, TypeError)
        const again = await run(store.accounts.findById(account.id))
        assert.ok(E.isRight(again) && O.isSome(again.right))
        assert.equal(again.right.value.email, account.email)
      }),
      { numRuns: 30 }
    )
  })
})

describe('sign-up through the portal: usernames are unique regardless of case', () => {
  test('a second sign-up with a case variant of a taken username is refused, at start and at create', async () => {
    await fc.assert(
      fc.asyncProperty(
        validUsername.chain((u) => fc.tuple(fc.constant(u), caseVariantOf(u))),
        b2cStrongPassword,
        validEmailAddress,
        validEmailAddress,
        validPersonName,
        validPersonName,
        validDateOfBirth(TODAY),
        hppMemberId,
        async ([name, variant], password, emailA, emailB, first, last, dob, memberId) => {
          fc.pre(emailA.toLowerCase() !== emailB.toLowerCase()) // one address has one current code
          const h = hppHarness({ members: [{ memberId, firstName: first, lastName: last, dateOfBirth: dob }] })
          const form = (username: string, email: string) => ({ username, newPassword: password, confirmNewPassword: password, email })
          const profile = { firstName: first, lastName: last, dateOfBirth: dob, iAmA: 'member', memberId }
          // both flows start while the username is still free
          const a = rightOf(await h.portal.signUp.start(form(name, emailA)))
          const codeA = h.lastCode(emailA)
          const b = rightOf(await h.portal.signUp.start(form(variant, emailB)))
          const codeB = h.lastCode(emailB)
          rightOf(await h.portal.signUp.verifyEmail(a.flowId, codeA))
          rightOf(await h.portal.signUp.verifyEmail(b.flowId, codeB))
          rightOf(await h.portal.signUp.create(a.flowId, profile))
          assert.deepEqual(codesOf(await h.portal.signUp.create(b.flowId, profile)), ['username.taken'])
          // and a new start with the variant is refused straight away
          assert.deepEqual(codesOf(await h.portal.signUp.start(form(variant, emailB))), ['username.taken'])
          assert.equal(
            h.portal.messageFor({ code: 'username.taken', rule: '' } as never),
            'A user with the specified ID already exists. Please choose a different one.'
          )
        }
      ),
      { numRuns: 10 }
    )
  })
})

describe('member directory from data', () => {
  test('loads valid rows; finds a representative grant by the keyed hash of the canonical ID, however it was typed', async () => {
    await fc.assert(
      fc.asyncProperty(
        hppMemberId,
        hppRepresentativeId.chain((r) => fc.tuple(fc.constant(r), typedIdentifier(r))),
        validPersonName,
        validPersonName,
        validDateOfBirth(TODAY),
        async (memberId, [repId, typedRep], first, last, dob) => {
          const dir = memberDirectoryFromData(
            {
              members: [{ memberId: memberId.toLowerCase(), firstName: first, lastName: last, dateOfBirth: dob }],
              representatives: [{ representativeId: typedRep, memberId, firstName: first, lastName: last }]
            },
            { memberId: hpp.memberIdFormat, representativeId: hpp.representativeIdFormat },
            keyed,
            TODAY
          )
          assert.ok(E.isRight(dir))
          const member = await dir.right.findMember(memberId)()
          assert.ok(E.isRight(member) && O.isSome(member.right) && member.right.value.memberId === memberId)
          const grant = await dir.right.findRepresentativeGrant(keyed.digest('representative-id', repId))()
          assert.ok(E.isRight(grant) && O.isSome(grant.right))
          assert.deepEqual(grant.right.value, { memberId, firstName: first, lastName: last })
          const wrongPurpose = await dir.right.findRepresentativeGrant(keyed.digest('representative-id-x', repId) as KeyedHash)()
          assert.ok(E.isRight(wrongPurpose) && O.isNone(wrongPurpose.right))
        }
      ),
      { numRuns: 50 }
    )
  })

  test('reports every bad row with its position, and loads nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), hppMemberId, (bad, memberId) => {
        const rows = bad.map((isBad) => ({ memberId: isBad ? '!' : memberId, firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985' }))
        const dir = memberDirectoryFromData({ members: rows }, { memberId: hpp.memberIdFormat, representativeId: hpp.representativeIdFormat }, keyed, TODAY)
        const expected = bad.flatMap((isBad, i) => (isBad ? [`members[${i}].memberId`] : []))
        if (expected.length === 0) assert.ok(E.isRight(dir))
        else assert.deepEqual(E.isLeft(dir) ? dir.left.map((e) => e.field) : [], expected)
      })
    )
  })
})

describe('outbox and clock', () => {
  test('the inbox matches addresses case-insensitively; a failing outbox reports mail.delivery-failed and keeps nothing', async () => {
    await fc.assert(
      fc.asyncProperty(validEmailAddress.chain((e) => fc.tuple(fc.constant(e), caseVariantOf(e))), fc.string({ minLength: 6, maxLength: 6 }), async ([email, variant], code) => {
        const mailer = outboxMailer()
        const message = verificationCodeEmail({ to: email, code, purpose: 'sign-up' })
        assert.ok(E.isRight(await mailer.send(message)()))
        assert.equal(mailer.inbox(variant).length, 1)
        mailer.failDeliveries(true)
        const failed = await mailer.send(message)()
        assert.ok(E.isLeft(failed) && failed.left.code === 'mail.delivery-failed')
        assert.equal(mailer.messages().length, 1)
      }),
      { numRuns: 30 }
    )
  })

  test('temporaryPassword and verificationCode read the newest e-mail of their kind to an address (any case), typed, and nothing when there is none', async () => {
    await fc.assert(
      fc.asyncProperty(
        validEmailAddress.chain((e) => fc.tuple(fc.constant(e), caseVariantOf(e))),
        fc.array(fc.stringMatching(/^[A-Za-z0-9#$%&*+=?@^_~!-]{15,20}$/), { minLength: 1, maxLength: 3 }),
        fc.stringMatching(/^\d{6}$/),
        async ([email, variant], passwords, code) => {
          const mailer = outboxMailer()
          assert.equal(mailer.temporaryPassword(email), undefined)
          assert.equal(mailer.verificationCode(email), undefined)
          for (const temporaryPassword of passwords) {
            const issued = harmony.temporaryPasswordEmail({ to: email, username: 'GOkafor', temporaryPassword, expiresAt: NOW.plus({ days: 30 }), reason: 'registration' })
            assert.ok(E.isRight(await mailer.send(issued)()))
          }
          // a later e-mail of another kind does not hide the newest temporary password
          assert.ok(E.isRight(await mailer.send(verificationCodeEmail({ to: email, code, purpose: 'sign-up' }))()))
          const password: string | undefined = mailer.temporaryPassword(variant)
          assert.equal(password, passwords.at(-1))
          assert.equal(mailer.verificationCode(variant), code)
          assert.equal(mailer.temporaryPassword(`other.${email}`), undefined)
        }
      ),
      { numRuns: 30 }
    )
  })

  test('the temporary password read from the outbox signs in, through the Harmony portal', async () => {
    const h = harmonyHarness()
    const done = await h.register(RIVERSIDE, RIVERSIDE_ABOUT, { username: 'GOkafor', securityQuestion: 'first-pet', securityAnswer: 'Biscuit' })
    const temporary = h.mailer.temporaryPassword(RIVERSIDE_ABOUT.users[0]!.email)
    assert.equal(temporary, done.temporaryPassword)
    const signedIn = await h.portal.signIn({ username: 'GOkafor', password: temporary })
    assert.ok(E.isRight(signedIn) && signedIn.right.passwordChangeRequired)
  })

  test('the manual clock moves only when told, and keeps its zone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 10 }), (steps) => {
        const clock = manualClock(NOW)
        for (const s of steps) clock.advance({ milliseconds: s })
        assert.equal(clock.now().toMillis() - NOW.toMillis(), steps.reduce((x, y) => x + y, 0))
        assert.equal(clock.now().zoneName, 'America/New_York')
        clock.set(DateTime.fromISO('2026-01-01T00:00:00Z'))
        assert.equal(clock.now().zoneName, 'America/New_York')
      })
    )
  })
})
