/** Organisations: providers' registrations, their users and what each may access. */
export * from './provider-registration'
