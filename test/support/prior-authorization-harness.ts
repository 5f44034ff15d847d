/**
 * The Harmony portal over memory with a registered, signed-in provider user
 * (Grace Okafor of Riverside Family Practice), a member directory and a
 * provider directory with NPIs: what the prior-authorization workflow tests
 * start from. Everything goes through the library's own workflows.
 */
import { ProviderData } from '../../adapters/memory'
import { harmonyHarness, HarmonyHarnessOptions, RIVERSIDE, RIVERSIDE_ABOUT, rightOf } from './harmony-harness'

export { rightOf, codesOf } from './harmony-harness'

/** Riverside's NPI (valid check digit), a second practice, and a servicing imaging centre. */
export const RIVERSIDE_WITH_NPI: ProviderData = { ...RIVERSIDE, npi: '1234567893' }
export const BAYSHORE: ProviderData = { providerId: 'HP005678', name: 'Bayshore Pediatrics', zipCode: '33606', taxId: '59-7654321', npi: '1922334457' }
export const TAMPA_IMAGING: ProviderData = { providerId: 'HP009876', name: 'Tampa Bay Imaging Center', zipCode: '33609', taxId: '59-2468135', npi: '1588667786' }
export const TAMPA_PHYSICAL: ProviderData = { providerId: 'HP009877', name: 'Tampa Bay Physical Therapy', zipCode: '33609', taxId: '59-2468136' }

export const MEMBERS = [
  { memberId: 'HX10002345', firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '07-04-1962' },
  { memberId: 'HX10002346', firstName: 'James', lastName: 'Carter', dateOfBirth: '01-15-1990' },
  // Two members with the same name and birthday (it happens): a lookup by name finds both.
  { memberId: 'HX10002347', firstName: 'John', lastName: 'Smith', dateOfBirth: '05-05-1975' },
  { memberId: 'HX10002348', firstName: 'John', lastName: 'Smith', dateOfBirth: '05-05-1975' }
]

export const PASSWORD = 'correct horse battery staple'

/** A minimal real PDF's first bytes. */
export const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

/** Every step's form for a complete, valid request (date of service 12-01-2026). */
export const VALID = {
  requestingProvider: { providerId: 'HP001234' },
  member: { memberId: 'HX10002345' },
  service: { placeOfService: '11', visits: '6', serviceDate: '12-01-2026' },
  codes: { diagnoses: ['M54.50'], procedures: ['97110', '97140'] },
  servicingProvider: { providerId: 'HP009877' },
  clinicals: { text: 'Low back pain for 8 weeks; failed home exercise program.', attachments: [{ fileName: 'referral.pdf', mediaType: 'application/pdf', content: PDF }] },
  contacts: { phone: '(813) 555-0143', fax: '813-555-0144' }
} as const

/** The Harmony harness plus a signed-in provider user and helpers to walk the wizard. */
export const priorAuthorizationHarness = async (options: HarmonyHarnessOptions = {}) => {
  const harness = harmonyHarness({ providers: [RIVERSIDE_WITH_NPI, BAYSHORE, TAMPA_IMAGING, TAMPA_PHYSICAL], members: MEMBERS, ...options })
  const { portal } = harness

  /** Registers Riverside, replaces the temporary password and signs in: the acting account. */
  const signIn = async (username = 'GraceOkafor') => {
    const reg = await harness.register({ providerId: 'HP001234', zipCode: '33602', taxId: '59-1234567' }, RIVERSIDE_ABOUT, {
      username,
      securityQuestion: 'What was the name of your first pet?',
      securityAnswer: 'Biscuit'
    })
    rightOf(await portal.chooseOwnPassword({ username, currentPassword: reg.temporaryPassword, newPassword: PASSWORD, confirmNewPassword: PASSWORD }), 'own password')
    const signedIn = rightOf(await portal.signIn({ username, password: PASSWORD }), 'sign in')
    return { accountId: signedIn.accountId }
  }

  /** Walks steps 1–9 with the valid forms (overriding some), returning the request id. */
  const readyToSubmit = async (acting: { accountId: string }, overrides: Partial<Record<keyof typeof VALID, unknown>> = {}) => {
    const pa = portal.priorAuthorization
    const forms = { ...VALID, ...overrides } as typeof VALID
    const id = rightOf(await pa.start(acting), 'start').id
    rightOf(await pa.requestingProvider(acting, id, forms.requestingProvider), 'requesting provider')
    rightOf(await pa.member(acting, id, forms.member), 'member')
    rightOf(await pa.service(acting, id, forms.service), 'service')
    rightOf(await pa.codes(acting, id, forms.codes), 'codes')
    rightOf(await pa.servicingProvider(acting, id, forms.servicingProvider), 'servicing provider')
    rightOf(await pa.clinicals(acting, id, forms.clinicals), 'clinicals')
    rightOf(await pa.contacts(acting, id, forms.contacts), 'contacts')
    return id
  }

  return { ...harness, signIn, readyToSubmit }
}
