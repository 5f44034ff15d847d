/**
 * The code sets a request is written in: the Place of Service (CMS), with the
 * number of visits, the date of service and how urgent the decision is
 * (step 5); the Diagnosis Code(s) (ICD-10-CM) and the Procedure Code(s) (CPT
 * and HCPCS Level II) (step 6). Each step sends the whole form of its screen:
 * what a scenario does not mention gets a believable answer (12 visits at the
 * office a week from today; low back pain, therapeutic exercise).
 */
import { defineParameterType, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { ProcedureCodeSystem, procedureCodeSystem } from '../src/prior-authorization/code-sets'
import type { CodesForm, ServiceForm } from '../src/prior-authorization/request'
import { actingAs, currentRequestId, daysFromToday } from './authorization-request-pages'
import { PortalWorld } from './world'

const SYSTEMS: Readonly<Record<string, ProcedureCodeSystem>> = {
  'CPT Category I': 'cpt-category-i',
  'CPT Category II': 'cpt-category-ii',
  'CPT Category III': 'cpt-category-iii',
  'CPT PLA': 'cpt-pla',
  'HCPCS Level II': 'hcpcs-level-ii'
}

defineParameterType({
  name: 'procedureSystem',
  regexp: /CPT Category III|CPT Category II|CPT Category I|CPT PLA|HCPCS Level II/,
  transformer: (s: string): ProcedureCodeSystem => SYSTEMS[s] as ProcedureCodeSystem
})

// ── step 5: Place of Service, number of visits, date of service ───────────

async function describeService(world: PortalWorld, name: string, form: ServiceForm): Promise<void> {
  const p = world.persona(name)
  const usual = { placeOfService: '11', visits: '12', serviceDate: daysFromToday(world, 7) }
  world.record(await world.portal.priorAuthorization.service(actingAs(p), currentRequestId(world), { ...usual, ...form }))
}

When('{persona} (goes back and )selects the Place of Service {string}', async function (this: PortalWorld, name: string, placeOfService: string) {
  await describeService(this, name, { placeOfService })
})

When('{persona} asks for {string} visits', async function (this: PortalWorld, name: string, visits: string) {
  await describeService(this, name, { visits })
})

When('{persona} asks for the service on {string}', async function (this: PortalWorld, name: string, serviceDate: string) {
  await describeService(this, name, { serviceDate })
})

When(
  '{persona} selects the Place of Service {string} and {string} visits on {string}',
  async function (this: PortalWorld, name: string, placeOfService: string, visits: string, serviceDate: string) {
    await describeService(this, name, { placeOfService, visits, serviceDate })
  }
)

When('{persona} asks for a(n) {string} decision', async function (this: PortalWorld, name: string, priority: string) {
  await describeService(this, name, { priority })
})

// ── step 6: Diagnosis Code(s) and Procedure Code(s) ───────────────────────

/** Billable codes of the bundled ICD-10-CM sample, and physical-therapy CPT codes, to make long lists from. */
const BILLABLE_DIAGNOSES = ['M54.50', 'M54.51', 'M54.59', 'I10', 'E11.9', 'J45.909', 'J45.901', 'J45.902', 'R51.9', 'R51.0', 'R05.1', 'R05.9', 'Z00.00', 'Z00.01']
const THERAPY_PROCEDURES = ['97110', '97112', '97116', '97140', '97530', '97535', '97750', '97760', '97761', '97763', '97799']

async function selectCodes(world: PortalWorld, name: string, form: CodesForm): Promise<void> {
  const p = world.persona(name)
  const usual = { diagnoses: 'M54.50', procedures: '97110' }
  world.record(await world.portal.priorAuthorization.codes(actingAs(p), currentRequestId(world), { ...usual, ...form }))
}

const first = (n: number, list: ReadonlyArray<string>): ReadonlyArray<string> => {
  if (n > list.length) throw new Error(`only ${list.length} codes to choose from`)
  return list.slice(0, n)
}

When(
  '{persona} (goes back and )selects the Diagnosis Code(s) {string} and the Procedure Code(s) {string}',
  async function (this: PortalWorld, name: string, diagnoses: string, procedures: string) {
    await selectCodes(this, name, { diagnoses, procedures })
  }
)

When('{persona} selects the Diagnosis Code(s) {string}', async function (this: PortalWorld, name: string, diagnoses: string) {
  await selectCodes(this, name, { diagnoses })
})

When('{persona} selects the Procedure Code(s) {string}', async function (this: PortalWorld, name: string, procedures: string) {
  await selectCodes(this, name, { procedures })
})

When('{persona} selects {int} different billable Diagnosis Codes', async function (this: PortalWorld, name: string, n: number) {
  await selectCodes(this, name, { diagnoses: first(n, BILLABLE_DIAGNOSES) })
})

When('{persona} selects {int} different Procedure Codes', async function (this: PortalWorld, name: string, n: number) {
  await selectCodes(this, name, { procedures: first(n, THERAPY_PROCEDURES) })
})

Then('the procedure code {string} is recorded as {procedureSystem}', async function (this: PortalWorld, code: string, system: ProcedureCodeSystem) {
  this.expectSuccess()
  assert.ok(this.authorizationRequest, 'no authorization request has been opened')
  const request = await this.portal.priorAuthorization.view(actingAs(this.authorizationRequest.openedBy), this.authorizationRequest.id)
  assert.ok(E.isRight(request) && 'codes' in request.right, 'the request has no codes')
  const recorded = request.right.codes.procedures.find((c) => c === code)
  assert.ok(recorded, `the request lists ${request.right.codes.procedures.join(', ')}`)
  assert.equal(procedureCodeSystem(recorded), system)
})
