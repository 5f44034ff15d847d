/**
 * The CMS ICD-10-CM order file reader and the in-memory DiagnosisCodeSet
 * (adapters/memory/icd10cm.ts): fixed columns exactly as REFERENCE.md gives
 * them, bad lines reported by number, the release in force on the service date.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { ICD10CM_ORDER_SAMPLE } from '../../adapters/memory/data/icd10cm-order-sample'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { DateTime } from 'luxon'
import { isDomainError } from '../../src/kernel'
import { IcdCode, parseIcdCode } from '../../src/prior-authorization'
import { formatIcd10cmOrderLine, Icd10cmEntry, Icd10cmRelease, memoryDiagnosisCodeSet, parseIcd10cmOrderFile } from '../../adapters/memory/icd10cm'
import { validIcdCode } from '../../src/testkit'

const SAMPLE = ICD10CM_ORDER_SAMPLE

const icd = (s: string): IcdCode => {
  const r = parseIcdCode(s)
  if (E.isLeft(r)) assert.fail(s)
  return r.right
}

const line = (order: number, code: string, flag: 0 | 1, short: string, long: string): string =>
  `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${flag} ${short.padEnd(60)} ${long}`

const release = (text: string, from: string, to: string): Icd10cmRelease => {
  const r = parseIcd10cmOrderFile(text, from, to)
  if (E.isLeft(r)) assert.fail(JSON.stringify(r.left))
  return r.right
}

/** Printable ASCII description text, no leading or trailing blank. */
const description = (max: number) =>
  fc.stringMatching(new RegExp(`^[!-~]([ -~]{0,${max - 2}}[!-~])?$`)).filter((s) => s.length <= max)

const entry: fc.Arbitrary<Omit<Icd10cmEntry, 'orderNumber'>> = fc.record({
  code: validIcdCode,
  billable: fc.boolean(),
  shortDescription: description(60),
  longDescription: description(230)
})

const entries = fc
  .uniqueArray(entry, { minLength: 1, maxLength: 25, selector: (e) => e.code })
  .map((es) => es.map((e, i): Icd10cmEntry => ({ ...e, orderNumber: i + 1 })))

describe('ICD-10-CM order file', () => {
  test("the REFERENCE first line: '00001 A00     0 Cholera' padded to column 77, then 'Cholera'", () => {
    const first = '00001 A00     0 Cholera' + ' '.repeat(77 - 23) + 'Cholera'
    assert.equal(first.indexOf('Cholera', 20), 77)
    assert.equal(first, SAMPLE.split('\n')[0])
    const r = release(first, '2025-10-01', '2026-09-30')
    assert.deepEqual(r.entries.get(icd('A00')), { orderNumber: 1, code: 'A00', billable: false, shortDescription: 'Cholera', longDescription: 'Cholera' })
  })

  test('formatted lines read back to the same entries, with \\n or \\r\\n line ends and a trailing blank line', () => {
    fc.assert(
      fc.property(entries, fc.constantFrom('\n', '\r\n'), (es, eol) => {
        const text = es.map(formatIcd10cmOrderLine).join(eol) + eol
        for (const l of text.split(eol).filter((l) => l !== '')) {
          assert.ok(l.length >= 78)
          assert.ok(/^[0-9]{5} [A-Z0-9]{3}[A-Z0-9 ]{4} [01] .{60} \S/.test(l), l)
        }
        const r = release(text, '2025-10-01', '2026-09-30')
        assert.deepEqual([...r.entries.values()], es)
        assert.deepEqual([...r.entries.keys()], es.map((e) => e.code))
      }),
      { numRuns: 200 }
    )
  })

  test('a malformed line is reported with its line number, as a typed error; other lines do not hide it', () => {
    const breakLine = (l: string): fc.Arbitrary<string> =>
      fc.constantFrom(
        l.slice(0, 60), // too short
        'X' + l.slice(1), // order number not digits
        l.slice(0, 14) + '2' + l.slice(15), // flag neither 0 nor 1
        l.slice(0, 6) + '1E9    ' + l.slice(13), // not an ICD-10-CM code
        l.slice(0, 6) + 'E11.9  ' + l.slice(13), // dotted in the file
        l.slice(0, 6) + ' E119  ' + l.slice(13), // not left-justified
        l.slice(0, 16) + ' '.repeat(60) + l.slice(76), // no short description
        l.slice(0, 77), // no long description
        l.slice(0, 5) + '-' + l.slice(6) // column 6 not a space
      )
    fc.assert(
      fc.property(
        entries.chain((es) => fc.tuple(fc.constant(es), fc.nat({ max: es.length - 1 }))).chain(([es, at]) => {
          const lines = es.map(formatIcd10cmOrderLine)
          return breakLine(lines[at] as string).map((bad) => ({ lines: lines.map((l, i) => (i === at ? bad : l)), at }))
        }),
        ({ lines, at }) => {
          const r = parseIcd10cmOrderFile(lines.join('\n'), '2025-10-01', '2026-09-30')
          assert.ok(E.isLeft(r), 'a malformed line was accepted')
          assert.equal(r.left.length, 1, JSON.stringify(r.left))
          const [e] = r.left
          assert.ok(isDomainError(e) && e.code === 'field.invalid')
          assert.equal(e.field, `line ${at + 1}`)
          assert.ok(e.rule.startsWith(`line ${at + 1}: `), e.rule)
        }
      ),
      { numRuns: 300 }
    )
  })

  test('every bad line is reported, and a duplicate code too; bad release dates are reported', () => {
    const good = line(1, 'A00', 0, 'Cholera', 'Cholera')
    const text = [good, 'garbage', '', line(2, 'A00', 0, 'Cholera', 'Cholera'), line(3, 'E119', 1, 'x', '')].join('\n')
    const r = parseIcd10cmOrderFile(text, '2025-13-01', '2025-09-30')
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left.map((e) => e.field), ['validFrom', 'line 2', 'line 4', 'line 5'])
    const backwards = parseIcd10cmOrderFile(good, '2026-10-01', '2026-09-30')
    assert.ok(E.isLeft(backwards) && backwards.left[0].field === 'validTo')
    const empty = parseIcd10cmOrderFile('\n\n', '2025-10-01', '2026-09-30')
    assert.ok(E.isLeft(empty) && empty.left[0].field === 'text')
  })

  test('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.array(fc.string({ unit: 'grapheme', maxLength: 120 }), { maxLength: 5 }).map((ls) => ls.join('\n'))), fc.string({ maxLength: 12 }), (text, date) => {
        const r = parseIcd10cmOrderFile(text, date, '2026-09-30')
        assert.ok(E.isRight(r) || r.left.every(isDomainError))
      }),
      { numRuns: 300 }
    )
    assert.ok(E.isLeft(parseIcd10cmOrderFile(undefined as unknown as string, '2025-10-01', '2026-09-30')))
  })

  test('the sample file loads: 38 lines, headers and billable codes with their CDC descriptions', () => {
    const r = release(SAMPLE, '2025-10-01', '2026-09-30')
    assert.equal(r.entries.size, 38)
    const billable = ['A00.0', 'E11.9', 'I10', 'J45.909', 'M54.50', 'R51.9', 'Z00.00', 'U07.1', 'T36.0X1A', 'C4A.0', 'Z3A.01']
    for (const c of billable) assert.equal(r.entries.get(icd(c))?.billable, true, c)
    for (const c of ['A00', 'E11', 'J45', 'J45.9', 'M54', 'M54.5', 'R51', 'U07', 'Z3A', 'C4A']) assert.equal(r.entries.get(icd(c))?.billable, false, c)
    assert.equal(r.entries.get(icd('E11.9'))?.shortDescription, 'Type 2 diabetes mellitus without complications')
    assert.equal(r.entries.get(icd('Z00.00'))?.shortDescription, 'Encntr for general adult medical exam w/o abnormal findings')
    assert.equal(r.entries.get(icd('Z00.00'))?.longDescription, 'Encounter for general adult medical examination without abnormal findings')
    assert.equal(r.entries.get(icd('T36.0X1A'))?.longDescription, 'Poisoning by penicillins, accidental (unintentional), initial encounter')
    // the file is in code order and numbered in order
    const es = [...r.entries.values()]
    assert.deepEqual(es.map((e) => e.orderNumber), es.map((_, i) => i + 1))
    assert.deepEqual(SAMPLE.trimEnd().split('\n'), es.map(formatIcd10cmOrderLine))
  })
})

describe('memory DiagnosisCodeSet', () => {
  // FY2020: R51 Headache and M54.5 Low back pain were billable. FY2021 split R51 (R51.0, R51.9);
  // FY2022 split M54.5 (M54.50, M54.51, M54.59).
  const fy2020 = release(
    [line(1, 'M545', 1, 'Low back pain', 'Low back pain'), line(2, 'R51', 1, 'Headache', 'Headache')].join('\n'),
    '2019-10-01',
    '2020-09-30'
  )
  const fy2021 = release(
    [
      line(1, 'M545', 1, 'Low back pain', 'Low back pain'),
      line(2, 'R51', 0, 'Headache', 'Headache'),
      line(3, 'R510', 1, 'Headache with orthostatic component, NEC', 'Headache with orthostatic component, not elsewhere classified'),
      line(4, 'R519', 1, 'Headache, unspecified', 'Headache, unspecified')
    ].join('\n'),
    '2020-10-01',
    '2021-09-30'
  )
  const fy2022 = release(
    [line(1, 'M545', 0, 'Low back pain', 'Low back pain'), line(2, 'M5450', 1, 'Low back pain, unspecified', 'Low back pain, unspecified'), line(3, 'R519', 1, 'Headache, unspecified', 'Headache, unspecified')].join('\n'),
    '2021-10-01',
    '2022-09-30'
  )
  const codes = memoryDiagnosisCodeSet([fy2022, fy2020, fy2021])

  test('a code billable in one release and not in the next answers by service date', async () => {
    assert.deepEqual(await codes.isBillable(icd('R51'), '2020-09-30')(), E.right(true))
    assert.deepEqual(await codes.isBillable(icd('R51'), '2020-10-01')(), E.right(false))
    assert.deepEqual(await codes.isBillable(icd('R51.9'), '2020-09-30')(), E.right(false))
    assert.deepEqual(await codes.isBillable(icd('R51.9'), '2020-10-01')(), E.right(true))
    assert.deepEqual(await codes.isBillable(icd('M54.5'), '2021-09-30')(), E.right(true))
    assert.deepEqual(await codes.isBillable(icd('M54.5'), '2021-10-01')(), E.right(false))
    assert.deepEqual(await codes.isBillable(icd('M54.50'), '2021-10-01')(), E.right(true))
  })

  test('for any date in force, the answer is the billable flag of that date’s release (absent = false)', async () => {
    const all = [fy2020, fy2021, fy2022]
    const known = [...new Set(all.flatMap((r) => [...r.entries.keys()]))]
    const start = DateTime.fromISO('2019-10-01', { zone: 'utc' })
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1095 }), fc.oneof(fc.constantFrom(...known), validIcdCode), async (d, code) => {
        const date = start.plus({ days: d }).toISODate() as string
        const inForce = all.find((r) => r.validFrom <= date && date <= r.validTo)
        assert.ok(inForce !== undefined, date)
        assert.deepEqual(await codes.isBillable(code, date)(), E.right(inForce.entries.get(code)?.billable === true))
      }),
      { numRuns: 300 }
    )
  })

  test('a date no release covers, or not an ISO date, is an error on serviceDate', async () => {
    for (const date of ['2019-09-30', '2022-10-01', '2021-02-30', '10/01/2021', '']) {
      const r = await codes.isBillable(icd('R51.9'), date)()
      assert.ok(E.isLeft(r) && r.left.field === 'serviceDate', date)
    }
    const none = await memoryDiagnosisCodeSet([]).isBillable(icd('I10'), '2026-11-22')()
    assert.ok(E.isLeft(none) && /no ICD-10-CM release/.test(none.left.rule))
  })

  test('describe gives the short description from the newest release listing the code', async () => {
    assert.deepEqual(await codes.describe(icd('R51.0'))(), E.right(O.some('Headache with orthostatic component, NEC')))
    assert.deepEqual(await codes.describe(icd('M54.5'))(), E.right(O.some('Low back pain')))
    assert.deepEqual(await codes.describe(icd('I10'))(), E.right(O.none))
    const sample = memoryDiagnosisCodeSet([release(SAMPLE, '2025-10-01', '2026-09-30')])
    assert.deepEqual(await sample.describe(icd('U07.1'))(), E.right(O.some('COVID-19')))
    assert.deepEqual(await sample.isBillable(icd('U07.1'), '2026-09-30')(), E.right(true))
    assert.deepEqual(await sample.isBillable(icd('E11'), '2026-01-15')(), E.right(false))
  })
})
