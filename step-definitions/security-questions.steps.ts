/**
 * Security questions: the plan's list, and "Forgot Your Password?" — the
 * question shown for a username, and answering it for a new temporary password.
 */
import { DataTable, Then, When } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import type { ChallengeQuestion } from '../src/credentials/challenge-question'
import { PortalWorld } from './world'

const planQuestions = (world: PortalWorld): ReadonlyArray<ChallengeQuestion> => {
  const questions = world.preset.policies.providers?.securityQuestions
  assert.ok(questions, `${world.preset.name} has no security questions`)
  return questions
}

async function askQuestionFor(world: PortalWorld, username: string): Promise<void> {
  const question = world.record(await world.portal.passwordRecovery.question(username))
  if (question !== undefined) world.questionsShown.push(question)
}

async function answer(world: PortalWorld, username: string, securityAnswer: string): Promise<void> {
  world.record(await world.portal.passwordRecovery.answer({ username, securityAnswer }))
}

/** An answer that is certainly not the right one. */
const wrongAnswerTo = (right: string): string => `not ${right}`

Then('the security questions offered are:', function (this: PortalWorld, table: DataTable) {
  assert.deepEqual(
    planQuestions(this).map((q) => q.text),
    table.raw().map(([text]) => text)
  )
})

When('{persona} asks for her/his security question', async function (this: PortalWorld, name: string) {
  await askQuestionFor(this, this.persona(name).username)
})

When('someone asks for the security question of {string}', async function (this: PortalWorld, username: string) {
  await askQuestionFor(this, username)
})

Then('{persona} is/are asked {string}', function (this: PortalWorld, _name: string, text: string) {
  this.expectSuccess()
  const shown = this.questionsShown[this.questionsShown.length - 1]
  assert.equal(shown?.text, text)
})

Then('{persona} is/are asked one of the plan\'s questions', function (this: PortalWorld, _name: string) {
  this.expectSuccess()
  const shown = this.questionsShown[this.questionsShown.length - 1]
  assert.ok(shown && planQuestions(this).some((q) => q.id === shown.id && q.text === shown.text), `asked ${JSON.stringify(shown)}`)
})

Then('the same question is asked each time', function (this: PortalWorld) {
  assert.ok(this.questionsShown.length >= 2, 'fewer than two questions were asked')
  assert.equal(new Set(this.questionsShown.map((q) => q.text)).size, 1, `asked: ${this.questionsShown.map((q) => q.text).join(' / ')}`)
})

When('{persona} answers her/his security question with {string}', async function (this: PortalWorld, name: string, securityAnswer: string) {
  await answer(this, this.persona(name).username, securityAnswer)
})

When('{persona} answers her/his security question correctly', async function (this: PortalWorld, name: string) {
  const p = this.persona(name)
  await answer(this, p.username, p.securityAnswer)
})

When('{persona} answers her/his security question wrongly {int} times', async function (this: PortalWorld, name: string, times: number) {
  const p = this.persona(name)
  for (let i = 0; i < times; i++) await answer(this, p.username, wrongAnswerTo(p.securityAnswer))
})

When(
  'someone answers the security question of {string} with {string}',
  async function (this: PortalWorld, username: string, securityAnswer: string) {
    await answer(this, username, securityAnswer)
  }
)

When(
  'someone answers the security question of {string} wrongly {int} times',
  async function (this: PortalWorld, username: string, times: number) {
    for (let i = 0; i < times; i++) await answer(this, username, `wrong answer ${i}`)
  }
)
