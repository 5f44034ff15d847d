/**
 * A consumer of the built package, as an ES module: HealthPartners' provider
 * portal on the in-memory adapters. Ada registers Lakes Family Clinic by the
 * Tax ID/NPI + check path and becomes its delegate; Eve registers Northstar
 * Billing, asks for access to the clinic, and the clinic's contact approves
 * through the e-mailed link. Exits 1 unless Eve can then open the client.
 *
 * Run: npm run build && npm run examples
 */
import { DateTime } from 'luxon'
import { createPortal, healthpartners, messageFor, type DomainError } from 'health-portal-domain'
import { issuedChecksFromData, letterbox, manualClock, memoryPorts, outboxMailer, providerDirectoryFromData } from 'health-portal-domain/adapters/memory'
import { hmacKeyedHasher, randomHashKey, scryptPasswordHasher, TEST_ONLY_SCRYPT } from 'health-portal-domain/adapters/system'

const clock = manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/Chicago' }))
const keyedHasher = hmacKeyedHasher(randomHashKey())
const mailer = outboxMailer()
const providers = providerDirectoryFromData(
  [{ providerId: 'HP10001', name: 'Lakes Family Clinic', zipCode: '55101', taxId: '41-1234567', npi: '1234567893', address: { line1: '1 Main St', city: 'Saint Paul', state: 'MN' } }],
  healthpartners.providerIdFormat,
  keyedHasher
)
const checks = issuedChecksFromData([{ checkNumber: '00123456', taxId: '41-1234567', npi: '1234567893', amount: '1250.00', issuedOn: '2026-10-01' }], keyedHasher)
if (providers._tag === 'Left') fail('loading the provider records', providers.left)
if (checks._tag === 'Left') fail('loading the issued checks', checks.left)

const site = createPortal(
  healthpartners.preset,
  memoryPorts({
    clock,
    mailer,
    keyedHasher,
    providers: providers.right,
    issuedChecks: checks.right,
    postalMailer: letterbox(),
    // TEST_ONLY_SCRYPT keeps the example fast; production keeps the default (OWASP) parameters.
    passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT)
  })
)
const PASSWORD = 'lakes and loons in june'
const { terms } = healthpartners.organisationPolicies

/** Registration's last step, the sign-in, and both terms of use accepted. */
async function register(flowId: string, username: string, contact: Record<string, string>): Promise<{ readonly accountId: string }> {
  const named = await site.organisationRegistration.contact(flowId, contact)
  if (named._tag === 'Left') fail('contact information', named.left)
  const confirmed = await site.organisationRegistration.account(flowId, { username, password: PASSWORD, confirmPassword: PASSWORD })
  if (confirmed._tag === 'Left') fail('account information', confirmed.left)
  const session = await site.signIn({ username, password: PASSWORD })
  if (session._tag === 'Left') fail('sign-in', session.left)
  const acting = { accountId: session.right.accountId }
  for (const document of ['provider-portal', 'delegate-site-administrator'] as const) {
    const accepted = await site.providerSite.acceptTerms(acting, { document, version: terms[document] })
    if (accepted._tag === 'Left') fail(`accepting the ${document} terms`, accepted.left)
  }
  return acting
}

// The clinic: Tax ID, NPI and check, then the provider selected.
const step4 = await site.organisationRegistration.identifyProvider({ path: 'tax-id-npi', taxId: '41-1234567', npi: '1234567893', checkNumber: '00123456' })
if (step4._tag === 'Left') fail('provider step 4', step4.left)
const selected = await site.organisationRegistration.selectProvider(step4.right.flowId, { providerKey: 'HP10001' })
if (selected._tag === 'Left') fail('provider step 5', selected.left)
await register(step4.right.flowId, 'ada.olsen', { firstName: 'Ada', lastName: 'Olsen', email: 'ada@lakesclinic.example' })

// The billing organisation, and its request for the clinic.
const billing = await site.organisationRegistration.nameBillingOrganisation({ fullName: 'Northstar Billing Services', taxId: '41-7654321' })
if (billing._tag === 'Left') fail('billing step 4', billing.left)
const eve = await register(billing.right.flowId, 'eve.kim', { firstName: 'Eve', lastName: 'Kim', email: 'eve@northstar.example', phone: '651-555-0134' })
const asked = await site.clientAccess.request(eve, {
  taxId: '41-1234567',
  checkNumber: '00123456',
  providerKey: 'HP10001',
  contact: { firstName: 'Maria', lastName: 'Lopez', email: 'maria@lakesclinic.example' }
})
if (asked._tag === 'Left') fail('the access request', asked.left)

// The clinic's contact follows the approval link in her e-mail.
const link = /To approve, open: (\S+)/.exec(mailer.inbox('maria@lakesclinic.example').at(-1)?.text ?? '')?.[1]
if (link === undefined) fail('reading the access-request e-mail', [])
const url = new URL(link)
const answered = await site.clientAccess.answer({ request: url.searchParams.get('request'), token: url.searchParams.get('token'), decision: 'approve' })
if (answered._tag === 'Left') fail('approving', answered.left)

const opened = await site.clientAccess.open(eve, { providerKey: 'HP10001' })
if (opened._tag === 'Left') fail('opening the client', opened.left)
console.log(`esm: ${JSON.stringify({ client: opened.right.client.name, state: opened.right.state })}`)
if (opened.right.state !== 'approved') fail(`expected an approved access, got "${opened.right.state}"`, [])

function fail(step: string, errors: ReadonlyArray<DomainError>): never {
  console.error(`esm: ${step} failed`)
  for (const e of errors) console.error(`  ${e.code}: ${messageFor(healthpartners.preset)(e)}`)
  process.exit(1)
}
