/**
 * What every self-service flow shares: an id, an expiry, a state, a version
 * (after Ory Kratos' flow objects).
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import { DateTime, Duration } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import type { SignUpFlow } from './sign-up/flow'
import type { PasswordResetFlow } from './password-reset/flow'
import type { ProviderRegistrationFlow } from './provider-registration/flow'
import type { BillingOrganisationFlow, ProviderOrganisationFlow } from '../organizations/registration/flow'
import type { MfaSignInFlow } from '../mfa/sign-in/flow'

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
export type Flow = SignUpFlow | PasswordResetFlow | ProviderRegistrationFlow | ProviderOrganisationFlow | BillingOrganisationFlow | MfaSignInFlow

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

/** Each kind's states in the order its steps reach them. */
export const FLOW_STATES: { readonly [K in Flow['kind']]: ReadonlyArray<FlowIn<K, Flow['state']>['state']> } = {
  'sign-up': ['awaiting-email-code', 'email-verified', 'completed'],
  'password-reset': ['awaiting-email-code', 'email-verified', 'account-confirmed', 'completed'],
  'provider-registration': ['identified', 'described', 'completed'],
  'provider-organisation': ['identified', 'provider-selected', 'contact-given', 'completed'],
  'billing-organisation': ['organisation-named', 'contact-given', 'completed'],
  'mfa-sign-in': ['awaiting-device', 'awaiting-second-factor', 'completed']
}

/** What a step that a flow has not reached yet is waiting for, in words. */
const STEP_NEEDED: Readonly<Record<string, string>> = {
  'sign-up:email-verified': 'the e-mail address verified',
  'password-reset:email-verified': 'the e-mail address verified',
  'password-reset:account-confirmed': 'the account confirmed',
  'provider-registration:described': 'the organisation and its users described',
  'provider-organisation:provider-selected': 'your provider selected',
  'provider-organisation:contact-given': 'your contact information',
  'billing-organisation:contact-given': 'your contact information',
  'mfa-sign-in:awaiting-second-factor': 'a device added and confirmed'
}

/**
 * Narrows a flow to the kind and state a transition accepts. A flow short of
 * those states is `flow.step-not-reached` (naming the state its next step
 * reaches); one past them (the step already done), or of another kind, is
 * `flow.wrong-state`.
 */
export const ensureState = <K extends Flow['kind'], S extends Flow['state']>(
  flow: Flow,
  kind: K,
  ...states: ReadonlyArray<S>
): E.Either<DomainError, FlowIn<K, S>> => {
  if (flow.kind === kind && (states as ReadonlyArray<string>).includes(flow.state)) return E.right(flow as FlowIn<K, S>)
  const order: ReadonlyArray<string> = FLOW_STATES[kind]
  const current = order.indexOf(flow.state)
  // The step to take first is the one right after where the flow stands.
  const needs = `${kind}:${order[current + 1]}`
  // A transition shared by several kinds lists states of each: only this kind's own states say how far it must be.
  const reachable = states.map((s) => order.indexOf(s)).filter((i) => i >= 0)
  return E.left(
    flow.kind === kind && reachable.length > 0 && current < Math.min(...reachable)
      ? domainError('flow.step-not-reached', {
          rule: `this step needs ${STEP_NEEDED[needs] ?? `the ${kind} flow in state ${order[current + 1]}`} first`,
          needs,
          actual: `${flow.kind}:${flow.state}`
        })
      : domainError('flow.wrong-state', {
          rule: `this step needs a ${kind} flow in state ${states.join(' or ')}`,
          expected: `${kind}:${states.join('|')}`,
          actual: `${flow.kind}:${flow.state}`
        })
  )
}
