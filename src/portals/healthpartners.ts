/**
 * HealthPartners' provider portal (www.healthpartners.com/provider), as its
 * registration guide describes it: an organisation registers once, by the
 * provider path (Tax ID/NPI or Tax ID/vendor # with a HealthPartners-issued
 * check, or US Mail with a PIN) or the billing organisation path; the first
 * person becomes its delegate; terms of use before anything else; billing
 * organisations reach their clients' data once the client approves.
 *
 * @since 0.3.0
 */
import { DateTime, Duration } from 'luxon'
import * as E from '../kernel/either'
import { pipe } from 'fp-ts/lib/function.js'
import type { NonEmptyArray } from 'fp-ts/lib/NonEmptyArray.js'
import { DomainError, invalid } from '../kernel/errors'
import { readForm, TEXT_LIMITS } from '../kernel/form'
import { requireText, validateAll } from '../kernel/validation'
import { EmailAddress } from '../kernel/email'
import { IdentifierFormat, lettersAndDigitsMemberIdFormat, prefixedRepresentativeIdFormat } from '../kernel/identifiers'
import { escapeHtml } from '../kernel/html'
import { addressLines, PostalAddress } from '../kernel/postal-address'
import { nist80063b4 } from '../credentials/password-policy'
import { b2cEmailCode } from '../credentials/verification-code'
import { TemporaryPasswordPolicy } from '../credentials/temporary-password'
import { CodePurpose } from '../accounts/policies'
import { OutgoingEmail } from '../ports/mailer'
import { OutgoingLetter } from '../ports/organisations'
import { AccessRequestEmail, CLIENT_ACCESS_REQUEST_LIFETIME } from '../organizations/client-access'
import { usMailPin } from '../organizations/mailed-pin'
import { HEALTHPARTNERS_APPLICATIONS, MembershipRole } from '../organizations/membership'
import { OrganisationPolicies } from '../organizations/policies'
import type { ProviderPath } from '../organizations/registration/flow'
import { CurrentTerms, TermsVersion } from '../organizations/terms-of-use'
import { definePreset, PortalPreset } from './portal'
import {
  chooseOwnPasswordCapability,
  clientAccessCapability,
  organisationRegistrationCapability,
  providerSiteCapability,
  signInCapability
} from './capabilities'

// -------------------------------------------------------------------------------------
// the site's own facts
// -------------------------------------------------------------------------------------

/** Where registration starts, and the "Self Registration" page's two choices. */
export const selfRegistration = {
  url: 'https://www.healthpartners.com/provider',
  links: ['Register your facility', 'Register here'],
  choices: {
    'I work for a health care provider': 'provider',
    'I work for a billing organization': 'billing'
  }
} as const

/** The "Self Registration" page, as the guide's screenshot shows it. */
export interface SelfRegistrationPage {
  readonly title: string
  readonly prompt: string
  /** Its two columns, in order: who each is for, and its button. */
  readonly options: ReadonlyArray<{
    readonly heading: string
    readonly description: string
    readonly whoMightUse: ReadonlyArray<string>
    readonly choice: keyof typeof selfRegistration.choices
  }>
  /** The line at the bottom of the page. */
  readonly footer: string
}

/** The page "Register your facility" and "Register here" open. */
export const selfRegistrationPage: SelfRegistrationPage = {
  title: 'Self Registration',
  prompt: 'Please tell us who you are:',
  options: [
    {
      heading: 'Health Care Provider',
      description: 'Individuals and organizations who provide health care services.',
      whoMightUse: ["physician offices", 'hospitals', "care system's central billing office", 'dental', 'pharmacy', 'other ancillary providers'],
      choice: 'I work for a health care provider'
    },
    {
      heading: 'Billing Organization',
      description: 'Agencies that handle administrative, billing, or claims on behalf of health care providers.',
      whoMightUse: ['billing agencies', 'medical billing services', 'third party administrators (TPA)', 'management service organizations (MSO)'],
      choice: 'I work for a billing organization'
    }
  ],
  footer: 'Need to add facilities to your account? Contact your delegate.'
}

/** The site's address as people type it: no scheme, no "www.", no trailing slash, lower case. */
const bareAddress = (s: string): string => {
  let a = s.toLowerCase()
  for (const scheme of ['https://', 'http://']) if (a.startsWith(scheme)) a = a.slice(scheme.length)
  if (a.startsWith('www.')) a = a.slice(4)
  while (a.endsWith('/')) a = a.slice(0, -1)
  return a
}

/**
 * Steps 1 and 2 of either path: at www.healthpartners.com/provider, the
 * "Register your facility" link or button, or the "Register here" link,
 * opens the Self Registration page. Another address, or another link, does not.
 */
export const openSelfRegistration = (input: { readonly address?: unknown; readonly link?: unknown }): E.Either<NonEmptyArray<DomainError>, SelfRegistrationPage> =>
  pipe(
    readForm(input, ['address', 'link']),
    E.chain((form) =>
      validateAll({
        address: pipe(
          requireText(form.address, 'address', TEXT_LIMITS.short),
          E.chain((a) => (bareAddress(a) === bareAddress(selfRegistration.url) ? E.right(a) : E.left(invalid('address', 'www.healthpartners.com/provider'))))
        ),
        link: pipe(
          requireText(form.link, 'link', TEXT_LIMITS.short),
          E.chain((l) =>
            (selfRegistration.links as ReadonlyArray<string>).includes(l)
              ? E.right(l)
              : E.left(invalid('link', selfRegistration.links.map((k) => `“${k}”`).join(' or ')))
          )
        )
      })
    ),
    E.map(() => selfRegistrationPage)
  )

/** Which path the Self Registration page's choice leads to (step 3 of either path). */
export const pathOf = (choice: unknown): E.Either<DomainError, 'provider' | 'billing'> =>
  typeof choice === 'string' && Object.prototype.hasOwnProperty.call(selfRegistration.choices, choice)
    ? E.right(selfRegistration.choices[choice as keyof typeof selfRegistration.choices])
    : E.left(invalid('choice', `one of ${Object.keys(selfRegistration.choices).map((c) => `"${c}"`).join(' or ')}`))

/** The provider path's three ways (step 4), by the names the guide gives them. */
export const providerPaths: Readonly<Record<'Tax ID/NPI' | 'Tax ID/Vendor#' | 'US Mail', ProviderPath>> = {
  'Tax ID/NPI': 'tax-id-npi',
  'Tax ID/Vendor#': 'tax-id-vendor',
  'US Mail': 'us-mail'
}

/** Step 5's page: the hint under the providers listed, and the way out when none is the person's. */
export const providerSelection = {
  hint: 'The address displayed is a guide to select the correct provider. An outdated address will not impact your registration or claims.',
  notListed: 'My provider is not listed'
} as const

/** What the person is told once "My provider is not listed" reached Provider e-Services. */
export const providerNotListedReply = (referral: { readonly reference: string }): string =>
  `Thank you. Provider e-Services will contact you to assist. Your reference is ${referral.reference}.`

/** HealthPartners provider keys (the guide gives no format: 5 to 12 letters or digits). */
export const providerIdFormat: IdentifierFormat = {
  pattern: /^[A-Z0-9]{5,12}$/,
  description: '5 to 12 letters or digits'
}

/** The terms of use in force. */
export const currentTerms: CurrentTerms = {
  'provider-portal': '2026.1' as TermsVersion,
  'delegate-site-administrator': '2026.1' as TermsVersion
}

/**
 * A temporary password for an account a delegate creates: 16 characters of
 * an unambiguous alphabet, valid 72 hours (long enough to reach a colleague
 * over a weekend; it is replaced at first sign-in).
 */
export const temporaryPassword: TemporaryPasswordPolicy = {
  validity: Duration.fromObject({ hours: 72 }),
  length: 16,
  alphabet: 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
}

// -------------------------------------------------------------------------------------
// e-mail and letters
// -------------------------------------------------------------------------------------

const SENDER = 'HealthPartners Provider Portal <provider.portal@healthpartners.com>'
const when = (d: DateTime): string => d.toFormat("MMMM d, yyyy 'at' h:mm a ZZZZ")

const email = (kind: string, to: EmailAddress, subject: string, lines: ReadonlyArray<string>): OutgoingEmail => ({
  kind,
  to,
  from: SENDER,
  subject,
  text: lines.join('\n\n') + '\n',
  html: '<!doctype html><html><body>' + lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('') + '</body></html>'
})

/** The e-mail to a client's contact: approve or refuse a billing organisation's access, in one step. */
export const accessRequestEmail = (r: AccessRequestEmail): OutgoingEmail =>
  email('client-access-request', r.to, `${r.billingOrganisationName} asks for access to ${r.client.name} on HealthPartners`, [
    `Hello ${r.contactName},`,
    `${r.billingOrganisationName} asks to access ${r.client.name}'s information on the HealthPartners secure provider site, as your billing organization.`,
    `To approve, open: ${r.approveUrl}`,
    `To refuse, open: ${r.refuseUrl}`,
    `This request expires on ${when(DateTime.fromISO(r.expiresAt, r.zone === undefined ? { setZone: true } : { zone: r.zone }))}. Each link works once.`
  ])

/** The e-mail to a person a delegate added. */
export const accountCreatedEmail = (args: {
  readonly to: EmailAddress
  readonly username: string
  readonly temporaryPassword: string
  readonly expiresAt: DateTime
  readonly organisationName: string
  readonly role: MembershipRole
  readonly reason: 'created' | 'reissued'
}): OutgoingEmail =>
  email('temporary-password', args.to, 'Your HealthPartners Provider Portal account', [
    args.reason === 'created'
      ? `Your delegate created a ${args.role === 'delegate' ? 'delegate' : 'staff'} account for you at ${args.organisationName}.`
      : `Your delegate at ${args.organisationName} issued you a new temporary password.`,
    `Username: ${args.username}`,
    `Temporary password: ${args.temporaryPassword}`,
    `This temporary password expires on ${when(args.expiresAt)}. Log on at www.healthpartners.com/provider and choose a password of your own.`
  ])

/** Members' verification codes are not part of this portal; the template exists for the shared account policies. */
export const verificationCodeEmail = (args: { readonly to: EmailAddress; readonly code: string; readonly purpose: CodePurpose }): OutgoingEmail =>
  email('verification-code', args.to, 'Your HealthPartners verification code', [`Your code is: ${args.code}`, 'It expires in 10 minutes.'])

/** The PIN letter, to the provider's address of record. */
export const registrationPinLetter = (args: {
  readonly addressee: string
  readonly address: PostalAddress
  readonly pin: string
  readonly expiresAt: DateTime
  readonly registeredBy: string
}): OutgoingLetter => ({
  kind: 'registration-pin',
  addressee: args.addressee,
  address: args.address,
  text: [
    args.addressee,
    ...addressLines(args.address),
    '',
    `${args.registeredBy} registered ${args.addressee} for the HealthPartners secure provider site.`,
    `Your PIN is: ${args.pin}`,
    `Log on at www.healthpartners.com/provider and enter it by ${args.expiresAt.toFormat('MMMM d, yyyy')}.`,
    'If you did not expect this letter, call Provider e-Services.'
  ].join('\n')
})

// -------------------------------------------------------------------------------------
// wording
// -------------------------------------------------------------------------------------

/** Each field's label as the pages show it. */
export const LABELS: Readonly<Record<string, string>> = {
  address: 'web address',
  link: 'link',
  choice: 'choice',
  path: 'registration path',
  taxId: 'Tax ID',
  npi: 'NPI',
  vendorNumber: 'vendor #',
  checkNumber: 'check #',
  providerKey: 'provider',
  fullName: "organization's full name",
  organisationName: 'organization name',
  firstName: 'first name',
  lastName: 'last name',
  email: 'e-mail address',
  phone: 'phone number',
  details: 'details',
  username: 'username',
  password: 'password',
  confirmPassword: 'password confirmation',
  pin: 'PIN',
  role: 'role',
  application: 'application',
  document: 'terms of use',
  version: 'terms version',
  'contact.firstName': "client contact's first name",
  'contact.lastName': "client contact's last name",
  'contact.email': "client contact's e-mail address",
  decision: 'answer',
  accountId: 'account',
  token: 'link'
}

const label = (e: DomainError): string => LABELS[e.field ?? ''] ?? e.field ?? 'this field'
const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

const STEP_FIRST: Readonly<Record<string, string>> = {
  'provider-organisation:provider-selected': 'Please select your provider name first.',
  'provider-organisation:contact-given': 'Please complete your contact information first.',
  'billing-organisation:contact-given': 'Please enter your contact information first.'
}

/** HealthPartners' sentences (the guide gives few: plain and specific). */
export const messages: PortalPreset['messages'] = {
  'field.required': (e) => `Please enter your ${label(e)}.`,
  'field.invalid': (e) => `${capitalised(label(e))} must be ${'expected' in e ? e.expected : 'valid'}.`,
  'field.too-long': (e) => `${capitalised(label(e))} is too long.`,
  'text.too-long': (e) => `${capitalised(label(e))} is too long.`,
  'form.unreadable': (e) => `${capitalised(label(e))} could not be read. Please enter it again.`,
  'list.too-long': 'Your organization has the most accounts it can hold.',
  'organisation.check-not-matched':
    'We could not match this information to a HealthPartners check. Please check the Tax ID, check # and NPI or vendor # as printed on the check, or choose the US Mail option.',
  'organisation.proof-throttled': 'Too many attempts did not match a HealthPartners check. Please try again in an hour, or choose the US Mail option.',
  'organisation.already-registered': 'Your organization is already registered. Please contact your delegate to create your account.',
  'organisation.not-a-member': 'Your account is not part of a registered organization. Please contact your delegate.',
  'organisation.not-a-delegate': 'Only a delegate can do this. Please contact your delegate.',
  'organisation.last-delegate': 'Your organization needs at least one delegate. Make someone else a delegate first.',
  'organisation.email-taken': 'Individuals cannot share accounts: this e-mail address already has an account in your organization.',
  'organisation.account-taken': 'This account already belongs to someone.',
  'organisation.awaiting-pin': 'Your registration completes when you enter the PIN we mailed to your address of record.',
  'organisation.not-a-billing-organisation': 'Only billing organizations request access to clients.',
  'contact.not-a-person': 'Please enter your own name, not the doctor or facility name. If you are the doctor, confirm that this is your own name.',
  'pin.incorrect': (e) =>
    e.code === 'pin.incorrect' && e.attemptsLeft > 0
      ? `That PIN is not correct. You have ${e.attemptsLeft} ${e.attemptsLeft === 1 ? 'try' : 'tries'} left.`
      : 'That PIN is not correct. Please request a new PIN.',
  'pin.expired': 'That PIN has expired. Please request a new PIN.',
  'pin.too-many-attempts': 'That PIN was entered incorrectly too many times. Please request a new PIN.',
  'pin.too-many-letters': 'We have mailed the most PINs we can for this registration. Please contact Provider e-Services.',
  'pin.not-awaited': 'Your registration is already complete.',
  'terms.not-accepted': (e) =>
    e.code === 'terms.not-accepted' && e.outstanding.includes('delegate-site-administrator') && e.outstanding.includes('provider-portal')
      ? 'Please accept the Provider Portal Terms of Use and the Delegate/Site Administrator Terms of Use.'
      : e.code === 'terms.not-accepted' && e.outstanding.includes('delegate-site-administrator')
        ? 'Please accept the Delegate/Site Administrator Terms of Use.'
        : 'Please accept the Provider Portal Terms of Use.',
  'terms.not-current': 'These terms of use have been updated. Please review and accept the current version.',
  'application.unknown': 'That application is not available.',
  'application.not-revocable': 'Remittance Inquiry is every account’s default application.',
  'access-request.invalid-link': 'This link has already been used or is not valid.',
  'access-request.expired': 'This request has expired. Your billing organization can send a new one.',
  'access-request.already-exists': (e) =>
    e.code === 'access-request.already-exists' && e.state === 'approved'
      ? 'You already have access to this client.'
      : 'A request for this client is waiting for the client contact’s answer.',
  'access-request.not-active': 'This access is not in force.',
  'access-request.not-a-party': 'Only the billing organization or the client can end this access.',
  'access-request.client-not-matched': 'We could not match this Tax ID and check # to a check HealthPartners issued. Please enter them as printed on the check.',
  'access-request.contact-not-client': "Please enter your client's contact, not someone at your billing organization.",
  'access-request.not-found': 'We could not find that request.',
  'access-request.no-access': 'You do not have access to this client yet. Request access first.',
  'provider.not-matched': 'We do not have an address of record for this provider. Please choose “My provider is not listed”.',
  'username.taken': 'That username is taken. Please choose another.',
  'password.too-short': 'Your password must be at least 15 characters long.',
  'password.too-long': 'Your password must be at most 128 characters long.',
  'password.blocklisted': 'That password is too common. Please choose another.',
  'password.contains-username': 'Your password must not contain your username.',
  'password.mismatch': 'The passwords do not match.',
  'password.same-as-temporary': 'Please choose a password of your own, not the temporary password we sent you.',
  'password.change-required': 'Please choose a password of your own first.',
  'temporary-password.expired': 'Your temporary password has expired. Please ask your delegate for a new one.',
  'sign-in.invalid-credentials': 'The username or password is incorrect.',
  'sign-in.throttled': 'Too many attempts. Please try again later.',
  'account.not-found': 'Please log on first.',
  'flow.expired': 'Your session has expired. Please start again.',
  'flow.not-found': 'Your session has expired. Please start again.',
  'flow.wrong-state': 'That step is already complete. Please start again.',
  'flow.step-not-reached': (e) => (e.code === 'flow.step-not-reached' && STEP_FIRST[e.needs]) || 'Please complete the earlier steps first.',
  'storage.conflict': 'Someone else changed this at the same time. Please try again.',
  // the stores, the mail relay and the mailing vendor: what any workflow may meet
  'storage.unavailable': 'The provider portal is not available just now. Please try again in a few minutes.',
  'storage.invalid-row': 'Something went wrong on our side. Please contact Provider e-Services.',
  'mail.delivery-failed': 'We could not send your message just now. Please try again in a few minutes.',
  'system.unexpected': 'Something went wrong on our side. Please try again later.'
}

// -------------------------------------------------------------------------------------
// preset
// -------------------------------------------------------------------------------------

/** What HealthPartners decides for organisations (the guide is silent on limits: each is stated here). */
export const organisationPolicies: OrganisationPolicies = {
  providerIdFormat,
  registrationLifetime: Duration.fromObject({ hours: 1 }),
  pin: usMailPin,
  terms: currentTerms,
  applications: HEALTHPARTNERS_APPLICATIONS,
  accessRequestLifetime: CLIENT_ACCESS_REQUEST_LIFETIME,
  accessRequestBaseUrl: 'https://www.healthpartners.com/provider/client-access',
  temporaryPassword,
  maxCandidates: 20,
  letters: { registrationPin: registrationPinLetter },
  emails: { accessRequest: accessRequestEmail, accountCreated: accountCreatedEmail }
}

/**
 * The HealthPartners preset. The guide sets no password rule: passwords follow
 * NIST SP 800-63B-4 for a password used alone (15 to 128 characters, any
 * characters, no composition rule, common passwords and the username refused).
 */
export const preset = definePreset({
  id: 'healthpartners-provider-portal',
  name: 'HealthPartners provider portal',
  policies: {
    passwordPolicy: nist80063b4({ withMultiFactor: false }),
    codePolicy: b2cEmailCode,
    flowLifetime: Duration.fromObject({ hours: 1 }),
    signInThrottle: { freeAttempts: 5, firstLock: Duration.fromObject({ minutes: 1 }), maxLock: Duration.fromObject({ minutes: 30 }) },
    memberIdFormat: lettersAndDigitsMemberIdFormat,
    representativeIdFormat: prefixedRepresentativeIdFormat,
    emails: { verificationCode: verificationCodeEmail }
  },
  organisationPolicies,
  messages,
  capabilities: [signInCapability, chooseOwnPasswordCapability, organisationRegistrationCapability, providerSiteCapability, clientAccessCapability]
})
