/**
 * The prior-authorization workflows over the in-memory ports: who may act,
 * lookups with zero, one or several matches, the code set on the date of
 * service, attachments stored by content hash, going back, expiry, the whole
 * request checked again at submission, determinations; and the portal's
 * prior-authorization calls never throw on outside input.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomUUID } from 'node:crypto'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { DateTime } from 'luxon'
import { createPortal, hpp } from '../../src'
import { RIVERSIDE_ABOUT } from '../support/harmony-harness'
import { UsernameKey } from '../../src/kernel/username'
import { codesOf, PDF, priorAuthorizationHarness, rightOf, VALID } from '../support/prior-authorization-harness'
import { submitterOf } from '../../src/prior-authorization'
import { sampleProviderAccount, sampleRegistration } from '../../src/testkit/storage-contract'
import { ProviderId } from '../../src/kernel/identifiers'
import { EmailAddress, EmailKey } from '../../src/kernel/email'

const fieldsOf = (r: E.Either<ReadonlyArray<{ field?: string }>, unknown>): Array<string | undefined> => (E.isLeft(r) ? r.left.map((e) => e.field) : [])

describe('who may request prior authorization (steps 1–3)', () => {
  test('a signed-in provider user opens a request; nobody else does', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const started = rightOf(await h.portal.priorAuthorization.start(acting))
    assert.equal(started.state, 'started')
    assert.equal(started.accountId, acting.accountId)
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.start({ accountId: 'nobody' })), ['account.not-found'])
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.start({} as never)), ['account.not-found'])
  })

  test('a user still on the temporary password is sent to choose one first', async () => {
    const h = await priorAuthorizationHarness()
    await h.register({ providerId: 'HP001234', zipCode: '33602', taxId: '59-1234567' }, RIVERSIDE_ABOUT, {
      username: 'GraceOkafor',
      securityQuestion: 'What was the name of your first pet?',
      securityAnswer: 'Biscuit'
    })
    const found = await h.ports.accounts.findByUsername('graceokafor' as UsernameKey)()
    assert.ok(E.isRight(found) && O.isSome(found.right))
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.start({ accountId: found.right.value.id })), ['password.change-required'])
  })

  test('the requesting provider must be one the account acts for, found by Provider ID or NPI', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const pa = h.portal.priorAuthorization
    const id = rightOf(await pa.start(acting)).id
    assert.deepEqual(codesOf(await pa.requestingProvider(acting, id, { providerId: 'HP005678' })), ['access.not-permitted'])
    assert.deepEqual(codesOf(await pa.requestingProvider(acting, id, { providerId: 'HP000000' })), ['provider.not-found'])
    assert.deepEqual(codesOf(await pa.requestingProvider(acting, id, { providerId: '1234567890' })), ['field.invalid'])
    const byNpi = rightOf(await pa.requestingProvider(acting, id, { providerId: '1234-567893' }))
    assert.equal(byNpi.requestingProvider.providerId, 'HP001234')
    assert.equal(byNpi.requestingProvider.npi, '1234567893')
  })

  test('a member of the plan has no access to the tool', async () => {
    const h = await priorAuthorizationHarness()
    await h.signIn()
    // An HPP portal (no prior authorization) has no such calls at all; a JavaScript caller reaching for them is told so plainly.
    const other = createPortal(hpp.preset, h.ports)
    // @ts-expect-error HPP offers no prior-authorization requests
    const untyped = other.priorAuthorization as typeof h.portal.priorAuthorization
    assert.deepEqual(codesOf(await untyped.start({ accountId: 'x' })), ['portal.not-offered'])
    assert.deepEqual(codesOf(await untyped.view({ accountId: 'x' }, 'any')), ['portal.not-offered'])
  })
})

describe('the wizard', () => {
  test('a complete request is submitted, pended, due in 7 calendar days, with a reference', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const id = await h.readyToSubmit(acting)
    const receipt = rightOf(await h.portal.priorAuthorization.submit(acting, id))
    assert.match(receipt.reference, /^HPA-[A-HJ-NP-Z2-9]{8}$/)
    assert.equal(receipt.status, 'pended')
    const submitted = DateTime.fromISO(receipt.submittedAt, { setZone: true })
    assert.equal(DateTime.fromISO(receipt.dueAt, { setZone: true }).toISO(), submitted.setZone('America/New_York').plus({ days: 7 }).toISO())
    const found = rightOf(await h.portal.priorAuthorization.find(acting, receipt.reference.toLowerCase()))
    assert.equal(found.id, id)
    // Who submitted it, as Riverside's registration knows her: the account, its username, her name, e-mail and phone.
    assert.deepEqual(found.submittedBy, {
      accountId: acting.accountId,
      username: 'GraceOkafor',
      firstName: 'Grace',
      lastName: 'Okafor',
      email: 'grace.okafor@riversidefp.com',
      phone: '8135550143'
    })
    assert.deepEqual(found.codes.diagnoses, ['M54.50'])
    assert.equal(found.clinicals.attachments[0]?.sha256, createHash('sha256').update(PDF).digest('hex'))
    const stored = await h.ports.attachments.get(found.clinicals.attachments[0]?.sha256 ?? '')()
    assert.ok(E.isRight(stored) && O.isSome(stored.right))
    assert.deepEqual(Buffer.from(stored.right.value.content), Buffer.from(PDF))
    // Submitted: no step may change it any more.
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.contacts(acting, id, VALID.contacts)), ['flow.wrong-state'])
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.submit(acting, id)), ['flow.wrong-state'])
  })

  test('an expedited request is due 72 hours after submission', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const id = await h.readyToSubmit(acting, { service: { ...VALID.service, priority: 'expedited' } })
    const receipt = rightOf(await h.portal.priorAuthorization.submit(acting, id))
    assert.equal(DateTime.fromISO(receipt.dueAt).diff(DateTime.fromISO(receipt.submittedAt), 'hours').hours, 72)
  })

  test('a step before its prerequisites is refused; going back keeps the later answers', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const pa = h.portal.priorAuthorization
    const fresh = rightOf(await pa.start(acting)).id
    assert.deepEqual(codesOf(await pa.codes(acting, fresh, VALID.codes)), ['flow.wrong-state'])
    const id = await h.readyToSubmit(acting)
    const changed = rightOf(await pa.member(acting, id, { memberId: 'HX10002346' }))
    assert.equal(changed.outcome, 'chosen')
    const view = rightOf(await pa.view(acting, id))
    assert.equal(view.state, 'contacts')
    assert.ok(view.state === 'contacts' && view.member.firstName === 'James' && view.codes.procedures.length === 2)
  })

  test('a member looked up by name and date of birth: none, one, or several to choose from', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const pa = h.portal.priorAuthorization
    const id = rightOf(await pa.start(acting)).id
    rightOf(await pa.requestingProvider(acting, id, VALID.requestingProvider))
    assert.deepEqual(codesOf(await pa.member(acting, id, { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '07-05-1962' })), ['member.not-found'])
    const several = rightOf(await pa.member(acting, id, { firstName: 'john', lastName: 'SMITH', dateOfBirth: '1975-05-05' }))
    assert.equal(several.outcome, 'several')
    assert.deepEqual(several.outcome === 'several' ? several.candidates.map((c) => c.memberId) : [], ['HX10002347', 'HX10002348'])
    const one = rightOf(await pa.member(acting, id, { firstName: 'María', lastName: 'López', dateOfBirth: '07-04-1962' }))
    assert.ok(one.outcome === 'chosen' && one.request.member.memberId === 'HX10002345')
    assert.deepEqual(fieldsOf(await pa.member(acting, id, { firstName: 'Maria' })), ['lastName', 'dateOfBirth'])
  })

  test('a servicing provider looked up by name: none, one, or several', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const pa = h.portal.priorAuthorization
    const id = await h.readyToSubmit(acting)
    assert.deepEqual(codesOf(await pa.servicingProvider(acting, id, { name: 'Sarasota' })), ['provider.not-found'])
    const several = rightOf(await pa.servicingProvider(acting, id, { name: 'tampa bay' }))
    assert.ok(several.outcome === 'several' && several.candidates.length === 2)
    const one = rightOf(await pa.servicingProvider(acting, id, { name: 'imaging' }))
    assert.ok(one.outcome === 'chosen' && one.request.servicingProvider.npi === '1588667786')
  })

  test('diagnoses must be billable on the date of service; every refusal is reported', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const pa = h.portal.priorAuthorization
    const id = await h.readyToSubmit(acting)
    const r = await pa.codes(acting, id, { diagnoses: ['J45', 'I10', 'M54'], procedures: ['97110'] })
    assert.deepEqual(codesOf(r), ['diagnosis.not-billable', 'diagnosis.not-billable'])
    assert.deepEqual(fieldsOf(r), ['diagnoses[0]', 'diagnoses[2]'])
    // A date of service no loaded release covers is the code set's refusal, on the date.
    h.clock.set(DateTime.fromISO('2027-12-01T09:00', { zone: 'America/New_York' }))
    const late = rightOf(await pa.start(acting)).id
    rightOf(await pa.requestingProvider(acting, late, VALID.requestingProvider))
    rightOf(await pa.member(acting, late, VALID.member))
    rightOf(await pa.service(acting, late, { ...VALID.service, serviceDate: '2028-01-15' }))
    assert.deepEqual(fieldsOf(await pa.codes(acting, late, VALID.codes)), ['serviceDate'])
  })

  test('submission checks the whole request again: the date of service must still be acceptable', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    h.clock.set(DateTime.fromISO('2026-11-22T23:58', { zone: 'America/New_York' }))
    const id = await h.readyToSubmit(acting, { service: { ...VALID.service, serviceDate: '11-22-2026' } })
    // Three minutes later it is the 23rd: the draft is live, but the date of service has passed.
    h.clock.advance({ minutes: 3 })
    const r = await h.portal.priorAuthorization.submit(acting, id)
    assert.deepEqual(codesOf(r), ['date.out-of-range'])
    assert.deepEqual(fieldsOf(r), ['serviceDate'])
  })

  test('a draft untouched for 60 minutes expires; each step moves the expiry on', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const pa = h.portal.priorAuthorization
    const id = rightOf(await pa.start(acting)).id
    h.clock.advance({ minutes: 59 })
    const step3 = rightOf(await pa.requestingProvider(acting, id, VALID.requestingProvider))
    assert.equal(DateTime.fromISO(step3.expiresAt).diff(h.clock.now(), 'minutes').minutes, 60)
    h.clock.advance({ minutes: 60 })
    assert.deepEqual(codesOf(await pa.member(acting, id, VALID.member)), ['flow.expired'])
  })

  test('another account cannot see or continue someone else\u2019s draft', async () => {
    const h = await priorAuthorizationHarness()
    const grace = await h.signIn()
    const id = rightOf(await h.portal.priorAuthorization.start(grace)).id
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.requestingProvider({ accountId: 'someone-else' }, id, VALID.requestingProvider)), ['request.not-found'])
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.view({ accountId: 'someone-else' }, id)), ['account.not-found'])
  })
})

describe('the submitter of a request', () => {
  const providerId = 'HP001234' as ProviderId
  test('the registrant, a registered user found by e-mail (any case), or the account alone without a phone', () => {
    const grace = sampleProviderAccount(randomUUID, providerId, 'HWR-1')
    const registration = sampleRegistration(randomUUID, grace.id, providerId)
    assert.deepEqual(submitterOf(grace, registration), {
      accountId: grace.id,
      username: grace.username,
      firstName: 'Grace',
      lastName: 'Okafor',
      email: 'grace.okafor@riversidefp.com',
      phone: '8135550143'
    })
    // José is the registration's second user, with an account of his own: found by his e-mail in any letter case
    const jose = sampleProviderAccount(randomUUID, providerId, 'HWR-1', { email: 'jose.dsouza@riversidefp.com' as EmailAddress, emailKey: 'jose.dsouza@riversidefp.com' as EmailKey })
    assert.deepEqual({ ...submitterOf(jose, registration), accountId: undefined, username: undefined }, {
      accountId: undefined,
      username: undefined,
      firstName: 'José',
      lastName: "D'Souza-Núñez",
      email: 'Jose.DSouza@riversidefp.com',
      phone: '8135550144'
    })
    // an account the registration does not list keeps its own name and e-mail, and says no phone
    const stranger = sampleProviderAccount(randomUUID, providerId, 'HWR-1', { email: 'temp@elsewhere.example' as EmailAddress, emailKey: 'temp@elsewhere.example' as EmailKey })
    assert.deepEqual(submitterOf(stranger, registration), { accountId: stranger.id, username: stranger.username, firstName: stranger.firstName, lastName: stranger.lastName, email: stranger.email, phone: null })
    assert.equal(submitterOf(grace, null).phone, null)
  })
})

describe('the summary report', () => {
  test('text, printable page and PAS Bundle of the submitted request, with the code set\u2019s descriptions and the attachment\u2019s bytes', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const receipt = rightOf(await h.portal.priorAuthorization.submit(acting, await h.readyToSubmit(acting)))
    const summary = rightOf(await h.portal.priorAuthorization.summary(acting, receipt.reference))
    assert.ok(summary.text.includes(receipt.reference) && summary.text.includes('Low back pain, unspecified'))
    assert.match(summary.html, /^<!DOCTYPE html>/)
    assert.ok(summary.html.includes(receipt.reference))
    const claim = summary.fhir.entry[0]?.resource as { resourceType: string; use: string }
    assert.equal(claim.resourceType, 'Claim')
    assert.equal(claim.use, 'preauthorization')
    assert.ok(JSON.stringify(summary.fhir).includes(Buffer.from(PDF).toString('base64')))
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.summary({ accountId: 'someone' }, receipt.reference)), ['account.not-found'])
  })
})

describe('determinations', () => {
  test('pended, then certified with an authorization number, on time; nothing after a final decision', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const receipt = rightOf(await h.portal.priorAuthorization.submit(acting, await h.readyToSubmit(acting)))
    const pended = rightOf(await h.portal.priorAuthorization.determine(receipt.reference, { reviewAction: 'A4' }))
    assert.equal(pended.status, 'pended')
    h.clock.advance({ days: 2 })
    const certified = rightOf(await h.portal.priorAuthorization.determine(receipt.reference, { reviewAction: 'A1', authorizationNumber: 'AUTH-2026-0001' }))
    assert.equal(certified.status, 'certified')
    assert.equal(certified.determinations[1]?.timely, true)
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.determine(receipt.reference, { reviewAction: 'C' })), ['determination.already-final'])
  })

  test('a denial needs a specific reason; a late decision is recorded as late', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const receipt = rightOf(await h.portal.priorAuthorization.submit(acting, await h.readyToSubmit(acting)))
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.determine(receipt.reference, { reviewAction: 'A3' })), ['determination.reason-required'])
    h.clock.advance({ days: 8 })
    const denied = rightOf(
      await h.portal.priorAuthorization.determine(receipt.reference, { reviewAction: 'A3', reasonCode: 'MN01', reasonText: 'Conservative therapy for 6 weeks is not documented.' })
    )
    assert.equal(denied.status, 'not-certified')
    assert.equal(denied.determinations[0]?.timely, false)
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.determine('HPA-NOTAREAL', { reviewAction: 'A1' })), ['field.invalid'])
    assert.deepEqual(codesOf(await h.portal.priorAuthorization.determine('HPA-ABCDEFGH', { reviewAction: 'A1' })), ['request.not-found'])
  })
})

describe('the prior-authorization calls never throw on outside input', () => {
  test('every step resolves to a well-formed Either for arbitrary ids and forms', async () => {
    const h = await priorAuthorizationHarness()
    const acting = await h.signIn()
    const id = await h.readyToSubmit(acting)
    const pa = h.portal.priorAuthorization
    const anyForm = fc.dictionary(
      fc.constantFrom('providerId', 'memberId', 'firstName', 'lastName', 'dateOfBirth', 'placeOfService', 'visits', 'serviceDate', 'priority', 'diagnoses', 'procedures', 'name', 'attachments', 'text', 'phone', 'fax', 'servicingFax', 'reviewAction', 'reasonCode', 'reasonText', 'authorizationNumber'),
      fc.anything()
    )
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(id), fc.anything()), anyForm, fc.anything(), async (requestId, form, reference) => {
        const results = await Promise.all([
          pa.requestingProvider(acting, requestId, form),
          pa.member(acting, requestId, form),
          pa.service(acting, requestId, form),
          pa.codes(acting, requestId, form),
          pa.servicingProvider(acting, requestId, form),
          pa.clinicals(acting, requestId, form),
          pa.contacts(acting, requestId, form),
          pa.view(acting, requestId),
          pa.find(acting, reference),
          pa.determine(reference, form),
          pa.start(form as never),
          pa.member(form as never, requestId, form)
        ])
        for (const r of results)
          if (E.isLeft(r)) for (const e of r.left) assert.notEqual(e.code, 'system.unexpected', JSON.stringify(e))
      }),
      { numRuns: 150 }
    )
  })
})
