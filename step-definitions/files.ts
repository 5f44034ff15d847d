/**
 * Files as people describe them (a name, a type, a size, and what the file
 * really contains when that is not its type): the bytes such a file starts
 * with, for the steps that upload documents (clinicals, proofing documents).
 */
import type { DataTable } from '@cucumber/cucumber'
import type { AttachmentUpload } from '../src/prior-authorization/request'

/** File types as people name them, with their media type and the bytes such a file starts with. */
export const FILE_TYPES: Readonly<Record<string, { readonly mediaType: string; readonly magic: ReadonlyArray<number> }>> = {
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
export const bytesOf = (size: string): number => {
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
export const contentOf = (contains: string, size: number, seed: number): Uint8Array => {
  const bytes = new Uint8Array(size)
  const { magic, mediaType } = typeOf(contains)
  bytes.fill(mediaType === 'text/plain' ? 0x61 + (seed % 26) : seed % 256)
  bytes.set(magic.slice(0, size))
  return bytes
}

/** One file as described: its name, type, size ("240 KB") and, when not its type, what it really contains. */
export const fileDescribed = (fileName: string, type: string, size: string, contains: string, seed: number): AttachmentUpload => ({
  fileName,
  mediaType: typeOf(type).mediaType,
  content: contentOf(contains || type, bytesOf(size), seed)
})

/** The files of a table (file, type, size, and what it really contains when not its type), as uploads. */
export const uploadsFrom = (table: DataTable): ReadonlyArray<AttachmentUpload> =>
  table.hashes().map((row, i) => fileDescribed(row['file'] ?? '', row['type'] ?? '', row['size'] ?? '', row['contains'] ?? '', i + 1))
