/**
 * A portal is typed by what its preset offers: each preset lists its
 * capabilities, the portal has exactly their calls (a call the preset lacks
 * does not compile: the `@ts-expect-error` lines below fail `tsc` if it
 * would), a JavaScript caller reaching for one gets `portal.not-offered` from
 * every call, and a new capability is a module of its own.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import * as RTE from 'fp-ts/lib/ReaderTaskEither.js'
import { capabilities, createPortal, defineCapability, definePreset, harmony, harp, healthpartners, hpp } from '../../src'
import { memoryPorts } from '../../adapters/memory'

const ports = () => memoryPorts({ zone: 'America/New_York' })
const CORE = ['messageFor', 'offers', 'preset']

/** Every call a capability puts on a portal: the capability itself when it is one function, else each of its functions. */
const callsOf = (api: unknown): ReadonlyArray<(...args: unknown[]) => Promise<unknown>> =>
  typeof api === 'function'
    ? [api as (...args: unknown[]) => Promise<unknown>]
    : Object.values(api as Record<string, unknown>).filter((f): f is (...args: unknown[]) => Promise<unknown> => typeof f === 'function')

describe('each preset offers what it declares', () => {
  test('HPP: sign-up, sign-in, username changes, password reset by e-mail code', () => {
    const portal = createPortal(hpp.preset, ports())
    assert.deepEqual(Object.keys(portal).sort(), [...CORE, 'changeUsername', 'passwordReset', 'signIn', 'signUp'].sort())
    assert.equal(portal.offers('signUp'), true)
    assert.equal(portal.offers('priorAuthorization'), false)
  })

  test('Harmony: members sign up; providers register, replace temporary passwords, recover by question, request prior authorizations', () => {
    const portal = createPortal(harmony.preset, ports())
    assert.deepEqual(
      Object.keys(portal).sort(),
      [...CORE, 'changeUsername', 'chooseOwnPassword', 'passwordRecovery', 'priorAuthorization', 'providerRegistration', 'signIn', 'signUp'].sort()
    )
    assert.equal(portal.offers('passwordReset'), false)
  })

  test('HealthPartners: organisation registration, the provider site, client access, sign-in, replacing a temporary password', () => {
    const portal = createPortal(healthpartners.preset, ports())
    assert.deepEqual(
      Object.keys(portal).sort(),
      [...CORE, 'chooseOwnPassword', 'clientAccess', 'organisationRegistration', 'providerSite', 'signIn'].sort()
    )
    // each is typed on the portal: these compile
    const calls = [
      portal.organisationRegistration.identifyProvider,
      portal.organisationRegistration.nameBillingOrganisation,
      portal.providerSite.addAccount,
      portal.providerSite.enterPin,
      portal.clientAccess.request,
      portal.clientAccess.answer,
      portal.signIn,
      portal.chooseOwnPassword
    ]
    for (const call of calls) assert.equal(typeof call, 'function')
    for (const key of ['organisationRegistration', 'providerSite', 'clientAccess', 'signIn', 'chooseOwnPassword']) assert.equal(portal.offers(key), true, key)
    for (const key of ['signUp', 'passwordReset', 'priorAuthorization', 'providerRegistration', 'passwordRecovery', 'changeUsername']) assert.equal(portal.offers(key), false, key)
  })

  test('QPP HARP: profile and account, identity proofing and its review, two-factor sign-in and devices, organisations, the help desk', () => {
    const portal = createPortal(harp.preset, ports())
    const HARP_KEYS = ['harpRegistration', 'identityProofing', 'proofingReview', 'twoFactorSignIn', 'mfaDevices', 'organisationAccess', 'helpDesk']
    assert.deepEqual(Object.keys(portal).sort(), [...CORE, ...HARP_KEYS].sort())
    const calls = [
      portal.harpRegistration.createProfileAndAccount,
      portal.identityProofing.answer,
      portal.proofingReview.decide,
      portal.twoFactorSignIn.start,
      portal.mfaDevices.add,
      portal.organisationAccess.connect,
      portal.organisationAccess.approve,
      portal.helpDesk.requestSecurityOfficialRole
    ]
    for (const call of calls) assert.equal(typeof call, 'function')
    for (const key of HARP_KEYS) assert.equal(portal.offers(key), true, key)
    for (const key of ['signIn', 'signUp', 'passwordReset', 'priorAuthorization', 'providerRegistration', 'organisationRegistration', 'providerSite', 'clientAccess']) assert.equal(portal.offers(key), false, key)
    // and no other preset offers a HARP capability
    for (const other of [hpp.preset, harmony.preset, healthpartners.preset]) for (const key of HARP_KEYS) assert.equal(createPortal(other, ports()).offers(key), false, `${other.id} ${key}`)
  })

  test('a call the preset lacks does not compile', () => {
    const member = createPortal(hpp.preset, ports())
    const provider = createPortal(harmony.preset, ports())
    // @ts-expect-error HPP takes no prior-authorization requests
    assert.equal(typeof member.priorAuthorization, 'object')
    // @ts-expect-error HPP does not register providers
    assert.equal(typeof member.providerRegistration, 'object')
    // @ts-expect-error HPP issues no temporary passwords
    assert.equal(typeof member.chooseOwnPassword, 'function')
    // @ts-expect-error HPP has no security questions
    assert.equal(typeof member.passwordRecovery, 'object')
    // @ts-expect-error Harmony resets passwords by security question, not by e-mailed code
    assert.equal(typeof provider.passwordReset, 'object')
  })

  test('HealthPartners lacks sign-up, password reset and prior authorization; HPP and Harmony lack the organisation capabilities (none compiles)', () => {
    const healthPartners = createPortal(healthpartners.preset, ports())
    const member = createPortal(hpp.preset, ports())
    const provider = createPortal(harmony.preset, ports())
    // @ts-expect-error HealthPartners' organisations register once; its people do not sign up
    assert.equal(typeof healthPartners.signUp, 'object')
    // @ts-expect-error HealthPartners resets no password by e-mailed code
    assert.equal(typeof healthPartners.passwordReset, 'object')
    // @ts-expect-error HealthPartners' portal takes no prior-authorization requests
    assert.equal(typeof healthPartners.priorAuthorization, 'object')
    // @ts-expect-error HealthPartners registers organisations, not Harmony's provider accounts
    assert.equal(typeof healthPartners.providerRegistration, 'object')
    // @ts-expect-error HPP registers no organisations
    assert.equal(typeof member.organisationRegistration, 'object')
    // @ts-expect-error HPP has no provider site
    assert.equal(typeof member.providerSite, 'object')
    // @ts-expect-error HPP has no billing organisations
    assert.equal(typeof member.clientAccess, 'object')
    // @ts-expect-error Harmony registers providers, not organisations with delegates
    assert.equal(typeof provider.organisationRegistration, 'object')
    // @ts-expect-error Harmony has no provider site of registered organisations
    assert.equal(typeof provider.providerSite, 'object')
    // @ts-expect-error Harmony has no billing organisations' client access
    assert.equal(typeof provider.clientAccess, 'object')
  })

  test('a preset offering the organisation capabilities must carry organisation policies (else it does not compile)', () => {
    const identity = { id: 'half-done', name: 'Half done', messages: {} }
    // @ts-expect-error organisation registration needs the organisation policies
    definePreset({ ...identity, policies: hpp.preset.policies, capabilities: [capabilities.organisationRegistrationCapability] })
    // @ts-expect-error client access needs the account policies too
    definePreset({ ...identity, organisationPolicies: healthpartners.organisationPolicies, capabilities: [capabilities.clientAccessCapability] })
    const siteOnly = definePreset({ ...identity, policies: healthpartners.preset.policies, organisationPolicies: healthpartners.organisationPolicies, capabilities: [capabilities.providerSiteCapability] })
    assert.deepEqual(Object.keys(createPortal(siteOnly, ports())).sort(), [...CORE, 'providerSite'].sort())
  })

  test('a preset must carry what its capabilities need (else it does not compile)', () => {
    const identity = { id: 'half-done', name: 'Half done', messages: {} }
    // @ts-expect-error prior authorization needs the preset's prior-authorization policies
    definePreset({ ...identity, capabilities: [capabilities.priorAuthorizationCapability] })
    // @ts-expect-error sign-up needs the account policies
    definePreset({ ...identity, capabilities: [capabilities.signUpCapability] })
    const signInOnly = definePreset({ ...identity, policies: hpp.preset.policies, capabilities: [capabilities.signInCapability] })
    assert.deepEqual(Object.keys(createPortal(signInOnly, ports())).sort(), [...CORE, 'signIn'].sort())
  })
})

describe('a JavaScript caller reaching for what the preset lacks', () => {
  const cases = [
    { preset: hpp.preset, name: 'HPP' },
    { preset: harmony.preset, name: 'Harmony' },
    { preset: healthpartners.preset, name: 'HealthPartners' },
    { preset: harp.preset, name: 'QPP HARP' }
  ] as const
  for (const { preset, name } of cases) {
    test(`${name}: every call of every capability it lacks answers portal.not-offered, naming the capability`, async () => {
      const portal = createPortal(preset, ports()) as unknown as Record<string, unknown>
      const lacking = capabilities.shippedCapabilities.filter((c) => !preset.capabilities.some((offered) => offered.key === c.key))
      assert.ok(lacking.length > 0)
      // the organisation capabilities are HealthPartners' alone; sign-up, password reset and prior authorization are not HealthPartners'
      const organisationKeys = ['organisationRegistration', 'providerSite', 'clientAccess']
      const expectedLacking = name === 'HealthPartners' ? ['signUp', 'passwordReset', 'priorAuthorization'] : organisationKeys
      for (const key of expectedLacking) assert.ok(lacking.some((c) => c.key === key), `${name} should lack ${key}`)
      for (const capability of lacking) {
        const calls = callsOf(portal[capability.key])
        assert.ok(calls.length > 0, capability.key)
        for (const call of calls) {
          const outcome = (await call(null, undefined, { __proto__: null })) as E.Either<ReadonlyArray<{ code: string; feature?: string }>, unknown>
          assert.ok(E.isLeft(outcome), `${capability.key}: ${String(outcome)}`)
          assert.deepEqual(outcome.left.map((e) => [e.code, e.feature]), [['portal.not-offered', capability.feature]])
        }
      }
    })
  }

  test('the not-offered calls are there for JavaScript callers, hidden from enumeration', () => {
    const portal = createPortal(hpp.preset, ports())
    assert.equal(Object.keys(portal).includes('priorAuthorization'), false)
    assert.equal('priorAuthorization' in portal, true)
    const healthPartners = createPortal(healthpartners.preset, ports())
    assert.equal(Object.keys(healthPartners).includes('signUp'), false)
    assert.equal('signUp' in healthPartners, true)
    assert.equal('clientAccess' in portal && !Object.keys(portal).includes('clientAccess'), true)
  })

  test('a JavaScript caller of HPP reaching for client access, with real-looking arguments, is told portal.not-offered naming it', async () => {
    const portal = createPortal(hpp.preset, ports()) as unknown as { clientAccess: { answer: (form: unknown) => Promise<E.Either<ReadonlyArray<{ code: string; feature?: string; rule: string }>, unknown>> } }
    const outcome = await portal.clientAccess.answer({ request: '6f1c2a4e-0b7d-4e8a-9c3f-2d5b8a7e1f00', token: 'A'.repeat(43), decision: 'approve' })
    assert.ok(E.isLeft(outcome))
    assert.deepEqual(outcome.left.map((e) => [e.code, e.feature, e.rule]), [['portal.not-offered', 'billing organisations’ client access', 'this portal does not offer billing organisations’ client access']])
  })
})

describe('a capability is a module of its own', () => {
  test('a team adds one without editing the library: its calls appear on the portal, typed, run over the ports', async () => {
    const clockReading = defineCapability({
      key: 'clockReading',
      feature: 'clock readings',
      settings: (preset: { readonly zoneLabel: string }) => ({ zoneLabel: preset.zoneLabel }),
      calls: (exec) => ({
        now: () => exec(() => RTE.asks((env) => `${env.clock.now().toISODate() ?? ''} ${env.zoneLabel}`))
      })
    })
    const preset = definePreset({ ...hpp.preset, id: 'hpp-with-clock', zoneLabel: 'Eastern', capabilities: [...hpp.preset.capabilities, clockReading] })
    const portal = createPortal(preset, ports())
    const reading = await portal.clockReading.now()
    assert.ok(E.isRight(reading) && reading.right.endsWith(' Eastern'))
    // the preset's own capabilities stay as they were
    assert.equal(typeof portal.signUp.start, 'function')
  })

  test('building a call that throws on its arguments resolves to a typed error, never a throw', async () => {
    const fragile = defineCapability({
      key: 'fragile',
      feature: 'fragile things',
      settings: (_preset: object) => ({}),
      calls: (exec) => (input: { readonly value: { readonly length: number } }) => exec(() => RTE.right(input.value.length))
    })
    const portal = createPortal(definePreset({ id: 'f', name: 'F', messages: {}, capabilities: [fragile] }), ports())
    const outcome = await portal.fragile(null as never)
    assert.ok(E.isLeft(outcome))
    assert.equal(outcome.left[0]?.code, 'system.unexpected')
  })
})
