/**
 * More of the plan's own records, given as tables: members (several may
 * share a name and a date of birth) and providers with their NPIs. Rows are
 * decoded by the World with the preset's formats when the portal needs them.
 */
import { DataTable, Given } from '@cucumber/cucumber'
import { PortalWorld } from './world'

/** A table's cell, required. */
const cell = (row: Record<string, string>, column: string): string => {
  const value = row[column]
  if (value === undefined) throw new Error(`the table has no column "${column}"`)
  return value
}

Given("the plan's member directory also lists:", function (this: PortalWorld, table: DataTable) {
  for (const row of table.hashes()) {
    const [firstName = '', ...rest] = cell(row, 'name').split(' ')
    this.directory.members.push({ memberId: cell(row, 'Member ID'), firstName, lastName: rest.join(' '), dateOfBirth: cell(row, 'date of birth') })
  }
})

Given("the plan's provider directory also lists:", function (this: PortalWorld, table: DataTable) {
  for (const row of table.hashes()) {
    const npi = row['NPI']
    this.directory.providers.push({
      name: cell(row, 'name'),
      providerId: cell(row, 'Provider ID'),
      zipCode: cell(row, 'ZIP code'),
      taxId: cell(row, 'Tax ID'),
      ...(npi === undefined || npi === '' ? {} : { npi })
    })
  }
})

Given("the plan has {string} on file as the NPI of {string}", function (this: PortalWorld, npi: string, providerName: string) {
  const i = this.directory.providers.findIndex((p) => p.name === providerName)
  const provider = this.directory.providers[i]
  if (provider === undefined) throw new Error(`"${providerName}" is not on the plan's provider directory`)
  this.directory.providers[i] = { ...provider, npi }
})
