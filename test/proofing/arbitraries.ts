/**
 * fast-check arbitraries for the proofing tests: SSNs and PTANs, and how
 * people type them. (Kept with the tests for now; the testkit may take them
 * once the HARP preset ships.)
 */
import fc from 'fast-check'
import type { Ptan, Ssn } from '../../src/kernel/us-identifiers'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** An SSN `parseSsn` returns unchanged: area 001–899 but 666, group 01–99, serial 0001–9999. */
export const validSsn: fc.Arbitrary<Ssn> = fc
  .tuple(
    fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 9999 })
  )
  .map(([a, g, s]) => `${pad(a, 3)}${pad(g, 2)}${pad(s, 4)}` as Ssn)

/** How a person may type an SSN: bare, 123-45-6789, or 123 45 6789, with blanks around or beside the dashes. */
export const ssnTyped = (ssn: Ssn): fc.Arbitrary<string> => {
  const [area, group, serial] = [ssn.slice(0, 3), ssn.slice(3, 5), ssn.slice(5)]
  return fc
    .tuple(
      fc.constantFrom(ssn, `${area}-${group}-${serial}`, `${area} ${group} ${serial}`, `${area} - ${group} - ${serial}`, `${area}-${group}-${serial}`.replace('-', '- ')),
      fc.constantFrom('', ' ', '  ', '\t'),
      fc.constantFrom('', ' ', '\n')
    )
    .map(([t, lead, trail]) => lead + t + trail)
}

/** A PTAN `parsePtan` returns unchanged: 6 to 10 upper-case letters or digits. */
export const validPtan: fc.Arbitrary<Ptan> = fc.stringMatching(/^[A-Z0-9]{6,10}$/).map((s) => s as Ptan)

const STREETS = ['Elm', 'Maple', 'Washington', 'Lakeview', 'Cedar Ridge', 'Old Mill', 'Juniper', 'Harbor']
const SUFFIXES = ['St', 'Ave', 'Rd', 'Ln', 'Ct', 'Blvd']
const CITIES = ['Boston', 'Providence', 'Hartford', 'Burlington', 'Portland', 'Saint Paul', 'Santa Fe']

/** A home address as typed, that `validatePostalAddress` accepts: a street line, maybe a second line, a city, a state, a ZIP. */
export const typedHomeAddress: fc.Arbitrary<{ readonly line1: string; readonly line2?: string; readonly city: string; readonly state: string; readonly zipCode: string }> = fc
  .record({
    number: fc.integer({ min: 1, max: 9999 }),
    street: fc.constantFrom(...STREETS),
    suffix: fc.constantFrom(...SUFFIXES),
    line2: fc.option(fc.integer({ min: 1, max: 40 }).map((n) => `Apt ${n}`), { nil: undefined }),
    city: fc.constantFrom(...CITIES),
    state: fc.constantFrom('MA', 'ri', 'CT', 'vt', 'ME', 'MN', 'NM'),
    zip: fc.integer({ min: 1001, max: 99950 }).map((z) => String(z).padStart(5, '0'))
  })
  .map((a) => ({ line1: `${a.number} ${a.street} ${a.suffix}`, ...(a.line2 === undefined ? {} : { line2: a.line2 }), city: a.city, state: a.state, zipCode: a.zip }))
