/**
 * A consumer of the built package, as an ES module: Grace Okafor registers
 * Riverside Family Practice on Harmony's site (in-memory adapters), replaces
 * the e-mailed temporary password, signs in, and submits an outpatient
 * authorization request for Maria Lopez — then prints the summary report's
 * reference, status and due time, and checks the PAS Claim. Exits 1 unless the
 * request is pended with a reference and a Claim of use "preauthorization".
 *
 * Run: npm run build && npm run examples
 */
import { DateTime } from 'luxon'
import { createPortal, harmony, messageFor, type DomainError } from 'health-portal-domain'
import { manualClock, memberDirectoryFromData, memoryPorts, outboxMailer, providerDirectoryFromData } from 'health-portal-domain/adapters/memory'
import { hmacKeyedHasher, randomHashKey, scryptPasswordHasher, TEST_ONLY_SCRYPT } from 'health-portal-domain/adapters/system'
import { decisionDueAt, placeOfServiceName } from 'health-portal-domain/prior-authorization'

const clock = manualClock(DateTime.fromISO('2026-11-22T09:00:00', { zone: 'America/New_York' }))
const keyedHasher = hmacKeyedHasher(randomHashKey())
const mailer = outboxMailer()
const providers = providerDirectoryFromData(
  [
    { providerId: 'HP001234', name: 'Riverside Family Practice', zipCode: '33602', taxId: '59-1234567', npi: '1234567893' },
    { providerId: 'HP009877', name: 'Tampa Bay Physical Therapy', zipCode: '33609', taxId: '59-2468136' }
  ],
  harmony.providerIdFormat,
  keyedHasher
)
if (providers._tag === 'Left') fail('loading the provider directory', providers.left)
const members = memberDirectoryFromData(
  { members: [{ memberId: 'HX10002345', firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '07-04-1962' }] },
  { memberId: harmony.memberIdFormat, representativeId: harmony.preset.policies.representativeIdFormat },
  keyedHasher,
  '2026-11-22'
)
if (members._tag === 'Left') fail('loading the member directory', members.left)

const site = createPortal(
  harmony.preset,
  // TEST_ONLY_SCRYPT keeps the example fast; production keeps the default (OWASP) parameters.
  memoryPorts({ clock, mailer, keyedHasher, providers: providers.right, members: members.right, passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT) })
)

// The provider web registration, then a password of Grace's own.
const flow = must('identify', await site.providerRegistration.identify({ providerId: 'HP001234', zipCode: '33602', taxId: '59-1234567' }))
must('describe', await site.providerRegistration.describe(flow.flowId, {
  organisation: { name: 'Riverside Family Practice', phone: '813-555-0142' },
  users: [{ firstName: 'Grace', lastName: 'Okafor', email: 'grace.okafor@riversidefp.com', phone: '(813) 555-0143', access: ['claims', 'prior-authorizations'] }]
}))
must('create username', await site.providerRegistration.createUsername(flow.flowId, { username: 'GraceOkafor', securityQuestion: 'first-pet', securityAnswer: 'Biscuit' }))
// The memory outbox hands over the e-mailed temporary password, typed (string | undefined).
const temporary = mailer.temporaryPassword('grace.okafor@riversidefp.com')
const own = 'correct horse battery staple'
must('own password', await site.chooseOwnPassword({ username: 'GraceOkafor', currentPassword: temporary, newPassword: own, confirmNewPassword: own }))
const signedIn = must('sign in', await site.signIn({ username: 'GraceOkafor', password: own }))

// The ten steps.
const acting = { accountId: signedIn.accountId }
const pa = site.priorAuthorization
const id = must('start', await pa.start(acting)).id
must('requesting provider', await pa.requestingProvider(acting, id, { providerId: '1234567893' }))
must('member', await pa.member(acting, id, { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '07-04-1962' }))
must('service', await pa.service(acting, id, { placeOfService: '11', visits: 6, serviceDate: '12-01-2026' }))
must('codes', await pa.codes(acting, id, { diagnoses: 'M54.50', procedures: ['97110', '97140'] }))
must('servicing provider', await pa.servicingProvider(acting, id, { name: 'physical therapy' }))
must('clinicals', await pa.clinicals(acting, id, { text: 'Low back pain for 8 weeks; home exercise program failed.' }))
must('contacts', await pa.contacts(acting, id, { phone: '(813) 555-0143', fax: '813-555-0144' }))
const receipt = must('submit', await pa.submit(acting, id))
const summary = must('summary', await pa.summary(acting, receipt.reference))

const claim = summary.fhir.entry[0]?.resource as { resourceType?: string; use?: string } | undefined
const expectedDue = decisionDueAt(DateTime.fromISO(receipt.submittedAt), 'standard', 'America/New_York')
console.log(`esm: ${JSON.stringify({ reference: receipt.reference, status: receipt.status, dueAt: receipt.dueAt, placeOfService: placeOfServiceName(receipt.request.service.placeOfService) })}`)
if (receipt.status !== 'pended' || !/^HPA-/.test(receipt.reference)) fail('expected a pended request with an HPA- reference', [])
if (claim?.resourceType !== 'Claim' || claim.use !== 'preauthorization') fail('expected a PAS Claim of use "preauthorization"', [])
if (expectedDue._tag === 'Left' || expectedDue.right.toISO() !== DateTime.fromISO(receipt.dueAt, { setZone: true }).toISO()) fail('expected the decision due 7 calendar days after submission', [])
if (!summary.html.includes(receipt.reference) || !summary.text.includes('Low back pain, unspecified')) fail('expected the summary to show the reference and the diagnosis', [])

function must<A>(step: string, outcome: { _tag: 'Left'; left: ReadonlyArray<DomainError> } | { _tag: 'Right'; right: A }): A {
  if (outcome._tag === 'Left') fail(step, outcome.left)
  return outcome.right
}

function fail(step: string, errors: ReadonlyArray<DomainError>): never {
  console.error(`esm: ${step} failed`)
  for (const e of errors) console.error(`  ${e.code}: ${messageFor(harmony.preset)(e)}`)
  process.exit(1)
}
