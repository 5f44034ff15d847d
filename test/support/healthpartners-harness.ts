/**
 * A test harness: the HealthPartners provider-portal preset over the
 * in-memory adapters, with a manual clock, a fixed keyed-hash key, cheap
 * scrypt, an outbox, a letterbox, and HealthPartners' records (providers with
 * NPI, vendor number and address of record; the checks the plan issued).
 * Helpers drive the registration paths, sign-in with terms, and the client
 * contact's e-mailed link.
 */
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, healthpartners } from '../../src'
import type { DomainError } from '../../src/kernel/errors'
import {
  issuedChecksFromData,
  IssuedCheckData,
  letterbox,
  manualClock,
  memoryEServicesDesk,
  memoryPorts,
  memoryStore,
  outboxMailer,
  ProviderData,
  providerDirectoryFromData
} from '../../adapters/memory'
import { HashKey, hmacKeyedHasher, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../../adapters/system'

export const ZONE = 'America/Chicago'
export const START = '2026-03-02T09:00:00'

/** An NPI with its check digit (Luhn over the 80840 prefix). */
export const npiOf = (first9: string): string => {
  const digits = `80840${first9}`.split('').map(Number)
  let sum = 0
  digits.reverse().forEach((d, i) => {
    const v = i % 2 === 0 ? d * 2 : d
    sum += v > 9 ? v - 9 : v
  })
  return `${first9}${(10 - (sum % 10)) % 10}`
}

/** The provider groups HealthPartners pays, and the billing organisation's Tax ID. */
export const LAKES = { providerKey: 'LAKES01', name: 'Lakes Family Clinic', taxId: '41-1234567', npi: npiOf('123456789'), vendorNumber: 'V1001', check: '100200300', vendorCheck: '100200301' } as const
export const PRAIRIE = { providerKey: 'PRAIRIE1', name: 'Prairie Orthopedics', taxId: '41-2345678', npi: npiOf('223456789'), vendorNumber: 'V2002', check: '200300400', vendorCheck: '200300401' } as const
/** Lakes' second location under the same Tax ID, with no address of record. */
export const LAKES_EAST = { providerKey: 'LAKES02', name: 'Lakes Family Clinic East', taxId: LAKES.taxId, npi: npiOf('133456789') } as const
export const NORTH_STAR = { fullName: 'North Star Billing Services', taxId: '41-9876543' } as const

export const PROVIDERS: ReadonlyArray<ProviderData> = [
  { providerId: LAKES.providerKey, name: LAKES.name, taxId: LAKES.taxId, zipCode: '55101', npi: LAKES.npi, vendorNumber: LAKES.vendorNumber, address: { line1: '1 Main St', line2: 'Suite 2', city: 'Saint Paul', state: 'MN' } },
  { providerId: LAKES_EAST.providerKey, name: LAKES_EAST.name, taxId: LAKES_EAST.taxId, zipCode: '55106', npi: LAKES_EAST.npi },
  { providerId: PRAIRIE.providerKey, name: PRAIRIE.name, taxId: PRAIRIE.taxId, zipCode: '55401', npi: PRAIRIE.npi, vendorNumber: PRAIRIE.vendorNumber, address: { line1: '400 Nicollet Mall', city: 'Minneapolis', state: 'MN' } }
]

export const CHECKS: ReadonlyArray<IssuedCheckData> = [
  { checkNumber: LAKES.check, taxId: LAKES.taxId, npi: LAKES.npi, amount: '1250.00', issuedOn: '2026-01-15' },
  { checkNumber: LAKES.vendorCheck, taxId: LAKES.taxId, vendorNumber: LAKES.vendorNumber, amount: '310.40', issuedOn: '2026-02-01' },
  { checkNumber: PRAIRIE.check, taxId: PRAIRIE.taxId, npi: PRAIRIE.npi, amount: '980.00', issuedOn: '2026-01-20' },
  { checkNumber: PRAIRIE.vendorCheck, taxId: PRAIRIE.taxId, vendorNumber: PRAIRIE.vendorNumber, amount: '75.25', issuedOn: '2026-02-10' }
]

/** A passphrase NIST SP 800-63B-4 accepts for a password used alone (15 characters or more). */
export const PASSPHRASE = 'lakes and loons in june'

type Result<A> = E.Either<ReadonlyArray<DomainError>, A>

/** Unwraps a right, failing the test with the errors otherwise. */
export const rightOf = <A>(r: Result<A>, what = 'step'): A => {
  if (E.isLeft(r)) assert.fail(`${what} failed: ${JSON.stringify(r.left)}`)
  return r.right
}

/** The error codes of a left (empty for a right). */
export const codesOf = (r: Result<unknown>): string[] => (E.isLeft(r) ? r.left.map((e) => e.code) : [])

/** A person registering or added by a delegate. */
export interface Person {
  readonly username: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
}

/** The approval and refusal links of an access-request e-mail, parsed from its text. */
export interface AccessLinks {
  readonly approve: { readonly request: string; readonly token: string }
  readonly refuse: { readonly request: string; readonly token: string }
}

/** Parses the approve/refuse URLs out of an access-request e-mail's text (the request and token query parameters). */
export const linksOf = (text: string): AccessLinks => {
  const urlAfter = (label: string): { request: string; token: string } => {
    const at = text.indexOf(label)
    assert.ok(at >= 0, `no "${label}" in the e-mail: ${text}`)
    const url = new URL(/^\S+/.exec(text.slice(at + label.length))?.[0] ?? '')
    const request = url.searchParams.get('request')
    const token = url.searchParams.get('token')
    assert.ok(request !== null && token !== null, `no request and token in ${url.href}`)
    return { request, token }
  }
  return { approve: urlAfter('To approve, open: '), refuse: urlAfter('To refuse, open: ') }
}

export interface HealthPartnersHarnessOptions {
  readonly preset?: typeof healthpartners.preset
  readonly providers?: ReadonlyArray<ProviderData>
  readonly checks?: ReadonlyArray<IssuedCheckData>
}

/** Builds the HealthPartners portal over fresh in-memory ports. */
export const healthPartnersHarness = (options: HealthPartnersHarnessOptions = {}) => {
  const clock = manualClock(DateTime.fromISO(START, { zone: ZONE }))
  const keyedHasher = hmacKeyedHasher(new Uint8Array(32).fill(7) as HashKey)
  const mailer = outboxMailer()
  const letters = letterbox()
  const eServices = memoryEServicesDesk()
  const store = memoryStore()
  const providers = providerDirectoryFromData(options.providers ?? PROVIDERS, healthpartners.providerIdFormat, keyedHasher)
  if (E.isLeft(providers)) assert.fail(`provider data did not load: ${JSON.stringify(providers.left)}`)
  const checks = issuedChecksFromData(options.checks ?? CHECKS, keyedHasher)
  if (E.isLeft(checks)) assert.fail(`check data did not load: ${JSON.stringify(checks.left)}`)
  const ports = memoryPorts({
    clock,
    mailer,
    keyedHasher,
    store,
    providers: providers.right,
    issuedChecks: checks.right,
    postalMailer: letters,
    eServices,
    passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT)
  })
  const portal = createPortal(options.preset ?? healthpartners.preset, ports)
  const terms = (options.preset ?? healthpartners.preset).organisationPolicies.terms

  /** Contact and account steps of either path, from a flow at provider-selected or organisation-named. */
  const finish = async (flowId: string, person: Person) => {
    rightOf(await portal.organisationRegistration.contact(flowId, { firstName: person.firstName, lastName: person.lastName, email: person.email, phone: '651-555-0134' }), 'contact')
    return rightOf(await portal.organisationRegistration.account(flowId, { username: person.username, password: PASSPHRASE, confirmPassword: PASSPHRASE }), 'account')
  }

  /** Registers a provider organisation by the Tax ID/NPI path with its check. */
  const registerProvider = async (provider: typeof LAKES | typeof PRAIRIE, person: Person) => {
    const identified = rightOf(
      await portal.organisationRegistration.identifyProvider({ path: 'tax-id-npi', taxId: provider.taxId, npi: provider.npi, checkNumber: provider.check }),
      'identifyProvider'
    )
    rightOf(await portal.organisationRegistration.selectProvider(identified.flowId, { providerKey: provider.providerKey }), 'selectProvider')
    return finish(identified.flowId, person)
  }

  /** Registers a billing organisation. */
  const registerBilling = async (person: Person, organisation: { readonly fullName: string; readonly taxId: string } = NORTH_STAR) => {
    const named = rightOf(await portal.organisationRegistration.nameBillingOrganisation(organisation), 'nameBillingOrganisation')
    return finish(named.flowId, person)
  }

  /** Signs in and accepts the terms the person's role asks for; answers the acting member. */
  const signInReady = async (username: string, password = PASSPHRASE) => {
    const signedIn = rightOf(await portal.signIn({ username, password }), 'signIn')
    const acting = { accountId: signedIn.accountId }
    const status = rightOf(await portal.providerSite.status(acting), 'status')
    for (const t of status.termsOutstanding) rightOf(await portal.providerSite.acceptTerms(acting, { document: t.document, version: terms[t.document] }), 'acceptTerms')
    return acting
  }

  /** A person a delegate added: replaces the e-mailed temporary password, then signs in and accepts the terms. */
  const activate = async (username: string, email: string, password = PASSPHRASE) => {
    const temporary = mailer.temporaryPassword(email)
    assert.ok(temporary !== undefined, `no temporary password e-mailed to ${email}`)
    rightOf(await portal.chooseOwnPassword({ username, currentPassword: temporary, newPassword: password, confirmNewPassword: password }), 'chooseOwnPassword')
    return signInReady(username, password)
  }

  /** The links of the newest access-request e-mail to an address. */
  const lastLinks = (email: string): AccessLinks => {
    const newest = mailer.inbox(email).filter((m) => m.kind === 'client-access-request').at(-1)
    assert.ok(newest !== undefined, `no access request e-mailed to ${email}`)
    return linksOf(newest.text)
  }

  return { portal, clock, mailer, letters, eServices, store, ports, keyedHasher, terms, registerProvider, registerBilling, signInReady, activate, lastLinks, finish }
}

export type HealthPartnersHarness = ReturnType<typeof healthPartnersHarness>
