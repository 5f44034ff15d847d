/**
 * A compliance report as Markdown: one preset's verdicts with their evidence,
 * and a table of several presets at a glance. Pure strings; the script
 * `npm run compliance` writes them to files and into the README.
 *
 * @since 0.5.0
 */
import * as E from '../kernel/either'
import { domainError, required } from '../kernel/errors'
import { textTooLong, unreadable } from '../kernel/form'
import type { Errors } from '../accounts/policies'
import { MAX_REQUIREMENTS, type ComplianceReport, type Verdict, type VerdictStatus } from './assess'
import type { Requirement } from './requirements'

// -------------------------------------------------------------------------------------
// wording
// -------------------------------------------------------------------------------------

/** How each status reads in a report. */
export const STATUS_WORDS: Readonly<Record<VerdictStatus, string>> = { met: 'met', 'not-met': 'not met', 'not-applicable': 'not applicable' }

/** How each status reads in a glance table. */
export const STATUS_MARKS: Readonly<Record<VerdictStatus, string>> = { met: '✓', 'not-met': '✗', 'not-applicable': '–' }

/** A cell's text: no pipe or line break can break the table. */
const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

/** A requirement's citation: the document and its section. */
export const citation = (r: Requirement): string => `${r.standard} ${r.section}`

// -------------------------------------------------------------------------------------
// reading a report
// -------------------------------------------------------------------------------------

/** The longest text a report's cell may hold (the library's own wording and evidence are under 300 characters). */
export const MAX_CELL_LENGTH = 2000

/** The most presets one glance table compares. */
export const MAX_COLUMNS = 50

/** Thrown inside the readers only, and turned into the error it carries: nothing escapes them. */
class Unreadable {
  constructor(readonly error: Errors) {}
}

/** A text read once and bounded before any pattern touches it. */
const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string') throw new Unreadable([unreadable(field)])
  if (value.length > MAX_CELL_LENGTH) throw new Unreadable([textTooLong(field, MAX_CELL_LENGTH, value.length)])
  return value
}

const statusOf = (value: unknown): VerdictStatus => {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(STATUS_WORDS, value)) return value as VerdictStatus
  throw new Unreadable([unreadable('report.verdicts.status')])
}

const verdictOf = (v: Verdict): Verdict => {
  const r = v.requirement
  const gap = r.libraryGap
  const requirement = {
    ...r,
    id: text(r.id, 'report.verdicts.requirement.id'),
    standard: text(r.standard, 'report.verdicts.requirement.standard') as Requirement['standard'],
    section: text(r.section, 'report.verdicts.requirement.section'),
    wording: text(r.wording, 'report.verdicts.requirement.wording'),
    libraryGap: gap === undefined ? undefined : text(gap, 'report.verdicts.requirement.libraryGap')
  }
  return { requirement, status: statusOf(v.status), evidence: text(v.evidence, 'report.verdicts.evidence') }
}

/** A copy of a report, each value read once and checked, so a report from anywhere (JSON, a JavaScript caller) is formatted or refused. */
const readReport = (report: ComplianceReport): ComplianceReport => {
  const verdicts: unknown = report.verdicts
  if (!Array.isArray(verdicts)) throw new Unreadable([unreadable('report.verdicts')])
  if (verdicts.length > MAX_REQUIREMENTS)
    throw new Unreadable([domainError('list.too-long', { field: 'report.verdicts', rule: `at most ${MAX_REQUIREMENTS} verdicts`, maximum: MAX_REQUIREMENTS, given: verdicts.length })])
  const count = (status: VerdictStatus): number => {
    const n: unknown = report.summary[status]
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new Unreadable([unreadable('report.summary')])
    return n
  }
  return {
    preset: { id: text(report.preset.id, 'report.preset.id'), name: text(report.preset.name, 'report.preset.name') },
    verdicts: verdicts.map(verdictOf),
    summary: { met: count('met'), 'not-met': count('not-met'), 'not-applicable': count('not-applicable') }
  }
}

/** Runs a reader over outside input: its result, or the error it refused with (anything else unreadable names `field`). */
const reading = <A>(field: string, read: () => A): E.Either<Errors, A> => {
  try {
    return E.right(read())
  } catch (e) {
    return E.left(e instanceof Unreadable ? e.error : [unreadable(field)])
  }
}

// -------------------------------------------------------------------------------------
// documents
// -------------------------------------------------------------------------------------

/** One preset's report: a summary line, then each requirement with its section, verdict and the preset's own setting. */
export const complianceReportMarkdown = (report: ComplianceReport): E.Either<Errors, string> =>
  E.map(reportMarkdown)(reading('report', () => readReport(report)))

const reportMarkdown = (report: ComplianceReport): string => {
  const { met, 'not-met': notMet, 'not-applicable': notApplicable } = report.summary
  const rows = report.verdicts.map(
    (v) => `| ${cell(v.requirement.wording)} | ${cell(citation(v.requirement))} | ${STATUS_MARKS[v.status]} ${STATUS_WORDS[v.status]} | ${cell(v.evidence)} |`
  )
  const gaps = report.verdicts.filter((v) => v.status === 'not-met' && v.requirement.libraryGap !== undefined)
  return [
    `# Standards compliance: ${report.preset.name}`,
    '',
    `Preset \`${report.preset.id}\`: ${met} met, ${notMet} not met, ${notApplicable} not applicable.`,
    'Each verdict is computed from the preset\'s own policy values (`complianceReport(preset)`); the evidence is that value.',
    '',
    '| Requirement | Section | Verdict | Evidence (this preset) |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(gaps.length === 0
      ? []
      : ['', '## Not met because the library lacks the capability', '', ...gaps.map((v) => `- ${citation(v.requirement)}: ${v.requirement.libraryGap}.`)]),
    ''
  ].join('\n')
}

/** Several presets at a glance: a row per requirement (with its section), a column per preset, ✓ met, ✗ not met, – not applicable. */
export const complianceTableMarkdown = (columns: ReadonlyArray<GlanceColumn>): E.Either<Errors, string> =>
  E.map(tableMarkdown)(
    reading('columns', () => {
      const given: unknown = columns
      if (!Array.isArray(given)) throw new Unreadable([unreadable('columns')])
      if (given.length === 0) throw new Unreadable([required('columns')])
      if (given.length > MAX_COLUMNS)
        throw new Unreadable([domainError('list.too-long', { field: 'columns', rule: `at most ${MAX_COLUMNS} presets`, maximum: MAX_COLUMNS, given: given.length })])
      return given.map((c: GlanceColumn) => ({ label: text(c.label, 'columns.label'), report: readReport(c.report) }))
    })
  )

/** One preset's column in a glance table: its heading and its report. */
export interface GlanceColumn {
  readonly label: string
  readonly report: ComplianceReport
}

const tableMarkdown = (columns: ReadonlyArray<GlanceColumn>): string => {
  const first = columns[0]
  if (first === undefined) return ''
  const header = `| Requirement | ${columns.map((c) => cell(c.label)).join(' | ')} |`
  const rule = `| --- | ${columns.map(() => ':---:').join(' | ')} |`
  const rows = first.report.verdicts.map((v, i) => {
    const marks = columns.map((c) => {
      const verdict = c.report.verdicts[i]
      return verdict !== undefined && verdict.requirement.id === v.requirement.id ? STATUS_MARKS[verdict.status] : '?'
    })
    return `| ${cell(`${v.requirement.wording} (${citation(v.requirement)})`)} | ${marks.join(' | ')} |`
  })
  return [header, rule, ...rows].join('\n')
}
