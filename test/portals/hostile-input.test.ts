/**
 * Any input gets a typed answer (issue 9, section 1). Every preset (HPP,
 * Harmony, HealthPartners, HARP, standards), on the memory adapters, is walked dynamically — every function of the portal and
 * of every object nested in it — so the properties keep holding when the
 * portal is split into capability modules. Whatever a function is given
 * (`fc.anything()`, 1 MiB strings, `__proto__` and `constructor` keys,
 * `Object.create(null)`, Proxies whose every trap throws, getters that throw,
 * deep nesting, arrays, numbers and symbols as forms) it returns a Promise
 * that resolves to a well-formed Either: never a throw, never a rejection,
 * never `system.unexpected`, a bounded number of errors, and `Object.prototype`
 * untouched. Plus one regression test per finding of the outside fuzz.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { harmony, hpp, standards } from '../../src'
import { validateAboutYou } from '../../src/organizations/provider-registration'
import { validateClinicals, validateCodes } from '../../src/prior-authorization/request'
import type { DomainError } from '../../src/kernel/errors'
import { hppHarness } from '../support/hpp-harness'
import { priorAuthorizationHarness } from '../support/prior-authorization-harness'
import { RIVERSIDE_ABOUT } from '../support/harmony-harness'
import { healthPartnersHarness, LAKES, NORTH_STAR, PASSPHRASE, PRAIRIE, rightOf } from '../support/healthpartners-harness'
import { harpHarness, PASSWORD as HARP_PASSWORD, PEOPLE as HARP_PEOPLE, profileFormOf } from '../support/harp-harness'

// -------------------------------------------------------------------------------------
// hostile values
// -------------------------------------------------------------------------------------

const MiB = 1 << 20

/** A Proxy whose every trap throws: reading it in any way at all fails. */
const throwingProxy = <T extends object>(target: T): T =>
  new Proxy(target, {
    get: () => { throw new Error('get trap') },
    set: () => { throw new Error('set trap') },
    has: () => { throw new Error('has trap') },
    deleteProperty: () => { throw new Error('deleteProperty trap') },
    ownKeys: () => { throw new Error('ownKeys trap') },
    getOwnPropertyDescriptor: () => { throw new Error('getOwnPropertyDescriptor trap') },
    defineProperty: () => { throw new Error('defineProperty trap') },
    getPrototypeOf: () => { throw new Error('getPrototypeOf trap') },
    setPrototypeOf: () => { throw new Error('setPrototypeOf trap') },
    isExtensible: () => { throw new Error('isExtensible trap') },
    preventExtensions: () => { throw new Error('preventExtensions trap') }
  })

/** Every field name any portal form reads: hostile objects carry them all. */
const FIELDS = [
  'username', 'password', 'newPassword', 'confirmNewPassword', 'currentPassword', 'email', 'firstName', 'lastName', 'dateOfBirth',
  'iAmA', 'memberId', 'representativeId', 'providerId', 'zipCode', 'taxId', 'organisation', 'users', 'securityQuestion',
  'securityAnswer', 'accountId', 'placeOfService', 'visits', 'serviceDate', 'priority', 'diagnoses', 'procedures', 'name',
  'attachments', 'text', 'phone', 'fax', 'servicingFax', 'reviewAction', 'reasonCode', 'reasonText', 'authorizationNumber',
  // HealthPartners: registration paths, the site after sign-in, client access
  'path', 'npi', 'vendorNumber', 'checkNumber', 'providerKey', 'contact', 'details', 'organisationName', 'fullName', 'confirmPassword',
  'pin', 'role', 'application', 'document', 'version', 'request', 'token', 'decision',
  // QPP HARP: profile and account, proofing (remote and manual, the reviewers'), two factors, organisations, the help desk
  'userId', 'ssn', 'homeAddress', 'challengeQuestion', 'challengeAnswer', 'idKind', 'fileName', 'mediaType', 'content', 'issuer',
  'reviewerId', 'proofingId', 'photoIdMatchesApplicant', 'statementsAddressedToRegistrationAddress', 'reason', 'note', 'limit', 'sha256',
  'kind', 'pushDeviceId', 'deviceId', 'code', 'pushId', 'number', 'organisationType', 'ptan', 'confirmed', 'organisationId', 'requestId',
  'yourInformation', 'businessContact', 'professionalInformation'
] as const

const withThrowingGetters = (): object =>
  Object.defineProperties({}, Object.fromEntries(FIELDS.map((f) => [f, { enumerable: true, get: () => { throw new Error(`getter ${f}`) } }])))

const nested = (depth: number): unknown => {
  let v: unknown = 'x'
  for (let i = 0; i < depth; i++) v = { username: v, users: [v], organisation: v }
  return v
}

const revoked = (() => {
  const r = Proxy.revocable({}, {})
  r.revoke()
  return r.proxy
})()

const spaces = ' '.repeat(MiB) + 'x'
/** Each hostile value with a name, for counterexamples. */
const HOSTILE_NAMED: ReadonlyArray<readonly [string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['0', 0],
  ['-1', -1],
  ['NaN', Number.NaN],
  ['42n', 42n],
  ['a symbol', Symbol('form')],
  ['a function', () => 'a function'],
  ['[]', []],
  ['[1, 2, 3]', [1, 2, 3]],
  ['"JaneDoe"', 'JaneDoe'],
  ['1 MiB of spaces then x', spaces],
  ['1 MiB of a', 'a'.repeat(MiB)],
  ['1 MiB of commas', ','.repeat(MiB)],
  ['1 MiB of "M54.50,"', 'M54.50,'.repeat(MiB / 8)],
  ['a Proxy of {} whose every trap throws', throwingProxy({})],
  ['a Proxy of [] whose every trap throws', throwingProxy([])],
  ['a revoked Proxy', revoked],
  ['an object whose every field is a throwing getter', withThrowingGetters()],
  ['JSON with __proto__ and constructor.prototype keys', JSON.parse('{"__proto__": {"polluted": true, "username": "JaneDoe"}, "constructor": {"prototype": {"polluted": true}}}')],
  ['an object with constructor, toString, valueOf, hasOwnProperty, __proto__ as strings', { constructor: 'x', toString: 'y', valueOf: 'z', hasOwnProperty: 'w', ['__proto__' as string]: 'v' }],
  ['an object whose fields are all inherited', Object.create({ username: 'JaneDoe', password: 'Spring#2026', accountId: 'account-1' })],
  ['Object.create(null) with fields', Object.assign(Object.create(null), { username: 'JaneDoe', password: 'Spring#2026' })],
  ['5,000 levels of nesting', nested(5_000)],
  ['524,289 diagnosis codes', Array.from({ length: 524_289 }, () => 'M54.50')],
  ['a sparse array of length 2^32 - 1', Object.assign(new Array(2 ** 32 - 1), { 0: 'sparse' })],
  ['a Uint8Array', new Uint8Array(8)],
  ['a Date', new Date(0)],
  ['a Map', new Map([['username', 'JaneDoe']])]
]
const HOSTILE: ReadonlyArray<unknown> = HOSTILE_NAMED.map(([, v]) => v)

/**
 * A value handed over as a thunk: fast-check itself asks generated values
 * whether they can be cloned (`cloneMethod in value`), which a Proxy whose
 * traps throw would not survive.
 */
type Thunk = () => unknown
const lazily = (value: unknown, name: string): Thunk => Object.assign(() => value, { [fc.toStringMethod]: () => name })

/** A hostile value (or `fc.anything()`). */
const hostileValue: fc.Arbitrary<Thunk> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: HOSTILE_NAMED.length - 1 }).map((i) => lazily(HOSTILE[i], (HOSTILE_NAMED[i] as readonly [string, unknown])[0])) },
  { weight: 1, arbitrary: fc.anything().map((v) => lazily(v, fc.stringify(v))) }
)
/** A form whose fields each hold a hostile value. */
const hostileForm: fc.Arbitrary<Thunk> = fc
  .record(Object.fromEntries(FIELDS.map((f) => [f, hostileValue])) as Record<string, fc.Arbitrary<Thunk>>, { requiredKeys: [] })
  .map((r) => {
    const fields = Object.entries(r) as ReadonlyArray<[string, Thunk]>
    return lazily(Object.fromEntries(fields.map(([k, t]) => [k, t()])), `a form of ${fields.map(([k, t]) => `${k}: ${fc.stringify(t)}`).join(', ')}`)
  })

/**
 * A form of a preset's valid values with some fields hostile: so that the
 * validators behind the first failing field are reached too.
 */
const nearlyValidForm = (valid: Readonly<Record<string, unknown>>): fc.Arbitrary<Thunk> =>
  fc
    .record(
      Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, fc.oneof({ weight: 3, arbitrary: fc.constant(lazily(v, JSON.stringify(v))) }, { weight: 1, arbitrary: hostileValue })])) as Record<string, fc.Arbitrary<Thunk>>,
      { requiredKeys: [] }
    )
    .map((r) => {
      const fields = Object.entries(r) as ReadonlyArray<[string, Thunk]>
      return lazily(Object.fromEntries(fields.map(([k, t]) => [k, t()])), `a nearly valid form of ${fields.map(([k, t]) => `${k}: ${fc.stringify(t)}`).join(', ')}`)
    })

// -------------------------------------------------------------------------------------
// the portal, walked
// -------------------------------------------------------------------------------------

/**
 * Every workflow call reachable from the portal object, with its path. The
 * preset is data (its e-mail templates are not calls from outside); the two
 * synchronous helpers, `messageFor` and `offers`, answer a string and a
 * boolean and have a test of their own below.
 */
const functionsOf = (o: object, at = 'portal'): ReadonlyArray<readonly [string, (...args: unknown[]) => unknown]> =>
  Object.entries(o).flatMap(([k, v]) => {
    if (k === 'preset' || k === 'messageFor' || k === 'offers') return []
    if (typeof v === 'function') return [[`${at}.${k}`, v as (...args: unknown[]) => unknown] as const]
    return typeof v === 'object' && v !== null ? functionsOf(v, `${at}.${k}`) : []
  })

/** Codes about a field the caller gave: each must name it. */
const FIELD_CODES = /^(field|text|form|list|password|date|number)\./

/** The most errors one call may return: Harmony's "Tell us about yourself" with 2 organisation fields and 25 users of 5 fields. */
const ERROR_BOUND = 2 + 25 * 5

const wellFormed = (where: string, result: unknown): void => {
  const r = result as E.Either<ReadonlyArray<DomainError>, unknown>
  assert.ok(E.isLeft(r) || E.isRight(r), `${where}: not an Either`)
  if (E.isRight(r)) return
  assert.ok(Array.isArray(r.left) && r.left.length > 0, `${where}: an empty Left`)
  assert.ok(r.left.length <= ERROR_BOUND, `${where}: ${r.left.length} errors`)
  for (const e of r.left) {
    assert.equal(typeof e.code, 'string', `${where}: an error without a code`)
    assert.ok(typeof e.rule === 'string' && e.rule.length > 0, `${where}: ${e.code} has no rule`)
    assert.notEqual(e.code, 'system.unexpected', `${where}: ${JSON.stringify(e)}`)
    if (FIELD_CODES.test(e.code)) assert.ok(typeof e.field === 'string' && e.field.length > 0, `${where}: ${e.code} names no field`)
  }
}

/** Calls a portal function; a synchronous throw or a rejection fails, naming the function. */
const callSafely = async (where: string, f: (...args: unknown[]) => unknown, args: ReadonlyArray<unknown>): Promise<unknown> => {
  let returned: unknown
  try {
    returned = f(...args)
  } catch (cause) {
    assert.fail(`${where} threw synchronously: ${String(cause)}`)
  }
  assert.ok(returned instanceof Promise, `${where} did not return a Promise`)
  try {
    return await returned
  } catch (cause) {
    assert.fail(`${where} rejected: ${String(cause)}`)
  }
}

const prototypeKeys = (): string => JSON.stringify(Reflect.ownKeys(Object.prototype).map(String).sort())

/** HealthPartners with real ids in the pool: signed-in members, registration flows, an access request's link. */
const healthPartnersPreset = async () => {
  const h = healthPartnersHarness()
  // a provider organisation (Tax ID/NPI and a check) and a billing organisation, each with a signed-in delegate who accepted the terms
  await h.registerProvider(LAKES, { username: 'AdaOlsen', firstName: 'Ada', lastName: 'Olsen', email: 'ada.olsen@lakesclinic.example' })
  const ada = await h.signInReady('AdaOlsen')
  await h.registerBilling({ username: 'NinaBerg', firstName: 'Nina', lastName: 'Berg', email: 'nina.berg@northstar.example' }, NORTH_STAR)
  const nina = await h.signInReady('NinaBerg')
  // a US Mail registration waiting for its PIN, its delegate signed in
  const mailed = rightOf(await h.portal.organisationRegistration.identifyProvider({ path: 'us-mail', taxId: PRAIRIE.taxId, npi: PRAIRIE.npi }))
  rightOf(await h.portal.organisationRegistration.selectProvider(mailed.flowId, { providerKey: PRAIRIE.providerKey }))
  await h.finish(mailed.flowId, { username: 'TomBerg', firstName: 'Tom', lastName: 'Berg', email: 'tom.berg@prairieortho.example' })
  const tom = await h.signInReady('TomBerg')
  // registrations in progress: a provider's at its first step, a billing organisation's at its last
  const providerFlow = rightOf(await h.portal.organisationRegistration.identifyProvider({ path: 'tax-id-vendor', taxId: LAKES.taxId, vendorNumber: LAKES.vendorNumber, checkNumber: LAKES.vendorCheck })).flowId
  const billingFlow = rightOf(await h.portal.organisationRegistration.nameBillingOrganisation({ fullName: 'Southwind Claims Partners', taxId: '41-8765432' })).flowId
  rightOf(await h.portal.organisationRegistration.contact(billingFlow, { firstName: 'Cy', lastName: 'Nguyen', email: 'cy@southwind.example', phone: '651-555-0134' }))
  // North Star asks Prairie for access; the link from the e-mail
  const contact = { firstName: 'Tom', lastName: 'Berg', email: 'tom.berg@prairieortho.example' }
  rightOf(await h.portal.clientAccess.request(nina, { taxId: PRAIRIE.taxId, checkNumber: PRAIRIE.check, providerKey: PRAIRIE.providerKey, contact }))
  const link = h.lastLinks(contact.email).approve
  // Valid values of every field (the username is taken, so no registration completes and no account is added: each call's validators stay reachable)
  const valid = {
    path: 'tax-id-npi', taxId: PRAIRIE.taxId, npi: PRAIRIE.npi, checkNumber: PRAIRIE.check, providerKey: PRAIRIE.providerKey, contact,
    details: 'We moved to a new address in January.', organisationName: 'Prairie Orthopedics', fullName: 'Southwind Claims Partners',
    firstName: 'Cy', lastName: 'Nguyen', email: 'cy@southwind.example', phone: '612-555-0100', username: 'NinaBerg',
    password: PASSPHRASE, confirmPassword: PASSPHRASE, currentPassword: PASSPHRASE, newPassword: PASSPHRASE, confirmNewPassword: PASSPHRASE,
    pin: '12345678', role: 'staff', application: 'remittance-inquiry', document: 'provider-portal', version: h.terms['provider-portal'],
    request: link.request, token: link.token, decision: 'refuse', accountId: ada.accountId
  }
  return { name: 'healthpartners', portal: h.portal as object, real: [nina, providerFlow, billingFlow, ada, tom, nina.accountId, link, link.request, link.token, 'NinaBerg'], valid }
}

/** A JPEG's first bytes, then filler: what HARP's uploads accept. */
const jpeg = (seed: number): Uint8Array => {
  const bytes = new Uint8Array(2048).fill(seed)
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  return bytes
}
const pdf = (seed: number): Uint8Array => {
  const bytes = new Uint8Array(2048).fill(seed)
  bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a])
  return bytes
}

/** A complete help-desk request (the Security Official replacement) naming Lakeside's first clinician. */
const harpHelpDeskForm = (practice: ReturnType<ReturnType<typeof harpHarness>['practiceOf']>) => {
  const clinician = practice.clinicians[0]
  const address = { line1: '200 Lake St', city: 'Saint Paul', state: 'MN', zipCode: '55101' }
  return {
    yourInformation: {
      firstName: 'Bo', lastName: 'Lund', email: 'bo@example.org', ssn: '223-45-6782', dateOfBirth: '07-02-1979',
      homeAddress: { line1: '14 Elm Street', city: 'Saint Paul', state: 'MN', zipCode: '55102' }, primaryPhone: '(651) 555-0147'
    },
    businessContact: { companyName: practice.legalBusinessName, address, companyPhone: '(612) 555-0100', officePhone: '(612) 555-0101' },
    professionalInformation: {
      practitioners: [
        {
          firstName: clinician.firstName, lastName: clinician.lastName, legalBusinessName: practice.legalBusinessName, billingTin: practice.taxId,
          renderingNpi: clinician.npi, individualPtan: clinician.ptan, address, phone: '(612) 555-0102'
        }
      ]
    }
  }
}

/**
 * QPP HARP with real ids in the pool: a Security Official of Lakeside and a
 * Staff User's request waiting; a person on the manual path whose documents
 * await a reviewer; a person with a quiz open; a two-factor sign-in flow and
 * a device being added.
 */
const harpPreset = async () => {
  const h = harpHarness()
  const lakeside = h.practiceOf('lakeside')
  const [first] = lakeside.clinicians
  const ada = { accountId: await h.registerProofed(HARP_PEOPLE[0]) }
  const bo = { accountId: await h.registerProofed(HARP_PEOPLE[1]) }
  const organisation = rightOf(await h.portal.organisationAccess.connect(ada, { organisationType: 'practice', taxId: lakeside.taxId, confirmed: true, npi: first.npi, ptan: first.ptan }))
  const requested = rightOf(await h.portal.organisationAccess.connect(bo, { organisationType: 'practice', taxId: lakeside.taxId, confirmed: true, role: 'staff-user' }))
  assert.equal(requested.outcome, 'requested')
  const requestId = requested.outcome === 'requested' ? requested.requestId : ''
  // Cy, with no SSN: manual proofing, a photo ID and two statements submitted
  const cy = { accountId: rightOf(await h.portal.harpRegistration.createProfileAndAccount({ ...profileFormOf(HARP_PEOPLE[2]), ssn: '' })).accountId }
  rightOf(await h.portal.identityProofing.initiateManualProofing(cy))
  const photoId = { idKind: 'drivers-license', fileName: 'license.jpg', mediaType: 'image/jpeg', content: jpeg(1) }
  rightOf(await h.portal.identityProofing.uploadPhotoId(cy, photoId))
  rightOf(await h.portal.identityProofing.uploadStatement(cy, { issuer: 'Keystone Bank', fileName: 'keystone.pdf', mediaType: 'application/pdf', content: pdf(2) }))
  rightOf(await h.portal.identityProofing.uploadStatement(cy, { issuer: 'Allegheny Credit Union', fileName: 'allegheny.pdf', mediaType: 'application/pdf', content: pdf(3) }))
  rightOf(await h.portal.identityProofing.submitDocuments(cy))
  const reviewer = { reviewerId: 'reviewer.1' }
  const [submission] = rightOf(await h.portal.proofingReview.queue(reviewer, {}))
  assert.ok(submission !== undefined)
  // Eve, with no SSN: manual proofing started, nothing uploaded yet
  const eve = { accountId: rightOf(await h.portal.harpRegistration.createProfileAndAccount({ ...profileFormOf(HARP_PEOPLE[4]), ssn: '' })).accountId }
  rightOf(await h.portal.identityProofing.initiateManualProofing(eve))
  // Dee: her quiz open
  const registered = rightOf(await h.portal.harpRegistration.createProfileAndAccount(profileFormOf(HARP_PEOPLE[3])))
  const dee = { accountId: registered.accountId }
  const answers = Object.fromEntries((registered.quiz?.questions ?? []).map((q) => [q.id, (q.choices[0] as { readonly id: string }).id]))
  // Ada signing in (her first device to add), and a device she is adding once signed in
  const flow = rightOf(await h.portal.twoFactorSignIn.start({ username: 'AdaOlsen', password: HARP_PASSWORD }))
  const flowId = 'flowId' in flow ? flow.flowId : ''
  const added = rightOf(await h.portal.mfaDevices.add(ada, { kind: 'sms', phone: '(617) 555-0199' })) as unknown as { readonly deviceId?: string }
  const deviceId = added.deviceId ?? ''
  // Valid values of every field (the User ID is taken, so no registration completes: each call's validators stay reachable)
  const valid = {
    ...profileFormOf(HARP_PEOPLE[0]),
    username: 'AdaOlsen', password: HARP_PASSWORD,
    ...answers,
    organisationType: 'practice', taxId: lakeside.taxId, confirmed: true, npi: first.npi, ptan: first.ptan, role: 'staff-user',
    organisationId: organisation.organisationId, requestId, accountId: bo.accountId,
    ...photoId, issuer: 'Keystone Bank',
    proofingId: submission.id, decision: 'approve', photoIdMatchesApplicant: true, statementsAddressedToRegistrationAddress: true,
    reason: 'other', note: 'The photo is unreadable.', limit: 10, sha256: submission.photoId?.file.sha256 ?? '',
    kind: 'sms', phone: '(617) 555-0198', pushDeviceId: 'push-device-1', deviceId, code: '123456', pushId: 'push-1', number: 42,
    ...harpHelpDeskForm(lakeside)
  }
  return {
    name: 'harp',
    portal: h.portal as object,
    real: [ada, bo, cy, dee, eve, reviewer, flowId, ada.accountId, organisation.organisationId, requestId, 'AdaOlsen'] as ReadonlyArray<unknown>,
    valid,
    h,
    acting: { ada, bo },
    helpDeskForm: harpHelpDeskForm(lakeside),
    questionIds: Object.keys(answers)
  }
}

/** The standards preset (sign-up, sign-in, username, reset, two factors), with a sign-up flow under way. */
const standardsPreset = async () => {
  const h = hppHarness({ preset: standards.preset as unknown as typeof hpp.preset })
  const passphrase = 'violet lantern over quiet harbour'
  const started = await h.portal.signUp.start({ username: 'JaneDoe', newPassword: passphrase, confirmNewPassword: passphrase, email: 'JaneDoe@gmail.com' })
  assert.ok(E.isRight(started))
  return { name: 'standards', portal: h.portal as object, real: [started.right.flowId, 'JaneDoe'] as ReadonlyArray<unknown>, valid: null }
}

/** Every preset, each with real ids in the pool (a flow, a signed-in account, a draft, a link) so hostile forms reach the validators. */
const presets = async () => {
  const member = hppHarness()
  const started = await member.portal.signUp.start({ username: 'JaneDoe', newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: 'JaneDoe@gmail.com' })
  assert.ok(E.isRight(started))
  const provider = await priorAuthorizationHarness()
  const acting = await provider.signIn()
  const draft = await provider.readyToSubmit(acting)
  return [
    { name: 'hpp', portal: member.portal as object, real: [started.right.flowId, 'JaneDoe'] as ReadonlyArray<unknown>, valid: null },
    { name: 'harmony', portal: provider.portal as object, real: [acting, draft, acting.accountId, 'GraceOkafor'] as ReadonlyArray<unknown>, valid: null },
    await healthPartnersPreset(),
    await harpPreset(),
    await standardsPreset()
  ] as const
}

/** Every call of the HARP portal, as the walk names it. */
const HARP_CALLS = [
  'portal.harpRegistration.createProfileAndAccount',
  ...['status', 'quiz', 'answer', 'retryWithSsn', 'initiateManualProofing', 'uploadPhotoId', 'uploadStatement', 'submitDocuments'].map((c) => `portal.identityProofing.${c}`),
  ...['queue', 'document', 'decide'].map((c) => `portal.proofingReview.${c}`),
  ...['start', 'chooseDevice', 'resendCode', 'verify', 'checkPush', 'addDevice', 'resendDeviceCode', 'confirmDevice'].map((c) => `portal.twoFactorSignIn.${c}`),
  ...['list', 'add', 'confirm', 'resendCode', 'remove', 'answerPush'].map((c) => `portal.mfaDevices.${c}`),
  ...['connectPage', 'findOrganisation', 'connect', 'connections', 'permissions', 'pendingRequests', 'approve', 'reject', 'removeUser'].map((c) => `portal.organisationAccess.${c}`),
  'portal.helpDesk.requestSecurityOfficialRole'
] as const

describe('every portal function of every preset answers any input with a typed Either', () => {
  test('the walk finds the portal\u2019s functions, nested ones included', async () => {
    const [hppPortal, harmonyPortal, healthPartners, harpPortal, standardsPortal] = await presets()
    const names = functionsOf(harmonyPortal.portal).map(([n]) => n)
    for (const n of ['portal.signIn', 'portal.signUp.start', 'portal.providerRegistration.describe', 'portal.priorAuthorization.codes', 'portal.passwordRecovery.answer'])
      assert.ok(names.includes(n), `${n} not found in ${names.join(', ')}`)
    const hppNames = functionsOf(hppPortal.portal).map(([n]) => n)
    for (const n of ['portal.signIn', 'portal.signUp.create', 'portal.changeUsername', 'portal.passwordReset.setNewPassword'])
      assert.ok(hppNames.includes(n), `${n} not found in ${hppNames.join(', ')}`)
    const hpNames = functionsOf(healthPartners.portal).map(([n]) => n)
    for (const n of ['portal.signIn', 'portal.chooseOwnPassword', 'portal.organisationRegistration.identifyProvider', 'portal.providerSite.addAccount', 'portal.providerSite.reissueTemporaryPassword', 'portal.clientAccess.answer'])
      assert.ok(hpNames.includes(n), `${n} not found in ${hpNames.join(', ')}`)
    const standardsNames = functionsOf(standardsPortal.portal).map(([n]) => n)
    for (const n of ['portal.signUp.start', 'portal.signIn', 'portal.passwordReset.setNewPassword', 'portal.twoFactorSignIn.start', 'portal.twoFactorSignIn.verify'])
      assert.ok(standardsNames.includes(n), `${n} not found in ${standardsNames.join(', ')}`)
    // HARP: every call of its seven capabilities, by name, so that a new call fails here until the walks below are told of it
    const harpNames = functionsOf(harpPortal.portal).map(([n]) => n)
    assert.deepEqual([...harpNames].sort(), [...HARP_CALLS].sort())
    // each preset's own calls: 13 for HPP, 26 for Harmony, 26 for HealthPartners, 35 for HARP (what a preset lacks answers portal.not-offered; capabilities.test.ts)
    assert.deepEqual([hppNames.length, names.length, hpNames.length, harpNames.length], [13, 26, 26, HARP_CALLS.length])
  })

  test('hostile and arbitrary arguments: a Promise of a well-formed Either, never system.unexpected, Object.prototype untouched', async () => {
    const before = prototypeKeys()
    for (const { name, portal, real, valid } of await presets()) {
      const functions = functionsOf(portal)
      const argument = fc.oneof(
        { weight: 3, arbitrary: hostileValue },
        { weight: 3, arbitrary: hostileForm },
        { weight: 2, arbitrary: fc.constantFrom(...real.map((v) => lazily(v, `the real ${JSON.stringify(v)}`))) },
        ...(valid === null ? [] : [{ weight: 3, arbitrary: nearlyValidForm(valid) }])
      )
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...functions.map(([where]) => where)), fc.array(argument, { maxLength: 3 }), async (where, args) => {
          const f = (functions.find(([w]) => w === where) as (typeof functions)[number])[1]
          wellFormed(`${name} ${where}`, await callSafely(`${name} ${where}`, f, args.map((t) => t())))
        }),
        { numRuns: 1000 }
      )
      // every function at least once with each hostile value in every position, after each real value
      for (const [where, f] of functions)
        for (const v of HOSTILE) for (const args of [[v], ...real.map((r) => [r, v]), [real[0], real[1], v]]) wellFormed(`${name} ${where}`, await callSafely(`${name} ${where}`, f, args))
    }
    assert.equal(prototypeKeys(), before, 'Object.prototype gained keys')
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined)
  })
})

/**
 * Each field a call reads, hostile in an otherwise valid form: after each real
 * value that lets the form be read, every hostile value in each field the call
 * read of the valid form. Answers how many hostile fields were reached, and
 * each call's fields.
 */
const fieldWalk = async (preset: { readonly name: string; readonly portal: object; readonly real: ReadonlyArray<unknown>; readonly valid: Readonly<Record<string, unknown>> }) => {
  const functions = functionsOf(preset.portal)
  let reached = 0
  const fieldsOf = new Map<string, ReadonlySet<string>>()
  for (const [where, f] of functions) {
    const fieldsRead = new Set<string>()
    for (const first of [[], ...preset.real.map((r) => [r])]) {
      // The fields the call reads of a valid form, after this first argument (none when it stops before the form).
      const read = new Set<string>()
      const recording = new Proxy({ ...preset.valid }, {
        getOwnPropertyDescriptor: (target, key) => {
          if (typeof key === 'string') read.add(key)
          return Reflect.getOwnPropertyDescriptor(target, key)
        }
      })
      wellFormed(`${preset.name} ${where}`, await callSafely(`${preset.name} ${where}`, f, [...first, recording]))
      for (const field of read) {
        fieldsRead.add(field)
        for (const v of HOSTILE) {
          const args = [...first, { ...preset.valid, [field]: v }]
          wellFormed(`${preset.name} ${where} (${field})`, await callSafely(`${preset.name} ${where} (${field})`, f, args))
          reached++
        }
      }
    }
    fieldsOf.set(where, fieldsRead)
  }
  return { functions, reached, fieldsOf }
}

describe('HealthPartners: each field a call reads, hostile in an otherwise valid form', () => {
  test('after each real value that lets the form be read, every hostile value in each field read: a well-formed Either, never system.unexpected', async () => {
    const { functions, reached, fieldsOf } = await fieldWalk(await healthPartnersPreset())
    // every call reads a form (or the acting member) after some first argument
    for (const [where] of functions) assert.ok((fieldsOf.get(where)?.size ?? 0) > 0, `${where} never read a form`)
    assert.ok(reached > functions.length * HOSTILE.length, `only ${reached} hostile fields reached a validator`)
  })
})

/** The fields each HARP call must read of a valid form, beyond the acting person's: what the walk must reach. */
const HARP_FIELDS_READ: Readonly<Record<string, ReadonlyArray<string>>> = {
  'portal.harpRegistration.createProfileAndAccount': ['firstName', 'lastName', 'dateOfBirth', 'email', 'phone', 'homeAddress', 'ssn', 'userId', 'newPassword', 'confirmNewPassword', 'challengeQuestion', 'challengeAnswer'],
  'portal.identityProofing.retryWithSsn': ['ssn'],
  'portal.identityProofing.uploadPhotoId': ['idKind', 'fileName', 'mediaType', 'content'],
  'portal.identityProofing.uploadStatement': ['issuer', 'fileName', 'mediaType', 'content'],
  'portal.proofingReview.queue': ['reviewerId', 'limit'],
  'portal.proofingReview.document': ['reviewerId', 'proofingId', 'sha256'],
  'portal.proofingReview.decide': ['reviewerId', 'proofingId', 'decision'],
  'portal.twoFactorSignIn.start': ['username', 'password'],
  'portal.twoFactorSignIn.addDevice': ['kind', 'phone'],
  // twoFactorSignIn.verify reads its code only on a flow at the chosen-device step: the pool has none yet (the generic walk still calls it)
  'portal.twoFactorSignIn.confirmDevice': ['deviceId', 'code'],
  'portal.mfaDevices.add': ['accountId', 'kind', 'phone'],
  'portal.mfaDevices.confirm': ['accountId', 'deviceId', 'code'],
  'portal.mfaDevices.answerPush': ['accountId', 'pushId', 'decision'],
  'portal.organisationAccess.findOrganisation': ['accountId', 'organisationType', 'taxId'],
  'portal.organisationAccess.connect': ['accountId', 'organisationType', 'taxId', 'confirmed', 'npi', 'ptan', 'role'],
  'portal.organisationAccess.approve': ['accountId', 'organisationId', 'requestId'],
  'portal.organisationAccess.reject': ['accountId', 'organisationId', 'requestId'],
  'portal.organisationAccess.removeUser': ['accountId', 'organisationId'],
  'portal.helpDesk.requestSecurityOfficialRole': ['accountId', 'yourInformation', 'businessContact', 'professionalInformation']
}

/** Every path of a nested form's leaves and objects, as `a.b` and `a[0].b`. */
const pathsOf = (value: unknown, at = ''): ReadonlyArray<string> => {
  if (Array.isArray(value)) return value.flatMap((v, i) => [`${at}[${i}]`, ...pathsOf(v, `${at}[${i}]`)])
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array))
    return Object.entries(value).flatMap(([k, v]) => [at === '' ? k : `${at}.${k}`, ...pathsOf(v, at === '' ? k : `${at}.${k}`)])
  return []
}

/** A deep copy of a plain form with the value at a path replaced. */
const replacedAt = (form: unknown, path: string, v: unknown): unknown => {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')
  const copy = (node: unknown, i: number): unknown => {
    if (i === keys.length) return v
    const key = keys[i] as string
    if (Array.isArray(node)) return node.map((x, j) => (String(j) === key ? copy(x, i + 1) : x))
    const o = node as Record<string, unknown>
    return { ...o, [key]: copy(o[key], i + 1) }
  }
  return copy(form, 0)
}

describe('QPP HARP: each field a call reads, hostile in an otherwise valid form', () => {
  test('every HARP call, after each real value, with every hostile value in each field it reads: a well-formed Either, never system.unexpected', async () => {
    const harp = await harpPreset()
    const { functions, reached, fieldsOf } = await fieldWalk(harp)
    const missed = Object.entries(HARP_FIELDS_READ).flatMap(([where, fields]) =>
      fields.filter((f) => fieldsOf.get(where)?.has(f) !== true).map((f) => `${where} never read ${f} (read: ${[...(fieldsOf.get(where) ?? [])].join(', ')})`)
    )
    assert.deepEqual(missed, [])
    // the KBA answers: each question's answer, hostile
    const answered = fieldsOf.get('portal.identityProofing.answer') ?? new Set()
    assert.ok(harp.questionIds.length > 0)
    for (const id of harp.questionIds) assert.ok(answered.has(id), `answer never read the answer to ${id}`)
    assert.ok(reached > functions.length * HOSTILE.length, `only ${reached} hostile fields reached a validator`)
  })

  test('nested fields (the home address; the help-desk request\u2019s blocks, addresses and practitioners): every hostile value at every depth, typed, each field error naming its field', async () => {
    const harp = await harpPreset()
    const profile = { ...profileFormOf(HARP_PEOPLE[4]), userId: 'EveMoss2' }
    const calls: ReadonlyArray<readonly [string, unknown, (form: unknown) => Promise<unknown>]> = [
      ['createProfileAndAccount', profile, (form) => harp.h.portal.harpRegistration.createProfileAndAccount(form as never)],
      ['requestSecurityOfficialRole', harp.helpDeskForm, (form) => harp.h.portal.helpDesk.requestSecurityOfficialRole(harp.acting.bo, form as never)]
    ]
    let reached = 0
    for (const [name, form, call] of calls) {
      const paths = pathsOf(form).filter((p) => p.includes('.') || p.includes('['))
      assert.ok(paths.length > 0, name)
      for (const path of paths)
        for (const [named, v] of HOSTILE_NAMED) {
          const where = `harp ${name} (${path} = ${named})`
          const r = (await callSafely(where, call, [replacedAt(form, path, v)])) as E.Either<ReadonlyArray<DomainError>, unknown>
          wellFormed(where, r)
          if (E.isLeft(r)) for (const e of r.left) if (FIELD_CODES.test(e.code)) assert.ok(e.field !== undefined && e.field.length > 0, `${where}: ${JSON.stringify(e)}`)
          reached++
        }
    }
    assert.ok(reached >= 30 * HOSTILE.length, `only ${reached}`)
  })
})

describe('the portal\u2019s synchronous helpers are total', () => {
  test('messageFor words any value as a sentence, never throwing; offers answers a boolean for any key', async () => {
    for (const { portal: walked } of await presets()) {
      const portal = walked as { readonly messageFor: (e: DomainError) => string; readonly offers: (key: string) => boolean }
      const values = [...HOSTILE, { code: 'field.required', rule: 'username is required', field: 'username' }, { code: 'toString', rule: 'x' }]
      for (const v of values) {
        let said: unknown
        assert.doesNotThrow(() => (said = portal.messageFor(v as DomainError)))
        assert.ok(typeof said === 'string' && said.length > 0 && said.length <= 512, `messageFor gave ${String(said)}`)
        let offered: unknown
        assert.doesNotThrow(() => (offered = portal.offers(v as string)))
        assert.equal(typeof offered, 'boolean')
      }
      assert.equal(portal.messageFor(null as never), 'Something went wrong. Please try again.')
      // an Object.prototype key is not a preset's wording
      assert.equal(portal.messageFor({ code: 'toString', rule: 'x' } as never), 'X.')
    }
  })
})

// -------------------------------------------------------------------------------------
// regressions: each failed before the fix
// -------------------------------------------------------------------------------------

const errorsOf = (r: E.Either<ReadonlyArray<DomainError>, unknown>) => (E.isLeft(r) ? r.left.map((e) => [e.code, e.field]) : 'accepted')

describe('findings of the outside fuzz', () => {
  test('signIn(), signIn(undefined) and signIn(null) resolve to the field errors of signIn({})', async () => {
    const { portal } = hppHarness()
    const empty = errorsOf(await portal.signIn({}))
    assert.deepEqual(empty, [['field.required', 'username'], ['field.required', 'password']])
    const signIn = portal.signIn as (form?: unknown) => ReturnType<typeof portal.signIn>
    for (const form of [undefined, null, 7, 'JaneDoe', []]) assert.deepEqual(errorsOf(await signIn(form)), empty, String(form))
    assert.deepEqual(errorsOf(await signIn()), empty)
  })

  test('a missing or null form gets the same typed field errors as an empty one, in every workflow that takes a form', async () => {
    const h = await priorAuthorizationHarness()
    const flow = hppHarness()
    const started = await flow.portal.signUp.start({ username: 'JaneDoe', newPassword: 'Spring#2026', confirmNewPassword: 'Spring#2026', email: 'JaneDoe@gmail.com' })
    assert.ok(E.isRight(started))
    const id = started.right.flowId
    const registration = await h.portal.providerRegistration.identify({ providerId: 'HP009999', zipCode: '33602', taxId: '59-1234567' })
    const anyId = E.isRight(registration) ? registration.right.flowId : 'no-such-flow'
    const calls: ReadonlyArray<readonly [string, (form: unknown) => Promise<E.Either<ReadonlyArray<DomainError>, unknown>>]> = [
      ['signUp.start', (f) => flow.portal.signUp.start(f as never)],
      ['passwordReset.request', (f) => flow.portal.passwordReset.request(f as never)],
      ['chooseOwnPassword', (f) => h.portal.chooseOwnPassword(f as never)],
      ['passwordRecovery.answer', (f) => h.portal.passwordRecovery.answer(f as never)],
      ['providerRegistration.identify', (f) => h.portal.providerRegistration.identify(f as never)],
      ['providerRegistration.describe', (f) => h.portal.providerRegistration.describe(anyId, f as never)],
      ['providerRegistration.createUsername', (f) => h.portal.providerRegistration.createUsername(anyId, f as never)],
      ['signUp.create', (f) => flow.portal.signUp.create(id, f as never)],
      ['passwordReset.setNewPassword', (f) => flow.portal.passwordReset.setNewPassword(id, f as never)]
    ]
    for (const [name, call] of calls) {
      const empty = errorsOf(await call({}))
      for (const form of [undefined, null]) {
        const r = await call(form)
        assert.deepEqual(errorsOf(r), empty, `${name}(${String(form)})`)
        if (E.isLeft(r)) for (const e of r.left) assert.notEqual(e.code, 'system.unexpected', name)
      }
    }
  })

  test('a Proxy whose traps throw, or a getter that throws, is form.unreadable naming the field, not system.unexpected', async () => {
    const { portal } = hppHarness()
    assert.deepEqual(errorsOf(await portal.signIn(throwingProxy({}))), [['form.unreadable', 'username'], ['form.unreadable', 'password']])
    const getter = Object.defineProperty({ password: 'Spring#2026' }, 'username', { get: () => { throw new Error('no') } })
    assert.deepEqual(errorsOf(await portal.signIn(getter)), [['form.unreadable', 'username']])
    const h = await priorAuthorizationHarness()
    assert.deepEqual(errorsOf(await h.portal.priorAuthorization.start(throwingProxy({ accountId: 'x' }))), [['form.unreadable', 'acting.accountId']])
  })

  test('nothing from the prototype chain is a field: inherited and __proto__ values read as missing', async () => {
    const { portal } = hppHarness()
    const inherited = Object.create({ username: 'JaneDoe', password: 'Spring#2026' }) as { username?: unknown }
    assert.deepEqual(errorsOf(await portal.signIn(inherited)), [['field.required', 'username'], ['field.required', 'password']])
    const viaProto = JSON.parse('{"__proto__": {"username": "JaneDoe"}, "password": "x"}') as { username?: unknown }
    assert.deepEqual(errorsOf(await portal.signIn(viaProto)), [['field.required', 'username']])
  })

  test('1 MiB of spaces in the users\u2019 access is one text.too-long, at once', () => {
    const [grace] = RIVERSIDE_ABOUT.users
    const r = validateAboutYou({ organisation: RIVERSIDE_ABOUT.organisation, users: [{ ...grace, access: spaces }] })
    assert.ok(E.isLeft(r))
    assert.deepEqual(r.left.map((e) => [e.code, e.field]), [['text.too-long', 'users[0].access']])
    assert.equal((r.left[0] as DomainError & { maximum: number }).maximum, 512)
  })

  test('1 MiB of diagnoses is exactly one error: list.too-long with the limit and the count given (a typed string: text.too-long)', () => {
    const codes = validateCodes(harmony.priorAuthorization)
    const many = codes({ diagnoses: Array.from({ length: 524_289 }, () => 'M54.50'), procedures: ['97110'] })
    assert.ok(E.isLeft(many))
    assert.deepEqual(many.left, [{ code: 'list.too-long', field: 'diagnoses', rule: 'diagnoses may list at most 12 codes', maximum: 12, given: 524_289 }])
    const typed = codes({ diagnoses: 'M54.50,'.repeat(MiB / 8), procedures: ['97110'] })
    assert.ok(E.isLeft(typed))
    assert.deepEqual(typed.left.map((e) => [e.code, e.field]), [['text.too-long', 'diagnoses']])
    const thirteen = codes({ diagnoses: ['A00.0', 'A01.00', 'A02.0', 'A03.0', 'A04.0', 'A05.0', 'A06.0', 'A07.0', 'A08.0', 'A09', 'B00.0', 'B01.0', 'B02.0'], procedures: ['97110'] })
    assert.ok(E.isLeft(thirteen))
    assert.deepEqual(thirteen.left.map((e) => [e.code, 'given' in e ? e.given : null]), [['list.too-long', 13]])
  })

  test('too many attachments or users is one list.too-long; the errors of a form are bounded by its fields, not by its input', () => {
    const clinicals = validateClinicals(harmony.priorAuthorization)
    const files = clinicals({ attachments: Array.from({ length: 100_000 }, () => ({})) })
    assert.ok(E.isLeft(files))
    assert.deepEqual(files.left.map((e) => [e.code, e.field]), [['list.too-long', 'attachments']])
    const tooMany = validateAboutYou({ organisation: RIVERSIDE_ABOUT.organisation, users: Array.from({ length: 100_000 }, () => ({})) })
    assert.ok(E.isLeft(tooMany))
    assert.deepEqual(tooMany.left.map((e) => [e.code, e.field]), [['list.too-long', 'users']])
    // the worst form: every field of 25 users wrong, and both organisation fields
    const worst = validateAboutYou({ organisation: { name: 7, phone: 7 }, users: Array.from({ length: 25 }, () => ({ firstName: 7, lastName: 7, email: 7, phone: 7, access: 7 })) })
    assert.ok(E.isLeft(worst))
    assert.equal(worst.left.length, ERROR_BOUND)
  })

  test('text over its kind\u2019s limit is text.too-long naming the field and the limit, before any parsing', async () => {
    const { portal } = hppHarness()
    const r = await portal.signUp.start({ username: 'u'.repeat(MiB), newPassword: 'p'.repeat(MiB), confirmNewPassword: 'p'.repeat(MiB), email: `${'e'.repeat(MiB)}@example.com` })
    assert.ok(E.isLeft(r))
    assert.deepEqual(
      r.left.map((e) => [e.code, e.field, 'maximum' in e ? e.maximum : null]),
      [
        ['text.too-long', 'username', 128],
        ['text.too-long', 'newPassword', 1024],
        ['text.too-long', 'confirmNewPassword', 1024],
        ['text.too-long', 'email', 254]
      ]
    )
    assert.equal(portal.messageFor(r.left[0] as DomainError), 'Username is too long.')
    assert.equal(harmony.messages['text.too-long'] !== undefined && harmony.messages['form.unreadable'] !== undefined, true)
  })
})
