// The stages after the issue listing. main.ts imports them dynamically once the first request
// is on its way, so node reads and compiles them while GitHub answers (the bundle puts them in a
// chunk of their own): the action's start-up is only inputs, the client and the listing.
export { loadTemplates } from './forms/load-templates.js'
export { readRepositoryFile } from './github/read-repository-file.js'
export { publishReport } from './publish/publish-report.js'
export { addUnreadable } from './report/add-unreadable.js'
export { createReportBuilder } from './report/build-report.js'
export { prerenderEntries } from './render/page-sections.js'
export { renderReportJson } from './render/report-json.js'
export { buildJobSummary } from './summary/build-job-summary.js'
export { validateIssueEvent } from './validate/validate-issue-event.js'
