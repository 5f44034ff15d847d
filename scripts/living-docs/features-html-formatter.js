'use strict'
/**
 * A cucumber formatter: the run as an HTML page titled by Feature (cucumber's own html report
 * lists files by path), each scenario with its status and steps, and for a failure the failing
 * step and its message. cucumber.js gives it reports/cucumber-<store>.html.
 */
const { Formatter } = require('@cucumber/cucumber')
const { documentsFrom, resultsFrom } = require('./model')
const { storeHtml } = require('./render')

const labels = { memory: 'memory', pglite: 'PGlite', postgres: 'PostgreSQL' }

module.exports = class FeaturesHtmlFormatter extends Formatter {
  static documentation = 'The run as an HTML page titled by Feature'

  constructor(options) {
    super(options)
    const envelopes = []
    const store = options.parsedArgvOptions?.store ?? 'memory'
    options.eventBroadcaster.on('envelope', (envelope) => {
      if (envelope.testRunFinished === undefined) {
        envelopes.push(envelope)
        return
      }
      this.log(storeHtml(labels[store] ?? store, documentsFrom(envelopes), resultsFrom(envelopes)))
    })
  }
}
