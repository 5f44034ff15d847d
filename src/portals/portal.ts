/**
 * A portal: one preset's policies and wording, bound to a set of ports. This
 * is the API most teams call; every function resolves to an `Either` and
 * never rejects.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { DomainError, ErrorCode, isInfrastructureError, unexpected } from '../kernel/errors'
import { Ports } from '../ports'
import { AccountPolicies, AccountsEnv, Errors, Workflow } from '../accounts/policies'
import * as signUp from '../accounts/sign-up/workflow'
import * as reset from '../accounts/password-reset/workflow'
import * as signIn from '../accounts/sign-in/workflow'
import * as profile from '../accounts/profile/workflow'
import * as providers from '../accounts/provider-registration/workflow'
import type { IdentifyForm, UsernameForm } from '../accounts/provider-registration/flow'
import type { AboutYouForm } from '../organizations/provider-registration'
import type { CredentialsForm, ProfileForm } from '../accounts/sign-up/flow'
import type { ResetRequestForm } from '../accounts/password-reset/flow'
import * as pa from '../prior-authorization/workflow'
import type { Acting } from '../prior-authorization/workflow'
import type {
  ClinicalsForm,
  CodesForm,
  ContactsForm,
  MemberForm,
  PriorAuthorizationPolicies,
  ProviderIdForm,
  ServiceForm,
  ServicingProviderForm
} from '../prior-authorization/request'
import type { DeterminationForm } from '../prior-authorization/determination'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** How a preset words an error: a fixed sentence, or one built from the error. */
export type Wording = string | ((error: DomainError) => string)

/** What every portal preset provides. */
export interface PortalPreset {
  readonly id: string
  readonly name: string
  readonly policies: AccountPolicies
  /** The preset's wording per error code; codes it leaves out fall back to the error's rule. */
  readonly messages: Partial<Record<ErrorCode, Wording>>
  /** Present when the portal takes outpatient prior-authorization requests (Harmony). */
  readonly priorAuthorization?: PriorAuthorizationPolicies
}

/** A workflow's outcome: every error, or the result. */
export type Outcome<A> = Promise<E.Either<Errors, A>>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** Runs a workflow, turning any unexpected throw or rejection into a typed error. */
export const run =
  <R extends Ports>(env: R) =>
  async <A>(workflow: RTE.ReaderTaskEither<R, Errors, A>): Outcome<A> => {
    try {
      const unitOfWork = env.unitOfWork
      if (unitOfWork === undefined) return await workflow(env)()
      // Domain refusals commit (a wrong code must stay counted); infrastructure faults roll back.
      return await unitOfWork.transaction(async (scope) => {
        const result = await workflow({ ...env, ...scope })()
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

/** The sentence a person sees for an error under a preset. */
export const messageFor =
  (preset: Pick<PortalPreset, 'messages'>) =>
  (error: DomainError): string => {
    const wording = preset.messages[error.code]
    if (wording === undefined) return sentence(error.rule)
    return typeof wording === 'string' ? wording : wording(error)
  }

const sentence = (rule: string): string => rule.charAt(0).toUpperCase() + rule.slice(1) + '.'

/**
 * Binds a preset to ports.
 *
 * @example
 * import { createPortal, hpp } from 'health-portal-domain'
 * import { memoryPorts } from 'health-portal-domain/adapters/memory'
 * const portal = createPortal(hpp.preset, memoryPorts({ zone: 'America/New_York' }))
 * // await portal.signUp.start({ username: 'JaneDoe', newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: 'JaneDoe@gmail.com' })
 */
export const createPortal = (preset: PortalPreset, ports: Ports) => {
  const exec = run({ ...ports, policies: preset.policies })
  const execPa = run({ ...ports, priorAuthorization: preset.priorAuthorization })
  return {
    preset,
    /** The preset's wording for an error. */
    messageFor: messageFor(preset),
    signUp: {
      /** "Send verification code" on the first screen. */
      start: (form: CredentialsForm) => exec(signUp.startSignUpFlow(form)),
      /** "Send new code". */
      resendCode: (flowId: unknown) => exec(signUp.resendSignUpCode(flowId)),
      /** "Verify code". */
      verifyEmail: (flowId: unknown, code: unknown) => exec(signUp.verifySignUpEmail(flowId, code)),
      /** "Change e-mail". */
      changeEmail: (flowId: unknown, email: unknown) => exec(signUp.changeSignUpEmail(flowId, email)),
      /** "Create". */
      create: (flowId: unknown, profile: ProfileForm) => exec(signUp.createAccount(flowId, profile))
    },
    /** Usernames cannot be changed: always a `username.immutable` error. */
    changeUsername: (accountId: unknown, requested: unknown) => exec(profile.changeUsername(accountId, requested)),
    /** "Sign in". */
    signIn: (form: { readonly username?: unknown; readonly password?: unknown }) => exec(signIn.signIn(form)),
    /** A provider's web registration (presets that register providers). */
    providerRegistration: {
      /** Step 3, "Identify yourself": Provider ID, ZIP code and Tax ID. */
      identify: (form: IdentifyForm) => exec(providers.identifyProvider(form)),
      /** Step 4, "Tell us about yourself": the organisation and its users. */
      describe: (flowId: unknown, form: AboutYouForm) => exec(providers.describeOrganisation(flowId, form)),
      /** Step 5, "Create a username": returns the confirmation page; the temporary password is e-mailed. */
      createUsername: (flowId: unknown, form: UsernameForm) => exec(providers.createProviderUsername(flowId, form))
    },
    /** Replace the current (temporary) password with one of the person's own. */
    chooseOwnPassword: (form: { readonly username?: unknown; readonly currentPassword?: unknown; readonly newPassword?: unknown; readonly confirmNewPassword?: unknown }) =>
      exec(providers.chooseOwnPassword(form)),
    /** "Forgot Your Password?" by security question (presets that use one). */
    passwordRecovery: {
      /** The question to show for a username (a stable decoy for unknown usernames). */
      question: (username: unknown) => exec(providers.securityQuestionFor(username)),
      /** The right answer e-mails a fresh temporary password. */
      answer: (form: { readonly username?: unknown; readonly securityAnswer?: unknown }) => exec(providers.recoverWithSecurityAnswer(form))
    },
    /**
     * The outpatient authorization request (presets that take them). Every
     * step is by the signed-in account (`acting.accountId`); a step may be
     * done again to change it, keeping the later ones.
     */
    priorAuthorization: {
      /** Steps 1–2: "Authorization Request", for a signed-in provider user. */
      start: (acting: Acting) => execPa(pa.startAuthorizationRequest(acting)),
      /** Step 3: the Requesting Provider ID (or NPI). */
      requestingProvider: (acting: Acting, requestId: unknown, form: ProviderIdForm) => execPa(pa.enterRequestingProvider(acting, requestId, form)),
      /** Step 4: the Member ID, or a name and date of birth to look the member up. */
      member: (acting: Acting, requestId: unknown, form: MemberForm) => execPa(pa.enterMember(acting, requestId, form)),
      /** Step 5: Place of Service, number of visits, date of service, priority. */
      service: (acting: Acting, requestId: unknown, form: ServiceForm) => execPa(pa.enterService(acting, requestId, form)),
      /** Step 6: Diagnosis Code(s) and Procedure Code(s). */
      codes: (acting: Acting, requestId: unknown, form: CodesForm) => execPa(pa.enterCodes(acting, requestId, form)),
      /** Step 7: the Servicing Provider ID (or NPI), or a name to look the provider up. */
      servicingProvider: (acting: Acting, requestId: unknown, form: ServicingProviderForm) => execPa(pa.enterServicingProvider(acting, requestId, form)),
      /** Step 8: clinicals, attached and/or typed. */
      clinicals: (acting: Acting, requestId: unknown, form: ClinicalsForm) => execPa(pa.enterClinicals(acting, requestId, form)),
      /** Step 9: phone and fax numbers. */
      contacts: (acting: Acting, requestId: unknown, form: ContactsForm) => execPa(pa.enterContacts(acting, requestId, form)),
      /** Step 10: "Submit". */
      submit: (acting: Acting, requestId: unknown) => execPa(pa.submitAuthorizationRequest(acting, requestId)),
      /** A request as it stands (a draft to go back to, or submitted). */
      view: (acting: Acting, requestId: unknown) => execPa(pa.viewRequest(acting, requestId)),
      /** A submitted request by its reference number. */
      find: (acting: Acting, reference: unknown) => execPa(pa.findSubmitted(acting, reference)),
      /** "Download or print a summary report": text, a printable page, and the PAS FHIR Bundle. */
      summary: (acting: Acting, reference: unknown) => execPa(pa.summarizeRequest(acting, reference)),
      /** The plan's reviewers record a determination. */
      determine: (reference: unknown, form: DeterminationForm) => execPa(pa.recordDetermination(reference, form))
    },
    passwordReset: {
      /** "Send verification code" on the reset screen. */
      request: (form: ResetRequestForm) => exec(reset.requestPasswordReset(form)),
      resendCode: (flowId: unknown) => exec(reset.resendResetCode(flowId)),
      verifyEmail: (flowId: unknown, code: unknown) => exec(reset.verifyResetEmail(flowId, code)),
      changeEmail: (flowId: unknown, email: unknown) => exec(reset.changeResetEmailAddress(flowId, email)),
      /** "Continue". */
      continue: (flowId: unknown) => exec(reset.continuePasswordReset(flowId)),
      setNewPassword: (flowId: unknown, form: { readonly newPassword?: unknown; readonly confirmNewPassword?: unknown }) =>
        exec(reset.setNewPassword(flowId, form))
    }
  }
}

/** A portal bound to its ports. */
export type Portal = ReturnType<typeof createPortal>
