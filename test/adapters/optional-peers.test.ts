/**
 * Optional peer dependencies (nodemailer, pg, @electric-sql/pglite,
 * fast-check): a consumer without one is told which package to install, and
 * the modules that do not need it still load. Each case runs in a child node
 * process whose resolver hides the package (test/support/hide-packages.js).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')

/** Runs `script` (CommonJS, from the repository root, through ts-node) with `packages` hidden; its stdout, stderr and exit code. */
const withoutPackages = (packages: ReadonlyArray<string>, script: string) => {
  const run = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', './test/support/hide-packages.js', '-e', script],
    { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, HIDE_PACKAGES: packages.join(',') } }
  )
  return { stdout: run.stdout, stderr: run.stderr, status: run.status }
}

describe('a missing optional peer dependency', () => {
  test('the hook really hides a package (else the tests below prove nothing)', () => {
    const r = withoutPackages(['nodemailer'], "require('nodemailer')")
    assert.notEqual(r.status, 0)
    assert.match(r.stderr, /Cannot find module 'nodemailer'/)
  })

  test('nodemailer: the SMTP adapter loads, and sending is a typed mail.delivery-failed that says to npm install nodemailer', () => {
    const r = withoutPackages(
      ['nodemailer'],
      `const { smtpMailerFrom } = require('./adapters/smtp')
       const mailer = smtpMailerFrom({ host: '127.0.0.1', port: 2525 })
       if (mailer._tag !== 'Right') throw new Error('options refused')
       const email = { to: 'jane@example.org', from: 'portal@example.org', subject: 'Hello', text: 'Hello', html: '<p>Hello</p>', kind: 'test' }
       mailer.right.send(email)().then(async (result) => { await mailer.right.close(); console.log(JSON.stringify(result)) })`
    )
    assert.equal(r.status, 0, r.stderr)
    const result = JSON.parse(r.stdout) as { _tag: string; left: { code: string; rule: string } }
    assert.equal(result._tag, 'Left')
    assert.equal(result.left.code, 'mail.delivery-failed')
    assert.match(result.left.rule, /npm install nodemailer/)
  })

  test('fast-check: importing the testkit throws an Error that says to npm install fast-check', () => {
    const r = withoutPackages(['fast-check'], "require('./src/testkit')")
    assert.notEqual(r.status, 0)
    assert.match(r.stderr, /health-portal-domain\/testkit needs fast-check, an optional peer dependency: npm install --save-dev fast-check/)
  })

  test('pg and PGlite: the PostgreSQL adapter loads without either (a consumer passes its own Pool or PGlite)', () => {
    const r = withoutPackages(
      ['pg', '@electric-sql/pglite'],
      `const postgres = require('./adapters/postgres')
       console.log([typeof postgres.fromPgPool, typeof postgres.fromPGlite, typeof postgres.migrate].join(' '))`
    )
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout.trim(), 'function function function')
  })

  test('none of them: the root export, kernel, accounts and memory adapters load with all four hidden', () => {
    const r = withoutPackages(
      ['nodemailer', 'pg', '@electric-sql/pglite', 'fast-check'],
      "require('./src'); require('./src/kernel'); require('./src/accounts'); require('./adapters/memory'); require('./adapters/system'); console.log('loaded')"
    )
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout.trim(), 'loaded')
  })
})
