import { test } from 'node:test'
import assert from 'node:assert/strict'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createMatcher } = require('./did-you-mean.js')

const match = createMatcher({
  phrases: [
    '{persona} verifies her/his/their e-mail with the code she/he/they received',
    '{persona} verifies her/his/their e-mail with the code {string}',
    '{persona} has received {int} e-mail(s)',
    'the plan\'s reviewer decides the request is {decision}'
  ],
  parameterTypes: [
    { name: 'persona', regularExpressions: ['[A-Z][a-z]+(?: [A-Z][a-z]+)?|she|he|they'] },
    { name: 'decision', regularExpressions: ['partially certified|not certified|certified|pended|modified|cancelled'] }
  ]
})

test('a typo: the phrase is suggested, with the word that differs', () => {
  const [first] = match('Robert verifies his e-mail with the code he recieved')
  assert.equal(first.phrase, '{persona} verifies her/his/their e-mail with the code she/he/they received')
  assert.deepEqual(first.differences, ['"recieved" → "received"'])
})

test('a pronoun the alternation allows matches without difference', () => {
  const [first] = match('Robert verifies their e-mail with the code they received')
  assert.equal(first.distance, 0)
})

test('a missing quote: the {string} phrase, saying a value in double quotes is expected', () => {
  const [first] = match('Jane verifies her e-mail with the code 123456')
  assert.equal(first.phrase, '{persona} verifies her/his/their e-mail with the code {string}')
  assert.deepEqual(first.differences, ['123456: a value in double quotes is expected here'])
})

test('optional text: one e-mail and several both match', () => {
  assert.equal(match('Jane has received 1 e-mail')[0].distance, 0)
  assert.equal(match('Jane has received 2 e-mails')[0].distance, 0)
})

test('a totally unknown phrase gets no suggestion', () => {
  assert.deepEqual(match('Jane flies to the moon'), [])
})
