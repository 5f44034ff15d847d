/**
 * The requirements of NIST SP 800-63B-4, NIST SP 800-63A-4 and OWASP ASVS
 * 5.0 (chapters 6 and 7) that this library's capabilities touch, as data: a
 * stable id, the document and section, the requirement in a line, and the
 * area of a preset it concerns. Sections are cited only where the standard's
 * numbering is known to this library; otherwise the part is named in words.
 *
 * @since 0.5.0
 */
import { COMMON_PASSWORDS } from '../credentials/common-passwords'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The documents requirements come from. */
export type Standard = 'NIST SP 800-63B-4' | 'NIST SP 800-63A-4' | 'OWASP ASVS 5.0'

/** The part of a preset a requirement concerns. */
export type RequirementArea =
  | 'passwords'
  | 'one-time-codes'
  | 'throttling'
  | 'recovery'
  | 'temporary-passwords'
  | 'proofing'
  | 'totp'
  | 'out-of-band'
  | 'enumeration'
  | 'reauthentication'

/** One requirement: where it is written and what it asks. */
export interface Requirement {
  readonly id: string
  readonly standard: Standard
  /** The section (`§3.1.1.2`, `6.2.1`) or, where its number is not cited, the part named in words. */
  readonly section: string
  /** What it asks, in a line. */
  readonly wording: string
  readonly area: RequirementArea
  /** Set when the library cannot yet meet it in any preset: what is missing. */
  readonly libraryGap?: string
}

// -------------------------------------------------------------------------------------
// the requirements
// -------------------------------------------------------------------------------------

/** The longest a temporary password may stay valid to count as short-lived here (ASVS 6.4.1 says "a short period" and gives no figure). */
export const TEMPORARY_PASSWORD_MAX_HOURS = 24

/** The size of blocklist ASVS 6.2.4 asks for (the top 3000 passwords). */
export const ASVS_BLOCKLIST_SIZE = 3000

/** NIST SP 800-63B-4's cap on consecutive failed attempts per authenticator. */
export const NIST_MAX_CONSECUTIVE_FAILURES = 100

/** NIST SP 800-63B-4's and ASVS 6.5.5's longest life of an out-of-band code, in minutes. */
export const OUT_OF_BAND_MAX_MINUTES = 10

const NIST_B = 'NIST SP 800-63B-4'
const ASVS = 'OWASP ASVS 5.0'

/** Every requirement a compliance report gives a verdict on, in report order. */
export const requirements: ReadonlyArray<Requirement> = [
  { id: 'nist-b.password-length', standard: NIST_B, section: '§3.1.1.2', area: 'passwords', wording: 'Passwords of at least 15 characters when used alone, 8 when a second factor is required' },
  { id: 'nist-b.password-max-length', standard: NIST_B, section: '§3.1.1.2', area: 'passwords', wording: 'Passwords of at least 64 characters allowed' },
  { id: 'nist-b.password-composition', standard: NIST_B, section: '§3.1.1.2', area: 'passwords', wording: 'No composition rules (no required mix of character classes)' },
  { id: 'nist-b.password-characters', standard: NIST_B, section: '§3.1.1.2', area: 'passwords', wording: 'All printing ASCII characters, the space and Unicode accepted' },
  { id: 'nist-b.password-blocklist', standard: NIST_B, section: '§3.1.1.2', area: 'passwords', wording: 'Passwords checked against a blocklist of common or compromised values' },
  { id: 'nist-b.knowledge-questions', standard: NIST_B, section: '§3.1.1.2', area: 'recovery', wording: 'No hints and no knowledge (security) questions' },
  { id: 'nist-b.throttling', standard: NIST_B, section: 'rate limiting (throttling)', area: 'throttling', wording: `At most ${NIST_MAX_CONSECUTIVE_FAILURES} consecutive failed attempts per authenticator` },
  { id: 'nist-b.oob-digits', standard: NIST_B, section: 'out-of-band authenticators', area: 'one-time-codes', wording: 'One-time codes of at least 6 digits (applied here to every code the preset sends)' },
  { id: 'nist-b.oob-lifetime', standard: NIST_B, section: 'out-of-band authenticators', area: 'one-time-codes', wording: `One-time codes valid at most ${OUT_OF_BAND_MAX_MINUTES} minutes` },
  { id: 'nist-b.oob-single-use', standard: NIST_B, section: 'out-of-band authenticators', area: 'one-time-codes', wording: 'A one-time code is accepted only once' },
  { id: 'nist-b.oob-attempts-kept', standard: NIST_B, section: 'out-of-band authenticators', area: 'one-time-codes', wording: 'Sending a new code does not reset the count of failed attempts' },
  { id: 'nist-b.restricted-authenticators', standard: NIST_B, section: 'restricted authenticators (SMS and voice)', area: 'out-of-band', wording: 'Where SMS or voice is offered, an unrestricted alternative is offered too' },
  { id: 'nist-b.totp-once', standard: NIST_B, section: 'one-time-password authenticators', area: 'totp', wording: 'Each TOTP code accepted at most once' },
  { id: 'nist-a.no-kbv', standard: 'NIST SP 800-63A-4', section: 'identity verification', area: 'proofing', wording: 'Knowledge-based verification not used to verify identity' },
  { id: 'asvs.6.2.1', standard: ASVS, section: '6.2.1', area: 'passwords', wording: 'Passwords of at least 8 characters (15 recommended)' },
  {
    id: 'asvs.6.2.4',
    standard: ASVS,
    section: '6.2.4',
    area: 'passwords',
    wording: `Passwords checked against at least the top ${ASVS_BLOCKLIST_SIZE} common passwords`,
    libraryGap: `the library ships a blocklist of ${COMMON_PASSWORDS.size} common passwords; a top-${ASVS_BLOCKLIST_SIZE} list is data a preset must supply in its password policy`
  },
  { id: 'asvs.6.2.5', standard: ASVS, section: '6.2.5', area: 'passwords', wording: 'No composition rules' },
  { id: 'asvs.6.2.9', standard: ASVS, section: '6.2.9', area: 'passwords', wording: 'Passwords of at least 64 characters allowed' },
  {
    id: 'asvs.6.2.12',
    standard: ASVS,
    section: '6.2.12',
    area: 'passwords',
    wording: 'New passwords checked against a set of breached passwords',
    libraryGap: 'the library has no port for a breached-password corpus; a preset can only list known values in its blocklist'
  },
  {
    id: 'asvs.6.3.8',
    standard: ASVS,
    section: '6.3.8',
    area: 'enumeration',
    wording: 'No way to learn whether an account exists (registration and password reset included)',
    libraryGap: 'enumeration-safe variants of sign-up, password reset, provider identification, organisation registration and the HARP User ID choice are pending (security-question recovery already answers an unknown username like a wrong answer)'
  },
  { id: 'asvs.6.4.1', standard: ASVS, section: '6.4.1', area: 'temporary-passwords', wording: `Temporary passwords expire soon (here: within ${TEMPORARY_PASSWORD_MAX_HOURS} hours) and cannot become the long-term password` },
  { id: 'asvs.6.4.2', standard: ASVS, section: '6.4.2', area: 'recovery', wording: 'No secret (security) questions' },
  { id: 'asvs.6.5.5', standard: ASVS, section: '6.5.5', area: 'one-time-codes', wording: `Out-of-band codes valid at most ${OUT_OF_BAND_MAX_MINUTES} minutes` },
  {
    id: 'asvs.7.5.1',
    standard: ASVS,
    section: '7.5.1',
    area: 'reauthentication',
    wording: 'Full re-authentication before the e-mail address or a second factor is changed',
    libraryGap: 'device management after sign-in does not ask for the password again'
  }
]
