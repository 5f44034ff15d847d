#!/usr/bin/env node
'use strict'
/**
 * `node scripts/ensure-chromium.js`: makes sure the browser of the printed-summary
 * test (test/prior-authorization/summary.test.ts, headless Chromium at
 * $CHROMIUM_PATH, default /usr/bin/chromium) is there before `npm test` runs.
 *
 * - Present: says which browser and its version.
 * - Missing, the default path, as root with apt-get (a fresh Debian, CI): installs
 *   Debian's `chromium` (`apt-get update`, then `apt-get install -y chromium`).
 * - Otherwise: says how to install it; that one test then fails with the same
 *   advice (it is never skipped).
 *
 * Always exits 0: a missing browser fails one test, not the whole run, so the
 * closing count of `npm test` stays the whole truth. Node built-ins only; reads
 * no stdin; each apt-get is bounded in time.
 */
const { spawnSync } = require('node:child_process')
const fs = require('node:fs')

const DEFAULT_PATH = '/usr/bin/chromium'
const chromium = process.env.CHROMIUM_PATH ?? DEFAULT_PATH
const APT_TIMEOUT_MS = 15 * 60 * 1000 // a slow mirror still finishes; a hung one does not hang the run
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const HOW_TO_INSTALL = 'install it with `sudo apt-get install -y chromium` (npm test does this itself when run as root), or set CHROMIUM_PATH to a Chromium'

const say = (message) => process.stderr.write(`[ensure-chromium] ${message}\n`)
const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}
const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0

/** `chromium --version`, or why it could not be read (bounded). */
const versionOf = (file) => {
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] })
  return r.status === 0 ? r.stdout.trim() : `--version failed: ${(r.error?.message ?? r.stderr ?? '').trim()}`
}

/** Runs apt-get with the given arguments, its output shown; true if it succeeded in time. */
const aptGet = (args) => {
  say(`running: apt-get ${args.join(' ')}`)
  const r = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: APT_TIMEOUT_MS,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  })
  if (r.status === 0) return true
  say(`apt-get ${args[0]} failed (${r.error?.message ?? (r.signal ? `signal ${r.signal}` : `exit ${r.status}`)})`)
  return false
}

const main = () => {
  if (isExecutable(chromium)) {
    say(`chromium: ${chromium} (${versionOf(chromium)})`)
    return
  }
  if (chromium !== DEFAULT_PATH) {
    say(`chromium: CHROMIUM_PATH=${chromium} is not an executable file: the printed-summary test will fail; fix CHROMIUM_PATH or unset it`)
    return
  }
  if (!isRoot || !hasCommand('apt-get')) {
    say(`chromium: ${chromium} is missing and this is not root with apt-get: the printed-summary test will fail; ${HOW_TO_INSTALL}`)
    return
  }
  say(`chromium: ${chromium} is missing: installing Debian's chromium`)
  if (aptGet(['update', '-qq']) && aptGet(['install', '-y', '-qq', 'chromium']) && isExecutable(chromium)) {
    say(`chromium: installed ${chromium} (${versionOf(chromium)})`)
  } else {
    say(`chromium: not installed: the printed-summary test will fail; ${HOW_TO_INSTALL}`)
  }
}

try {
  main()
} catch (error) {
  say(`chromium: could not check or install it (${error.message}): the printed-summary test will fail; ${HOW_TO_INSTALL}`)
}
