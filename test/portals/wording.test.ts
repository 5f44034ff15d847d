/**
 * The presets' sentences: wherever a field's label goes into a message, the
 * message still ends with exactly one full stop (a label such as "I am a..."
 * must not make "I am a....").
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { harmony, hpp, messageFor } from '../../src'
import { DomainError, ErrorCode } from '../../src/kernel/errors'

/** Plausible data for every error code's parameters (each template reads only its own). */
const PARAMS = {
  expected: 'a 10-digit number',
  maximum: 10,
  minimum: 1,
  earliest: '2026-01-01',
  latest: '2026-12-31',
  maximumAgeYears: 120,
  value: 'M54.50',
  required: 3,
  found: 2,
  characters: '<>',
  attemptsLeft: 2,
  retryAfter: '2026-11-22T09:10:00.000-05:00',
  expiredAt: '2026-12-22T09:00:00.000-05:00',
  feature: 'sign-up',
  providerId: 'HP001234',
  diagnosisCode: 'M54',
  serviceDate: '2026-12-01',
  allowed: ['application/pdf', 'image/png'],
  maximumBytes: 10 * 1024 * 1024,
  mediaType: 'application/pdf',
  reviewAction: 'A3',
  status: 'approved',
  needs: 'sign-up:email-verified',
  actual: 'sign-up:completed',
  cause: 'connection refused',
  table: 'accounts'
}

/** Fields built by position, which Harmony labels by number. */
const INDEXED_FIELDS = ['users[0].email', 'users[1].firstName', 'diagnoses[0]', 'procedures[2]', 'attachments[0].content']

const presets = [
  { name: 'HPP', preset: hpp.preset, labels: hpp.LABELS },
  { name: 'Harmony', preset: harmony.preset, labels: harmony.LABELS }
]

describe('every message ends with one full stop', () => {
  for (const { name, preset, labels } of presets) {
    test(`${name}: every message template, with every field label (and an unlabelled field, and none)`, () => {
      const say = messageFor(preset)
      const fields: ReadonlyArray<string | undefined> = [...Object.keys(labels), ...INDEXED_FIELDS, 'someOtherField', undefined]
      let checked = 0
      for (const code of Object.keys(preset.messages) as ErrorCode[]) {
        for (const field of fields) {
          const error = { ...PARAMS, code, rule: `${field ?? 'the form'} must be valid (it is checked)`, ...(field === undefined ? {} : { field }) } as unknown as DomainError
          const message = say(error)
          assert.match(message, /[^.]\.$/, `${name} ${code} for ${field}: "${message}" does not end with one full stop`)
          assert.doesNotMatch(message, /\.\.|undefined/, `${name} ${code} for ${field}: "${message}"`)
          checked++
        }
      }
      assert.ok(checked >= Object.keys(preset.messages).length * Object.keys(labels).length)
    })
  }

  test('HPP: an invalid "I am a..." choice is one sentence with one full stop', () => {
    const message = messageFor(hpp.preset)({ code: 'field.invalid', field: 'iAmA', rule: 'iAmA must be member or representative', expected: 'member or representative' })
    assert.doesNotMatch(message, /\.\.\./)
    assert.match(message, /^Please choose .+[^.]\.$/)
  })
})
