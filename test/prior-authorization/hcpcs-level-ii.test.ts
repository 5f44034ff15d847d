/**
 * The shipped HCPCS Level II excerpt: real codes of the HCPCS system, one
 * descriptor each, every HCPCS code the package's features, tests, examples
 * and benchmarks use; and what `describeProcedureCode` tells a reader of a
 * CPT code (licensed, not shipped) and of a HCPCS code the excerpt lacks.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { describeProcedureCode, HCPCS_LEVEL_II_DESCRIPTIONS, HCPCS_LEVEL_II_SAMPLE, parseProcedureCode, ProcedureCode, procedureCodeSystem } from '../../src/prior-authorization'

const code = (s: string): ProcedureCode => {
  const r = parseProcedureCode(s)
  if (E.isLeft(r)) assert.fail(r.left.rule)
  return r.right
}

describe('HCPCS Level II excerpt', () => {
  test('every entry is a canonical HCPCS Level II code with one plain descriptor, in code order, no code twice', () => {
    const codes = HCPCS_LEVEL_II_SAMPLE.map((e) => e.code)
    for (const e of HCPCS_LEVEL_II_SAMPLE) {
      assert.equal(code(e.code), e.code)
      assert.equal(procedureCodeSystem(e.code), 'hcpcs-level-ii')
      assert.match(e.description, /^[A-Z][ -~]{2,199}$/, `${e.code}: printable ASCII, starting with a capital`)
    }
    assert.deepEqual(codes, [...codes].sort())
    assert.equal(new Set(codes).size, codes.length)
    assert.equal(HCPCS_LEVEL_II_DESCRIPTIONS.size, codes.length)
  })

  test('it holds the HCPCS codes the features, tests, examples and benchmarks use', () => {
    for (const used of ['A0428', 'E0114', 'G0283', 'J1100', 'J1885']) assert.ok(HCPCS_LEVEL_II_DESCRIPTIONS.has(used), used)
  })

  test('a reader is told a HCPCS descriptor, that CPT descriptions are licensed, or that none is available', () => {
    assert.deepEqual(describeProcedureCode(code('j1100')), { kind: 'described', text: 'Injection, dexamethasone sodium phosphate, 1 mg' })
    for (const cpt of ['97110', '0001F', '0042T']) assert.deepEqual(describeProcedureCode(code(cpt)), { kind: 'licensed' }, cpt)
    assert.deepEqual(describeProcedureCode(code('E1223')), { kind: 'not-available' })
    // a plan's own, fuller table is used instead when given; it never describes CPT
    const plan = new Map([['E1223', 'A wheelchair'], ['97110', 'never shown']])
    assert.deepEqual(describeProcedureCode(code('E1223'), plan), { kind: 'described', text: 'A wheelchair' })
    assert.deepEqual(describeProcedureCode(code('97110'), plan), { kind: 'licensed' })
  })
})
