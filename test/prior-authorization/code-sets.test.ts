/**
 * Code sets of a prior-authorization request (src/prior-authorization/code-sets.ts):
 * Place of Service, ICD-10-CM format, CPT/HCPCS procedure codes and PAS review
 * actions, as REFERENCE.md "Codes for prior authorization" lists them.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DomainError, isDomainError } from '../../src/kernel'
import {
  classifyProcedureCode,
  FHIR_SYSTEMS,
  IcdCodeCodec,
  parseIcdCode,
  parsePlaceOfServiceCode,
  parseProcedureCode,
  parseReviewActionCode,
  PLACES_OF_SERVICE,
  placeOfServiceName,
  PlaceOfServiceCode,
  procedureCodeSystem,
  REVIEW_ACTION_CODES,
  REVIEW_ACTIONS,
  toPasRequestBundle,
  undottedIcdCode
} from '../../src/prior-authorization'
import { ATTACHMENT_CONTENT, submittedRequest } from '../support/submitted-request'
import { anyInput, caseVariantOf, typedIcdCode, validClassifiedProcedureCode, validIcdCode } from '../../src/testkit'

const twoDigits = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'))

/** The 52 codes of REFERENCE.md, transcribed independently of the module's table. */
const ASSIGNED =
  '01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 31 32 33 34 41 42 49 50 51 52 53 54 55 56 57 58 60 61 62 65 66 71 72 81 99'.split(' ')

describe('Place of Service', () => {
  test('among 00..99 exactly the 52 assigned codes are accepted; every other value is refused as unassigned', () => {
    assert.equal(ASSIGNED.length, 52)
    const accepted = twoDigits.filter((c) => E.isRight(parsePlaceOfServiceCode(c)))
    assert.deepEqual(accepted, ASSIGNED)
    assert.deepEqual(PLACES_OF_SERVICE.map((p) => p.code), ASSIGNED)
    for (const c of twoDigits.filter((c) => !ASSIGNED.includes(c))) {
      const r = parsePlaceOfServiceCode(c, 'placeOfService')
      assert.ok(E.isLeft(r) && r.left.code === 'field.invalid' && r.left.field === 'placeOfService')
      assert.match(r.left.rule, new RegExp(`${c} is not an assigned CMS Place of Service code`))
    }
  })

  test('names follow the CMS table', () => {
    const name = (c: string) => placeOfServiceName(c as PlaceOfServiceCode)
    assert.equal(name('01'), 'Pharmacy')
    assert.equal(name('02'), "Telehealth Provided Other than in Patient's Home")
    assert.equal(name('11'), 'Office')
    assert.equal(name('23'), 'Emergency Room – Hospital')
    assert.equal(name('54'), 'Intermediate Care Facility/Individuals with Intellectual Disabilities')
    assert.equal(name('66'), 'Programs of All-Inclusive Care for the Elderly (PACE) Center')
    assert.equal(name('99'), 'Other Place of Service')
    for (const p of PLACES_OF_SERVICE) assert.ok(p.name.length > 0 && name(p.code) === p.name)
  })

  test('shapes other than two digits are refused (1, 011, 1a, ١١), blanks are required; never throws', () => {
    for (const bad of ['1', '011', '1a', 'OF', '١١', '１１', '11.0']) {
      const r = parsePlaceOfServiceCode(bad)
      assert.ok(E.isLeft(r) && r.left.code === 'field.invalid', bad)
    }
    assert.deepEqual(parsePlaceOfServiceCode(' 11 '), E.right('11'))
    fc.assert(
      fc.property(anyInput, (u) => {
        const r = parsePlaceOfServiceCode(u)
        assert.ok(E.isRight(r) ? ASSIGNED.includes(r.right) : isDomainError(r.left))
      })
    )
  })
})

describe('ICD-10-CM code format', () => {
  test('REFERENCE examples normalise to the dotted upper-case form', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['e119', 'E11.9'],
      ['E11.9', 'E11.9'],
      ['t360x1a', 'T36.0X1A'],
      ['T36.0X1A', 'T36.0X1A'],
      ['t3601xa', 'T36.01XA'], // format only: X in the 6th place before a 7th character
      ['i10', 'I10'],
      ['U071', 'U07.1'],
      ['c4a0', 'C4A.0'],
      ['Z3A.01', 'Z3A.01'],
      ['j45909', 'J45.909'],
      [' m54.50 ', 'M54.50']
    ]
    for (const [input, expected] of cases) assert.deepEqual(parseIcdCode(input), E.right(expected), input)
  })

  test('dotted and undotted inputs, in any case, agree; the result parses to itself (idempotent)', () => {
    fc.assert(
      fc.property(validIcdCode.chain((c) => fc.tuple(fc.constant(c), typedIcdCode(c))), ([code, typed]) => {
        assert.deepEqual(parseIcdCode(typed), E.right(code), JSON.stringify(typed))
        assert.deepEqual(parseIcdCode(undottedIcdCode(code)), E.right(code))
        assert.deepEqual(parseIcdCode(code), E.right(code))
      }),
      { numRuns: 500 }
    )
  })

  test('normalisation is idempotent on any input shaped like a code', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[A-Za-z0-9.]{1,9}$/), fc.stringMatching(/^[A-Z][0-9][A-Z0-9]\.?[A-Z0-9X]{0,5}$/)), (s) => {
        const r = parseIcdCode(s)
        if (E.isRight(r)) {
          assert.deepEqual(parseIcdCode(r.right), r)
          assert.match(r.right, /^[A-Z][0-9][A-Z0-9](\.[A-Z0-9]{1,4})?$/)
          assert.equal(r.right.replace('.', ''), s.replace('.', '').toUpperCase())
        }
      }),
      { numRuns: 1000 }
    )
  })

  test('malformed shapes are refused with the field and a rule', () => {
    const bad = [
      'E1', // too short
      '1E1', // first not a letter
      'EE1', // second not a digit
      'E11.99999', // too long
      'E11999999',
      'E1.19', // dot misplaced
      'E119.', // dot misplaced
      'E11.', // nothing after the dot
      'E11..9',
      'E11-9',
      'E11.9 1',
      'T36.0X1', // X placeholder without a 7th character
      'T36.X',
      'S01.0X',
      'É11.9',
      'E１1.9',
      'ß11'
    ]
    for (const s of bad) {
      const r = parseIcdCode(s, 'diagnoses[0]')
      assert.ok(E.isLeft(r), `${s} was accepted`)
      assert.equal(r.left.code, 'field.invalid')
      assert.equal(r.left.field, 'diagnoses[0]')
      assert.ok(r.left.rule.startsWith('diagnoses[0] '), r.left.rule)
    }
  })

  test('never throws on anything; the codec agrees with the parser', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), anyInput), (u) => {
        let r: E.Either<DomainError, string>
        try {
          r = parseIcdCode(u)
        } catch (cause) {
          assert.fail(`threw on ${fc.stringify(u)}: ${String(cause)}`)
        }
        if (E.isLeft(r)) assert.ok(isDomainError(r.left) && r.left.field === 'diagnosisCode')
        const d = IcdCodeCodec.decode(u)
        assert.equal(E.isRight(d), E.isRight(r))
        if (IcdCodeCodec.is(u)) assert.deepEqual(d, E.right(u))
      }),
      { numRuns: 400 }
    )
  })
})

describe('procedure codes', () => {
  test('each generated code (any case) is classified into its system', () => {
    fc.assert(
      fc.property(validClassifiedProcedureCode.chain((p) => fc.tuple(fc.constant(p), caseVariantOf(p.code))), ([p, typed]) => {
        assert.deepEqual(classifyProcedureCode(typed), E.right(p))
        assert.deepEqual(parseProcedureCode(typed), E.right(p.code))
        assert.equal(procedureCodeSystem(p.code), p.system)
      }),
      { numRuns: 500 }
    )
  })

  test('known examples', () => {
    assert.deepEqual(classifyProcedureCode('99213'), E.right({ system: 'cpt-category-i', code: '99213' }))
    assert.deepEqual(classifyProcedureCode('0001f'), E.right({ system: 'cpt-category-ii', code: '0001F' }))
    assert.deepEqual(classifyProcedureCode('0042T'), E.right({ system: 'cpt-category-iii', code: '0042T' }))
    // CPT Proprietary Laboratory Analyses: 4 digits and U, CPT codes like the others
    assert.deepEqual(classifyProcedureCode('0001U'), E.right({ system: 'cpt-pla', code: '0001U' }))
    assert.deepEqual(classifyProcedureCode('0242u'), E.right({ system: 'cpt-pla', code: '0242U' }))
    assert.deepEqual(classifyProcedureCode('J1100'), E.right({ system: 'hcpcs-level-ii', code: 'J1100' }))
    assert.deepEqual(classifyProcedureCode('a0428'), E.right({ system: 'hcpcs-level-ii', code: 'A0428' }))
    for (const bad of ['9921', '992134', 'W1234', 'Z1234', '1234A', 'A123', 'J11000', '0001-F', '99 213', 'E11.9']) {
      const r = classifyProcedureCode(bad, 'procedures[1]')
      assert.ok(E.isLeft(r) && r.left.code === 'field.invalid' && r.left.field === 'procedures[1]', bad)
    }
  })

  test('on any short alphanumeric string, acceptance matches the five patterns exactly', () => {
    // An oracle of its own (a table of patterns), not the parser's logic.
    const patterns: ReadonlyArray<readonly [RegExp, string]> = [
      [/^[0-9]{5}$/, 'cpt-category-i'],
      [/^[0-9]{4}F$/, 'cpt-category-ii'],
      [/^[0-9]{4}T$/, 'cpt-category-iii'],
      [/^[0-9]{4}U$/, 'cpt-pla'],
      [/^[A-V][0-9]{4}$/, 'hcpcs-level-ii']
    ]
    const oracle = (s: string) => patterns.find(([pattern]) => pattern.test(s))?.[1]
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9A-Z]{4,6}$/), fc.stringMatching(/^[A-Z0-9]?[0-9]{4}[A-Z]?$/)), (s) => {
        const r = classifyProcedureCode(s)
        const expected = oracle(s)
        if (expected === undefined) assert.ok(E.isLeft(r), s)
        else assert.deepEqual(r, E.right({ system: expected, code: s }))
      }),
      { numRuns: 1000 }
    )
  })

  test('a CPT PLA code (4 digits and U) is accepted in any letter case, and the PAS FHIR export codes it with the CPT system', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4}$/).chain((d) => caseVariantOf(`${d}U`)), (typed) => {
        const code = typed.toUpperCase()
        assert.deepEqual(classifyProcedureCode(typed), E.right({ system: 'cpt-pla', code }))
        const bundle = toPasRequestBundle(submittedRequest({ procedures: [code, 'G0283'] }), {
          payer: { name: 'Harmony Health Plan', identifier: 'HARMONY' },
          identifierSystems: { reference: 'urn:reference', providerId: 'urn:provider-id', memberId: 'urn:member-id', payerId: 'urn:payer-id' },
          attachmentContent: ATTACHMENT_CONTENT
        })
        assert.deepEqual(
          bundle.entry[0].resource.item.map((i) => [i.productOrService.coding[0]?.system, i.productOrService.coding[0]?.code]),
          [[FHIR_SYSTEMS.cpt, code], [FHIR_SYSTEMS.hcpcs, 'G0283']]
        )
      }),
      { numRuns: 50 }
    )
  })

  test('never throws on anything', () => {
    fc.assert(
      fc.property(anyInput, (u) => {
        const r = classifyProcedureCode(u)
        assert.ok(E.isRight(r) || isDomainError(r.left))
      })
    )
  })
})

describe('PAS review actions', () => {
  test('A1 certified, A2 partially certified, A3 not certified, A4 pended, A6 modified, C cancelled', () => {
    assert.deepEqual(REVIEW_ACTION_CODES, ['A1', 'A2', 'A3', 'A4', 'A6', 'C'])
    assert.deepEqual(Object.keys(REVIEW_ACTIONS).sort(), [...REVIEW_ACTION_CODES].sort())
    assert.equal(REVIEW_ACTIONS.A1.display, 'Certified')
    assert.equal(REVIEW_ACTIONS.A2.display, 'Partially certified')
    assert.equal(REVIEW_ACTIONS.A3.display, 'Not certified')
    assert.equal(REVIEW_ACTIONS.A4.display, 'Pended')
    assert.equal(REVIEW_ACTIONS.A6.display, 'Modified')
    assert.equal(REVIEW_ACTIONS.C.display, 'Cancelled')
    assert.deepEqual(REVIEW_ACTION_CODES.filter((c) => !REVIEW_ACTIONS[c].final), ['A4'])
    for (const c of REVIEW_ACTION_CODES) {
      assert.equal(REVIEW_ACTIONS[c].code, c)
      assert.deepEqual(parseReviewActionCode(c.toLowerCase()), E.right(c))
    }
    for (const bad of ['A5', 'A0', 'B', 'CC', 'A 1']) assert.ok(E.isLeft(parseReviewActionCode(bad)), bad)
  })
})
