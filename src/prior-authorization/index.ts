/** Prior authorization: code sets, the request wizard, submission and determinations, summaries, and the context's ports. */
export * from './code-sets'
export * from './ports'
export * from './request'
export * from './determination'
export * from './workflow'
export * from './codecs'
export * from './summary'
export * from './fhir'
