/**
 * Health Partners Plans' Interoperability member portal (Azure AD B2C), as
 * its user guide describes it.
 *
 * @since 0.1.0
 */
import { Duration } from 'luxon'
import { DomainError } from '../kernel/errors'
import { EmailAddress } from '../kernel/email'
import { IdentifierFormat } from '../kernel/identifiers'
import { escapeHtml } from '../kernel/html'
import { azureB2cStrong } from '../credentials/password-policy'
import { b2cEmailCode } from '../credentials/verification-code'
import { b2cSmartLockout } from '../accounts/account'
import { CodePurpose } from '../accounts/policies'
import { OutgoingEmail } from '../ports/mailer'
import { definePreset, PortalPreset } from './portal'
import { signUpCapability, signInCapability, changeUsernameCapability, passwordResetCapability } from './capabilities'

// -------------------------------------------------------------------------------------
// the portal's own facts
// -------------------------------------------------------------------------------------

/** Where the portal lives and which browsers the guide recommends. */
export const portalAddress = {
  url: 'https://memberportal.healthpartnersplans.com/member-portal/login',
  recommendedBrowsers: ['Google Chrome', 'Microsoft Edge', 'Safari']
} as const

/** What the sign-in page offers, in the order the guide shows it. */
export const signInPage = {
  fields: ['Username', 'Password'],
  actions: ['Sign in', 'Forgot your password?', 'Sign up now']
} as const

/** HPP member IDs (the guide gives no format: 8 to 12 letters or digits, as on the ID card). */
export const memberIdFormat: IdentifierFormat = {
  pattern: /^[A-Z0-9]{8,12}$/,
  description: '8 to 12 letters or digits, as printed on the Member ID card'
}

/** HPP Personal Representative IDs (the guide gives no format: "PR" and 8 digits). */
export const representativeIdFormat: IdentifierFormat = {
  pattern: /^PR\d{8}$/,
  description: '"PR" followed by 8 digits'
}

/** The plan lines Member Relations serves, and TTY. */
export type PlanLine = 'medicaid' | 'medicare' | 'chip'

/** "Please contact HPP Member Relations to request access". */
export const memberRelationsPhones: Readonly<Record<PlanLine | 'tty', string>> = {
  medicaid: '1-800-553-0784',
  medicare: '1-866-901-8000',
  chip: '1-888-888-1211',
  tty: '1-877-454-8477'
}

/** Access to another member's account is never self-service: the outcome says whom to call. */
export interface ContactMemberRelations {
  readonly outcome: 'contact-member-relations'
  readonly selfService: false
  readonly planLine: PlanLine
  readonly phone: string
  readonly ttyPhone: string
}

/**
 * A member or head of household asks for access to another member's account.
 *
 * @example
 * import { hpp } from 'health-portal-domain'
 * hpp.requestAccessToAnotherMember('medicare').phone // '1-866-901-8000'
 */
export const requestAccessToAnotherMember = (planLine: PlanLine): ContactMemberRelations => ({
  outcome: 'contact-member-relations',
  selfService: false,
  planLine,
  phone: memberRelationsPhones[planLine],
  ttyPhone: memberRelationsPhones.tty
})

/** Data inconsistencies and technical issues go to the number on the back of the Member ID card. */
export const reportDataOrTechnicalIssue = () =>
  ({ outcome: 'call-member-services', where: 'the number on the back of your Member ID card' }) as const

// -------------------------------------------------------------------------------------
// e-mail
// -------------------------------------------------------------------------------------

const SENDER = 'Microsoft on behalf of Health Plan Partners <msonlineservicesteam@microsoftonline.com>'

/** The verification-code e-mail, as the guide shows it. */
export const verificationCodeEmail = (args: { readonly to: EmailAddress; readonly code: string; readonly purpose: CodePurpose }): OutgoingEmail => {
  const lines = [
    'Verify your email address',
    `Thanks for verifying your ${args.to} account!`,
    `Your code is: ${args.code}`,
    'Sincerely,\nHealth Plan Partners',
    'This message was sent from an unmonitored email address. Please do not reply to this message.'
  ]
  return {
    kind: 'verification-code',
    to: args.to,
    from: SENDER,
    subject: 'Health Plan Partners account email verification code',
    text: lines.join('\n\n') + '\n',
    html:
      '<!doctype html><html><body>' +
      `<h1>Verify your email address</h1><p>Thanks for verifying your ${escapeHtml(args.to)} account!</p>` +
      `<p>Your code is: <strong>${escapeHtml(args.code)}</strong></p><p>Sincerely,<br>Health Plan Partners</p>` +
      '<p><small>This message was sent from an unmonitored email address. Please do not reply to this message.</small></p>' +
      '</body></html>'
  }
}

// -------------------------------------------------------------------------------------
// wording
// -------------------------------------------------------------------------------------

/** Each form field's label as the screens show it (used in the wording below). */
export const LABELS: Readonly<Record<string, string>> = {
  username: 'Username',
  newPassword: 'New Password',
  confirmNewPassword: 'Confirm New Password',
  email: 'Email Address',
  verificationCode: 'Verification Code',
  firstName: 'First Name',
  lastName: 'Last Name',
  dateOfBirth: 'Date of Birth',
  iAmA: 'I am a...',
  memberId: 'Member ID',
  representativeId: 'Personal Representative ID'
}

// A label ending in dots ("I am a...") is quoted without them, so no sentence ends in "....".
const label = (e: DomainError): string => {
  const text = LABELS[e.field ?? ''] ?? e.field ?? 'This field'
  // Trimmed by hand: a pattern such as /[.…]+$/ is quadratic on a long run of dots.
  let end = text.length
  while (end > 0 && (text[end - 1] === '.' || text[end - 1] === '…')) end -= 1
  return end < text.length ? `“${text.slice(0, end)}”` : text
}

/** The two answers to "I am a..." as the registration screen shows them. */
const I_AM_A_CHOICE = 'Please choose “Member or dependent on the plan” or “Non member, on behalf of a member”.'

/** What to do first, for a step taken before the flow reached it (keyed by the state that step reaches). */
const STEP_FIRST: Readonly<Record<string, string>> = {
  'sign-up:email-verified': 'Please verify your email address first.',
  'password-reset:email-verified': 'Please verify your email address first.',
  'password-reset:account-confirmed': 'Please click “Continue” to confirm your account first.'
}

/** The guide's and B2C's sentences for each error. */
export const messages: PortalPreset['messages'] = {
  'field.required': 'This information is required.',
  'field.invalid': (e) => (e.field === 'iAmA' ? I_AM_A_CHOICE : `Please enter a valid ${label(e)}.`),
  'field.too-long': (e) => `${label(e)} is too long.`,
  'text.too-long': (e) => `${label(e)} is too long.`,
  'form.unreadable': (e) => `Please enter a valid ${label(e)}.`,
  'date.not-a-date': 'Please enter a valid Date of Birth (MM-DD-YYYY).',
  'date.not-in-past': 'Date of Birth must be in the past.',
  'date.too-old': 'Please enter a valid Date of Birth (MM-DD-YYYY).',
  'password.too-short': 'The password must be between 8 and 64 characters.',
  'password.too-long': 'The password must be between 8 and 64 characters.',
  'password.too-few-classes':
    'The password must have at least 3 of the following: a lowercase letter, an uppercase letter, a number, a symbol.',
  'password.disallowed-character': (e) =>
    `The password contains characters that are not allowed${'characters' in e ? `: ${e.characters}` : ''}.`,
  'password.mismatch': 'The password entry fields do not match. Please enter the same password in both fields and try again.',
  'code.incorrect': 'That code is incorrect. Please try again.',
  'code.expired': 'That code is expired. Please request a new code.',
  'code.already-used': 'That code is expired. Please request a new code.',
  'code.too-many-attempts': "You've made too many incorrect attempts. Please try again later.",
  'code.too-many-codes': 'There have been too many requests to verify this email address. Please wait a while, then try again.',
  'username.taken': 'A user with the specified ID already exists. Please choose a different one.',
  'username.immutable': 'Usernames cannot be changed. To use a different username, register a new account.',
  'account.not-found': 'An account could not be found for the provided user ID.',
  'sign-in.invalid-credentials': 'Invalid username or password.',
  'sign-in.throttled': 'Your account is temporarily locked to prevent unauthorized use. Try again later.',
  'member.not-matched': 'We could not match this Member ID to the name and date of birth you entered.',
  'representative.not-recognised': 'We could not verify this Personal Representative ID.',
  'flow.expired': 'Your session has expired. Please start again.',
  'flow.wrong-state': 'That step is already complete. Please start again.',
  'flow.step-not-reached': (e) => (e.code === 'flow.step-not-reached' && STEP_FIRST[e.needs]) || 'Please complete the earlier steps first.',
  'flow.not-found': 'Your session has expired. Please start again.'
}

// -------------------------------------------------------------------------------------
// preset
// -------------------------------------------------------------------------------------

/** The HPP member-portal preset. */
export const preset = definePreset({
  id: 'hpp-interoperability-member-portal',
  name: 'Health Partners Plans Interoperability Member Portal',
  policies: {
    passwordPolicy: azureB2cStrong,
    codePolicy: b2cEmailCode,
    flowLifetime: Duration.fromObject({ hours: 1 }),
    signInThrottle: b2cSmartLockout,
    memberIdFormat,
    representativeIdFormat,
    emails: { verificationCode: verificationCodeEmail }
  },
  messages,
  capabilities: [signUpCapability, signInCapability, changeUsernameCapability, passwordResetCapability]
})
