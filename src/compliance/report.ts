/**
 * A compliance report as Markdown: one preset's verdicts with their evidence,
 * and a table of several presets at a glance. Pure strings; the script
 * `npm run compliance` writes them to files and into the README.
 *
 * @since 0.5.0
 */
import type { ComplianceReport, VerdictStatus } from './assess'
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
// documents
// -------------------------------------------------------------------------------------

/** One preset's report: a summary line, then each requirement with its section, verdict and the preset's own setting. */
export const complianceReportMarkdown = (report: ComplianceReport): string => {
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
export const complianceTableMarkdown = (columns: ReadonlyArray<{ readonly label: string; readonly report: ComplianceReport }>): string => {
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
