/**
 * Who an authorization request names: the requesting provider (step 3), the
 * member (step 4, by Member ID or looked up by name and date of birth) and
 * the servicing provider (step 7, by Provider ID or NPI, or looked up by
 * name). A lookup that finds several lists them; the person then chooses one
 * by its ID.
 */
import { DataTable, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../src/kernel/errors'
import type { MemberCandidate, ProviderCandidate, SeveralFound, StepDone } from '../src/prior-authorization/workflow'
import { actingAs, currentRequestId, usDate } from './authorization-request-pages'
import { PortalWorld } from './world'

type Lookup<C, S extends 'member' | 'servicing-provider'> = E.Either<ReadonlyArray<DomainError>, StepDone<S> | SeveralFound<C>>

/** Records a lookup's outcome; several found are kept to choose from. */
function recordMemberLookup(world: PortalWorld, result: Lookup<MemberCandidate, 'member'>): void {
  const found = world.record(result)
  world.lookup = found?.outcome === 'several' ? { kind: 'member', candidates: found.candidates } : undefined
}

function recordProviderLookup(world: PortalWorld, result: Lookup<ProviderCandidate, 'servicing-provider'>): void {
  const found = world.record(result)
  world.lookup = found?.outcome === 'several' ? { kind: 'provider', candidates: found.candidates } : undefined
}

// ── step 3: the requesting provider ───────────────────────────────────────

When("{persona} (goes back and )enters the Requesting Provider ID/NPI {string}", async function (this: PortalWorld, name: string, providerId: string) {
  const p = this.persona(name)
  this.record(await this.portal.priorAuthorization.requestingProvider(actingAs(p), currentRequestId(this), { providerId }))
})

// ── step 4: the member ────────────────────────────────────────────────────

When('{persona} (goes back and )enters the Member ID {string}', async function (this: PortalWorld, name: string, memberId: string) {
  const p = this.persona(name)
  recordMemberLookup(this, await this.portal.priorAuthorization.member(actingAs(p), currentRequestId(this), { memberId }))
})

When('{persona} looks up the member {string} born {string}', async function (this: PortalWorld, name: string, memberName: string, born: string) {
  const p = this.persona(name)
  const [firstName = '', ...rest] = memberName.split(' ')
  const form = { firstName, lastName: rest.join(' '), dateOfBirth: born }
  recordMemberLookup(this, await this.portal.priorAuthorization.member(actingAs(p), currentRequestId(this), form))
})

Then('{persona} is shown these members to choose from:', function (this: PortalWorld, _name: string, table: DataTable) {
  this.expectSuccess()
  assert.equal(this.lookup?.kind, 'member', 'no list of members was shown')
  const shown = (this.lookup.candidates as ReadonlyArray<MemberCandidate>).map((m) => ({
    'Member ID': m.memberId,
    name: `${m.firstName} ${m.lastName}`,
    'date of birth': usDate(m.dateOfBirth)
  }))
  assert.deepEqual(shown, table.hashes())
})

When('{persona} chooses Member ID {string} from the list', async function (this: PortalWorld, name: string, memberId: string) {
  assert.equal(this.lookup?.kind, 'member', 'no list of members was shown')
  assert.ok(this.lookup.candidates.some((m) => m.memberId === memberId), `${memberId} is not on the list`)
  const p = this.persona(name)
  recordMemberLookup(this, await this.portal.priorAuthorization.member(actingAs(p), currentRequestId(this), { memberId }))
})

// ── step 7: the servicing provider ────────────────────────────────────────

When('{persona} enters the Servicing Provider ID/NPI {string}', async function (this: PortalWorld, name: string, providerId: string) {
  const p = this.persona(name)
  recordProviderLookup(this, await this.portal.priorAuthorization.servicingProvider(actingAs(p), currentRequestId(this), { providerId }))
})

When('{persona} looks up the servicing provider {string}', async function (this: PortalWorld, name: string, providerName: string) {
  const p = this.persona(name)
  recordProviderLookup(this, await this.portal.priorAuthorization.servicingProvider(actingAs(p), currentRequestId(this), { name: providerName }))
})

Then('{persona} is shown these providers to choose from:', function (this: PortalWorld, _name: string, table: DataTable) {
  this.expectSuccess()
  assert.equal(this.lookup?.kind, 'provider', 'no list of providers was shown')
  const shown = (this.lookup.candidates as ReadonlyArray<ProviderCandidate>).map((c) => ({ 'Provider ID': c.providerId, name: c.name, NPI: c.npi ?? '' }))
  assert.deepEqual(shown, table.hashes())
})

When('{persona} chooses Provider ID {string} from the list', async function (this: PortalWorld, name: string, providerId: string) {
  assert.equal(this.lookup?.kind, 'provider', 'no list of providers was shown')
  assert.ok(this.lookup.candidates.some((c) => c.providerId === providerId), `${providerId} is not on the list`)
  const p = this.persona(name)
  recordProviderLookup(this, await this.portal.priorAuthorization.servicingProvider(actingAs(p), currentRequestId(this), { providerId }))
})
