/**
 * The durable mail outbox: e-mails are queued in the use case's transaction
 * and relayed over real SMTP after commit. When the SMTP server stops mid-run
 * nothing is lost: the messages wait, sealed, and go out once it is back.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, hpp, type Portal } from '../../src'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { fromPGlite, mailRelay, migrate, outboxMailer as postgresOutboxMailer, postgresPorts, PostgresPorts, SqlDatabase } from '../../adapters/postgres'
import { manualClock, ManualClock } from '../../adapters/memory'
import { aesGcmSecretBox, HashKey, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'
import type { Mailer } from '../../src/ports/mailer'
import { domainError } from '../../src/kernel/errors'
import { smtpMailer, SmtpMailer } from '../../adapters/smtp'
import { startSmtpInbox, SmtpInbox } from '../support/smtp-inbox'

const signUp = (n: string) => ({ username: `Member${n}`, newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: `member${n}@example.com` })
const codeIn = (text: string | undefined): string => /Your code is: (\d{6})/.exec(text ?? '')?.[1] ?? assert.fail('no code in the e-mail')

describe('mail outbox over PostgreSQL (PGlite) and SMTP', () => {
  let db: SqlDatabase
  let inbox: SmtpInbox
  let mailer: SmtpMailer
  let clock: ManualClock
  let ports: PostgresPorts
  let portal: Portal<typeof hpp.preset>

  before(async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    db = fromPGlite(await PGlite.create())
    assert.ok(E.isRight(await migrate(db)))
    inbox = await startSmtpInbox()
    mailer = smtpMailer({ host: '127.0.0.1', port: inbox.port, ignoreTLS: true, connectionTimeout: 1000, greetingTimeout: 1000, socketTimeout: 2000 })
    clock = manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' }))
    ports = postgresPorts({
      db,
      hashKey: new Uint8Array(32).fill(9) as HashKey,
      clock,
      delivery: mailer,
      passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT)
    })
    portal = createPortal(hpp.preset, ports)
  })
  after(async () => {
    await mailer.close()
    await inbox.stop()
    await db.close()
  })

  test('a code e-mail is delivered right after the use case commits, and its body erased from the outbox', async () => {
    const started = await portal.signUp.start(signUp('1'))
    assert.ok(E.isRight(started))
    const received = inbox.inbox('member1@example.com')
    assert.equal(received.length, 1)
    assert.ok(E.isRight(await portal.signUp.verifyEmail(started.right.flowId, codeIn(received[0]?.text))))
    const row = (await db.query<{ delivered_at: unknown; sealed_text: unknown }>('SELECT delivered_at, sealed_text FROM mail_outbox')).rows[0]
    assert.ok(row?.delivered_at, 'not marked delivered')
    assert.equal(row?.sealed_text, null)
  })

  test('with the SMTP server stopped, messages wait sealed in the outbox; restarted, they all arrive and their codes work', async () => {
    const port = inbox.port
    await inbox.stop()
    const queued = []
    for (const n of ['2', '3']) {
      const r = await portal.signUp.start(signUp(n))
      assert.ok(E.isRight(r), 'the use case itself succeeds: its e-mail is safely queued')
      queued.push(r.right)
    }
    const pending = await db.query<{ attempts: number; last_error: string; sealed_text: string }>(
      'SELECT attempts, last_error, sealed_text FROM mail_outbox WHERE delivered_at IS NULL ORDER BY id'
    )
    assert.equal(pending.rows.length, 2)
    for (const row of pending.rows) {
      assert.ok(row.attempts >= 1)
      assert.match(row.last_error, /^mail\.delivery-failed: ECONNREFUSED/)
      assert.ok(!row.sealed_text.includes('Your code is'), 'the body is sealed at rest')
    }
    const stillDown = await ports.relay.deliverPending()
    assert.ok(E.isRight(stillDown))
    assert.equal(stillDown.right.delivered, 0, 'not due yet, or still failing')

    inbox = await startSmtpInbox({ port })
    clock.advance({ minutes: 1 })
    const report = await ports.relay.deliverPending()
    assert.ok(E.isRight(report))
    assert.equal(report.right.delivered, 2)
    assert.equal(report.right.pending, 0)
    for (const [i, view] of queued.entries()) {
      const mail = inbox.inbox(`member${i + 2}@example.com`)
      assert.equal(mail.length, 1, `member${i + 2} got ${mail.length} e-mails`)
      assert.ok(E.isRight(await portal.signUp.verifyEmail(view.flowId, codeIn(mail[0]?.text))))
    }
  })

  test('a failed relay pass reports each failure as a typed mail.delivery-failed error', async () => {
    const port = inbox.port
    await inbox.stop()
    assert.ok(E.isRight(await portal.signUp.start(signUp('4'))))
    clock.advance({ hours: 1 })
    const report = await ports.relay.deliverPending()
    assert.ok(E.isRight(report))
    assert.equal(report.right.failed.length, 1)
    assert.equal(report.right.failed[0]?.error.code, 'mail.delivery-failed')
    inbox = await startSmtpInbox({ port })
    clock.advance({ hours: 1 })
    const later = await ports.relay.deliverPending()
    assert.ok(E.isRight(later) && later.right.delivered === 1)
    assert.equal(inbox.inbox('member4@example.com').length, 1)
  })
})

describe('mail relay over PostgreSQL (PGlite): order and marking', () => {
  test('a pass delivers the oldest first by id (message 10 after 9), each once, mixing failures and deliveries, and marks every delivered row', async () => {
    const { PGlite } = await import('@electric-sql/pglite')
    const db = fromPGlite(await PGlite.create())
    try {
      assert.ok(E.isRight(await migrate(db)))
      const clock = manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' }))
      const box = aesGcmSecretBox(new Uint8Array(32).fill(9) as HashKey, 'mail-outbox')
      const queue = postgresOutboxMailer(db, clock, box)
      for (let n = 1; n <= 12; n++)
        assert.ok(E.isRight(await queue.send({ kind: 'test', to: `m${n}@example.com` as never, from: 'portal@example.com', subject: `Message ${n}`, text: `text ${n}`, html: `<p>${n}</p>` })()))
      const order: string[] = []
      const sink: Mailer = {
        send: (email) => {
          order.push(email.subject)
          // Every fourth message fails this pass: it stays queued for retry, the others are marked delivered.
          return email.subject.endsWith('4') || email.subject.endsWith('8')
            ? TE.left(domainError('mail.delivery-failed', { rule: 'the server must accept the message', cause: 'refused' }))
            : TE.right(undefined)
        }
      }
      const report = await mailRelay(db, sink, clock, box).deliverPending()
      assert.ok(E.isRight(report))
      assert.deepEqual(order, Array.from({ length: 12 }, (_, i) => `Message ${i + 1}`))
      assert.equal(report.right.delivered, 10)
      assert.deepEqual(report.right.failed.map((f) => f.id), ['4', '8'])
      assert.equal(report.right.pending, 2)
      const rows = (await db.query<{ id: string; delivered: boolean; sealed: boolean; attempts: number; last_error: string | null }>(
        'SELECT id::text, delivered_at IS NOT NULL AS delivered, sealed_text IS NOT NULL AS sealed, attempts, last_error FROM mail_outbox ORDER BY id'
      )).rows
      for (const r of rows) {
        const failed = r.id === '4' || r.id === '8'
        assert.equal(r.delivered, !failed, `row ${r.id}`)
        assert.equal(r.sealed, failed, `row ${r.id}`)
        assert.equal(r.attempts, 1, `row ${r.id}`)
        assert.equal(r.last_error, failed ? 'mail.delivery-failed: refused' : null, `row ${r.id}`)
      }
    } finally {
      await db.close()
    }
  })
})
