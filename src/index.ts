/**
 * health-portal-domain: how people get into US health-plan portals.
 *
 * One namespace per context, plus the portal presets at the top level.
 */
export * as kernel from './kernel'
export * as credentials from './credentials'
export * as accounts from './accounts'
export * as ports from './ports'
export * as organizations from './organizations'
export * as mfa from './mfa'
export * as proofing from './proofing'
export * as priorAuthorization from './prior-authorization'
export * as compliance from './compliance'
export { createPortal, definePreset, defineCapability, messageFor, capabilities, hpp, harmony, healthpartners, harp, standards } from './portals'
export type { AnyCapability, Capability, Exec, Portal, PortalPreset, PresetIdentity, Outcome, Wording } from './portals'
export { complianceReport, complianceReportMarkdown, complianceTableMarkdown } from './compliance'
export type { ComplianceReport, Verdict, VerdictStatus, Requirement } from './compliance'
export type { DomainError, ErrorCode } from './kernel/errors'
export type { Ports } from './ports'
