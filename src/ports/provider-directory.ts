import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import { DomainError } from '../kernel/errors'
import { ProviderId } from '../kernel/identifiers'
import type { Npi } from '../kernel/npi'
import { ZipCode } from '../kernel/us-identifiers'
import { KeyedHash } from './keyed-hasher'
import type { PostalAddress } from '../kernel/postal-address'
import type { VendorNumber } from '../organizations/issued-check'

/** What the plan knows of a contracted provider. The Tax ID is held only as a keyed hash. */
export interface ProviderRecord {
  readonly providerId: ProviderId
  readonly name: string
  readonly zipCode: ZipCode
  readonly taxIdHash: KeyedHash
  /** The provider's NPI, when the plan holds it. */
  readonly npi?: Npi | null
  /** The plan's vendor number for the provider, when it has one. */
  readonly vendorNumber?: VendorNumber | null
  /** The address of record: where mail (a registration PIN) goes, and the hint beside the name. */
  readonly address?: PostalAddress | null
}

/** The plan's provider directory (from its contracting system). */
export interface ProviderDirectory {
  readonly findProvider: (providerId: ProviderId) => TE.TaskEither<DomainError, O.Option<ProviderRecord>>
  /** The provider with this NPI, if any. */
  readonly findProviderByNpi: (npi: Npi) => TE.TaskEither<DomainError, O.Option<ProviderRecord>>
  /**
   * Providers whose name contains every word of `name` (case- and
   * accent-insensitive), at most `limit` of them, by name.
   */
  readonly searchProviders: (name: string, limit: number) => TE.TaskEither<DomainError, ReadonlyArray<ProviderRecord>>
  /** The providers under a Tax ID (by its keyed hash), at most `limit` of them, by name. */
  readonly findProvidersByTaxId: (taxIdHash: KeyedHash, limit: number) => TE.TaskEither<DomainError, ReadonlyArray<ProviderRecord>>
}
