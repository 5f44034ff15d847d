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
// First, so a missing fast-check is reported with what to install (an export, so bundlers keep it: the package is side-effect free).
export { FAST_CHECK_MISSING } from './fast-check-peer'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { EmailAddress, emailKey } from '../kernel/email'
import { IdentifierFormat, MemberId, PersonalRepresentativeId, ProviderId } from '../kernel/identifiers'
import { DateOfBirth, MAXIMUM_AGE_YEARS, PersonName } from '../kernel/person'
import { ITIN_GROUP_RANGES, NEVER_ASSIGNED_EIN_PREFIXES, PhoneNumber, TaxId, ZipCode } from '../kernel/us-identifiers'
import { Username, usernameKey } from '../kernel/username'
import { B2C_SYMBOLS } from '../credentials/password-policy'
import { ANSWER_RULE, NormalisedAnswer } from '../credentials/challenge-question'
import { TemporaryPasswordPolicy } from '../credentials/temporary-password'
import { Account, AccountId } from '../accounts/account'
import { AccessArea, ACCESS_AREAS, Organisation, OrganisationUser } from '../organizations/provider-registration'
import { providerIdFormat as harmonyProviderIdFormat, securityQuestions as harmonySecurityQuestions } from '../portals/harmony'
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
  .map(([salt, key]) => `$scrypt$ln=4,r=1,p=1$${salt.replace(/={1,2}$/, '')}$${key.replace(/={1,2}$/, '')}` as PasswordHash)

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
        issuedTemporaryPasswords: [],
        challenge: null,
        signIn: { consecutiveFailures: 0, lockedUntil: null },
        version: 0
      })
    )


// -------------------------------------------------------------------------------------
// US identifiers (see src/kernel/us-identifiers.ts)
// -------------------------------------------------------------------------------------

const digitsOf = (min: number, max: number, n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min, max }), { minLength: n, maxLength: n }).map((ds) => ds.join(''))

/** A ZIP code `parseZipCode` returns unchanged: `12345` or ZIP+4 `12345-6789`, neither part all zeros. */
export const validZipCode: fc.Arbitrary<ZipCode> = fc
  .tuple(digitsOf(0, 9, 5).filter((z) => z !== '00000'), fc.option(digitsOf(0, 9, 4).filter((p) => p !== '0000')))
  .map(([five, four]) => (four === null ? five : `${five}-${four}`) as ZipCode)

/** How a person may type a ZIP code: as it is, a ZIP+4 as nine bare digits, with surrounding blanks. */
export const typedZipCode = (zip: ZipCode): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(zip, zip.replace('-', '')), fc.constantFrom('', ' ', '  '), fc.constantFrom('', ' ', '\t'))
    .map(([z, lead, trail]) => lead + z + trail)

const pad = (n: number, width: number): string => String(n).padStart(width, '0')
const einAssigned = (digits: string): boolean => !NEVER_ASSIGNED_EIN_PREFIXES.includes(digits.slice(0, 2))
const itinGroup = fc.constantFrom(...ITIN_GROUP_RANGES.flatMap(([low, high]) => Array.from({ length: high - low + 1 }, (_, i) => pad(low + i, 2))))
const notItinGroup = fc.integer({ min: 0, max: 99 }).map((g) => pad(g, 2)).filter((g) => !ITIN_GROUP_RANGES.some(([low, high]) => Number(g) >= low && Number(g) <= high))

/** Nine digits an SSN may have: area 001–899 but 666, group 01–99, serial 0001–9999. */
const ssnDigits = fc
  .tuple(fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
  .map(([area, group, serial]) => `${pad(area, 3)}${pad(group, 2)}${pad(serial, 4)}`)

/** Nine digits an ITIN may have: 9, two digits, an ITIN group (50–65, 70–88, 90–92, 94–99), four digits. */
const itinDigits = fc.tuple(digitsOf(0, 9, 2), itinGroup, digitsOf(0, 9, 4)).map(([area, group, serial]) => `9${area}${group}${serial}`)

/**
 * A Tax ID `parseTaxId` returns unchanged, and issued however it is written:
 * nine digits that may be an SSN or an ITIN and whose first two digits are an
 * EIN prefix the IRS assigns (see `../shared/REFERENCE.md`).
 */
export const validTaxId: fc.Arbitrary<TaxId> = fc
  .oneof(ssnDigits, itinDigits)
  .filter(einAssigned)
  .map((d) => d as TaxId)

/** An EIN the IRS may assign, as nine digits (write it bare or as 12-3456789): any prefix but the never-assigned ones. */
export const validEin: fc.Arbitrary<TaxId> = fc
  .tuple(fc.integer({ min: 0, max: 99 }).map((p) => pad(p, 2)).filter((p) => !NEVER_ASSIGNED_EIN_PREFIXES.includes(p)), digitsOf(0, 9, 7))
  .map(([prefix, rest]) => `${prefix}${rest}` as TaxId)

/**
 * A Tax ID as typed that can never have been issued, and the words its
 * refusal gives as the reason: an EIN with a never-assigned prefix; an SSN
 * with area 000, 666 or 900–999 (without an ITIN's 4th and 5th digits), group
 * 00 or serial 0000; nine bare digits that can be neither.
 */
export const invalidTaxId: fc.Arbitrary<{ readonly typed: string; readonly reason: string }> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NEVER_ASSIGNED_EIN_PREFIXES), digitsOf(0, 9, 7))
    .filter(([prefix, rest]) => `${prefix}${rest}` !== '000000000')
    .map(([prefix, rest]) => ({ typed: `${prefix}-${rest}`, reason: `${prefix} is never assigned as an EIN prefix` })),
  fc
    .tuple(fc.constantFrom('000', '666'), ssnDigits)
    .map(([area, d]) => ({ typed: `${area}-${d.slice(3, 5)}-${d.slice(5)}`, reason: `${area} is never issued as an SSN area number` })),
  fc
    .tuple(digitsOf(0, 9, 2), notItinGroup, digitsOf(0, 9, 4))
    .map(([area, group, serial]) => ({ typed: `9${area}-${group}-${serial}`, reason: `9${area} is never issued as an SSN area number` })),
  ssnDigits.map((d) => ({ typed: `${d.slice(0, 3)}-00-${d.slice(5)}`, reason: '00 is never issued as an SSN group number' })),
  ssnDigits.map((d) => ({ typed: `${d.slice(0, 3)}-${d.slice(3, 5)}-0000`, reason: '0000 is never issued as an SSN serial number' })),
  fc
    .tuple(fc.constantFrom('96', '97'), digitsOf(0, 9, 1), notItinGroup, digitsOf(0, 9, 4))
    .map(([prefix, third, group, serial]) => ({ typed: `${prefix}${third}${group}${serial}`, reason: `${prefix} is never assigned as an EIN prefix` }))
)

/** How a person may type a Tax ID of `validTaxId`: bare, as an EIN (12-3456789) or SSN-style (123-45-6789), with surrounding blanks. */
export const typedTaxId = (tin: TaxId): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(tin, `${tin.slice(0, 2)}-${tin.slice(2)}`, `${tin.slice(0, 3)}-${tin.slice(3, 5)}-${tin.slice(5)}`),
      fc.constantFrom('', ' ', '  '),
      fc.constantFrom('', ' ', '\t')
    )
    .map(([t, lead, trail]) => lead + t + trail)

const notN11 = (three: string): boolean => three.slice(1) !== '11'

/**
 * A NANP number `parsePhoneNumber` returns unchanged: ten digits; area code and
 * exchange start with 2–9 and are not N11; the area code's second digit is not 9.
 */
export const validPhoneNumber: fc.Arbitrary<PhoneNumber> = fc
  .tuple(
    fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 9 })).map((ds) => ds.join('')).filter(notN11),
    fc.tuple(fc.integer({ min: 2, max: 9 }), digitsOf(0, 9, 2)).map(([a, b]) => `${a}${b}`).filter(notN11),
    digitsOf(0, 9, 4)
  )
  .map(([area, exchange, line]) => `${area}${exchange}${line}` as PhoneNumber)

/** How a person may write a phone number: (215) 555-0134, 215-555-0134, 215.555.0134, +1 215 555 0134, 1-215-555-0134… */
export const typedPhoneNumber = (phone: PhoneNumber): fc.Arbitrary<string> => {
  const [a, e, l] = [phone.slice(0, 3), phone.slice(3, 6), phone.slice(6)]
  return fc
    .tuple(
      fc.constantFrom(`(${a}) ${e}-${l}`, `${a}-${e}-${l}`, `${a}.${e}.${l}`, `${a} ${e} ${l}`, `${a}${e}${l}`, `(${a})${e}-${l}`),
      fc.constantFrom('', '', '1', '1-', '1 ', '+1 ', '+1', '+1-'),
      fc.constantFrom('', ' ', '  '),
      fc.constantFrom('', ' ', '\t')
    )
    .map(([body, prefix, lead, trail]) => lead + prefix + body + trail)
}

/** A Harmony Provider ID in canonical form (6 to 10 upper-case letters or digits). */
export const harmonyProviderId: fc.Arbitrary<ProviderId> = fc.stringMatching(harmonyProviderIdFormat.pattern).map((s) => s as ProviderId)

// -------------------------------------------------------------------------------------
// challenge answers and temporary passwords
// -------------------------------------------------------------------------------------

/**
 * Letters and digits whose case-folded, NFKC form is themselves (no σ/ς, whose
 * lower case depends on the position in the word; no ß, which folds to "ss").
 */
export const ANSWER_LETTERS = Array.from('abcdefghijklmnopqrstuvwxyz0123456789éèêñüöøåçłđαβγδλμπжщяд李王やま')

const answerWord = fc.array(fc.constantFrom(...ANSWER_LETTERS), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''))

/**
 * A security answer in normalised form, which `parseAnswer` returns unchanged:
 * words of lower-case letters and digits (several scripts) separated by single
 * spaces, 2 to 100 characters.
 */
export const validSecurityAnswer: fc.Arbitrary<NormalisedAnswer> = fc
  .array(answerWord, { minLength: 1, maxLength: 6 })
  .map((ws) => ws.join(' '))
  .filter((a) => Array.from(a).length >= ANSWER_RULE.minimum && Array.from(a).length <= ANSWER_RULE.maximum)
  .map((a) => a as NormalisedAnswer)

/** White space a person may type between words, or around them: spaces, tabs, NBSP, newlines, ideographic and em spaces. */
export const WHITE_SPACE = [' ', '  ', '\t', '\u00a0', '\n', '\r\n', '\u3000', '\u2003', ' \t ']

const LIGATURES: ReadonlyArray<readonly [string, string]> = [
  ['ffi', '\ufb03'],
  ['ffl', '\ufb04'],
  ['ff', '\ufb00'],
  ['fi', '\ufb01'],
  ['fl', '\ufb02']
]

/** One character typed another way: upper case, decomposed (NFD), or full-width (ASCII letters and digits). */
const typedChar = (c: string): fc.Arbitrary<string> => {
  const forms = new Set([c, c.toUpperCase(), c.normalize('NFD'), c.toUpperCase().normalize('NFD')])
  if (/^[A-Za-z0-9]$/.test(c)) for (const x of [c, c.toUpperCase()]) forms.add(String.fromCharCode(0xff01 + x.charCodeAt(0) - 0x21))
  return fc.constantFrom(...forms)
}

/** A word cut into characters, or, when `ligatures`, with letter pairs such as "fi" kept together to be typed as one ligature. */
const tokens = (word: string, ligatures: boolean): string[] => {
  const out: string[] = []
  const cs = Array.from(word)
  for (let i = 0; i < cs.length; ) {
    const rest = cs.slice(i).join('')
    const lig = ligatures ? LIGATURES.find(([plain]) => rest.startsWith(plain)) : undefined
    out.push(lig?.[0] ?? (cs[i] as string))
    i += lig === undefined ? 1 : lig[0].length
  }
  return out
}

/** One word typed another way, character by character, some letter pairs as ligatures (ﬁ, ﬂ, ﬀ…). */
const typedWord = (word: string): fc.Arbitrary<string> =>
  fc
    .boolean()
    .chain((ligatures) =>
      fc.tuple(...tokens(word, ligatures).map((t) => (t.length > 1 ? fc.constant(LIGATURES.find(([plain]) => plain === t)?.[1] ?? t) : typedChar(t))))
    )
    .map((parts) => parts.join(''))

/**
 * The same answer as a person may type it: any letter case, decomposed or
 * full-width characters, ligatures, and any white-space runs between and
 * around the words. Normalises to the answer.
 */
export const typedAnswerOf = (answer: string): fc.Arbitrary<string> => {
  const words = answer.split(' ')
  const space = fc.constantFrom(...WHITE_SPACE)
  return fc
    .tuple(
      fc.tuple(...words.map(typedWord)),
      fc.array(space, { minLength: words.length, maxLength: words.length }),
      fc.constantFrom('', ...WHITE_SPACE),
      fc.constantFrom('', ...WHITE_SPACE)
    )
    .map(([ws, gaps, lead, trail]) => lead + ws.map((w, i) => (i === 0 ? w : (gaps[i] ?? ' ') + w)).join('') + trail)
}

/** Characters a temporary password may hold under `policy`. */
export const temporaryPasswordOf = (policy: TemporaryPasswordPolicy): fc.Arbitrary<string> =>
  fc.array(charOf(policy.alphabet), { minLength: policy.length, maxLength: policy.length }).map((cs) => cs.join(''))

// -------------------------------------------------------------------------------------
// organisations (see src/organizations/provider-registration.ts)
// -------------------------------------------------------------------------------------

/** Some of the access areas (at least one), in the order forms list them. */
export const accessAreas: fc.Arbitrary<ReadonlyArray<AccessArea>> = fc.subarray([...ACCESS_AREAS], { minLength: 1 })

/** A user `validateAboutYou` accepts unchanged. */
export const validOrganisationUser: fc.Arbitrary<OrganisationUser> = fc
  .record({
    firstName: validPersonName,
    lastName: validPersonName,
    email: validEmailAddress,
    phone: validPhoneNumber,
    access: accessAreas
  })
  .map((u) => ({ ...u }))

/** An organisation name `validateAboutYou` accepts unchanged: words of letters, digits and & . , ' - separated by single spaces, at most 100 characters. */
export const validOrganisationName: fc.Arbitrary<string> = fc
  .array(fc.stringMatching(/^[A-Za-z0-9&.,'-]{1,14}$/), { minLength: 1, maxLength: 6 })
  .map((ws) => ws.join(' '))
  .filter((s) => s.length <= 100)

/** "Tell us about yourself" as `validateAboutYou` returns it: an organisation and one to five users. */
export const validAboutYou: fc.Arbitrary<{ readonly organisation: Organisation; readonly users: ReadonlyArray<OrganisationUser> }> = fc
  .tuple(validOrganisationName, validPhoneNumber, fc.array(validOrganisationUser, { minLength: 1, maxLength: 5 }))
  .map(([name, phone, users]) => ({ organisation: { name, phone }, users }))

// -------------------------------------------------------------------------------------
// provider accounts
// -------------------------------------------------------------------------------------

/** A registration reference as printed on the confirmation page: HWR- and 8 unambiguous letters and digits. */
export const registrationReference: fc.Arbitrary<string> = fc.stringMatching(/^HWR-[A-HJ-NP-Z2-9]{8}$/)

/**
 * A new, never-saved provider's account (Harmony): no date of birth, a
 * provider relationship, a fresh security challenge and, half the time, a
 * 30-day temporary password issued when the account was created (which may
 * have expired by now).
 */
export const validProviderAccount = (today = '2026-11-22'): fc.Arbitrary<Account> =>
  fc
    .tuple(validAccount(today), harmonyProviderId, registrationReference, fc.constantFrom(...harmonySecurityQuestions.map((q) => q.id)), hex(64), fc.boolean(), hex(64))
    .map(([base, providerId, registrationId, questionId, answerHash, temporary, temporaryDigest]): Account => {
      const expiresAt = DateTime.fromISO(base.createdAt, { zone: 'America/New_York' }).plus({ days: 30 }).toISO() as string
      return {
        ...base,
        dateOfBirth: null,
        relationship: { kind: 'provider', providerId, registrationId },
        temporaryPassword: temporary ? { issuedAt: base.createdAt, expiresAt } : null,
        // The one issued at registration is remembered, whether or not it has been replaced since.
        issuedTemporaryPasswords: [{ digest: temporaryDigest as KeyedHash, expiresAt }],
        challenge: { questionId, answerHash: answerHash as KeyedHash, failedAnswers: 0, lockedUntil: null }
      }
    })


export * from './storage-contract'

// -------------------------------------------------------------------------------------
// prior authorization (see src/kernel/npi.ts, src/prior-authorization/code-sets.ts)
// -------------------------------------------------------------------------------------

import { Npi, npiCheckDigit } from '../kernel/npi'
import { ClassifiedProcedureCode, IcdCode, PLACES_OF_SERVICE, PlaceOfServiceCode, ProcedureCode } from '../prior-authorization/code-sets'

/** A valid NPI: 1 or 2, eight more digits, and the Luhn check digit over 80840 and the first nine. */
export const validNpi: fc.Arbitrary<Npi> = fc
  .tuple(fc.constantFrom('1', '2'), fc.stringMatching(/^[0-9]{8}$/))
  .map(([first, rest]) => `${first}${rest}${npiCheckDigit(first + rest) ?? 0}` as Npi)

/** One of the 52 assigned CMS Place of Service codes. */
export const validPlaceOfServiceCode: fc.Arbitrary<PlaceOfServiceCode> = fc.constantFrom(...PLACES_OF_SERVICE.map((p) => p.code))

const icdCharacter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWYZ0123456789') // no X: placed by the arbitrary

/**
 * A well-formed ICD-10-CM code in the dotted upper-case form `parseIcdCode`
 * returns unchanged: a letter, a digit, a digit or letter, then 0–4 letters or
 * digits; a 7-character code may hold X placeholders in the 4th–6th places.
 * (Format only: most such codes are not in any release.)
 */
export const validIcdCode: fc.Arbitrary<IcdCode> = fc
  .tuple(
    fc.stringMatching(/^[A-Z][0-9][A-Z0-9]$/),
    fc.integer({ min: 0, max: 4 }).chain((n) =>
      fc.array(icdCharacter, { minLength: n, maxLength: n }).chain((cs) =>
        n < 4
          ? fc.constant(cs.join(''))
          : fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }).map((xs) => cs.map((c, i) => (i < 3 && xs[i] ? 'X' : c)).join(''))
      )
    )
  )
  .map(([category, rest]) => (rest === '' ? category : `${category}.${rest}`) as IcdCode)

/** How a person may type an ICD-10-CM code: with or without the dot, any letter case, surrounding blanks. */
export const typedIcdCode = (code: IcdCode): fc.Arbitrary<string> =>
  fc
    .tuple(caseVariantOf(code), fc.boolean(), fc.constantFrom('', ' '), fc.constantFrom('', ' ', '\t'))
    .map(([c, keepDot, lead, trail]) => lead + (keepDot ? c : c.replace('.', '')) + trail)

/** A procedure code and its system: CPT Category I, II, III, CPT PLA or HCPCS Level II, in the form `parseProcedureCode` returns. */
export const validClassifiedProcedureCode: fc.Arbitrary<ClassifiedProcedureCode> = fc.oneof(
  fc.stringMatching(/^[0-9]{5}$/).map((c) => ({ system: 'cpt-category-i' as const, code: c as ProcedureCode })),
  fc.stringMatching(/^[0-9]{4}F$/).map((c) => ({ system: 'cpt-category-ii' as const, code: c as ProcedureCode })),
  fc.stringMatching(/^[0-9]{4}T$/).map((c) => ({ system: 'cpt-category-iii' as const, code: c as ProcedureCode })),
  fc.stringMatching(/^[0-9]{4}U$/).map((c) => ({ system: 'cpt-pla' as const, code: c as ProcedureCode })),
  fc.stringMatching(/^[A-V][0-9]{4}$/).map((c) => ({ system: 'hcpcs-level-ii' as const, code: c as ProcedureCode }))
)

/** A procedure code `parseProcedureCode` returns unchanged. */
export const validProcedureCode: fc.Arbitrary<ProcedureCode> = validClassifiedProcedureCode.map((p) => p.code)
export * from './prior-authorization'
