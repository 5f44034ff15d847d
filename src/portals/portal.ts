/**
 * A portal: one preset's policies and wording, bound to a set of ports. This
 * is the API most teams call; every function resolves to an `Either` and
 * never rejects.
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { DomainError, ErrorCode, isInfrastructureError, unexpected } from '../kernel/errors'
import { Ports } from '../ports'
import { readForm, TEXT_LIMITS } from '../kernel/form'
import type { Errors } from '../accounts/policies'
import { AnyCapability, CallsOf, Exec, notOffered, Outcome, SettingsOf } from './capability'
import { shippedCapabilities } from './capabilities'

export type { Outcome } from './capability'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How a preset words an error: a fixed sentence, or one built from the error. */
export type Wording = string | ((error: DomainError) => string)

/** What names a preset and words its errors. */
export interface PresetIdentity {
  readonly id: string
  readonly name: string
  /** The preset's wording per error code; codes it leaves out fall back to the error's rule. */
  readonly messages: Partial<Record<ErrorCode, Wording>>
}

/**
 * A portal preset: its identity and wording, the capabilities it offers, and
 * everything those capabilities need from it (e.g. the account policies for
 * sign-up, the prior-authorization policies for the request).
 */
export type PortalPreset<Caps extends ReadonlyArray<AnyCapability> = ReadonlyArray<AnyCapability>> = PresetIdentity & {
  readonly capabilities: Caps
} & SettingsOf<Caps>

/** A portal: its preset, the preset's wording, and the calls of exactly the capabilities the preset offers. */
export type Portal<P extends PortalPreset = PortalPreset> = P extends PortalPreset ? PortalOf<P> : never

type PortalOf<P extends PortalPreset> = {
  readonly preset: P
  /** The preset's wording for an error. */
  readonly messageFor: (error: DomainError) => string
  /** Whether the preset offers a capability (for code that serves several presets). */
  readonly offers: <K extends string>(key: K) => boolean
} & CallsOf<P['capabilities']>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** Runs a workflow, turning any unexpected throw or rejection into a typed error. */
export const run =
  <R extends Ports>(env: R) =>
  async <A>(workflow: RTE.ReaderTaskEither<R, Errors, A> | (() => RTE.ReaderTaskEither<R, Errors, A>)): Outcome<A> => {
    try {
      // A workflow may come unbuilt: building it reads the caller's arguments, which may throw.
      const program = workflow.length === 0 ? (workflow as () => RTE.ReaderTaskEither<R, Errors, A>)() : (workflow as RTE.ReaderTaskEither<R, Errors, A>)
      const unitOfWork = env.unitOfWork
      if (unitOfWork === undefined) return await program(env)()
      // Domain refusals commit (a wrong code must stay counted); infrastructure faults roll back.
      return await unitOfWork.transaction(async (scope) => {
        const result = await program({ ...env, ...scope })()
        if (E.isLeft(result) && result.left.some(isInfrastructureError)) throw new RollBack(result)
        return result
      })
    } catch (cause) {
      if (cause instanceof RollBack) return cause.result as E.Either<Errors, A>
      return E.left([unexpected(cause)])
    }
  }

/** Carries a failed outcome out of a transaction so that it rolls back. */
class RollBack {
  constructor(readonly result: E.Either<Errors, unknown>) {}
}

/**
 * The sentence a person sees for an error under a preset. Total: given
 * something that is not a readable error, it says so rather than throwing.
 */
export const messageFor =
  (preset: Pick<PortalPreset, 'messages'>) =>
  (error: DomainError): string => {
    const read = readForm(error, ['code', 'rule'])
    const code = E.isRight(read) ? read.right.code : undefined
    const rule = E.isRight(read) ? read.right.rule : undefined
    if (typeof code !== 'string' || typeof rule !== 'string') return NOT_AN_ERROR
    const wording = Object.prototype.hasOwnProperty.call(preset.messages, code) ? preset.messages[code as ErrorCode] : undefined
    if (typeof wording === 'string') return wording
    if (wording !== undefined) {
      try {
        return wording(error)
      } catch {
        // a hand-made error missing what its wording reads: say its rule instead
      }
    }
    return sentence(rule.slice(0, TEXT_LIMITS.line))
  }

/** What `messageFor` says of something that is not an error with a code and a rule. */
const NOT_AN_ERROR = 'Something went wrong. Please try again.'

const sentence = (rule: string): string => rule.charAt(0).toUpperCase() + rule.slice(1) + '.'

/**
 * Declares a preset: its capabilities, and what they need (checked by the
 * compiler: a preset offering sign-up must carry account policies).
 *
 * @example
 * import { definePreset, hpp } from 'health-portal-domain'
 * const quiet = definePreset({ ...hpp.preset, id: 'hpp-quiet', capabilities: [hpp.preset.capabilities[1]] })
 * // createPortal(quiet, ports) offers signIn only: quiet's portal has no signUp to call
 */
export const definePreset = <const Caps extends ReadonlyArray<AnyCapability>>(preset: PortalPreset<Caps>): PortalPreset<Caps> => preset

/**
 * Binds a preset to ports: the portal has the calls of exactly the
 * capabilities the preset offers. Every call resolves to an `Either` and
 * never rejects. A JavaScript caller reaching for a capability the library
 * ships but the preset lacks gets `portal.not-offered` from every call.
 *
 * @example
 * import { createPortal, hpp } from 'health-portal-domain'
 * import { memoryPorts } from 'health-portal-domain/adapters/memory'
 * const portal = createPortal(hpp.preset, memoryPorts({ zone: 'America/New_York' }))
 * // await portal.signUp.start({ username: 'JaneDoe', newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: 'JaneDoe@gmail.com' })
 * // portal.priorAuthorization: does not compile (HPP takes no prior-authorization requests)
 */
export const createPortal = <P extends PortalPreset>(preset: P, ports: Ports): Portal<P> => {
  const offered = new Set<string>(preset.capabilities.map((capability) => capability.key))
  const portal: Record<string, unknown> = {
    preset,
    messageFor: messageFor(preset),
    offers: (key: unknown) => typeof key === 'string' && offered.has(key)
  }
  for (const capability of preset.capabilities) {
    // The preset's type guarantees it carries what each of its capabilities' settings read.
    const settings = (capability.settings as (preset: unknown) => object)(preset)
    portal[capability.key] = (capability.calls as (exec: Exec<unknown>) => unknown)(run({ ...ports, ...settings }) as Exec<unknown>)
  }
  for (const capability of shippedCapabilities) {
    if (offered.has(capability.key)) continue
    // Hidden from the type and from enumeration; there so that a JavaScript caller gets a typed answer, not a TypeError.
    const refuse: Exec<unknown> = async () => E.left([notOffered(capability.feature)])
    Object.defineProperty(portal, capability.key, { value: (capability.calls as (exec: Exec<unknown>) => unknown)(refuse), enumerable: false })
  }
  return portal as unknown as Portal<P>
}
