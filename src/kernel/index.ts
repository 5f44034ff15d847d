/** Kernel: branded value types, their codecs, form validation and domain errors. */
export * from './errors'
export * from './validation'
export * from './username'
export * from './email'
export * from './person'
export * from './identifiers'
export * from './us-identifiers'
export * from './npi'
