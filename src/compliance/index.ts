/** Standards compliance: the requirements as data, each preset's verdicts computed from its policies, and the reports as Markdown. */
export * from './requirements'
export * from './assess'
export * from './report'
