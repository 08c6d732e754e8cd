import type { FormTemplate } from './form-template.js'
import { parseFormTemplate } from './parse-form-template.js'
import { shippedTemplate } from './shipped-forms.js'

/** The two forms a report is read against. */
export type Templates = { incident: FormTemplate; highlight: FormTemplate }

/**
 * The user's own forms where paths are given, else the shipped ones. `read` fetches a path's
 * text (from the workspace, a folder or the API: the caller decides); a file it cannot find
 * fails naming the input, and a bad template throws a FormTemplateError naming the file.
 */
export async function loadTemplates(params: {
  incidentPath: string
  highlightPath: string
  read: (path: string) => Promise<string>
}): Promise<Templates> {
  const load = async (path: string, kind: 'incident' | 'highlight') =>
    path === '' ? shippedTemplate(kind) : parseFormTemplate(await readInput(path, kind), path)
  // A file that is not there is the input's fault: say which input. An answer from GitHub
  // (a status) is left as it is, for the caller to explain.
  const readInput = async (path: string, kind: 'incident' | 'highlight') => {
    try {
      return await params.read(path)
    } catch (error) {
      if (!(error instanceof Error) || 'status' in error) throw error
      throw new Error(
        `Input \`${kind}-template\`: ${error.message}; give the path of an issue form, or leave the input empty for the shipped one`,
        { cause: error },
      )
    }
  }
  return {
    incident: await load(params.incidentPath, 'incident'),
    highlight: await load(params.highlightPath, 'highlight'),
  }
}
