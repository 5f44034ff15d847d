/**
 * The organisations context's secrets, put through the ports as its use cases
 * do (HealthPartners' provider portal): a provider registers on the Tax
 * ID/NPI path with a check number; another provider under the same Tax ID
 * registers by US Mail and its PIN letter is mailed; a billing organisation
 * asks for access to a client with an e-mailed approval link, and the client
 * approves it; someone whose provider is not listed asks Provider e-Services.
 * Each use case runs in one unit of work when the ports have one (the
 * postgres adapter), so letters and e-mails wait in the outboxes.
 *
 * What it returns is every secret typed or sent (the Tax IDs in every form,
 * the check number, the PIN, the link token, the letter's and the e-mail's
 * wording), for the no-secrets scans, and what is stored in clear (for their
 * controls).
 */
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { Duration } from 'luxon'
import type { AccountId } from '../../src/accounts/account'
import type { FlowId } from '../../src/accounts/flow'
import { approvalTokenDigest, approvalTokenFromBytes } from '../../src/credentials/approval-token'
import { EmailKey, emailKey } from '../../src/kernel/email'
import type { ProviderId } from '../../src/kernel/identifiers'
import { validatePostalAddress } from '../../src/kernel/postal-address'
import { parseTaxId, TaxId } from '../../src/kernel/us-identifiers'
import type { Ports, TransactionalPorts } from '../../src/ports'
import {
  accessRequestEmail,
  AccessRequestId,
  approve,
  firstPin,
  OrganisationId,
  parseOrganisationName,
  pinDigest,
  pinFromBytes,
  registerOrganisation,
  requestClientAccess,
  usMailPin,
  validateContact
} from '../../src/organizations'
import {
  completeOrganisationRegistration,
  giveContact,
  selectProvider,
  startProviderRegistration,
  startBillingRegistration,
  validateProviderPath
} from '../../src/organizations/registration/flow'
import type { Username, UsernameKey } from '../../src/kernel/username'
import type { PasswordHash } from '../../src/ports/password-hasher'

/** A secret and what it is, for the report of a scan that finds it. */
export interface Secret {
  readonly what: string
  readonly value: string
}

/** The provider's Tax ID as typed (an EIN), and the billing organisation's (typed bare). */
export const PROVIDER_TAX_ID = '41-1234567'
export const BILLING_TAX_ID = '277654321'
/** The check number as typed on the Tax ID/NPI path. */
export const CHECK_NUMBER_TYPED = '# 000 123 456'
const FLOW_LIFETIME = Duration.fromObject({ minutes: 30 })

/** A Tax ID in every form it may be written: as typed, bare, as an EIN, SSN-style, spaced. */
export const taxIdForms = (typed: string): string[] => {
  const d = typed.replace(/\D/g, '')
  return [...new Set([typed, d, `${d.slice(0, 2)}-${d.slice(2)}`, `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`, `${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`])]
}

const rightOf = <A>(r: E.Either<unknown, A>, what: string): A => (E.isRight(r) ? r.right : assert.fail(`${what} failed: ${JSON.stringify(r.left)}`))

/** Runs the scenario through `ports`; returns the secrets and what is kept in clear. */
export const runOrganisationsScenario = async (ports: Ports): Promise<{ readonly secrets: ReadonlyArray<Secret>; readonly inClear: ReadonlyArray<Secret> }> => {
  const within = <A>(body: (scope: TransactionalPorts) => Promise<A>): Promise<A> => (ports.unitOfWork ? ports.unitOfWork.transaction(body) : body(ports))
  const write = async <A>(task: () => Promise<E.Either<unknown, A>>, what: string): Promise<A> => rightOf(await task(), what)
  const now = ports.clock.now()
  const id = () => ports.random.uuid()
  const hashOf = (t: TaxId) => ({ hash: ports.keyedHasher.digest('tax-id', t), last4: t.slice(-4) })
  const maria = rightOf(validateContact({ firstName: 'María', lastName: 'López', email: 'Maria.Lopez@lakesclinic.com', phone: '651-555-0142' }), 'contact')
  const providers = [
    { providerKey: 'HP004711' as ProviderId, name: 'Lakes Family Clinic', addressHint: '1 Main St, Saint Paul, MN 55101' },
    { providerKey: 'HP004712' as ProviderId, name: 'Lakes Family Clinic – Eagan', addressHint: '2 Yankee Doodle Rd, Eagan, MN 55121' }
  ] as const
  const nameOf = (n: string) => rightOf(parseOrganisationName(n), 'organisation name')

  // A provider on the Tax ID/NPI path: the check number is typed (and matched by the caller), never kept.
  const path = rightOf(validateProviderPath({ path: 'tax-id-npi', taxId: ` ${PROVIDER_TAX_ID} `, npi: '1234567893', checkNumber: CHECK_NUMBER_TYPED }), 'step 4')
  assert.equal(path.checkNumber, '000123456')
  const providerTaxId = hashOf(path.taxId)
  const identified = startProviderRegistration(now, id() as FlowId, FLOW_LIFETIME, { path: path.path, taxId: providerTaxId, reference: path.reference, candidates: providers })
  const contactGiven = giveContact(selectProvider(identified, providers[0]), maria)
  const checkIds = { organisationId: id() as OrganisationId, accountId: id() as AccountId }
  await within(async (scope) => {
    const stored = await write(scope.flows.insert(identified), 'the identified flow')
    const given = await write(scope.flows.update({ ...contactGiven, version: stored.version }), 'contact given')
    const organisation = rightOf(
      registerOrganisation(now, checkIds, {
        kind: 'provider',
        fullName: nameOf(providers[0].name),
        taxId: providerTaxId,
        registrant: maria,
        providerKey: providers[0].providerKey,
        verification: { method: 'check', verifiedAt: now.toISO() as string }
      }),
      'register'
    )
    await write(scope.organisations.insert(organisation), 'the organisation')
    await write(scope.flows.update(completeOrganisationRegistration({ ...contactGiven, version: given.version }, { ...checkIds, username: 'MLopez' as Username })), 'completed')
  })

  // Another provider under that Tax ID, by US Mail: its PIN is kept as a keyed hash, and mailed in clear.
  const pinIds = { organisationId: id() as OrganisationId, accountId: id() as AccountId }
  const pin = pinFromBytes(usMailPin, ports.random.bytes(32)) ?? assert.fail('no PIN from 32 bytes')
  const address = rightOf(validatePostalAddress({ line1: '2 Yankee Doodle Rd', city: 'Eagan', state: 'MN', zipCode: '55121' }), 'address')
  const letterText = `${providers[1].name}\n\nYour PIN is: ${pin}\n\nEnter it before it expires.`
  await within(async (scope) => {
    const verification = firstPin(now, usMailPin, pinDigest(ports.keyedHasher, pinIds.organisationId, pin))
    const organisation = rightOf(
      registerOrganisation(now, pinIds, { kind: 'provider', fullName: nameOf(providers[1].name), taxId: providerTaxId, registrant: maria, providerKey: providers[1].providerKey, verification }),
      'register by mail'
    )
    await write(scope.organisations.insert(organisation), 'the US Mail organisation')
    await write(scope.postalMailer.send({ kind: 'registration-pin', addressee: providers[1].name, address, text: letterText }), 'the PIN letter')
  })

  // A billing organisation: named with its Tax ID, registered, then asking for access to the first provider.
  const billingTaxId = hashOf(rightOf(parseTaxId(BILLING_TAX_ID), 'billing Tax ID'))
  const billingIds = { organisationId: id() as OrganisationId, accountId: id() as AccountId }
  const ada = rightOf(validateContact({ firstName: 'Ada', lastName: 'Olsen', email: 'ada@northstar.example' }), 'contact')
  const token = rightOf(approvalTokenFromBytes(ports.random.bytes(32)), 'token')
  const requestId = id() as AccessRequestId
  const link = 'https://provider.example.com/client-access'
  await within(async (scope) => {
    const named = startBillingRegistration(now, id() as FlowId, FLOW_LIFETIME, { fullName: nameOf('Northstar Billing'), taxId: billingTaxId })
    await write(scope.flows.insert(named), 'the billing flow')
    const organisation = rightOf(registerOrganisation(now, billingIds, { kind: 'billing', fullName: nameOf('Northstar Billing'), taxId: billingTaxId, registrant: ada }), 'register billing')
    await write(scope.organisations.insert(organisation), 'the billing organisation')
    await write(
      scope.accounts.insert({
        id: billingIds.accountId,
        username: 'AOlsen' as Username,
        usernameKey: 'aolsen' as UsernameKey,
        email: ada.email,
        emailKey: emailKey(ada.email),
        passwordHash: '$scrypt$ln=4,r=1,p=1$c2FsdA$aGFzaA' as PasswordHash,
        firstName: ada.firstName,
        lastName: ada.lastName,
        dateOfBirth: null,
        relationship: { kind: 'organisation', organisationId: billingIds.organisationId },
        status: 'active',
        createdAt: now.toISO() as string,
        passwordChangedAt: now.toISO() as string,
        temporaryPassword: null,
        issuedTemporaryPasswords: [],
        challenge: null,
        signIn: { consecutiveFailures: 0, lockedUntil: null },
        version: 0
      }),
      'the delegate account'
    )
    const client = { taxIdHash: providerTaxId.hash, providerId: providers[0].providerKey, name: providers[0].name }
    const request = rightOf(
      requestClientAccess(now, Duration.fromObject({ days: 7 }), { requestId, billingOrganisationId: billingIds.organisationId }, client, maria, approvalTokenDigest(ports.keyedHasher, requestId, token), []),
      'request access'
    )
    await write(scope.accessRequests.insert(request), 'the access request')
    const email = rightOf(accessRequestEmail(request, 'Northstar Billing', link, token), 'the access e-mail')
    await write(
      scope.mailer.send({ kind: 'client-access-request', to: email.to, from: 'no-reply@provider.example.com', subject: 'Access requested', text: `Approve: ${email.approveUrl}`, html: `<a href="${email.approveUrl}">Approve</a>` }),
      'the access e-mail'
    )
  })
  await within(async (scope) => {
    const stored = await write(scope.accessRequests.findById(requestId), 'find the request')
    const request = stored._tag === 'Some' ? stored.value : assert.fail('the request is not stored')
    await write(scope.accessRequests.update(rightOf(approve(now.plus({ hours: 1 }), request, approvalTokenDigest(ports.keyedHasher, requestId, token)), 'approve')), 'the approval')
  })

  // "My provider is not listed": the Tax ID's last four only.
  await within(async (scope) =>
    write(
      scope.eServices.open({
        kind: 'provider-not-listed',
        firstName: 'Grace',
        lastName: 'Okafor',
        email: 'grace.okafor@riversidefp.com',
        emailKey: 'grace.okafor@riversidefp.com' as EmailKey,
        phone: null,
        organisationName: 'Riverside Family Practice',
        taxIdLast4: BILLING_TAX_ID.slice(-4),
        providerReference: '1234567893',
        details: 'Our clinic opened in 2026.',
        requestedAt: now.toISO() as string
      }),
      'the e-Services request'
    )
  )

  return {
    secrets: [
      ...taxIdForms(PROVIDER_TAX_ID).map((value) => ({ what: "the provider's Tax ID", value })),
      ...taxIdForms(BILLING_TAX_ID).map((value) => ({ what: "the billing organisation's Tax ID", value })),
      { what: 'the check number as typed', value: CHECK_NUMBER_TYPED },
      { what: 'the check number', value: '000123456' },
      { what: 'the mailed PIN', value: pin },
      { what: 'the approval link token', value: token },
      { what: 'the PIN letter', value: 'Your PIN is' },
      { what: 'the approval e-mail', value: 'client-access/approve' }
    ],
    inClear: [
      { what: "the Tax ID's last four", value: path.taxId.slice(-4) },
      { what: 'the organisation name', value: 'Lakes Family Clinic – Eagan' },
      { what: 'the client contact', value: 'Maria.Lopez@lakesclinic.com' }
    ]
  }
}
