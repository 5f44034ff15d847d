/**
 * Sign-up forms side by side with zod 4, in one run (tinybench): the HPP
 * credentials and profile screens, Harmony's "Identify yourself" and "Tell us
 * about yourself" provider forms, and the prior-authorization member step.
 * - library: the pure validator, called exactly as the portal calls it
 *   (`validateCredentials(policy)(form)`, `validateProfile(formats, today)(form)`…),
 *   every error collected;
 * - zod 4: a schema of the same fields and rules (lengths, formats, required
 *   fields, real calendar dates before today and within 130 years, B2C Strong
 *   as a hand-written `superRefine`), used as a team would: `safeParse`, every
 *   issue collected.
 * One fixed seeded corpus per form, valid and invalid (blank required fields,
 * bad formats, bad dates, too long). Before anything is timed both sides must
 * agree on every input: valid or not, and which fields are in error.
 * Targets: valid no slower than zod (×1), invalid at most half zod's time (×0.5).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Task } from 'tinybench' with { 'resolution-mode': 'import' }
import { z } from 'zod'
import { validateCredentials, validateProfile } from '../src/accounts/sign-up/flow'
import { validateIdentity } from '../src/accounts/provider-registration/flow'
import { ACCESS_AREAS, validateAboutYou } from '../src/organizations/provider-registration'
import { validateMemberQuery } from '../src/prior-authorization/request'
import { azureB2cStrong, B2C_SYMBOLS } from '../src/credentials/password-policy'
import { ITIN_GROUP_RANGES, NEVER_ASSIGNED_EIN_PREFIXES } from '../src/kernel/us-identifiers'
import { USERNAME_RULE } from '../src/kernel/username'
import { TEXT_LIMITS } from '../src/kernel/form'
import { MAXIMUM_AGE_YEARS } from '../src/kernel/person'
import { memberIdFormat as hppMemberIdFormat, representativeIdFormat as hppRepresentativeIdFormat } from '../src/portals/hpp'
import { memberIdFormat as harmonyMemberIdFormat, providerIdFormat as harmonyProviderIdFormat } from '../src/portals/harmony'
import { Validation } from '../src/kernel/validation'
import { BenchModule, BenchOptions, duration, formatTable, taskBudget, times } from './report'

/** The plan's local date every form is judged against. */
const TODAY = '2026-12-03'

export interface FormRow {
  readonly form: string
  /** Nanoseconds per form. */
  readonly libraryValidNs: number
  readonly zodValidNs: number
  /** library time ÷ zod time (target at most 1). */
  readonly validRatio: number
  readonly libraryInvalidNs: number
  readonly zodInvalidNs: number
  /** library time ÷ zod time (target at most 0.5). */
  readonly invalidRatio: number
}

const VALID_TARGET = 1
const INVALID_TARGET = 0.5

// -------------------------------------------------------------------------------------
// the zod side: the same rules, written as a team would
// -------------------------------------------------------------------------------------

/** Required text as the library reads it: at most `maximum` as typed, trimmed, not blank. */
const text = (maximum: number) => z.string().max(maximum).trim().min(1)

const NAME = /^\p{L}[\p{L}\p{M}' .-]*$/u
const personName = text(TEXT_LIMITS.short)
  .overwrite((s) => s.normalize('NFC').replace(/\s+/g, ' '))
  .max(50)
  .regex(NAME)

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
/** MM-DD-YYYY, MM/DD/YYYY or YYYY-MM-DD to ISO when it is a real date, else null. */
const isoOf = (s: string): string | null => {
  const us = /^(\d{2})([-/])(\d{2})\2(\d{4})$/.exec(s)
  const iso = us === null ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null
  const [y, m, d] = us !== null ? [Number(us[4]), Number(us[1]), Number(us[3])] : iso !== null ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0]
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && isLeapYear(y) ? 29 : (DAYS[m - 1] as number))) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
const OLDEST = `${String(Number(TODAY.slice(0, 4)) - MAXIMUM_AGE_YEARS).padStart(4, '0')}${TODAY.slice(4)}`
const dateOfBirth = text(TEXT_LIMITS.short).superRefine((s, ctx) => {
  const iso = isoOf(s)
  if (iso === null) ctx.addIssue({ code: 'custom', message: 'must be a real calendar date written MM-DD-YYYY' })
  else if (iso >= TODAY) ctx.addIssue({ code: 'custom', message: 'must be before today' })
  else if (iso < OLDEST) ctx.addIssue({ code: 'custom', message: `must be within the last ${MAXIMUM_AGE_YEARS} years` })
})

const identifier = (pattern: RegExp) =>
  text(TEXT_LIMITS.short)
    .overwrite((s) => s.replace(/[\s-]/g, '').replace(/[a-z]/g, (c) => c.toUpperCase()))
    .regex(pattern)

const EMAIL_LOCAL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
const EMAIL_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
const EMAIL = new RegExp(`^(?=[^@]{1,64}@)${EMAIL_LOCAL}@(?:${EMAIL_LABEL}\\.)+(?=[A-Za-z0-9-]*[A-Za-z])${EMAIL_LABEL}$`)
const email = text(TEXT_LIMITS.email).regex(EMAIL)

const B2C_SYMBOL_SET = new Set(B2C_SYMBOLS)
/** Azure AD B2C Strong, by hand: 8 to 64 characters, only letters, digits and its symbols, 3 of those 4 classes. */
const b2cStrong = (p: string, ctx: z.RefinementCtx) => {
  if (p.length < 8) ctx.addIssue({ code: 'custom', message: 'at least 8 characters' })
  if (p.length > 64) ctx.addIssue({ code: 'custom', message: 'at most 64 characters' })
  const classes = [/[a-z]/.test(p), /[A-Z]/.test(p), /[0-9]/.test(p), [...p].some((c) => B2C_SYMBOL_SET.has(c))].filter(Boolean).length
  if ([...p].some((c) => !/[A-Za-z0-9]/.test(c) && !B2C_SYMBOL_SET.has(c))) ctx.addIssue({ code: 'custom', message: 'only letters, digits and symbols' })
  if (classes < 3) ctx.addIssue({ code: 'custom', message: '3 of lowercase, uppercase, digits and symbols' })
}

const zodCredentials = z
  .object({
    username: text(TEXT_LIMITS.short).min(USERNAME_RULE.minimum).max(USERNAME_RULE.maximum).regex(USERNAME_RULE.pattern),
    newPassword: z.string().max(TEXT_LIMITS.password).min(1).superRefine(b2cStrong),
    confirmNewPassword: z.string().max(TEXT_LIMITS.password).min(1),
    email
  })
  .refine((f) => f.newPassword === f.confirmNewPassword, {
    path: ['confirmNewPassword'],
    message: 'must match newPassword',
    // a mismatch is said even when other fields are wrong, as the screen does
    when: (p) => {
      const v = p.value as { newPassword?: unknown; confirmNewPassword?: unknown }
      return typeof v.newPassword === 'string' && v.newPassword !== '' && v.newPassword.length <= TEXT_LIMITS.password && typeof v.confirmNewPassword === 'string' && v.confirmNewPassword !== '' && v.confirmNewPassword.length <= TEXT_LIMITS.password
    }
  })

const zodProfile = z.intersection(
  z.object({ firstName: personName, lastName: personName, dateOfBirth }),
  z.discriminatedUnion('iAmA', [
    z.object({ iAmA: z.literal('member'), memberId: identifier(hppMemberIdFormat.pattern) }),
    z.object({ iAmA: z.literal('representative'), representativeId: identifier(hppRepresentativeIdFormat.pattern) })
  ])
)

const einIssued = (d: string) => !NEVER_ASSIGNED_EIN_PREFIXES.includes(d.slice(0, 2))
const ssnIssued = (d: string) => {
  const area = d.slice(0, 3)
  if (area.startsWith('9')) {
    const group = Number(d.slice(3, 5))
    return ITIN_GROUP_RANGES.some(([lo, hi]) => group >= lo && group <= hi)
  }
  return area !== '000' && area !== '666' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000'
}
const zodIdentify = z.object({
  providerId: identifier(harmonyProviderIdFormat.pattern),
  zipCode: text(TEXT_LIMITS.short)
    .overwrite((s) => s.replace(/\s/g, ''))
    .regex(/^(\d{5})(?:-?(\d{4}))?$/)
    .refine((s) => !s.startsWith('00000') && !/^\d{5}-?0000$/.test(s)),
  taxId: text(TEXT_LIMITS.short)
    .overwrite((s) => s.replace(/\s/g, ''))
    .regex(/^(?:\d{9}|\d{2}-\d{7}|\d{3}-\d{2}-\d{4})$/)
    .refine((s) => {
      const d = s.replace(/-/g, '')
      if (d === '000000000') return false
      return /^\d{2}-/.test(s) ? einIssued(d) : /^\d{3}-/.test(s) ? ssnIssued(d) : einIssued(d) || ssnIssued(d)
    })
})

/** A NANP number: punctuation and a leading 1 dropped, ten digits, area and exchange 2–9 and not N11, no area code with 9 second. */
const phone = text(TEXT_LIMITS.short)
  .regex(/^[\d\s().+-]+$/)
  .refine((s) => {
    let d = s.replace(/\D/g, '')
    if (d.length === 11 && d.startsWith('1')) d = d.slice(1)
    return /^[2-9][0-8]\d[2-9]\d{6}$/.test(d) && !/^\d11/.test(d) && !/^\d{4}11/.test(d)
  })
const access = z
  .union([z.string().max(512).transform((s) => s.split(/[\s,]+/).filter((w) => w !== 'and')), z.array(z.unknown()).max(32)])
  .transform((l) => l.filter((x) => x !== ''))
  .pipe(z.array(z.unknown()).min(1).refine((l) => l.every((a) => (ACCESS_AREAS as ReadonlyArray<unknown>).includes(a))))
const zodAboutYou = z.object({
  organisation: z.object({ name: text(TEXT_LIMITS.line).max(100), phone }),
  users: z.array(z.object({ firstName: personName, lastName: personName, email, phone, access })).min(1).max(25)
})

const zodMemberById = z.object({ memberId: identifier(harmonyMemberIdFormat.pattern) })
const zodMemberByName = z.object({ firstName: personName, lastName: personName, dateOfBirth })
const blank = (x: unknown) => x === undefined || x === null || (typeof x === 'string' && x.length <= TEXT_LIMITS.short && x.trim() === '')
/** The step asks for a Member ID, or else the name and date of birth: the form picks its schema as the screen does. */
const zodMemberQuery = {
  safeParse: (f: Record<string, unknown>) =>
    !blank(f.memberId) || (blank(f.firstName) && blank(f.lastName) && blank(f.dateOfBirth)) ? zodMemberById.safeParse(f) : zodMemberByName.safeParse(f)
}

// -------------------------------------------------------------------------------------
// the corpus
// -------------------------------------------------------------------------------------

/** A small seeded generator (mulberry32): the same corpus every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
type Random = () => number
const pick = <A>(r: Random, xs: ReadonlyArray<A>): A => xs[Math.floor(r() * xs.length)] as A
const digitsOf = (r: Random, n: number) => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('')

const FIRST = ['Jane', 'Mary Ann', "D'Arcy", 'José', 'Anne-Marie', 'Zoë', 'Li', 'Robert']
const LAST = ['Doe', "O'Neil", 'Smith-Jones', 'García', 'St. John', 'Nguyen', 'Van der Berg']
const DOMAINS = ['example.com', 'gmail.com', 'mail.example.org', 'healthpartners.com']
const PASSWORDS = ['Spring#2026', 'Winter2026!', 'correct-Horse7', 'Tr0ub4dor&3', 'Blue$Sky42', 'abcDEF123']
const TOO_LONG = 'x'.repeat(300)

const validDate = (r: Random) => {
  const y = 1930 + Math.floor(r() * 90)
  const m = 1 + Math.floor(r() * 12)
  const d = 1 + Math.floor(r() * 28)
  const p = (n: number) => String(n).padStart(2, '0')
  return pick(r, [`${p(m)}-${p(d)}-${y}`, `${p(m)}-${p(d)}-${y}`, `${p(m)}/${p(d)}/${y}`, `${y}-${p(m)}-${p(d)}`])
}
const BAD_DATES = ['02-30-1985', '13-01-1990', '1985-14-03', '3/14/85', 'March 14 1985', '12-25-2030', '12-03-2026', '01-01-1850', '00-00-0000', '14-03-1985']
const emailFor = (r: Random, name: string) => `${name.toLowerCase().replace(/[^a-z]/g, '')}${digitsOf(r, 2)}@${pick(r, DOMAINS)}`

type Form = Record<string, unknown>
/** A valid form, and the ways people get each field wrong. */
interface FormKind {
  readonly name: string
  readonly valid: (r: Random) => Form
  readonly mistakes: Readonly<Record<string, ReadonlyArray<unknown>>>
  readonly library: (f: Form) => Validation<unknown>
  readonly zod: { readonly safeParse: (f: Form) => { readonly success: boolean; readonly error?: { readonly issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey> }> } } }
}

const FORMS: ReadonlyArray<FormKind> = [
  {
    name: 'HPP sign-up, credentials',
    valid: (r) => {
      const first = pick(r, FIRST)
      const pw = pick(r, PASSWORDS)
      return { username: `${first.replace(/[^A-Za-z]/g, '')}${digitsOf(r, 3)}`, newPassword: pw, confirmNewPassword: pw, email: emailFor(r, first) }
    },
    mistakes: {
      username: ['', '  ', 'jo', 'jane doe', '.jane', TOO_LONG, undefined],
      newPassword: ['', 'short', 'alllowercase', 'Spring 2026', 'ÉtéSoleil2026', TOO_LONG.repeat(4)],
      confirmNewPassword: ['', 'Spring#2025', undefined],
      email: ['', 'jane', 'jane@', 'jane@example', '@example.com', 'jane..doe@example.com', 'jane@exa_mple.com', TOO_LONG]
    },
    library: (f) => validateCredentials(azureB2cStrong)(f),
    zod: zodCredentials
  },
  {
    name: 'HPP sign-up, profile',
    valid: (r) => {
      const member = r() < 0.7
      return {
        firstName: pick(r, FIRST),
        lastName: pick(r, LAST),
        dateOfBirth: validDate(r),
        iAmA: member ? 'member' : 'representative',
        ...(member ? { memberId: pick(r, [`HP${digitsOf(r, 8)}`, `hp${digitsOf(r, 4)}-${digitsOf(r, 4)}`]) } : { representativeId: `PR${digitsOf(r, 8)}` })
      }
    },
    mistakes: {
      firstName: ['', '  ', 'J4ne', '-Jane', 'x'.repeat(60), TOO_LONG, undefined],
      lastName: ['', 'Doe!', '123', undefined],
      dateOfBirth: ['', undefined, ...BAD_DATES],
      iAmA: ['', 'parent', undefined],
      memberId: ['', 'HP12', 'HP1234567890123', 'HP1234#678'],
      representativeId: ['', 'PR1234', 'XX12345678']
    },
    library: (f) => validateProfile({ memberId: hppMemberIdFormat, representativeId: hppRepresentativeIdFormat }, TODAY)(f),
    zod: zodProfile
  },
  {
    name: 'Harmony provider, identify yourself',
    valid: (r) => ({
      providerId: pick(r, [`HAR${digitsOf(r, 4)}`, `${digitsOf(r, 8)}`, `hm-${digitsOf(r, 5)}`]),
      zipCode: pick(r, [`19${digitsOf(r, 1)}0${1 + Math.floor(r() * 9)}`, `191${digitsOf(r, 1)}3-27${digitsOf(r, 1)}9`]),
      taxId: pick(r, [`12-345${digitsOf(r, 4)}`, `23-${digitsOf(r, 6)}1`, `123-45-${digitsOf(r, 3)}1`])
    }),
    mistakes: {
      providerId: ['', 'AB12', 'ABCDEFGHIJK12', 'AB#1234', undefined],
      zipCode: ['', '1910', '00000', '19103-0000', 'ABCDE', '191031234567'],
      taxId: ['', '12345678', '00-0000000', '07-1234567', '666-12-3456', '123-00-4567', 'AB-CDEFGHI', undefined]
    },
    library: (f) => validateIdentity(harmonyProviderIdFormat)(f),
    zod: zodIdentify
  },
  {
    name: 'Harmony provider, about you',
    valid: (r) => ({
      organisation: { name: pick(r, ['Main Street Clinic', 'St. Mary  Family Practice', 'Harmony Pediatrics, LLC']), phone: pick(r, ['(215) 555-0134', '+1 215 555 0199', '267.555.0100']) },
      users: Array.from({ length: 1 + Math.floor(r() * 2) }, () => {
        const first = pick(r, FIRST)
        return {
          firstName: first,
          lastName: pick(r, LAST),
          email: emailFor(r, first),
          phone: pick(r, ['215-555-0134', '(610) 555 0101']),
          access: pick(r, [['claims', 'eligibility'], 'claims, prior-authorizations and payments', ['payments']])
        }
      })
    }),
    mistakes: {
      organisation: [
        { name: '', phone: '215-555-0134' },
        { name: 'Clinic', phone: '555-0134' },
        { name: 'x'.repeat(120), phone: '(215) 555-0134' },
        { name: 'Clinic', phone: '(911) 555-0134' }
      ],
      users: [
        [],
        [{ firstName: '', lastName: 'Doe', email: 'jane@example.com', phone: '215-555-0134', access: ['claims'] }],
        [{ firstName: 'Jane', lastName: 'Doe', email: 'jane@', phone: '215-555-0134', access: ['claims'] }],
        [{ firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phone: '215-155-0134', access: [] }],
        [{ firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phone: '215-555-0134', access: 'claims, billing' }],
        [
          { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', phone: '215-555-0134', access: ['claims'] },
          { firstName: 'J0hn', lastName: '', email: 'john@example.com', phone: '2155550134', access: ['everything'] }
        ]
      ]
    },
    library: (f) => validateAboutYou(f),
    zod: zodAboutYou
  },
  {
    name: 'prior authorization, member step',
    valid: (r) =>
      r() < 0.5 ? { memberId: `HM${digitsOf(r, 8)}` } : { memberId: '', firstName: pick(r, FIRST), lastName: pick(r, LAST), dateOfBirth: validDate(r) },
    mistakes: {
      memberId: ['HM12', 'HM#12345678', TOO_LONG],
      firstName: ['', 'J4ne', 'x'.repeat(60)],
      lastName: ['', 'Doe!'],
      dateOfBirth: ['', ...BAD_DATES]
    },
    library: (f) => validateMemberQuery(harmonyMemberIdFormat, TODAY)(f),
    zod: zodMemberQuery
  }
]

/** `size` valid forms and `size` invalid ones (one to three fields wrong, each a typical mistake). */
const corpusOf = (kind: FormKind, size: number, seed: number): { readonly valid: Form[]; readonly invalid: Form[] } => {
  const r = seeded(seed)
  const valid: Form[] = []
  const invalid: Form[] = []
  const fields = Object.keys(kind.mistakes)
  while (valid.length < size || invalid.length < size) {
    const form = kind.valid(r)
    if (valid.length < size && r() < 0.5) {
      valid.push(form)
      continue
    }
    const wrong = { ...form }
    for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
      const f = pick(r, fields)
      wrong[f] = pick(r, kind.mistakes[f] as ReadonlyArray<unknown>)
    }
    if (E.isLeft(kind.library(wrong)) && invalid.length < size) invalid.push(wrong)
  }
  return { valid, invalid }
}

// -------------------------------------------------------------------------------------
// agreement, then timing
// -------------------------------------------------------------------------------------

/** The fields in error, as the library names them (`users[0].email`). */
const zodFields = (issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey> }>): string[] =>
  [...new Set(issues.map((i) => i.path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? String(p) : `${s}.${String(p)}`), '')))].sort()
const libraryFields = (v: Validation<unknown>): string[] => (E.isLeft(v) ? [...new Set(v.left.map((e) => ('field' in e ? String(e.field) : '')))].sort() : [])

const checkAgreement = (kind: FormKind, forms: ReadonlyArray<Form>, expectValid: boolean): void => {
  for (const f of forms) {
    const ours = kind.library(f)
    const theirs = kind.zod.safeParse(f)
    const a = libraryFields(ours)
    const b = theirs.success ? [] : zodFields(theirs.error?.issues ?? [])
    if (E.isRight(ours) !== expectValid || theirs.success !== expectValid || a.join() !== b.join())
      throw new Error(`forms bench: library and zod disagree on ${kind.name}, nothing is timed: ${JSON.stringify(f)}: library ${JSON.stringify(a)}, zod ${JSON.stringify(b)}`)
  }
}

const nsOf = (task: Task, items: number): number => {
  const r = task.result
  if (r.state !== 'completed') throw new Error(`forms bench: ${task.name} ${r.state}${r.state === 'errored' ? `: ${r.error.message}` : ''}`)
  return (r.latency.mean * 1e6) / items
}

/** Every form, library and zod back to back on the same corpus half. */
export const formsBench = async (options: BenchOptions): Promise<ReadonlyArray<FormRow>> => {
  const { Bench } = await import('tinybench')
  const b = taskBudget(options)
  const bench = new Bench({ name: 'forms', time: b.time, iterations: b.iterations, warmupTime: b.warmupTime, warmupIterations: b.warmupIterations, throws: true })
  const size = options.quick ? 40 : 200
  let sink = 0
  FORMS.forEach((kind, i) => {
    const corpus = corpusOf(kind, size, 7919 * (i + 1))
    checkAgreement(kind, corpus.valid, true)
    checkAgreement(kind, corpus.invalid, false)
    for (const [half, forms] of [['valid', corpus.valid], ['invalid', corpus.invalid]] as const) {
      bench.add(`${kind.name}, ${half} / library`, () => {
        for (const f of forms) if (E.isLeft(kind.library(f))) sink++
      })
      bench.add(`${kind.name}, ${half} / zod`, () => {
        for (const f of forms) if (!kind.zod.safeParse(f).success) sink++
      })
    }
  })
  await bench.run()
  if (sink < 0) throw new Error('unreachable')
  const ns = (name: string) => nsOf(bench.getTask(name) as Task, size)
  return FORMS.map((kind) => {
    const libraryValidNs = ns(`${kind.name}, valid / library`)
    const zodValidNs = ns(`${kind.name}, valid / zod`)
    const libraryInvalidNs = ns(`${kind.name}, invalid / library`)
    const zodInvalidNs = ns(`${kind.name}, invalid / zod`)
    return { form: kind.name, libraryValidNs, zodValidNs, validRatio: libraryValidNs / zodValidNs, libraryInvalidNs, zodInvalidNs, invalidRatio: libraryInvalidNs / zodInvalidNs }
  })
}

// -------------------------------------------------------------------------------------
// the section
// -------------------------------------------------------------------------------------

/** The section: valid forms no slower than zod, invalid ones at most half zod's time. */
export const formsSection: BenchModule = {
  key: 'forms',
  run: async (options) => {
    const rows = await formsBench(options)
    const table = formatTable(
      ['form (ns per form)', 'library valid', 'zod valid', 'ratio', 'library invalid', 'zod invalid', 'ratio'],
      rows.map((r) => [r.form, duration(r.libraryValidNs), duration(r.zodValidNs), times(r.validRatio), duration(r.libraryInvalidNs), duration(r.zodInvalidNs), times(r.invalidRatio)])
    )
    return {
      key: 'forms',
      title: `Sign-up forms vs zod 4 (same run, same corpus; targets: valid ≤ ×${VALID_TARGET}, invalid ≤ ×${INVALID_TARGET} zod's time)`,
      table,
      data: rows.map((r) => ({ ...r, meetsValidTarget: r.validRatio <= VALID_TARGET, meetsInvalidTarget: r.invalidRatio <= INVALID_TARGET })),
      missedTargets: rows.flatMap((r) => [
        ...(r.validRatio > VALID_TARGET ? [`valid ${r.form}: ${times(r.validRatio)} zod's time, target at most ×${VALID_TARGET}`] : []),
        ...(r.invalidRatio > INVALID_TARGET ? [`invalid ${r.form}: ${times(r.invalidRatio)} zod's time, target at most ×${INVALID_TARGET}`] : [])
      ])
    }
  }
}
