/** Organisations: providers' registrations, their users and what each may access. */
export * from './provider-registration'
export * from './client-access'
export * from './client-access-codecs'
export * from './organisation'
export * from './membership'
export * from './terms-of-use'
export * from './codecs'
