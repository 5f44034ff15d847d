/** What the person is told: the preset's wording for the last outcome. */
import { Then } from '@cucumber/cucumber'
import assert from 'node:assert/strict'
import { fieldOf } from './parameter-types'
import { PortalWorld } from './world'

Then('{persona} is/are told {string}', function (this: PortalWorld, _name: string, message: string) {
  assert.ok(this.messagesShown.includes(message), `shown: ${JSON.stringify(this.messagesShown)}`)
})

Then('{persona} is told {string} for the {field}', function (this: PortalWorld, _name: string, message: string, field: string) {
  const forField = this.lastErrors.filter((e) => e.field === field).map((e) => this.portal.messageFor(e))
  assert.ok(forField.includes(message), `shown for ${field}: ${JSON.stringify(forField)}; all: ${JSON.stringify(this.messagesShown)}`)
})

Then('{persona} is told {string} for each of these fields:', function (this: PortalWorld, _name: string, message: string, table) {
  const fields: string[] = table.raw().flat()
  for (const label of fields) {
    const field = fieldOf(label)
    assert.ok(field, `unknown field "${label}"`)
    const forField = this.lastErrors.filter((e) => e.field === field).map((e) => this.portal.messageFor(e))
    assert.ok(forField.includes(message), `shown for ${label}: ${JSON.stringify(forField)}`)
  }
  assert.equal(this.lastErrors.length, fields.length, `expected exactly these errors, got ${this.lastErrors.map((e) => e.field).join(', ')}`)
})

Then('the {field} breaks the rule {string}', function (this: PortalWorld, field: string, code: string) {
  const codes = this.lastErrors.filter((e) => e.field === field).map((e) => e.code)
  assert.ok((codes as string[]).includes(code), `codes for ${field}: ${JSON.stringify(codes)}`)
})

Then('the {field} is accepted', function (this: PortalWorld, field: string) {
  const forField = this.lastErrors.filter((e) => e.field === field)
  assert.deepEqual(forField, [], `errors for ${field}: ${JSON.stringify(forField)}`)
})

Then('{persona} is told nothing else', function (this: PortalWorld, _name: string) {
  assert.equal(this.lastErrors.length, 1, `shown: ${JSON.stringify(this.messagesShown)}`)
})

Then('{persona} is told, all at once:', function (this: PortalWorld, _name: string, table) {
  const expected: Array<[string, string]> = table.raw().map(([label, message]: [string, string]) => {
    const field = fieldOf(label)
    assert.ok(field, `unknown field "${label}"`)
    return [field, message]
  })
  const shown = this.lastErrors.map((e): [string, string] => [e.field ?? '', this.portal.messageFor(e)])
  const key = ([f, m]: [string, string]) => `${f}: ${m}`
  assert.deepEqual(shown.map(key).sort(), expected.map(key).sort())
})

Then('no field is singled out', function (this: PortalWorld) {
  assert.ok(this.lastErrors.length > 0, 'the last step succeeded')
  const named = this.lastErrors.filter((e) => e.field !== undefined)
  assert.deepEqual(named.map((e) => `${e.field}: ${e.code}`), [], 'an error names a field')
})
