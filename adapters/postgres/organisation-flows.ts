/**
 * Codecs of HealthPartners' registration flows (a provider's, a billing
 * organisation's) as the flows table keeps them: one codec per state, each
 * naming exactly its state's fields (an unknown field is refused, not dropped:
 * a flow never holds a Tax ID nor a check number, and a row that does is not
 * trusted), every branded value re-parsed in its canonical form with the
 * organisation codecs' own leaves.
 *
 * @since 0.3.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { FlowId } from '../../src/accounts/flow'
import { TEXT_LIMITS } from '../../src/kernel/form'
import { Npi, parseNpi } from '../../src/kernel/npi'
import { parseUsername, Username } from '../../src/kernel/username'
import { closedObject } from '../../src/organizations/client-access-codecs'
import { organisationCodecKit as kit } from '../../src/organizations/codecs'
import { parseVendorNumber, VendorNumber } from '../../src/organizations/issued-check'
import { OrganisationRegistrationFlow, PROVIDER_PATHS, ProviderPath } from '../../src/organizations/registration/flow'
import { decodeDocument } from './documents'

// -------------------------------------------------------------------------------------
// leaves
// -------------------------------------------------------------------------------------

/** Most candidates a flow lists: far above any plan's policy, a bound on a stored row. */
const MAX_CANDIDATES = 1000

const FlowIdCodec = kit.matching<FlowId>('FlowId', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 36, 'a UUID')
const Version = kit.refined(t.number, 'version', (n) => (Number.isSafeInteger(n) && n >= 0 ? undefined : 'must be a whole number, 0 or more'))
const NpiCodec = kit.canonical<Npi>('npi', parseNpi)
const VendorNumberCodec = kit.canonical<VendorNumber>('vendorNumber', parseVendorNumber)
const UsernameCodec = kit.canonical<Username>('username', parseUsername)

/** Text as a directory gives it: not blank, no blanks around it, at most `maximum` characters. */
const text = (name: string, maximum: number): t.Type<string, string, unknown> =>
  kit.refined(t.string, name, (s) => (s !== '' && s.length <= maximum && s === s.trim() ? undefined : `must be text of 1 to ${maximum} characters without blanks around it`))

const ProviderName = text('name', TEXT_LIMITS.line)
const TaxIdOnFile = closedObject('TaxIdOnFile', { hash: kit.KeyedHash, last4: kit.TaxIdLast4 })
const Reference = t.union([closedObject('NpiReference', { npi: NpiCodec }), closedObject('VendorNumberReference', { vendorNumber: VendorNumberCodec })])
const Candidate = closedObject('ProviderCandidate', {
  providerKey: kit.providerKey(),
  name: ProviderName,
  addressHint: t.union([text('addressHint', 2 * TEXT_LIMITS.line), t.null])
})
const Candidates = kit.boundedArray(Candidate, MAX_CANDIDATES, 'candidates')
const Selected = closedObject('SelectedProvider', { providerKey: kit.providerKey(), name: ProviderName })
const Contact = closedObject('Contact', {
  firstName: kit.PersonName,
  lastName: kit.PersonName,
  email: kit.EmailAddress,
  phone: t.union([kit.Phone, t.null])
})
const Completion = { organisationId: kit.OrganisationId, accountId: kit.AccountId, username: UsernameCodec }

// -------------------------------------------------------------------------------------
// the states
// -------------------------------------------------------------------------------------

const base = { id: FlowIdCodec, startedAt: kit.Instant, expiresAt: kit.Instant, version: Version }
const provider = { ...base, kind: t.literal('provider-organisation'), path: kit.literals<ProviderPath>('ProviderPath', PROVIDER_PATHS), taxId: TaxIdOnFile, reference: Reference }
const billing = { ...base, kind: t.literal('billing-organisation'), fullName: kit.OrganisationName, taxId: TaxIdOnFile }

type Codec = t.Type<OrganisationRegistrationFlow, unknown, unknown>
const state = <P extends t.Props>(name: string, props: P): Codec => closedObject(name, props) as unknown as Codec

/** Each kind's states, by name: the row's kind and state pick the codec, so errors are those of the state it claims. */
const STATES: Readonly<Record<string, Readonly<Record<string, Codec>>>> = {
  'provider-organisation': {
    identified: state('ProviderIdentified', { ...provider, state: t.literal('identified'), candidates: Candidates }),
    'provider-selected': state('ProviderSelected', { ...provider, state: t.literal('provider-selected'), candidates: Candidates, provider: Selected }),
    'contact-given': state('ProviderContactGiven', { ...provider, state: t.literal('contact-given'), candidates: Candidates, provider: Selected, contact: Contact }),
    completed: state('ProviderRegistrationDone', { ...provider, state: t.literal('completed'), provider: Selected, contact: Contact, ...Completion })
  },
  'billing-organisation': {
    'organisation-named': state('BillingOrganisationNamed', { ...billing, state: t.literal('organisation-named') }),
    'contact-given': state('BillingContactGiven', { ...billing, state: t.literal('contact-given'), contact: Contact }),
    completed: state('BillingRegistrationDone', { ...billing, state: t.literal('completed'), contact: Contact, ...Completion })
  }
}

/** An own data property's value (never a getter's: reading one could run code). */
const own = (u: object, key: string): unknown => {
  const d = Object.getOwnPropertyDescriptor(u, key)
  return d !== undefined && 'value' in d ? d.value : undefined
}

/** What the transitions keep and a shape cannot say; the first broken rule, if any. */
const brokenRule = (f: OrganisationRegistrationFlow): string | undefined => {
  if (!(Date.parse(f.startedAt) < Date.parse(f.expiresAt))) return 'expiresAt must be after startedAt'
  if (f.kind !== 'provider-organisation') return undefined
  const byNpi = 'npi' in f.reference
  if ((f.path === 'tax-id-npi' && !byNpi) || (f.path === 'tax-id-vendor' && byNpi)) return `reference: the ${f.path} path gives the ${f.path === 'tax-id-npi' ? 'NPI' : 'vendor number'}`
  if ((f.state === 'provider-selected' || f.state === 'contact-given') && !f.candidates.some((c) => c.providerKey === f.provider.providerKey))
    return 'provider: must be one of the candidates listed'
  return undefined
}

/** io-ts codec for a stored provider's or billing organisation's registration flow, in any of its states. */
export const OrganisationRegistrationFlowCodec: Codec = new t.Type<OrganisationRegistrationFlow, unknown, unknown>(
  'OrganisationRegistrationFlow',
  (u): u is OrganisationRegistrationFlow => E.isRight(decodeOrganisationFlow(u)),
  (u, c) => {
    if (typeof u !== 'object' || u === null) return t.failure(u, c, 'must be a JSON object')
    const kind = own(u, 'kind')
    const states = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(STATES, kind) ? STATES[kind] : undefined
    if (states === undefined) return t.failure(u, c, 'kind must be provider-organisation or billing-organisation')
    const name = own(u, 'state')
    const codec = typeof name === 'string' && Object.prototype.hasOwnProperty.call(states, name) ? states[name] : undefined
    if (codec === undefined) return t.failure(u, c, `state must be one of ${Object.keys(states).join(', ')}`)
    return E.chain((f: OrganisationRegistrationFlow): t.Validation<OrganisationRegistrationFlow> => {
      const broken = brokenRule(f)
      return broken === undefined ? t.success(f) : t.failure(u, c, broken)
    })(codec.validate(u, c))
  },
  (f) => f
)

/** Decodes a stored organisation registration flow (its document with its version); the failure in words. */
export const decodeOrganisationFlow = (u: unknown): E.Either<string, OrganisationRegistrationFlow> => decodeDocument(OrganisationRegistrationFlowCodec, u)
