/**
 * The World: one portal per scenario, built over the adapter set the profile
 * asks for, with a clock the scenario moves and an outbox it reads like an
 * inbox. All scenario state lives here.
 */
import { Before, IWorldOptions, setWorldConstructor, World } from '@cucumber/cucumber'
import * as E from 'fp-ts/lib/Either.js'
import { DateTime } from 'luxon'
import { createPortal, hpp, Portal } from '../src'
import { DomainError } from '../src/kernel/errors'
import { Ports } from '../src/ports'
import {
  manualClock,
  ManualClock,
  MemberData,
  memberDirectoryFromData,
  memoryPorts,
  memoryStore,
  MemoryStore,
  outboxMailer,
  OutboxMailer,
  RepresentativeData
} from '../adapters/memory'
import { hmacKeyedHasher, randomHashKey, scryptPasswordHasher, TEST_ONLY_SCRYPT } from '../adapters/system'
import { postgresPorts } from '../adapters/postgres'
import { newPersona, Persona } from './personas'
import { freshSharedStore, SharedStore, StoreKind } from './stores'

/** Where every scenario starts: a Sunday morning in Philadelphia. */
export const SCENARIO_START = '2026-11-22T09:00:00'
export const PLAN_ZONE = 'America/New_York'

export interface WorldParameters {
  readonly store: StoreKind
}

/** An e-mail as the person reads it, whichever way it was delivered. */
export interface ReadEmail {
  readonly kind: string
  readonly from: string
  readonly subject: string
  readonly text: string
  readonly html: string
}

export class PortalWorld extends World<WorldParameters> {
  readonly clock: ManualClock = manualClock(DateTime.fromISO(SCENARIO_START, { zone: PLAN_ZONE }))
  readonly mailer: OutboxMailer = outboxMailer()
  readonly store: MemoryStore = memoryStore()
  /** The database this scenario runs on, when the profile is not `memory` (set by the Before hook). */
  shared?: SharedStore
  readonly hashKey = randomHashKey()
  readonly keyedHasher = hmacKeyedHasher(this.hashKey)
  readonly directory: { members: MemberData[]; representatives: RepresentativeData[] } = { members: [], representatives: [] }
  readonly personas = new Map<string, Persona>()
  /** The persona a pronoun ("she", "her") refers to. */
  current?: Persona
  /** The last outcome of a step that called the library. */
  lastResult?: E.Either<ReadonlyArray<DomainError>, unknown>
  /** The answer to a request for access to another member's account. */
  accessOutcome?: hpp.ContactMemberRelations
  /** The answer to a reported data or technical issue. */
  supportOutcome?: ReturnType<typeof hpp.reportDataOrTechnicalIssue>
  private built?: Portal

  constructor(options: IWorldOptions<WorldParameters>) {
    super(options)
  }

  /** The portal, built on first use so the Background can fill the plan's directory first. */
  get portal(): Portal {
    if (this.built === undefined) {
      const directory = memberDirectoryFromData(
        this.directory,
        { memberId: hpp.memberIdFormat, representativeId: hpp.representativeIdFormat },
        this.keyedHasher,
        this.clock.now().toISODate() as string
      )
      if (E.isLeft(directory)) throw new Error(`the plan's directory in this scenario is invalid: ${JSON.stringify(directory.left)}`)
      const common = {
        clock: this.clock,
        keyedHasher: this.keyedHasher,
        members: directory.right,
        passwordHasher: scryptPasswordHasher(TEST_ONLY_SCRYPT)
      }
      const ports: Ports =
        this.shared === undefined
          ? memoryPorts({ ...common, mailer: this.mailer, store: this.store })
          : postgresPorts({ ...common, db: this.shared.db, hashKey: this.hashKey, delivery: this.shared.smtp?.mailer ?? this.mailer })
      this.built = createPortal(hpp.preset, ports)
    }
    return this.built
  }

  /** Finds (or, for a new name, creates) a persona, and makes it the one pronouns refer to. */
  persona(name: string): Persona {
    const key = name.toLowerCase()
    if (['she', 'he', 'they', 'her', 'him', 'them'].includes(key)) {
      if (this.current === undefined) throw new Error(`"${name}" refers to nobody yet`)
      return this.current
    }
    const first = name.split(' ')[0] as string
    let p = this.personas.get(first.toLowerCase())
    if (p === undefined) {
      p = newPersona(first, name.split(' ')[1] ?? 'Doe')
      this.personas.set(first.toLowerCase(), p)
    }
    this.current = p
    return p
  }

  /** Records a library outcome for later Then steps; returns the success value, if any. */
  record<A>(result: E.Either<ReadonlyArray<DomainError>, A>): A | undefined {
    this.lastResult = result
    return E.isRight(result) ? result.right : undefined
  }

  /** The errors of the last outcome (empty when it succeeded). */
  get lastErrors(): ReadonlyArray<DomainError> {
    return this.lastResult !== undefined && E.isLeft(this.lastResult) ? this.lastResult.left : []
  }

  /** Asserts the last outcome succeeded, showing its errors otherwise. */
  expectSuccess(): void {
    if (this.lastResult === undefined) throw new Error('nothing was attempted')
    if (E.isLeft(this.lastResult))
      throw new Error(`expected success, got: ${this.lastResult.left.map((e) => `${e.code} (${this.portal.messageFor(e)})`).join('; ')}`)
  }

  /** Every message a person would see for the last outcome. */
  get messagesShown(): ReadonlyArray<string> {
    return this.lastErrors.map((e) => this.portal.messageFor(e))
  }

  /** The messages in a persona's inbox, oldest first: the outbox, or what the SMTP server received. */
  inbox(address: string): ReadonlyArray<ReadEmail> {
    const smtp = this.shared?.smtp
    if (smtp === undefined) return this.mailer.inbox(address)
    return smtp.inbox.inbox(address).map((m) => ({
      kind: m.headers['x-health-portal-kind'] ?? '',
      from: m.from,
      subject: m.subject,
      text: m.text ?? '',
      html: m.html ?? ''
    }))
  }

  /** The newest message in a persona's inbox. */
  latestEmail(p: Persona): ReadEmail {
    const inbox = this.inbox(p.email)
    const last = inbox[inbox.length - 1]
    if (last === undefined) throw new Error(`${p.firstName} has no e-mail at ${p.email}`)
    return last
  }

  /** Reads the code out of an e-mail the way a person would: the digits after "Your code is:". */
  codeIn(email: ReadEmail): string {
    const m = /Your code is: (\d+)/.exec(email.text)
    if (m === null) throw new Error(`no code in the e-mail "${email.subject}"`)
    return m[1] as string
  }

  /** The flow a persona is in, of the kind a step expects. */
  flowOf(p: Persona, kind: 'sign-up' | 'password-reset'): string {
    if (p.flow === undefined || p.flow.kind !== kind) throw new Error(`${p.firstName} has not started a ${kind}`)
    return p.flow.id
  }
}

setWorldConstructor(PortalWorld)

Before(async function (this: PortalWorld) {
  const kind = this.parameters.store
  if (kind !== 'memory') this.shared = await freshSharedStore(kind)
})
