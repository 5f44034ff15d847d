/**
 * A capability: one thing a portal offers (sign-up, password reset, the
 * prior-authorization request…) as a module of its own. It names what it needs
 * from a preset and builds its calls over a runner; a preset lists the
 * capabilities it offers and `createPortal` composes exactly those, so the
 * portal's type has exactly those calls. Adding a capability adds a module; no
 * central object changes.
 *
 * @since 0.2.0
 */
import * as E from '../kernel/either'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { domainError, DomainError } from '../kernel/errors'
import { Ports } from '../ports'
import type { Errors } from '../accounts/policies'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A workflow's outcome: every error, or the result. */
export type Outcome<A> = Promise<E.Either<Errors, A>>

/**
 * Runs a workflow over the ports and what the capability takes from its
 * preset. The workflow is passed unbuilt, so that even building it (reading
 * the caller's arguments) happens where a throw becomes a typed error.
 */
export type Exec<S> = <A>(workflow: () => RTE.ReaderTaskEither<Ports & S, Errors, A>) => Outcome<A>

/**
 * One capability of a portal.
 *
 * - `key`: where its calls sit on the portal (`portal.signUp`, `portal.signIn`).
 * - `feature`: how `portal.not-offered` names it.
 * - `settings`: picks what it needs out of the preset (`S`, e.g. the account policies).
 * - `calls`: its calls, given a runner over the ports and those settings.
 */
export interface Capability<K extends string, S, A> {
  readonly key: K
  readonly feature: string
  readonly settings: (preset: S) => S
  readonly calls: (exec: Exec<S>) => A
}

/** Any capability, whatever it needs and offers. */
export interface AnyCapability {
  readonly key: string
  readonly feature: string
  readonly settings: (preset: never) => unknown
  readonly calls: (exec: never) => unknown
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

/** What a list of capabilities needs from the preset that offers them, together. */
export type SettingsOf<Caps extends ReadonlyArray<AnyCapability>> = UnionToIntersection<
  Caps[number] extends infer C ? (C extends { readonly settings: (preset: infer S) => unknown } ? S : never) : never
>

/** The calls a list of capabilities puts on a portal, each under its key. */
export type CallsOf<Caps extends ReadonlyArray<AnyCapability>> = UnionToIntersection<
  Caps[number] extends infer C ? (C extends { readonly key: infer K extends string; readonly calls: (exec: never) => infer A } ? { readonly [k in K]: A } : never) : never
>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Declares a capability (the key's literal type is kept).
 *
 * @example
 * import { defineCapability } from 'health-portal-domain'
 * import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
 * const greeting = defineCapability({
 *   key: 'greeting',
 *   feature: 'greetings',
 *   settings: (preset: { readonly salutation: string }) => ({ salutation: preset.salutation }),
 *   calls: (exec) => (name: string) => exec(() => RTE.asks((env) => `${env.salutation}, ${name}`))
 * })
 */
export const defineCapability = <K extends string, S, A>(capability: Capability<K, S, A>): Capability<K, S, A> => capability

/** The one error every call of a capability a preset lacks answers. */
export const notOffered = (feature: string): DomainError =>
  domainError('portal.not-offered', { rule: `this portal does not offer ${feature}`, feature })
