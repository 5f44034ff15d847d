/**
 * The outpatient prior-authorization request (Harmony's guide). Every step is
 * by the signed-in account (`acting.accountId`); a step may be done again to
 * change it, keeping the later ones.
 *
 * @since 0.2.0
 */
import * as pa from '../../prior-authorization/workflow'
import type { Acting } from '../../prior-authorization/workflow'
import type {
  ClinicalsForm,
  CodesForm,
  ContactsForm,
  MemberForm,
  PriorAuthorizationPolicies,
  ProviderIdForm,
  ServiceForm,
  ServicingProviderForm
} from '../../prior-authorization/request'
import type { DeterminationForm } from '../../prior-authorization/determination'
import { defineCapability } from '../capability'

/** What the request takes from a preset. */
export interface PriorAuthorizationSettings {
  readonly priorAuthorization: PriorAuthorizationPolicies
}

/** `portal.priorAuthorization`. */
export const priorAuthorizationCapability = defineCapability({
  key: 'priorAuthorization',
  feature: 'prior-authorization requests',
  settings: (preset: PriorAuthorizationSettings): PriorAuthorizationSettings => ({ priorAuthorization: preset.priorAuthorization }),
  calls: (exec) => ({
    /** Steps 1–2: "Authorization Request", for a signed-in provider user. */
    start: (acting: Acting) => exec(() => pa.startAuthorizationRequest(acting)),
    /** Step 3: the Requesting Provider ID (or NPI). */
    requestingProvider: (acting: Acting, requestId: unknown, form: ProviderIdForm) => exec(() => pa.enterRequestingProvider(acting, requestId, form)),
    /** Step 4: the Member ID, or a name and date of birth to look the member up. */
    member: (acting: Acting, requestId: unknown, form: MemberForm) => exec(() => pa.enterMember(acting, requestId, form)),
    /** Step 5: Place of Service, number of visits, date of service, priority. */
    service: (acting: Acting, requestId: unknown, form: ServiceForm) => exec(() => pa.enterService(acting, requestId, form)),
    /** Step 6: Diagnosis Code(s) and Procedure Code(s). */
    codes: (acting: Acting, requestId: unknown, form: CodesForm) => exec(() => pa.enterCodes(acting, requestId, form)),
    /** Step 7: the Servicing Provider ID (or NPI), or a name to look the provider up. */
    servicingProvider: (acting: Acting, requestId: unknown, form: ServicingProviderForm) =>
      exec(() => pa.enterServicingProvider(acting, requestId, form)),
    /** Step 8: clinicals, attached and/or typed. */
    clinicals: (acting: Acting, requestId: unknown, form: ClinicalsForm) => exec(() => pa.enterClinicals(acting, requestId, form)),
    /** Step 9: phone and fax numbers. */
    contacts: (acting: Acting, requestId: unknown, form: ContactsForm) => exec(() => pa.enterContacts(acting, requestId, form)),
    /** Step 10: "Submit". */
    submit: (acting: Acting, requestId: unknown) => exec(() => pa.submitAuthorizationRequest(acting, requestId)),
    /** A request as it stands (a draft to go back to, or submitted). */
    view: (acting: Acting, requestId: unknown) => exec(() => pa.viewRequest(acting, requestId)),
    /** A submitted request by its reference number. */
    find: (acting: Acting, reference: unknown) => exec(() => pa.findSubmitted(acting, reference)),
    /** "Download or print a summary report": text, a printable page, and the PAS FHIR Bundle. */
    summary: (acting: Acting, reference: unknown) => exec(() => pa.summarizeRequest(acting, reference)),
    /** The plan's reviewers record a determination. */
    determine: (reference: unknown, form: DeterminationForm) => exec(() => pa.recordDetermination(reference, form))
  })
})
