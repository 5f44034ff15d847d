/**
 * A consumer of the built package, as CommonJS (`import … = require(…)`
 * compiles to require()): Jane Doe registers on the HPP member portal
 * (in-memory adapters), verifies her e-mail with the code she received, and
 * completes her profile. Prints the outcome; exits 1 unless the outcome is an
 * active account.
 *
 * Run: npm run build && npm run examples
 */
import luxon = require('luxon')
import domain = require('health-portal-domain')
import memory = require('health-portal-domain/adapters/memory')
import system = require('health-portal-domain/adapters/system')

const { createPortal, hpp, messageFor } = domain

function fail(step: string, errors: ReadonlyArray<domain.DomainError>): never {
  console.error(`cjs: ${step} failed`)
  for (const e of errors) console.error(`  ${e.code}: ${messageFor(hpp.preset)(e)}`)
  process.exit(1)
}

async function main(): Promise<void> {
  const clock = memory.manualClock(luxon.DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' }))
  const keyedHasher = system.hmacKeyedHasher(system.randomHashKey())
  const mailer = memory.outboxMailer()
  const members = memory.memberDirectoryFromData(
    { members: [{ memberId: 'HP12345678', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '03-14-1985' }] },
    { memberId: hpp.memberIdFormat, representativeId: hpp.representativeIdFormat },
    keyedHasher,
    '2026-11-22'
  )
  if (members._tag === 'Left') fail('loading the member directory', members.left)

  const portal = createPortal(
    hpp.preset,
    // TEST_ONLY_SCRYPT keeps the example fast; production keeps the default (OWASP) parameters.
    memory.memoryPorts({
      clock,
      mailer,
      keyedHasher,
      members: members.right,
      passwordHasher: system.scryptPasswordHasher(system.TEST_ONLY_SCRYPT)
    })
  )

  const started = await portal.signUp.start({
    username: 'JaneDoe',
    newPassword: 'Spring#2026',
    confirmNewPassword: 'Spring#2026',
    email: 'JaneDoe@gmail.com'
  })
  if (started._tag === 'Left') fail('sign-up', started.left)

  const code = /Your code is: (\d{6})/.exec(mailer.inbox('JaneDoe@gmail.com').at(-1)?.text ?? '')?.[1]
  if (code === undefined) fail('reading the verification e-mail', [])

  const verified = await portal.signUp.verifyEmail(started.right.flowId, code)
  if (verified._tag === 'Left') fail('e-mail verification', verified.left)

  const created = await portal.signUp.create(started.right.flowId, {
    firstName: 'Jane',
    lastName: 'Doe',
    dateOfBirth: '03-14-1985',
    iAmA: 'member',
    memberId: 'HP12345678'
  })
  if (created._tag === 'Left') fail('account creation', created.left)

  const { username, relationship, status } = created.right
  console.log(`cjs: ${JSON.stringify({ username, relationship, status })}`)
  if (status !== 'active') fail(`expected an active account, got "${status}"`, [])
}

main().catch((e: unknown) => {
  console.error('cjs: unexpected error', e)
  process.exit(1)
})
