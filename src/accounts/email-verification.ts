/**
 * Sending and checking e-mail verification codes, shared by sign-up and
 * password reset. The code is bound to its flow: its keyed hash covers the
 * flow id, so a code sent for one flow never verifies another.
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { EmailAddress, emailKey } from '../kernel/email'
import { ANY_PURPOSE, checkCode, CodeLedger, countCodeSent, digitsFromBytes, issueCode, ledgerOrEmpty, normaliseCodeInput } from '../credentials/verification-code'
import { KeyedHash } from '../ports/keyed-hasher'
import { Random } from '../ports/random'
import { AccountsEnv, CodePurpose, Errors, Workflow } from './policies'
import { fromEither, fromPort, now } from './workflow-kit'
import { FlowId } from './flow'

/** Draws `count` uniformly random digits from the CSPRNG. */
export const drawDigits = (random: Random, count: number): string => {
  let digits = ''
  while (digits.length < count) digits += digitsFromBytes(random.bytes(count * 2), count - digits.length)
  return digits
}

const addressKeyOf = (env: AccountsEnv, address: EmailAddress): KeyedHash => env.keyedHasher.digest('email-address', emailKey(address))
const codeHashOf = (env: AccountsEnv, flowId: FlowId, code: string): KeyedHash => env.keyedHasher.digest('verification-code', `${flowId}:${code}`)

const loadLedger = (purpose: CodePurpose | typeof ANY_PURPOSE, address: EmailAddress): Workflow<CodeLedger> =>
  pipe(
    RTE.ask<AccountsEnv, Errors>(),
    RTE.chain((env) => {
      const key = addressKeyOf(env, address)
      return pipe(
        fromPort((e) => e.codeLedgers.find(purpose, key)),
        RTE.map(ledgerOrEmpty(purpose, key, env.clock.now()))
      )
    })
  )

const saveLedger = (ledger: CodeLedger): Workflow<CodeLedger> =>
  fromPort((env) => (ledger.version === 0 ? env.codeLedgers.insert(ledger) : env.codeLedgers.update(ledger)))

/**
 * Issues a fresh code for a flow, replacing any earlier one, and e-mails it.
 * The address's quota counts the codes of every purpose together.
 */
export const sendVerificationCode = (purpose: CodePurpose, flowId: FlowId, to: EmailAddress): Workflow<void> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('at', () => now),
    RTE.bind('ledger', () => loadLedger(purpose, to)),
    RTE.bind('quota', () => loadLedger(ANY_PURPOSE, to)),
    RTE.bind('code', ({ env }) => RTE.right(drawDigits(env.random, env.policies.codePolicy.digits))),
    RTE.chain(({ env, at, ledger, quota, code }) =>
      pipe(
        fromEither(issueCode(env.policies.codePolicy)(at, ledger, codeHashOf(env, flowId, code))),
        RTE.bindTo('issued'),
        RTE.bind('counted', () => fromEither(countCodeSent(env.policies.codePolicy)(at, quota))),
        // Nothing is written unless both allow the code; the portal's unit of work commits the two together.
        RTE.chainFirst(({ counted }) => saveLedger(counted)),
        RTE.chainFirst(({ issued }) => saveLedger(issued)),
        RTE.chain(() => fromPort((e) => e.mailer.send(e.policies.emails.verificationCode({ to, code, purpose }))))
      )
    )
  )

/** Checks a typed code against the flow's current code; the ledger records the attempt either way. */
export const verifyEmailCode = (purpose: CodePurpose, flowId: FlowId, address: EmailAddress, input: unknown): Workflow<void> =>
  pipe(
    RTE.Do,
    RTE.bind('env', () => RTE.ask<AccountsEnv, Errors>()),
    RTE.bind('code', ({ env }) => fromEither(normaliseCodeInput(env.policies.codePolicy, input))),
    RTE.bind('at', () => now),
    RTE.bind('ledger', () => loadLedger(purpose, address)),
    RTE.chain(({ env, code, at, ledger }) => {
      const check = checkCode(env.policies.codePolicy)(at, ledger, codeHashOf(env, flowId, code))
      return pipe(
        check.ledger === ledger ? RTE.right<AccountsEnv, Errors, unknown>(ledger) : saveLedger(check.ledger),
        RTE.chain(() => fromEither(E.map(() => undefined)(check.verdict)))
      )
    })
  )
