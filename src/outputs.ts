import * as core from '@actions/core'

/** Every output of the action, as named in action.yml. */
export type Outputs = {
  'report-path': string
  'pull-request-number': string
  'pull-request-url': string
  'pull-request-operation': 'created' | 'updated' | 'unchanged' | 'none'
  'incident-count': string
  'highlight-count': string
  'skipped-count': string
  'report-json': string
}

/** The outputs a run that made no report sets, so that every output is always defined. */
export const EMPTY_OUTPUTS: Outputs = {
  'report-path': '',
  'pull-request-number': '',
  'pull-request-url': '',
  'pull-request-operation': 'none',
  'incident-count': '0',
  'highlight-count': '0',
  'skipped-count': '0',
  'report-json': '',
}

/** Sets every output, in one place. */
export function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}
