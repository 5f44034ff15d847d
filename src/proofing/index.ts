/** Identity proofing: the HARP profile, remote (knowledge-based) and manual (documents) proofing. */
export * from './profile'
export * from './knowledge-based'
export * from './manual'
