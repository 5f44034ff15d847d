/**
 * What the organisations workflows share: the clock's reading, and proving a
 * payee by a HealthPartners-issued check under the per-Tax-ID throttle.
 */
import * as E from '../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import type { TaxId } from '../kernel/us-identifiers'
import { domainError } from '../kernel/errors'
import { Username, usernameKey } from '../kernel/username'
import { CodeLedger, ledgerOrEmpty } from '../credentials/verification-code'
import type { Errors } from '../accounts/policies'
import { fromEither, fromPort } from '../accounts/workflow-kit'
import { CheckProof, IssuedCheck, matchCheck } from './issued-check'
import { pinFromBytes } from './mailed-pin'
import { OrganisationsEnv, OrganisationWorkflow } from './policies'
import { CHECK_PROOF_PURPOSE, checkProofThrottle, ensureProofsAllowed, recordProofFailure, recordProofSuccess } from './proof-throttle'

/** Draws a PIN of the policy's length from the CSPRNG (rejection sampling may need more bytes). */
export const drawPin = (env: OrganisationsEnv): string => {
  for (;;) {
    const pin = pinFromBytes(env.organisationPolicies.pin, env.random.bytes(env.organisationPolicies.pin.digits * 2))
    if (pin !== null) return pin
  }
}

/** Refuses a username an account already has (in any letter case), before anything is written. */
export const ensureUsernameFree = (username: Username): OrganisationWorkflow<void> =>
  pipe(
    fromPort((env: OrganisationsEnv) => env.accounts.findByUsername(usernameKey(username))),
    RTE.chainW((found) =>
      fromEither<void, OrganisationsEnv>(
        O.isSome(found) ? E.left(domainError('username.taken', { field: 'username', rule: 'username must not already belong to an account (in any letter case)' })) : E.right(undefined)
      )
    )
  )

/** The clock's reading. */
export const clockNow: OrganisationWorkflow<DateTime> = RTE.asks((env: OrganisationsEnv) => env.clock.now())

const saveLedger = (ledger: CodeLedger): OrganisationWorkflow<CodeLedger> =>
  fromPort((env: OrganisationsEnv) => (ledger.version === 0 ? env.codeLedgers.insert(ledger) : env.codeLedgers.update(ledger)))

/**
 * Proves a payee by a check: refused while its Tax ID is locked; a mismatch
 * is counted (and saved: a domain refusal commits) before it is refused,
 * naming no field; a match clears the count.
 */
export const proveByCheck = (taxId: TaxId, proof: CheckProof): OrganisationWorkflow<IssuedCheck> =>
  pipe(
    RTE.Do,
    RTE.bindW('at', () => clockNow),
    RTE.bindW('key', () => RTE.asks((env: OrganisationsEnv) => env.keyedHasher.digest(CHECK_PROOF_PURPOSE, taxId))),
    RTE.bindW('ledger', ({ at, key }) =>
      pipe(
        fromPort((env: OrganisationsEnv) => env.codeLedgers.find(CHECK_PROOF_PURPOSE, key)),
        RTE.map(ledgerOrEmpty(CHECK_PROOF_PURPOSE, key, at))
      )
    ),
    RTE.chainFirstW(({ at, ledger }) => fromEither<CodeLedger, OrganisationsEnv>(ensureProofsAllowed(at, ledger))),
    RTE.bindW('check', () => fromPort((env: OrganisationsEnv) => env.issuedChecks.findCheck(proof.checkNumber))),
    RTE.chainW(({ at, ledger, check }) => {
      const matched = matchCheck(proof, O.toNullable(check))
      if (E.isLeft(matched))
        return pipe(
          saveLedger(recordProofFailure(at, checkProofThrottle, ledger)),
          RTE.chainW(() => RTE.left<OrganisationsEnv, Errors, IssuedCheck>([matched.left]))
        )
      const cleared = recordProofSuccess(ledger)
      return pipe(
        cleared === ledger ? RTE.right<OrganisationsEnv, Errors, unknown>(undefined) : saveLedger(cleared),
        RTE.map(() => matched.right)
      )
    })
  )
