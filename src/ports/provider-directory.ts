import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import { DomainError } from '../kernel/errors'
import { ProviderId } from '../kernel/identifiers'
import { ZipCode } from '../kernel/us-identifiers'
import { KeyedHash } from './keyed-hasher'

/** What the plan knows of a contracted provider. The Tax ID is held only as a keyed hash. */
export interface ProviderRecord {
  readonly providerId: ProviderId
  readonly name: string
  readonly zipCode: ZipCode
  readonly taxIdHash: KeyedHash
}

/** The plan's provider directory (from its contracting system). */
export interface ProviderDirectory {
  readonly findProvider: (providerId: ProviderId) => TE.TaskEither<DomainError, O.Option<ProviderRecord>>
}
