/**
 * Versioned schema migrations, applied in order by `migrate`: idempotent, and
 * safe when two processes run it at once (a transaction-scoped advisory lock
 * serialises them; the second finds nothing left to do).
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { DomainError, storageUnavailable } from '../../src/kernel/errors'
import { SqlDatabase } from './sql'

/** One schema change. Never edit a released one: add a new version. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/** Every migration, oldest first. */
export const MIGRATIONS: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'accounts, flows, code ledgers, mail outbox',
    sql: `
      CREATE TABLE accounts (
        id                      uuid PRIMARY KEY,
        username                text NOT NULL,
        username_key            text NOT NULL CONSTRAINT accounts_username_key_unique UNIQUE,
        email                   text NOT NULL,
        email_key               text NOT NULL,
        password_hash           text NOT NULL,
        first_name              text NOT NULL,
        last_name               text NOT NULL,
        date_of_birth           date NOT NULL,
        relationship            text NOT NULL CHECK (relationship IN ('member', 'representative')),
        member_id               text NOT NULL,
        representative_id_hash  text,
        status                  text NOT NULL CHECK (status IN ('active')),
        created_at              timestamptz NOT NULL,
        password_changed_at     timestamptz NOT NULL,
        failed_sign_ins         integer NOT NULL CHECK (failed_sign_ins >= 0),
        locked_until            timestamptz,
        version                 integer NOT NULL CHECK (version > 0),
        CHECK ((relationship = 'representative') = (representative_id_hash IS NOT NULL))
      );
      CREATE INDEX accounts_email_key ON accounts (email_key);

      CREATE TABLE flows (
        id          uuid PRIMARY KEY,
        kind        text NOT NULL,
        state       text NOT NULL,
        expires_at  timestamptz NOT NULL,
        data        jsonb NOT NULL,
        version     integer NOT NULL CHECK (version > 0)
      );
      CREATE INDEX flows_expires_at ON flows (expires_at);

      CREATE TABLE code_ledgers (
        purpose            text NOT NULL,
        address_key        text NOT NULL,
        code_hash          text,
        code_issued_at     timestamptz,
        code_expires_at    timestamptz,
        code_used          boolean,
        failed_attempts    integer NOT NULL CHECK (failed_attempts >= 0),
        codes_issued       integer NOT NULL CHECK (codes_issued >= 0),
        window_started_at  timestamptz NOT NULL,
        locked_until       timestamptz,
        version            integer NOT NULL CHECK (version > 0),
        PRIMARY KEY (purpose, address_key),
        CHECK ((code_hash IS NULL) = (code_issued_at IS NULL))
      );

      CREATE TABLE mail_outbox (
        id               bigserial PRIMARY KEY,
        kind             text NOT NULL,
        recipient        text NOT NULL,
        sender           text NOT NULL,
        subject          text NOT NULL,
        sealed_text      text,
        sealed_html      text,
        enqueued_at      timestamptz NOT NULL,
        attempts         integer NOT NULL DEFAULT 0,
        last_error       text,
        next_attempt_at  timestamptz NOT NULL,
        delivered_at     timestamptz
      );
      CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE delivered_at IS NULL;
    `
  },
  {
    version: 2,
    name: 'provider accounts, temporary passwords, challenge questions, provider registrations',
    sql: `
      ALTER TABLE accounts
        ALTER COLUMN date_of_birth DROP NOT NULL,
        ALTER COLUMN member_id DROP NOT NULL,
        DROP CONSTRAINT accounts_relationship_check,
        DROP CONSTRAINT accounts_check,
        ADD COLUMN provider_id text,
        ADD COLUMN registration_id text,
        ADD COLUMN temporary_password_issued_at timestamptz,
        ADD COLUMN temporary_password_expires_at timestamptz,
        ADD COLUMN challenge_question text,
        ADD COLUMN challenge_answer_hash text,
        ADD COLUMN challenge_failed_answers integer NOT NULL DEFAULT 0 CHECK (challenge_failed_answers >= 0),
        ADD COLUMN challenge_locked_until timestamptz,
        ADD CONSTRAINT accounts_relationship_kind CHECK (relationship IN ('member', 'representative', 'provider')),
        ADD CONSTRAINT accounts_relationship_fields CHECK (
          (relationship = 'member' AND member_id IS NOT NULL AND representative_id_hash IS NULL AND provider_id IS NULL) OR
          (relationship = 'representative' AND member_id IS NOT NULL AND representative_id_hash IS NOT NULL AND provider_id IS NULL) OR
          (relationship = 'provider' AND provider_id IS NOT NULL AND registration_id IS NOT NULL AND member_id IS NULL)),
        ADD CONSTRAINT accounts_temporary_password_window CHECK ((temporary_password_issued_at IS NULL) = (temporary_password_expires_at IS NULL)),
        ADD CONSTRAINT accounts_challenge CHECK ((challenge_question IS NULL) = (challenge_answer_hash IS NULL));

      CREATE TABLE provider_registrations (
        id             text PRIMARY KEY,
        provider_id    text NOT NULL CONSTRAINT provider_registrations_provider_unique UNIQUE,
        provider_name  text NOT NULL,
        account_id     uuid NOT NULL REFERENCES accounts (id),
        organisation   jsonb NOT NULL,
        users          jsonb NOT NULL,
        registered_at  timestamptz NOT NULL,
        version        integer NOT NULL CHECK (version > 0)
      );
    `
  },
  {
    version: 3,
    name: 'prior-authorization requests, clinical attachments, ICD-10-CM releases',
    sql: `
      CREATE TABLE authorization_requests (
        id                      uuid PRIMARY KEY,
        state                   text NOT NULL CHECK (state IN ('started', 'requesting-provider', 'member', 'service', 'codes',
                                  'servicing-provider', 'clinicals', 'contacts', 'submitted')),
        reference               text CONSTRAINT authorization_requests_reference_unique UNIQUE,
        account_id              text NOT NULL,
        requesting_provider_id  text,
        body                    jsonb NOT NULL,
        version                 integer NOT NULL CHECK (version > 0),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'submitted') = (reference IS NOT NULL))
      );
      CREATE INDEX authorization_requests_account ON authorization_requests (account_id);
      CREATE INDEX authorization_requests_requesting_provider ON authorization_requests (requesting_provider_id)
        WHERE requesting_provider_id IS NOT NULL;

      CREATE TABLE clinical_attachments (
        sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        media_type  text NOT NULL,
        size        integer NOT NULL CHECK (size >= 0),
        content     bytea NOT NULL,
        stored_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (octet_length(content) = size)
      );

      CREATE TABLE icd10cm_releases (
        valid_from  date PRIMARY KEY,
        valid_to    date NOT NULL,
        loaded_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to >= valid_from)
      );

      CREATE TABLE icd10cm_codes (
        valid_from         date NOT NULL REFERENCES icd10cm_releases (valid_from) ON DELETE CASCADE,
        code               text NOT NULL,
        order_number       integer NOT NULL,
        billable           boolean NOT NULL,
        short_description  text NOT NULL,
        long_description   text NOT NULL,
        PRIMARY KEY (valid_from, code)
      );
      -- describe(): the newest release that lists a code.
      CREATE INDEX icd10cm_codes_code ON icd10cm_codes (code, valid_from DESC);
    `
  },
  {
    version: 4,
    name: 'issued temporary passwords, as keyed hashes, until they expire',
    sql: `
      ALTER TABLE accounts
        ADD COLUMN issued_temporary_passwords jsonb NOT NULL DEFAULT '[]'::jsonb
          CONSTRAINT accounts_issued_temporary_passwords_array CHECK (jsonb_typeof(issued_temporary_passwords) = 'array');
    `
  },
  {
    version: 5,
    name: 'organisations, client access requests, organisation accounts, postal outbox, Provider e-Services requests',
    sql: `
      -- The body is the codec-encoded organisation with its memberships; the registration key holds the
      -- Tax ID's keyed hash only, so "registers once" is a unique index and no Tax ID is ever stored.
      CREATE TABLE organisations (
        id                uuid PRIMARY KEY,
        kind              text NOT NULL CHECK (kind IN ('provider', 'billing')),
        registration_key  text NOT NULL CONSTRAINT organisations_registration_key_unique UNIQUE,
        body              jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
        version           integer NOT NULL CHECK (version > 0)
      );

      CREATE TABLE client_access_requests (
        id                       uuid PRIMARY KEY,
        billing_organisation_id  uuid NOT NULL,
        state                    text NOT NULL CHECK (state IN ('pending', 'approved', 'refused', 'expired', 'ended')),
        requested_at             timestamptz NOT NULL,
        body                     jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
        version                  integer NOT NULL CHECK (version > 0)
      );
      -- A billing organisation's requests, newest first.
      CREATE INDEX client_access_requests_billing_organisation ON client_access_requests (billing_organisation_id, requested_at DESC);

      ALTER TABLE accounts
        ADD COLUMN organisation_id uuid,
        DROP CONSTRAINT accounts_relationship_kind,
        DROP CONSTRAINT accounts_relationship_fields,
        ADD CONSTRAINT accounts_relationship_kind CHECK (relationship IN ('member', 'representative', 'provider', 'organisation')),
        ADD CONSTRAINT accounts_relationship_fields CHECK (
          (relationship = 'member' AND member_id IS NOT NULL AND representative_id_hash IS NULL AND provider_id IS NULL AND organisation_id IS NULL) OR
          (relationship = 'representative' AND member_id IS NOT NULL AND representative_id_hash IS NOT NULL AND provider_id IS NULL AND organisation_id IS NULL) OR
          (relationship = 'provider' AND provider_id IS NOT NULL AND registration_id IS NOT NULL AND member_id IS NULL AND organisation_id IS NULL) OR
          (relationship = 'organisation' AND organisation_id IS NOT NULL AND member_id IS NULL AND representative_id_hash IS NULL
            AND provider_id IS NULL AND registration_id IS NULL));

      -- A letter carries a PIN in clear: it is kept sealed until delivered, then erased.
      CREATE TABLE postal_outbox (
        id               bigserial PRIMARY KEY,
        kind             text NOT NULL,
        sealed_letter    text,
        created_at       timestamptz NOT NULL,
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error       text,
        next_attempt_at  timestamptz NOT NULL,
        delivered_at     timestamptz,
        CHECK ((delivered_at IS NULL) = (sealed_letter IS NOT NULL))
      );
      CREATE INDEX postal_outbox_pending ON postal_outbox (next_attempt_at) WHERE delivered_at IS NULL;

      CREATE TABLE eservices_requests (
        id            bigserial PRIMARY KEY,
        reference     text NOT NULL CONSTRAINT eservices_requests_reference_unique UNIQUE,
        requested_at  timestamptz NOT NULL,
        body          jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object')
      );
    `
  },
  {
    version: 6,
    name: 'individual accounts (HARP): a person of their own, identity proofed once',
    sql: `
      ALTER TABLE accounts
        ADD COLUMN identity_proofed_at timestamptz,
        DROP CONSTRAINT accounts_relationship_kind,
        DROP CONSTRAINT accounts_relationship_fields,
        ADD CONSTRAINT accounts_relationship_kind CHECK (relationship IN ('member', 'representative', 'provider', 'organisation', 'individual')),
        ADD CONSTRAINT accounts_relationship_fields CHECK (
          (relationship = 'member' AND member_id IS NOT NULL AND representative_id_hash IS NULL AND provider_id IS NULL AND organisation_id IS NULL) OR
          (relationship = 'representative' AND member_id IS NOT NULL AND representative_id_hash IS NOT NULL AND provider_id IS NULL AND organisation_id IS NULL) OR
          (relationship = 'provider' AND provider_id IS NOT NULL AND registration_id IS NOT NULL AND member_id IS NULL AND organisation_id IS NULL) OR
          (relationship = 'organisation' AND organisation_id IS NOT NULL AND member_id IS NULL AND representative_id_hash IS NULL
            AND provider_id IS NULL AND registration_id IS NULL) OR
          (relationship = 'individual' AND member_id IS NULL AND representative_id_hash IS NULL AND provider_id IS NULL
            AND registration_id IS NULL AND organisation_id IS NULL)),
        ADD CONSTRAINT accounts_identity_proofed_individual CHECK (identity_proofed_at IS NULL OR relationship = 'individual');
    `
  },
  {
    version: 7,
    name: 'identity proofing (HARP): identity records and manual proofings',
    sql: `
      -- One per individual account. The body is the codec-encoded record: the profile with the SSN only as its
      -- masked last four and keyed hash, remote proofing's state with its quiz sealed (answers only as keyed hashes).
      CREATE TABLE identity_records (
        account_id  uuid PRIMARY KEY,
        path        text NOT NULL CHECK (path IN ('remote', 'manual')),
        body        jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
        version     integer NOT NULL CHECK (version > 0)
      );

      -- The documents themselves are in clinical_attachments (content-addressed); a proofing holds their hashes.
      CREATE TABLE manual_proofings (
        id            uuid PRIMARY KEY,
        account_id    uuid NOT NULL,
        state         text NOT NULL CHECK (state IN ('collecting', 'submitted', 'approved', 'rejected')),
        started_at    timestamptz NOT NULL,
        submitted_at  timestamptz,
        body          jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
        version       integer NOT NULL CHECK (version > 0),
        CHECK ((state = 'collecting') = (submitted_at IS NULL))
      );
      CREATE INDEX manual_proofings_account ON manual_proofings (account_id, started_at DESC);
      -- The reviewers' queue: submitted ones, oldest first.
      CREATE INDEX manual_proofings_queue ON manual_proofings (submitted_at, id) WHERE state = 'submitted';
    `
  },
  {
    version: 8,
    name: 'second factors (HARP): devices, TOTP credentials (sealed secrets), push ledgers, SMS and voice outboxes',
    sql: `
      -- One document an account: its devices, pending and active (phones as parsed, an app only by reference).
      CREATE TABLE mfa_devices (
        account_id  uuid PRIMARY KEY,
        body        jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
        version     integer NOT NULL CHECK (version > 0)
      );
      -- The secret is sealed (AES-GCM under a key of its own), never hashed: codes are computed from it.
      -- last_accepted_step is written over the version read, so each code is accepted at most once.
      CREATE TABLE totp_credentials (
        id                  text PRIMARY KEY,
        account_id          uuid NOT NULL,
        sealed_secret       text NOT NULL,
        last_accepted_step  bigint CHECK (last_accepted_step IS NULL OR last_accepted_step >= 0),
        version             integer NOT NULL CHECK (version > 0)
      );
      CREATE TABLE push_ledgers (
        account_id  uuid PRIMARY KEY,
        body        jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
        version     integer NOT NULL CHECK (version > 0)
      );
      -- A text or a call carries a code in clear: sealed until delivered, then erased.
      CREATE TABLE sms_outbox (
        id               bigserial PRIMARY KEY,
        kind             text NOT NULL,
        sealed_message   text,
        created_at       timestamptz NOT NULL,
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error       text,
        next_attempt_at  timestamptz NOT NULL,
        delivered_at     timestamptz,
        CHECK ((delivered_at IS NULL) = (sealed_message IS NOT NULL))
      );
      CREATE INDEX sms_outbox_pending ON sms_outbox (next_attempt_at) WHERE delivered_at IS NULL;
      CREATE TABLE voice_outbox (
        id               bigserial PRIMARY KEY,
        kind             text NOT NULL,
        sealed_message   text,
        created_at       timestamptz NOT NULL,
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error       text,
        next_attempt_at  timestamptz NOT NULL,
        delivered_at     timestamptz,
        CHECK ((delivered_at IS NULL) = (sealed_message IS NOT NULL))
      );
      CREATE INDEX voice_outbox_pending ON voice_outbox (next_attempt_at) WHERE delivered_at IS NULL;
    `
  },
  {
    version: 9,
    name: 'HARP organisations (users, role requests) and the QPP Help Desk queue of Security Official requests',
    sql: `
      -- The body is the codec-encoded organisation with its connections and waiting requests; the registration
      -- key is its type and the Tax ID's keyed hash, so "one first user" is a unique index and no Tax ID is stored.
      CREATE TABLE harp_organisations (
        id                uuid PRIMARY KEY,
        type              text NOT NULL CHECK (type IN ('practice', 'apm-entity', 'registry')),
        registration_key  text NOT NULL CONSTRAINT harp_organisations_registration_key_unique UNIQUE,
        body              jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
        version           integer NOT NULL CHECK (version > 0)
      );
      -- A person's organisations: those they are connected to and those they asked to join.
      CREATE INDEX harp_organisations_body ON harp_organisations USING gin (body jsonb_path_ops);

      -- The SSN is in the body only as its keyed hash and masked last four, each billing Tax ID only as its hash and last four.
      CREATE TABLE harp_help_desk_requests (
        id            bigserial PRIMARY KEY,
        reference     text NOT NULL CONSTRAINT harp_help_desk_requests_reference_unique UNIQUE,
        requester     uuid NOT NULL,
        requested_at  timestamptz NOT NULL,
        body          jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object')
      );
    `
  },
  {
    version: 10,
    name: 'outboxes: pending rows by id, for the relay claiming the oldest due ones',
    sql: `
      -- The relay claims the oldest pending rows (ORDER BY id LIMIT n): with these it reads just those,
      -- instead of sorting every pending row each pass (a 100,000-message backlog made each pass a full sort).
      CREATE INDEX mail_outbox_pending_id ON mail_outbox (id) WHERE delivered_at IS NULL;
      CREATE INDEX postal_outbox_pending_id ON postal_outbox (id) WHERE delivered_at IS NULL;
      CREATE INDEX sms_outbox_pending_id ON sms_outbox (id) WHERE delivered_at IS NULL;
      CREATE INDEX voice_outbox_pending_id ON voice_outbox (id) WHERE delivered_at IS NULL;
    `
  }
]

// An arbitrary, fixed key for pg_advisory_xact_lock: "hpdm" in ASCII.
const LOCK_KEY = 0x6870646d

/**
 * Brings the schema up to date; returns the versions it applied (none when
 * already current).
 *
 * @example
 * import { fromPGlite, migrate } from 'health-portal-domain/adapters/postgres'
 * import { PGlite } from '@electric-sql/pglite'
 * const applied = migrate(fromPGlite(new PGlite())) // Promise<Either<DomainError, number[]>>
 */
export const migrate = async (db: SqlDatabase, migrations: ReadonlyArray<Migration> = MIGRATIONS): Promise<E.Either<DomainError, number[]>> => {
  try {
    const applied = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
      await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
      const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)))
      const now: number[] = []
      for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(m.version)) continue
        await tx.exec(m.sql)
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
        now.push(m.version)
      }
      return now
    })
    return E.right(applied)
  } catch (error) {
    return E.left(storageUnavailable(error))
  }
}
