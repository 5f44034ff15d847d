/**
 * QPP HARP's secrets, put through the portal (`createPortal(harp.preset, …)`)
 * as the account setup guide's steps do (step-definitions/harp-accounts.ts,
 * two-factor.steps.ts, harp-organisations.steps.ts): Olivia creates her
 * profile and account with her SSN, a password and a challenge answer; she
 * answers the credit bureau's quiz rightly; at her first log-in she adds text
 * messages and is signed in with the texted code; she adds Google
 * Authenticator (its code computed by otplib from the key URI's secret) and
 * logs in with it, then once more with a texted code; she connects to her
 * practice by its TIN with a clinician's PTAN and NPI and becomes its
 * Security Official; she asks the QPP Help Desk to make her the Security
 * Official of a second practice.
 *
 * What it returns is every secret typed, shown or sent (the SSN in every
 * form, the TOTP secret as shown, in lower case and as its raw bytes, every
 * texted code, the TINs in every form, the password, the challenge answer
 * typed and normalised, the answers to the quiz that are hers alone), for the
 * no-secrets scans, and what is stored in clear (for their controls).
 */
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { Duration } from 'luxon'
import { generateSync } from 'otplib'
import { createPortal, harp } from '../../src'
import { normaliseAnswer } from '../../src/credentials'
import type { Ports } from '../../src/ports'
import type { QuizView } from '../../src/proofing/knowledge-based'
import type { CreditFileData, ManualClock, PhoneLog, PracticeData } from '../../adapters/memory'
import type { Secret } from './organisations-scenario'

/** Olivia, as she fills in "Create HARP Profile and Account". */
export const OLIVIA = {
  firstName: 'Olivia',
  lastName: 'Quinn',
  dateOfBirth: '1979-06-14',
  email: 'olivia.quinn@example.com',
  phone: '(813) 555-0143',
  homeAddress: { line1: '12 Elm St', city: 'Boston', state: 'MA', zipCode: '02118' },
  /** Her SSN as she types it. */
  ssn: '512-34-6789',
  userId: 'OliviaQuinn',
  /** With one of ( ) ; — characters the store's own text never holds — so a find means a leak. */
  password: 'Harp(Quality)Payment;26',
  challengeQuestion: 'first-pet',
  /** As typed: odd case and spacing. */
  challengeAnswer: '  Whis(kers)   the  CAT; '
} as const

/** The credit bureau's file on her (facts the quiz asks about; her mortgage servicer and employers are hers alone). */
export const OLIVIA_CREDIT_FILE: CreditFileData = {
  ssn: OLIVIA.ssn,
  firstName: OLIVIA.firstName,
  lastName: OLIVIA.lastName,
  dateOfBirth: OLIVIA.dateOfBirth,
  mortgageServicer: 'Keystone Home Loans',
  employers: ['Mercy Valley Hospital', 'Allegheny Freight Lines'],
  bedrooms: 3,
  addresses: [OLIVIA.homeAddress, { line1: '48 Orchard Rd', city: 'Fairview', state: 'PA', zipCode: '16415' }]
}

/** Her practice (she connects as its first user), and the practice she asks the help desk about. */
export const PRACTICES: ReadonlyArray<PracticeData> = [
  { type: 'practice', legalBusinessName: 'Lakeside Family Medicine', taxId: '41-1234567', clinicians: [{ firstName: 'Maya', lastName: 'Patel', npi: '1234567893', ptan: 'AB1234' }] },
  { type: 'practice', legalBusinessName: 'Northside Pediatrics', taxId: '41-7654321', clinicians: [{ firstName: 'Leo', lastName: 'Park', npi: '1987654328', ptan: 'CD5678' }] }
]
/** The first TIN as she types it (bare), the second as CMS lists it. */
const TIN_TYPED = '411234567'

/** A Tax ID in every form it may be written: as typed, bare, as an EIN, SSN-style, spaced. */
export const tinForms = (typed: string): string[] => {
  const tin = typed.replace(/\D/g, '')
  return [...new Set([typed, tin, `${tin.slice(0, 2)}-${tin.slice(2)}`, `${tin.slice(0, 3)}-${tin.slice(3, 5)}-${tin.slice(5)}`, `${tin.slice(0, 3)} ${tin.slice(3, 5)} ${tin.slice(5)}`])]
}

/** The SSN in every form: as typed, digits only, dashed, spaced. */
export const ssnForms = (ssn: string): string[] => {
  const d = ssn.replace(/\D/g, '')
  return [...new Set([ssn, d, `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`, `${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`])]
}

/** RFC 4648 base32 → bytes (the TOTP secret as the key URI shows it). */
const base32Bytes = (s: string): Buffer => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of s.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)))
}

type Outcome<A> = E.Either<ReadonlyArray<{ readonly code: string }>, A>
const must = <A>(what: string, outcome: Outcome<A>): A => {
  if (E.isLeft(outcome)) assert.fail(`${what}: ${outcome.left.map((e) => e.code).join(', ')}`)
  return outcome.right
}

/** The choice she knows is right: the one naming a fact of her credit file, else "None of the above" (as the steps choose). */
const rightChoice = (file: CreditFileData, question: QuizView['questions'][number]): { readonly id: string; readonly text: string } => {
  const facts = new Set(
    [file.mortgageServicer, ...file.employers, String(file.bedrooms), ...file.addresses.flatMap((a) => [a.line1, a.city])]
      .filter((s): s is string => s !== undefined)
      .map((s) => s.toLowerCase())
  )
  const chosen = question.choices.find((c) => facts.has(c.text.toLowerCase())) ?? question.choices.find((c) => c.text === 'None of the above')
  assert.ok(chosen, `no choice of "${question.text}" is right`)
  return chosen
}

/** Runs the journey (calling `whileQuizOpen` before the quiz is answered) over ports built with the credit file and the practices above; `sms` is the ports' SMS sender's log, `clock` their clock. */
export const runHarpScenario = async (ports: Ports, sms: PhoneLog, clock: ManualClock, whileQuizOpen: () => Promise<void> | void = () => undefined) => {
  const portal = createPortal(harp.preset, ports)

  // "Create HARP Profile and Account", with her SSN: the bureau's quiz at once
  const registered = must(
    'profile and account',
    await portal.harpRegistration.createProfileAndAccount({
      firstName: OLIVIA.firstName,
      lastName: OLIVIA.lastName,
      dateOfBirth: OLIVIA.dateOfBirth,
      email: OLIVIA.email,
      phone: OLIVIA.phone,
      homeAddress: OLIVIA.homeAddress,
      ssn: OLIVIA.ssn,
      userId: OLIVIA.userId,
      newPassword: OLIVIA.password,
      confirmNewPassword: OLIVIA.password,
      challengeQuestion: OLIVIA.challengeQuestion,
      challengeAnswer: OLIVIA.challengeAnswer
    })
  )
  const acting = { accountId: registered.accountId }
  const quiz = registered.quiz
  assert.ok(quiz !== null, 'a quiz on her credit file')
  const chosen = quiz.questions.map((q) => rightChoice(OLIVIA_CREDIT_FILE, q))
  await whileQuizOpen()
  must('answering the quiz', await portal.identityProofing.answer(acting, Object.fromEntries(quiz.questions.map((q, i) => [q.id, chosen[i]?.id]))))
  assert.equal(must('proofing status', await portal.identityProofing.status(acting)).proofed, true)

  // first log-in: add text messages, signed in with the texted code
  const first = must('log-in', await portal.twoFactorSignIn.start({ username: OLIVIA.userId, password: OLIVIA.password }))
  assert.equal(first.step, 'add-device')
  const firstFlow = (first as { readonly flowId: string }).flowId
  const smsDevice = must('adding text messages', await portal.twoFactorSignIn.addDevice(firstFlow, { kind: 'sms', phone: OLIVIA.phone }))
  must('confirming text messages', await portal.twoFactorSignIn.confirmDevice(firstFlow, { deviceId: smsDevice.deviceId, code: sms.latestCode(OLIVIA.phone) }))

  // Google Authenticator, added from the device list; its code computed from the key URI's secret
  const totp = must('adding Google Authenticator', await portal.mfaDevices.add(acting, { kind: 'totp' }))
  assert.equal(totp.kind, 'totp')
  const keyUri = (totp as { readonly keyUri: string }).keyUri
  const secret = new URL(keyUri).searchParams.get('secret')
  assert.ok(secret, `no secret in ${keyUri}`)
  const authenticatorCode = () => generateSync({ secret, algorithm: 'sha1', digits: 6, period: 30, epoch: Math.floor(clock.now().toSeconds()) })
  must('confirming Google Authenticator', await portal.mfaDevices.confirm(acting, { deviceId: totp.deviceId, code: authenticatorCode() }))

  // log in with Google Authenticator (a new code: a minute later), then with a texted code
  clock.advance(Duration.fromObject({ minutes: 1 }))
  for (const [deviceId, code] of [
    [totp.deviceId, authenticatorCode],
    [smsDevice.deviceId, () => sms.latestCode(OLIVIA.phone)]
  ] as const) {
    const started = must('log-in', await portal.twoFactorSignIn.start({ username: OLIVIA.userId, password: OLIVIA.password }))
    assert.equal(started.step, 'choose-device')
    const flowId = (started as { readonly flowId: string }).flowId
    must('choosing a device', await portal.twoFactorSignIn.chooseDevice(flowId, { deviceId }))
    must('second factor', await portal.twoFactorSignIn.verify(flowId, { code: code() }))
  }

  // "Connect to an Organization": her practice by its TIN, a clinician's PTAN and NPI; she becomes its Security Official
  const [lakeside, northside] = PRACTICES as [PracticeData, PracticeData]
  const clinician = lakeside.clinicians[0] as PracticeData['clinicians'][number]
  assert.equal(must('find a practice', await portal.organisationAccess.findOrganisation(acting, { organisationType: 'practice', taxId: TIN_TYPED })).firstUser, true)
  const connected = must(
    'connecting',
    await portal.organisationAccess.connect(acting, { organisationType: 'practice', taxId: TIN_TYPED, confirmed: true, ptan: clinician.ptan, npi: clinician.npi })
  )
  assert.equal(connected.outcome, 'connected')

  // the QPP Help Desk: to become Security Official of another practice (her SSN again, its TIN as billing TIN)
  const other = northside.clinicians[0] as PracticeData['clinicians'][number]
  const address = { line1: '200 Lake Street', city: 'Minneapolis', state: 'MN', zipCode: '55401' }
  const receipt = must(
    'help desk request',
    await portal.helpDesk.requestSecurityOfficialRole(acting, {
      yourInformation: {
        firstName: OLIVIA.firstName, lastName: OLIVIA.lastName, email: OLIVIA.email, ssn: OLIVIA.ssn, dateOfBirth: OLIVIA.dateOfBirth,
        homeAddress: OLIVIA.homeAddress, primaryPhone: '(651) 555-0147'
      },
      businessContact: { companyName: northside.legalBusinessName, address, companyPhone: '(612) 555-0100', officePhone: '(612) 555-0101' },
      professionalInformation: {
        practitioners: [
          { firstName: other.firstName, lastName: other.lastName, legalBusinessName: northside.legalBusinessName, billingTin: northside.taxId, renderingNpi: other.npi, individualPtan: other.ptan, address, phone: '(612) 555-0102' }
        ]
      }
    } as never)
  )
  assert.match(receipt.reference, /^QPP-\d{6,}$/)

  const texted = sms.to(OLIVIA.phone).map((m) => /\b(\d{6})\b/.exec(m.text)?.[1] as string)
  assert.equal(texted.length, 2, 'two codes texted')
  assert.ok(texted.every((c) => /^[0-9]{6}$/.test(c)))
  const raw = base32Bytes(secret)
  assert.equal(raw.length >= 16, true, 'a TOTP secret of 128 bits or more')
  // Her mortgage servicer and employers are the quiz's answers that only her credit file holds (her address and city are on her profile, shown to her).
  const ownAnswers = chosen.map((c) => c.text).filter((t) => [OLIVIA_CREDIT_FILE.mortgageServicer, ...OLIVIA_CREDIT_FILE.employers].includes(t))
  const secrets: Secret[] = [
    ...ssnForms(OLIVIA.ssn).map((value) => ({ what: 'the SSN', value })),
    { what: 'the TOTP secret', value: secret },
    { what: 'the TOTP secret in lower case', value: secret.toLowerCase() },
    { what: 'the TOTP secret as hex', value: raw.toString('hex') },
    { what: 'the TOTP secret as base64', value: raw.toString('base64').replace(/=+$/, '') },
    { what: 'the TOTP secret as base64url', value: raw.toString('base64url') },
    ...texted.map((value) => ({ what: 'a texted code', value })),
    ...PRACTICES.flatMap((p) => tinForms(p.taxId)).map((value) => ({ what: 'a Tax ID', value })),
    { what: 'the password', value: OLIVIA.password },
    { what: 'the challenge answer as typed', value: OLIVIA.challengeAnswer },
    { what: 'the challenge answer, trimmed', value: OLIVIA.challengeAnswer.trim() },
    { what: 'the challenge answer normalised', value: normaliseAnswer(OLIVIA.challengeAnswer) }
  ]
  return {
    accountId: registered.accountId,
    secrets,
    /** The right answers to the quiz that only her credit file holds (to check they are not kept against her once the quiz is over). */
    ownAnswers,
    quiz,
    chosen,
    helpDeskReference: receipt.reference,
    inClear: [
      { what: 'her User ID', value: OLIVIA.userId.toLowerCase() },
      { what: 'the masked last four of her SSN', value: '***-**-6789' },
      { what: 'the PTAN she gave the help desk', value: other.ptan }
    ] satisfies Secret[]
  }
}
