/**
 * The code sets of an outpatient prior-authorization request: Place of
 * Service (CMS), ICD-10-CM diagnosis codes (format only; billability is the
 * `DiagnosisCodeSet` port's), CPT and HCPCS Level II procedure codes, the Da
 * Vinci PAS review actions, and the CMS-0057-F decision due times.
 *
 * @since 0.1.0
 */
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import { DateTime } from 'luxon'
import { domainError, DomainError } from '../kernel/errors'
import { codecFrom, requireText } from '../kernel/validation'
import { HCPCS_LEVEL_II_DESCRIPTIONS } from './hcpcs-level-ii'
import { TEXT_LIMITS } from '../kernel/form'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A CMS Place of Service code: two digits with a leading zero, one of the 52 assigned. */
export type PlaceOfServiceCode = string & { readonly PlaceOfServiceCode: unique symbol }

/** An ICD-10-CM code in dotted upper-case form (E11.9, T36.0X1A); well-formed, not necessarily billable. */
export type IcdCode = string & { readonly IcdCode: unique symbol }

/** A CPT or HCPCS Level II procedure code in upper-case form (99213, 0001F, 0042T, 0001U, J1100). */
export type ProcedureCode = string & { readonly ProcedureCode: unique symbol }

/** The system a procedure code belongs to. */
/** CPT Proprietary Laboratory Analyses (PLA) codes are CPT codes too: 4 digits and U (0001U). */
export type ProcedureCodeSystem = 'cpt-category-i' | 'cpt-category-ii' | 'cpt-category-iii' | 'cpt-pla' | 'hcpcs-level-ii'

/** A procedure code tagged with its system. CPT codes carry no description (AMA licence). */
export interface ClassifiedProcedureCode {
  readonly system: ProcedureCodeSystem
  readonly code: ProcedureCode
}

/** A Da Vinci PAS / X12 278 review action code. */
export type ReviewActionCode = 'A1' | 'A2' | 'A3' | 'A4' | 'A6' | 'C'

/** What a review action means. */
export interface ReviewAction {
  readonly code: ReviewActionCode
  readonly display: string
  /** Is this a final determination (certified, partly, not, modified, cancelled) rather than pended? */
  readonly final: boolean
}

/** How urgently a request must be decided (CMS-0057-F). */
export type DecisionPriority = 'expedited' | 'standard'

// -------------------------------------------------------------------------------------
// tables
// -------------------------------------------------------------------------------------

/** The 52 assigned CMS Place of Service codes and their names, in code order. */
export const PLACES_OF_SERVICE: ReadonlyArray<{ readonly code: PlaceOfServiceCode; readonly name: string }> = (
  [
    ['01', 'Pharmacy'],
    ['02', "Telehealth Provided Other than in Patient's Home"],
    ['03', 'School'],
    ['04', 'Homeless Shelter'],
    ['05', 'Indian Health Service Free-standing Facility'],
    ['06', 'Indian Health Service Provider-based Facility'],
    ['07', 'Tribal 638 Free-standing Facility'],
    ['08', 'Tribal 638 Provider-based Facility'],
    ['09', 'Prison/Correctional Facility'],
    ['10', "Telehealth Provided in Patient's Home"],
    ['11', 'Office'],
    ['12', 'Home'],
    ['13', 'Assisted Living Facility'],
    ['14', 'Group Home'],
    ['15', 'Mobile Unit'],
    ['16', 'Temporary Lodging'],
    ['17', 'Walk-in Retail Health Clinic'],
    ['18', 'Place of Employment-Worksite'],
    ['19', 'Off Campus-Outpatient Hospital'],
    ['20', 'Urgent Care Facility'],
    ['21', 'Inpatient Hospital'],
    ['22', 'On Campus-Outpatient Hospital'],
    ['23', 'Emergency Room – Hospital'],
    ['24', 'Ambulatory Surgical Center'],
    ['25', 'Birthing Center'],
    ['26', 'Military Treatment Facility'],
    ['27', 'Outreach Site/Street'],
    ['31', 'Skilled Nursing Facility'],
    ['32', 'Nursing Facility'],
    ['33', 'Custodial Care Facility'],
    ['34', 'Hospice'],
    ['41', 'Ambulance – Land'],
    ['42', 'Ambulance – Air or Water'],
    ['49', 'Independent Clinic'],
    ['50', 'Federally Qualified Health Center'],
    ['51', 'Inpatient Psychiatric Facility'],
    ['52', 'Psychiatric Facility-Partial Hospitalization'],
    ['53', 'Community Mental Health Center'],
    ['54', 'Intermediate Care Facility/Individuals with Intellectual Disabilities'],
    ['55', 'Residential Substance Abuse Treatment Facility'],
    ['56', 'Psychiatric Residential Treatment Center'],
    ['57', 'Non-residential Substance Abuse Treatment Facility'],
    ['58', 'Non-residential Opioid Treatment Facility'],
    ['60', 'Mass Immunization Center'],
    ['61', 'Comprehensive Inpatient Rehabilitation Facility'],
    ['62', 'Comprehensive Outpatient Rehabilitation Facility'],
    ['65', 'End-Stage Renal Disease Treatment Facility'],
    ['66', 'Programs of All-Inclusive Care for the Elderly (PACE) Center'],
    ['71', 'Public Health Clinic'],
    ['72', 'Rural Health Clinic'],
    ['81', 'Independent Laboratory'],
    ['99', 'Other Place of Service']
  ] as const
).map(([code, name]) => ({ code: code as PlaceOfServiceCode, name }))

const POS_NAMES: ReadonlyMap<string, string> = new Map(PLACES_OF_SERVICE.map((p) => [p.code, p.name]))

/** The Da Vinci PAS review actions (X12 278 carries the same codes). */
export const REVIEW_ACTIONS: { readonly [K in ReviewActionCode]: ReviewAction } = {
  A1: { code: 'A1', display: 'Certified', final: true },
  A2: { code: 'A2', display: 'Partially certified', final: true },
  A3: { code: 'A3', display: 'Not certified', final: true },
  A4: { code: 'A4', display: 'Pended', final: false },
  A6: { code: 'A6', display: 'Modified', final: true },
  C: { code: 'C', display: 'Cancelled', final: true }
}

/** Every review action code, in the PAS order. */
export const REVIEW_ACTION_CODES: ReadonlyArray<ReviewActionCode> = ['A1', 'A2', 'A3', 'A4', 'A6', 'C']

/** The CMS-0057-F decision windows: expedited within 72 hours, standard within 7 calendar days. */
export const DECISION_WINDOWS = { expedited: { hours: 72 }, standard: { days: 7 } } as const

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const POS_EXPECTED = 'one of the 52 assigned CMS Place of Service codes (two digits, e.g. 11 for Office)'

/**
 * Parses a Place of Service code: exactly two ASCII digits, and one of the 52
 * codes CMS has assigned; every other two-digit value is refused as unassigned.
 *
 * @example
 * import { parsePlaceOfServiceCode } from 'health-portal-domain/prior-authorization'
 * parsePlaceOfServiceCode('11') // right('11')
 * parsePlaceOfServiceCode('30') // left: "placeOfService 30 is not an assigned …"
 */
export const parsePlaceOfServiceCode = (input: unknown, field = 'placeOfService'): E.Either<DomainError, PlaceOfServiceCode> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((s) => {
      if (!/^[0-9]{2}$/.test(s))
        return E.left(domainError('field.invalid', { field, rule: `${field} must be two digits with a leading zero (e.g. 02, 11)`, expected: POS_EXPECTED }))
      if (!POS_NAMES.has(s))
        return E.left(
          domainError('field.invalid', { field, rule: `${field} ${s} is not an assigned CMS Place of Service code`, expected: POS_EXPECTED })
        )
      return E.right(s as PlaceOfServiceCode)
    })
  )

/** The CMS name of a Place of Service code ("Office" for 11). */
export const placeOfServiceName = (code: PlaceOfServiceCode): string => POS_NAMES.get(code) ?? ''

const ICD_EXPECTED = 'an ICD-10-CM code: a letter, a digit, a digit or letter, then up to 4 letters or digits after an optional dot (e.g. E11.9)'

// ASCII letters only: toUpperCase() would turn 'ß' into 'SS'.
const asciiUpper = (s: string): string => s.replace(/[a-z]/g, (c) => c.toUpperCase())

/**
 * Parses the format of an ICD-10-CM code (not whether it is billable: ask a
 * `DiagnosisCodeSet`). Accepts 3–7 characters with or without the dot after
 * the 3rd, any letter case; returns the dotted upper-case form. The 1st
 * character is a letter, the 2nd a digit, the 3rd a digit or letter, the rest
 * letters or digits; an X in the 4th–6th place is a placeholder and is only
 * allowed when a 7th character follows.
 *
 * @example
 * import { parseIcdCode } from 'health-portal-domain/prior-authorization'
 * parseIcdCode('e119') // right('E11.9')
 * parseIcdCode('t3601xa') // right('T36.0X1A')
 */
export const parseIcdCode = (input: unknown, field = 'diagnosisCode'): E.Either<DomainError, IcdCode> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.chain((raw) => {
      const bad = (why: string) => E.left(domainError('field.invalid', { field, rule: `${field} ${why}`, expected: ICD_EXPECTED }))
      const s = asciiUpper(raw)
      const m = /^([A-Z0-9]{3})(?:\.?([A-Z0-9]{1,4}))?$/.exec(s)
      if (m === null) {
        if (!/^[A-Z0-9.]+$/.test(s)) return bad('must hold only letters, digits and a dot')
        if (s.replace('.', '').length < 3 || s.replace(/\./g, '').length > 7) return bad('must be 3 to 7 letters or digits')
        return bad('may have one dot only, after the 3rd character, followed by 1 to 4 characters')
      }
      const category = m[1] as string
      const rest = m[2] ?? ''
      if (!/^[A-Z]/.test(category)) return bad('must start with a letter')
      if (!/^.[0-9]/.test(category)) return bad('must have a digit as its 2nd character')
      if (rest.length < 4 && rest.includes('X')) return bad('may use the placeholder X only before a 7th character (e.g. T36.0X1A)')
      return E.right((rest === '' ? category : `${category}.${rest}`) as IcdCode)
    })
  )

/** An ICD-10-CM code without its dot, as the CMS order file writes it (E119). */
export const undottedIcdCode = (code: IcdCode): string => code.replace('.', '')

const PROCEDURE_EXPECTED =
  'a CPT code (5 digits; or 4 digits and F, T or U) or a HCPCS Level II code (a letter A to V and 4 digits)'

/** Which system a well-formed procedure code belongs to, or `undefined` when it is none. */
const systemOf = (s: string): ProcedureCodeSystem | undefined =>
  /^[0-9]{5}$/.test(s)
    ? 'cpt-category-i'
    : /^[0-9]{4}F$/.test(s)
      ? 'cpt-category-ii'
      : /^[0-9]{4}T$/.test(s)
        ? 'cpt-category-iii'
        : /^[0-9]{4}U$/.test(s)
          ? 'cpt-pla'
          : /^[A-V][0-9]{4}$/.test(s)
            ? 'hcpcs-level-ii'
            : undefined

/**
 * Parses a procedure code: CPT Category I (5 digits), II (4 digits + F), III
 * (4 digits + T), CPT Proprietary Laboratory Analyses (4 digits + U) or HCPCS
 * Level II (a letter A–V + 4 digits); any letter case.
 *
 * @example
 * import { parseProcedureCode } from 'health-portal-domain/prior-authorization'
 * parseProcedureCode('j1100') // right('J1100')
 * parseProcedureCode('0001u') // right('0001U')
 */
export const parseProcedureCode = (input: unknown, field = 'procedureCode'): E.Either<DomainError, ProcedureCode> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.map(asciiUpper),
    E.chain((s) =>
      systemOf(s) === undefined
        ? E.left(domainError('field.invalid', { field, rule: `${field} must be ${PROCEDURE_EXPECTED}`, expected: PROCEDURE_EXPECTED }))
        : E.right(s as ProcedureCode)
    )
  )

/** The system of a parsed procedure code. */
export const procedureCodeSystem = (code: ProcedureCode): ProcedureCodeSystem => systemOf(code) ?? 'cpt-category-i'

/** What a reader can be told of a procedure code: its public HCPCS Level II descriptor, or why there is none. */
export type ProcedureDescription =
  | { readonly kind: 'described'; readonly text: string }
  /** CPT: its descriptions are the AMA's, licensed, and not shipped. */
  | { readonly kind: 'licensed' }
  /** HCPCS Level II, but not in the descriptors given. */
  | { readonly kind: 'not-available' }

/**
 * The description of a procedure code: HCPCS Level II codes from `descriptions`
 * (the shipped excerpt unless another is given); CPT codes never (AMA licence).
 *
 * @example
 * import { describeProcedureCode } from 'health-portal-domain/prior-authorization'
 * describeProcedureCode('J1100' as never) // { kind: 'described', text: 'Injection, dexamethasone sodium phosphate, 1 mg' }
 */
export const describeProcedureCode = (code: ProcedureCode, descriptions: ReadonlyMap<string, string> = HCPCS_LEVEL_II_DESCRIPTIONS): ProcedureDescription => {
  if (procedureCodeSystem(code) !== 'hcpcs-level-ii') return { kind: 'licensed' }
  const text = descriptions.get(code)
  return text === undefined ? { kind: 'not-available' } : { kind: 'described', text }
}

/**
 * Parses a procedure code and tags it with its system.
 *
 * @example
 * import { classifyProcedureCode } from 'health-portal-domain/prior-authorization'
 * classifyProcedureCode('0042T') // right({ system: 'cpt-category-iii', code: '0042T' })
 */
export const classifyProcedureCode = (input: unknown, field = 'procedureCode'): E.Either<DomainError, ClassifiedProcedureCode> =>
  pipe(
    parseProcedureCode(input, field),
    E.map((code) => ({ system: procedureCodeSystem(code), code }))
  )

const REVIEW_EXPECTED = 'a PAS review action code: A1, A2, A3, A4, A6 or C'

/** Parses a PAS review action code (A1, A2, A3, A4, A6, C; any letter case). */
export const parseReviewActionCode = (input: unknown, field = 'reviewAction'): E.Either<DomainError, ReviewActionCode> =>
  pipe(
    requireText(input, field, TEXT_LIMITS.short),
    E.map(asciiUpper),
    E.chain((s) =>
      (REVIEW_ACTION_CODES as ReadonlyArray<string>).includes(s)
        ? E.right(s as ReviewActionCode)
        : E.left(domainError('field.invalid', { field, rule: `${field} must be ${REVIEW_EXPECTED}`, expected: REVIEW_EXPECTED }))
    )
  )

// -------------------------------------------------------------------------------------
// decision due times
// -------------------------------------------------------------------------------------

/**
 * When a payer must decide a request under CMS-0057-F (in force from
 * 2026-01-01): expedited, 72 hours after submission (absolute time);
 * standard, 7 calendar days after, at the same wall-clock time in the plan's
 * zone (so across a DST change it is 167 or 169 hours later; a wall-clock time
 * that the change skips moves forward by the gap). The result is in `zone`.
 * Refuses an invalid submission instant or an unknown zone.
 *
 * @example
 * import { DateTime } from 'luxon'
 * import { decisionDueAt } from 'health-portal-domain/prior-authorization'
 * const submitted = DateTime.fromISO('2026-03-06T10:00:00', { zone: 'America/New_York' })
 * decisionDueAt(submitted, 'standard', 'America/New_York') // right(2026-03-13T10:00:00-04:00)
 */
export const decisionDueAt = (submittedAt: DateTime, priority: DecisionPriority, zone: string): E.Either<DomainError, DateTime> => {
  if (!DateTime.isDateTime(submittedAt) || !submittedAt.isValid)
    return E.left(domainError('field.invalid', { field: 'submittedAt', rule: 'submittedAt must be a valid instant', expected: 'a valid date and time' }))
  const local = submittedAt.setZone(zone)
  if (!local.isValid)
    return E.left(domainError('field.invalid', { field: 'zone', rule: `zone ${zone} must be an IANA time zone`, expected: 'an IANA time zone such as America/New_York' }))
  return E.right(priority === 'expedited' ? local.plus({ hours: 72 }) : local.plus({ days: 7 }))
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** io-ts codec for `PlaceOfServiceCode`. */
export const PlaceOfServiceCodeCodec = codecFrom<PlaceOfServiceCode>('PlaceOfServiceCode', 'placeOfService', parsePlaceOfServiceCode)
/** io-ts codec for `IcdCode` (decodes to the dotted upper-case form). */
export const IcdCodeCodec = codecFrom<IcdCode>('IcdCode', 'diagnosisCode', parseIcdCode)
/** io-ts codec for `ProcedureCode`. */
export const ProcedureCodeCodec = codecFrom<ProcedureCode>('ProcedureCode', 'procedureCode', parseProcedureCode)
/** io-ts codec for `ReviewActionCode`. */
export const ReviewActionCodeCodec = codecFrom<ReviewActionCode>('ReviewActionCode', 'reviewAction', parseReviewActionCode)
