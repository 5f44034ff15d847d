/**
 * The SMTP adapter (adapters/smtp) against a real SMTP server on 127.0.0.1
 * (test/support/smtp-inbox), and the inbox's own MIME reader.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import * as E from 'fp-ts/lib/Either.js'
import { smtpMailer, smtpMailerFrom, SmtpMailer, SmtpOptions } from '../../adapters/smtp'
import { DomainError } from '../../src/kernel/errors'
import { EmailAddress } from '../../src/kernel/email'
import { OutgoingEmail } from '../../src/ports/mailer'
import { verificationCodeEmail } from '../../src/portals/hpp'
import { readEmail, SmtpInbox, startSmtpInbox, decodeEncodedWords } from '../support/smtp-inbox'

const FAST = { connectionTimeout: 500, greetingTimeout: 500, socketTimeout: 1_000 } as const
const JANE = 'Jane.Doe@example.com' as EmailAddress
const hppCode = (to: EmailAddress = JANE): OutgoingEmail => verificationCodeEmail({ to, code: '123456', purpose: 'sign-up' })

const mailerTo = (inbox: SmtpInbox, extra: Partial<SmtpOptions> = {}): SmtpMailer =>
  smtpMailer({ host: '127.0.0.1', port: inbox.port, ...FAST, ...extra })

/** Sends and returns the error, failing the test on a Right. */
const failure = async (mailer: SmtpMailer, email: OutgoingEmail): Promise<DomainError> => {
  const r = await mailer.send(email)()
  assert.ok(E.isLeft(r), `expected a delivery failure, got ${JSON.stringify(r)}`)
  return r.left
}

/** Opens (and at once closes) a plain TCP connection. */
const connect = (port: number): Promise<void> =>
  new Promise((ok, fail) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.destroy()
      ok()
    })
    s.once('error', fail)
  })

/** A free port no one listens on (bound, then released). */
const closedPort = async (): Promise<number> => {
  const inbox = await startSmtpInbox()
  await inbox.stop()
  return inbox.port
}

describe('smtpMailer delivering to an SMTP inbox', () => {
  let inbox: SmtpInbox
  let mailer: SmtpMailer
  before(async () => {
    inbox = await startSmtpInbox({ rejectRecipients: ['closed.mailbox@example.com'] })
    // pooled: one connection for the whole suite (smtp-server holds every new connection's greeting 100 ms)
    mailer = mailerTo(inbox, { pool: true })
  })
  after(async () => {
    await mailer.close()
    await inbox.stop()
  })

  test('the HPP verification-code e-mail arrives with its sender, subject, both bodies and its kind', async () => {
    inbox.clear()
    const email = hppCode()
    assert.deepEqual(await mailer.send(email)(), E.right(undefined))
    // stored before the server acknowledged DATA: no waiting needed
    const [m, ...others] = inbox.inbox('jane.doe@EXAMPLE.com')
    assert.ok(m !== undefined)
    assert.equal(others.length, 0)
    assert.equal(m.from, 'Microsoft on behalf of Health Plan Partners <msonlineservicesteam@microsoftonline.com>')
    assert.equal(m.to, 'Jane.Doe@example.com')
    assert.equal(m.subject, 'Health Plan Partners account email verification code')
    assert.deepEqual(m.envelope, { mailFrom: 'msonlineservicesteam@microsoftonline.com', rcptTo: ['Jane.Doe@example.com'] })
    assert.equal(m.headers['x-health-portal-kind'], 'verification-code')
    assert.equal(m.contentType, 'multipart/alternative')
    assert.deepEqual(m.parts.map((p) => p.contentType), ['text/plain', 'text/html'])
    assert.ok(m.text?.includes('Your code is: 123456'))
    assert.ok(m.html?.includes('<strong>123456</strong>'))
    assert.equal(m.text, email.text)
    assert.equal(m.html, email.html)
  })

  test('a non-ASCII subject, sender name and body round-trip (José, an em dash)', async () => {
    inbox.clear()
    const email: OutgoingEmail = {
      ...hppCode(),
      from: 'Health Plan Partners — Member Relations <members@hpp.example>',
      subject: 'José, your verification code — 123456',
      text: 'Hello José — your code is 123456.\nGrüße, ½ ☺\n',
      html: '<p>Hello José — your code is <b>123456</b>.</p>'
    }
    assert.deepEqual(await mailer.send(email)(), E.right(undefined))
    const m = await inbox.waitFor((x) => x.headers['x-health-portal-kind'] === 'verification-code', 500)
    // it really was encoded on the wire
    assert.match(m.raw, /^Subject: =\?UTF-8\?[BQ]\?/im)
    assert.equal(m.subject, email.subject)
    assert.equal(m.from, email.from)
    assert.equal(m.text, email.text)
    assert.equal(m.html, email.html)
  })

  test('quoted-printable soft line breaks are undone: a body line longer than 76 characters decodes whole', async () => {
    inbox.clear()
    const long = `Your code is: 123456. ${'This line is deliberately long, well past the seventy-six character limit = of quoted-printable; '.repeat(4)}end`
    const email: OutgoingEmail = { ...hppCode(), text: `${long}\n`, html: `<p>${long}</p>` }
    assert.ok(long.length > 300)
    assert.deepEqual(await mailer.send(email)(), E.right(undefined))
    const [m] = inbox.messages()
    assert.ok(m !== undefined)
    assert.equal(m.parts[0]?.transferEncoding, 'quoted-printable')
    assert.match(m.raw, /=\r\n/) // soft line breaks on the wire
    assert.match(m.raw, /=3D/) // an encoded '='
    assert.ok(m.raw.split('\r\n').every((line) => line.length <= 78))
    assert.equal(m.text, email.text)
    assert.equal(m.html, email.html)
  })

  test('a recipient the server refuses (550 at RCPT TO) is mail.delivery-failed carrying the reply', async () => {
    inbox.clear()
    const e = await failure(mailer, hppCode('closed.mailbox@example.com' as EmailAddress))
    assert.equal(e.code, 'mail.delivery-failed')
    assert.equal(e.rule, 'the message must reach the mail relay')
    assert.ok(e.code === 'mail.delivery-failed' && e.cause.includes('550 5.1.1 <closed.mailbox@example.com>: Recipient address rejected'), JSON.stringify(e))
    assert.equal(inbox.messages().length, 0)
    // the next message to a good address still goes through
    assert.deepEqual(await mailer.send(hppCode())(), E.right(undefined))
    assert.equal(inbox.messages().length, 1)
  })

  test('envelopeFrom sets MAIL FROM (where bounces go) and leaves the From header alone', async () => {
    inbox.clear()
    const bouncing = mailerTo(inbox, { envelopeFrom: 'bounces@hpp.example' })
    try {
      assert.deepEqual(await bouncing.send(hppCode())(), E.right(undefined))
      const [m] = inbox.messages()
      assert.equal(m?.envelope.mailFrom, 'bounces@hpp.example')
      assert.equal(m?.from, hppCode().from)
    } finally {
      await bouncing.close()
    }
  })

  test('waitFor resolves with a message that arrives later, and rejects when none does in time', async () => {
    inbox.clear()
    const waiting = inbox.waitFor((m) => m.to === 'late@example.com', 1_000)
    assert.deepEqual(await mailer.send(hppCode('late@example.com' as EmailAddress))(), E.right(undefined))
    assert.equal((await waiting).envelope.rcptTo[0], 'late@example.com')
    await assert.rejects(inbox.waitFor((m) => m.to === 'nobody@example.com', 50), /no matching message within 50 ms/)
  })

  test('after close(), sending is a delivery failure, not a throw', async () => {
    const closing = mailerTo(inbox)
    await closing.close()
    const e = await failure(closing, hppCode())
    assert.deepEqual(e, { code: 'mail.delivery-failed', rule: 'the message must reach the mail relay', cause: 'the SMTP mailer was closed' })
  })
})

describe('smtpMailer when the relay is down or refuses', { concurrency: true }, () => {
  test('a server that accepts the connection but never greets: Left (ETIMEDOUT) after greetingTimeout', async () => {
    const sockets = new Set<net.Socket>()
    const silent = net.createServer((s) => {
      sockets.add(s)
      s.on('error', () => undefined)
    })
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok))
    const port = (silent.address() as net.AddressInfo).port
    const mailer = smtpMailer({ host: '127.0.0.1', port, connectionTimeout: 200, greetingTimeout: 200, socketTimeout: 400 })
    try {
      const started = Date.now()
      const e = await failure(mailer, hppCode())
      const elapsed = Date.now() - started
      assert.ok(elapsed >= 150 && elapsed < 1_500, `took ${elapsed} ms`)
      assert.ok(e.code === 'mail.delivery-failed' && /ETIMEDOUT/.test(e.cause), JSON.stringify(e))
    } finally {
      await mailer.close()
      for (const s of sockets) s.destroy()
      await new Promise((ok) => silent.close(ok))
    }
  })

  test('SMTP AUTH: the right credentials deliver, wrong ones are mail.delivery-failed with the 535 reply', async () => {
    const inbox = await startSmtpInbox({ credentials: { user: 'portal', pass: 'c0rrect horse' } })
    const good = mailerTo(inbox, { auth: { user: 'portal', pass: 'c0rrect horse' } })
    const bad = mailerTo(inbox, { auth: { user: 'portal', pass: 'wrong' } })
    const none = mailerTo(inbox)
    try {
      assert.deepEqual(await good.send(hppCode())(), E.right(undefined))
      const e = await failure(bad, hppCode())
      assert.ok(e.code === 'mail.delivery-failed' && e.cause.includes('535'), JSON.stringify(e))
      assert.ok(!JSON.stringify(e).includes('wrong'), 'the password must not appear in the error')
      const e2 = await failure(none, hppCode())
      assert.ok(e2.code === 'mail.delivery-failed' && /530|auth/i.test(e2.cause), JSON.stringify(e2))
      assert.equal(inbox.messages().length, 1)
    } finally {
      await Promise.all([good.close(), bad.close(), none.close()])
      await inbox.stop()
    }
  })

  test('STARTTLS: requireTLS fails against a relay without it; tls options pass through to the upgrade', async () => {
    const plain = await startSmtpInbox()
    const tlsInbox = await startSmtpInbox({ starttls: true })
    const demanding = mailerTo(plain, { requireTLS: true })
    const trusting = mailerTo(tlsInbox, { requireTLS: true, tls: { rejectUnauthorized: false } })
    const verifying = mailerTo(tlsInbox, { requireTLS: true }) // smtp-server's test certificate is self-signed
    try {
      const e = await failure(demanding, hppCode())
      assert.ok(e.code === 'mail.delivery-failed' && /STARTTLS/i.test(e.cause), JSON.stringify(e))
      assert.deepEqual(await trusting.send(hppCode())(), E.right(undefined))
      assert.equal(tlsInbox.messages().length, 1)
      const e2 = await failure(verifying, hppCode())
      assert.ok(e2.code === 'mail.delivery-failed' && /certificate/i.test(e2.cause), JSON.stringify(e2))
      assert.equal(plain.messages().length, 0)
    } finally {
      await Promise.all([demanding.close(), trusting.close(), verifying.close()])
      await Promise.all([plain.stop(), tlsInbox.stop()])
    }
  })

})

// these free a port and bind it again, so they run one at a time: no other test may take the port in between
describe('smtpMailer when the relay stops', () => {
  test('a stopped server: Left mail.delivery-failed (ECONNREFUSED), quickly', async () => {
    const port = await closedPort()
    const mailer = smtpMailer({ host: '127.0.0.1', port, ...FAST })
    const started = Date.now()
    const e = await failure(mailer, hppCode())
    assert.ok(Date.now() - started < 1_000)
    assert.equal(e.code, 'mail.delivery-failed')
    assert.ok(e.code === 'mail.delivery-failed' && e.cause === `ECONNREFUSED 127.0.0.1:${port}`, JSON.stringify(e))
    await mailer.close()
  })

  test('stop() releases the port: a pooled mailer fails while it is down, and delivers to a new inbox on the same port', async () => {
    const first = await startSmtpInbox()
    const port = first.port
    const mailer = smtpMailer({ host: '127.0.0.1', port, pool: true, ...FAST })
    let second: SmtpInbox | undefined
    try {
      assert.deepEqual(await mailer.send(hppCode('one@example.com' as EmailAddress))(), E.right(undefined))
      await first.stop() // the pooled connection is still open: stop() must end it too
      await first.stop() // idempotent
      await assert.rejects(connect(port), /ECONNREFUSED/)
      const down = await failure(mailer, hppCode('two@example.com' as EmailAddress))
      assert.ok(down.code === 'mail.delivery-failed' && down.cause === `ECONNREFUSED 127.0.0.1:${port}`, JSON.stringify(down))
      second = await startSmtpInbox({ port })
      assert.equal(second.port, port)
      assert.deepEqual(await mailer.send(hppCode('two@example.com' as EmailAddress))(), E.right(undefined))
      assert.deepEqual(first.messages().map((m) => m.to), ['one@example.com'])
      assert.deepEqual(second.messages().map((m) => m.to), ['two@example.com'])
    } finally {
      await mailer.close()
      await second?.stop()
    }
  })
})

describe('smtpMailerFrom (validated options)', () => {
  const fields = (r: E.Either<ReadonlyArray<DomainError>, unknown>): Array<[string, string | undefined]> => {
    assert.ok(E.isLeft(r), 'expected invalid options')
    return r.left.map((e) => [e.code, e.field])
  }

  test('port 0 and an empty host: both reported, each naming its field and rule', () => {
    const r = smtpMailerFrom({ host: '', port: 0 })
    assert.deepEqual(fields(r), [
      ['field.required', 'host'],
      ['field.invalid', 'port']
    ])
    assert.ok(E.isLeft(r))
    assert.equal(r.left[1]?.rule, 'port must be a whole number from 1 to 65535')
  })

  test('every bad option is reported at once', () => {
    const r = smtpMailerFrom({
      host: 'smtp example org',
      port: 'x',
      secure: 'yes',
      tls: 'strict',
      auth: { user: ' ', pass: 42 },
      connectionTimeout: -1,
      greetingTimeout: 1.5,
      pool: 1,
      envelopeFrom: 'not-an-address',
      requireTLS: true,
      ignoreTLS: true,
      hostname: 'typo'
    })
    assert.deepEqual(fields(r), [
      ['field.invalid', 'host'],
      ['field.invalid', 'port'],
      ['field.invalid', 'secure'],
      ['field.invalid', 'tls'],
      ['field.required', 'auth.user'],
      ['field.invalid', 'auth.pass'],
      ['field.invalid', 'connectionTimeout'],
      ['field.invalid', 'greetingTimeout'],
      ['field.invalid', 'pool'],
      ['field.invalid', 'envelopeFrom'],
      ['field.invalid', 'ignoreTLS'],
      ['field.invalid', 'hostname']
    ])
  })

  test('out-of-range and missing ports, and options that are not an object', () => {
    for (const port of [0, -1, 65536, 25.5, 'x', '25x', NaN]) assert.deepEqual(fields(smtpMailerFrom({ host: 'localhost', port })), [['field.invalid', 'port']])
    assert.deepEqual(fields(smtpMailerFrom({ host: 'localhost' })), [['field.required', 'port']])
    assert.deepEqual(fields(smtpMailerFrom({ port: 25 })), [['field.required', 'host']])
    assert.deepEqual(fields(smtpMailerFrom(undefined)), [['field.invalid', 'smtp']])
    assert.deepEqual(fields(smtpMailerFrom({ host: 'h', port: 25, auth: { user: 'u' } })), [['field.required', 'auth.pass']])
  })

  test('valid options (a port given as digits, as from the environment) give a working mailer', async () => {
    const inbox = await startSmtpInbox()
    const r = smtpMailerFrom({ host: ' 127.0.0.1 ', port: String(inbox.port), secure: false, ignoreTLS: true, ...FAST, envelopeFrom: 'Bounces@HPP.example' })
    assert.ok(E.isRight(r))
    try {
      assert.deepEqual(await r.right.send(hppCode())(), E.right(undefined))
      assert.equal(inbox.messages()[0]?.envelope.mailFrom, 'Bounces@hpp.example')
    } finally {
      await r.right.close()
      await inbox.stop()
    }
  })
})

describe('the inbox MIME reader', () => {
  test('nested multipart/mixed: base64 text, quoted-printable HTML, an attachment; folded, encoded headers', () => {
    const raw = [
      'From: =?UTF-8?B?Sm9zw6kgR2FyY8OtYQ==?= <jose@example.com>',
      'To: Jane <jane@example.com>',
      'Subject: =?utf-8?Q?Caf=C3=A9_?=',
      '  =?utf-8?Q?=E2=80=94_d=C3=A9j=C3=A0?= vu',
      'X-Long: first',
      '\tsecond',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      'This is the preamble.',
      '--outer',
      'Content-Type: multipart/alternative;',
      ' boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Olá — José\r\nline two\r\n').toString('base64'),
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<p>Ol=C3=A1 =E2=80=94 a soft=',
      ' break</p>   ',
      '--inner--',
      '--outer',
      'Content-Type: text/plain; charset=iso-8859-1',
      'Content-Disposition: attachment; filename="notes.txt"',
      'Content-Transfer-Encoding: 8bit',
      '',
      'caf\u00e9',
      '--outer--',
      'epilogue',
      ''
    ].join('\r\n')
    const m = readEmail(Buffer.from(raw, 'latin1'))
    assert.equal(m.from, 'José García <jose@example.com>')
    assert.equal(m.subject, 'Café — déjà vu')
    assert.equal(m.headers['x-long'], 'first\tsecond')
    assert.equal(m.contentType, 'multipart/mixed')
    assert.equal(m.text, 'Olá — José\nline two\n')
    assert.equal(m.html, '<p>Olá — a soft break</p>')
    assert.deepEqual(
      m.parts.map((p) => [p.contentType, p.transferEncoding, p.body]),
      [
        ['text/plain', 'base64', 'Olá — José\nline two\n'],
        ['text/html', 'quoted-printable', '<p>Olá — a soft break</p>'],
        ['text/plain', '8bit', 'café']
      ]
    )
  })

  test('a single-part 8bit UTF-8 message, and encoded words split inside a character', () => {
    const m = readEmail('Subject: plain\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nJosé — ok\r\n')
    assert.equal(m.text, 'José — ok\n')
    assert.equal(m.html, undefined)
    // "é" is C3 A9: split across two adjacent encoded words, it still decodes
    assert.equal(decodeEncodedWords('=?UTF-8?Q?Jos=C3?= =?UTF-8?Q?=A9?= and =?utf-8?b?4oCU?='), 'José and —')
    assert.equal(decodeEncodedWords('no encoded words =?here'), 'no encoded words =?here')
  })
})
