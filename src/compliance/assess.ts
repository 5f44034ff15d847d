/**
 * Verdicts on a preset, computed from its own policy values and the
 * capabilities it offers: each requirement of `requirements.ts` is met, not
 * met, or not applicable (the preset lacks what it concerns), with the
 * preset's setting as evidence ("minimum length 8", "codes live 10 minutes").
 * Nothing here is written by hand per preset: change a value and the verdict
 * follows.
 *
 * @since 0.5.0
 */
import type { Duration } from 'luxon'
import * as E from '../kernel/either'
import { domainError } from '../kernel/errors'
import { unreadable } from '../kernel/form'
import type { Errors } from '../accounts/policies'
import type { AccountPolicies } from '../accounts/policies'
import type { CodePolicy } from '../credentials/verification-code'
import type { TemporaryPasswordPolicy } from '../credentials/temporary-password'
import type { MfaPolicies } from '../mfa/policies'
import type { ProofingPolicies } from '../proofing/policies'
import type { OrganisationPolicies } from '../organizations/policies'
import type { PresetIdentity } from '../portals/portal'
import {
  ASVS_BLOCKLIST_SIZE,
  NIST_MAX_CONSECUTIVE_FAILURES,
  OUT_OF_BAND_MAX_MINUTES,
  Requirement,
  requirements,
  TEMPORARY_PASSWORD_MAX_HOURS
} from './requirements'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Where a preset stands on one requirement. */
export type VerdictStatus = 'met' | 'not-met' | 'not-applicable'

/** One requirement's verdict and the preset's own setting that decides it. */
export interface Verdict {
  readonly requirement: Requirement
  readonly status: VerdictStatus
  readonly evidence: string
}

/** What an assessment reads of a preset (every portal preset has this shape). */
export interface AssessedPreset extends PresetIdentity {
  readonly capabilities: ReadonlyArray<{ readonly key: string }>
  readonly policies?: AccountPolicies
  readonly mfaPolicies?: MfaPolicies
  readonly proofingPolicies?: ProofingPolicies
  readonly organisationPolicies?: OrganisationPolicies
}

/** A preset's verdicts and how many of each status. */
export interface ComplianceReport {
  readonly preset: { readonly id: string; readonly name: string }
  readonly verdicts: ReadonlyArray<Verdict>
  readonly summary: Readonly<Record<VerdictStatus, number>>
}

// -------------------------------------------------------------------------------------
// the preset's facts
// -------------------------------------------------------------------------------------

/** The capabilities through which a person chooses a password. */
const PASSWORD_SETTING = ['signUp', 'passwordReset', 'chooseOwnPassword', 'organisationRegistration', 'harpRegistration']
const TWO_FACTOR = ['twoFactorSignIn', 'mfaDevices']
const SIGN_IN = ['signIn', 'twoFactorSignIn']

/** A channel the preset sends one-time codes over, and its policy. */
interface CodeChannel {
  readonly name: string
  readonly policy: CodePolicy
}

/** A list of security questions the preset makes people answer, and where. */
interface QuestionSource {
  readonly where: string
  readonly count: number
}

/** A temporary-password policy the preset issues under, and where. */
interface TemporarySource {
  readonly where: string
  readonly policy: TemporaryPasswordPolicy
}

interface Facts {
  readonly preset: AssessedPreset
  readonly offers: (...keys: ReadonlyArray<string>) => boolean
  readonly policies: AccountPolicies | undefined
  readonly mfa: MfaPolicies | undefined
  readonly codeChannels: ReadonlyArray<CodeChannel>
  readonly questions: ReadonlyArray<QuestionSource>
  readonly temporary: ReadonlyArray<TemporarySource>
}

const factsOf = (preset: AssessedPreset): Facts => {
  const keys = new Set(preset.capabilities.map((c) => c.key))
  const offers = (...wanted: ReadonlyArray<string>): boolean => wanted.some((k) => keys.has(k))
  const policies = preset.policies
  const mfa = offers(...TWO_FACTOR) ? preset.mfaPolicies : undefined
  const codeChannels: CodeChannel[] = []
  if (policies !== undefined && offers('signUp', 'passwordReset')) codeChannels.push({ name: 'e-mail codes', policy: policies.codePolicy })
  if (mfa !== undefined) codeChannels.push({ name: 'SMS codes', policy: mfa.sms }, { name: 'voice codes', policy: mfa.voice })
  const questions: QuestionSource[] = []
  const providers = policies?.providers
  if (providers !== undefined && offers('providerRegistration', 'passwordRecovery'))
    questions.push({ where: 'provider registration and password recovery', count: providers.securityQuestions.length })
  if (preset.proofingPolicies !== undefined && offers('harpRegistration'))
    questions.push({ where: 'account creation (challenge question)', count: preset.proofingPolicies.challengeQuestions.length })
  const temporary: TemporarySource[] = []
  if (providers !== undefined && offers('providerRegistration', 'passwordRecovery'))
    temporary.push({ where: 'provider registration and recovery', policy: providers.temporaryPassword })
  if (preset.organisationPolicies !== undefined && offers('providerSite'))
    temporary.push({ where: "a delegate's new accounts", policy: preset.organisationPolicies.temporaryPassword })
  return { preset, offers, policies, mfa, codeChannels, questions, temporary }
}

// -------------------------------------------------------------------------------------
// wording of evidence
// -------------------------------------------------------------------------------------

const plural = (n: number, unit: string, units = `${unit}s`): string => `${n} ${n === 1 ? unit : units}`

/** A duration in the unit a person would use: minutes, hours or days. */
export const describeDuration = (d: Duration): string => {
  const minutes = d.as('minutes')
  if (minutes < 120) return plural(Math.round(minutes * 100) / 100, 'minute')
  const hours = d.as('hours')
  if (hours < 72 || !Number.isInteger(hours / 24)) return plural(Math.round(hours * 100) / 100, 'hour')
  return plural(hours / 24, 'day')
}

const list = (parts: ReadonlyArray<string>): string => parts.join('; ')

// -------------------------------------------------------------------------------------
// assessments, one per requirement
// -------------------------------------------------------------------------------------

type Assessment = (facts: Facts) => { readonly status: VerdictStatus; readonly evidence: string }

const notApplicable = (evidence: string) => ({ status: 'not-applicable' as const, evidence })
const judged = (met: boolean, evidence: string) => ({ status: met ? ('met' as const) : ('not-met' as const), evidence })

/** A password assessment: not applicable where no one chooses a password. */
const onPasswords =
  (assess: (policies: AccountPolicies, facts: Facts) => { readonly status: VerdictStatus; readonly evidence: string }): Assessment =>
  (facts) =>
    facts.policies !== undefined && facts.offers(...PASSWORD_SETTING) ? assess(facts.policies, facts) : notApplicable('no one chooses a password here')

/** A second factor is required of everyone and no single-factor sign-in is offered. */
const secondFactorRequired = (facts: Facts): boolean => facts.mfa !== undefined && facts.mfa.mfa.required && !facts.offers('signIn')

const passwordLength = onPasswords((p, facts) => {
  const required = secondFactorRequired(facts) ? 8 : 15
  const why = secondFactorRequired(facts) ? 'a second factor is required' : 'the password can be used alone'
  return judged(p.passwordPolicy.minLength >= required, `minimum length ${p.passwordPolicy.minLength} (${why}: at least ${required})`)
})

const maxLength = onPasswords((p) => judged(p.passwordPolicy.maxLength >= 64, `maximum length ${p.passwordPolicy.maxLength}`))

const composition = onPasswords((p) =>
  judged(
    p.passwordPolicy.minClasses === 0,
    p.passwordPolicy.minClasses === 0
      ? 'no composition rule'
      : `${p.passwordPolicy.minClasses} of ${p.passwordPolicy.classes.length} character classes required (${p.passwordPolicy.classes.map((c) => c.name).join(', ')})`
  )
)

const characters = onPasswords((p) =>
  judged(
    !p.passwordPolicy.onlyClassCharacters,
    p.passwordPolicy.onlyClassCharacters ? 'only the counted classes allowed: space and non-ASCII refused' : 'every character allowed, space and Unicode included'
  )
)

const blocklist = onPasswords((p) =>
  judged(p.passwordPolicy.blocklist.size > 0, p.passwordPolicy.blocklist.size > 0 ? `blocklist of ${p.passwordPolicy.blocklist.size} passwords` : 'no blocklist')
)

const blocklistTop3000 = onPasswords((p) =>
  judged(p.passwordPolicy.blocklist.size >= ASVS_BLOCKLIST_SIZE, `blocklist of ${p.passwordPolicy.blocklist.size} passwords (at least ${ASVS_BLOCKLIST_SIZE} asked)`)
)

const minimumEight = onPasswords((p) => judged(p.passwordPolicy.minLength >= 8, `minimum length ${p.passwordPolicy.minLength}`))

const breached = onPasswords((p) => judged(false, `blocklist of ${p.passwordPolicy.blocklist.size} known passwords; no breached-password corpus consulted`))

const noQuestions: Assessment = (facts) => {
  if (facts.policies === undefined) return notApplicable('no accounts here')
  const asked = facts.questions.filter((q) => q.count > 0)
  return judged(asked.length === 0, asked.length === 0 ? 'no security questions' : list(asked.map((q) => `${plural(q.count, 'security question')} offered at ${q.where}`)))
}

const throttling: Assessment = (facts) => {
  const limits: Array<{ readonly text: string; readonly ok: boolean }> = []
  const policies = facts.policies
  if (policies !== undefined && facts.offers(...SIGN_IN)) {
    const t = policies.signInThrottle
    limits.push({
      text: `sign-in locks after ${plural(t.freeAttempts, 'consecutive failure')} (${describeDuration(t.firstLock)}, doubling to ${describeDuration(t.maxLock)})`,
      ok: t.freeAttempts <= NIST_MAX_CONSECUTIVE_FAILURES && t.firstLock.as('milliseconds') > 0
    })
  }
  for (const channel of facts.codeChannels)
    limits.push({ text: `${channel.name} void after ${plural(channel.policy.maxFailedAttempts, 'wrong attempt')}`, ok: channel.policy.maxFailedAttempts <= NIST_MAX_CONSECUTIVE_FAILURES })
  const throttles = [
    ...(policies?.providers !== undefined && facts.offers('passwordRecovery') ? [policies.providers.answerThrottle] : []),
    ...(facts.preset.proofingPolicies !== undefined && facts.offers('harpRegistration') ? [facts.preset.proofingPolicies.answerThrottle] : [])
  ]
  for (const t of throttles)
    limits.push({ text: `security answers lock after ${plural(t.maxFailedAnswers, 'wrong answer')} (${describeDuration(t.lock)})`, ok: t.maxFailedAnswers <= NIST_MAX_CONSECUTIVE_FAILURES })
  if (limits.length === 0) return notApplicable('no authenticator is checked here')
  return judged(
    limits.every((l) => l.ok),
    list(limits.map((l) => l.text))
  )
}

/** A one-time-code assessment over every channel the preset sends codes on. */
const onCodes =
  (judge: (policy: CodePolicy) => boolean, describe: (channel: CodeChannel) => string): Assessment =>
  (facts) =>
    facts.codeChannels.length === 0
      ? notApplicable('no one-time codes are sent here')
      : judged(
          facts.codeChannels.every((c) => judge(c.policy)),
          list(facts.codeChannels.map(describe))
        )

const codeDigits = onCodes(
  (p) => p.digits >= 6,
  (c) => `${c.name} of ${plural(c.policy.digits, 'digit')}`
)

const codeLifetime = onCodes(
  (p) => p.lifetime.as('minutes') <= OUT_OF_BAND_MAX_MINUTES,
  (c) => `${c.name} live ${describeDuration(c.policy.lifetime)}`
)

// Single use and the kept failure count are how the library's code ledger works (`checkCode`): no preset can change them.
const codeSingleUse = onCodes(
  () => true,
  (c) => `${c.name} marked used once accepted`
)

const attemptsKept = onCodes(
  () => true,
  (c) => `${c.name}: wrong attempts counted across re-sent codes (${c.policy.maxFailedAttempts} in all)`
)

const restricted: Assessment = (facts) => {
  const mfa = facts.mfa
  if (mfa === undefined) return notApplicable('no SMS or voice codes here')
  const alternatives = [mfa.totp !== undefined ? 'an authenticator app (TOTP)' : undefined, mfa.push !== undefined ? 'push approval' : undefined].filter(
    (a): a is string => a !== undefined
  )
  return judged(alternatives.length > 0, alternatives.length > 0 ? `SMS and voice offered beside ${alternatives.join(' and ')}` : 'SMS and voice are the only second factors')
}

// A time step once accepted is refused again (`verifyTotp` keeps the last accepted step): the library's, whatever the policy.
const totpOnce: Assessment = (facts) => {
  const totp = facts.mfa?.totp
  if (totp === undefined) return notApplicable('no authenticator app here')
  return judged(true, `${totp.algorithm}, ${plural(totp.digits, 'digit')}, ${totp.period}-second steps, drift ±${totp.drift}; a step once accepted is refused again`)
}

const noKbv: Assessment = (facts) => {
  const proofing = facts.preset.proofingPolicies
  if (proofing === undefined || !facts.offers('identityProofing', 'harpRegistration')) return notApplicable('no identity proofing here')
  const kba = proofing.kba
  return judged(
    kba.questions === 0,
    kba.questions === 0
      ? 'no knowledge-based quiz'
      : `remote proofing by a knowledge-based quiz: ${plural(kba.questions, 'question')}, ${kba.passMark} right to pass, ${plural(kba.maxAttempts, 'quiz', 'quizzes')} at most`
  )
}

const temporaryPasswords: Assessment = (facts) => {
  if (facts.temporary.length === 0) return notApplicable('no temporary passwords issued here')
  return judged(
    facts.temporary.every((t) => t.policy.validity.as('hours') <= TEMPORARY_PASSWORD_MAX_HOURS),
    list(facts.temporary.map((t) => `temporary passwords for ${t.where} valid ${describeDuration(t.policy.validity)}, refused as the new password`))
  )
}

/**
 * What each capability that can tell whether an account exists says, and the error whose wording shows it.
 * (Security-question recovery is not here: it answers an unknown username exactly like a wrong answer.)
 */
const REVEALING: ReadonlyArray<{ readonly key: string; readonly what: string; readonly code: string }> = [
  { key: 'signUp', what: 'sign-up says a username is taken', code: 'username.taken' },
  { key: 'passwordReset', what: 'password reset says no account matched', code: 'account.not-found' },
  { key: 'providerRegistration', what: 'provider identification says whether the provider is registered', code: 'provider.already-registered' },
  { key: 'organisationRegistration', what: 'organisation registration says whether the organisation is registered', code: 'organisation.already-registered' },
  { key: 'harpRegistration', what: 'account creation says a User ID is taken', code: 'username.taken' }
]

const enumeration: Assessment = (facts) => {
  const revealing = REVEALING.filter((r) => facts.offers(r.key))
  if (revealing.length === 0) return notApplicable('no registration or recovery here')
  const quoted = (code: string): string => {
    const wording = Object.prototype.hasOwnProperty.call(facts.preset.messages, code) ? (facts.preset.messages as Record<string, unknown>)[code] : undefined
    return typeof wording === 'string' ? ` (“${wording}”)` : ''
  }
  return judged(false, list(revealing.map((r) => r.what + quoted(r.code))) + '; enumeration-safe variants pending')
}

const gapWhere =
  (keys: ReadonlyArray<string>, what: string, none: string): Assessment =>
  (facts) =>
    facts.offers(...keys) ? judged(false, what) : notApplicable(none)

const reauthentication = gapWhere(['mfaDevices'], 'devices are added and removed after sign-in without the password again', 'no second factor is changed after sign-in here')

/** Each requirement's assessment, by requirement id. */
const ASSESSMENTS: Readonly<Record<string, Assessment>> = {
  'nist-b.password-length': passwordLength,
  'nist-b.password-max-length': maxLength,
  'nist-b.password-composition': composition,
  'nist-b.password-characters': characters,
  'nist-b.password-blocklist': blocklist,
  'nist-b.knowledge-questions': noQuestions,
  'nist-b.throttling': throttling,
  'nist-b.oob-digits': codeDigits,
  'nist-b.oob-lifetime': codeLifetime,
  'nist-b.oob-single-use': codeSingleUse,
  'nist-b.oob-attempts-kept': attemptsKept,
  'nist-b.restricted-authenticators': restricted,
  'nist-b.totp-once': totpOnce,
  'nist-a.no-kbv': noKbv,
  'asvs.6.2.1': minimumEight,
  'asvs.6.2.4': blocklistTop3000,
  'asvs.6.2.5': composition,
  'asvs.6.2.9': maxLength,
  'asvs.6.2.12': breached,
  'asvs.6.3.8': enumeration,
  'asvs.6.4.1': temporaryPasswords,
  'asvs.6.4.2': noQuestions,
  'asvs.6.5.5': codeLifetime,
  'asvs.7.5.1': reauthentication
}

// -------------------------------------------------------------------------------------
// the report
// -------------------------------------------------------------------------------------

/** At most this many requirements are judged in one report (the library's list has 24). */
export const MAX_REQUIREMENTS = 1000

/** Reads what every assessment needs of a preset once, or says it cannot: a JavaScript caller may pass anything. */
const readPreset = (preset: unknown): E.Either<Errors, AssessedPreset> => {
  try {
    const { id, name, capabilities } = preset as AssessedPreset
    const readable =
      typeof id === 'string' && typeof name === 'string' && Array.isArray(capabilities) && capabilities.every((c) => typeof c?.key === 'string')
    return readable ? E.right(preset as AssessedPreset) : E.left([unreadable('preset')])
  } catch {
    return E.left([unreadable('preset')])
  }
}

/** The requirements to judge: a bounded list of requirements with ids, or the error naming `against`. */
const readRequirements = (against: unknown): E.Either<Errors, ReadonlyArray<Requirement>> => {
  try {
    if (!Array.isArray(against)) return E.left([unreadable('against')])
    if (against.length > MAX_REQUIREMENTS)
      return E.left([domainError('list.too-long', { field: 'against', rule: `at most ${MAX_REQUIREMENTS} requirements`, maximum: MAX_REQUIREMENTS, given: against.length })])
    return against.every((r) => typeof r?.id === 'string') ? E.right(against as ReadonlyArray<Requirement>) : E.left([unreadable('against')])
  } catch {
    return E.left([unreadable('against')])
  }
}

/** One requirement's verdict on a preset. */
export const assess = (preset: AssessedPreset, requirement: Requirement): Verdict => {
  const assessment = ASSESSMENTS[requirement.id]
  // A requirement without an assessment (one added to the list by a caller) is judged not met rather than skipped.
  if (assessment === undefined) return { requirement, status: 'not-met', evidence: 'no assessment for this requirement' }
  try {
    return { requirement, ...assessment(factsOf(preset)) }
  } catch {
    // A preset built by hand in JavaScript may lack a value its capabilities read: that is a shortfall, not a crash.
    return { requirement, status: 'not-met', evidence: "the preset's policies for this requirement could not be read" }
  }
}

/**
 * Where a preset stands on every requirement of NIST SP 800-63B-4, 800-63A-4
 * and OWASP ASVS 5.0 that the library touches, computed from its policies.
 *
 * @example
 * import { complianceReport, hpp } from 'health-portal-domain'
 * import * as E from 'fp-ts/lib/Either.js'
 * const report = complianceReport(hpp.preset)
 * if (E.isRight(report)) report.right.verdicts.find((v) => v.requirement.id === 'asvs.6.2.5')?.status // 'not-met': B2C's 3-of-4 rule
 */
export const complianceReport = (preset: AssessedPreset, against: ReadonlyArray<Requirement> = requirements): E.Either<Errors, ComplianceReport> =>
  E.chain((read: AssessedPreset) =>
    E.map((judged: ReadonlyArray<Requirement>): ComplianceReport => {
      const verdicts = judged.map((r) => assess(read, r))
      const count = (status: VerdictStatus) => verdicts.filter((v) => v.status === status).length
      return { preset: { id: read.id, name: read.name }, verdicts, summary: { met: count('met'), 'not-met': count('not-met'), 'not-applicable': count('not-applicable') } }
    })(readRequirements(against))
  )(readPreset(preset))
