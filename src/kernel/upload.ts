/**
 * Uploaded files: a file's name, its declared media type and its bytes,
 * checked against a policy (the media types accepted, the largest size) and
 * against its content (a renamed file is caught by its first bytes). Shared
 * by prior authorization's clinical attachments and manual identity
 * proofing's documents.
 *
 * @since 0.4.0
 */
import * as E from './either'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError, DomainError, invalid, required } from './errors'
import { freeTextLimit, FormOf, unreadable, validateForm } from './form'
import { requireText, Validation, validateAll } from './validation'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** What a kind of upload accepts: its media types (e.g. `application/pdf`) and its largest size. */
export interface UploadPolicy {
  readonly mediaTypes: ReadonlyArray<string>
  readonly maxBytes: number
}

/** One file as uploaded (outside input: anything may be in it). */
export interface FileUploadForm {
  readonly fileName?: unknown
  readonly mediaType?: unknown
  readonly content?: unknown
}

/** An upload that passed every check, with its bytes (not yet stored). */
export interface ValidUpload {
  readonly fileName: string
  /** The media type, lower case, without parameters (`text/plain; charset=utf-8` is `text/plain`). */
  readonly mediaType: string
  readonly content: Uint8Array
}

/** The first bytes each media type with a signature must start with (so a renamed file is caught). */
export const MEDIA_SIGNATURES: Readonly<Record<string, ReadonlyArray<ReadonlyArray<number>>>> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/tiff': [
    [0x49, 0x49, 0x2a, 0x00],
    [0x4d, 0x4d, 0x00, 0x2a]
  ]
}

/** A file name of 1 to 255 characters without path separators, wildcards or control characters. */
const FILE_NAME = /^[^\\/:*?"<>|\u0000-\u001f]{1,255}$/

/** Control characters no text file should hold (tab, line and page breaks are fine). */
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/

// -------------------------------------------------------------------------------------
// checks
// -------------------------------------------------------------------------------------

const startsWith = (bytes: Uint8Array, prefix: ReadonlyArray<number>): boolean => prefix.every((b, i) => bytes[i] === b)

/**
 * Does the content look like its media type? Text must be UTF-8 without
 * control characters; a type with a signature must start with it; a type
 * without one passes (the policy decides which types are accepted at all).
 *
 * @example
 * import { contentMatches } from 'health-portal-domain/kernel'
 * contentMatches('application/pdf', new TextEncoder().encode('%PDF-1.7')) // true
 * contentMatches('image/png', new TextEncoder().encode('%PDF-1.7')) // false
 */
export const contentMatches = (mediaType: string, content: Uint8Array): boolean => {
  if (mediaType === 'text/plain') {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(content)
      return !TEXT_CONTROL.test(text)
    } catch {
      return false
    }
  }
  // own keys only: 'constructor' or 'toString' is an unknown type, not Object.prototype's
  const signatures = Object.prototype.hasOwnProperty.call(MEDIA_SIGNATURES, mediaType) ? MEDIA_SIGNATURES[mediaType] : undefined
  return signatures === undefined || signatures.some((s) => startsWith(content, s))
}

/** The bytes of an upload: a real `Uint8Array` (never a Proxy or an array-like), its length readable; null when it is none. */
const bytesOf = (raw: unknown): E.Either<DomainError, Uint8Array | null> => {
  try {
    // isView asks the object itself, so a Proxy is refused before any of its traps can run
    if (!ArrayBuffer.isView(raw) || !(raw instanceof Uint8Array)) return E.right(null)
    return raw.byteLength >= 0 ? E.right(raw) : E.right(null)
  } catch {
    return E.left(unreadable('content'))
  }
}

/** A form's upload fields, already read, checked against the policy; `at` names the upload (`attachments[0]`). */
const validateReadUpload = (policy: UploadPolicy, upload: FormOf<'fileName' | 'mediaType' | 'content'>, at: string): Validation<ValidUpload> => {
  const fileName = pipe(
    requireText(upload.fileName, `${at}.fileName`, freeTextLimit(255)),
    E.chain((n) => (FILE_NAME.test(n) ? E.right(n) : E.left(invalid(`${at}.fileName`, 'a file name of 1 to 255 characters without / \\ : * ? " < > |'))))
  )
  const mediaType = pipe(
    requireText(upload.mediaType, `${at}.mediaType`),
    E.map((m) => m.toLowerCase().split(';')[0]?.trim() ?? ''),
    E.chain((m) =>
      policy.mediaTypes.includes(m)
        ? E.right(m)
        : E.left(domainError('attachment.media-type', { field: `${at}.mediaType`, rule: `${at} must be one of ${policy.mediaTypes.join(', ')}`, allowed: policy.mediaTypes }))
    )
  )
  const raw = upload.content
  const bytes = bytesOf(raw)
  const content: E.Either<DomainError, Uint8Array> = E.isLeft(bytes)
    ? E.left(unreadable(`${at}.content`))
    : bytes.right === null
      ? E.left(raw === undefined || raw === null ? required(`${at}.content`) : invalid(`${at}.content`, 'the file\u2019s bytes'))
      : bytes.right.byteLength === 0
        ? E.left(invalid(`${at}.content`, 'a file that is not empty'))
        : bytes.right.byteLength > policy.maxBytes
          ? E.left(domainError('attachment.too-large', { field: `${at}.content`, rule: `${at} must be at most ${policy.maxBytes} bytes`, maximumBytes: policy.maxBytes }))
          : E.right(bytes.right)
  return pipe(
    validateAll({ fileName, mediaType, content }),
    E.chain((u) =>
      contentMatches(u.mediaType, u.content)
        ? E.right(u)
        : E.left([domainError('attachment.content-mismatch', { field: `${at}.content`, rule: `${at} must really be ${u.mediaType}`, mediaType: u.mediaType })])
    )
  )
}

/**
 * Checks one uploaded file, collecting every error: a file name, a media type
 * the policy accepts, bytes (a `Uint8Array`, not empty, within the size), and
 * then content that matches the media type. `at` prefixes the fields
 * (`attachments[0].content`).
 *
 * @example
 * import { validateUpload } from 'health-portal-domain/kernel'
 * const check = validateUpload({ mediaTypes: ['application/pdf'], maxBytes: 1024 }, 'statement')
 * check({ fileName: 'bank.pdf', mediaType: 'image/png', content: new TextEncoder().encode('%PDF-1.7') })
 * // left: attachment.media-type on statement.mediaType
 */
export const validateUpload =
  (policy: UploadPolicy, at: string) =>
  (input: unknown): Validation<ValidUpload> =>
    validateForm(['fileName', 'mediaType', 'content'], (upload) => validateReadUpload(policy, upload, at), at)(input)
