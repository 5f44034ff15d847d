/**
 * The testkit's first import: fast-check is an optional peer dependency, so a
 * consumer without it is told what to install instead of meeting a bare
 * "Cannot find module". (The arbitraries are values built on import, so this
 * can only be an Error at import time, not a typed result.)
 *
 * Under require() this check runs before fast-check is loaded. Under import,
 * Node resolves every static import before running any module, so its own
 * error ("Cannot find package 'fast-check'") comes first and names the package.
 */
import { createRequire } from 'node:module'

/** What a consumer without fast-check is told. */
export const FAST_CHECK_MISSING =
  'health-portal-domain/testkit needs fast-check, an optional peer dependency: npm install --save-dev fast-check'

// Only a CommonJS build has __filename (a bundler's `require` shim would fail in ESM, where this cannot help anyway).
if (typeof __filename === 'string') {
  try {
    createRequire(__filename).resolve('fast-check')
  } catch (cause) {
    throw new Error(FAST_CHECK_MISSING, { cause })
  }
}
