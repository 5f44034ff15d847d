import * as TE from 'fp-ts/lib/TaskEither.js'
import * as O from 'fp-ts/lib/Option.js'
import { DomainError } from '../kernel/errors'
import { UsernameKey } from '../kernel/username'
import type { Account, AccountId } from '../accounts/account'
import type { Flow, FlowId } from '../accounts/flow'
import type { CodeLedger } from '../credentials/verification-code'
import { KeyedHash } from './keyed-hasher'
import type { ProviderId } from '../kernel/identifiers'
import type { ProviderRegistration } from '../organizations/provider-registration'

/*
 * Every repository follows one rule for writes: `insert` stores version 1 and
 * fails with `username.taken` (or `storage.conflict`) on a duplicate key;
 * `update` succeeds only if the stored version equals the entity's version,
 * and stores version + 1. Both return the entity as stored.
 */

/** Accounts, unique by case-folded username. */
export interface AccountRepository {
  readonly findById: (id: AccountId) => TE.TaskEither<DomainError, O.Option<Account>>
  readonly findByUsername: (key: UsernameKey) => TE.TaskEither<DomainError, O.Option<Account>>
  readonly insert: (account: Account) => TE.TaskEither<DomainError, Account>
  readonly update: (account: Account) => TE.TaskEither<DomainError, Account>
}

/** Self-service flows in progress (sign-up, password reset), by id. */
export interface FlowRepository {
  readonly find: (id: FlowId) => TE.TaskEither<DomainError, O.Option<Flow>>
  readonly insert: (flow: Flow) => TE.TaskEither<DomainError, Flow>
  readonly update: (flow: Flow) => TE.TaskEither<DomainError, Flow>
}

/** Verification-code ledgers, one per purpose and address. */
export interface CodeLedgerRepository {
  readonly find: (purpose: string, addressKey: KeyedHash) => TE.TaskEither<DomainError, O.Option<CodeLedger>>
  readonly insert: (ledger: CodeLedger) => TE.TaskEither<DomainError, CodeLedger>
  readonly update: (ledger: CodeLedger) => TE.TaskEither<DomainError, CodeLedger>
}

/** Provider registrations, unique by Provider ID (`provider.already-registered` on a second). */
export interface ProviderRegistrationRepository {
  readonly findByProviderId: (providerId: ProviderId) => TE.TaskEither<DomainError, O.Option<ProviderRegistration>>
  readonly insert: (registration: ProviderRegistration) => TE.TaskEither<DomainError, ProviderRegistration>
}
