/**
 * The committed reports (reports/compliance/*.md, *.json) and the README's
 * glance table are what `npm run compliance` writes from the source now.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'

test('the compliance reports and the README table are up to date', () => {
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'compliance.js'), '--check'], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /5 presets, \d+ requirements; up to date/)
})
