/**
 * A test harness: the QPP HARP preset over the in-memory adapters, with a
 * manual clock, a fixed keyed-hash key, cheap scrypt, the credit bureau over
 * a few credit files and CMS's practice records (three practices, one APM
 * Entity under a practice's Tax ID). Helpers register a person's profile and
 * account with her SSN and proof her by answering the bureau's questions, as
 * step-definitions/harp-accounts.ts does. `portsFrom` puts the same
 * fixtures on other adapters (PostgreSQL).
 */
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, harp } from '../../src'
import type { DomainError } from '../../src/kernel/errors'
import type { Ports } from '../../src/ports'
import type { PracticeDirectory } from '../../src/ports/harp-organisations'
import type { KnowledgeBasedVerification } from '../../src/ports/proofing'
import type { QuizView } from '../../src/proofing/knowledge-based'
import {
  CreditFileData,
  knowledgeBasedVerificationFromData,
  manualClock,
  memoryPorts,
  memoryStore,
  outboxMailer,
  PracticeData,
  practiceDirectoryFromData,
  seededRandom
} from '../../adapters/memory'
import { HashKey, hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'
import { npiOf } from './healthpartners-harness'

export const ZONE = 'America/New_York'
export const START = '2026-03-02T09:00:00'
export const PASSWORD = 'quality payment program 2026'

/** The people who may register: name, User ID, SSN and date of birth (each has a credit file). */
export const PEOPLE = [
  { userId: 'AdaOlsen', firstName: 'Ada', lastName: 'Olsen', ssn: '123-45-6781', dateOfBirth: '03-14-1985' },
  { userId: 'BoLund', firstName: 'Bo', lastName: 'Lund', ssn: '223-45-6782', dateOfBirth: '07-02-1979' },
  { userId: 'CyNguyen', firstName: 'Cy', lastName: 'Nguyen', ssn: '323-45-6783', dateOfBirth: '11-23-1990' },
  { userId: 'DeeKaur', firstName: 'Dee', lastName: 'Kaur', ssn: '423-45-6784', dateOfBirth: '01-30-1968' },
  { userId: 'EveMoss', firstName: 'Eve', lastName: 'Moss', ssn: '523-45-6785', dateOfBirth: '05-05-1982' }
] as const
export type HarpPerson = (typeof PEOPLE)[number]

const HOME = { line1: '12 Elm St', city: 'Boston', state: 'MA', zipCode: '02118' } as const

/** CMS's records: each organisation's type, Tax ID, name and clinicians (PTAN and NPI). */
export const PRACTICES = [
  { key: 'lakeside', type: 'practice', legalBusinessName: 'Lakeside Family Medicine', taxId: '41-1234567', clinicians: [{ firstName: 'Ann', lastName: 'Reyes', npi: npiOf('123456789'), ptan: 'AB1234' }, { firstName: 'Ben', lastName: 'Ford', npi: npiOf('123456788'), ptan: 'AB5678' }] },
  { key: 'hilltop', type: 'practice', legalBusinessName: 'Hilltop Cardiology', taxId: '41-2345678', clinicians: [{ firstName: 'Cal', lastName: 'Ito', npi: npiOf('223456789'), ptan: 'CD1234' }] },
  { key: 'riverbend', type: 'apm-entity', legalBusinessName: 'Riverbend ACO', taxId: '41-1234567', clinicians: [{ firstName: 'Dana', lastName: 'Moore', npi: npiOf('133456789'), ptan: 'EF1234' }] }
] as const
export type PracticeKey = (typeof PRACTICES)[number]['key']

/** The profile and account form of a person, SSN given. */
export const profileFormOf = (p: HarpPerson) => ({
  firstName: p.firstName,
  lastName: p.lastName,
  dateOfBirth: p.dateOfBirth,
  email: `${p.firstName.toLowerCase()}@example.org`,
  phone: '(617) 555-0143',
  homeAddress: HOME,
  ssn: p.ssn,
  userId: p.userId,
  newPassword: PASSWORD,
  confirmNewPassword: PASSWORD,
  challengeQuestion: 'What was the name of your first pet?',
  challengeAnswer: 'Biscuit'
})

const creditFileOf = (p: HarpPerson): CreditFileData => ({
  ssn: p.ssn,
  firstName: p.firstName,
  lastName: p.lastName,
  dateOfBirth: p.dateOfBirth,
  mortgageServicer: 'Keystone Home Loans',
  employers: ['Mercy Valley Hospital', 'Allegheny Freight Lines'],
  bedrooms: 3,
  addresses: [HOME, { line1: '48 Orchard Rd', city: 'Fairview', state: 'PA', zipCode: '16415' }]
})

type Result<A> = E.Either<ReadonlyArray<DomainError>, A>

/** Unwraps a right, failing the test with the errors otherwise. */
export const rightOf = <A>(r: Result<A>, what = 'step'): A => {
  if (E.isLeft(r)) assert.fail(`${what} failed: ${JSON.stringify(r.left)}`)
  return r.right
}

/** The choice a person who knows her own credit file picks: the one naming a fact of it, else "None of the above". */
const rightChoice = (file: CreditFileData, q: QuizView['questions'][number]): string => {
  const facts = new Set(
    [file.mortgageServicer, ...file.employers, String(file.bedrooms), ...file.addresses.flatMap((a) => [a.line1, a.city])]
      .filter((s): s is string => s !== undefined)
      .map((s) => s.toLowerCase())
  )
  const chosen = q.choices.find((c) => facts.has(c.text.toLowerCase())) ?? q.choices.find((c) => c.text === 'None of the above')
  assert.ok(chosen, `no choice of "${q.text}" is right`)
  return chosen.id
}

/** What ports are built from: the harness's clock, hasher and fixtures (memory by default; a PostgreSQL test passes its own). */
export interface HarpFixtures {
  readonly clock: ReturnType<typeof manualClock>
  readonly keyedHasher: ReturnType<typeof hmacKeyedHasher>
  readonly practices: PracticeDirectory
  readonly knowledgeBasedVerification: KnowledgeBasedVerification
}

export const harpHarness = (options: { readonly mutate?: (ports: Ports) => Ports; readonly portsFrom?: (fixtures: HarpFixtures) => Ports } = {}) => {
  const clock = manualClock(DateTime.fromISO(START, { zone: ZONE }))
  const keyedHasher = hmacKeyedHasher(new Uint8Array(32).fill(7) as HashKey)
  const store = memoryStore()
  const files = PEOPLE.map(creditFileOf)
  const kbv = knowledgeBasedVerificationFromData(files, keyedHasher, seededRandom('credit-bureau'), clock.now().toISODate() as string)
  if (E.isLeft(kbv)) throw new Error(JSON.stringify(kbv.left))
  const practices = practiceDirectoryFromData(PRACTICES as unknown as ReadonlyArray<PracticeData>, keyedHasher)
  if (E.isLeft(practices)) throw new Error(JSON.stringify(practices.left))
  const built =
    options.portsFrom?.({ clock, keyedHasher, practices: practices.right, knowledgeBasedVerification: kbv.right }) ??
    memoryPorts({
      clock,
      keyedHasher,
      store,
      mailer: outboxMailer(),
      passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT),
      practices: practices.right,
      knowledgeBasedVerification: kbv.right
    })
  const ports = options.mutate === undefined ? built : options.mutate(built)
  const portal = createPortal(harp.preset, ports)
  /** Registers a person with her SSN and proofs her by the bureau's questions; her account id. */
  const registerProofed = async (p: HarpPerson): Promise<string> => {
    const registered = rightOf(await portal.harpRegistration.createProfileAndAccount(profileFormOf(p)), `${p.userId}'s profile and account`)
    const quiz = registered.quiz
    assert.ok(quiz !== null, `${p.userId} got no quiz`)
    const file = creditFileOf(p)
    const answers = Object.fromEntries(quiz.questions.map((q) => [q.id, rightChoice(file, q)]))
    rightOf(await portal.identityProofing.answer({ accountId: registered.accountId }, answers), `${p.userId}'s answers`)
    const status = rightOf(await portal.identityProofing.status({ accountId: registered.accountId }), `${p.userId}'s status`)
    assert.ok(status.proofed, `${p.userId} is not proofed`)
    return registered.accountId
  }
  const practiceOf = (key: PracticeKey) => PRACTICES.find((x) => x.key === key) as (typeof PRACTICES)[number]
  return { clock, keyedHasher, store, ports, portal, registerProofed, practiceOf }
}
export type HarpHarness = ReturnType<typeof harpHarness>
