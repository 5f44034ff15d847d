/**
 * The standards preset: the library's capabilities under the values NIST SP
 * 800-63B-4 and OWASP ASVS 5.0 ask for, rather than a guide's. Passwords of
 * 15 to 128 characters of any kind with no composition rule and a blocklist;
 * 6-digit e-mail codes valid 10 minutes; sign-in throttled after 10 failures;
 * a second factor by SMS, voice, TOTP or push; no security questions and no
 * knowledge-based proofing. `complianceReport(standards.preset)` says where it
 * still falls short (only where the library lacks the capability).
 *
 * @since 0.5.0
 */
import { Duration } from 'luxon'
import { EmailAddress } from '../kernel/email'
import { IdentifierFormat, lettersAndDigitsMemberIdFormat, prefixedRepresentativeIdFormat } from '../kernel/identifiers'
import { escapeHtml } from '../kernel/html'
import { nist80063b4 } from '../credentials/password-policy'
import { b2cEmailCode } from '../credentials/verification-code'
import { googleAuthenticator } from '../credentials/totp'
import { b2cSmartLockout } from '../accounts/account'
import { CodePurpose } from '../accounts/policies'
import { smsCodePolicy, voiceCodePolicy } from '../mfa/out-of-band-code'
import { numberMatchingPush } from '../mfa/push'
import { MfaPolicies } from '../mfa/policies'
import { OutgoingEmail } from '../ports/mailer'
import { definePreset, PortalPreset } from './portal'
import { changeUsernameCapability, passwordResetCapability, signInCapability, signUpCapability, twoFactorSignInCapability } from './capabilities'

// -------------------------------------------------------------------------------------
// identifiers and e-mail
// -------------------------------------------------------------------------------------

/** Member IDs: 8 to 12 letters or digits (no guide fixes a format here). */
export const memberIdFormat: IdentifierFormat = lettersAndDigitsMemberIdFormat

/** Personal Representative IDs: "PR" and 8 digits. */
export const representativeIdFormat: IdentifierFormat = prefixedRepresentativeIdFormat

/** The verification-code e-mail: the code, how long it lasts, and that nobody will ask for it. */
export const verificationCodeEmail = (args: { readonly to: EmailAddress; readonly code: string; readonly purpose: CodePurpose }): OutgoingEmail => {
  const text = [
    'Your verification code',
    `Your code is: ${args.code}`,
    'It works once and expires in 10 minutes. We will never ask you for it.'
  ].join('\n\n')
  return {
    kind: 'verification-code',
    to: args.to,
    from: 'Member Portal <no-reply@portal.example>',
    subject: 'Your verification code',
    text: text + '\n',
    html: `<!doctype html><html><body><p>Your code is: <strong>${escapeHtml(args.code)}</strong></p><p>It works once and expires in 10 minutes. We will never ask you for it.</p></body></html>`
  }
}

// -------------------------------------------------------------------------------------
// wording
// -------------------------------------------------------------------------------------

/** Plain sentences for the errors people meet most; the others fall back to the error's rule. */
export const messages: PortalPreset['messages'] = {
  'field.required': 'This information is required.',
  'password.too-short': 'Please use at least 15 characters. A few unrelated words make a strong password.',
  'password.too-long': 'Please use at most 128 characters.',
  'password.blocklisted': 'That password is too common. Please choose another.',
  'password.mismatch': 'The two passwords do not match.',
  'code.incorrect': 'That code is incorrect. Please try again.',
  'code.expired': 'That code has expired. Please request a new code.',
  'code.already-used': 'That code has already been used. Please request a new code.',
  'code.too-many-attempts': 'Too many incorrect codes. Please try again later.',
  'sign-in.invalid-credentials': 'Invalid username or password.',
  'sign-in.throttled': 'Too many failed sign-ins. Please try again later.'
}

// -------------------------------------------------------------------------------------
// two factors
// -------------------------------------------------------------------------------------

/** Second factors: SMS and voice (restricted authenticators) always beside TOTP and push; TOTP per RFC 6238's defaults. */
export const mfaPolicies: MfaPolicies = {
  mfa: { required: true, maxDevices: 5 },
  sms: smsCodePolicy,
  voice: voiceCodePolicy,
  push: numberMatchingPush,
  totp: googleAuthenticator,
  issuer: 'Member Portal',
  signInLifetime: Duration.fromObject({ minutes: 30 }),
  smsText: (code) => `Your verification code is ${code}. It expires in 5 minutes. Do not share it.`,
  voiceText: (code) => `Your verification code is ${code.split('').join(', ')}. Again, ${code.split('').join(', ')}.`
}

// -------------------------------------------------------------------------------------
// preset
// -------------------------------------------------------------------------------------

/** The standards preset (NIST SP 800-63B-4, OWASP ASVS 5.0). */
export const preset = definePreset({
  id: 'standards',
  name: 'Standards (NIST SP 800-63B-4, OWASP ASVS 5.0)',
  policies: {
    // single-factor sign-in is offered too, so the 15-character minimum applies
    passwordPolicy: nist80063b4({ withMultiFactor: false }),
    codePolicy: b2cEmailCode,
    flowLifetime: Duration.fromObject({ hours: 1 }),
    signInThrottle: b2cSmartLockout,
    memberIdFormat,
    representativeIdFormat,
    emails: { verificationCode: verificationCodeEmail }
  },
  mfaPolicies,
  messages,
  capabilities: [signUpCapability, signInCapability, changeUsernameCapability, passwordResetCapability, twoFactorSignInCapability]
})
