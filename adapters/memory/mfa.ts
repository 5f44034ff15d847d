/**
 * Second factors in memory: the stores of devices, TOTP credentials and
 * pushes (versioned `Table`s), and fakes of the phone network and the push
 * service that a test reads like a phone: an SMS inbox and a voice line per
 * phone number, the pushes each app received.
 *
 * @since 0.4.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { domainError, DomainError } from '../../src/kernel/errors'
import type { AccountDevices } from '../../src/mfa/devices'
import type { PushLedger } from '../../src/mfa/push'
import type {
  AccountDevicesRepository,
  PhoneMessage,
  PushLedgerRepository,
  PushNotice,
  PushNotifier,
  SmsSender,
  TotpCredential,
  TotpCredentialRepository,
  VoiceCaller
} from '../../src/ports/mfa'
import { Table } from './table'

const task = <A>(e: E.Either<DomainError, A>): TE.TaskEither<DomainError, A> => TE.fromEither(e)

// -------------------------------------------------------------------------------------
// repositories
// -------------------------------------------------------------------------------------

/** The second-factor tables of one memory store. */
export interface MemoryMfaTables {
  readonly accountDevices: AccountDevicesRepository
  readonly totpCredentials: TotpCredentialRepository
  readonly pushLedgers: PushLedgerRepository
  /** What they hold, for the store's snapshot. */
  readonly snapshot: () => Record<string, unknown>
}

/** Fresh, empty second-factor tables. */
export const memoryMfaTables = (): MemoryMfaTables => {
  const devices = new Table<AccountDevices>('account devices', (d) => d.accountId)
  const credentials = new Table<TotpCredential>('TOTP credential', (c) => c.id)
  const ledgers = new Table<PushLedger>('push ledger', (l) => l.accountId)
  return {
    accountDevices: {
      find: (id) => TE.right(devices.get(id)),
      insert: (d) => task(devices.insert(d)),
      update: (d) => task(devices.update(d))
    },
    totpCredentials: {
      find: (id) => TE.right(credentials.get(id)),
      insert: (c) => task(credentials.insert(c)),
      update: (c) => task(credentials.update(c)),
      remove: (c) => task(E.map(() => undefined)(credentials.remove(c)))
    },
    pushLedgers: {
      find: (id) => TE.right(ledgers.get(id)),
      insert: (l) => task(ledgers.insert(l)),
      update: (l) => task(ledgers.update(l))
    },
    snapshot: () => ({ accountDevices: devices.all(), totpCredentials: credentials.all(), pushLedgers: ledgers.all() })
  }
}

// -------------------------------------------------------------------------------------
// the phone network and the push service
// -------------------------------------------------------------------------------------

/** Messages delivered to phones, newest last, read per number. */
export interface PhoneLog {
  /** Every message to a phone (as parsed: 10 digits), oldest first. */
  readonly to: (phone: string) => ReadonlyArray<PhoneMessage>
  /** The code in the newest message to a phone (its first run of 6 to 10 digits), if any. */
  readonly latestCode: (phone: string) => string | undefined
  /** Makes the next deliveries fail, to test what happens when the gateway is down. */
  readonly failDeliveries: (failing: boolean) => void
}

const digitsOf = (phone: string): string => phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')

const phoneLog = (): { readonly log: PhoneLog; readonly deliver: (m: PhoneMessage) => E.Either<'failed', void> } => {
  const sent: PhoneMessage[] = []
  let failing = false
  const to = (phone: string): ReadonlyArray<PhoneMessage> => sent.filter((m) => digitsOf(m.to) === digitsOf(phone))
  return {
    log: {
      to,
      latestCode: (phone) => /\b(\d{6,10})\b/.exec(to(phone).at(-1)?.text.replace(/(\d)[ ,.-]+(?=\d)/g, '$1') ?? '')?.[1],
      failDeliveries: (f) => {
        failing = f
      }
    },
    deliver: (m) => {
      if (failing) return E.left('failed')
      sent.push(m)
      return E.right(undefined)
    }
  }
}

/** An SMS gateway that delivers into per-phone inboxes. */
export type SmsInbox = SmsSender & PhoneLog

/** A fresh SMS inbox. */
export const smsInbox = (): SmsInbox => {
  const { log, deliver } = phoneLog()
  return {
    ...log,
    send: (m) =>
      TE.fromEither(E.mapLeft(() => domainError('sms.delivery-failed', { rule: 'the text must reach the SMS gateway', cause: 'inbox set to fail' }))(deliver(m)))
  }
}

/** A voice gateway whose calls are recorded per phone: what each call said. */
export type VoiceLine = VoiceCaller & PhoneLog

/** A fresh voice line. */
export const voiceLine = (): VoiceLine => {
  const { log, deliver } = phoneLog()
  return {
    ...log,
    call: (m) =>
      TE.fromEither(E.mapLeft(() => domainError('voice.delivery-failed', { rule: 'the call must reach the voice gateway', cause: 'line set to fail' }))(deliver(m)))
  }
}

/** A push service that records each app's pushes. */
export interface PushService extends PushNotifier {
  /** The pushes an app (by its push device id) received, oldest first. */
  readonly received: (pushDeviceId: string) => ReadonlyArray<PushNotice>
  readonly failDeliveries: (failing: boolean) => void
}

/** A fresh push service. */
export const pushService = (): PushService => {
  const sent: PushNotice[] = []
  let failing = false
  return {
    notify: (n) =>
      failing
        ? TE.left(domainError('push.delivery-failed', { rule: 'the push must reach the push service', cause: 'push service set to fail' }))
        : TE.fromIO(() => {
            sent.push(n)
          }),
    received: (id) => sent.filter((n) => n.pushDeviceId === id),
    failDeliveries: (f) => {
      failing = f
    }
  }
}
