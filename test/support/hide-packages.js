'use strict'
/**
 * A preload (`node -r ./test/support/hide-packages.js`) that makes the packages
 * named in HIDE_PACKAGES (comma-separated) unresolvable, by require() and by
 * import(), as if they were not installed: how the optional-peer tests see
 * what a consumer without nodemailer, pg, PGlite or fast-check sees.
 */
const Module = require('node:module')

const hidden = (process.env.HIDE_PACKAGES || '').split(',').filter((p) => p !== '')
const isHidden = (request) => hidden.some((p) => request === p || request.startsWith(`${p}/`))

const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (isHidden(request)) {
    const error = new Error(`Cannot find module '${request}' (hidden by hide-packages.js)`)
    error.code = 'MODULE_NOT_FOUND'
    throw error
  }
  return resolveFilename.call(this, request, ...rest)
}

const esmHook = `
const hidden = ${JSON.stringify(hidden)}
export async function resolve(specifier, context, next) {
  if (hidden.some((p) => specifier === p || specifier.startsWith(p + '/'))) {
    const error = new Error("Cannot find package '" + specifier + "' (hidden by hide-packages.js)")
    error.code = 'ERR_MODULE_NOT_FOUND'
    throw error
  }
  return next(specifier, context)
}`
Module.register(`data:text/javascript,${encodeURIComponent(esmHook)}`)
