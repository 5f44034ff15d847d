/**
 * In-memory adapters for the organisations context: the organisation and
 * access-request tables, the plan's issued checks (a fixture), a letterbox
 * for mailed PINs, and Provider e-Services' queue.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { domainError, DomainError } from '../../src/kernel/errors'
import { Validation, validateAll } from '../../src/kernel/validation'
import { parseTaxId } from '../../src/kernel/us-identifiers'
import { parseNpi } from '../../src/kernel/npi'
import { KeyedHasher } from '../../src/ports/keyed-hasher'
import type { AccessRequestRepository, EServicesDesk, EServicesRequest, IssuedCheckRegistry, OrganisationRepository, OutgoingLetter, PostalMailer } from '../../src/ports/organisations'
import { alreadyRegistered, RegisteredOrganisation, registrationKey } from '../../src/organizations/organisation'
import type { AccessRequest } from '../../src/organizations/client-access'
import { IssuedCheck, parseCheckNumber, parseVendorNumber } from '../../src/organizations/issued-check'
import { Table } from './table'

const task = <A>(e: E.Either<DomainError, A>): TE.TaskEither<DomainError, A> => TE.fromEither(e)

// -------------------------------------------------------------------------------------
// repositories
// -------------------------------------------------------------------------------------

/** The organisation and access-request repositories over in-memory tables, and what they hold. */
export interface MemoryOrganisationTables {
  readonly organisations: OrganisationRepository
  readonly accessRequests: AccessRequestRepository
  readonly snapshot: () => { readonly organisations: ReadonlyArray<RegisteredOrganisation>; readonly accessRequests: ReadonlyArray<AccessRequest> }
}

/** Fresh, empty organisation and access-request tables. */
export const memoryOrganisationTables = (): MemoryOrganisationTables => {
  const organisations = new Table<RegisteredOrganisation>('organisation', (o) => o.id, {
    registration: { key: registrationKey, error: alreadyRegistered }
  })
  const requests = new Table<AccessRequest>('client access request', (r) => r.id)
  return {
    organisations: {
      findById: (id) => TE.right(organisations.get(id)),
      findByRegistrationKey: (key) => TE.right(organisations.findBy('registration', key)),
      insert: (o) => task(organisations.insert(o)),
      update: (o) => task(organisations.update(o))
    },
    accessRequests: {
      findById: (id) => TE.right(requests.get(id)),
      findByBillingOrganisation: (id, limit) =>
        TE.right(
          requests
            .all()
            .filter((r) => r.billingOrganisationId === id)
            .sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : a.requestedAt > b.requestedAt ? -1 : 0))
            .slice(0, Math.max(0, limit))
        ),
      insert: (r) => task(requests.insert(r)),
      update: (r) => task(requests.update(r))
    },
    snapshot: () => ({ organisations: organisations.all(), accessRequests: requests.all() })
  }
}

// -------------------------------------------------------------------------------------
// issued checks
// -------------------------------------------------------------------------------------

/** A check as the plan's payment data lists it (all text, as read from a file). */
export interface IssuedCheckData {
  readonly checkNumber: string
  readonly taxId: string
  readonly npi?: string
  readonly vendorNumber?: string
  /** The amount in dollars and cents, e.g. `1250.00`. */
  readonly amount: string
  /** `YYYY-MM-DD`. */
  readonly issuedOn: string
}

const amountOf = (amount: string, field: string): E.Either<DomainError, number> =>
  /^\d{1,9}\.\d{2}$/.test(amount)
    ? E.right(Math.round(Number(amount) * 100))
    : E.left(domainError('field.invalid', { field, rule: `${field} must be dollars and cents such as 1250.00`, expected: 'dollars and cents' }))

const dateOf = (date: string, field: string): E.Either<DomainError, string> =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) ? E.right(date) : E.left(domainError('field.invalid', { field, rule: `${field} must be a date YYYY-MM-DD`, expected: 'YYYY-MM-DD' }))

/** The issued-check registry over data; Tax IDs are kept only as keyed hashes. */
export const issuedChecksFromData = (data: ReadonlyArray<IssuedCheckData>, keyedHasher: KeyedHasher): Validation<IssuedCheckRegistry> => {
  const rows = data.map((c, i) =>
    validateAll({
      checkNumber: parseCheckNumber(c.checkNumber, `checks[${i}].checkNumber`),
      taxId: parseTaxId(c.taxId, `checks[${i}].taxId`),
      npi: c.npi === undefined ? E.right(null) : parseNpi(c.npi, `checks[${i}].npi`),
      vendorNumber: c.vendorNumber === undefined ? E.right(null) : parseVendorNumber(c.vendorNumber, `checks[${i}].vendorNumber`),
      amountCents: amountOf(c.amount, `checks[${i}].amount`),
      issuedOn: dateOf(c.issuedOn, `checks[${i}].issuedOn`)
    })
  )
  const errors = rows.flatMap((v) => (E.isLeft(v) ? v.left : []))
  const [first, ...rest] = errors
  if (first !== undefined) return E.left([first, ...rest])
  const byNumber = new Map<string, IssuedCheck>()
  for (const r of rows)
    if (E.isRight(r)) {
      const { taxId, ...check } = r.right
      byNumber.set(check.checkNumber, { ...check, taxIdHash: keyedHasher.digest('tax-id', taxId) })
    }
  return E.right({ findCheck: (n) => TE.right(O.fromNullable(byNumber.get(n))) })
}

/** A payment system that issued no checks: the default until the plan's data is given. */
export const noIssuedChecks: IssuedCheckRegistry = { findCheck: () => TE.right(O.none) }

// -------------------------------------------------------------------------------------
// letters
// -------------------------------------------------------------------------------------

/** A postal mailer that keeps every letter, newest last: what a test reads "in the mail". */
export interface Letterbox extends PostalMailer {
  readonly letters: () => ReadonlyArray<OutgoingLetter>
  /** The PIN in the newest `registration-pin` letter to a ZIP code's addressee ("Your PIN is: …"), if any. */
  readonly pinFor: (addressee: string) => string | undefined
  /** Makes the next hand-offs fail, to test what happens when the mail vendor is down. */
  readonly failDeliveries: (failing: boolean) => void
}

/** An in-memory letterbox. */
export const letterbox = (): Letterbox => {
  const sent: OutgoingLetter[] = []
  let failing = false
  return {
    send: (letter) =>
      failing
        ? TE.left(domainError('mail.delivery-failed', { rule: 'the letter must reach the mailing vendor', cause: 'letterbox set to fail' }))
        : TE.fromIO(() => {
            sent.push(letter)
          }),
    letters: () => [...sent],
    pinFor: (addressee) => {
      const newest = sent.filter((l) => l.kind === 'registration-pin' && l.addressee === addressee).at(-1)
      return newest === undefined ? undefined : /Your PIN is: (\d+)/.exec(newest.text)?.[1]
    },
    failDeliveries: (f) => {
      failing = f
    }
  }
}

// -------------------------------------------------------------------------------------
// Provider e-Services
// -------------------------------------------------------------------------------------

/** Provider e-Services' queue in memory: every request opened, with its reference. */
export interface MemoryEServicesDesk extends EServicesDesk {
  readonly requests: () => ReadonlyArray<EServicesRequest & { readonly reference: string }>
}

/** An in-memory e-Services queue; references are `ES-` and a running number. */
export const memoryEServicesDesk = (): MemoryEServicesDesk => {
  const opened: Array<EServicesRequest & { readonly reference: string }> = []
  return {
    open: (request) =>
      TE.fromIO(() => {
        const reference = `ES-${String(opened.length + 1).padStart(6, '0')}`
        opened.push({ ...request, reference })
        return { reference }
      }),
    requests: () => [...opened]
  }
}
