/**
 * Headless Chromium driven over the DevTools protocol through a pipe
 * (`--remote-debugging-pipe`: Chromium reads NUL-terminated JSON commands on
 * fd 3 and writes replies and events on fd 4), so no WebSocket client is
 * needed. `withChromium` launches one browser with a fresh profile directory,
 * hands it to the caller, and always ends it (Browser.close, then SIGKILL to
 * its process group) and removes the directory; every command and the whole
 * session have a time limit, so a hung browser fails the test instead of
 * hanging it.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'

/** Debian's `chromium` (override with CHROMIUM_PATH). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Is the browser there? */
export const chromiumInstalled = (): boolean => fs.existsSync(CHROMIUM)

export interface CdpEvent {
  readonly method: string
  readonly params: Record<string, unknown>
  readonly sessionId?: string
}

export interface Browser {
  /** Sends a command (to a page when `sessionId` is given) and resolves with its result. */
  send<T = Record<string, unknown>>(method: string, params?: object, sessionId?: string): Promise<T>
  /** Resolves with the first event named `method` (for the session, if given) from now on, or one already received. */
  waitFor(method: string, sessionId?: string): Promise<CdpEvent>
  /** Every event received so far. */
  readonly events: ReadonlyArray<CdpEvent>
}

export interface ChromiumOptions {
  /** Time limit of one command, in ms. */
  readonly commandTimeoutMs?: number
  /** Time limit of the whole session, in ms. */
  readonly sessionTimeoutMs?: number
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--mute-audio',
  '--remote-debugging-pipe'
]

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/** Runs `use` with a fresh headless Chromium; always ends the browser and removes its profile directory. */
export const withChromium = async <A>(use: (browser: Browser) => Promise<A>, options: ChromiumOptions = {}): Promise<A> => {
  const commandTimeout = options.commandTimeoutMs ?? 15_000
  const sessionTimeout = options.sessionTimeoutMs ?? 60_000
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hpd-chromium-'))
  const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${userDataDir}`], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: true // its own process group: the renderer and helper processes end with it
  })
  let stderr = ''
  let exited = false
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true
      resolve()
    })
    child.once('error', () => {
      exited = true
      resolve()
    })
  })
  const failure = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`could not start ${CHROMIUM}: ${error.message}`)))
    child.once('exit', (code, signal) => reject(new Error(`Chromium ended early (code ${code}, signal ${signal}): ${stderr.slice(-2000)}`)))
  })
  failure.catch(() => undefined)
  ;(child.stdio[2] as Readable).on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-8000)
  })
  const toBrowser = child.stdio[3] as Writable
  const fromBrowser = child.stdio[4] as Readable
  toBrowser.on('error', () => undefined)

  let nextId = 0
  const pending = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string }>()
  const events: CdpEvent[] = []
  const waiters: Array<{ method: string; sessionId: string | undefined; resolve: (e: CdpEvent) => void }> = []
  let buffered = ''
  fromBrowser.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    let end: number
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end)) as {
        id?: number
        result?: Record<string, unknown>
        error?: { message: string; code: number }
        method?: string
        params?: Record<string, unknown>
        sessionId?: string
      }
      buffered = buffered.slice(end + 1)
      if (message.id !== undefined) {
        const p = pending.get(message.id)
        pending.delete(message.id)
        if (message.error !== undefined) p?.reject(new Error(`${p.method}: ${message.error.message} (${message.error.code})`))
        else p?.resolve(message.result ?? {})
      } else if (message.method !== undefined) {
        const event: CdpEvent = { method: message.method, params: message.params ?? {}, ...(message.sessionId === undefined ? {} : { sessionId: message.sessionId }) }
        events.push(event)
        for (const w of [...waiters])
          if (w.method === event.method && (w.sessionId === undefined || w.sessionId === event.sessionId)) {
            waiters.splice(waiters.indexOf(w), 1)
            w.resolve(event)
          }
      }
    }
  })

  const withTimeout = <T>(promise: Promise<T>, what: string, ms = commandTimeout): Promise<T> => {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer from Chromium within ${ms} ms`)), ms)
    })
    return Promise.race([promise, timeout, failure]).finally(() => clearTimeout(timer))
  }

  const browser: Browser = {
    events,
    send: <T>(method: string, params: object = {}, sessionId?: string) => {
      const id = ++nextId
      const answer = new Promise<Record<string, unknown>>((resolve, reject) => pending.set(id, { resolve, reject, method }))
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId === undefined ? {} : { sessionId }) })}\0`)
      return withTimeout(answer, method) as Promise<T>
    },
    waitFor: (method, sessionId) => {
      const seen = events.find((e) => e.method === method && (sessionId === undefined || e.sessionId === sessionId))
      if (seen !== undefined) return Promise.resolve(seen)
      return withTimeout(new Promise<CdpEvent>((resolve) => waiters.push({ method, sessionId, resolve })), `waiting for ${method}`)
    }
  }

  try {
    return await withTimeout(use(browser), 'the Chromium session', sessionTimeout)
  } finally {
    if (!exited) {
      // ask politely, then end the whole process group
      await Promise.race([browser.send('Browser.close').catch(() => undefined), delay(3000)])
      await Promise.race([exit, delay(5000)])
    }
    if (!exited && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
      await Promise.race([exit, delay(5000)])
    }
    for (const p of pending.values()) p.reject(new Error(`${p.method}: Chromium was closed`))
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 })
  }
}
