/**
 * A small reader of FHIR Shorthand (FSH) profiles, and a checker of FHIR JSON
 * against the rules it reads: enough of FSH for the Da Vinci PAS profiles.
 *
 * Read: entities (`Profile:`, `Extension:`, `RuleSet:`, `ValueSet:`,
 * `CodeSystem:`, `Instance:`, `Invariant:`, `Alias:`) with `Parent:`/`Id:`;
 * rules `* path min..max`, `* path contains A named a 0..1 and B 1..1`,
 * `* path = #code` / `= System#code` / `= true (exactly)` / `= "text"` /
 * `= InstanceName`, `* path only Type or Reference(A or B)`,
 * `* path from ValueSet (strength)`, `* path obeys Invariant`,
 * `* insert RuleSet`; rules continued on further lines; indented rules;
 * comments. Caret rules (`^short`, `^slicing`) are metadata and skipped.
 *
 * Checked, for a resource and a profile (with its local parents and inserted
 * rule sets): cardinalities (min and max) on every instance of the parent
 * element; fixed values; `only` (choice types; reference targets resolve, to
 * the right resource type, and are checked against their own local profile);
 * bindings to local value sets; invariants the caller can evaluate. Slices
 * are found as FSH defines them: extensions by URL, other slices by their
 * fixed values (or, for Bundle entries, by resource type); slices defined
 * elsewhere (US Core) are given by the caller. A rule whose parent element is
 * absent is `vacuous`; one that cannot be evaluated with what was read is
 * `unchecked`, with the reason.
 */
import fs from 'node:fs'
import path from 'node:path'

export const PAS_CANONICAL = 'http://hl7.org/fhir/us/davinci-pas'

/** The in-repository copy of the PAS 2.2.1 FSH sources (CC0). */
export const PAS_FSH_DIRECTORY = path.join(__dirname, 'davinci-pas')

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

export type FshValue =
  | { readonly kind: 'code'; readonly system?: string; readonly code: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'instance'; readonly name: string }

interface RuleBase {
  /** The rule as written (continuations joined, indentation context applied). */
  readonly text: string
  /** The entity it was written in (a profile, an extension or a rule set). */
  readonly entity: string
}

export type FshRule =
  | (RuleBase & { readonly kind: 'card'; readonly path: string; readonly min: number; readonly max: number })
  | (RuleBase & { readonly kind: 'slice'; readonly path: string; readonly definition: string; readonly named: boolean; readonly min: number; readonly max: number })
  | (RuleBase & { readonly kind: 'fixed'; readonly path: string; readonly value: FshValue })
  | (RuleBase & { readonly kind: 'only'; readonly path: string; readonly types: ReadonlyArray<string>; readonly reference: boolean })
  | (RuleBase & { readonly kind: 'binding'; readonly path: string; readonly valueSet: string; readonly strength: string })
  | (RuleBase & { readonly kind: 'obeys'; readonly path: string; readonly invariants: ReadonlyArray<string> })
  | (RuleBase & { readonly kind: 'insert'; readonly ruleSet: string })

export interface FshEntity {
  readonly keyword: string
  readonly name: string
  readonly meta: Readonly<Record<string, string>>
  /** Rule texts, in order. */
  readonly rules: ReadonlyArray<string>
}

// -------------------------------------------------------------------------------------
// reading
// -------------------------------------------------------------------------------------

const ENTITY = /^(Profile|Extension|RuleSet|ValueSet|CodeSystem|Instance|Invariant|Alias|Logical|Resource|Mapping):\s*(.*)$/
const META = /^(Parent|Id|Title|Description|InstanceOf|Usage|Expression|Severity|XPath|Source|Target):\s*(.*)$/

/** The entities of one FSH text. */
export const parseFsh = (text: string): FshEntity[] => {
  const entities: Array<{ keyword: string; name: string; meta: Record<string, string>; rules: string[] }> = []
  let current: (typeof entities)[number] | undefined
  let stack: Array<{ indent: number; path: string }> = []
  let inTripleQuote = false
  for (const line of text.replace(/\/\*[\s\S]*?\*\//g, '').split(/\r?\n/)) {
    if (inTripleQuote) {
      if (line.includes('"""')) inTripleQuote = false
      continue
    }
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('//')) continue
    const entity = /^\S/.test(line) ? ENTITY.exec(trimmed) : null
    if (entity !== null) {
      const [, keyword = '', rest = ''] = entity
      const alias = keyword === 'Alias' ? /^(\S+)\s*=\s*(\S+)/.exec(rest) : null
      current = { keyword, name: alias?.[1] ?? rest.trim(), meta: alias ? { value: alias[2] ?? '' } : {}, rules: [] }
      entities.push(current)
      stack = []
      continue
    }
    const meta = /^\S/.test(line) ? META.exec(trimmed) : null
    if (meta !== null && current !== undefined) {
      const [, key = '', value = ''] = meta
      current.meta[key] = value.trim()
      if (value.trim().startsWith('"""') && !(value.trim().length > 3 && value.trim().endsWith('"""'))) inTripleQuote = true
      continue
    }
    const rule = /^(\s*)\*\s*(.*)$/.exec(line)
    if (rule !== null && current !== undefined) {
      const indent = (rule[1] ?? '').replace(/\t/g, '  ').length
      while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? -1) >= indent) stack.pop()
      const context = stack[stack.length - 1]?.path
      const body = rule[2] ?? ''
      const full = context === undefined ? body : body.startsWith('^') ? `${context} ${body}` : `${context}.${body}`
      current.rules.push(full)
      stack.push({ indent, path: full.split(/\s+/)[0] ?? '' })
      continue
    }
    // a rule continued on this line
    if (current !== undefined && current.rules.length > 0) current.rules[current.rules.length - 1] += ` ${trimmed}`
  }
  return entities
}

const parseValue = (raw: string): FshValue => {
  const s = raw.replace(/\s*\(exactly\)\s*$/, '').trim()
  if (s === 'true' || s === 'false') return { kind: 'boolean', value: s === 'true' }
  if (/^".*"$/.test(s)) return { kind: 'string', value: s.slice(1, -1) }
  if (/^-?\d+(\.\d+)?$/.test(s)) return { kind: 'number', value: Number(s) }
  const code = /^(\S*)#("[^"]*"|\S+)/.exec(s)
  if (code !== null) {
    const value = (code[2] ?? '').replace(/^"|"$/g, '')
    return code[1] ? { kind: 'code', system: code[1], code: value } : { kind: 'code', code: value }
  }
  return { kind: 'instance', name: s }
}

const cardinality = (min: string, max: string): { min: number; max: number } => ({ min: Number(min), max: max === '*' ? Infinity : Number(max) })

/** One rule text as rules (a `contains` rule gives one per slice); none for metadata (caret rules), flags and what this reader does not model. */
export const parseRule = (text: string, entity: string): FshRule[] => {
  if (text.startsWith('insert ')) return [{ kind: 'insert', ruleSet: text.slice(7).trim(), text, entity }]
  const [p = '', second = ''] = text.split(/\s+/)
  if (p.startsWith('^') || p.startsWith('#') || second.startsWith('^')) return []
  const rest = text.slice(p.length).trim()
  if (rest.startsWith('contains '))
    return rest
      .slice('contains '.length)
      .split(/\s+and\s+/)
      .flatMap((item): FshRule[] => {
        const m = /^(\S+)(?:\s+named\s+(\S+))?\s+(\d+)\.\.(\d+|\*)/.exec(item.trim())
        return m === null
          ? []
          : [{ kind: 'slice', path: `${p}[${m[2] ?? m[1] ?? ''}]`, definition: m[1] ?? '', named: m[2] !== undefined, ...cardinality(m[3] ?? '0', m[4] ?? '*'), text, entity }]
      })
  const card = /^(\d+)\.\.(\d+|\*)(\s|$)/.exec(rest)
  if (card !== null) return [{ kind: 'card', path: p, ...cardinality(card[1] ?? '0', card[2] ?? '*'), text, entity }]
  if (rest.startsWith('= ')) return [{ kind: 'fixed', path: p, value: parseValue(rest.slice(2)), text, entity }]
  if (rest.startsWith('only ')) {
    const body = rest.slice(5).trim()
    const ref = /^Reference\(\s*([\s\S]*?)\s*\)$/.exec(body)
    return [{ kind: 'only', path: p, types: (ref ? (ref[1] ?? '') : body).split(/\s+or\s+/).map((t) => t.trim()), reference: ref !== null, text, entity }]
  }
  const from = /^from\s+(\S+)(?:\s+\((\w+)\))?/.exec(rest)
  if (from !== null) return [{ kind: 'binding', path: p, valueSet: from[1] ?? '', strength: from[2] ?? 'required', text, entity }]
  const obeys = /^obeys\s+(.+)$/.exec(rest)
  if (obeys !== null) return [{ kind: 'obeys', path: p, invariants: (obeys[1] ?? '').split(/\s+and\s+/).map((x) => x.trim()), text, entity }]
  return []
}

const rulesOf = (texts: ReadonlyArray<string>, entity: string): FshRule[] => texts.flatMap((t) => parseRule(t, entity))

const US_CORE_TYPES: Readonly<Record<string, string>> = {
  patient: 'Patient',
  coverage: 'Coverage',
  organization: 'Organization',
  practitioner: 'Practitioner',
  practitionerrole: 'PractitionerRole',
  location: 'Location',
  documentreference: 'DocumentReference',
  encounter: 'Encounter'
}

/** Every entity of some FSH texts, and what can be derived from them. */
export class FshLibrary {
  readonly entities = new Map<string, FshEntity>()

  constructor(texts: ReadonlyArray<string>) {
    for (const e of texts.flatMap(parseFsh)) this.entities.set(e.name, e)
  }

  /** Reads every `.fsh` file of a directory. */
  static fromDirectory(directory: string): FshLibrary {
    return new FshLibrary(
      fs
        .readdirSync(directory)
        .filter((f) => f.endsWith('.fsh'))
        .sort()
        .map((f) => fs.readFileSync(path.join(directory, f), 'utf8'))
    )
  }

  entity(name: string, keyword?: string): FshEntity | undefined {
    const e = this.entities.get(name)
    return e !== undefined && (keyword === undefined || e.keyword === keyword) ? e : undefined
  }

  /** A profile's (or extension's) rules, its local parents' first, rule sets inserted; and the chain of names. */
  rules(name: string): { readonly chain: ReadonlyArray<string>; readonly rules: ReadonlyArray<FshRule> } {
    const e = this.entities.get(name)
    if (e === undefined) throw new Error(`no FSH entity named ${name}`)
    const parent = e.meta.Parent !== undefined && this.entity(e.meta.Parent, 'Profile') !== undefined ? this.rules(e.meta.Parent) : { chain: [], rules: [] }
    const expand = (rules: ReadonlyArray<FshRule>, depth: number): FshRule[] =>
      rules.flatMap((r) => {
        if (r.kind !== 'insert') return [r]
        const set = this.entity(r.ruleSet, 'RuleSet')
        if (set === undefined || depth > 5) throw new Error(`unknown rule set ${r.ruleSet}`)
        return expand(rulesOf(set.rules, set.name), depth + 1)
      })
    return { chain: [...parent.chain, name], rules: [...parent.rules, ...expand(rulesOf(e.rules, e.name), 0)] }
  }

  /** The canonical URL of a profile or extension defined here. */
  structureUrl(name: string): string | undefined {
    const e = this.entities.get(name)
    return e === undefined || (e.keyword !== 'Profile' && e.keyword !== 'Extension') ? undefined : `${PAS_CANONICAL}/StructureDefinition/${e.meta.Id ?? name}`
  }

  /**
   * An extension's URL: a URL as is; an extension defined here by its Id;
   * else the PAS naming convention (`extension-` + the name, first letter
   * lower case), which is how PAS names the extensions not in these files.
   */
  extensionUrl(definition: string): string {
    if (/^https?:\/\//.test(definition)) return definition
    return this.structureUrl(definition) ?? `${PAS_CANONICAL}/StructureDefinition/extension-${definition.charAt(0).toLowerCase()}${definition.slice(1)}`
  }

  /** A code system's URL: a URL (without a version), a local CodeSystem, or an alias. */
  systemUrl(token: string): string {
    const e = this.entities.get(token)
    if (e?.keyword === 'CodeSystem') return `${PAS_CANONICAL}/CodeSystem/${e.meta.Id ?? e.name}`
    if (e?.keyword === 'Alias') return e.meta.value ?? token
    return token.replace(/\|.*$/, '')
  }

  /** The systems included whole and the single codes of a local value set, or undefined when it is not defined here. */
  valueSet(name: string): { readonly systems: ReadonlySet<string>; readonly codes: ReadonlySet<string> } | undefined {
    const e = this.entity(name, 'ValueSet')
    if (e === undefined) return undefined
    const systems = new Set<string>()
    const codes = new Set<string>()
    for (const r of e.rules) {
      const whole = /^(?:include\s+)?codes from system (\S+)(\s+where.*)?$/.exec(r)
      if (whole !== null) {
        // "where" narrows a system to part of it: keep its codes unchecked rather than guess
        systems.add(this.systemUrl(whole[1] ?? ''))
        continue
      }
      const one = /^(\S+)#(\S+)/.exec(r)
      if (one !== null) codes.add(`${this.systemUrl(one[1] ?? '')}#${one[2] ?? ''}`)
    }
    return { systems, codes }
  }

  /** The resource (or datatype) a profile constrains: followed through local parents and US Core. */
  resourceTypeOf(name: string): string | undefined {
    const e = this.entities.get(name)
    if (e?.keyword === 'Profile') return e.meta.Parent === undefined ? undefined : this.resourceTypeOf(e.meta.Parent)
    const usCore = /us-core-([a-z]+)/.exec(name)
    if (usCore !== null) return US_CORE_TYPES[usCore[1] ?? '']
    if (name.startsWith('$') || name.startsWith('PAS') || e !== undefined) return undefined
    return /^[A-Z][A-Za-z]+$/.test(name) ? name : undefined
  }
}

// -------------------------------------------------------------------------------------
// checking
// -------------------------------------------------------------------------------------

export type Outcome = 'ok' | 'vacuous' | 'fail' | 'unchecked'

export interface RuleReport {
  /** Where: the profile checked and the resource (`PASClaim`, `PASClaim → patient → PASBeneficiary`). */
  readonly at: string
  readonly rule: FshRule
  readonly outcome: Outcome
  readonly detail: string
}

export interface CheckOptions {
  /** A reference's target (a Bundle entry's resource by full URL). */
  readonly resolve?: (reference: string) => unknown
  /** Slices defined outside the files read (US Core's), by path as written: is an element in the slice? */
  readonly slices?: Readonly<Record<string, (element: unknown) => boolean>>
  /** Datatype profiles not in the files read: the child elements each requires. */
  readonly datatypes?: Readonly<Record<string, ReadonlyArray<string>>>
  /** Invariants the caller can evaluate on a value. */
  readonly invariants?: Readonly<Record<string, (value: unknown) => boolean>>
}

class Unresolved extends Error {}

type Json = Record<string, unknown>
const isObject = (u: unknown): u is Json => typeof u === 'object' && u !== null && !Array.isArray(u)
const flat = (u: unknown): unknown[] => (u === undefined || u === null ? [] : Array.isArray(u) ? u : [u])

/** A path's segments: `a[x].b[S].c` → `a[x]`, `b[S]`, `c`. */
const segmentsOf = (p: string): string[] => (p === '.' || p === '' ? [] : (p.match(/[^.[\]]+(?:\[[^\]]*\])?/g) ?? []))

/** A written path without its slice names but the last one's (slices inherit their element's rules). */
const unsliced = (p: string): string => {
  const segs = segmentsOf(p)
  return segs.map((s, i) => (i === segs.length - 1 ? s : s.replace(/\[(?!x\])[^\]]*\]/, ''))).join('.')
}

const join = (prefix: string, seg: string): string => (prefix === '' ? seg : `${prefix}.${seg}`)

interface Ctx {
  readonly lib: FshLibrary
  readonly rules: ReadonlyArray<FshRule>
  readonly options: CheckOptions
}

/** The values at `segments` under `nodes`; `prefix` is the written path of `nodes`. */
const select = (ctx: Ctx, nodes: ReadonlyArray<unknown>, segments: ReadonlyArray<string>, prefix: string): unknown[] => {
  let current = [...nodes]
  let written = prefix
  for (const seg of segments) {
    const m = /^([^[]+)(?:\[([^\]]+)\])?$/.exec(seg)
    const name = m?.[1] ?? seg
    const bracket = m?.[2]
    written = join(written, seg)
    if (bracket === 'x') {
      current = current.flatMap((n) => (isObject(n) ? Object.keys(n).filter((k) => k.startsWith(name) && /^[A-Z]/.test(k.slice(name.length))).flatMap((k) => flat(n[k])) : []))
      continue
    }
    const values = current.flatMap((n) => (isObject(n) ? flat(n[name]) : []))
    current = bracket === undefined ? values : /^\d+$/.test(bracket) ? values.slice(Number(bracket), Number(bracket) + 1) : values.filter((v) => inSlice(ctx, written, name, v))
  }
  return current
}

const codingMatches = (c: unknown, system: string | undefined, code: string): boolean =>
  isObject(c) && c.code === code && (system === undefined || c.system === system)

const matches = (ctx: Ctx, v: unknown, value: FshValue, prefix: string): boolean => {
  switch (value.kind) {
    case 'code': {
      const system = value.system === undefined ? undefined : ctx.lib.systemUrl(value.system)
      if (typeof v === 'string') return v === value.code
      if (isObject(v) && Array.isArray(v.coding)) return v.coding.some((c) => codingMatches(c, system, value.code))
      return codingMatches(v, system, value.code)
    }
    case 'instance': {
      // a pattern: every value the instance fixes holds on the element
      const instance = ctx.lib.entity(value.name, 'Instance')
      if (instance === undefined) throw new Unresolved(`instance ${value.name} is not defined in the files read`)
      return rulesOf(instance.rules, instance.name).every(
        (r) => r.kind !== 'fixed' || select(ctx, [v], segmentsOf(r.path), prefix).some((x) => matches(ctx, x, r.value, prefix))
      )
    }
    default:
      return v === value.value
  }
}

/** Is `element` (at written path `slicePath`, element name `name`) in that slice? */
const inSlice = (ctx: Ctx, slicePath: string, name: string, element: unknown): boolean => {
  const given = ctx.options.slices?.[slicePath] ?? ctx.options.slices?.[unsliced(slicePath)]
  if (given !== undefined) return given(element)
  if (name === 'extension' || name === 'modifierExtension') {
    const def =
      ctx.rules.find((r): r is Extract<FshRule, { kind: 'slice' }> => r.kind === 'slice' && r.path === slicePath) ??
      ctx.rules.find((r): r is Extract<FshRule, { kind: 'slice' }> => r.kind === 'slice' && unsliced(r.path) === unsliced(slicePath))
    if (def === undefined) throw new Unresolved(`no extension slice ${slicePath} in the rules read`)
    const url = def.named ? ctx.lib.extensionUrl(def.definition) : def.definition
    return isObject(element) && element.url === url
  }
  // other slices: by the values fixed on the slice (its discriminator), else by the resource type it allows
  const fixed = ctx.rules.filter((r): r is Extract<FshRule, { kind: 'fixed' }> => r.kind === 'fixed' && (r.path === slicePath || r.path.startsWith(`${slicePath}.`)))
  if (fixed.length > 0)
    return fixed.every((r) => {
      const rel = segmentsOf(r.path).slice(segmentsOf(slicePath).length)
      return select(ctx, [element], rel, slicePath).some((x) => matches(ctx, x, r.value, slicePath))
    })
  const only = ctx.rules.find((r): r is Extract<FshRule, { kind: 'only' }> => r.kind === 'only' && r.path === `${slicePath}.resource`)
  if (only !== undefined) {
    const types = only.types.map((t) => ctx.lib.resourceTypeOf(t)).filter((t): t is string => t !== undefined)
    return isObject(element) && isObject(element.resource) && types.includes(String(element.resource.resourceType))
  }
  throw new Unresolved(`slice ${slicePath} is defined outside the files read`)
}

const describeCount = (n: number, min: number, max: number): string => `${n} (allowed ${min}..${max === Infinity ? '*' : max})`

/** Checks a resource (or an extension, or an element) against a profile's rules. */
export const checkProfile = (
  lib: FshLibrary,
  profile: string,
  resource: unknown,
  options: CheckOptions = {},
  at: string = profile,
  seen: Map<unknown, Set<string>> = new Map()
): RuleReport[] => {
  const { rules } = lib.rules(profile)
  const ctx: Ctx = { lib, rules, options }
  const reports: RuleReport[] = []
  const report = (rule: FshRule, outcome: Outcome, detail: string) => reports.push({ at, rule, outcome, detail })
  seen.set(resource, new Set([...(seen.get(resource) ?? []), profile]))

  const follow = (types: ReadonlyArray<string>, target: unknown, where: string) => {
    if (!isObject(target)) return
    const claimed = flat(isObject(target.meta) ? target.meta.profile : undefined)
    const candidates = types.filter((t) => lib.entity(t) !== undefined && lib.resourceTypeOf(t) === target.resourceType)
    const chosen = candidates.find((t) => claimed.includes(lib.structureUrl(t))) ?? candidates[0]
    // each resource is checked once against each profile it is required to meet
    if (chosen !== undefined && seen.get(target)?.has(chosen) !== true) reports.push(...checkProfile(lib, chosen, target, options, `${at} → ${where} → ${chosen}`, seen))
  }

  for (const rule of rules) {
    if (rule.kind === 'insert') continue
    try {
      const segs = segmentsOf(rule.path)
      const parentSegs = segs.slice(0, -1)
      const last = segs[segs.length - 1]
      const parentPath = parentSegs.join('.')
      const parents = parentSegs.length === 0 ? [resource] : select(ctx, [resource], parentSegs, '')
      switch (rule.kind) {
        case 'card':
        case 'slice': {
          if (last === undefined) continue
          if (parents.length === 0) {
            report(rule, 'vacuous', `no ${parentPath}`)
            continue
          }
          const counts = parents.map((p) => select(ctx, [p], [last], parentPath).length)
          const bad = counts.filter((n) => n < rule.min || n > rule.max)
          report(rule, bad.length === 0 ? 'ok' : 'fail', `${rule.path}: ${counts.map((n) => describeCount(n, rule.min, rule.max)).join(', ')}`)
          if (rule.kind === 'slice' && lib.entity(rule.definition, 'Extension') !== undefined)
            for (const e of select(ctx, [resource], segs, '')) reports.push(...checkProfile(lib, rule.definition, e, options, `${at} → ${rule.path} → ${rule.definition}`, seen))
          break
        }
        case 'fixed': {
          const values = select(ctx, [resource], segs, '')
          if (values.length === 0) {
            report(rule, 'vacuous', `no ${rule.path}`)
            continue
          }
          const bad = values.filter((v) => !matches(ctx, v, rule.value, rule.path))
          report(rule, bad.length === 0 ? 'ok' : 'fail', bad.length === 0 ? `${values.length} × ${rule.path} as fixed` : `${rule.path} = ${JSON.stringify(bad[0])}`)
          break
        }
        case 'only': {
          if (last === undefined) continue
          const choice = /^(.+)\[x\]$/.exec(last)
          if (choice !== null) {
            const allowed = rule.types.map((t) => `${choice[1]}${rule.reference ? 'Reference' : t.charAt(0).toUpperCase() + t.slice(1)}`)
            const used = parents.flatMap((p) => (isObject(p) ? Object.keys(p).filter((k) => k.startsWith(choice[1] ?? '') && /^[A-Z]/.test(k.slice((choice[1] ?? '').length))) : []))
            const bad = used.filter((k) => !allowed.includes(k))
            if (used.length === 0) report(rule, 'vacuous', `no ${rule.path}`)
            else report(rule, bad.length === 0 ? 'ok' : 'fail', bad.length === 0 ? `${[...new Set(used)].join(', ')}` : `not allowed: ${bad.join(', ')}`)
            if (!rule.reference) break
          }
          const values = choice !== null ? parents.flatMap((p) => (isObject(p) ? flat(p[`${choice[1]}Reference`]) : [])) : select(ctx, [resource], segs, '')
          if (values.length === 0) {
            if (choice === null) report(rule, 'vacuous', `no ${rule.path}`)
            continue
          }
          const types = rule.types.map((t) => lib.resourceTypeOf(t))
          if (rule.reference) {
            const failures: string[] = []
            for (const v of values) {
              const ref = isObject(v) ? v.reference : undefined
              const target = typeof ref === 'string' ? options.resolve?.(ref) : undefined
              if (!isObject(target)) failures.push(`${String(ref)} does not resolve`)
              else if (!types.includes(String(target.resourceType))) failures.push(`${String(ref)} is a ${String(target.resourceType)}`)
              else follow(rule.types, target, rule.path)
            }
            if (choice === null) report(rule, failures.length === 0 ? 'ok' : 'fail', failures.length === 0 ? `${values.length} reference(s) resolve to ${rule.types.join(' or ')}` : failures.join('; '))
            else if (failures.length > 0) report(rule, 'fail', failures.join('; '))
            break
          }
          if (values.every((v) => isObject(v) && typeof v.resourceType === 'string')) {
            const bad = values.filter((v) => !types.includes(String((v as Json).resourceType)))
            report(rule, bad.length === 0 ? 'ok' : 'fail', `${values.length} resource(s) of ${rule.types.join(' or ')}`)
            values.forEach((v) => follow(rule.types, v, rule.path))
            break
          }
          const required = rule.types.map((t) => options.datatypes?.[t])
          if (required.some((r) => r === undefined)) throw new Unresolved(`datatype profile ${rule.types.join(' or ')} is not in the files read`)
          const missing = values.flatMap((v) => (required[0] ?? []).filter((k) => !isObject(v) || v[k] === undefined))
          report(rule, missing.length === 0 ? 'ok' : 'fail', missing.length === 0 ? `${values.length} × ${rule.types.join(' or ')}` : `missing ${missing.join(', ')}`)
          break
        }
        case 'binding': {
          const values = select(ctx, [resource], segs, '')
          if (values.length === 0) {
            report(rule, 'vacuous', `no ${rule.path}`)
            continue
          }
          const vs = lib.valueSet(rule.valueSet)
          if (vs === undefined) throw new Unresolved(`value set ${rule.valueSet} is not defined in the files read`)
          const inSet = (c: unknown): boolean =>
            isObject(c) && (vs.systems.has(String(c.system)) || vs.codes.has(`${String(c.system)}#${String(c.code)}`))
          const bad = values.filter((v) =>
            typeof v === 'string' ? ![...vs.codes].some((k) => k.endsWith(`#${v}`)) : isObject(v) && Array.isArray(v.coding) ? !v.coding.some(inSet) : !inSet(v)
          )
          report(rule, bad.length === 0 ? 'ok' : 'fail', bad.length === 0 ? `${values.length} value(s) in ${rule.valueSet}` : `not in ${rule.valueSet}: ${JSON.stringify(bad[0])}`)
          break
        }
        case 'obeys': {
          const values = select(ctx, [resource], segs, '')
          for (const name of rule.invariants) {
            const check = options.invariants?.[name]
            if (check === undefined) throw new Unresolved(`invariant ${name} is not evaluated`)
            if (values.length === 0) report(rule, 'vacuous', `no ${rule.path}`)
            else {
              const bad = values.filter((v) => !check(v))
              report(rule, bad.length === 0 ? 'ok' : 'fail', bad.length === 0 ? `${values.length} value(s) obey ${name}` : `${JSON.stringify(bad[0])} breaks ${name}`)
            }
          }
          break
        }
      }
    } catch (error) {
      if (error instanceof Unresolved) report(rule, 'unchecked', error.message)
      else throw error
    }
  }
  return reports
}

/** A report as one line: outcome, rule, detail, where. */
export const formatReport = (r: RuleReport): string => `${r.outcome.padEnd(9)} ${r.rule.text}  [${r.detail}]  (${r.at})`
