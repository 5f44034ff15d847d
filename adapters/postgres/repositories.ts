/**
 * The repositories over SQL. Every statement is parameterised; every row is
 * decoded back into the domain's types before it is trusted; writes follow
 * the repository contract (insert stores version 1, update needs the stored
 * version and stores the next).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { DateTime } from 'luxon'
import { DomainError, invalidRow, storageConflict } from '../../src/kernel/errors'
import { validateAll } from '../../src/kernel/validation'
import { parseEmailAddress, EmailKey } from '../../src/kernel/email'
import { parsePersonName, DateOfBirth } from '../../src/kernel/person'
import { parseUsername, UsernameKey } from '../../src/kernel/username'
import { MemberId, ProviderId } from '../../src/kernel/identifiers'
import { Account, AccountId } from '../../src/accounts/account'
import type { OrganisationId } from '../../src/organizations/organisation'
import { Flow } from '../../src/accounts/flow'
import { CodeLedger } from '../../src/credentials/verification-code'
import { KeyedHash } from '../../src/ports/keyed-hasher'
import { PasswordHash } from '../../src/ports/password-hasher'
import { AccountRepository, CodeLedgerRepository, FlowRepository, ProviderRegistrationRepository } from '../../src/ports/repositories'
import { ProviderRegistration } from '../../src/organizations/provider-registration'
import { alreadyRegistered } from '../../src/accounts/provider-registration/flow'
import { SqlClient, toDomainError, usernameTaken } from './sql'
import { jsonObject } from './documents'
import { decodeOrganisationFlow } from './organisation-flows'
import { decodeMfaSignInFlow } from '../../src/mfa/sign-in/flow'

// -------------------------------------------------------------------------------------
// shared
// -------------------------------------------------------------------------------------

/** A database timestamp (a Date from the driver, or text) as an ISO instant in UTC. */
const instant = (v: unknown): string | undefined => {
  const d = v instanceof Date ? DateTime.fromJSDate(v) : typeof v === 'string' ? DateTime.fromISO(v.replace(' ', 'T')) : undefined
  return d?.isValid ? (d.toUTC().toISO() as string) : undefined
}

const field = <A>(table: string, name: string, value: A | undefined): E.Either<DomainError, A> =>
  value === undefined ? E.left(invalidRow(table, `${name} is missing or malformed`)) : E.right(value)

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined)
const optional = <A>(v: unknown, f: (v: unknown) => A | undefined): A | null | undefined => (v === null || v === undefined ? null : f(v))

const run = <A>(what: string, task: () => Promise<A>, unique: Parameters<typeof toDomainError>[1] = {}): TE.TaskEither<DomainError, A> =>
  TE.tryCatch(task, toDomainError(what, unique))

const decodeOne = <R, A>(decode: (row: R) => E.Either<DomainError, A>) => (rows: ReadonlyArray<R>): E.Either<DomainError, O.Option<A>> =>
  rows[0] === undefined ? E.right(O.none) : pipe(decode(rows[0]), E.map(O.some))

// -------------------------------------------------------------------------------------
// accounts
// -------------------------------------------------------------------------------------

const ACCOUNT_COLUMNS = `id::text, username, username_key, email, email_key, password_hash, first_name, last_name,
  date_of_birth::text AS date_of_birth, relationship, member_id, representative_id_hash, status, created_at,
  password_changed_at, failed_sign_ins, locked_until, version, provider_id, registration_id,
  temporary_password_issued_at, temporary_password_expires_at, challenge_question, challenge_answer_hash,
  challenge_failed_answers, challenge_locked_until, issued_temporary_passwords, organisation_id::text AS organisation_id, identity_proofed_at`

type Row = Record<string, unknown>

/** The issued temporary passwords (jsonb): keyed hashes and their expiry instants, nothing else. */
const issuedTemporaryPasswords = (v: unknown): Account['issuedTemporaryPasswords'] | undefined => {
  const entries = typeof v === 'string' ? parseJson(v) : v
  if (!Array.isArray(entries)) return undefined
  const decoded = entries.map((e: unknown) => {
    const entry = e as { digest?: unknown; expiresAt?: unknown } | null
    const expiresAt = instant(entry?.expiresAt)
    return typeof entry?.digest === 'string' && entry.digest !== '' && expiresAt !== undefined && Object.keys(entry).length === 2
      ? { digest: entry.digest as KeyedHash, expiresAt }
      : undefined
  })
  return decoded.every((e) => e !== undefined) ? (decoded as Account['issuedTemporaryPasswords']) : undefined
}

const parseJson = (v: string): unknown => {
  try {
    return JSON.parse(v)
  } catch {
    return undefined
  }
}

/** Decodes an accounts row; a row that breaks the domain's rules is an error, never an account. */
export const decodeAccount = (row: Row): E.Either<DomainError, Account> => {
  const T = 'accounts'
  const checks = validateAll({
    id: field(T, 'id', text(row.id)),
    username: pipe(parseUsername(row.username, 'username'), E.mapLeft((e) => invalidRow(T, e.rule))),
    usernameKey: field(T, 'username_key', text(row.username_key)),
    email: pipe(parseEmailAddress(row.email, 'email'), E.mapLeft((e) => invalidRow(T, e.rule))),
    emailKey: field(T, 'email_key', text(row.email_key)),
    passwordHash: field(T, 'password_hash', text(row.password_hash)),
    firstName: pipe(parsePersonName(row.first_name, 'first_name'), E.mapLeft((e) => invalidRow(T, e.rule))),
    lastName: pipe(parsePersonName(row.last_name, 'last_name'), E.mapLeft((e) => invalidRow(T, e.rule))),
    dateOfBirth: field(T, 'date_of_birth', optional(row.date_of_birth, (v) => (/^\d{4}-\d{2}-\d{2}$/.test(text(v) ?? '') ? (v as string) : undefined))),
    relationship: field(
      T,
      'relationship',
      row.relationship === 'member' ||
        row.relationship === 'representative' ||
        row.relationship === 'provider' ||
        row.relationship === 'organisation' ||
        row.relationship === 'individual'
        ? row.relationship
        : undefined
    ),
    memberId: field(T, 'member_id', optional(row.member_id, text)),
    providerId: field(T, 'provider_id', optional(row.provider_id, text)),
    registrationId: field(T, 'registration_id', optional(row.registration_id, text)),
    organisationId: field(T, 'organisation_id', optional(row.organisation_id, text)),
    identityProofedAt: field(T, 'identity_proofed_at', optional(row.identity_proofed_at, instant)),
    temporaryIssuedAt: field(T, 'temporary_password_issued_at', optional(row.temporary_password_issued_at, instant)),
    temporaryExpiresAt: field(T, 'temporary_password_expires_at', optional(row.temporary_password_expires_at, instant)),
    challengeQuestion: field(T, 'challenge_question', optional(row.challenge_question, text)),
    challengeAnswerHash: field(T, 'challenge_answer_hash', optional(row.challenge_answer_hash, text)),
    challengeFailedAnswers: field(T, 'challenge_failed_answers', int(row.challenge_failed_answers)),
    challengeLockedUntil: field(T, 'challenge_locked_until', optional(row.challenge_locked_until, instant)),
    issuedTemporaryPasswords: field(T, 'issued_temporary_passwords', issuedTemporaryPasswords(row.issued_temporary_passwords)),
    representativeIdHash: field(T, 'representative_id_hash', optional(row.representative_id_hash, text)),
    status: field(T, 'status', row.status === 'active' ? ('active' as const) : undefined),
    createdAt: field(T, 'created_at', instant(row.created_at)),
    passwordChangedAt: field(T, 'password_changed_at', instant(row.password_changed_at)),
    failedSignIns: field(T, 'failed_sign_ins', int(row.failed_sign_ins)),
    lockedUntil: field(T, 'locked_until', optional(row.locked_until, instant)),
    version: field(T, 'version', int(row.version))
  })
  if (E.isLeft(checks)) return E.left(checks.left[0])
  const r = checks.right
  const relationship: E.Either<DomainError, Account['relationship']> =
    r.relationship === 'member' && r.memberId !== null
      ? E.right({ kind: 'member', memberId: r.memberId as MemberId })
      : r.relationship === 'representative' && r.memberId !== null && r.representativeIdHash !== null
        ? E.right({ kind: 'representative', representedMemberId: r.memberId as MemberId, representativeIdHash: r.representativeIdHash as KeyedHash })
        : r.relationship === 'provider' && r.providerId !== null && r.registrationId !== null
          ? E.right({ kind: 'provider', providerId: r.providerId as ProviderId, registrationId: r.registrationId })
          : r.relationship === 'organisation' && r.organisationId !== null
            ? E.right({ kind: 'organisation', organisationId: r.organisationId as OrganisationId })
            : r.relationship === 'individual'
              ? E.right({ kind: 'individual', identityProofedAt: r.identityProofedAt })
              : E.left(invalidRow(T, `a ${r.relationship} account lacks the columns its relationship needs`))
  if (E.isLeft(relationship)) return relationship
  return E.right({
    id: r.id as AccountId,
    username: r.username,
    usernameKey: r.usernameKey as UsernameKey,
    email: r.email,
    emailKey: r.emailKey as EmailKey,
    passwordHash: r.passwordHash as PasswordHash,
    firstName: r.firstName,
    lastName: r.lastName,
    dateOfBirth: r.dateOfBirth as DateOfBirth | null,
    relationship: relationship.right,
    status: r.status,
    createdAt: r.createdAt,
    passwordChangedAt: r.passwordChangedAt,
    temporaryPassword:
      r.temporaryIssuedAt !== null && r.temporaryExpiresAt !== null ? { issuedAt: r.temporaryIssuedAt, expiresAt: r.temporaryExpiresAt } : null,
    issuedTemporaryPasswords: r.issuedTemporaryPasswords,
    challenge:
      r.challengeQuestion !== null && r.challengeAnswerHash !== null
        ? {
            questionId: r.challengeQuestion,
            answerHash: r.challengeAnswerHash as KeyedHash,
            failedAnswers: r.challengeFailedAnswers,
            lockedUntil: r.challengeLockedUntil
          }
        : null,
    signIn: { consecutiveFailures: r.failedSignIns, lockedUntil: r.lockedUntil },
    version: r.version
  })
}

const accountParams = (a: Account, version: number): unknown[] => [
  a.id,
  a.username,
  a.usernameKey,
  a.email,
  a.emailKey,
  a.passwordHash,
  a.firstName,
  a.lastName,
  a.dateOfBirth,
  a.relationship.kind,
  a.relationship.kind === 'member' ? a.relationship.memberId : a.relationship.kind === 'representative' ? a.relationship.representedMemberId : null,
  a.relationship.kind === 'representative' ? a.relationship.representativeIdHash : null,
  a.status,
  a.createdAt,
  a.passwordChangedAt,
  a.signIn.consecutiveFailures,
  a.signIn.lockedUntil,
  version,
  a.relationship.kind === 'provider' ? a.relationship.providerId : null,
  a.relationship.kind === 'provider' ? a.relationship.registrationId : null,
  a.temporaryPassword?.issuedAt ?? null,
  a.temporaryPassword?.expiresAt ?? null,
  a.challenge?.questionId ?? null,
  a.challenge?.answerHash ?? null,
  a.challenge?.failedAnswers ?? 0,
  a.challenge?.lockedUntil ?? null,
  JSON.stringify(a.issuedTemporaryPasswords.map((e) => ({ digest: e.digest, expiresAt: e.expiresAt }))),
  a.relationship.kind === 'organisation' ? a.relationship.organisationId : null,
  a.relationship.kind === 'individual' ? a.relationship.identityProofedAt : null
]

/** Accounts over SQL. */
export const accountRepository = (sql: SqlClient): AccountRepository => {
  const findWhere = (where: string, value: string) =>
    pipe(
      run('account', () => sql.query<Row>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE ${where} = $1`, [value])),
      TE.chainEitherK((r) => decodeOne(decodeAccount)(r.rows))
    )
  return {
    findById: (id) => (/^[0-9a-f-]{36}$/i.test(id) ? findWhere('id', id) : TE.right(O.none)),
    findByUsername: (key) => findWhere('username_key', key),
    insert: (account) =>
      pipe(
        run(
          'account',
          () =>
            sql.query<Row>(
              `INSERT INTO accounts (id, username, username_key, email, email_key, password_hash, first_name, last_name,
                 date_of_birth, relationship, member_id, representative_id_hash, status, created_at, password_changed_at,
                 failed_sign_ins, locked_until, version, provider_id, registration_id, temporary_password_issued_at,
                 temporary_password_expires_at, challenge_question, challenge_answer_hash, challenge_failed_answers,
                 challenge_locked_until, issued_temporary_passwords, organisation_id, identity_proofed_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
                 $24, $25, $26, $27::jsonb, $28, $29)
               RETURNING ${ACCOUNT_COLUMNS}`,
              accountParams(account, 1)
            ),
          { accounts_username_key_unique: usernameTaken, accounts_pkey: () => storageConflict('account') }
        ),
        TE.chainEitherK((r) => decodeAccount(r.rows[0] ?? {}))
      ),
    update: (account) =>
      pipe(
        run('account', () =>
          sql.query<Row>(
            `UPDATE accounts SET username = $2, username_key = $3, email = $4, email_key = $5, password_hash = $6,
               first_name = $7, last_name = $8, date_of_birth = $9, relationship = $10, member_id = $11,
               representative_id_hash = $12, status = $13, created_at = $14, password_changed_at = $15,
               failed_sign_ins = $16, locked_until = $17, version = $18, provider_id = $19, registration_id = $20,
               temporary_password_issued_at = $21, temporary_password_expires_at = $22, challenge_question = $23,
               challenge_answer_hash = $24, challenge_failed_answers = $25, challenge_locked_until = $26,
               issued_temporary_passwords = $27::jsonb, organisation_id = $28, identity_proofed_at = $29
             WHERE id = $1 AND version = $30
             RETURNING ${ACCOUNT_COLUMNS}`,
            [...accountParams(account, account.version + 1), account.version]
          ),
          { accounts_username_key_unique: usernameTaken }
        ),
        TE.chainEitherK((r) => (r.rows[0] === undefined ? E.left(storageConflict('account')) : decodeAccount(r.rows[0])))
      )
  }
}

// -------------------------------------------------------------------------------------
// flows
// -------------------------------------------------------------------------------------

const FlowData = t.intersection([
  t.type({
    id: t.string,
    kind: t.keyof({ 'sign-up': null, 'password-reset': null }),
    state: t.keyof({ 'awaiting-email-code': null, 'email-verified': null, 'account-confirmed': null, completed: null }),
    startedAt: t.string,
    expiresAt: t.string,
    username: t.string,
    email: t.string
  }),
  t.partial({ usernameKey: t.string, emailKey: t.string, passwordHash: t.string, verifiedAt: t.string, accountId: t.string })
])

const ProviderFlowData = t.intersection([
  t.type({
    id: t.string,
    kind: t.literal('provider-registration'),
    state: t.keyof({ identified: null, described: null, completed: null }),
    startedAt: t.string,
    expiresAt: t.string,
    providerId: t.string,
    providerName: t.string
  }),
  t.partial({ organisation: t.type({ name: t.string, phone: t.string }), users: t.array(t.UnknownRecord), accountId: t.string, registrationId: t.string })
])

/** Decodes a flows row: its JSON document must be a flow of a known kind and state. */
export const decodeFlow = (row: Row): E.Either<DomainError, Flow> => {
  const version = int(row.version)
  const kind = (row.data as { kind?: unknown } | null)?.kind
  if (kind === 'provider-organisation' || kind === 'billing-organisation') {
    const data = jsonObject(row.data)
    if (data === undefined || version === undefined) return E.left(invalidRow('flows', 'data is not a JSON object, or version is malformed'))
    return pipe(decodeOrganisationFlow({ ...data, version }), E.mapLeft((cause) => invalidRow('flows', `a ${kind} flow: ${cause}`)))
  }
  if (kind === 'mfa-sign-in') {
    const data = jsonObject(row.data)
    if (data === undefined || version === undefined) return E.left(invalidRow('flows', 'data is not a JSON object, or version is malformed'))
    return pipe(decodeMfaSignInFlow({ ...data, version }), E.mapLeft((cause) => invalidRow('flows', `a two-factor sign-in: ${cause}`)))
  }
  if ((row.data as { kind?: unknown } | null)?.kind === 'provider-registration') {
    const p = ProviderFlowData.decode(row.data)
    if (E.isLeft(p) || version === undefined) return E.left(invalidRow('flows', 'data is not a provider registration'))
    const d = p.right
    const lacks = (d.state !== 'identified' && (d.organisation === undefined || d.users === undefined)) ||
      (d.state === 'completed' && (d.accountId === undefined || d.registrationId === undefined))
    return lacks ? E.left(invalidRow('flows', `a provider registration in state ${d.state} lacks its data`)) : E.right({ ...(d as unknown as Flow), version })
  }
  const data = FlowData.decode(row.data)
  if (E.isLeft(data) || version === undefined) return E.left(invalidRow('flows', 'data is not a flow of a known kind and state'))
  const d = data.right
  const needs: ReadonlyArray<keyof typeof d> =
    d.kind === 'sign-up'
      ? ['usernameKey', 'emailKey', 'passwordHash', ...(d.state === 'email-verified' ? ['verifiedAt' as const] : []), ...(d.state === 'completed' ? ['accountId' as const] : [])]
      : d.state === 'account-confirmed' || d.state === 'completed'
        ? ['accountId']
        : []
  const missing = needs.filter((k) => d[k] === undefined)
  if (missing.length > 0 || (d.kind === 'sign-up' && d.state === 'account-confirmed'))
    return E.left(invalidRow('flows', `a ${d.kind} flow in state ${d.state} lacks ${missing.join(', ') || 'a valid state'}`))
  return E.right({ ...(d as unknown as Flow), version })
}

/** Flows over SQL: one JSON document each, with its kind, state and expiry as columns. */
export const flowRepository = (sql: SqlClient): FlowRepository => {
  // What could not be read back is not written: a flow with a field its state does not name (a check
  // number, say) is refused before it reaches the table.
  const document = (flow: Flow): E.Either<DomainError, string> => {
    const { version: _version, ...data } = flow
    const text = JSON.stringify(data)
    return pipe(
      decodeFlow({ data: JSON.parse(text), version: 1 }),
      E.bimap((e) => invalidRow('flows', `not written: ${'cause' in e && typeof e.cause === 'string' ? e.cause : e.rule}`), () => text)
    )
  }
  return {
    find: (id) =>
      /^[0-9a-f-]{36}$/i.test(id)
        ? pipe(
            run('flow', () => sql.query<Row>('SELECT data, version FROM flows WHERE id = $1', [id])),
            TE.chainEitherK((r) => decodeOne(decodeFlow)(r.rows))
          )
        : TE.right(O.none),
    insert: (flow) =>
      pipe(
        TE.fromEither(document(flow)),
        TE.chain((data) =>
          run('flow', () =>
            sql.query<Row>(
              `INSERT INTO flows (id, kind, state, expires_at, data, version) VALUES ($1, $2, $3, $4, $5::jsonb, 1)
               RETURNING data, version`,
              [flow.id, flow.kind, flow.state, flow.expiresAt, data]
            )
          )
        ),
        TE.chainEitherK((r) => decodeFlow(r.rows[0] ?? {}))
      ),
    update: (flow) =>
      pipe(
        TE.fromEither(document(flow)),
        TE.chain((data) =>
          run('flow', () =>
            sql.query<Row>(
              `UPDATE flows SET kind = $2, state = $3, expires_at = $4, data = $5::jsonb, version = version + 1
               WHERE id = $1 AND version = $6 RETURNING data, version`,
              [flow.id, flow.kind, flow.state, flow.expiresAt, data, flow.version]
            )
          )
        ),
        TE.chainEitherK((r) => (r.rows[0] === undefined ? E.left(storageConflict('flow')) : decodeFlow(r.rows[0])))
      )
  }
}

// -------------------------------------------------------------------------------------
// code ledgers
// -------------------------------------------------------------------------------------

const LEDGER_COLUMNS = `purpose, address_key, code_hash, code_issued_at, code_expires_at, code_used, failed_attempts,
  codes_issued, window_started_at, locked_until, version`

/** Decodes a code_ledgers row. */
export const decodeLedger = (row: Row): E.Either<DomainError, CodeLedger> => {
  const T = 'code_ledgers'
  const checks = validateAll({
    purpose: field(T, 'purpose', text(row.purpose)),
    addressKey: field(T, 'address_key', text(row.address_key)),
    codeHash: field(T, 'code_hash', optional(row.code_hash, text)),
    issuedAt: field(T, 'code_issued_at', optional(row.code_issued_at, instant)),
    expiresAt: field(T, 'code_expires_at', optional(row.code_expires_at, instant)),
    used: field(T, 'code_used', optional(row.code_used, (v) => (typeof v === 'boolean' ? v : undefined))),
    failedAttempts: field(T, 'failed_attempts', int(row.failed_attempts)),
    codesIssued: field(T, 'codes_issued', int(row.codes_issued)),
    windowStartedAt: field(T, 'window_started_at', instant(row.window_started_at)),
    lockedUntil: field(T, 'locked_until', optional(row.locked_until, instant)),
    version: field(T, 'version', int(row.version))
  })
  if (E.isLeft(checks)) return E.left(checks.left[0])
  const r = checks.right
  const hasCode = r.codeHash !== null
  if (hasCode && (r.issuedAt === null || r.expiresAt === null || r.used === null))
    return E.left(invalidRow(T, 'a current code lacks its times or its used flag'))
  return E.right({
    purpose: r.purpose,
    addressKey: r.addressKey as KeyedHash,
    current: hasCode
      ? { codeHash: r.codeHash as KeyedHash, issuedAt: r.issuedAt as string, expiresAt: r.expiresAt as string, used: r.used as boolean }
      : null,
    failedAttempts: r.failedAttempts,
    codesIssued: r.codesIssued,
    windowStartedAt: r.windowStartedAt,
    lockedUntil: r.lockedUntil,
    version: r.version
  })
}

const ledgerParams = (l: CodeLedger, version: number): unknown[] => [
  l.purpose,
  l.addressKey,
  l.current?.codeHash ?? null,
  l.current?.issuedAt ?? null,
  l.current?.expiresAt ?? null,
  l.current?.used ?? null,
  l.failedAttempts,
  l.codesIssued,
  l.windowStartedAt,
  l.lockedUntil,
  version
]

/** Verification-code ledgers over SQL. */
export const codeLedgerRepository = (sql: SqlClient): CodeLedgerRepository => ({
  find: (purpose, addressKey) =>
    pipe(
      run('code ledger', () => sql.query<Row>(`SELECT ${LEDGER_COLUMNS} FROM code_ledgers WHERE purpose = $1 AND address_key = $2`, [purpose, addressKey])),
      TE.chainEitherK((r) => decodeOne(decodeLedger)(r.rows))
    ),
  insert: (ledger) =>
    pipe(
      run('code ledger', () =>
        sql.query<Row>(
          `INSERT INTO code_ledgers (${LEDGER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${LEDGER_COLUMNS}`,
          ledgerParams(ledger, 1)
        )
      ),
      TE.chainEitherK((r) => decodeLedger(r.rows[0] ?? {}))
    ),
  update: (ledger) =>
    pipe(
      run('code ledger', () =>
        sql.query<Row>(
          `UPDATE code_ledgers SET code_hash = $3, code_issued_at = $4, code_expires_at = $5, code_used = $6,
             failed_attempts = $7, codes_issued = $8, window_started_at = $9, locked_until = $10, version = $11
           WHERE purpose = $1 AND address_key = $2 AND version = $12 RETURNING ${LEDGER_COLUMNS}`,
          [...ledgerParams(ledger, ledger.version + 1), ledger.version]
        )
      ),
      TE.chainEitherK((r) => (r.rows[0] === undefined ? E.left(storageConflict('code ledger')) : decodeLedger(r.rows[0])))
    )
})

// -------------------------------------------------------------------------------------
// provider registrations
// -------------------------------------------------------------------------------------

const REGISTRATION_COLUMNS = 'id, provider_id, provider_name, account_id::text AS account_id, organisation, users, registered_at, version'

const Organisation = t.type({ name: t.string, phone: t.string })
const OrganisationUser = t.type({ firstName: t.string, lastName: t.string, email: t.string, phone: t.string, access: t.array(t.string) })

/** Decodes a provider_registrations row. */
export const decodeRegistration = (row: Row): E.Either<DomainError, ProviderRegistration> => {
  const T = 'provider_registrations'
  const organisation = Organisation.decode(row.organisation)
  const users = t.array(OrganisationUser).decode(row.users)
  if (E.isLeft(organisation) || E.isLeft(users)) return E.left(invalidRow(T, 'organisation or users is not in the expected shape'))
  const checks = validateAll({
    id: field(T, 'id', text(row.id)),
    providerId: field(T, 'provider_id', text(row.provider_id)),
    providerName: field(T, 'provider_name', text(row.provider_name)),
    accountId: field(T, 'account_id', text(row.account_id)),
    registeredAt: field(T, 'registered_at', instant(row.registered_at)),
    version: field(T, 'version', int(row.version))
  })
  if (E.isLeft(checks)) return E.left(checks.left[0])
  return E.right({
    ...checks.right,
    providerId: checks.right.providerId as ProviderId,
    accountId: checks.right.accountId as AccountId,
    organisation: organisation.right as ProviderRegistration['organisation'],
    users: users.right as unknown as ProviderRegistration['users']
  })
}

/** Provider registrations over SQL, unique by Provider ID. */
export const registrationRepository = (sql: SqlClient): ProviderRegistrationRepository => ({
  findByProviderId: (providerId) =>
    pipe(
      run('provider registration', () => sql.query<Row>(`SELECT ${REGISTRATION_COLUMNS} FROM provider_registrations WHERE provider_id = $1`, [providerId])),
      TE.chainEitherK((r) => decodeOne(decodeRegistration)(r.rows))
    ),
  insert: (registration) =>
    pipe(
      run(
        'provider registration',
        () =>
          sql.query<Row>(
            `INSERT INTO provider_registrations (id, provider_id, provider_name, account_id, organisation, users, registered_at, version)
             VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, 1) RETURNING ${REGISTRATION_COLUMNS}`,
            [
              registration.id,
              registration.providerId,
              registration.providerName,
              registration.accountId,
              JSON.stringify(registration.organisation),
              JSON.stringify(registration.users),
              registration.registeredAt
            ]
          ),
        { provider_registrations_provider_unique: alreadyRegistered }
      ),
      TE.chainEitherK((r) => decodeRegistration(r.rows[0] ?? {}))
    )
})
