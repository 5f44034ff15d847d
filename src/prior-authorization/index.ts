/** Prior authorization: code sets (Place of Service, ICD-10-CM, CPT/HCPCS), review actions, decision due times, and the code-set port. */
export * from './code-sets'
export * from './ports'
