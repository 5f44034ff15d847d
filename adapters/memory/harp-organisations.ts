/**
 * In-memory adapters for HARP's organisations: the organisation table
 * (unique by registration key), CMS's practice records from fixture data,
 * and the QPP Help Desk's queue.
 *
 * @since 0.4.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { domainError, DomainError } from '../../src/kernel/errors'
import { Validation, validateAll } from '../../src/kernel/validation'
import { parsePtan, parseTaxId } from '../../src/kernel/us-identifiers'
import { parseNpi } from '../../src/kernel/npi'
import { parsePersonName } from '../../src/kernel/person'
import type { KeyedHasher } from '../../src/ports/keyed-hasher'
import type {
  BillingClinician,
  HarpOrganisationRepository,
  HelpDeskQueue,
  PracticeDirectory,
  PracticeRecord,
  QueuedSecurityOfficialRequest
} from '../../src/ports/harp-organisations'
import { parseOrganisationName } from '../../src/organizations/organisation'
import { HarpOrganisation, harpRegistrationKey, parseHarpOrganisationType } from '../../src/organizations/role-requests'
import { Table, freeze } from './table'

const task = <A>(e: E.Either<DomainError, A>): TE.TaskEither<DomainError, A> => TE.fromEither(e)

/** What the first user's connection loses to when the organisation was registered first. */
export const hasSecurityOfficial = (): DomainError =>
  domainError('organisation.has-security-official', { field: 'taxId', rule: 'this organisation has a Security Official already: request a role, which a Security Official approves' })

const keyOf = (o: HarpOrganisation): string => harpRegistrationKey({ type: o.type, taxIdHash: o.taxId.hash })

/** The HARP organisation repository in memory, and what it holds. */
export interface MemoryHarpOrganisations extends HarpOrganisationRepository {
  readonly all: () => ReadonlyArray<HarpOrganisation>
}

/** A fresh, empty HARP organisation table. */
export const memoryHarpOrganisations = (): MemoryHarpOrganisations => {
  const table = new Table<HarpOrganisation>('HARP organisation', (o) => o.id, { registration: { key: keyOf, error: hasSecurityOfficial } })
  return {
    findById: (id) => TE.right(table.get(id)),
    findByRegistrationKey: (key) => TE.right(table.findBy('registration', key)),
    findByAccount: (accountId, limit) =>
      TE.right(
        table
          .all()
          .filter((o) => o.connections.some((c) => c.accountId === accountId) || o.pending.some((r) => r.accountId === accountId))
          .sort((a, b) => Date.parse(a.registeredAt) - Date.parse(b.registeredAt) || (a.id < b.id ? -1 : 1))
          .slice(0, Math.max(0, Math.floor(Number.isNaN(limit) ? 0 : limit)))
      ),
    insert: (o) => task(table.insert(o)),
    update: (o) => task(table.update(o)),
    all: () => table.all()
  }
}

/** A clinician as CMS's data lists them (all text). */
export interface ClinicianData {
  readonly firstName: string
  readonly lastName: string
  readonly npi: string
  readonly ptan: string
}

/** An organisation as CMS's data lists it (all text, as read from a file). */
export interface PracticeData {
  /** `practice`, `apm-entity` or `registry`. */
  readonly type: string
  readonly legalBusinessName: string
  readonly taxId: string
  readonly clinicians: ReadonlyArray<ClinicianData>
  readonly groupNpi?: string
  readonly groupPtan?: string
}

/** A practice directory over data; rows are decoded, and Tax IDs kept only as keyed hashes. */
export const practiceDirectoryFromData = (data: ReadonlyArray<PracticeData>, keyedHasher: KeyedHasher): Validation<PracticeDirectory> => {
  const rows = data.map((p, i) => {
    const at = `practices[${i}]`
    const clinicians = (p.clinicians ?? []).map((c, j) =>
      validateAll({
        firstName: parsePersonName(c.firstName, `${at}.clinicians[${j}].firstName`),
        lastName: parsePersonName(c.lastName, `${at}.clinicians[${j}].lastName`),
        npi: parseNpi(c.npi, `${at}.clinicians[${j}].npi`),
        ptan: parsePtan(c.ptan, `${at}.clinicians[${j}].ptan`)
      })
    )
    const clinicianErrors = clinicians.flatMap((v) => (E.isLeft(v) ? v.left : []))
    const row = validateAll({
      type: parseHarpOrganisationType(p.type, `${at}.type`),
      legalBusinessName: parseOrganisationName(p.legalBusinessName, `${at}.legalBusinessName`),
      taxId: parseTaxId(p.taxId, `${at}.taxId`),
      groupNpi: p.groupNpi === undefined ? E.right(null) : parseNpi(p.groupNpi, `${at}.groupNpi`),
      groupPtan: p.groupPtan === undefined ? E.right(null) : parsePtan(p.groupPtan, `${at}.groupPtan`)
    })
    const [first, ...rest] = [...(E.isLeft(row) ? row.left : []), ...clinicianErrors]
    if (first !== undefined) return E.left([first, ...rest] as const)
    const { taxId, ...record } = (row as E.Right<{ readonly type: PracticeRecord['type'] } & Omit<PracticeRecord, 'taxIdHash' | 'clinicians'> & { taxId: string }>).right
    return E.right<never, PracticeRecord>({
      ...record,
      taxIdHash: keyedHasher.digest('tax-id', taxId),
      clinicians: clinicians.map((c) => (c as E.Right<BillingClinician>).right)
    })
  })
  const errors = rows.flatMap((v) => (E.isLeft(v) ? v.left : []))
  const [first, ...rest] = errors
  if (first !== undefined) return E.left([first, ...rest])
  const records = rows.map((r) => (r as E.Right<PracticeRecord>).right)
  return E.right({ findByTaxId: (hash) => TE.right(records.filter((r) => r.taxIdHash === hash).map(freeze)) })
}

/** CMS's records when no data is given: no organisation is known. */
export const noPractices: PracticeDirectory = { findByTaxId: () => TE.right([]) }

/** The help desk's queue in memory: every request opened, with its reference. */
export interface MemoryHelpDeskQueue extends HelpDeskQueue {
  readonly requests: () => ReadonlyArray<QueuedSecurityOfficialRequest>
}

/** An in-memory help-desk queue; references are `QPP-` and a running number. */
export const memoryHelpDeskQueue = (): MemoryHelpDeskQueue => {
  const opened: QueuedSecurityOfficialRequest[] = []
  return {
    open: (request) =>
      TE.fromIO(() => {
        const reference = `QPP-${String(opened.length + 1).padStart(6, '0')}`
        opened.push(freeze({ ...request, reference }))
        return { reference }
      }),
    findByReference: (reference) => TE.right(O.fromNullable(opened.find((r) => r.reference === reference))),
    requests: () => [...opened]
  }
}
