import type { FormTemplate } from './form-template.js'
import { parseFormTemplate } from './parse-form-template.js'
import { shippedTemplate } from './shipped-forms.js'

/** The two forms a report is read against. */
export type Templates = { incident: FormTemplate; highlight: FormTemplate }

/**
 * The user's own forms where paths are given, else the shipped ones. `read` fetches a path's
 * text (from the workspace, a folder or the API: the caller decides); a bad template throws
 * a FormTemplateError naming the file.
 */
export async function loadTemplates(params: {
  incidentPath: string
  highlightPath: string
  read: (path: string) => Promise<string>
}): Promise<Templates> {
  const load = async (path: string, kind: 'incident' | 'highlight') =>
    path === '' ? shippedTemplate(kind) : parseFormTemplate(await params.read(path), path)
  return {
    incident: await load(params.incidentPath, 'incident'),
    highlight: await load(params.highlightPath, 'highlight'),
  }
}
