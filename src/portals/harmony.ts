/**
 * Harmony Health Plan's secure web site (www.harmonyhpm.com): one sign-in for
 * members and providers, and the provider web registration of its guide.
 *
 * @since 0.1.0
 */
import { DateTime, Duration } from 'luxon'
import { DomainError } from '../kernel/errors'
import { EmailAddress } from '../kernel/email'
import { IdentifierFormat, lettersAndDigitsMemberIdFormat, prefixedRepresentativeIdFormat } from '../kernel/identifiers'
import { escapeHtml } from '../kernel/html'
import { ChallengeQuestion } from '../credentials/challenge-question'
import { nist80063b4 } from '../credentials/password-policy'
import { thirtyDayTemporaryPassword } from '../credentials/temporary-password'
import { b2cEmailCode } from '../credentials/verification-code'
import { CodePurpose, TemporaryPasswordReason } from '../accounts/policies'
import { OutgoingEmail } from '../ports/mailer'
import { definePreset, PortalPreset } from './portal'
import { signUpCapability, signInCapability, changeUsernameCapability, providerRegistrationCapability, chooseOwnPasswordCapability, passwordRecoveryCapability, priorAuthorizationCapability } from './capabilities'
import { PriorAuthorizationPolicies } from '../prior-authorization/request'

// -------------------------------------------------------------------------------------
// the site's own facts
// -------------------------------------------------------------------------------------

/** The home page: secure sign-in for members and providers, and its links. */
export const homePage = {
  url: 'https://www.harmonyhpm.com',
  signIn: { title: 'Secure Sign-In', for: ['Member', 'Provider'], fields: ['Username', 'Password'], button: 'Login' },
  links: {
    'Forgot Your Password?': 'password recovery',
    'Sign Up Here': 'new account',
    'Register Here': 'provider registration form'
  }
} as const

/** Where each link leads, in the guide's words. */
export const destinationOf = (link: keyof typeof homePage.links): string => homePage.links[link]

/** Harmony Provider IDs (the guide gives no format: 6 to 10 letters or digits, as in the welcome packet). */
export const providerIdFormat: IdentifierFormat = {
  pattern: /^[A-Z0-9]{6,10}$/,
  description: '6 to 10 letters or digits, as in your welcome packet and Explanation of Payment'
}

/** Harmony member IDs (the guide gives no format). */
export const memberIdFormat: IdentifierFormat = lettersAndDigitsMemberIdFormat

/** The plan's security questions. */
export const securityQuestions: ReadonlyArray<ChallengeQuestion> = [
  { id: 'first-pet', text: 'What was the name of your first pet?' },
  { id: 'birth-city', text: 'In what city were you born?' },
  { id: 'first-school', text: 'What was the name of your first school?' },
  { id: 'first-car', text: 'What was the make of your first car?' },
  { id: 'favourite-teacher', text: 'What was the last name of your favorite teacher?' }
]

// -------------------------------------------------------------------------------------
// e-mail
// -------------------------------------------------------------------------------------

const SENDER = 'Harmony Health Plan <webregistration@harmonyhpm.com>'

/** The temporary-password e-mail. */
export const temporaryPasswordEmail = (args: {
  readonly to: EmailAddress
  readonly username: string
  readonly temporaryPassword: string
  readonly expiresAt: DateTime
  readonly reason: TemporaryPasswordReason
}): OutgoingEmail => {
  const expires = args.expiresAt.toFormat("MMMM d, yyyy 'at' h:mm a ZZZZ")
  const lines = [
    args.reason === 'registration' ? 'Welcome to Harmony Health Plan provider web access.' : 'You asked for a new password.',
    `Username: ${args.username}`,
    `Temporary password: ${args.temporaryPassword}`,
    `This temporary password expires on ${expires}.`,
    'Use it to log on to www.harmonyhpm.com and create a password of your preference.',
    'Be sure to keep your username and password for future reference.'
  ]
  return {
    kind: 'temporary-password',
    to: args.to,
    from: SENDER,
    subject: 'Your Harmony Health Plan temporary password',
    text: lines.join('\n\n') + '\n',
    html: '<!doctype html><html><body>' + lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('') + '</body></html>'
  }
}

/** The verification-code e-mail (for members' sign-up on Harmony). */
export const verificationCodeEmail = (args: { readonly to: EmailAddress; readonly code: string; readonly purpose: CodePurpose }): OutgoingEmail => ({
  kind: 'verification-code',
  to: args.to,
  from: SENDER,
  subject: 'Your Harmony Health Plan verification code',
  text: `Your code is: ${args.code}\n\nIt expires in 10 minutes.\n`,
  html: `<!doctype html><html><body><p>Your code is: <strong>${escapeHtml(args.code)}</strong></p><p>It expires in 10 minutes.</p></body></html>`
})

// -------------------------------------------------------------------------------------
// wording
// -------------------------------------------------------------------------------------

/** Each form field's label as the screens show it (used in the wording below). */
export const LABELS: Readonly<Record<string, string>> = {
  providerId: 'Provider ID',
  zipCode: 'ZIP code',
  taxId: 'Tax ID',
  username: 'Username',
  securityQuestion: 'Security question',
  securityAnswer: 'Security answer',
  newPassword: 'New password',
  confirmNewPassword: 'Confirm new password',
  'organisation.name': 'Organization name',
  'organisation.phone': 'Organization phone',
  users: 'Users',
  requestingProvider: 'Requesting Provider ID',
  memberId: 'Member ID',
  firstName: 'first name',
  lastName: 'last name',
  dateOfBirth: 'date of birth',
  placeOfService: 'Place of Service',
  visits: 'number of visits',
  serviceDate: 'date of service',
  priority: 'priority',
  diagnoses: 'Diagnosis Code(s)',
  procedures: 'Procedure Code(s)',
  servicingProvider: 'Servicing Provider ID',
  servicingProviderName: 'Servicing Provider name',
  clinicals: 'clinicals',
  clinicalText: 'clinical information',
  phone: 'phone number',
  fax: 'fax number',
  servicingFax: "Servicing Provider's fax number",
  reviewAction: 'review action',
  reasonCode: 'reason code',
  reasonText: 'reason',
  reference: 'reference number',
  authorizationNumber: 'authorization number'
}

/** Fields whose refusal says why (a ten-digit number can still be refused: N11, 9 as the area code's second digit; nine digits: a Tax ID never issued). */
const FIELDS_THAT_SAY_WHY: ReadonlySet<string> = new Set(['phone', 'fax', 'servicingFax', 'taxId'])

/** The reason a rule gives at its end, in parentheses, as ": reason". */
const reasonIn = (rule: string): string => {
  const why = /\(([^()]*)\)$/.exec(rule)?.[1]
  return why === undefined ? '' : `: ${why}`
}

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** Media types as people name the files. */
const FILE_KINDS: Readonly<Record<string, string>> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/tiff': 'TIFF', 'text/plain': 'plain-text' }

/** "A, B or C". */
const listed = (xs: ReadonlyArray<string>): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`)

const label = (e: DomainError): string => {
  const f = e.field ?? ''
  const code = /^(diagnoses|procedures)\[(\d+)\]$/.exec(f)
  if (code) return `${code[1] === 'diagnoses' ? 'diagnosis' : 'procedure'} code ${Number(code[2]) + 1}`
  const attachment = /^attachments\[(\d+)\]\.(\w+)$/.exec(f)
  if (attachment) return `attachment ${Number(attachment[1]) + 1}`
  const user = /^users\[(\d+)\]\.(\w+)$/.exec(f)
  if (user) return `user ${Number(user[1]) + 1}'s ${({ firstName: 'first name', lastName: 'last name', email: 'e-mail address', phone: 'phone number', access: 'access' } as Record<string, string>)[user[2] as string] ?? user[2]}`
  return LABELS[f] ?? f
}

/** What to do first, for a step taken before the flow reached it (keyed by the state that step reaches). */
const STEP_FIRST: Readonly<Record<string, string>> = {
  'provider-registration:described': 'Please tell us about your organization and its users (step 4) first.',
  'sign-up:email-verified': 'Please verify your e-mail address first.',
  'password-reset:email-verified': 'Please verify your e-mail address first.',
  'password-reset:account-confirmed': 'Please confirm your account first.'
}

/** Harmony's sentences (the guide gives none: plain and specific). */
export const messages: PortalPreset['messages'] = {
  'field.required': (e) =>
    e.field === 'users'
      ? 'Please list at least one user.'
      : e.field === 'clinicals'
        ? 'Please attach clinicals or type the clinical information supporting the request.'
        : `Please enter ${label(e)}.`,
  'field.invalid': (e) => `${capitalised(label(e))} must be ${'expected' in e ? e.expected : 'valid'}${FIELDS_THAT_SAY_WHY.has(e.field ?? '') ? reasonIn(e.rule) : ''}.`,
  'field.too-long': (e) => `${capitalised(label(e))} is too long.`,
  'text.too-long': (e) => `${capitalised(label(e))} is too long.`,
  'form.unreadable': (e) => `${capitalised(label(e))} could not be read. Please enter it again.`,
  'provider.not-matched': 'We could not find a provider with this Provider ID, ZIP code and Tax ID. Please check them, or contact your Provider Relations representative.',
  'provider.already-registered': 'This provider is already registered. Please contact your Provider Relations representative to add users.',
  'username.taken': 'That username is taken. Please choose another.',
  'password.too-short': 'Your password must be at least 15 characters long.',
  'password.too-long': 'Your password must be at most 128 characters long.',
  'password.blocklisted': 'That password is too common. Please choose another.',
  'password.contains-username': 'Your password must not contain your username.',
  'password.mismatch': 'The passwords do not match.',
  'password.same-as-temporary': 'Please choose a password of your own, not a temporary password we sent you.',
  'sign-in.invalid-credentials': 'The username or password is incorrect.',
  'sign-in.throttled': 'Too many attempts. Please try again later.',
  'temporary-password.expired': 'Your temporary password has expired. Use "Forgot Your Password?" to receive a new one.',
  'challenge.incorrect': 'That answer does not match our records.',
  'challenge.throttled': 'Too many incorrect answers. Please try again later.',
  'flow.expired': 'Your session has expired. Please start again.',
  'flow.wrong-state': (e) =>
    e.code !== 'flow.wrong-state' || !e.actual.startsWith('prior-authorization:')
      ? 'That step is already complete. Please start again from the registration form.'
      : e.actual === 'prior-authorization:submitted'
        ? 'This authorization request has already been submitted.'
        : 'Please complete the earlier steps of the authorization request first.',
  'flow.step-not-reached': (e) => (e.code === 'flow.step-not-reached' && STEP_FIRST[e.needs]) || 'Please complete the earlier steps first.',
  'flow.not-found': 'Your session has expired. Please start again.',
  'date.not-a-date': (e) => `Please enter ${label(e)} as MM-DD-YYYY.`,
  'date.out-of-range': (e) => ('earliest' in e ? `The ${label(e)} must be between ${usDate(e.earliest)} and ${usDate(e.latest)}.` : 'Please check the date.'),
  'number.out-of-range': (e) => (e.code === 'number.out-of-range' ? `The ${label(e)} must be a whole number from ${e.minimum} to ${e.maximum}.` : 'Please check the number.'),
  'list.too-long': (e) => ('maximum' in e ? `Please enter at most ${e.maximum} ${label(e)}.` : 'Please enter fewer.'),
  'list.duplicate': (e) => ('value' in e ? `${e.value} is entered twice.` : 'A code is entered twice.'),
  'access.not-permitted': (e) =>
    e.code === 'access.not-permitted' && e.providerId === ''
      ? 'Only provider accounts can submit authorization requests. Please contact your Provider Relations representative.'
      : 'Your account is not set up to submit authorizations for this provider. Please contact your Provider Relations representative.',
  'date.not-in-past': (e) => `The ${label(e)} must be before today.`,
  'date.too-old': (e) => (e.code === 'date.too-old' ? `Please check the ${label(e)}: it must be within the last ${e.maximumAgeYears} years.` : 'Please check the date.'),
  'member.not-found': 'We could not find that member. Please check the Member ID, or the name and date of birth.',
  'provider.not-found': (e) => `We could not find that provider. Please check the ${label(e)}.`,
  'diagnosis.not-billable': (e) =>
    'diagnosisCode' in e ? `${e.diagnosisCode} is not a billable ICD-10-CM code on ${usDate(e.serviceDate)}. Please choose a more specific code.` : 'Please check the diagnosis code.',
  'attachment.media-type': (e) =>
    `${capitalised(label(e))} must be a ${e.code === 'attachment.media-type' ? listed(e.allowed.map((m) => FILE_KINDS[m] ?? m)) : 'supported'} file.`,
  'attachment.too-large': (e) => ('maximumBytes' in e ? `${capitalised(label(e))} is larger than ${Math.round(e.maximumBytes / 1048576)} MB.` : 'The file is too large.'),
  'attachment.content-mismatch': (e) => `${capitalised(label(e))} is not the kind of file its name says.`,
  'determination.reason-required': 'A denial needs a specific reason.',
  'determination.already-final': 'This request has already been decided.',
  'request.not-found': 'We could not find that authorization request.',
  'password.change-required': 'Please create a password of your own first.',
  'account.not-found': 'Please log in first.'
}

/** An ISO date as Harmony's pages show dates: 11-22-2026. */
const usDate = (iso: string): string => `${iso.slice(5, 7)}-${iso.slice(8, 10)}-${iso.slice(0, 4)}`

// -------------------------------------------------------------------------------------
// outpatient authorization requests
// -------------------------------------------------------------------------------------

/**
 * What Harmony decides about outpatient authorization requests (the guide
 * names the steps, not the limits: these are stated here, once).
 */
export const priorAuthorization: PriorAuthorizationPolicies = {
  // Tampa, Florida.
  zone: 'America/New_York',
  draftLifetime: Duration.fromObject({ minutes: 60 }),
  providerIdFormat,
  memberIdFormat,
  maxVisits: 99,
  maxDiagnoses: 12,
  maxProcedures: 10,
  maxDaysAhead: 180,
  // Online requests are for services not yet given; retroactive ones go through Provider Relations.
  maxDaysBack: 0,
  attachments: {
    mediaTypes: ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'text/plain'],
    maxBytes: 10 * 1024 * 1024,
    maxCount: 10
  },
  clinicalTextMaxLength: 4000,
  referencePrefix: 'HPA',
  payer: { name: 'Harmony Health Plan', identifier: 'HARMONY' },
  identifierSystems: {
    // PAS trace numbers: urn:trnorg:<TRN03>, here 9 + an identifier the portal assigns itself (no EIN of Harmony's is known).
    reference: 'urn:trnorg:9HARMONYHP',
    providerId: 'https://www.harmonyhpm.com/fhir/sid/provider-id',
    memberId: 'https://www.harmonyhpm.com/fhir/sid/member-id',
    payerId: 'https://www.harmonyhpm.com/fhir/sid/payer-id'
  }
}

// -------------------------------------------------------------------------------------
// preset
// -------------------------------------------------------------------------------------

/**
 * The Harmony preset. The guide sets no password rules: passwords of one's own
 * follow NIST SP 800-63B-4 for a password used alone (15 to 128 characters,
 * any characters, no composition rule, common passwords and the username refused).
 */
export const preset = definePreset({
  id: 'harmony-web-registration',
  name: 'Harmony Health Plan secure web site',
  policies: {
    passwordPolicy: nist80063b4({ withMultiFactor: false }),
    codePolicy: b2cEmailCode,
    flowLifetime: Duration.fromObject({ hours: 1 }),
    signInThrottle: { freeAttempts: 5, firstLock: Duration.fromObject({ minutes: 1 }), maxLock: Duration.fromObject({ minutes: 30 }) },
    memberIdFormat,
    representativeIdFormat: prefixedRepresentativeIdFormat,
    emails: { verificationCode: verificationCodeEmail, temporaryPassword: temporaryPasswordEmail },
    providers: {
      providerIdFormat,
      securityQuestions,
      answerThrottle: { maxFailedAnswers: 5, lock: Duration.fromObject({ minutes: 30 }) },
      temporaryPassword: thirtyDayTemporaryPassword
    }
  },
  messages,
  priorAuthorization,
  capabilities: [
    signUpCapability,
    signInCapability,
    changeUsernameCapability,
    providerRegistrationCapability,
    chooseOwnPasswordCapability,
    passwordRecoveryCapability,
    priorAuthorizationCapability
  ]
})
