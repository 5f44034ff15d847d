#!/usr/bin/env node
// Compiles every `@example` in the doc comments of src/ and adapters/ against the library's
// public entry points, so the documentation cannot drift from the API (as fp-ts's docs step).
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const root = path.resolve(__dirname, '..')
const out = path.join(root, 'build', 'doc-examples')
fs.rmSync(out, { recursive: true, force: true })
fs.mkdirSync(out, { recursive: true })

const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : []
  })

let count = 0
for (const file of [...walk(path.join(root, 'src')), ...walk(path.join(root, 'adapters'))]) {
  const text = fs.readFileSync(file, 'utf8')
  for (const block of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const lines = block[1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''))
    const at = lines.findIndex((l) => l.trim() === '@example')
    if (at < 0) continue
    const body = []
    for (const l of lines.slice(at + 1)) {
      if (l.trim().startsWith('@')) break
      body.push(l)
    }
    count++
    const name = `${path.relative(root, file).replace(/[\\/.]/g, '_')}_${count}.ts`
    fs.writeFileSync(path.join(out, name), `// from ${path.relative(root, file)}\n${body.join('\n')}\nexport {}\n`)
  }
}

fs.writeFileSync(
  path.join(out, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022', lib: ['ES2022'], module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true,
        skipLibCheck: true, types: ['node'], noUnusedLocals: false, baseUrl: '../..',
        paths: {
          'health-portal-domain': ['src/index.ts'],
          'health-portal-domain/kernel': ['src/kernel/index.ts'],
          'health-portal-domain/credentials': ['src/credentials/index.ts'],
          'health-portal-domain/accounts': ['src/accounts/index.ts'],
          'health-portal-domain/ports': ['src/ports/index.ts'],
          'health-portal-domain/testkit': ['src/testkit/index.ts'],
          'health-portal-domain/prior-authorization': ['src/prior-authorization/index.ts'],
          'health-portal-domain/adapters/*': ['adapters/*/index.ts']
        },
        typeRoots: ['../../node_modules/@types']
      },
      include: ['*.ts']
    },
    null,
    2
  )
)
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', out], { stdio: 'inherit', cwd: root })
console.log(`${count} documentation examples ${tsc.status === 0 ? 'compile' : 'DO NOT compile'}`)
process.exit(tsc.status ?? 1)
