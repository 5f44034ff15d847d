/**
 * One portal process of the registration bench's multi-process rows: the
 * portal over its own pool to the database the parent made, registering
 * either unique usernames for a fixed time (throughput) or the same
 * usernames every other process registers at the same moment (the race).
 * Told what to do in argv[2] (JSON); answers once through `process.send`.
 */
import { Pool } from 'pg'
import { fromPgPool } from '../adapters/postgres'
import { postgresPortal, registerMember, runClients } from './registration-core'

export interface WorkerTask {
  readonly url: string
  readonly mode: 'throughput' | 'race'
  readonly clients: number
  readonly ms: number
  readonly prefix: string
  /** This process's index: its members' addresses end `.k<index>@example.com`, so the parent routes codes between processes. */
  readonly index: number
  /** Race: these usernames, all clients at once. */
  readonly usernames?: ReadonlyArray<string>
}

export interface WorkerAnswer { readonly done: number; readonly seconds: number; readonly active: number; readonly taken: number; readonly error?: string }

const main = async (): Promise<WorkerAnswer> => {
  const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask
  const pool = new Pool({ connectionString: task.url, max: task.clients })
  pool.on('error', () => undefined)
  const own = `.k${task.index}@`
  // Another process's relay may deliver our members' mail: codes not ours go to the parent, which routes them.
  const { portal, mailer } = postgresPortal(fromPgPool(pool), (address, code) => {
    if (address.includes(own)) return false
    process.send?.({ address, code })
    return true
  })
  process.on('message', (m: { address?: string; code?: string }) => {
    if (m.address !== undefined && m.code !== undefined) mailer.putCode(m.address, m.code)
  })
  let active = 0
  let taken = 0
  const register = async (username: string) => {
    if ((await registerMember(portal, mailer, username, `${username}${own}example.com`)) === 'active') active++
    else taken++
  }
  try {
    // Wait for the parent's go, so every process starts at the same moment.
    await new Promise<void>((resolve) => process.once('message', () => resolve()))
    if (task.mode === 'race') {
      const started = performance.now()
      await Promise.all((task.usernames ?? []).map(register))
      return { done: active + taken, seconds: (performance.now() - started) / 1000, active, taken }
    }
    const r = await runClients(task.clients, task.ms, register, task.prefix)
    return { ...r, active, taken }
  } finally {
    await pool.end()
  }
}

main().then(
  (answer) => process.send?.(answer, () => process.exit(0)),
  (error: unknown) => process.send?.({ done: 0, seconds: 0, active: 0, taken: 0, error: String(error) }, () => process.exit(1))
)
process.send?.('ready')
