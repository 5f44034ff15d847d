/**
 * A small excerpt of HCPCS Level II (the CMS Alpha-Numeric HCPCS file, as
 * current in 2025–2026): the codes the package's features, tests, examples and benchmarks
 * use, each with its official descriptor. HCPCS Level II is maintained by CMS
 * and is in the public domain (CPT, HCPCS Level I, is the AMA's and is never
 * shipped here). Kept as a module so that it ships inside the package.
 *
 * Each descriptor is the file's long description, as published pages quote
 * it; the source of each is given beside it. The file's 28-character short
 * descriptions ("Bls" for A0428) are abbreviations for claim forms, too terse
 * for a printed summary, so they are not used. A code whose descriptor could
 * not be confirmed (E1223, in a Da Vinci PAS example) is left out: its row
 * then says no description is available. To describe every code, read the
 * quarterly Alpha-Numeric HCPCS file CMS publishes on cms.gov (a zip such as
 * `october-2022-alpha-numeric-hcpcs-file.zip`, holding `HCPC2022_OCT_ANWEB.txt`)
 * into a map of the same shape and pass it to `describeProcedureCode`.
 *
 * @since 0.2.0
 */
import type { ProcedureCode } from './code-sets'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One HCPCS Level II code and its official descriptor. */
export interface HcpcsLevelIIEntry {
  readonly code: ProcedureCode
  readonly description: string
}

// -------------------------------------------------------------------------------------
// table
// -------------------------------------------------------------------------------------

/** The shipped excerpt, in code order. Source: CMS, Alpha-Numeric HCPCS file (public domain). */
export const HCPCS_LEVEL_II_SAMPLE: ReadonlyArray<HcpcsLevelIIEntry> = (
  [
    // carepatron.com/procedure-code/hcpcs-code-a0428; medonix.io/tools/hcpcs-code-lookup/a0428
    ['A0428', 'Ambulance service, basic life support, non-emergency transport, (BLS)'],
    // genhealth.ai/code/hcpcs/E0114
    ['E0114', 'Crutches underarm, other than wood, adjustable or fixed, pair, with pads, tips and handgrips'],
    // genhealth.ai/code/hcpcs/G0283; webhooks.codingahead.com/hcpcs/codes/G0283
    ['G0283', 'Electrical stimulation (unattended), to one or more areas for indication(s) other than wound care, as part of a therapy plan of care'],
    // pabau.com/procedure-codes/hcpcs-code-j1100 ("The official descriptor … reads"); medx.it.com
    ['J1100', 'Injection, dexamethasone sodium phosphate, 1 mg'],
    // pabau.com/procedure-codes/hcpcs-code-j1885 ("The descriptor reads"); genhealth.ai/code/hcpcs/J1885
    ['J1885', 'Injection, ketorolac tromethamine, per 15 mg']
  ] as const
).map(([code, description]) => ({ code: code as ProcedureCode, description }))

/** The shipped descriptors by code. */
export const HCPCS_LEVEL_II_DESCRIPTIONS: ReadonlyMap<string, string> = new Map(HCPCS_LEVEL_II_SAMPLE.map((e) => [e.code, e.description]))
