/**
 * The SMTP adapter: a `Mailer` that hands each e-mail to a mail relay with
 * nodemailer, as a multipart/alternative message (plain text and HTML).
 *
 * A failed delivery (connection refused, timeout, a 4xx/5xx reply, failed
 * authentication) is a `mail.delivery-failed` error, never a rejection.
 *
 * @since 0.1.0
 */
import type { ConnectionOptions } from 'node:tls'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { SMTPTransportOptions } from 'nodemailer'
import { DomainError, domainError, ErrorOf, invalid, required } from '../../src/kernel/errors'
import { parseEmailAddress } from '../../src/kernel/email'
import { requireText, validateAll, Validation } from '../../src/kernel/validation'
import { Mailer, OutgoingEmail } from '../../src/ports/mailer'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How to reach the mail relay. Only `host` and `port` are required. */
export interface SmtpOptions {
  /** The relay's host name or IP address. */
  readonly host: string
  /** The relay's port (1–65535): typically 587 (STARTTLS), 465 (implicit TLS) or 25. */
  readonly port: number
  /** Implicit TLS from the first byte (port 465); `false` (the default) may upgrade with STARTTLS. */
  readonly secure?: boolean
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  readonly requireTLS?: boolean
  /** Never upgrade with STARTTLS, even when the relay offers it. */
  readonly ignoreTLS?: boolean
  /** Options passed to `tls.connect` (e.g. `rejectUnauthorized`, `ca`, `servername`). */
  readonly tls?: Readonly<ConnectionOptions>
  /** Credentials for SMTP AUTH; none when absent. */
  readonly auth?: { readonly user: string; readonly pass: string }
  /** Milliseconds to wait for the TCP (and TLS) connection. */
  readonly connectionTimeout?: number
  /** Milliseconds to wait for the relay's greeting once connected. */
  readonly greetingTimeout?: number
  /** Milliseconds of inactivity allowed on an open connection. */
  readonly socketTimeout?: number
  /** Keep a pool of open connections instead of one connection a message. */
  readonly pool?: boolean
  /** The envelope sender (`MAIL FROM`, where bounces go) when it differs from the From address. */
  readonly envelopeFrom?: string
}

/** A `Mailer` over SMTP that holds connections, so it must be closed. */
export interface SmtpMailer extends Mailer {
  /** Waits for deliveries in progress, then releases every connection; later sends fail. */
  readonly close: () => Promise<void>
}

/** The header that carries `OutgoingEmail.kind`. */
export const KIND_HEADER = 'X-Health-Portal-Kind'

/** Timeouts used when none is given: a few seconds, so a dead relay fails fast. */
export const DEFAULT_SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 } as const

const DELIVERY_RULE = 'the message must reach the mail relay'

/** The refusal when nodemailer (an optional peer dependency) cannot be loaded. */
const NODEMAILER_MISSING_RULE = 'the SMTP adapter needs nodemailer, an optional peer dependency: npm install nodemailer'

// nodemailer is loaded on first use, not on import, so a missing one is a typed error (see sendersFor).
type Nodemailer = typeof import('nodemailer')

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A mailer over SMTP, from options already typed (see `smtpMailerFrom` to validate outside input).
 *
 * @example
 * import { smtpMailer } from 'health-portal-domain/adapters/smtp'
 * const mailer = smtpMailer({ host: 'smtp.example.org', port: 587, requireTLS: true, auth: { user: 'portal', pass: 's3cret' } })
 * // const result = await mailer.send(email)() // Right(undefined), or Left of mail.delivery-failed
 * const done: Promise<void> = mailer.close()
 */
export const smtpMailer = (options: SmtpOptions): SmtpMailer => {
  const transportOptions: SMTPTransportOptions = {
    host: options.host,
    port: options.port,
    secure: options.secure,
    requireTLS: options.requireTLS,
    ignoreTLS: options.ignoreTLS,
    tls: options.tls === undefined ? undefined : { ...options.tls },
    auth: options.auth === undefined ? undefined : { user: options.auth.user, pass: options.auth.pass },
    connectionTimeout: options.connectionTimeout ?? DEFAULT_SMTP_TIMEOUTS.connectionTimeout,
    greetingTimeout: options.greetingTimeout ?? DEFAULT_SMTP_TIMEOUTS.greetingTimeout,
    socketTimeout: options.socketTimeout ?? DEFAULT_SMTP_TIMEOUTS.socketTimeout,
    dnsTimeout: options.connectionTimeout ?? DEFAULT_SMTP_TIMEOUTS.connectionTimeout,
    logger: false
  }
  // Loaded once, on the first send; a missing nodemailer is every send's typed error, never a throw on import.
  let loading: Promise<E.Either<DomainError, ReturnType<Nodemailer['createTransport']>>> | undefined
  const transport = () =>
    (loading ??= import('nodemailer').then(
      (nodemailer): E.Either<DomainError, ReturnType<Nodemailer['createTransport']>> =>
        E.right(options.pool === true ? nodemailer.createTransport({ ...transportOptions, pool: true }) : nodemailer.createTransport(transportOptions)),
      (e: unknown) => E.left(domainError('mail.delivery-failed', { rule: NODEMAILER_MISSING_RULE, cause: causeOf(e) }))
    ))
  const inFlight = new Set<Promise<unknown>>()
  let closed = false

  const deliver = async (email: OutgoingEmail): Promise<E.Either<DomainError, void>> => {
    const transporter = await transport()
    if (E.isLeft(transporter)) return transporter
    return TE.tryCatch(() => deliverWith(transporter.right, email), deliveryFailed)()
  }

  const deliverWith = async (transporter: ReturnType<Nodemailer['createTransport']>, email: OutgoingEmail): Promise<void> => {
    const info = await transporter.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: { [KIND_HEADER]: email.kind },
      ...(options.envelopeFrom === undefined ? {} : { envelope: { from: options.envelopeFrom, to: email.to } })
    })
    const rejected: ReadonlyArray<unknown> = info.rejected ?? []
    if (rejected.length > 0) throw new Error(`recipient rejected: ${oneLine(String(info.response ?? rejected.join(', ')))}`)
  }

  return {
    send: (email) => () => {
      if (closed) return Promise.resolve(E.left(deliveryFailed('the SMTP mailer was closed')))
      const attempt = deliver(email).catch((e: unknown) => E.left(deliveryFailed(e)))
      inFlight.add(attempt)
      void attempt.finally(() => inFlight.delete(attempt))
      return attempt
    },
    close: async () => {
      closed = true
      await Promise.allSettled([...inFlight])
      if (loading === undefined) return
      const transporter = await loading
      if (E.isRight(transporter)) transporter.right.close()
    }
  }
}

/** Validates outside input (configuration, environment) into `SmtpOptions`, reporting every problem by field and rule. */
export const parseSmtpOptions = (input: unknown): Validation<SmtpOptions> => {
  if (!isRecord(input)) return E.left([invalid('smtp', 'an object of SMTP options')])
  return pipe(
    validateAll({
      host: parseHost(input['host']),
      port: parsePort(input['port']),
      secure: optionalBoolean(input['secure'], 'secure'),
      requireTLS: optionalBoolean(input['requireTLS'], 'requireTLS'),
      ignoreTLS: optionalBoolean(input['ignoreTLS'], 'ignoreTLS'),
      tls: parseTls(input['tls']),
      auth: parseAuth(input['auth']),
      connectionTimeout: optionalTimeout(input['connectionTimeout'], 'connectionTimeout'),
      greetingTimeout: optionalTimeout(input['greetingTimeout'], 'greetingTimeout'),
      socketTimeout: optionalTimeout(input['socketTimeout'], 'socketTimeout'),
      pool: optionalBoolean(input['pool'], 'pool'),
      envelopeFrom: input['envelopeFrom'] === undefined ? E.right(undefined) : parseEmailAddress(input['envelopeFrom'], 'envelopeFrom'),
      tlsMode: checkTlsMode(input),
      known: checkKnownKeys(input)
    }),
    E.map(({ tlsMode: _mode, known: _known, ...o }) => withoutUndefined(o))
  )
}

/**
 * A mailer over SMTP from outside input, or every invalid option (e.g. `port` 0 is `field.invalid` on `port`).
 *
 * @example
 * import { smtpMailerFrom } from 'health-portal-domain/adapters/smtp'
 * const mailer = smtpMailerFrom({ host: 'localhost', port: '2525' }) // Right(SmtpMailer)
 */
export const smtpMailerFrom = (options: unknown): Validation<SmtpMailer> => pipe(parseSmtpOptions(options), E.map(smtpMailer))

// -------------------------------------------------------------------------------------
// option checks
// -------------------------------------------------------------------------------------

const OPTION_NAMES: ReadonlyArray<keyof SmtpOptions> = [
  'host',
  'port',
  'secure',
  'requireTLS',
  'ignoreTLS',
  'tls',
  'auth',
  'connectionTimeout',
  'greetingTimeout',
  'socketTimeout',
  'pool',
  'envelopeFrom'
]

const MAX_TIMEOUT = 2_147_483_647 // setTimeout's limit

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

const parseHost = (input: unknown): E.Either<DomainError, string> =>
  pipe(
    requireText(input, 'host'),
    E.chain((h) =>
      h.length <= 253 && /^[A-Za-z0-9._:-]+$/.test(h) ? E.right(h) : E.left(invalid('host', 'a host name or IP address'))
    )
  )

/** Accepts an integer, or a string of digits (as read from the environment). */
const parsePort = (input: unknown): E.Either<DomainError, number> => {
  if (input === undefined || input === null || input === '') return E.left(required('port'))
  const n = typeof input === 'number' ? input : typeof input === 'string' && /^\s*\d+\s*$/.test(input) ? Number(input) : NaN
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? E.right(n) : E.left(invalid('port', 'a whole number from 1 to 65535'))
}

const optionalBoolean = (input: unknown, field: string): E.Either<DomainError, boolean | undefined> =>
  input === undefined || typeof input === 'boolean' ? E.right(input) : E.left(invalid(field, 'true or false'))

const optionalTimeout = (input: unknown, field: string): E.Either<DomainError, number | undefined> =>
  input === undefined
    ? E.right(undefined)
    : typeof input === 'number' && Number.isInteger(input) && input >= 1 && input <= MAX_TIMEOUT
      ? E.right(input)
      : E.left(invalid(field, `a whole number of milliseconds from 1 to ${MAX_TIMEOUT}`))

const parseTls = (input: unknown): E.Either<DomainError, ConnectionOptions | undefined> => {
  if (input === undefined) return E.right(undefined)
  if (!isRecord(input)) return E.left(invalid('tls', 'an object of TLS options (such as rejectUnauthorized or ca)'))
  const reject = input['rejectUnauthorized']
  if (reject !== undefined && typeof reject !== 'boolean') return E.left(invalid('tls.rejectUnauthorized', 'true or false'))
  return E.right(input as ConnectionOptions)
}

const parseAuth = (input: unknown): Validation<{ readonly user: string; readonly pass: string } | undefined> => {
  if (input === undefined) return E.right(undefined)
  if (!isRecord(input)) return E.left([invalid('auth', 'an object with user and pass')])
  return validateAll({ user: requireText(input['user'], 'auth.user'), pass: parsePassword(input['pass']) })
}

/** A password is taken as typed: never trimmed. */
const parsePassword = (pass: unknown): E.Either<DomainError, string> =>
  pass === undefined || pass === null || pass === ''
    ? E.left(required('auth.pass'))
    : typeof pass === 'string'
      ? E.right(pass)
      : E.left(invalid('auth.pass', 'text'))

const checkTlsMode = (input: Record<string, unknown>): E.Either<DomainError, void> =>
  input['requireTLS'] === true && input['ignoreTLS'] === true
    ? E.left(
        domainError('field.invalid', {
          field: 'ignoreTLS',
          rule: 'ignoreTLS cannot be combined with requireTLS (one forbids STARTTLS, the other demands it)',
          expected: 'false when requireTLS is true'
        })
      )
    : E.right(undefined)

const checkKnownKeys = (input: Record<string, unknown>): Validation<void> => {
  const unknown = Object.keys(input).filter((k) => !(OPTION_NAMES as ReadonlyArray<string>).includes(k))
  const expected = `one of ${OPTION_NAMES.join(', ')}`
  const [head, ...tail] = unknown.map((k) => domainError('field.invalid', { field: k, rule: `${k} is not an SMTP option (expected ${expected})`, expected }))
  return head === undefined ? E.right(undefined) : E.left([head, ...tail])
}

/** Drops absent options, so a parsed value has no `key: undefined` entries. */
const withoutUndefined = <A extends object>(o: A): A => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as A

// -------------------------------------------------------------------------------------
// delivery errors
// -------------------------------------------------------------------------------------

const oneLine = (s: string): string => {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat
}

/** A short cause: the relay's reply when there is one, else the socket error ("ECONNREFUSED 127.0.0.1:2525"). */
const causeOf = (e: unknown): string => {
  if (typeof e === 'string') return oneLine(e)
  if (!(e instanceof Error)) return 'unknown cause'
  const err = e as Error & { readonly code?: unknown; readonly response?: unknown; readonly command?: unknown }
  const code = typeof err.code === 'string' ? err.code : undefined
  if (typeof err.response === 'string' && err.response.trim() !== '') {
    const command = typeof err.command === 'string' && err.command !== 'CONN' ? `${err.command}: ` : ''
    return oneLine(`${command}${err.response}`)
  }
  const message = err.message.replace(/^connect\s+/i, '')
  // a socket error already names itself ("ECONNREFUSED 127.0.0.1:2525"); otherwise nodemailer's code leads
  return oneLine(code === undefined || /^E[A-Z]+\b/.test(message) ? message : `${code} ${message}`)
}

const deliveryFailed = (cause: unknown): ErrorOf<'mail.delivery-failed'> =>
  domainError('mail.delivery-failed', { rule: DELIVERY_RULE, cause: causeOf(cause) })
