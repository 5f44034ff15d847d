/**
 * Small helpers the account workflows share: lifting single errors, loading
 * flows, saving new-or-existing entities.
 */
import * as E from '../kernel/either'
import * as O from 'fp-ts/lib/Option.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import { Validation } from '../kernel/validation'
import { boundText, TEXT_LIMITS } from '../kernel/form'
import { AccountsEnv, Errors, Workflow } from './policies'
import { Ports } from '../ports'
import { ensureLive, ensureState, Flow, FlowId, FlowIn } from './flow'

/** Lifts a port's single-error task into a workflow (over any environment that has the ports). */
export const fromPort = <A, R extends Ports = AccountsEnv>(f: (env: R) => TE.TaskEither<DomainError, A>): RTE.ReaderTaskEither<R, Errors, A> => (env) =>
  pipe(f(env), TE.mapLeft((e): Errors => [e]))

/** Lifts a pure single-error result. */
export const fromEither = <A, R = AccountsEnv>(e: E.Either<DomainError, A>): RTE.ReaderTaskEither<R, Errors, A> => RTE.fromEither(pipe(e, E.mapLeft((x): Errors => [x])))

/** Lifts a pure validation (already a list of errors). */
export const fromValidation = <A, R = AccountsEnv>(v: Validation<A>): RTE.ReaderTaskEither<R, Errors, A> => RTE.fromEither(v)

/** The clock's reading. */
export const now: Workflow<DateTime> = RTE.asks((env: AccountsEnv) => env.clock.now())

/** Loads a live flow of a kind in one of the given states. */
export const loadFlow = <K extends Flow['kind'], S extends Flow['state']>(
  id: unknown,
  kind: K,
  ...states: ReadonlyArray<S>
): Workflow<FlowIn<K, S>> =>
  pipe(
    fromEither(boundText(id, 'flowId', TEXT_LIMITS.short)),
    RTE.chain(() =>
      typeof id === 'string' && id !== '' ? fromPort((env) => env.flows.find(id as FlowId)) : fromEither<O.Option<Flow>>(E.left(flowNotFound()))
    ),
    RTE.chain((found) => fromEither(O.isSome(found) ? E.right(found.value) : E.left(flowNotFound()))),
    RTE.chain((flow) => pipe(now, RTE.chain((t) => fromEither(ensureLive(t, flow))))),
    RTE.chain((flow) => fromEither(ensureState(flow, kind, ...states)))
  )

/** Stores a flow: inserted the first time, updated (version-checked) after. */
export const saveFlow = <F extends Flow>(flow: F): Workflow<F> =>
  fromPort((env) => (flow.version === 0 ? env.flows.insert(flow) : env.flows.update(flow)) as TE.TaskEither<DomainError, F>)

const flowNotFound = (): DomainError => domainError('flow.not-found', { rule: 'this session does not exist; start again' })
