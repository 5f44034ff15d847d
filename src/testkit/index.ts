/**
 * fast-check arbitraries for consumers' own tests: every value they generate
 * is accepted by the matching codec or policy (test/testkit checks that they
 * agree). Published as `health-portal-domain/testkit`; fast-check is an
 * optional peer dependency, needed only by those who import this module.
 *
 * @example
 * import fc from 'fast-check'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseUsername } from 'health-portal-domain/kernel'
 * import { validUsername } from 'health-portal-domain/testkit'
 * fc.assert(fc.property(validUsername, (u) => E.isRight(parseUsername(u))))
 *
 @since 0.1.0
 */
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { EmailAddress, emailKey } from '../kernel/email'
import { IdentifierFormat, MemberId, PersonalRepresentativeId } from '../kernel/identifiers'
import { DateOfBirth, MAXIMUM_AGE_YEARS, PersonName } from '../kernel/person'
import { Username, usernameKey } from '../kernel/username'
import { B2C_SYMBOLS } from '../credentials/password-policy'
import { Account, AccountId } from '../accounts/account'
import { KeyedHash } from '../ports/keyed-hasher'
import { PasswordHash } from '../ports/password-hasher'

// -------------------------------------------------------------------------------------
// character sets
// -------------------------------------------------------------------------------------

/** The four character classes of Azure AD B2C "Strong", in the policy's order. */
export const B2C_CLASSES = {
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  symbol: B2C_SYMBOLS
} as const

/** The name of one B2C character class. */
export type B2cClass = keyof typeof B2C_CLASSES

const charOf = (chars: string): fc.Arbitrary<string> => fc.constantFrom(...Array.from(chars))

// -------------------------------------------------------------------------------------
// any text
// -------------------------------------------------------------------------------------

/** One Unicode scalar value (any code point but a surrogate), biased towards small values. */
export const anyCodePoint: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp))

/** One character of `anyText`: any code point, or one of the awkward ones. */
export const anyTextUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: anyCodePoint },
  { weight: 3, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(' ', '\t', '\u00a0', '\u3000', '\u0301', '\ud800', '\udfff', '\u212a', '\u037e', 'e\u0301', '\u0958', '😀')
  }
)

/**
 * Any text a form might send: any code points, plus the awkward ones (spaces of
 * every kind, combining marks, lone surrogates, characters whose NFC form differs).
 * Lengths count units. (Much cheaper to build than `fc.string({ unit: 'binary' })`.)
 */
export const anyText = (constraints: { readonly minLength?: number; readonly maxLength?: number } = {}): fc.Arbitrary<string> =>
  fc.string({ ...constraints, unit: anyTextUnit })

/** Any value at all, as a boundary may receive it (`fc.anything` with every option, and `anyText` strings). */
export const anyInput: fc.Arbitrary<unknown> = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
  stringUnit: anyTextUnit
})

// -------------------------------------------------------------------------------------
// kernel values
// -------------------------------------------------------------------------------------

/** A username `parseUsername` accepts unchanged: 3–64 of `A-Z a-z 0-9 . _ - @`, starting with a letter or digit. */
export const validUsername: fc.Arbitrary<Username> = fc
  .stringMatching(/^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/)
  .map((s) => s as Username)

/** The same username with the letter case of each character chosen at random. */
export const caseVariantOf = (s: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flips) => Array.from(s, (c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''))

const atom = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,16}$/)
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/)
const topLabel = fc.stringMatching(/^[a-z][a-z0-9]{1,9}$/)

/**
 * An e-mail address `parseEmailAddress` accepts unchanged: a dot-atom local part
 * (as typed, any case) at a lower-case dotted domain whose last label has a letter.
 */
export const validEmailAddress: fc.Arbitrary<EmailAddress> = fc
  .record({
    local: fc.array(atom, { minLength: 1, maxLength: 4 }).map((a) => a.join('.')),
    domain: fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), topLabel).map(([ls, top]) => [...ls, top].join('.'))
  })
  .filter(({ local }) => local.length <= 64)
  .map(({ local, domain }) => `${local}@${domain}` as EmailAddress)

// Letters from several scripts (all \p{L}), and combining marks (\p{M}).
const LETTERS = Array.from(
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèñüøåçßÉÑÖłŁđαβγΩΣжДщЯאבגابت李王张金김박やまだ'
)
const ASTRAL_LETTERS = ['\u{10400}', '\u{1D49C}'] // Deseret 𐐀, mathematical script 𝒜
const MARKS = ['\u0301', '\u0300', '\u0308', '\u0327']
const letter = fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...LETTERS) }, { weight: 1, arbitrary: fc.constantFrom(...ASTRAL_LETTERS) })
const segment = fc.tuple(letter, fc.option(fc.constantFrom(...MARKS), { freq: 6 })).map(([l, m]) => l + (m ?? ''))
const nameWord = fc
  .tuple(segment, fc.array(fc.oneof({ weight: 8, arbitrary: segment }, { weight: 1, arbitrary: fc.constantFrom("'", '-', '.') }), { maxLength: 10 }))
  .map(([first, rest]) => first + rest.join(''))

/**
 * A first or last name `parsePersonName` accepts unchanged: words of letters
 * (several scripts, with combining marks), apostrophes, hyphens and periods,
 * single spaces between words, NFC, at most 50 UTF-16 units.
 */
export const validPersonName: fc.Arbitrary<PersonName> = fc
  .array(nameWord, { minLength: 1, maxLength: 3 })
  .map((ws) => ws.join(' ').normalize('NFC'))
  .filter((s) => s.length <= 50)
  .map((s) => s as PersonName)

/**
 * A date of birth `parseDateOfBirth(today)` accepts: an ISO date from
 * 130 years before `today` (inclusive) to the day before `today`.
 */
export const validDateOfBirth = (today: string): fc.Arbitrary<DateOfBirth> => {
  const end = DateTime.fromISO(today, { zone: 'utc' })
  const start = end.minus({ years: MAXIMUM_AGE_YEARS })
  const days = Math.round(end.diff(start, 'days').days)
  return fc.integer({ min: 0, max: days - 1 }).map((d) => start.plus({ days: d }).toISODate() as DateOfBirth)
}

/** How a person may type a date of birth: the three formats the parser reads. */
export const typedDate = (iso: string): fc.Arbitrary<string> => {
  const d = DateTime.fromISO(iso, { zone: 'utc' })
  return fc.constantFrom(d.toFormat('MM-dd-yyyy'), d.toFormat('MM/dd/yyyy'), d.toFormat('yyyy-MM-dd'))
}

// -------------------------------------------------------------------------------------
// plan identifiers (HPP formats; see src/portals/hpp.ts)
// -------------------------------------------------------------------------------------

/** An HPP member ID in canonical form (8 to 12 upper-case letters or digits). */
export const hppMemberId: fc.Arbitrary<MemberId> = fc.stringMatching(/^[A-Z0-9]{8,12}$/).map((s) => s as MemberId)

/** An HPP Personal Representative ID in canonical form ("PR" and 8 digits). */
export const hppRepresentativeId: fc.Arbitrary<PersonalRepresentativeId> = fc
  .stringMatching(/^PR[0-9]{8}$/)
  .map((s) => s as PersonalRepresentativeId)

/** An identifier in a plan's format, from the format's own pattern (must be anchored). */
export const identifierOf = (format: IdentifierFormat): fc.Arbitrary<string> => fc.stringMatching(format.pattern)

/**
 * How a person may type a canonical identifier: any letter case, with spaces
 * and dashes between characters, and surrounding blanks.
 */
export const typedIdentifier = (canonical: string): fc.Arbitrary<string> =>
  fc
    .tuple(
      caseVariantOf(canonical),
      fc.array(fc.constantFrom('', '', '', ' ', '-'), { minLength: canonical.length, maxLength: canonical.length }),
      fc.constantFrom('', ' ', '  '),
      fc.constantFrom('', ' ', '\t')
    )
    .map(([cased, seps, lead, trail]) => lead + Array.from(cased, (c, i) => (i === 0 ? c : (seps[i] ?? '') + c)).join('') + trail)

// -------------------------------------------------------------------------------------
// credentials
// -------------------------------------------------------------------------------------

/**
 * A password Azure AD B2C "Strong" always accepts: 8–64 characters, all from
 * the four classes, at least 3 of them present.
 */
export const b2cStrongPassword: fc.Arbitrary<string> = fc
  .record({
    length: fc.integer({ min: 8, max: 64 }),
    classes: fc.shuffledSubarray(Object.keys(B2C_CLASSES) as B2cClass[], { minLength: 3 })
  })
  .chain(({ length, classes }) => {
    const pool = classes.map((k) => B2C_CLASSES[k]).join('')
    return fc
      .tuple(
        fc.tuple(...classes.map((k) => charOf(B2C_CLASSES[k]))),
        fc.array(charOf(pool), { minLength: length - classes.length, maxLength: length - classes.length })
      )
      .chain(([required, rest]) => fc.shuffledSubarray([...required, ...rest], { minLength: length, maxLength: length }))
      .map((chars) => chars.join(''))
  })

/** A string of characters from the given B2C classes only (possibly too short or too long). */
export const passwordOfClasses = (classes: ReadonlyArray<B2cClass>, length: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> =>
  fc.array(charOf(classes.map((k) => B2C_CLASSES[k]).join('')), length).map((cs) => cs.join(''))

/** A verification code of `digits` ASCII digits. */
export const codeOfLength = (digits: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: digits, maxLength: digits }).map((ds) => ds.join(''))

/** A verification code as e-mailed under the B2C and NIST presets: 6 ASCII digits. */
export const codeDigits: fc.Arbitrary<string> = codeOfLength(6)

// -------------------------------------------------------------------------------------
// accounts
// -------------------------------------------------------------------------------------

const hex = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: n, maxLength: n }).map((cs) => cs.join(''))

/** A stand-in password hash in scrypt PHC form (not the hash of any known password). */
export const fakePasswordHash: fc.Arbitrary<PasswordHash> = fc
  .tuple(fc.base64String({ minLength: 24, maxLength: 24 }), fc.base64String({ minLength: 44, maxLength: 44 }))
  .map(([salt, key]) => `$scrypt$ln=4,r=1,p=1$${salt.replace(/=+$/, '')}$${key.replace(/=+$/, '')}` as PasswordHash)

/**
 * A new, never-saved active account (version 0, no failed sign-ins) whose keys
 * are consistent with its username and e-mail address: what a repository's
 * contract test inserts.
 */
export const validAccount = (today = '2026-11-22'): fc.Arbitrary<Account> =>
  fc
    .record({
      id: fc.uuid({ version: 4 }),
      username: validUsername,
      email: validEmailAddress,
      passwordHash: fakePasswordHash,
      firstName: validPersonName,
      lastName: validPersonName,
      dateOfBirth: validDateOfBirth(today),
      relationship: fc.oneof(
        hppMemberId.map((memberId) => ({ kind: 'member' as const, memberId })),
        fc.tuple(hppMemberId, hex(64)).map(([representedMemberId, h]) => ({
          kind: 'representative' as const,
          representedMemberId,
          representativeIdHash: h as KeyedHash
        }))
      ),
      createdAt: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 10, 1) }).map((ms) => new Date(ms).toISOString())
    })
    .map(
      (a): Account => ({
        ...a,
        id: a.id as AccountId,
        usernameKey: usernameKey(a.username),
        emailKey: emailKey(a.email),
        status: 'active',
        passwordChangedAt: a.createdAt,
        temporaryPassword: null,
        challenge: null,
        signIn: { consecutiveFailures: 0, lockedUntil: null },
        version: 0
      })
    )


export * from './storage-contract'
