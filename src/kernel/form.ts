/**
 * Reading outside input before any parsing: a form's named own fields, a list
 * within its limit, text within its length. Whatever a caller passes
 * (`undefined`, `null`, a number, a Proxy whose traps throw, a getter that
 * throws, `__proto__` keys) the answer is a typed `Either`, never a throw.
 *
 * The errors of one call are bounded by the shape of its form, never by the
 * size of the input: one error per field (a new password: one per rule of its
 * policy), the same for each entry of a list within that list's limit, and one
 * per list (a list over its limit is a single `list.too-long`, its entries
 * unread). For the presets' forms that is at most 127, Harmony's "Tell us
 * about yourself" with every field wrong: 2 organisation fields and 25 users
 * of 5 fields.
 *
 * @since 0.2.0
 */
import * as E from './either'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError, ErrorOf } from './errors'
import type { Validation } from './validation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A form as read: exactly the named fields, on a record without a prototype. */
export type FormOf<K extends string> = { readonly [P in K]: unknown }

/**
 * How long text may be before it is even parsed, per kind of field. Each is
 * above the field's own rule (a 65-character username still gets the username
 * rule), so this only stops input no rule could accept.
 */
export const TEXT_LIMITS = {
  /** RFC 5321: a path holds at most 254 characters of address. */
  email: 254,
  /** Usernames, names, phone numbers, identifiers, codes. */
  short: 128,
  /** Any other single line of text. */
  line: 256,
  /**
   * Passwords and security answers: well above any policy's maximum (an
   * answer is judged once normalised, and its decomposed form may be several
   * times longer), so the policy's own rule answers first.
   */
  password: 1024
} as const

/**
 * How long free text (clinical notes, reasons) may be before it is read: its
 * policy's maximum, plus a line's worth of the blanks around it that trimming
 * removes (the policy's own rule judges the trimmed text).
 */
export const freeTextLimit = (maximum: number): number => maximum + TEXT_LIMITS.line

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** A field whose value could not be read (a getter or a Proxy trap threw). */
export const unreadable = (field: string): ErrorOf<'form.unreadable'> =>
  domainError('form.unreadable', { field, rule: `${field} must be a plain value that can be read` })

/** Text longer than its kind allows, refused before any parsing. */
export const textTooLong = (field: string, maximum: number, length: number): ErrorOf<'text.too-long'> =>
  domainError('text.too-long', { field, rule: `${field} must be at most ${maximum} characters`, maximum, length })

/** A list with more entries than its limit: one error, whatever the count. */
export const listTooLong = (field: string, maximum: number, given: number, what = 'entries'): ErrorOf<'list.too-long'> =>
  domainError('list.too-long', { field, rule: `${field} may list at most ${maximum} ${what}`, maximum, given })

// -------------------------------------------------------------------------------------
// reading
// -------------------------------------------------------------------------------------

const path = (at: string | undefined, name: string): string => (at === undefined || at === '' ? name : `${at}.${name}`)

/** One own property, read once: its data value, or its getter called once; nothing from the prototype chain. */
const readOwn = (input: object, name: string, field: string): E.Either<DomainError, unknown> => {
  try {
    const d = Object.getOwnPropertyDescriptor(input, name)
    if (d === undefined) return E.right(undefined)
    return E.right('value' in d ? d.value : d.get === undefined ? undefined : d.get.call(input))
  } catch {
    return E.left(unreadable(field))
  }
}

const collect = <A>(errors: ReadonlyArray<DomainError>, value: A): Validation<A> => {
  const [head, ...tail] = errors
  return head === undefined ? E.right(value) : E.left([head, ...tail])
}

/**
 * Reads the named fields of a form into a plain record. Anything that is not
 * an object (`undefined`, `null`, a number, a string) reads as an empty form,
 * so it gets the same field errors an empty form gets.
 *
 * @example
 * import { readForm } from 'health-portal-domain/kernel'
 * readForm(null, ['username']) // right({ username: undefined })
 */
export const readForm = <K extends string>(input: unknown, names: ReadonlyArray<K>, at?: string): Validation<FormOf<K>> => {
  const out = Object.create(null) as Record<K, unknown>
  const errors: DomainError[] = []
  for (const name of names) {
    if (typeof input !== 'object' || input === null) out[name] = undefined
    else {
      const r = readOwn(input, name, path(at, name))
      if (E.isLeft(r)) errors.push(r.left)
      else out[name] = r.right
    }
  }
  return collect(errors, out as FormOf<K>)
}

/** Reads a form's fields, then validates the plain record (the validator never sees the caller's object). */
export const validateForm =
  <K extends string, A>(names: ReadonlyArray<K>, validate: (form: FormOf<K>) => Validation<A>, at?: string) =>
  (input: unknown): Validation<A> =>
    pipe(readForm(input, names, at), E.chain(validate))

/**
 * Reads an array's entries into a plain array; anything else is `null` (the
 * caller decides what that means). More than `maximum` entries is one
 * `list.too-long`, the entries unread.
 */
export const readList = (input: unknown, field: string, maximum: number, what?: string): E.Either<DomainError, ReadonlyArray<unknown> | null> => {
  let length: number
  try {
    if (!Array.isArray(input)) return E.right(null)
    length = (input as ReadonlyArray<unknown>).length
  } catch {
    return E.left(unreadable(field))
  }
  if (length > maximum) return E.left(listTooLong(field, maximum, length, what))
  const entries: unknown[] = []
  for (let i = 0; i < length; i++) {
    const r = readOwn(input as object, String(i), `${field}[${i}]`)
    if (E.isLeft(r)) return r
    entries.push(r.right)
  }
  return E.right(entries)
}

/** Refuses text longer than `maximum` before any parsing; anything else passes through as it is. */
export const boundText = (input: unknown, field: string, maximum: number): E.Either<DomainError, unknown> =>
  typeof input === 'string' && input.length > maximum ? E.left(textTooLong(field, maximum, input.length)) : E.right(input)

// -------------------------------------------------------------------------------------
// optional fields
// -------------------------------------------------------------------------------------

/** Nothing typed: absent, null, or only blanks (a short text, so trimming is bounded). */
export const isBlank = (input: unknown): boolean =>
  input === undefined || input === null || (typeof input === 'string' && input.length <= TEXT_LIMITS.short && input.trim() === '')

/** An optional field: left blank it is `null`, anything else must parse. */
export const optionalField =
  <A>(parse: (input: unknown, field: string) => E.Either<DomainError, A>) =>
  (input: unknown, field: string): E.Either<DomainError, A | null> =>
    isBlank(input) ? E.right(null) : parse(input, field)

/** Names a nested form's fields under its own (`address` → `address.city`); at the top, as they are. */
export const fieldUnder =
  (at: string | undefined) =>
  (name: string): string =>
    at === undefined ? name : `${at}.${name}`
