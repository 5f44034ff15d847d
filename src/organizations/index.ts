/** Organisations: providers' registrations, their users and what each may access. */
export * from './provider-registration'
export * from './organisation'
export * from './membership'
export * from './terms-of-use'
export * from './codecs'
