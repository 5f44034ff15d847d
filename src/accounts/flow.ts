/**
 * What every self-service flow shares: an id, an expiry, a state, a version
 * (after Ory Kratos' flow objects).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import type { SignUpFlow } from './sign-up/flow'
import type { PasswordResetFlow } from './password-reset/flow'
import type { ProviderRegistrationFlow } from './provider-registration/flow'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A flow's identifier (a random UUID). */
export type FlowId = string & { readonly FlowId: unique symbol }

/** The fields every flow carries. */
export interface FlowBase {
  readonly id: FlowId
  readonly startedAt: string
  readonly expiresAt: string
  readonly version: number
}

/** Any flow a repository stores. */
export type Flow = SignUpFlow | PasswordResetFlow | ProviderRegistrationFlow

/** The flows of one kind in some states. */
export type FlowIn<K extends Flow['kind'], S extends Flow['state']> = Extract<Flow, { readonly kind: K; readonly state: S }>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** What every new flow starts with: its id, its start and expiry, and version 0 (not yet saved). */
export const newFlowBase = (now: DateTime, id: FlowId, lifetime: Duration): FlowBase => ({
  id,
  startedAt: now.toISO() as string,
  expiresAt: now.plus(lifetime).toISO() as string,
  version: 0
})

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/** Refuses a flow past its expiry. */
export const ensureLive = <F extends FlowBase>(now: DateTime, flow: F): E.Either<DomainError, F> =>
  now >= DateTime.fromISO(flow.expiresAt, { zone: now.zone })
    ? E.left(domainError('flow.expired', { rule: 'this session has expired; start again' }))
    : E.right(flow)

/** Narrows a flow to the kind and state a transition accepts. */
export const ensureState = <K extends Flow['kind'], S extends Flow['state']>(
  flow: Flow,
  kind: K,
  ...states: ReadonlyArray<S>
): E.Either<DomainError, FlowIn<K, S>> =>
  flow.kind === kind && (states as ReadonlyArray<string>).includes(flow.state)
    ? E.right(flow as FlowIn<K, S>)
    : E.left(
        domainError('flow.wrong-state', {
          rule: `this step needs a ${kind} flow in state ${states.join(' or ')}`,
          expected: `${kind}:${states.join('|')}`,
          actual: `${flow.kind}:${flow.state}`
        })
      )
