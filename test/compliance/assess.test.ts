/**
 * Compliance verdicts follow the preset's values: each requirement's verdict
 * flips when the one value behind it changes; every preset has a verdict for
 * every requirement; the standards preset falls short only where the library
 * itself lacks the capability (listed here, so a new shortfall fails).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Duration } from 'luxon'
import { complianceReport, harmony, harp, healthpartners, hpp, standards } from '../../src'
import * as E from 'fp-ts/lib/Either.js'
import { AssessedPreset, ComplianceReport, VerdictStatus } from '../../src/compliance/assess'
import { complianceReportMarkdown, complianceTableMarkdown } from '../../src/compliance/report'
import { requirements } from '../../src/compliance/requirements'
import { domainError, DomainError } from '../../src/kernel/errors'
import { COMMON_PASSWORDS } from '../../src/credentials/common-passwords'
import { signInCapability } from '../../src/portals/capabilities'

const PRESETS: ReadonlyArray<AssessedPreset> = [hpp.preset, harmony.preset, healthpartners.preset, harp.preset, standards.preset]

/** The report on a preset the library built (always readable). */
const reportOf = (preset: AssessedPreset): ComplianceReport => {
  const report = complianceReport(preset)
  if (E.isLeft(report)) assert.fail(`no report on ${preset.id}: ${JSON.stringify(report.left)}`)
  return report.right
}

/** The Markdown of a formatter that was given a readable report. */
const markdownOf = (markdown: E.Either<ReadonlyArray<unknown>, string>): string => {
  if (E.isLeft(markdown)) assert.fail(`not formatted: ${JSON.stringify(markdown.left)}`)
  return markdown.right
}

const statusOf = (preset: AssessedPreset, id: string): VerdictStatus => {
  const verdict = reportOf(preset).verdicts.find((v) => v.requirement.id === id)
  assert.ok(verdict !== undefined, `no verdict for ${id}`)
  return verdict.status
}

type Policies = NonNullable<AssessedPreset['policies']>
const withPolicies = (preset: AssessedPreset, change: (p: Policies) => Policies): AssessedPreset => ({ ...preset, policies: change(preset.policies as Policies) })
const withPasswordPolicy = (preset: AssessedPreset, change: Partial<Policies['passwordPolicy']>): AssessedPreset =>
  withPolicies(preset, (p) => ({ ...p, passwordPolicy: { ...p.passwordPolicy, ...change } }))
const withCodePolicy = (preset: AssessedPreset, change: Partial<Policies['codePolicy']>): AssessedPreset =>
  withPolicies(preset, (p) => ({ ...p, codePolicy: { ...p.codePolicy, ...change } }))
const withProviders = (change: Partial<NonNullable<Policies['providers']>>): AssessedPreset =>
  withPolicies(harmony.preset, (p) => ({ ...p, providers: { ...(p.providers as NonNullable<Policies['providers']>), ...change } }))
const withProofing = (change: Partial<NonNullable<AssessedPreset['proofingPolicies']>>): AssessedPreset => ({
  ...harp.preset,
  proofingPolicies: { ...harp.preset.proofingPolicies, ...change }
})
const without = (preset: AssessedPreset, ...keys: ReadonlyArray<string>): AssessedPreset => ({ ...preset, capabilities: preset.capabilities.filter((c) => !keys.includes(c.key)) })

/** One value changed, and the verdicts it moves: requirement, before, after. */
interface Flip {
  readonly what: string
  readonly before: AssessedPreset
  readonly after: AssessedPreset
  readonly requirements: ReadonlyArray<string>
  readonly from: VerdictStatus
  readonly to: VerdictStatus
}

const FLIPS: ReadonlyArray<Flip> = [
  { what: 'HPP minimum length 15', before: hpp.preset, after: withPasswordPolicy(hpp.preset, { minLength: 15 }), requirements: ['nist-b.password-length'], from: 'not-met', to: 'met' },
  { what: 'HPP minimum length 7', before: hpp.preset, after: withPasswordPolicy(hpp.preset, { minLength: 7 }), requirements: ['asvs.6.2.1'], from: 'met', to: 'not-met' },
  {
    what: 'HPP maximum length 63',
    before: hpp.preset,
    after: withPasswordPolicy(hpp.preset, { maxLength: 63 }),
    requirements: ['nist-b.password-max-length', 'asvs.6.2.9'],
    from: 'met',
    to: 'not-met'
  },
  {
    what: 'HPP without its composition rule',
    before: hpp.preset,
    after: withPasswordPolicy(hpp.preset, { minClasses: 0 }),
    requirements: ['nist-b.password-composition', 'asvs.6.2.5'],
    from: 'not-met',
    to: 'met'
  },
  { what: 'HPP allowing every character', before: hpp.preset, after: withPasswordPolicy(hpp.preset, { onlyClassCharacters: false }), requirements: ['nist-b.password-characters'], from: 'not-met', to: 'met' },
  { what: 'HPP with a blocklist', before: hpp.preset, after: withPasswordPolicy(hpp.preset, { blocklist: COMMON_PASSWORDS }), requirements: ['nist-b.password-blocklist'], from: 'not-met', to: 'met' },
  {
    what: 'standards with a blocklist of 3000',
    before: standards.preset,
    after: withPasswordPolicy(standards.preset, { blocklist: new Set(Array.from({ length: 3000 }, (_, i) => `common-${i}`)) }),
    requirements: ['asvs.6.2.4'],
    from: 'not-met',
    to: 'met'
  },
  {
    what: 'HPP codes living 11 minutes',
    before: hpp.preset,
    after: withCodePolicy(hpp.preset, { lifetime: Duration.fromObject({ minutes: 11 }) }),
    requirements: ['nist-b.oob-lifetime', 'asvs.6.5.5'],
    from: 'met',
    to: 'not-met'
  },
  { what: 'HPP codes of 5 digits', before: hpp.preset, after: withCodePolicy(hpp.preset, { digits: 5 }), requirements: ['nist-b.oob-digits'], from: 'met', to: 'not-met' },
  { what: 'HPP codes void after 101 wrong attempts', before: hpp.preset, after: withCodePolicy(hpp.preset, { maxFailedAttempts: 101 }), requirements: ['nist-b.throttling'], from: 'met', to: 'not-met' },
  {
    what: 'HPP sign-in locking after 101 failures',
    before: hpp.preset,
    after: withPolicies(hpp.preset, (p) => ({ ...p, signInThrottle: { ...p.signInThrottle, freeAttempts: 101 } })),
    requirements: ['nist-b.throttling'],
    from: 'met',
    to: 'not-met'
  },
  {
    what: 'HPP sending no codes (no sign-up, no reset)',
    before: hpp.preset,
    after: without(hpp.preset, 'signUp', 'passwordReset'),
    requirements: ['nist-b.oob-single-use', 'nist-b.oob-attempts-kept', 'nist-b.oob-digits', 'nist-b.oob-lifetime'],
    from: 'met',
    to: 'not-applicable'
  },
  { what: 'HARP offering single-factor sign-in', before: harp.preset, after: { ...harp.preset, capabilities: [...harp.preset.capabilities, signInCapability] }, requirements: ['nist-b.password-length'], from: 'met', to: 'not-met' },
  {
    what: 'HARP not requiring a second factor',
    before: harp.preset,
    after: { ...harp.preset, mfaPolicies: { ...harp.preset.mfaPolicies, mfa: { ...harp.preset.mfaPolicies.mfa, required: false } } },
    requirements: ['nist-b.password-length'],
    from: 'met',
    to: 'not-met'
  },
  { what: 'Harmony without security questions', before: harmony.preset, after: withProviders({ securityQuestions: [] }), requirements: ['nist-b.knowledge-questions', 'asvs.6.4.2'], from: 'not-met', to: 'met' },
  { what: 'HARP without challenge questions', before: harp.preset, after: withProofing({ challengeQuestions: [] }), requirements: ['nist-b.knowledge-questions', 'asvs.6.4.2'], from: 'not-met', to: 'met' },
  {
    what: 'Harmony temporary passwords valid 24 hours',
    before: harmony.preset,
    after: withProviders({ temporaryPassword: { ...harmony.preset.policies.providers.temporaryPassword, validity: Duration.fromObject({ hours: 24 }) } }),
    requirements: ['asvs.6.4.1'],
    from: 'not-met',
    to: 'met'
  },
  {
    what: 'HARP answer lock after 101 wrong answers',
    before: harp.preset,
    after: withProofing({ answerThrottle: { ...harp.preset.proofingPolicies.answerThrottle, maxFailedAnswers: 101 } }),
    requirements: ['nist-b.throttling'],
    from: 'met',
    to: 'not-met'
  },
  { what: 'HARP with a quiz of no questions', before: harp.preset, after: withProofing({ kba: { ...harp.preset.proofingPolicies.kba, questions: 0 } }), requirements: ['nist-a.no-kbv'], from: 'not-met', to: 'met' },
  {
    what: 'HARP without two factors',
    before: harp.preset,
    after: without(harp.preset, 'twoFactorSignIn', 'mfaDevices'),
    requirements: ['nist-b.totp-once', 'nist-b.restricted-authenticators'],
    from: 'met',
    to: 'not-applicable'
  },
  {
    what: 'HARP offering SMS and voice only',
    before: harp.preset,
    after: { ...harp.preset, mfaPolicies: { ...harp.preset.mfaPolicies, totp: undefined, push: undefined } as never },
    requirements: ['nist-b.restricted-authenticators'],
    from: 'met',
    to: 'not-met'
  },
  { what: 'HARP without device management', before: harp.preset, after: without(harp.preset, 'mfaDevices'), requirements: ['asvs.7.5.1'], from: 'not-met', to: 'not-applicable' },
  { what: 'HPP with sign-in only', before: hpp.preset, after: without(hpp.preset, 'signUp', 'passwordReset'), requirements: ['asvs.6.3.8', 'asvs.6.2.12'], from: 'not-met', to: 'not-applicable' }
]

describe('a verdict follows the one value behind it', () => {
  for (const flip of FLIPS)
    test(flip.what, () => {
      for (const id of flip.requirements) {
        assert.equal(statusOf(flip.before, id), flip.from, `${id} before`)
        assert.equal(statusOf(flip.after, id), flip.to, `${id} after`)
      }
    })

  test('every requirement is moved by some value (none is fixed by hand)', () => {
    const moved = new Set(FLIPS.flatMap((f) => f.requirements))
    assert.deepEqual(
      requirements.map((r) => r.id).filter((id) => !moved.has(id)),
      []
    )
  })

  test('minimum length: ASVS 6.2.1 met from 8, NIST single-factor from 15, whatever the length', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), (minLength) => {
        const preset = withPasswordPolicy(hpp.preset, { minLength })
        assert.equal(statusOf(preset, 'asvs.6.2.1'), minLength >= 8 ? 'met' : 'not-met')
        assert.equal(statusOf(preset, 'nist-b.password-length'), minLength >= 15 ? 'met' : 'not-met')
      })
    )
  })

  test('code lifetime: met up to 10 minutes, to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3600 }), (seconds) => {
        const preset = withCodePolicy(hpp.preset, { lifetime: Duration.fromObject({ seconds }) })
        assert.equal(statusOf(preset, 'asvs.6.5.5'), seconds <= 600 ? 'met' : 'not-met')
      })
    )
  })
})

describe('every preset is judged on every requirement', () => {
  for (const preset of PRESETS)
    test(preset.id, () => {
      const report = reportOf(preset)
      assert.deepEqual(
        report.verdicts.map((v) => v.requirement.id),
        requirements.map((r) => r.id)
      )
      for (const v of report.verdicts) assert.ok(v.evidence.length > 0, `${v.requirement.id} has no evidence`)
      assert.equal(report.summary.met + report.summary['not-met'] + report.summary['not-applicable'], requirements.length)
      const markdown = markdownOf(complianceReportMarkdown(report))
      for (const r of requirements) assert.ok(markdown.includes(`${r.standard} ${r.section}`), `${r.id}'s section is not cited`)
    })
})

describe('the standards preset', () => {
  // The only shortfalls: each is a capability the library does not offer yet.
  const EXPECTED_SHORTFALLS = ['asvs.6.2.4', 'asvs.6.2.12', 'asvs.6.3.8']

  test('falls short only where the library lacks the capability', () => {
    const notMet = reportOf(standards.preset).verdicts.filter((v) => v.status === 'not-met')
    assert.deepEqual(
      notMet.map((v) => v.requirement.id),
      EXPECTED_SHORTFALLS
    )
    for (const v of notMet) assert.ok(v.requirement.libraryGap !== undefined, `${v.requirement.id} is not met though the library offers it`)
  })

  test('the guides\' conflicts with the standards show as not met', () => {
    assert.equal(statusOf(hpp.preset, 'asvs.6.2.5'), 'not-met')
    assert.equal(statusOf(harmony.preset, 'asvs.6.4.2'), 'not-met')
    assert.equal(statusOf(harmony.preset, 'asvs.6.4.1'), 'not-met')
    assert.equal(statusOf(harp.preset, 'nist-a.no-kbv'), 'not-met')
    assert.equal(statusOf(hpp.preset, 'asvs.6.3.8'), 'not-met')
  })
})

describe('the glance table', () => {
  test('a row per requirement, a column per preset, marks only', () => {
    const table = markdownOf(complianceTableMarkdown(PRESETS.map((p) => ({ label: p.id, report: reportOf(p) }))))
    const lines = table.split('\n')
    assert.equal(lines.length, requirements.length + 2)
    for (const line of lines.slice(2)) {
      const cells = line.split(' | ').slice(1)
      assert.equal(cells.length, PRESETS.length)
      for (const c of cells) assert.ok(['✓', '✗', '–'].includes(c.replace(/ \|$/, '')), `unexpected cell ${c}`)
    }
  })
})

describe('whatever it is given', () => {
  const wellFormedLeft = (result: E.Either<ReadonlyArray<DomainError>, unknown>, field: string): void => {
    assert.ok(E.isLeft(result), 'accepted')
    for (const e of result.left) {
      assert.ok(e.field === field || e.field?.startsWith(`${field}.`), `${e.code} names ${e.field}`)
      assert.notEqual(e.code, 'system.unexpected')
      assert.ok(e.rule.length > 0)
    }
  }

  test('complianceReport: anything that is not a preset is refused as an unreadable preset, never a throw or a report of placeholders', () => {
    fc.assert(fc.property(fc.anything(), (input) => wellFormedLeft(complianceReport(input as AssessedPreset), 'preset')))
    const trap = new Proxy({}, { get: () => { throw new Error('trap') } })
    wellFormedLeft(complianceReport(trap as AssessedPreset), 'preset')
  })

  test('complianceReport: requirements that are not a list of requirements are refused by name, and the list is bounded', () => {
    fc.assert(fc.property(fc.anything().filter((v) => v !== undefined && !Array.isArray(v)), (against) => wellFormedLeft(complianceReport(hpp.preset, against as never), 'against')))
    wellFormedLeft(complianceReport(hpp.preset, [null] as never), 'against')
    const many = Array.from({ length: 1001 }, () => requirements[0])
    assert.deepEqual(E.isLeft(complianceReport(hpp.preset, many as never)) && complianceReport(hpp.preset, many as never), E.left([
      domainError('list.too-long', { field: 'against', rule: 'at most 1000 requirements', maximum: 1000, given: 1001 })
    ]))
  })

  test('the Markdown formatters refuse what is not a report, and bound each text before escaping it', () => {
    fc.assert(fc.property(fc.anything(), (input) => wellFormedLeft(complianceReportMarkdown(input as ComplianceReport), 'report')))
    fc.assert(fc.property(fc.anything(), (input) => wellFormedLeft(complianceTableMarkdown(input as never), 'columns')))
    const report = reportOf(hpp.preset)
    const long = { ...report, preset: { ...report.preset, name: '|'.repeat(1 << 20) } }
    assert.deepEqual(
      E.isLeft(complianceReportMarkdown(long)) ? complianceReportMarkdown(long) : 'accepted',
      E.left([domainError('text.too-long', { field: 'report.preset.name', rule: 'report.preset.name must be at most 2000 characters', maximum: 2000, length: 1 << 20 })])
    )
    // a report read back from its JSON is formatted as the original
    assert.deepEqual(complianceReportMarkdown(JSON.parse(JSON.stringify(report))), complianceReportMarkdown(report))
  })
})
