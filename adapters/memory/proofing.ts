/**
 * An in-memory knowledge-based verification provider: quizzes on fixture
 * credit files, the kind the HARP guide describes ("where your mortgage is
 * serviced, current or previous employer, number of bedrooms in your home,
 * home addresses from last five years"). The wrong choices are plausible
 * (servicers, employers, streets and cities the person has no tie to), drawn
 * from the `Random` port, so a seeded one (`seededRandom`) gives the same
 * quizzes every run; questions and choices are shuffled, and now and then
 * "None of the above" is the right answer. SSNs are kept only as keyed hashes.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { domainError, DomainError } from '../../src/kernel/errors'
import { readList } from '../../src/kernel/form'
import { parseDateOfBirth, parsePersonName } from '../../src/kernel/person'
import { PostalAddress, validatePostalAddress } from '../../src/kernel/postal-address'
import { parseSsn, Ssn, ssnOnFile } from '../../src/kernel/us-identifiers'
import { requireLine, Validation, validateAll } from '../../src/kernel/validation'
import type { KeyedHash, KeyedHasher } from '../../src/ports/keyed-hasher'
import { IdentityRecordRepository, KnowledgeBasedVerification, ManualProofingRepository } from '../../src/ports/proofing'
import { MAX_REVIEW_QUEUE } from '../../src/proofing/manual'
import type { IdentityRecord } from '../../src/proofing/identity-record'
import type { ManualProofing, Submitted } from '../../src/proofing/manual'
import { Table } from './table'
import type { Random } from '../../src/ports/random'
import { NONE_OF_THE_ABOVE, Quiz, QuizChoice, QuizQuestion } from '../../src/proofing/knowledge-based'

// -------------------------------------------------------------------------------------
// data
// -------------------------------------------------------------------------------------

/** A credit file as the fixture lists it (all text, as read from a file). */
export interface CreditFileData {
  readonly ssn: string
  readonly firstName: string
  readonly lastName: string
  readonly dateOfBirth: string
  /** Who services the mortgage on the home; left out when there is none. */
  readonly mortgageServicer?: string
  /** Current and previous employers. */
  readonly employers: ReadonlyArray<string>
  /** Bedrooms in the current home. */
  readonly bedrooms: number
  /** Home addresses of the last five years, the current one first. */
  readonly addresses: ReadonlyArray<{ readonly line1: string; readonly line2?: string; readonly city: string; readonly state: string; readonly zipCode: string }>
}

/** A credit file as held: the SSN only as its keyed hash. */
interface CreditFile {
  readonly ssnHash: KeyedHash
  readonly lastName: string
  readonly dateOfBirth: string
  readonly mortgageServicer: string | null
  readonly employers: ReadonlyArray<string>
  readonly bedrooms: number
  readonly addresses: ReadonlyArray<PostalAddress>
}

/** How the memory provider sets its quizzes. */
export interface MemoryKbaOptions {
  /** Questions per quiz, 1 to 5 (one per kind of fact); 5 when left out. */
  readonly questions?: number
  /** Choices per question, "None of the above" included: 4 or 5; 5 when left out. */
  readonly choices?: 4 | 5
}

/** Plausible mortgage servicers (fictitious). */
export const SERVICER_POOL: ReadonlyArray<string> = [
  'Keystone Home Loans', 'Lakeshore Mortgage Servicing', 'Summit Loan Services', 'Pioneer Home Lending', 'Harbor Federal Mortgage', 'Northgate Servicing',
  'Blue Ridge Mortgage', 'Prairie State Home Loans', 'Granite Loan Servicing', 'Riverbend Mortgage Company', 'Cardinal Home Finance', 'Bayview Crest Lending'
]

/** Plausible employers (fictitious). */
export const EMPLOYER_POOL: ReadonlyArray<string> = [
  'Mercy Valley Hospital', 'Allegheny Freight Lines', 'Brightwater Schools', 'Copperfield Insurance', 'Delta Ridge Foods', 'Evergreen Dental Group',
  'Fairmont Logistics', 'Greenleaf Pharmacy', 'Hollis Manufacturing', 'Ironwood Credit Union', 'Juniper Health Partners', 'Kestrel Software',
  'Larkspur County Government', 'Meridian Retail Group', 'Northwind Energy'
]

/** Street names and suffixes wrong addresses are made of. */
const STREET_NAMES: ReadonlyArray<string> = ['Maple', 'Oak', 'Cedar', 'Birch', 'Willow', 'Chestnut', 'Hawthorne', 'Juniper', 'Lakeview', 'Highland', 'Meadow', 'Orchard', 'Park', 'Ridge', 'Spring', 'Sunset']
const STREET_SUFFIXES: ReadonlyArray<string> = ['St', 'Ave', 'Rd', 'Ln', 'Dr', 'Ct', 'Way', 'Blvd']

/** Plausible US cities. */
export const CITY_POOL: ReadonlyArray<string> = [
  'Springfield', 'Fairview', 'Riverside', 'Franklin', 'Greenville', 'Bristol', 'Clinton', 'Georgetown', 'Salem', 'Madison', 'Arlington', 'Ashland',
  'Burlington', 'Dover', 'Hudson', 'Kingston', 'Milford', 'Newport', 'Oxford', 'Winchester'
]

const MAX_BEDROOMS = 12
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

// -------------------------------------------------------------------------------------
// drawing
// -------------------------------------------------------------------------------------

/** Unbiased draws from the `Random` port. */
const drawer = (random: Random) => {
  /** A whole number from 0 to n − 1, without modulo bias. */
  const below = (n: number): number => {
    const limit = Math.floor(0x100000000 / n) * n
    for (;;) {
      const b = random.bytes(4)
      const v = (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0
      if (v < limit) return v % n
    }
  }
  /** A shuffled copy (Fisher–Yates). */
  const shuffle = <A>(xs: ReadonlyArray<A>): A[] => {
    const out = [...xs]
    for (let i = out.length - 1; i > 0; i--) {
      const j = below(i + 1)
      ;[out[i], out[j]] = [out[j] as A, out[i] as A]
    }
    return out
  }
  /** `n` different items of the pool, none of them excluded (compared case-insensitively). */
  const pick = (pool: ReadonlyArray<string>, n: number, excluded: ReadonlyArray<string>): string[] => {
    const no = new Set(excluded.map((s) => s.toLowerCase()))
    return shuffle(pool.filter((s) => !no.has(s.toLowerCase()))).slice(0, n)
  }
  /** An opaque id: 10 letters and digits (it says nothing of the choice or its place). */
  const id = (): string => Array.from({ length: 10 }, () => ID_ALPHABET[below(ID_ALPHABET.length)]).join('')
  return { below, shuffle, pick, id }
}

type Drawer = ReturnType<typeof drawer>

/** One question: the true value (null: none of the shown ones is true), the wrong values, shuffled, and "None of the above" last. */
const question = (d: Drawer, text: string, truth: string | null, wrong: ReadonlyArray<string>, choices: number): Omit<QuizQuestion, 'id'> => {
  // Now and then none of the shown values is true, so "None of the above" is a real answer, not a give-away.
  const hideTruth = truth === null || d.below(5) === 0
  const shown = hideTruth ? wrong.slice(0, choices - 1) : [truth, ...wrong.slice(0, choices - 2)]
  const options: QuizChoice[] = d.shuffle(shown).map((t) => ({ id: d.id(), text: t }))
  const none: QuizChoice = { id: d.id(), text: NONE_OF_THE_ABOVE }
  const rightChoice = hideTruth ? none : (options.find((o) => o.text === truth) as QuizChoice)
  return { text, choices: [...options, none], rightChoiceId: rightChoice.id }
}

/** A street line that is none of the person's. */
const wrongStreets = (d: Drawer, n: number, excluded: ReadonlyArray<string>): string[] => {
  const no = new Set(excluded.map((s) => s.toLowerCase()))
  const out: string[] = []
  while (out.length < n) {
    const line = `${100 + d.below(9900)} ${STREET_NAMES[d.below(STREET_NAMES.length)]} ${STREET_SUFFIXES[d.below(STREET_SUFFIXES.length)]}`
    if (!no.has(line.toLowerCase()) && !out.includes(line)) out.push(line)
  }
  return out
}

/** A quiz on one credit file. */
const quizOn = (file: CreditFile, random: Random, questions: number, choices: number): Quiz => {
  const d = drawer(random)
  const wrongCount = choices - 1
  const oneOf = <A>(xs: ReadonlyArray<A>): A => xs[d.below(xs.length)] as A
  const lines = file.addresses.map((a) => a.line1)
  const cities = [...new Set(file.addresses.map((a) => a.city))]
  const bedrooms = Array.from({ length: MAX_BEDROOMS }, (_, i) => String(i + 1))
  const kinds: ReadonlyArray<() => Omit<QuizQuestion, 'id'>> = [
    () => question(d, 'Which of these companies services the mortgage on your home?', file.mortgageServicer, d.pick(SERVICER_POOL, wrongCount, file.mortgageServicer === null ? [] : [file.mortgageServicer]), choices),
    () => question(d, 'Which of these is a current or previous employer of yours?', file.employers.length === 0 ? null : oneOf(file.employers), d.pick(EMPLOYER_POOL, wrongCount, file.employers), choices),
    () => question(d, 'How many bedrooms does your current home have?', String(file.bedrooms), d.pick(bedrooms.slice(0, 7), wrongCount, [String(file.bedrooms)]), choices),
    () => question(d, 'At which of these street addresses have you lived in the last five years?', oneOf(lines), wrongStreets(d, wrongCount, lines), choices),
    () => question(d, 'In which of these cities have you lived in the last five years?', oneOf(cities), d.pick(CITY_POOL, wrongCount, cities), choices)
  ]
  return { questions: d.shuffle(kinds).slice(0, questions).map((make, i) => ({ id: `q${i + 1}`, ...make() })) }
}

// -------------------------------------------------------------------------------------
// the provider
// -------------------------------------------------------------------------------------

/** Names compared as credit bureaus match them: case, accents and extra blanks ignored. */
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-US').replace(/\s+/g, ' ').trim()

/** A list of one to `maximum` entries, each checked, every error collected. */
const listOf = <A>(input: unknown, field: string, maximum: number, each: (x: unknown, field: string) => Validation<A> | E.Either<DomainError, A>): Validation<ReadonlyArray<A>> => {
  const list = readList(input, field, maximum)
  if (E.isLeft(list)) return E.left([list.left])
  if (list.right === null || list.right.length === 0) return E.left([domainError('field.required', { field, rule: `${field} must list at least one` })])
  const errors: DomainError[] = []
  const out: A[] = []
  list.right.forEach((x, j) => {
    const r: E.Either<DomainError | ReadonlyArray<DomainError>, A> = each(x, `${field}[${j}]`)
    if (E.isRight(r)) out.push(r.right)
    else errors.push(...(Array.isArray(r.left) ? (r.left as ReadonlyArray<DomainError>) : [r.left as DomainError]))
  })
  const [head, ...tail] = errors
  return head === undefined ? E.right(out) : E.left([head, ...tail])
}

/** A number of bedrooms: a whole number from 1 to 12. */
const bedroomsOf = (input: unknown, field: string): E.Either<DomainError, number> =>
  typeof input === 'number' && Number.isInteger(input) && input >= 1 && input <= MAX_BEDROOMS
    ? E.right(input)
    : E.left(domainError('number.out-of-range', { field, rule: `${field} must be a whole number from 1 to ${MAX_BEDROOMS}`, minimum: 1, maximum: MAX_BEDROOMS }))

const decodeFile =
  (today: string, hasher: KeyedHasher) =>
  (f: CreditFileData, i: number): Validation<CreditFile> => {
    const at = `creditFiles[${i}]`
    return E.map(
      (v: {
        readonly ssn: Ssn
        readonly lastName: string
        readonly dateOfBirth: string
        readonly mortgageServicer: string | null
        readonly employers: ReadonlyArray<string>
        readonly bedrooms: number
        readonly addresses: ReadonlyArray<PostalAddress>
      }): CreditFile => ({
        ssnHash: ssnOnFile(hasher, v.ssn).hash,
        lastName: v.lastName,
        dateOfBirth: v.dateOfBirth,
        mortgageServicer: v.mortgageServicer,
        employers: v.employers,
        bedrooms: v.bedrooms,
        addresses: v.addresses
      })
    )(
      validateAll({
        ssn: parseSsn(f.ssn, `${at}.ssn`),
        firstName: parsePersonName(f.firstName, `${at}.firstName`),
        lastName: parsePersonName(f.lastName, `${at}.lastName`),
        dateOfBirth: parseDateOfBirth(today)(f.dateOfBirth, `${at}.dateOfBirth`),
        mortgageServicer: f.mortgageServicer === undefined ? E.right(null) : requireLine(f.mortgageServicer, `${at}.mortgageServicer`, 100),
        employers: listOf(f.employers, `${at}.employers`, 10, (x, field) => requireLine(x, field, 100)),
        bedrooms: bedroomsOf(f.bedrooms, `${at}.bedrooms`),
        addresses: listOf(f.addresses, `${at}.addresses`, 10, (x, field) => validatePostalAddress(x, field))
      })
    )
  }

/**
 * A knowledge-based verification provider over fixture credit files. Every
 * row is decoded (bad rows are reported with their position, never loaded);
 * a file matches an identity by SSN (its keyed hash), last name (case and
 * accents ignored) and date of birth. Each quiz draws from `random`.
 *
 * @example
 * import { knowledgeBasedVerificationFromData, seededRandom } from 'health-portal-domain/adapters/memory'
 * import { hmacKeyedHasher, randomHashKey } from 'health-portal-domain/adapters/system'
 * const kbv = knowledgeBasedVerificationFromData(
 *   [{ ssn: '123-45-6789', firstName: 'Ana', lastName: 'Reyes', dateOfBirth: '03-14-1985', mortgageServicer: 'Keystone Home Loans',
 *      employers: ['Mercy Valley Hospital'], bedrooms: 3, addresses: [{ line1: '12 Elm St', city: 'Boston', state: 'MA', zipCode: '02118' }] }],
 *   hmacKeyedHasher(randomHashKey()), seededRandom('fixture'), '2026-11-22'
 * )
 * // right: a KnowledgeBasedVerification
 */
export const knowledgeBasedVerificationFromData = (
  data: ReadonlyArray<CreditFileData>,
  keyedHasher: KeyedHasher,
  random: Random,
  today: string,
  options: MemoryKbaOptions = {}
): Validation<KnowledgeBasedVerification> => {
  const rows = data.map(decodeFile(today, keyedHasher))
  const errors = rows.flatMap((v) => (E.isLeft(v) ? v.left : []))
  const [first, ...rest] = errors
  if (first !== undefined) return E.left([first, ...rest])
  const files = rows.flatMap((v) => (E.isRight(v) ? [v.right] : []))
  const questions = Math.min(5, Math.max(1, Math.floor(options.questions ?? 5)))
  const choices = options.choices ?? 5
  return E.right({
    quizFor: (identity) =>
      TE.fromIO(() => {
        const hash = ssnOnFile(keyedHasher, identity.ssn).hash
        const file = files.find((f) => f.ssnHash === hash && fold(f.lastName) === fold(identity.lastName) && f.dateOfBirth === identity.dateOfBirth)
        return file === undefined ? O.none : O.some(quizOn(file, random, questions, choices))
      })
  })
}

// -------------------------------------------------------------------------------------
// identity records and manual proofings
// -------------------------------------------------------------------------------------

/** A provider that knows no credit file: every identity is offered manual proofing (the default until fixture data is given). */
export const noCreditFiles: KnowledgeBasedVerification = { quizFor: () => TE.right(O.none) }

/** The in-memory identity records and manual proofings, and what they hold (for snapshots). */
export interface MemoryProofingTables {
  readonly identityRecords: IdentityRecordRepository
  readonly manualProofings: ManualProofingRepository
  readonly snapshot: () => { readonly identityRecords: ReadonlyArray<IdentityRecord>; readonly manualProofings: ReadonlyArray<ManualProofing> }
}

/** Fresh, empty identity-record and manual-proofing tables. */
export const memoryProofingTables = (): MemoryProofingTables => {
  const records = new Table<IdentityRecord>('identity record', (r) => r.accountId)
  const proofings = new Table<ManualProofing>('manual proofing', (p) => p.id)
  const bounded = (limit: number): number => Math.min(MAX_REVIEW_QUEUE, Math.max(0, Math.floor(Number.isNaN(limit) ? 0 : limit)))
  return {
    identityRecords: {
      findByAccount: (id) => TE.right(typeof id === 'string' ? records.get(id) : O.none),
      insert: (r) => TE.fromEither(records.insert(r)),
      update: (r) => TE.fromEither(records.update(r))
    },
    manualProofings: {
      findById: (id) => TE.right(typeof id === 'string' ? proofings.get(id) : O.none),
      findByAccount: (id) =>
        TE.right(
          proofings
            .all()
            .filter((p) => p.applicant.accountId === id)
            .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1))
        ),
      submittedQueue: (limit) =>
        TE.right(
          proofings
            .all()
            .filter((p): p is Submitted => p.state === 'submitted')
            .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.id < b.id ? -1 : 1))
            .slice(0, bounded(limit))
        ),
      insert: (p) => TE.fromEither(proofings.insert(p)),
      update: (p) => TE.fromEither(proofings.update(p))
    },
    snapshot: () => ({ identityRecords: records.all(), manualProofings: proofings.all() })
  }
}
