/**
 * CMS-0057-F decision due times (decisionDueAt): expedited 72 hours after
 * submission in absolute time; standard 7 calendar days later at the same
 * wall-clock time in the plan's zone, across the 2026–2027 DST changes.
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { decisionDueAt } from '../../src/prior-authorization'

const ZONE = 'America/New_York'
const HOUR = 3_600_000

// DST changes in New York: 2026-03-08, 2026-11-01, 2027-03-14, 2027-11-07.
const DST_DAYS = ['2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07']

/** Any instant in 2026–2027, half of them within the 8 days before a DST change, in a random zone. */
const instant = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
      fc
        .tuple(fc.constantFrom(...DST_DAYS), fc.integer({ min: 0, max: 8 * 24 * HOUR }))
        .map(([day, back]) => DateTime.fromISO(`${day}T04:00:00`, { zone: ZONE }).toMillis() - back)
    ),
    fc.constantFrom('UTC', ZONE, 'America/Los_Angeles', 'Asia/Kolkata')
  )
  .map(([ms, zone]) => DateTime.fromMillis(ms, { zone }))

const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) assert.fail(JSON.stringify(e.left))
  return e.right
}

describe('decisionDueAt (CMS-0057-F)', () => {
  test('expedited: exactly 72 hours later in absolute time, expressed in the plan zone', () => {
    fc.assert(
      fc.property(instant, (submitted) => {
        const due = right(decisionDueAt(submitted, 'expedited', ZONE))
        assert.equal(due.toMillis() - submitted.toMillis(), 72 * HOUR)
        assert.equal(due.zoneName, ZONE)
      }),
      { numRuns: 1000 }
    )
  })

  test('standard: exactly 7 calendar days later on the plan-zone wall clock (a skipped wall time moves forward by the gap)', () => {
    let crossed = 0
    fc.assert(
      fc.property(instant, (submitted) => {
        const due = right(decisionDueAt(submitted, 'standard', ZONE))
        const local = submitted.setZone(ZONE)
        const day = local.plus({ days: 7 }).toISODate()
        assert.equal(due.zoneName, ZONE)
        assert.equal(due.toISODate(), day)
        const exists = DateTime.fromObject(
          { year: due.year, month: due.month, day: due.day, hour: local.hour, minute: local.minute },
          { zone: ZONE }
        ).hour === local.hour
        if (exists) {
          assert.deepEqual(
            [due.toISODate(), due.hour, due.minute, due.second, due.millisecond],
            [day, local.hour, local.minute, local.second, local.millisecond],
            `${local.toISO()} → ${due.toISO()}`
          )
        } else {
          // 02:xx on a spring-forward day does not exist: the due time is 03:xx, still 168 hours later.
          assert.equal(due.hour, local.hour + 1)
          assert.equal(due.minute, local.minute)
          assert.equal(due.toMillis() - local.toMillis(), 168 * HOUR)
        }
        const hours = (due.toMillis() - submitted.toMillis()) / HOUR
        assert.ok([167, 168, 169].includes(hours), `${hours} hours`)
        if (hours !== 168) crossed++
      }),
      { numRuns: 1000 }
    )
    assert.ok(crossed > 0, 'the property crossed at least one DST change')
  })

  test('examples: 167 hours across the spring change, 169 across the autumn change, 168 otherwise', () => {
    const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE })
    const due = (iso: string) => right(decisionDueAt(at(iso), 'standard', ZONE))
    assert.equal(due('2026-03-06T10:00:00').toISO(), '2026-03-13T10:00:00.000-04:00')
    assert.equal(due('2026-03-06T10:00:00').diff(at('2026-03-06T10:00:00'), 'hours').hours, 167)
    assert.equal(due('2026-10-30T10:00:00').toISO(), '2026-11-06T10:00:00.000-05:00')
    assert.equal(due('2026-10-30T10:00:00').diff(at('2026-10-30T10:00:00'), 'hours').hours, 169)
    assert.equal(due('2027-06-01T23:59:00').toISO(), '2027-06-08T23:59:00.000-04:00')
    assert.equal(right(decisionDueAt(at('2026-03-06T10:00:00'), 'expedited', ZONE)).toISO(), '2026-03-09T11:00:00.000-04:00')
    assert.equal(right(decisionDueAt(DateTime.fromISO('2026-11-22T15:00:00Z'), 'standard', ZONE)).toISO(), '2026-11-29T10:00:00.000-05:00')
  })

  test('an unknown zone or an invalid instant is refused, not thrown', () => {
    const ok = DateTime.fromISO('2026-05-01T09:00:00', { zone: ZONE })
    const z = decisionDueAt(ok, 'standard', 'Mars/Olympus_Mons')
    assert.ok(E.isLeft(z) && z.left.field === 'zone')
    const bad = decisionDueAt(DateTime.fromISO('not a date'), 'expedited', ZONE)
    assert.ok(E.isLeft(bad) && bad.left.field === 'submittedAt')
  })
})
