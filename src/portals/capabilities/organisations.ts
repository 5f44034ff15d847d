/**
 * HealthPartners' provider portal: an organisation's one-time registration
 * (provider and billing paths), its site after sign-in (terms of use, the
 * mailed PIN, delegates' administration), and billing organisations' access
 * to their clients.
 *
 * @since 0.3.0
 */
import * as registration from '../../organizations/registration/workflow'
import * as administration from '../../organizations/administration/workflow'
import * as clients from '../../organizations/billing-clients/workflow'
import type { AccountForm, BillingOrganisationForm, NotListedForm, ProviderPathForm, SelectProviderForm } from '../../organizations/registration/flow'
import type { ActingMember, NewAccountForm } from '../../organizations/administration/workflow'
import type { ClientAccessForm, FindClientForm, LinkForm } from '../../organizations/billing-clients/workflow'
import type { AccountPolicies } from '../../accounts/policies'
import type { OrganisationPolicies } from '../../organizations/policies'
import { defineCapability } from '../capability'

/** What the organisation capabilities take from a preset. */
export interface OrganisationSettings {
  readonly policies: AccountPolicies
  readonly organisationPolicies: OrganisationPolicies
}

const organisationSettings = (preset: OrganisationSettings): OrganisationSettings => ({ policies: preset.policies, organisationPolicies: preset.organisationPolicies })

/** `portal.organisationRegistration`: "Register your facility". */
export const organisationRegistrationCapability = defineCapability({
  key: 'organisationRegistration',
  feature: 'organisation registration',
  settings: organisationSettings,
  calls: (exec) => ({
    /** Provider step 4: the path (Tax ID/NPI, Tax ID/vendor #, US Mail) and its fields; answers the providers to select from. */
    identifyProvider: (form: ProviderPathForm) => exec(() => registration.identifyProvider(form)),
    /** Provider step 5: the provider selected. */
    selectProvider: (flowId: unknown, form: SelectProviderForm) => exec(() => registration.selectProvider(flowId, form)),
    /** Provider step 5: "My provider is not listed", routed to Provider e-Services. */
    providerNotListed: (flowId: unknown, form: NotListedForm) => exec(() => registration.reportProviderNotListed(flowId, form)),
    /** Billing step 4: the organisation's full name and Tax ID. */
    nameBillingOrganisation: (form: BillingOrganisationForm) => exec(() => registration.nameBillingOrganisation(form)),
    /** Provider step 6, billing step 5: the person's own contact information. */
    contact: (flowId: unknown, form: unknown) => exec(() => registration.giveContactInformation(flowId, form)),
    /** Provider step 7, billing step 5: username and password; answers the confirmation page. */
    account: (flowId: unknown, form: AccountForm) => exec(() => registration.createOrganisationAccount(flowId, form))
  })
})

/** `portal.providerSite`: after sign-in, the terms, the PIN, and delegates' administration. */
export const providerSiteCapability = defineCapability({
  key: 'providerSite',
  feature: 'the provider site of registered organisations',
  settings: organisationSettings,
  calls: (exec) => ({
    status: (acting: ActingMember) => exec(() => administration.siteStatus(acting)),
    acceptTerms: (acting: ActingMember, form: { readonly document?: unknown; readonly version?: unknown }) => exec(() => administration.acceptTerms(acting, form)),
    enterPin: (acting: ActingMember, form: { readonly pin?: unknown }) => exec(() => administration.enterPin(acting, form)),
    requestNewPin: (acting: ActingMember) => exec(() => administration.requestNewPin(acting)),
    addAccount: (acting: ActingMember, form: NewAccountForm) => exec(() => administration.addAccount(acting, form)),
    /** A delegate issues a member a new temporary password (an expired or lost one). */
    reissueTemporaryPassword: (acting: ActingMember, form: { readonly accountId?: unknown }) => exec(() => administration.reissueTemporaryPassword(acting, form)),
    changeRole: (acting: ActingMember, form: { readonly accountId?: unknown; readonly role?: unknown }) => exec(() => administration.changeRole(acting, form)),
    removeAccount: (acting: ActingMember, form: { readonly accountId?: unknown }) => exec(() => administration.removeAccount(acting, form)),
    grantApplication: (acting: ActingMember, form: { readonly accountId?: unknown; readonly application?: unknown }) =>
      exec(() => administration.grantApplicationTo(acting, form)),
    revokeApplication: (acting: ActingMember, form: { readonly accountId?: unknown; readonly application?: unknown }) =>
      exec(() => administration.revokeApplicationFrom(acting, form))
  })
})

/** `portal.clientAccess`: a billing organisation's access to its clients, and the client contact's link. */
export const clientAccessCapability = defineCapability({
  key: 'clientAccess',
  feature: 'billing organisations’ client access',
  settings: organisationSettings,
  calls: (exec) => ({
    /** Step 8: the client's Tax ID and a HealthPartners-issued check. */
    findClient: (acting: ActingMember, form: FindClientForm) => exec(() => clients.findClient(acting, form)),
    /** Steps 9–10: the group selected and the client's contact; the e-mail goes at once. */
    request: (acting: ActingMember, form: ClientAccessForm) => exec(() => clients.requestAccess(acting, form)),
    overview: (acting: ActingMember) => exec(() => clients.clientAccessOverview(acting)),
    /** Step 11: a client's data, while its approval stands. */
    open: (acting: ActingMember, form: { readonly providerKey?: unknown }) => exec(() => clients.openClient(acting, form)),
    end: (acting: ActingMember, form: { readonly request?: unknown }) => exec(() => clients.endClientAccess(acting, form)),
    /** The client contact, through the link: look, answer, end. */
    viewAsClient: (form: LinkForm) => exec(() => clients.viewAccessRequest(form)),
    answer: (form: LinkForm & { readonly decision?: unknown }) => exec(() => clients.answerAccessRequest(form)),
    endAsClient: (form: LinkForm) => exec(() => clients.endAccessAsClient(form))
  })
})
