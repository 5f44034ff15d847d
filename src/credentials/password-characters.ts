/**
 * What a password policy needs to know of a password's characters: how many
 * code points it has, which of the policy's classes appear, and whether a
 * character falls outside every class. Worked out two ways that always agree:
 * in one pass over the char codes for an ASCII password (the common case: no
 * array, no normalisation, since ASCII is NFC already, and one table lookup a
 * character), else over the NFC code points.
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

/** Each ASCII character's class bits, per policy, worked out once (class tests are pure functions of one character). */
const asciiTables = new WeakMap<PasswordPolicy, Int32Array>()

const asciiTableOf = (policy: PasswordPolicy): Int32Array => {
  const known = asciiTables.get(policy)
  if (known !== undefined) return known
  const table = new Int32Array(128)
  for (let code = 0; code < 128; code++) {
    const c = String.fromCharCode(code)
    let bits = 0
    policy.classes.forEach((k, i) => {
      if (k.test(c)) bits |= 1 << i
    })
    table[code] = bits
  }
  asciiTables.set(policy, table)
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

/** The facts in one pass over the char codes, or undefined when the password is not ASCII (or the policy has too many classes). */
export const asciiFacts = (policy: PasswordPolicy, password: string): CharacterFacts | undefined => {
  if (policy.classes.length > MAX_TABLE_CLASSES) return undefined
  const counted = policy.classes.length > 0 || policy.onlyClassCharacters
  const table = counted ? asciiTableOf(policy) : undefined
  let seen = 0
  let foreign = false
  for (let i = 0; i < password.length; i++) {
    const code = password.charCodeAt(i)
    if (code >= 128) return undefined
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
 * the order they first appear; ASCII ones by the class table.
 */
export const foreignCharacters = (policy: PasswordPolicy, password: string): ReadonlyArray<string> => {
  const table = policy.classes.length <= MAX_TABLE_CLASSES ? asciiTableOf(policy) : undefined
  const seen = new Set<string>()
  for (const c of password) {
    const code = c.charCodeAt(0)
    const foreign = table !== undefined && c.length === 1 && code < 128 ? table[code] === 0 : !policy.classes.some((k) => k.test(c))
    if (foreign) seen.add(c)
  }
  return [...seen]
}

/** The facts, the fast way when it applies. */
export const characterFacts = (policy: PasswordPolicy, password: string): CharacterFacts => asciiFacts(policy, password) ?? codePointFacts(policy, password)
