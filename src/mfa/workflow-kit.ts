/**
 * What the second-factor workflows share: a workflow written as a sequence of
 * steps over the ports (a refused step ends it with its errors: the refusal
 * is carried to the workflow's edge as a `Left`, never further), the account
 * a signed-in person acts as, and the stores' new-or-existing saves.
 */
import * as E from '../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { DomainError, domainError } from '../kernel/errors'
import { boundText, readForm, TEXT_LIMITS } from '../kernel/form'
import type { Validation } from '../kernel/validation'
import type { Errors } from '../accounts/policies'
import type { Account, AccountId } from '../accounts/account'
import { digitsFromBytes } from '../credentials/verification-code'
import type { Random } from '../ports/random'
import type { MfaEnv, MfaWorkflow } from './policies'
import { AccountDevices, noDevices } from './devices'
import { emptyPushLedger, PushLedger } from './push'

/** A refused step: its errors, carried to the workflow's edge. */
class Refusal {
  constructor(readonly errors: Errors) {}
}

/** The value of a pure step, or the workflow ends with its error. */
export const must = <A>(e: E.Either<DomainError, A>): A => {
  if (E.isLeft(e)) throw new Refusal([e.left])
  return e.right
}

/** The value of a validation, or the workflow ends with all its errors. */
export const mustAll = <A>(v: Validation<A>): A => {
  if (E.isLeft(v)) throw new Refusal(v.left)
  return v.right
}

/** Ends the workflow with one error. */
export const refuse = (e: DomainError): never => {
  throw new Refusal([e])
}

/** Ends the workflow with the errors of another workflow. */
export const refuseAll = (errors: Errors): never => {
  throw new Refusal(errors)
}

/** The value of a port's task, or the workflow ends with its error. */
export const port = async <A>(task: TE.TaskEither<DomainError, A>): Promise<A> => must(await task())

/** A workflow as a sequence of steps over the environment: the body's value, or the errors of the step that refused. */
export const workflow =
  <A>(body: (env: MfaEnv) => Promise<A>): MfaWorkflow<A> =>
  (env) =>
  async () => {
    try {
      return E.right(await body(env))
    } catch (thrown) {
      if (thrown instanceof Refusal) return E.left(thrown.errors)
      throw thrown
    }
  }

/** Who a signed-in person is: the account they act as. */
export interface Acting {
  readonly accountId?: unknown
}

/** The account a signed-in person acts as (`account.not-found` for anything else). */
export const actingAccount = async (env: MfaEnv, acting: unknown): Promise<Account> => {
  const { accountId } = mustAll(readForm(acting, ['accountId'], 'acting'))
  must(boundText(accountId, 'accountId', TEXT_LIMITS.short))
  const found = typeof accountId === 'string' && accountId !== '' ? await port(env.accounts.findById(accountId as AccountId)) : O.none
  return O.isSome(found) ? found.value : refuse(domainError('account.not-found', { field: 'accountId', rule: 'accountId must be the signed-in account' }))
}

/** An account's devices (none yet: an empty record, version 0). */
export const devicesOf = async (env: MfaEnv, accountId: AccountId): Promise<AccountDevices> =>
  O.getOrElse(() => noDevices(accountId))(await port(env.accountDevices.find(accountId)))

/** Saves an account's devices: inserted the first time, updated (version-checked) after. */
export const saveDevices = (env: MfaEnv, devices: AccountDevices): Promise<AccountDevices> =>
  port(devices.version === 0 ? env.accountDevices.insert(devices) : env.accountDevices.update(devices))

/** An account's push ledger (none yet: empty, version 0). */
export const pushLedgerOf = async (env: MfaEnv, accountId: AccountId): Promise<PushLedger> =>
  O.getOrElse(() => emptyPushLedger(accountId))(await port(env.pushLedgers.find(accountId)))

/** Saves a push ledger: inserted the first time, updated (version-checked) after. */
export const savePushLedger = (env: MfaEnv, ledger: PushLedger): Promise<PushLedger> =>
  port(ledger.version === 0 ? env.pushLedgers.insert(ledger) : env.pushLedgers.update(ledger))

/** `count` decimal digits from the CSPRNG without modulo bias (more bytes are drawn until there are enough). */
export const drawDigits = (random: Random, count: number): string => {
  let digits = ''
  while (digits.length < count) digits += digitsFromBytes(random.bytes(count * 2), count - digits.length)
  return digits
}
