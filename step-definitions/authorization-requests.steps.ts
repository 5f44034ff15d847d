/**
 * The outpatient authorization request as a whole: opening "Authorization
 * Request", a request filled in as far as some step, where the person may go
 * next, what the request reads, "Submit", the reference number and the
 * decision's due time, and finding a request again by its reference number.
 * The steps of the wizard themselves live with their concepts (parties, codes,
 * clinicals, contacts).
 */
import { DataTable, defineParameterType, Given, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import type { DomainError } from '../src/kernel/errors'
import { ClinicalsForm, DRAFT_STATES, DraftState } from '../src/prior-authorization/request'
import type { AuthorizationRequest } from '../src/prior-authorization/ports'
import type { DecisionPriority } from '../src/prior-authorization/code-sets'
import { actingAs, currentRequestId, daysFromToday, hasReachedStage, requestLines, STAGES, usDateTime } from './authorization-request-pages'
import { uploadsFrom } from './files'
import { Persona } from './personas'
import { PLAN_ZONE, PortalWorld } from './world'

defineParameterType({
  name: 'requestStage',
  regexp: new RegExp(Object.keys(STAGES).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')),
  transformer: (s: string): DraftState => {
    const state = STAGES[s]
    if (state === undefined) throw new Error(`not a step of the authorization request: ${s}`)
    return state
  }
})

/** The typed clinical information a filled-in request carries unless a step says otherwise. */
const USUAL_CLINICALS =
  'Low back pain for 8 weeks despite a home exercise program; lumbar X-ray of 11-02-2026 unremarkable. Requesting 12 visits of physical therapy.'

const must = <A>(world: PortalWorld, what: string, result: E.Either<ReadonlyArray<DomainError>, A>): A => {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.map((e) => `${e.code} (${world.portal.messageFor(e)})`).join('; ')}`)
  return result.right
}

interface FillOptions {
  readonly priority: DecisionPriority
  /** MM-DD-YYYY; a week from today when not given. */
  readonly serviceDate?: string
  /** The usual typed clinical information when not given. */
  readonly clinicals?: ClinicalsForm
  /** The codes as typed (comma-separated); M54.50 with 97110 and 97140 when not given. */
  readonly codes?: { readonly diagnoses: string; readonly procedures: string }
  /** Answers the scenario gives itself, by step and form field, as typed (they replace the believable ones). */
  readonly typed?: TypedAnswers
}

/** Which step of the wizard a typed answer goes to, and the name of its field on that step's form. */
type AnswerStep = 'requesting-provider' | 'member' | 'service' | 'codes' | 'servicing-provider' | 'clinicals' | 'contacts'
type TypedAnswers = Partial<Record<AnswerStep, Readonly<Record<string, string>>>>

/** The fields a request's answers may be given by, in the words of its screens. */
const ANSWER_FIELDS: Readonly<Record<string, readonly [AnswerStep, string]>> = {
  'Requesting Provider ID/NPI': ['requesting-provider', 'providerId'],
  'Member ID': ['member', 'memberId'],
  'Place of Service': ['service', 'placeOfService'],
  'Number of visits': ['service', 'visits'],
  'Date of service': ['service', 'serviceDate'],
  Decision: ['service', 'priority'],
  'Diagnosis Code(s)': ['codes', 'diagnoses'],
  'Procedure Code(s)': ['codes', 'procedures'],
  'Servicing Provider ID/NPI': ['servicing-provider', 'providerId'],
  'Clinical information': ['clinicals', 'text'],
  'Phone number': ['contacts', 'phone'],
  'Fax number': ['contacts', 'fax'],
  "Servicing Provider's fax number": ['contacts', 'servicingFax']
}

/**
 * A table of `| field | value |` rows (a header row "field | value" is
 * optional) as typed answers; a field the request does not have fails the
 * step, listing the ones it has.
 */
const typedAnswersFrom = (table: DataTable): TypedAnswers => {
  const rows = table.raw() as Array<[string, string]>
  const body = rows[0]?.[0]?.toLowerCase() === 'field' && rows[0]?.[1]?.toLowerCase() === 'value' ? rows.slice(1) : rows
  const answers: Record<string, Record<string, string>> = {}
  for (const row of body) {
    if (row.length !== 2) throw new Error(`each row gives a field and its value: | ${row.join(' | ')} |`)
    const [label, value] = row
    const target = ANSWER_FIELDS[label]
    if (target === undefined) throw new Error(`an authorization request has no field "${label}"; its fields are: ${Object.keys(ANSWER_FIELDS).join(', ')}`)
    const [step, field] = target
    if (answers[step]?.[field] !== undefined) throw new Error(`the field "${label}" is given twice`)
    answers[step] = { ...answers[step], [field]: value }
  }
  return answers
}

/**
 * Opens a request for `requester` and answers each step, up to and including
 * the step that reaches `upTo`, with believable answers: her own practice as
 * requesting and servicing provider, the member by Member ID, 12 visits at the
 * office a week from today, low back pain (M54.50) for physical therapy
 * (97110, 97140), typed clinical information, the practice's phone and fax.
 */
async function fillIn(world: PortalWorld, requester: Persona, member: Persona, upTo: DraftState, options: FillOptions): Promise<void> {
  const pa = world.portal.priorAuthorization
  const acting = actingAs(requester)
  const practice = requester.practice
  if (practice === undefined) throw new Error(`${requester.firstName} works at no practice`)
  const opened = must(world, 'opening an Authorization Request', await pa.start(acting))
  world.authorizationRequest = { id: opened.id, openedBy: requester }
  const id = opened.id
  const typed = options.typed ?? {}
  const steps: ReadonlyArray<readonly [DraftState, () => Promise<E.Either<ReadonlyArray<DomainError>, unknown>>]> = [
    ['requesting-provider', () => pa.requestingProvider(acting, id, { providerId: practice.providerId, ...typed['requesting-provider'] })],
    ['member', () => pa.member(acting, id, { memberId: member.memberId, ...typed.member })],
    [
      'service',
      () =>
        pa.service(acting, id, {
          placeOfService: '11',
          visits: '12',
          serviceDate: options.serviceDate ?? daysFromToday(world, 7),
          priority: options.priority,
          ...typed.service
        })
    ],
    ['codes', () => pa.codes(acting, id, { ...(options.codes ?? { diagnoses: ['M54.50'], procedures: ['97110', '97140'] }), ...typed.codes })],
    ['servicing-provider', () => pa.servicingProvider(acting, id, { providerId: practice.providerId, ...typed['servicing-provider'] })],
    ['clinicals', () => pa.clinicals(acting, id, { ...(options.clinicals ?? { text: USUAL_CLINICALS }), ...typed.clinicals })],
    ['contacts', () => pa.contacts(acting, id, { phone: practice.phone, fax: '(813) 555-0199', ...typed.contacts })]
  ]
  for (const [state, answer] of steps) {
    if (DRAFT_STATES.indexOf(state) > DRAFT_STATES.indexOf(upTo)) break
    must(world, `answering the ${state} step`, await answer())
  }
}

// ── opening "Authorization Request" (steps 1–2) ───────────────────────────

When('{persona} opens an Authorization Request', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const opened = this.record(await this.portal.priorAuthorization.start(actingAs(p)))
  if (opened !== undefined) this.authorizationRequest = { id: opened.id, openedBy: p }
})

When('someone who has not logged in opens an Authorization Request', async function (this: PortalWorld) {
  this.record(await this.portal.priorAuthorization.start({ accountId: undefined }))
})

// ── a request filled in so far ────────────────────────────────────────────

Given(
  '{persona} has filled in an authorization request for {persona} up to the {requestStage}',
  async function (this: PortalWorld, requesterName: string, memberName: string, stage: DraftState) {
    const member = this.persona(memberName)
    await fillIn(this, this.persona(requesterName), member, stage, { priority: 'standard' })
  }
)

Given('{persona} has an authorization request for {persona} ready to submit', async function (this: PortalWorld, requesterName: string, memberName: string) {
  const member = this.persona(memberName)
  await fillIn(this, this.persona(requesterName), member, 'contacts', { priority: 'standard' })
})

/**
 * A request ready to submit with some answers of one's own, the rest
 * believable: a table of field and value, the fields in the words of the
 * request's screens (Requesting Provider ID/NPI, Member ID, Place of Service,
 * Number of visits, Date of service, Decision, Diagnosis Code(s), Procedure
 * Code(s), Servicing Provider ID/NPI, Clinical information, Phone number, Fax
 * number, Servicing Provider's fax number), the values as typed on them.
 */
Given(
  '{persona} has an authorization request for {persona} ready to submit, with these answers:',
  async function (this: PortalWorld, requesterName: string, memberName: string, table: DataTable) {
    const typed = typedAnswersFrom(table)
    const member = this.persona(memberName)
    await fillIn(this, this.persona(requesterName), member, 'contacts', { priority: 'standard', typed })
  }
)

Given(
  '{persona} has an authorization request for {persona} ready to submit, asking for an expedited decision',
  async function (this: PortalWorld, requesterName: string, memberName: string) {
    const member = this.persona(memberName)
    await fillIn(this, this.persona(requesterName), member, 'contacts', { priority: 'expedited' })
  }
)

Given(
  '{persona} has an authorization request for {persona} ready to submit, for a service on {string}',
  async function (this: PortalWorld, requesterName: string, memberName: string, serviceDate: string) {
    const member = this.persona(memberName)
    await fillIn(this, this.persona(requesterName), member, 'contacts', { priority: 'standard', serviceDate })
  }
)

Given('{persona} has submitted an authorization request for {persona}', async function (this: PortalWorld, requesterName: string, memberName: string) {
  const member = this.persona(memberName)
  const requester = this.persona(requesterName)
  await fillIn(this, requester, member, 'contacts', { priority: 'standard' })
  this.submission = must(this, 'submitting the request', await this.portal.priorAuthorization.submit(actingAs(requester), currentRequestId(this)))
})

async function fillInAndSubmit(world: PortalWorld, requesterName: string, memberName: string, clinicals: ClinicalsForm): Promise<void> {
  const requester = world.persona(requesterName)
  await fillIn(world, requester, world.persona(memberName), 'contacts', { priority: 'standard', clinicals })
  world.submission = must(world, 'submitting the request', await world.portal.priorAuthorization.submit(actingAs(requester), currentRequestId(world)))
}

Given(
  '{persona} has submitted another authorization request for {persona}, with {int} characters of typed clinical information',
  async function (this: PortalWorld, requesterName: string, memberName: string, length: number) {
    const sentence = 'Low back pain for 8 weeks, worse on standing; no red flags. '
    await fillInAndSubmit(this, requesterName, memberName, { text: sentence.repeat(Math.ceil(length / sentence.length)).slice(0, length - 1) + '.' })
  }
)

Given(
  '{persona} has submitted another authorization request for {persona}, with these clinicals attached:',
  async function (this: PortalWorld, requesterName: string, memberName: string, table: DataTable) {
    await fillInAndSubmit(this, requesterName, memberName, { attachments: uploadsFrom(table) })
  }
)

Given(
  '{persona} has submitted an authorization request for {persona} with the Diagnosis Code(s) {string} and the Procedure Code(s) {string}',
  async function (this: PortalWorld, requesterName: string, memberName: string, diagnoses: string, procedures: string) {
    const requester = this.persona(requesterName)
    await fillIn(this, requester, this.persona(memberName), 'contacts', { priority: 'standard', codes: { diagnoses, procedures } })
    this.submission = must(this, 'submitting the request', await this.portal.priorAuthorization.submit(actingAs(requester), currentRequestId(this)))
  }
)

// ── where the person stands ───────────────────────────────────────────────

/** The request as the persona may read it now. */
async function viewedBy(world: PortalWorld, p: Persona): Promise<AuthorizationRequest> {
  return must(world, `${p.firstName} reading the request`, await world.portal.priorAuthorization.view(actingAs(p), currentRequestId(world)))
}

Then('{persona} may go on to the {requestStage}', async function (this: PortalWorld, name: string, stage: DraftState) {
  this.expectSuccess()
  const outcome = (this.lastResult as E.Right<unknown>).right as { outcome?: string }
  assert.notEqual(outcome.outcome, 'several', 'the lookup found several: one must be chosen first')
  const request = await viewedBy(this, this.persona(name))
  assert.ok(hasReachedStage(request, stage), `the request is only at "${request.state}"`)
})

Then("{persona}'s request reads:", async function (this: PortalWorld, name: string, table: DataTable) {
  const lines = requestLines(await viewedBy(this, this.persona(name)))
  for (const [label, value] of table.raw() as Array<[string, string]>)
    assert.equal(lines.get(label) ?? '', value, `${label}: the request reads ${JSON.stringify(Object.fromEntries(lines))}`)
})

// ── "Submit" (step 10) ────────────────────────────────────────────────────

When('{persona} submits the request', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const receipt = this.record(await this.portal.priorAuthorization.submit(actingAs(p), currentRequestId(this)))
  if (receipt !== undefined) this.submission = receipt
})

const submitted = (world: PortalWorld) => {
  world.expectSuccess()
  assert.ok(world.submission, 'nothing was submitted')
  return world.submission
}

Then('the request is submitted with a reference number such as {string}', function (this: PortalWorld, example: string) {
  const { reference } = submitted(this)
  // The example's shape: the plan's prefix, a dash, 8 letters and digits that cannot be mistaken for one another.
  const shape = /^HPA-[A-HJ-NP-Z2-9]{8}$/
  assert.match(example, shape, 'the example itself does not have the shape of a reference number')
  assert.match(reference, shape)
})

Then('the decision is due by {string}', function (this: PortalWorld, due: string) {
  assert.equal(usDateTime(submitted(this).dueAt), due)
})

Then('the decision is due {int} hours after submission', function (this: PortalWorld, hours: number) {
  const { submittedAt, dueAt } = submitted(this)
  assert.equal(DateTime.fromISO(dueAt).diff(DateTime.fromISO(submittedAt), 'hours').hours, hours)
})

/** The last step was refused because the request is not in a state that step is for. */
const refusedAsOutOfOrder = (world: PortalWorld, rule: RegExp): void => {
  const refusal = world.lastErrors.find((e) => e.code === 'flow.wrong-state')
  assert.ok(refusal, `not refused as out of order: ${JSON.stringify(world.lastErrors.map((e) => e.code))}`)
  assert.match(refusal.rule, rule)
}

Then('the request is refused because it is already submitted', function (this: PortalWorld) {
  refusedAsOutOfOrder(this, /already submitted/)
})

Then('the request is refused because an earlier step is not done', function (this: PortalWorld) {
  refusedAsOutOfOrder(this, /needs the steps up to .* done first/)
})

// ── finding a submitted request again ─────────────────────────────────────

When('{persona} looks up the request by its reference number', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  assert.ok(this.submission, 'nothing was submitted')
  this.record(await this.portal.priorAuthorization.find(actingAs(p), this.submission.reference))
})

When('{persona} looks up the reference number {string}', async function (this: PortalWorld, name: string, reference: string) {
  this.record(await this.portal.priorAuthorization.find(actingAs(this.persona(name)), reference))
})

When('{persona} looks up the request by its reference number typed in lower case', async function (this: PortalWorld, name: string) {
  assert.ok(this.submission, 'nothing was submitted')
  this.record(await this.portal.priorAuthorization.find(actingAs(this.persona(name)), this.submission.reference.toLowerCase()))
})

// ── the plan's clock ──────────────────────────────────────────────────────

Given('it is {string} Eastern time', function (this: PortalWorld, when: string) {
  const at = DateTime.fromFormat(when, 'MM-dd-yyyy h:mm a', { zone: PLAN_ZONE, locale: 'en-US' })
  if (!at.isValid) throw new Error(`"${when}" is not a time written like "03-10-2027 10:00 AM"`)
  this.clock.set(at)
})

// ── what the person is told ───────────────────────────────────────────────

Then('{persona} sees these messages together:', function (this: PortalWorld, _name: string, table: DataTable) {
  assert.deepEqual([...this.messagesShown].sort(), table.raw().map(([m]) => m as string).sort())
})
