/**
 * A real SMTP server for tests and the specification: it listens on
 * 127.0.0.1 (an ephemeral port unless one is asked for), accepts every message
 * and keeps it, parsed, in memory. A message is stored before the server
 * acknowledges DATA, so once the sender's `sendMail` resolves it is in the inbox.
 *
 * Also a small MIME reader (`readEmail`): header unfolding, RFC 2047 encoded
 * words, nested multipart, quoted-printable / base64 / 7bit / 8bit bodies.
 */
import type { Socket } from 'node:net'
import { SMTPServer } from 'smtp-server'
import type { SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One leaf part of a message (a text, an HTML body, an attachment), decoded. */
export interface MimePart {
  /** The media type, lower-cased (e.g. `text/plain`). */
  readonly contentType: string
  readonly charset: string | undefined
  /** The Content-Transfer-Encoding it arrived in, lower-cased (`7bit` when absent). */
  readonly transferEncoding: string
  /** Lower-cased header names; values unfolded and decoded. */
  readonly headers: Readonly<Record<string, string>>
  /** The decoded content; line breaks of text parts are `\n`. */
  readonly body: string
}

/** A message as the inbox received it. */
export interface ReceivedEmail {
  /** The From header as displayed (encoded words decoded). */
  readonly from: string
  /** The To header as displayed (encoded words decoded). */
  readonly to: string
  /** The Subject header, RFC 2047 encoded words decoded. */
  readonly subject: string
  /** Every header by lower-cased name, unfolded and decoded; a repeated header's values are joined by `\n`. */
  readonly headers: Readonly<Record<string, string>>
  /** The top-level media type, lower-cased (e.g. `multipart/alternative`). */
  readonly contentType: string
  /** The decoded text/plain part (the first one that is not an attachment), line breaks as `\n`. */
  readonly text: string | undefined
  /** The decoded text/html part (the first one that is not an attachment), line breaks as `\n`. */
  readonly html: string | undefined
  /** Every leaf part, in order. */
  readonly parts: ReadonlyArray<MimePart>
  /** The SMTP envelope: MAIL FROM and RCPT TO as the client gave them. */
  readonly envelope: { readonly mailFrom: string; readonly rcptTo: ReadonlyArray<string> }
  /** The message as received (UTF-8 decoded), CRLF line breaks. */
  readonly raw: string
}

/** What the test inbox can be asked to do. */
export interface SmtpInboxOptions {
  /** The port to listen on; 0 (the default) asks the system for a free one. */
  readonly port?: number
  /** Advertise STARTTLS (with smtp-server's built-in self-signed test certificate). Off by default. */
  readonly starttls?: boolean
  /** Require SMTP AUTH with these credentials (PLAIN/LOGIN, allowed without TLS). Optional AUTH by default. */
  readonly credentials?: { readonly user: string; readonly pass: string }
  /** Recipients (case-insensitive) refused at RCPT TO with `550 5.1.1`. */
  readonly rejectRecipients?: ReadonlyArray<string>
}

/** A running test inbox. */
export interface SmtpInbox {
  /** The port it is bound to. */
  readonly port: number
  /** Every message received, oldest first (newest last). */
  readonly messages: () => ReadonlyArray<ReceivedEmail>
  /** The messages delivered to one address (envelope recipient, compared case-insensitively). */
  readonly inbox: (address: string) => ReadonlyArray<ReceivedEmail>
  /** Forgets every message. */
  readonly clear: () => void
  /** Closes the server and every open connection; the port is released and new connections are refused. */
  readonly stop: () => Promise<void>
  /** The first message (already received or still to come) that satisfies `predicate`; rejects after `timeoutMs`. */
  readonly waitFor: (predicate: (m: ReceivedEmail) => boolean, timeoutMs?: number) => Promise<ReceivedEmail>
}

// -------------------------------------------------------------------------------------
// the server
// -------------------------------------------------------------------------------------

/** Starts an inbox on 127.0.0.1 (port 0 → an ephemeral port, reported as `port`). */
export const startSmtpInbox = (options: SmtpInboxOptions = {}): Promise<SmtpInbox> => {
  const received: ReceivedEmail[] = []
  const waiters = new Set<(m: ReceivedEmail) => void>()
  const rejected = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()))
  const credentials = options.credentials
  const sockets = new Set<Socket>()

  const server = new SMTPServer({
    logger: false,
    secure: false,
    disableReverseLookup: true, // no DNS round trip on every connection
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    disabledCommands: [...(options.starttls === true ? [] : ['STARTTLS']), ...(credentials === undefined ? ['AUTH'] : [])],
    closeTimeout: 100,
    socketTimeout: 10_000,
    onAuth: (auth, _session, callback) =>
      credentials !== undefined && auth.username === credentials.user && auth.password === credentials.pass
        ? callback(null, { user: auth.username })
        : callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 })),
    onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) =>
      rejected.has(address.address.toLowerCase())
        ? callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: mailbox unavailable`), { responseCode: 550 }))
        : callback(),
    onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
      const chunks: Buffer[] = []
      let answered = false
      const answer = (err?: Error): void => {
        if (answered) return
        answered = true
        callback(err)
      }
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('error', (e: Error) => answer(e))
      stream.on('end', () => {
        // parse and store first, acknowledge after: sendMail resolves only once the message is here
        try {
          const envelope = {
            mailFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            rcptTo: session.envelope.rcptTo.map((r) => r.address)
          }
          const message = readEmail(Buffer.concat(chunks), envelope)
          received.push(message)
          for (const w of [...waiters]) w(message)
          answer()
        } catch (e) {
          answer(Object.assign(new Error(`4.3.0 the test inbox could not store the message: ${String(e)}`), { responseCode: 451 }))
        }
      })
    }
  })
  // the raw sockets too, so stop() can end connections a pooled client keeps open
  server.server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })

  return new Promise<SmtpInbox>((resolve, reject) => {
    const onError = (e: Error): void => reject(e)
    server.once('error', onError)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', onError)
      server.on('error', () => undefined) // a client's broken connection must not crash the test run
      const address = server.server.address()
      const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0)
      let stopped: Promise<void> | undefined
      resolve({
        port,
        messages: () => [...received],
        inbox: (addr) => received.filter((m) => m.envelope.rcptTo.some((r) => r.toLowerCase() === addr.toLowerCase())),
        clear: () => {
          received.length = 0
        },
        stop: () =>
          (stopped ??= new Promise<void>((done) => {
            server.close(() => done())
            for (const c of server.connections) c.close()
            for (const s of sockets) s.destroy()
          })),
        waitFor: (predicate, timeoutMs = 2_000) =>
          new Promise<ReceivedEmail>((ok, fail) => {
            const found = received.find(predicate)
            if (found !== undefined) return ok(found)
            const waiter = (m: ReceivedEmail): void => {
              if (!predicate(m)) return
              clearTimeout(timer)
              waiters.delete(waiter)
              ok(m)
            }
            const timer = setTimeout(() => {
              waiters.delete(waiter)
              fail(new Error(`no matching message within ${timeoutMs} ms; received: ${JSON.stringify(received.map((m) => ({ to: m.to, subject: m.subject })))}`))
            }, timeoutMs)
            waiters.add(waiter)
          })
      })
    })
  })
}

// -------------------------------------------------------------------------------------
// MIME reader
// -------------------------------------------------------------------------------------

/** Parses a raw RFC 5322 / MIME message (bytes or text). Best effort: never throws. */
export const readEmail = (raw: Buffer | string, envelope: ReceivedEmail['envelope'] = { mailFrom: '', rcptTo: [] }): ReceivedEmail => {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
  // work on a byte-preserving "binary" string; bytes become text only once decoded with their charset
  const entity = readEntity(bytes.toString('latin1'))
  const parts = leaves(entity)
  const body = (type: string): string | undefined =>
    parts.find((p) => p.contentType === type && !/^attachment\b/i.test(p.headers['content-disposition'] ?? ''))?.body
  return {
    from: entity.headers['from'] ?? '',
    to: entity.headers['to'] ?? '',
    subject: entity.headers['subject'] ?? '',
    headers: entity.headers,
    contentType: entity.contentType,
    text: body('text/plain'),
    html: body('text/html'),
    parts,
    envelope,
    raw: bytes.toString('utf8')
  }
}

interface Entity {
  readonly headers: Readonly<Record<string, string>>
  readonly contentType: string
  readonly params: Readonly<Record<string, string>>
  readonly children: ReadonlyArray<Entity>
  /** The undecoded body (binary string) of a leaf. */
  readonly body: string
}

const readEntity = (binary: string, defaultType = 'text/plain'): Entity => {
  const m = /\r?\n\r?\n/.exec(binary)
  // a part may start with the blank line (no headers at all)
  const noHeaders = /^\r?\n/.test(binary)
  const headerText = noHeaders ? '' : m === null ? binary : binary.slice(0, m.index)
  const body = noHeaders ? binary.replace(/^\r?\n/, '') : m === null ? '' : binary.slice(m.index + m[0].length)
  const headers = readHeaders(headerText)
  const { type, params } = parseContentType(headers['content-type'], defaultType)
  if (type.startsWith('multipart/') && params['boundary'] !== undefined) {
    const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain'
    return { headers, contentType: type, params, children: splitMultipart(body, params['boundary']).map((p) => readEntity(p, childDefault)), body: '' }
  }
  return { headers, contentType: type, params, children: [], body }
}

const leaves = (e: Entity): MimePart[] =>
  e.children.length > 0
    ? e.children.flatMap(leaves)
    : [
        {
          contentType: e.contentType,
          charset: e.params['charset'],
          transferEncoding: (e.headers['content-transfer-encoding'] ?? '7bit').trim().toLowerCase(),
          headers: e.headers,
          body: decodeBody(e)
        }
      ]

// ---- headers ------------------------------------------------------------------------

/** Unfolds (a line break followed by white space continues the previous line) and decodes every header. */
const readHeaders = (binary: string): Record<string, string> => {
  const unfolded = binary.replace(/\r?\n(?=[ \t])/g, '')
  const headers: Record<string, string> = {}
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    // raw 8-bit header bytes are taken as UTF-8 (RFC 6532)
    const value = decodeEncodedWords(Buffer.from(line.slice(colon + 1), 'latin1').toString('utf8').trim())
    headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`
  }
  return headers
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g

/** RFC 2047: decodes `=?charset?B|Q?text?=` words (adjacent words joined, so a character split across them survives). */
export const decodeEncodedWords = (value: string): string => {
  let out = ''
  let last = 0
  let pending: { charset: string; bytes: Buffer[] } | undefined
  const flush = (): void => {
    if (pending !== undefined) out += decodeText(Buffer.concat(pending.bytes), pending.charset)
    pending = undefined
  }
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index)
    const charset = (m[1] ?? 'utf-8').split('*')[0]?.toLowerCase() ?? 'utf-8' // RFC 2231 language suffix
    const text = m[3] ?? ''
    const bytes = (m[2] ?? 'Q').toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qEncodedBytes(text)
    if (pending !== undefined && /^[ \t\r\n]*$/.test(between)) {
      if (pending.charset !== charset) {
        flush()
        pending = { charset, bytes: [bytes] }
      } else pending.bytes.push(bytes)
    } else {
      flush()
      out += between
      pending = { charset, bytes: [bytes] }
    }
    last = (m.index ?? 0) + m[0].length
  }
  flush()
  return out + value.slice(last)
}

const qEncodedBytes = (text: string): Buffer => quotedPrintableBytes(text.replace(/_/g, ' '))

interface ContentType {
  readonly type: string
  readonly params: Record<string, string>
}

/** `type/subtype; name=value; name="quoted \"value\""`, names lower-cased. */
const parseContentType = (value: string | undefined, fallback: string): ContentType => {
  if (value === undefined || value.trim() === '') return { type: fallback, params: {} }
  const semi = value.indexOf(';')
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase()
  const params: Record<string, string> = {}
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g
  for (const m of value.matchAll(re)) {
    const name = (m[1] ?? '').toLowerCase()
    params[name] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '')
  }
  if (params['charset'] !== undefined) params['charset'] = params['charset'].toLowerCase()
  return { type: type.includes('/') ? type : fallback, params }
}

// ---- bodies -------------------------------------------------------------------------

/**
 * Splits a multipart body on its boundary lines (RFC 2046): the preamble
 * before the first `--boundary` and the epilogue after `--boundary--` are
 * dropped, and the line break before each boundary belongs to the boundary.
 */
const splitMultipart = (body: string, boundary: string): string[] => {
  const parts: string[] = []
  let current: string[] | undefined
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.replace(/[ \t]+$/, '')
    if (trimmed === `--${boundary}--`) {
      if (current !== undefined) parts.push(current.join('\r\n'))
      return parts
    }
    if (trimmed === `--${boundary}`) {
      if (current !== undefined) parts.push(current.join('\r\n'))
      current = []
    } else current?.push(line)
  }
  // no closing delimiter: keep what arrived
  if (current !== undefined) parts.push(current.join('\r\n'))
  return parts
}

const decodeBody = (e: Entity): string => {
  const encoding = (e.headers['content-transfer-encoding'] ?? '7bit').trim().toLowerCase()
  const bytes =
    encoding === 'quoted-printable'
      ? quotedPrintableBytes(e.body, true)
      : encoding === 'base64'
        ? Buffer.from(e.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
        : Buffer.from(e.body, 'latin1') // 7bit, 8bit, binary
  const text = decodeText(bytes, e.params['charset'] ?? 'utf-8')
  return e.contentType.startsWith('text/') ? text.replace(/\r\n?/g, '\n') : text
}

/**
 * Quoted-printable (RFC 2045 §6.7) to bytes: `=XX` is a byte, `=` at the end
 * of a line is a soft line break, and (in bodies) white space at the end of a
 * line is transport padding.
 */
const quotedPrintableBytes = (binary: string, body = false): Buffer => {
  const text = body ? binary.replace(/[ \t]+(?=\r?\n|$)/g, '').replace(/=\r?\n/g, '') : binary
  const out: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const hex = text.slice(i + 1, i + 3)
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16))
      i += 2
    } else out.push(c & 0xff)
  }
  return Buffer.from(out)
}

const decodeText = (bytes: Buffer, charset: string): string => {
  const name = charset.trim().toLowerCase()
  try {
    return new TextDecoder(name === '' || name === 'us-ascii' || name === 'ascii' ? 'utf-8' : name).decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes) // an unknown charset: read as UTF-8
  }
}
