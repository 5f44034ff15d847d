/**
 * Who is signed in: a provider's user who registered the practice, replaced
 * the temporary password and logged on; one who has only logged on with the
 * temporary password; a member who signed up. Each is done for real through
 * the library (registration, the e-mail read as a person reads it, sign-in),
 * and the persona keeps the signed-in account's id.
 */
import { Given } from '@cucumber/cucumber'
import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../src/kernel/errors'
import { Persona, Practice } from './personas'
import { PortalWorld } from './world'

/** The success value of a set-up call, or a failure that names the step and what the portal said. */
const must = <A>(world: PortalWorld, what: string, result: E.Either<ReadonlyArray<DomainError>, A>): A => {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.map((e) => `${e.code} (${world.portal.messageFor(e)})`).join('; ')}`)
  return result.right
}

const practiceOf = (p: Persona): Practice => {
  if (p.practice === undefined) throw new Error(`${p.firstName} works at no practice: say first that she is its office manager`)
  return p.practice
}

/** Harmony's web registration of the persona's practice ("Sign Up Here", then "Register Here"); answers the temporary password e-mailed. */
async function registerPractice(world: PortalWorld, p: Persona): Promise<string> {
  const { providerId, zipCode, taxId, name, phone } = practiceOf(p)
  const registration = world.portal.providerRegistration
  const { flowId } = must(world, 'identifying the practice', await registration.identify({ providerId, zipCode, taxId }))
  const me = { firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone, access: [...p.access] }
  must(world, 'telling Harmony about the practice', await registration.describe(flowId, { organisation: { name, phone }, users: [me] }))
  const username = { username: p.username, securityQuestion: p.securityQuestion, securityAnswer: p.securityAnswer }
  const confirmation = must(world, 'creating the username', await registration.createUsername(flowId, username))
  p.username = confirmation.username
  p.registeredAt = world.clock.now().toISO() as string
  return world.temporaryPasswordIn(world.latestTemporaryPasswordEmail(p))
}

/** Signs the persona in with the password given, and keeps the account's id. */
async function signIn(world: PortalWorld, p: Persona, password: string): Promise<void> {
  const session = must(world, 'signing in', await world.portal.signIn({ username: p.username, password }))
  p.accountId = session.accountId
}

Given('{persona} is signed in to Harmony', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const temporaryPassword = await registerPractice(this, p)
  must(
    this,
    'replacing the temporary password',
    await this.portal.chooseOwnPassword({ username: p.username, currentPassword: temporaryPassword, newPassword: p.password, confirmNewPassword: p.password })
  )
  await signIn(this, p, p.password)
})

Given('{persona} has logged on with her/his temporary password but not replaced it', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await signIn(this, p, await registerPractice(this, p))
})

Given('{persona} is signed in to Harmony as a member', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  const signUp = this.portal.signUp
  const { flowId } = must(this, 'asking for a sign-up code', await signUp.start({ username: p.username, newPassword: p.password, confirmNewPassword: p.password, email: p.email }))
  must(this, 'verifying the e-mail address', await signUp.verifyEmail(flowId, this.codeIn(this.latestEmail(p))))
  const profile = { firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, iAmA: 'member', memberId: p.memberId }
  must(this, 'creating the member account', await signUp.create(flowId, profile))
  await signIn(this, p, p.password)
})
