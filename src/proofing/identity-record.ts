/**
 * A HARP person's identity record: the profile on file (the SSN only as its
 * masked last four and keyed hash), the path their proofing takes, where
 * remote proofing stands, the manual proofing under way, and when (and how)
 * their identity was proofed. One per individual account, keyed by its id.
 *
 * @since 0.4.0
 */
import { DateTime } from 'luxon'
import type { AccountId } from '../accounts/account'
import type { ProfileOnFile, ProofingPath } from './profile'
import { remoteProofingAt, startRemoteProofing, type KbaPolicy, type RemoteProofing } from './knowledge-based'
import type { ManualProofingId } from './manual'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How an identity was proofed. */
export type ProofingMethod = 'remote' | 'manual'

/** What HARP keeps of a person's identity proofing. */
export interface IdentityRecord {
  readonly accountId: AccountId
  readonly profile: ProfileOnFile
  /** Remote with an SSN, manual without. */
  readonly path: ProofingPath
  /** Remote proofing's state; null on the manual path (no SSN given). */
  readonly remote: RemoteProofing | null
  /** Wrong SSNs entered in a row when asking for another quiz; at the policy's limit remote proofing ends. */
  readonly ssnFailures: number
  /** The manual proofing most recently initiated, if any. */
  readonly manualProofingId: ManualProofingId | null
  readonly proofedAt: string | null
  readonly proofedBy: ProofingMethod | null
  readonly createdAt: string
  /** Optimistic-concurrency version: 0 before the first save. */
  readonly version: number
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** A new record: remote proofing not yet begun with an SSN, none without. */
export const newIdentityRecord = (now: DateTime, accountId: AccountId, profile: ProfileOnFile): IdentityRecord => ({
  accountId,
  profile,
  path: profile.ssn === null ? 'manual' : 'remote',
  remote: profile.ssn === null ? null : startRemoteProofing(),
  ssnFailures: 0,
  manualProofingId: null,
  proofedAt: null,
  proofedBy: null,
  createdAt: now.toISO() as string,
  version: 0
})

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** Remote proofing as it stands now (a quiz past its time has failed), or null on the manual path. */
export const remoteNow = (now: DateTime, policy: KbaPolicy, record: IdentityRecord): RemoteProofing | null =>
  record.remote === null ? null : remoteProofingAt(now, policy, record.remote)

/**
 * May the person initiate manual proofing? Without an SSN, at once; with one,
 * once remote proofing is over without success (every quiz failed, no credit
 * file, or too many wrong SSNs).
 */
export const manualProofingOpen = (now: DateTime, policy: KbaPolicy, ssnRetryLimit: number, record: IdentityRecord): boolean => {
  if (record.proofedAt !== null) return false
  const remote = remoteNow(now, policy, record)
  return remote === null || remote.state === 'manual-proofing-offered' || record.ssnFailures >= ssnRetryLimit
}
