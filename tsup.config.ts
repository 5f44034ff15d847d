import { createRequire } from 'node:module'
import { defineConfig } from 'tsup'

// Declarations come from tsc, not tsup's rollup-plugin-dts: see the comment in
// scripts/build-types.js. (Loaded with require so the config bundler leaves it alone.)
const { buildTypes } = createRequire(__filename)('./scripts/build-types.js') as {
  buildTypes: (entries: Record<string, string>) => void
}

/**
 * One line per public entry point: the key is the output path under dist/
 * (and, without the trailing "/index", the package subpath), the value the
 * source file. To publish a new subpath (e.g. `./adapters/postgres`):
 *   1. add `'adapters/postgres/index': 'adapters/postgres/index.ts'` here;
 *   2. add the same subpath to `exports` and `typesVersions` in package.json
 *      (copy the `./adapters/memory` lines);
 *   3. `npm run build` — scripts/check-build.js fails if an entry built here is
 *      missing from package.json, or an export does not load as ESM and CJS.
 */
export const entries = {
  index: 'src/index.ts',
  'kernel/index': 'src/kernel/index.ts',
  'credentials/index': 'src/credentials/index.ts',
  'accounts/index': 'src/accounts/index.ts',
  'prior-authorization/index': 'src/prior-authorization/index.ts',
  'ports/index': 'src/ports/index.ts',
  'adapters/memory/index': 'adapters/memory/index.ts',
  'adapters/system/index': 'adapters/system/index.ts',
  'adapters/postgres/index': 'adapters/postgres/index.ts',
  'adapters/smtp/index': 'adapters/smtp/index.ts',
  'testkit/index': 'src/testkit/index.ts'
} as const

export default defineConfig({
  entry: entries,
  // package.json is "type": "commonjs": index.js is CJS and index.mjs is ESM for
  // every entry; onSuccess adds index.d.ts (CJS) and index.d.mts (ESM).
  format: ['cjs', 'esm'],
  dts: false,
  onSuccess: async () => buildTypes(entries),
  sourcemap: true,
  clean: true,
  outDir: 'dist',
  target: 'node20',
  platform: 'node',
  // Shared code goes into chunks, so the root export and the adapters share
  // one copy of the kernel at run time (in both formats).
  splitting: true,
  treeshake: false,
  // dependencies (fp-ts, io-ts, luxon) are external by default; say so anyway.
  // Optional peers (fast-check for the testkit, pg/PGlite for postgres, nodemailer for smtp): never bundled.
  external: ['fp-ts', 'io-ts', 'luxon', 'fast-check', 'pg', '@electric-sql/pglite', 'nodemailer']
})
