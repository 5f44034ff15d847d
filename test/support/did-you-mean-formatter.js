'use strict'
/**
 * After a run, one block per undefined step with the closest existing phrases
 * (test/support/did-you-mean.js). Written to stderr as well as its own file:
 * cucumber gives stdout to a single formatter (progress).
 */
const { Formatter } = require('@cucumber/cucumber')
const { createMatcher, explain } = require('./did-you-mean')

class DidYouMeanFormatter extends Formatter {
  constructor(options) {
    super(options)
    const phrases = [], parameterTypes = [], pickleSteps = new Map(), pickles = new Map(), testSteps = new Map(), undefinedSteps = [], stepLines = new Map()
    options.eventBroadcaster.on('envelope', (e) => {
      if (e.stepDefinition) phrases.push(e.stepDefinition.pattern.source)
      if (e.parameterType) parameterTypes.push(e.parameterType)
      if (e.gherkinDocument?.feature) {
        const visit = (node) => {
          for (const s of node.steps ?? []) stepLines.set(s.id, s.location.line)
          for (const c of node.children ?? []) visit(c.scenario ?? c.background ?? c.rule ?? {})
        }
        visit(e.gherkinDocument.feature)
      }
      if (e.pickle) { pickles.set(e.pickle.id, e.pickle); for (const s of e.pickle.steps) pickleSteps.set(s.id, { step: s, pickle: e.pickle }) }
      if (e.testCase) for (const t of e.testCase.testSteps) if (t.pickleStepId) testSteps.set(t.id, t.pickleStepId)
      if (e.testStepFinished?.testStepResult.status === 'UNDEFINED') {
        const found = pickleSteps.get(testSteps.get(e.testStepFinished.testStepId))
        if (found) undefinedSteps.push(found)
      }
      if (e.testRunFinished && undefinedSteps.length > 0) {
        const match = createMatcher({ phrases: [...new Set(phrases)], parameterTypes })
        const seen = new Set()
        const blocks = []
        for (const { step, pickle } of undefinedSteps) {
          if (seen.has(step.text)) continue
          seen.add(step.text)
          blocks.push(explain(match, step.text, `${pickle.uri}:${stepLines.get(step.astNodeIds[0]) ?? pickle.location.line}`))
        }
        const text = `\n${blocks.join('\n\n')}\n`
        process.stderr.write(text)
        this.log(text)
      }
    })
  }
}
module.exports = DidYouMeanFormatter
