/**
 * HealthPartners' own records in a scenario: the providers under each Tax ID
 * (with NPI, vendor number and address of record) and the checks the plan
 * issued. Both are read by the library through its ports, decoded with the
 * library's rules: a typo in a table fails the scenario loudly.
 */
import { DataTable, Given } from '@cucumber/cucumber'
import { PortalWorld } from './world'

/** "1 Main St, Suite 2, Saint Paul, MN 55101" → its parts (the last two parts are the city and "STATE ZIP"). */
const addressParts = (text: string): { readonly address: { line1: string; line2?: string; city: string; state: string }; readonly zipCode: string } => {
  const parts = text.split(',').map((s) => s.trim())
  const stateZip = /^([A-Z]{2}) (\d{5}(?:-\d{4})?)$/.exec(parts.at(-1) ?? '')
  if (parts.length < 3 || stateZip === null) throw new Error(`"${text}" is not an address such as "1 Main St, Saint Paul, MN 55101"`)
  const [line1, ...rest] = parts.slice(0, -2)
  return {
    address: { line1: line1 as string, ...(rest.length > 0 ? { line2: rest.join(', ') } : {}), city: parts.at(-2) as string, state: stateZip[1] as string },
    zipCode: stateZip[2] as string
  }
}

const optional = (row: Record<string, string>, column: string): string | undefined => {
  const v = row[column]?.trim()
  return v === undefined || v === '' ? undefined : v
}

Given("HealthPartners' records list these providers:", function (this: PortalWorld, table: DataTable) {
  for (const row of table.hashes()) {
    const address = optional(row, 'address of record')
    const parts = address === undefined ? undefined : addressParts(address)
    const npi = optional(row, 'NPI')
    const vendorNumber = optional(row, 'vendor #')
    this.directory.providers.push({
      providerId: row['provider'] ?? '',
      name: row['name'] ?? '',
      taxId: row['Tax ID'] ?? '',
      zipCode: parts?.zipCode ?? optional(row, 'ZIP code') ?? '55101',
      ...(npi === undefined ? {} : { npi }),
      ...(vendorNumber === undefined ? {} : { vendorNumber }),
      ...(parts === undefined ? {} : { address: parts.address })
    })
  }
})

Given('HealthPartners issued these checks:', function (this: PortalWorld, table: DataTable) {
  for (const row of table.hashes()) {
    const npi = optional(row, 'NPI')
    const vendorNumber = optional(row, 'vendor #')
    this.directory.checks.push({
      checkNumber: row['check #'] ?? '',
      taxId: row['Tax ID'] ?? '',
      ...(npi === undefined ? {} : { npi }),
      ...(vendorNumber === undefined ? {} : { vendorNumber }),
      amount: row['amount'] ?? '',
      issuedOn: row['issued on'] ?? ''
    })
  }
})
