/**
 * QPP HARP's organisations: "Manage Access" → "Connect to an Organization"
 * (find a Practice, APM Entity or Registry by Tax ID, connect as its first
 * user and Security Official or request a role), a Security Official's
 * management of users, and the request to the QPP Help Desk to become a
 * Security Official. Every call acts for a signed-in person by account id.
 *
 * @since 0.4.0
 */
import * as access from '../../organizations/harp-access/workflow'
import * as helpDesk from '../../organizations/help-desk/workflow'
import type { ActingPerson, ConnectForm, FindOrganisationForm, HarpOrganisationPolicies } from '../../organizations/harp-access/workflow'
import type { HelpDeskRequestForm } from '../../organizations/help-desk-request'
import type { AccountPolicies } from '../../accounts/policies'
import { defineCapability } from '../capability'

/** What HARP's organisation capabilities take from a preset. */
export interface HarpOrganisationSettings {
  readonly policies: AccountPolicies
  readonly harpOrganisationPolicies: HarpOrganisationPolicies
}

const harpOrganisationSettings = (preset: HarpOrganisationSettings): HarpOrganisationSettings => ({
  policies: preset.policies,
  harpOrganisationPolicies: preset.harpOrganisationPolicies
})

/** `portal.organisationAccess`: "Manage Access" → "Connect to an Organization", and a Security Official's users. */
export const organisationAccessCapability = defineCapability({
  key: 'organisationAccess',
  feature: 'connecting to HARP organisations',
  settings: harpOrganisationSettings,
  calls: (exec) => ({
    /** "Manage Access" → "Connect to an Organization": the organisation types and the two role types. */
    connectPage: (acting: ActingPerson) => exec(() => access.connectPage(acting)),
    /** "Find a Practice": the organisation's type and Tax ID; answers its legal business name and where the person stands. */
    findOrganisation: (acting: ActingPerson, form: FindOrganisationForm) => exec(() => access.findOrganisation(acting, form)),
    /** Connect, once confirmed: the first user gives a clinician's PTAN and NPI; a later user requests a role. */
    connect: (acting: ActingPerson, form: ConnectForm) => exec(() => access.connect(acting, form)),
    /** Every organisation the person is connected to or asked to join, with the role and its permissions. */
    connections: (acting: ActingPerson) => exec(() => access.connections(acting)),
    /** What the person may do in one organisation: report data, manage users. */
    permissions: (acting: ActingPerson, form: { readonly organisationId?: unknown }) => exec(() => access.permissions(acting, form)),
    /** Manage users: the requests waiting (a Security Official's only). */
    pendingRequests: (acting: ActingPerson, form: { readonly organisationId?: unknown }) => exec(() => access.pendingRequests(acting, form)),
    /** Manage users: approve a request (never one's own). */
    approve: (acting: ActingPerson, form: { readonly organisationId?: unknown; readonly requestId?: unknown }) => exec(() => access.approve(acting, form)),
    /** Manage users: reject a request (never one's own). */
    reject: (acting: ActingPerson, form: { readonly organisationId?: unknown; readonly requestId?: unknown }) => exec(() => access.reject(acting, form)),
    /** Manage users: remove a user (a Staff User may only leave); the last Security Official stays. */
    removeUser: (acting: ActingPerson, form: { readonly organisationId?: unknown; readonly accountId?: unknown }) => exec(() => access.removeUser(acting, form))
  })
})

/** `portal.helpDesk`: becoming a Security Official through the QPP Help Desk. */
export const helpDeskCapability = defineCapability({
  key: 'helpDesk',
  feature: 'the QPP Help Desk',
  settings: harpOrganisationSettings,
  calls: (exec) => ({
    /** The three blocks of information; answers the help desk's reference and numbers. */
    requestSecurityOfficialRole: (acting: ActingPerson, form: HelpDeskRequestForm) => exec(() => helpDesk.requestSecurityOfficialRole(acting, form))
  })
})
