/**
 * Clinicals (step 8): documents attached to a request and/or the clinical
 * information typed into its text box. A file is described as people see it
 * (its name, its type, its size); the steps make bytes of that type, or of
 * another type when the table says what the file really contains.
 */
import { DataTable, When } from '@cucumber/cucumber'
import type { AttachmentUpload, ClinicalsForm } from '../src/prior-authorization/request'
import { actingAs, currentRequestId } from './authorization-request-pages'
import { PortalWorld } from './world'

/** File types as people name them, with their media type and the bytes such a file starts with. */
const FILE_TYPES: Readonly<Record<string, { readonly mediaType: string; readonly magic: ReadonlyArray<number> }>> = {
  PDF: { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a] },
  'PNG image': { mediaType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'JPEG image': { mediaType: 'image/jpeg', magic: [0xff, 0xd8, 0xff, 0xe0] },
  'TIFF image': { mediaType: 'image/tiff', magic: [0x49, 0x49, 0x2a, 0x00] },
  'text file': { mediaType: 'text/plain', magic: [...new TextEncoder().encode('Physical therapy evaluation\n')] },
  'Word document': { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [0x50, 0x4b, 0x03, 0x04] },
  'ZIP archive': { mediaType: 'application/zip', magic: [0x50, 0x4b, 0x03, 0x04] }
}

const UNITS: Readonly<Record<string, number>> = { byte: 1, bytes: 1, KB: 1024, MB: 1024 * 1024 }

/** "240 KB" → 245760. */
const bytesOf = (size: string): number => {
  const m = /^(\d+) (bytes?|KB|MB)$/.exec(size.trim())
  if (m === null) throw new Error(`"${size}" is not a size such as "240 KB"`)
  return Number(m[1]) * (UNITS[m[2] as string] as number)
}

const typeOf = (name: string) => {
  const type = FILE_TYPES[name]
  if (type === undefined) throw new Error(`unknown file type "${name}" (known: ${Object.keys(FILE_TYPES).join(', ')})`)
  return type
}

/** A file's bytes: the signature of what it really contains, then filler (letters for text, so it stays text). */
const contentOf = (contains: string, size: number, seed: number): Uint8Array => {
  const bytes = new Uint8Array(size)
  const { magic, mediaType } = typeOf(contains)
  bytes.fill(mediaType === 'text/plain' ? 0x61 + (seed % 26) : seed % 256)
  bytes.set(magic.slice(0, size))
  return bytes
}

/** The files of a table (file, type, size, and what it really contains when not its type), as uploads. */
export const uploadsFrom = (table: DataTable): ReadonlyArray<AttachmentUpload> =>
  table.hashes().map((row, i) => {
    const type = row['type'] ?? ''
    return {
      fileName: row['file'],
      mediaType: typeOf(type).mediaType,
      content: contentOf(row['contains'] || type, bytesOf(row['size'] ?? ''), i + 1)
    }
  })

async function giveClinicals(world: PortalWorld, name: string, form: ClinicalsForm): Promise<void> {
  const p = world.persona(name)
  world.record(await world.portal.priorAuthorization.clinicals(actingAs(p), currentRequestId(world), form))
}

When('{persona} attaches these clinicals:', async function (this: PortalWorld, name: string, table: DataTable) {
  await giveClinicals(this, name, { attachments: uploadsFrom(table) })
})

When('{persona} attaches these clinicals and types {string}:', async function (this: PortalWorld, name: string, text: string, table: DataTable) {
  await giveClinicals(this, name, { attachments: uploadsFrom(table), text })
})

When('{persona} attaches {int} clinical notes', async function (this: PortalWorld, name: string, n: number) {
  const notes = Array.from({ length: n }, (_, i) => ({
    fileName: `progress-note-${i + 1}.txt`,
    mediaType: 'text/plain',
    content: new TextEncoder().encode(`Progress note ${i + 1}: low back pain, range of motion improving.\n`)
  }))
  await giveClinicals(this, name, { attachments: notes })
})

When('{persona} types the clinical information {string}', async function (this: PortalWorld, name: string, text: string) {
  await giveClinicals(this, name, { text })
})

When('{persona} types {int} characters of clinical information', async function (this: PortalWorld, name: string, n: number) {
  const sentence = 'Low back pain for 8 weeks, worse on standing; no red flags. '
  await giveClinicals(this, name, { text: sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n - 1) + '.' })
})

When('{persona} neither attaches clinicals nor types any clinical information', async function (this: PortalWorld, name: string) {
  await giveClinicals(this, name, { attachments: [], text: '   ' })
})
