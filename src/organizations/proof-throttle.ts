/**
 * Guessing a check number is the one way to skip the US Mail PIN, and the
 * Tax ID and NPI it goes with are printed in directories. So wrong proofs are
 * counted per Tax ID (across provider registrations and billing
 * organisations' client look-ups alike): after 10 in a row the Tax ID is
 * locked for an hour. The count lives in a code ledger of its own purpose,
 * keyed by the Tax ID's keyed hash.
 *
 * @since 0.3.0
 */
import * as E from '../kernel/either'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import type { CodeLedger } from '../credentials/verification-code'

/** The code-ledger purpose check proofs are counted under. */
export const CHECK_PROOF_PURPOSE = 'check-proof'

/** How many wrong proofs a Tax ID allows in a row, and for how long it is then locked. */
export interface ProofThrottlePolicy {
  readonly maxFailures: number
  readonly lock: Duration
}

/** This library's policy: 10 wrong proofs, then an hour's lock. */
export const checkProofThrottle: ProofThrottlePolicy = { maxFailures: 10, lock: Duration.fromObject({ hours: 1 }) }

/** Refuses a proof while its Tax ID is locked. */
export const ensureProofsAllowed = (now: DateTime, ledger: CodeLedger): E.Either<DomainError, CodeLedger> => {
  const until = ledger.lockedUntil === null ? null : DateTime.fromISO(ledger.lockedUntil, { zone: now.zone })
  return until !== null && until.isValid && now < until
    ? E.left(
        domainError('organisation.proof-throttled', {
          rule: 'too many attempts that did not match a check: try again later, or choose the US Mail option',
          retryAfter: ledger.lockedUntil as string
        })
      )
    : E.right(ledger)
}

/** Counts a wrong proof; the last one allowed locks the Tax ID (and starts the count again). */
export const recordProofFailure = (now: DateTime, policy: ProofThrottlePolicy, ledger: CodeLedger): CodeLedger => {
  const failures = ledger.failedAttempts + 1
  return failures >= policy.maxFailures
    ? { ...ledger, failedAttempts: 0, lockedUntil: now.plus({ milliseconds: policy.lock.toMillis() }).toISO() as string }
    : { ...ledger, failedAttempts: failures }
}

/** A proof that matched clears the count (unchanged when there was none: no write). */
export const recordProofSuccess = (ledger: CodeLedger): CodeLedger =>
  ledger.failedAttempts === 0 && ledger.lockedUntil === null ? ledger : { ...ledger, failedAttempts: 0, lockedUntil: null }
