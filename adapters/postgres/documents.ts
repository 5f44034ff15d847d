/**
 * What the tables that keep a document (a JSON body decoded by a codec) share:
 * reading the body and the version columns, decoding without ever throwing,
 * and saying in a few words why a document does not decode.
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/** A jsonb value as the drivers give it (parsed already, or text), when it is a JSON object. */
export const jsonObject = (v: unknown): Record<string, unknown> | undefined => {
  let parsed = v
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v)
    } catch {
      return undefined
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
}

/** A version column: a whole number, 1 or more (a stored row has been written at least once). */
export const versionOf = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined
}

/** Where in the document an io-ts error is, as a dotted path (a union's members are tried by index: not part of it). */
const pathOf = (e: t.ValidationError): string =>
  e.context
    .filter((c, i) => c.key !== '' && (e.context[i - 1]?.type as { _tag?: string } | undefined)?._tag !== 'UnionType')
    .map((c) => c.key)
    .join('.')

/** The rule of a domain error a codec carried as its message, else the message itself. */
const reasonOf = (e: t.ValidationError): string => {
  if (e.message === undefined) return `must be ${e.context[e.context.length - 1]?.type.name ?? 'valid'}`
  try {
    const carried = JSON.parse(e.message) as { rule?: unknown }
    return typeof carried?.rule === 'string' ? carried.rule : e.message
  } catch {
    return e.message
  }
}

/**
 * Decodes a document with a codec; the failure is the first error as
 * `path: why`. A getter or a Proxy trap that throws is a failure, never a throw.
 */
export const decodeDocument = <A>(codec: t.Type<A, unknown, unknown>, u: unknown): E.Either<string, A> => {
  let decoded: t.Validation<A>
  try {
    decoded = codec.decode(u)
  } catch {
    return E.left('the document could not be read')
  }
  if (E.isRight(decoded)) return E.right(decoded.right)
  const first = decoded.left[0]
  if (first === undefined) return E.left('does not decode')
  const path = pathOf(first)
  return E.left((path === '' ? reasonOf(first) : `${path}: ${reasonOf(first)}`).slice(0, 500))
}
