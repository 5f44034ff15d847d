/**
 * What a password policy needs to know of a password's characters: how many
 * code points it has, which of the policy's classes appear, and whether a
 * character falls outside every class. Worked out two ways that always agree:
 * in one pass over the char codes for a Latin-1 password (U+0000–U+00FF: the
 * common case, ASCII and the accented letters of Western European languages;
 * no array, no normalisation, one table lookup a character), else over the
 * NFC code points. A Latin-1 string is NFC already: each of its characters is
 * one UTF-16 unit, a starter (combining class 0) and NFC_QC=Yes, and no two of
 * them compose (the tests check every pair).
 *
 * @internal
 * @since 0.4.0
 */
import type { PasswordPolicy } from './password-policy'

/** The facts the rules read. */
export interface CharacterFacts {
  /** Code points of the NFC form. */
  readonly length: number
  /** How many of the policy's classes appear (in the NFC form). */
  readonly found: number
  /** A character (as typed) in no class. */
  readonly foreign: boolean
}

// Bit masks hold up to 31 classes; a policy with more takes the code-point path.
const MAX_TABLE_CLASSES = 31

/** The characters the table covers: Latin-1 (U+0000–U+00FF). */
const TABLE_SIZE = 256

/** Each Latin-1 character's class bits, per policy, worked out once (class tests are pure functions of one character). */
const latin1Tables = new WeakMap<PasswordPolicy, Int32Array>()

// The policy asked about last, and its table: a form checks one policy over and over, and this is cheaper than the WeakMap.
let lastPolicy: PasswordPolicy | undefined
let lastTable: Int32Array = new Int32Array(TABLE_SIZE)

const latin1TableOf = (policy: PasswordPolicy): Int32Array => {
  if (policy === lastPolicy) return lastTable
  const known = latin1Tables.get(policy) ?? tableFor(policy)
  lastPolicy = policy
  lastTable = known
  return known
}

const tableFor = (policy: PasswordPolicy): Int32Array => {
  const table = new Int32Array(TABLE_SIZE)
  for (let code = 0; code < TABLE_SIZE; code++) {
    const c = String.fromCharCode(code)
    let bits = 0
    policy.classes.forEach((k, i) => {
      if (k.test(c)) bits |= 1 << i
    })
    table[code] = bits
  }
  latin1Tables.set(policy, table)
  return table
}

/** How many bits `seen` has set. */
const classCount = (seen: number): number => {
  let n = 0
  for (let s = seen; s !== 0; s &= s - 1) n++
  return n
}

/** The facts from the NFC code points (lengths and classes) and the characters as typed (foreign ones). */
export const codePointFacts = (policy: PasswordPolicy, password: string): CharacterFacts => {
  const normalised = Array.from(password.normalize('NFC'))
  const found = policy.classes.filter((k) => normalised.some((c) => k.test(c))).length
  const foreign = policy.onlyClassCharacters && Array.from(password).some((c) => !policy.classes.some((k) => k.test(c)))
  return { length: normalised.length, found, foreign }
}

/** The facts in one pass over the char codes, or undefined when the password is not Latin-1 (or the policy has too many classes). */
export const latin1Facts = (policy: PasswordPolicy, password: string): CharacterFacts | undefined => {
  if (policy.classes.length > MAX_TABLE_CLASSES) return undefined
  const counted = policy.classes.length > 0 || policy.onlyClassCharacters
  const table = counted ? latin1TableOf(policy) : undefined
  let seen = 0
  let foreign = false
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i)
    if (code >= TABLE_SIZE) return undefined
    if (table !== undefined) {
      const bits = table[code] as number
      seen |= bits
      if (bits === 0) foreign = true
    }
  }
  return { length: password.length, found: classCount(seen), foreign: foreign && policy.onlyClassCharacters }
}

/**
 * The characters (as typed) in none of the policy's classes, each once, in
 * the order they first appear; Latin-1 ones by the class table. A refused
 * password has few of them, so a list searched in place beats a Set.
 */
export const foreignCharacters = (policy: PasswordPolicy, password: string): ReadonlyArray<string> => {
  const table = policy.classes.length <= MAX_TABLE_CLASSES ? latin1TableOf(policy) : undefined
  // code points, each once: numbers compare cheaper than one-character strings
  const found: number[] = []
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i)
    if (table !== undefined && code < TABLE_SIZE) {
      if (table[code] === 0 && !found.includes(code)) found.push(code)
      continue
    }
    // a whole code point: a surrogate pair is one character
    const point = password.codePointAt(i) ?? code
    if (point > 0xffff) i++
    if (!found.includes(point) && !isInSomeClass(policy, String.fromCodePoint(point))) found.push(point)
  }
  return found.map((point) => String.fromCodePoint(point))
}

const isInSomeClass = (policy: PasswordPolicy, c: string): boolean => policy.classes.some((k) => k.test(c))

/** The facts, the fast way when it applies. */
export const characterFacts = (policy: PasswordPolicy, password: string): CharacterFacts => latin1Facts(policy, password) ?? codePointFacts(policy, password)

// -------------------------------------------------------------------------------------
// the blocklist, without lower-casing every password
// -------------------------------------------------------------------------------------

/**
 * A hash of a Latin-1 string's lower case (each of A–Z and À–Þ but × is its
 * lower case plus 32 there, as `toLowerCase` does), or undefined when the
 * string is not Latin-1.
 */
export const latin1LowerHash = (s: string): number | undefined => {
  let h = 0
  for (let i = 0; i < s.length; i++) {
    let code = s.charCodeAt(i)
    if (code >= TABLE_SIZE) return undefined
    if ((code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0xde && code !== 0xd7)) code += 32
    h = (Math.imul(h, 31) + code) | 0
  }
  return h
}

// Each blocklist's hashes (of its Latin-1 entries: a lower-cased Latin-1 password can equal no other), made once.
const blocklistHashes = new WeakMap<ReadonlySet<string>, ReadonlySet<number>>()
let lastBlocklist: ReadonlySet<string> | undefined
let lastHashes: ReadonlySet<number> = new Set()

const hashesOf = (blocklist: ReadonlySet<string>): ReadonlySet<number> => {
  if (blocklist === lastBlocklist) return lastHashes
  let hashes = blocklistHashes.get(blocklist)
  if (hashes === undefined) {
    const made = new Set<number>()
    for (const entry of blocklist) {
      const h = latin1LowerHash(entry)
      if (h !== undefined) made.add(h)
    }
    blocklistHashes.set(blocklist, (hashes = made))
  }
  lastBlocklist = blocklist
  lastHashes = hashes
  return hashes
}

/**
 * Whether `password`, lower-cased, is on the blocklist. A Latin-1 password
 * whose hash no entry has cannot be on it, so most are cleared without
 * building their lower case; the rest are looked up as they always were.
 */
export const isBlocklisted = (blocklist: ReadonlySet<string>, password: string): boolean => {
  if (blocklist.size === 0) return false
  const h = latin1LowerHash(password)
  if (h !== undefined && !hashesOf(blocklist).has(h)) return false
  return blocklist.has(password.toLowerCase())
}
