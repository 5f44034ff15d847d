/**
 * CMS's HCQIS Access Roles and Profile system (HARP) for the Quality Payment
 * Program, as its account setup checklist describes it: a profile and an
 * account, identity proofing (remote, by questions on one's credit file, or
 * manual, by documents a reviewer checks), a second factor on every sign-in,
 * and organisations (practices, APM Entities, registries) whose first user
 * becomes Security Official and approves everyone after.
 *
 * @since 0.4.0
 */
import { DateTime, Duration } from 'luxon'
import type { DomainError } from '../kernel/errors'
import type { EmailAddress } from '../kernel/email'
import { escapeHtml } from '../kernel/html'
import { lettersAndDigitsMemberIdFormat, prefixedRepresentativeIdFormat } from '../kernel/identifiers'
import { nist80063b4 } from '../credentials/password-policy'
import { b2cEmailCode } from '../credentials/verification-code'
import type { ChallengeQuestion } from '../credentials/challenge-question'
import type { CodePurpose } from '../accounts/policies'
import type { OutgoingEmail } from '../ports/mailer'
import { definePreset, PortalPreset } from './portal'
import { helpDeskCapability, organisationAccessCapability } from './capabilities'
import { HELP_DESK_BLOCKS, HelpDeskBlock } from '../organizations/help-desk-request'
import { MAX_PRACTITIONERS } from '../organizations/help-desk-request'
import { mfaDevicesCapability, twoFactorSignInCapability } from './capabilities'
import { googleAuthenticator } from '../credentials/totp'
import { numberMatchingPush, smsCodePolicy, voiceCodePolicy } from '../mfa'
import type { MfaPolicies } from '../mfa/policies'
import { harpRegistrationCapability, identityProofingCapability, proofingReviewCapability } from './capabilities'
import { harpKba } from '../proofing/knowledge-based'
import { harpManualProofing } from '../proofing/manual'
import type { ProofingPolicies } from '../proofing/policies'

// -------------------------------------------------------------------------------------
// the site's own facts
// -------------------------------------------------------------------------------------

/** Where registration starts, where help is, and where people log in. */
export const site = {
  registrationUrl: 'https://qpp.cms.gov/login?page=register',
  helpUrl: 'https://harp.qualitynet.org/login/help',
  logInUrl: 'https://qpp.cms.gov/login'
} as const

/** The Quality Payment Program Help Desk, for replacing a Security Official. */
export const qppHelpDesk = { phone: '1-866-288-8292', tty: '1-877-715-6222' } as const

/** HARP's challenge questions (the guide names none: a plain list, each answer 2 to 100 characters). */
export const challengeQuestions: ReadonlyArray<ChallengeQuestion> = [
  { id: 'first-pet', text: 'What was the name of your first pet?' },
  { id: 'birth-city', text: 'In what city were you born?' },
  { id: 'first-school', text: 'What was the name of your first school?' },
  { id: 'first-car', text: 'What was the make of your first car?' },
  { id: 'childhood-street', text: 'What street did you live on as a child?' }
]

// -------------------------------------------------------------------------------------
// e-mail
// -------------------------------------------------------------------------------------

const SENDER = 'HARP <harp.noreply@qualitynet.org>'

/** One of HARP's plain e-mails: each line a paragraph. */
export const harpEmail = (kind: string, to: EmailAddress, subject: string, lines: ReadonlyArray<string>): OutgoingEmail => ({
  kind,
  to,
  from: SENDER,
  subject,
  text: lines.join('\n\n') + '\n',
  html: '<!doctype html><html><body>' + lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('') + '</body></html>'
})

/** HARP verifies no e-mail address by code in this guide; the template exists for the shared account policies. */
export const verificationCodeEmail = (args: { readonly to: EmailAddress; readonly code: string; readonly purpose: CodePurpose }): OutgoingEmail =>
  harpEmail('verification-code', args.to, 'Your HARP verification code', [`Your code is: ${args.code}`, 'It expires in 10 minutes.'])

/** When something happens, as HARP's e-mails say it. */
export const when = (d: DateTime): string => d.toFormat("MMMM d, yyyy 'at' h:mm a ZZZZ")

// -------------------------------------------------------------------------------------
// wording
// -------------------------------------------------------------------------------------

// organisationAccess / helpDesk: the fields of "Connect to an Organization" and of the help-desk request
/** The help-desk request's blocks as the guide titles them. */
export const HELP_DESK_BLOCK_TITLES: Readonly<Record<HelpDeskBlock, string>> = {
  yourInformation: 'Your Information',
  businessContact: 'Business Contact Information',
  professionalInformation: 'Professional Information'
}

const ADDRESS_LABELS = (what: string): Record<string, string> => ({
  '': what,
  '.line1': `${what} street`,
  '.line2': `${what} second line`,
  '.city': `${what} city`,
  '.state': `${what} state`,
  '.zipCode': `${what} ZIP code`
})

/** The help-desk request's fields, block by block, as the guide names them. */
const HELP_DESK_FIELD_LABELS: Readonly<Record<HelpDeskBlock, Readonly<Record<string, string>>>> = {
  yourInformation: {
    firstName: 'first name', lastName: 'last name', email: 'e-mail address', ssn: 'Social Security Number', dateOfBirth: 'date of birth',
    ...Object.fromEntries(Object.entries(ADDRESS_LABELS('home address')).map(([k, v]) => [`homeAddress${k}`, v])),
    primaryPhone: 'primary phone number'
  },
  businessContact: {
    companyName: 'company name',
    ...Object.fromEntries(Object.entries(ADDRESS_LABELS('company address')).map(([k, v]) => [`address${k}`, v])),
    companyPhone: 'company phone number', officePhone: 'office phone number'
  },
  professionalInformation: {
    practitioners: 'current practitioner',
    firstName: "practitioner's first name", lastName: "practitioner's last name", legalBusinessName: 'legal business name', billingTin: 'Medicare billing TIN',
    renderingNpi: 'rendering NPI', individualPtan: 'individual PTAN',
    ...Object.fromEntries(Object.entries(ADDRESS_LABELS("practitioner's address")).map(([k, v]) => [`address${k}`, v])),
    phone: "practitioner's phone number"
  }
}

/** Every label of HARP's organisation fields, under the names the workflows give them (practitioners by place: `practitioners[0].renderingNpi`). */
function HARP_ORGANISATION_LABELS(): Record<string, string> {
  const out: Record<string, string> = {
    organisationType: 'organization type', taxId: 'Tax ID Number (TIN)', npi: 'NPI', ptan: 'PTAN', role: 'role', confirmed: 'confirmation',
    organisationId: 'organization', requestId: 'request'
  }
  for (const block of HELP_DESK_BLOCKS) {
    out[block] = HELP_DESK_BLOCK_TITLES[block]
    for (const [field, label] of Object.entries(HELP_DESK_FIELD_LABELS[block])) {
      if (block !== 'professionalInformation') out[`${block}.${field}`] = label
      else if (field === 'practitioners') out[`${block}.practitioners`] = label
      else for (let i = 0; i < MAX_PRACTITIONERS; i++) out[`${block}.practitioners[${i}].${field}`] = MAX_PRACTITIONERS > 1 && i > 0 ? `${label} (practitioner ${i + 1})` : label
    }
  }
  return out
}

/** Each field's label as HARP's pages show it. */
export const LABELS: Readonly<Record<string, string>> = {
  firstName: 'first name',
  lastName: 'last name',
  dateOfBirth: 'date of birth',
  email: 'email address',
  phone: 'phone number',
  homeAddress: 'home address',
  'homeAddress.street': 'street address',
  'homeAddress.city': 'city',
  'homeAddress.state': 'state',
  'homeAddress.zip': 'ZIP code',
  ssn: 'Social Security Number',
  userId: 'User ID',
  username: 'User ID',
  password: 'password',
  confirmPassword: 'password confirmation',
  challengeQuestion: 'challenge question',
  challengeAnswer: 'challenge answer',
  securityAnswer: 'challenge answer',
  accountId: 'account',
  ...HARP_ORGANISATION_LABELS(),
  // identityProofing, harpRegistration, proofingReview
  'homeAddress.line1': 'street address',
  'homeAddress.line2': 'apartment or suite',
  'homeAddress.zipCode': 'ZIP code',
  newPassword: 'password',
  confirmNewPassword: 'password confirmation',
  'photoId.idKind': 'kind of photo ID',
  'photoId.fileName': 'photo ID file name',
  'photoId.mediaType': 'photo ID file type',
  'photoId.content': 'photo ID file',
  'statement.issuer': 'financial institution',
  'statement.fileName': 'statement file name',
  'statement.mediaType': 'statement file type',
  'statement.content': 'statement file',
  photoId: 'photo ID',
  statements: 'bills or statements',
  reviewerId: 'reviewer',
  proofingId: 'submission',
  decision: 'decision',
  reason: 'reason',
  note: 'note',
  photoIdMatchesApplicant: 'confirmation that the photo ID shows the applicant',
  statementsAddressedToRegistrationAddress: 'confirmation that the statements are addressed to the registration address',
  limit: 'number of submissions',
  sha256: 'document'
}

/** A field's label: the preset's, else the field's own name. */
export const labelOf = (e: DomainError): string =>
  LABELS[e.field ?? ''] ?? (e.field?.startsWith('answers.') ? 'answer to every question' : undefined) ?? e.field ?? 'this field'
const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** HARP's sentences (the guide gives none: plain and specific). Each capability's module adds its own. */
export const messages: PortalPreset['messages'] = {
  'field.required': (e) => `Please enter your ${labelOf(e)}.`,
  'field.invalid': (e) =>
    e.field?.startsWith('answers.') === true
      ? 'Please choose one of the answers shown for each question.'
      : e.field === 'photoId.idKind'
        ? `Please choose one of the approved photo IDs: ${harpManualProofing.photoIdKinds.map((k) => k.label).join(', ')}.`
        : `${capitalised(labelOf(e))} must be ${'expected' in e ? e.expected : 'valid'}.`,
  'field.too-long': (e) => `${capitalised(labelOf(e))} is too long.`,
  'text.too-long': (e) => `${capitalised(labelOf(e))} is too long.`,
  'form.unreadable': (e) => `${capitalised(labelOf(e))} could not be read. Please enter it again.`,
  'username.taken': 'That User ID is taken. Please choose another.',
  'password.too-short': 'Your password must be at least 8 characters long.',
  'password.too-long': 'Your password must be at most 128 characters long.',
  'password.blocklisted': 'That password is too common. Please choose another.',
  'password.contains-username': 'Your password must not contain your User ID.',
  'password.mismatch': 'The passwords do not match.',
  'sign-in.invalid-credentials': 'The User ID or password is incorrect.',
  'sign-in.throttled': 'Too many attempts. Please try again later.',
  'account.not-found': 'Please log in first.',
  'flow.expired': 'Your session has expired. Please start again.',
  'flow.not-found': 'Your session has expired. Please start again.',
  'flow.wrong-state': 'That step is already complete. Please start again.',
  'flow.step-not-reached': 'Please complete the earlier steps first.',
  'storage.conflict': 'Someone else changed this at the same time. Please try again.',
  'storage.unavailable': 'HARP is not available just now. Please try again in a few minutes.',
  'storage.invalid-row': `Something went wrong on our side. Please contact the QPP Help Desk at ${qppHelpDesk.phone}.`,
  'mail.delivery-failed': 'We could not send your message just now. Please try again in a few minutes.',
  'system.unexpected': 'Something went wrong on our side. Please try again later.',
  'date.not-a-date': (e) => `${capitalised(labelOf(e))} must be a real date written MM-DD-YYYY.`,
  'date.not-in-past': (e) => `${capitalised(labelOf(e))} must be in the past.`,
  'date.too-old': (e) => `${capitalised(labelOf(e))} is too long ago.`,
  // organisationAccess: "Connect to an Organization", roles and managing users
  'harp-access.not-an-individual': 'Please log in with your own HARP account.',
  'harp-access.identity-not-proofed': 'Please complete identity proofing first.',
  'harp-access.organisation-not-found': 'We could not find an organization of that type with that TIN. Please check the TIN and the organization type.',
  'harp-access.not-confirmed': 'Please confirm this is your organization.',
  'organisation.has-security-official': 'This organization already has a Security Official. Please request a role; a Security Official will approve or reject it.',
  'organisation.clinician-not-matched': 'The PTAN and NPI must be those of one clinician who bills under this TIN.',
  'organisation.not-a-member': 'You are not connected to this organization.',
  'organisation.not-a-security-official': 'Only a Security Official can manage users.',
  'organisation.last-security-official': `The organization must keep a Security Official. To replace one, contact the QPP Help Desk at ${qppHelpDesk.phone}.`,
  'role-request.not-found': 'That request is not waiting for a decision.',
  'role-request.own-request': 'You cannot approve or reject your own request; another Security Official must.',
  'role-request.role-held': 'You already have that role in this organization.',
  'role-request.already-pending': 'Your request for this organization is waiting for a Security Official.',
  // helpDesk: the Security Official replacement request
  'help-desk.group-identifier': (e) =>
    `${capitalised(labelOf(e))} must be the practitioner's own ${'identifier' in e && e.identifier === 'ptan' ? 'individual PTAN, not the Group PTAN' : 'rendering NPI, not the Group NPI'}.`,
  'help-desk.organisation-not-matched': "At least one practitioner must bill Medicare under the organization's TIN.",
  'help-desk.request-not-found': 'We could not find that help desk request.',
  // two-factor sign-in and devices (twoFactorSignIn, mfaDevices)
  'sign-in.identity-not-proofed': 'Your identity has not been verified yet. Please complete identity proofing before you log in.',
  'code.incorrect': 'That code is not correct. Please check it and try again.',
  'code.expired': 'That code has expired. Please ask for a new one.',
  'code.already-used': 'That code was already used. Please ask for a new one.',
  'code.too-many-attempts': 'Too many incorrect codes. Please wait and ask for a new code.',
  'code.too-many-codes': 'Too many codes were sent to this phone. Please wait before asking for another.',
  'totp.invalid-code': 'That code is not correct. Enter the code Google Authenticator shows now.',
  'totp.replayed': 'That code was already used. Wait for Google Authenticator to show a new one.',
  'mfa.device-not-found': 'That device could not be found.',
  'mfa.device-not-pending': 'That device is already set up.',
  'mfa.device-not-active': 'That device is not set up yet. Please finish adding it first.',
  'mfa.duplicate-device': 'That device is already on your account.',
  'mfa.too-many-devices': (e) => `You can have at most ${'maximum' in e ? e.maximum : 'a few'} devices. Please remove one first.`,
  'mfa.last-active-device': 'You cannot remove your only device. Please add another device first.',
  'mfa.wrong-kind': 'That device does not work this way. Please choose another.',
  'mfa.no-challenge': 'Please choose a device first.',
  'push.not-found': 'That request could not be found.',
  'push.wrong-device': 'That request was sent to another device.',
  'push.already-answered': 'That request was already answered.',
  'push.superseded': 'A newer request was sent. Please answer the latest one.',
  'push.expired': 'The request expired. Please log in again.',
  'push.denied': 'The request was denied on your device.',
  'push.number-mismatch': 'The number did not match the one on the log-in page.',
  'push.throttled': 'Too many requests were not approved. Please wait or choose another device.',
  'push.not-answered': 'Please approve the request in Okta Verify.',
  'push.delivery-failed': 'We could not reach Okta Verify just now. Please try again in a few minutes.',
  'sms.delivery-failed': 'We could not send your text message just now. Please try again in a few minutes.',
  'voice.delivery-failed': 'We could not call your phone just now. Please try again in a few minutes.',
  // harpRegistration, identityProofing, proofingReview (profile, account, remote and manual proofing)
  'ssn.never-issued': 'That is not a Social Security Number that was ever issued. Please check it.',
  'number.out-of-range': (e) => `${capitalised(labelOf(e))} must be from ${'minimum' in e ? e.minimum : 1} to ${'maximum' in e ? e.maximum : 1}.`,
  'proofing.not-started': 'Please create your HARP profile and account first.',
  'proofing.already-proofed': 'Your identity is already proofed.',
  'proofing.ssn-mismatch': (e) =>
    `That Social Security Number does not match the one you gave with your profile. ${'attemptsLeft' in e && e.attemptsLeft === 1 ? 'You have 1 more try.' : `You have ${'attemptsLeft' in e ? e.attemptsLeft : 0} more tries.`}`,
  'proofing.ssn-attempts-exhausted': 'That Social Security Number did not match too many times. Please select "Initiate Manual Proofing".',
  'proofing.no-quiz': 'There are no questions to answer just now.',
  'proofing.remote-not-available': 'Without a Social Security Number your identity is proofed manually. Please select "Initiate Manual Proofing".',
  'proofing.manual-not-offered': 'Please answer the questions about your credit history first.',
  'manual-proofing.not-found': (e) => (e.field === 'proofingId' ? 'That submission could not be found.' : 'Please select "Initiate Manual Proofing" first.'),
  'kba.quiz-expired': 'Your time to answer the questions has run out.',
  'kba.attempts-exhausted': 'You have no more tries at the questions. Please select "Initiate Manual Proofing".',
  'kba.quiz-malformed': 'We could not get your questions just now. Please try again later.',
  'manual-proofing.documents-missing': (e) => {
    const photo = 'photoId' in e && e.photoId > 0 ? ['one approved government photo ID'] : []
    const n = 'statements' in e ? e.statements : 0
    const statements = n > 0 ? [`${n === 1 ? 'one more bill or statement' : `${n} bills or statements`} from a financial institution`] : []
    return `Please upload ${[...photo, ...statements].join(' and ') || 'your documents'}.`
  },
  'manual-proofing.reviewer-is-applicant': 'You cannot review your own identity proofing.',
  'attachment.media-type': 'Please upload a PDF, JPEG or PNG file.',
  'attachment.too-large': (e) => `The file is too large: it must be at most ${Math.floor(('maximumBytes' in e ? e.maximumBytes : 0) / (1024 * 1024))} MB.`,
  'attachment.content-mismatch': 'That file is not what its type says. Please upload the document itself.',
  'list.duplicate': (e) => (e.field === 'statement' || e.field === 'photoId' ? 'You have already uploaded that file.' : 'That is already on the list.'),
  'list.too-long': (e) => (e.field === 'statements' ? 'You have already uploaded two bills or statements.' : `${capitalised(labelOf(e))} lists too many entries.`)
}

// -------------------------------------------------------------------------------------
// identity proofing
// -------------------------------------------------------------------------------------

/**
 * HARP's proofing policies (`proofingPolicies`): remote proofing by `harpKba`
 * (4 of 5 right, 2 quizzes, 10 minutes each), manual proofing by
 * `harpManualProofing` (one of three photo IDs, two statements), the
 * challenge questions; 3 wrong SSNs when asking for another quiz end remote
 * proofing; reviewers see 50 submissions a page.
 */
export const proofingPolicies: ProofingPolicies = {
  kba: harpKba,
  manual: harpManualProofing,
  challengeQuestions,
  answerThrottle: { maxFailedAnswers: 5, lock: Duration.fromObject({ minutes: 30 }) },
  ssnRetryLimit: 3,
  reviewQueueLimit: 50
}

// -------------------------------------------------------------------------------------
// two factors
// -------------------------------------------------------------------------------------

/**
 * HARP's second factors (the guide names the four devices and no rule):
 * required of everyone, at most 5 devices; texted codes of 6 digits valid 5
 * minutes, 5 texts an hour; spoken codes valid 10 minutes, 3 calls an hour;
 * Google Authenticator's TOTP (SHA1, 6 digits, 30 s, one step of drift)
 * under the issuer "HARP"; Okta Verify pushes with number matching, answered
 * within 2 minutes.
 */
export const mfaPolicies: MfaPolicies = {
  mfa: { required: true, maxDevices: 5 },
  sms: smsCodePolicy,
  voice: voiceCodePolicy,
  push: numberMatchingPush,
  totp: googleAuthenticator,
  issuer: 'HARP',
  signInLifetime: Duration.fromObject({ minutes: 30 }),
  smsText: (code) => `Your HARP verification code is ${code}. It expires in 5 minutes. Do not share it.`,
  voiceText: (code) => `Hello. This is HARP. Your verification code is ${code.split('').join(', ')}. Again, your code is ${code.split('').join(', ')}.`
}

/** What an incomplete help-desk request misses, block by block, as the guide titles the blocks (blocks with nothing missing left out). */
export const helpDeskMissing = (errors: ReadonlyArray<DomainError>): ReadonlyArray<{ readonly block: string; readonly fields: ReadonlyArray<string> }> =>
  HELP_DESK_BLOCKS.flatMap((block) => {
    const fields = [...new Set(errors.filter((e) => e.field === block || (e.field ?? '').startsWith(`${block}.`)).map(labelOf))]
    return fields.length === 0 ? [] : [{ block: HELP_DESK_BLOCK_TITLES[block], fields }]
  })

// -------------------------------------------------------------------------------------
// preset
// -------------------------------------------------------------------------------------

/**
 * The HARP preset. The guide sets no password rule: every HARP sign-in takes a
 * second factor, so passwords follow NIST SP 800-63B-4 for a password used
 * with one (8 to 128 characters, any characters, no composition rule, common
 * passwords and the User ID refused).
 */
export const preset = definePreset({
  id: 'qpp-harp',
  name: 'QPP HARP',
  policies: {
    passwordPolicy: nist80063b4({ withMultiFactor: true }),
    codePolicy: b2cEmailCode,
    flowLifetime: Duration.fromObject({ hours: 1 }),
    signInThrottle: { freeAttempts: 5, firstLock: Duration.fromObject({ minutes: 1 }), maxLock: Duration.fromObject({ minutes: 30 }) },
    memberIdFormat: lettersAndDigitsMemberIdFormat,
    representativeIdFormat: prefixedRepresentativeIdFormat,
    emails: { verificationCode: verificationCodeEmail }
  },
  mfaPolicies,
  messages,
  // organisationAccess / helpDesk: the QPP Help Desk's numbers; at most 50 organisations listed for one person
  harpOrganisationPolicies: { helpDesk: qppHelpDesk, maxConnectionsListed: 50 },
  proofingPolicies,
  capabilities: [
    harpRegistrationCapability,
    identityProofingCapability,
    proofingReviewCapability,
    twoFactorSignInCapability,
    mfaDevicesCapability,
    organisationAccessCapability,
    helpDeskCapability
  ]
})
