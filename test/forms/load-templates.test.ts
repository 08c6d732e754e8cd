import { describe, expect, it } from 'vitest'
import { loadTemplates } from '../../src/forms/load-templates.js'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'

describe('loadTemplates', () => {
  it('uses the shipped forms when no path is given, reading nothing', async () => {
    const read = () => Promise.reject(new Error('nothing should be read'))
    const templates = await loadTemplates({ incidentPath: '', highlightPath: '', read })
    expect(templates).toEqual({
      incident: shippedTemplate('incident'),
      highlight: shippedTemplate('highlight'),
    })
  })

  it('names the input whose file cannot be found', async () => {
    const read = (path: string) => Promise.reject(new Error(`\`${path}\` was not found in acme/x`))
    await expect(
      loadTemplates({ incidentPath: '', highlightPath: 'forms/ship.yml', read }),
    ).rejects.toThrow(
      'Input `highlight-template`: `forms/ship.yml` was not found in acme/x; give the path of an issue form, or leave the input empty for the shipped one',
    )
  })

  it('leaves an answer from GitHub as it is, for the run to explain', async () => {
    const denied = Object.assign(new Error('Resource not accessible by integration'), {
      status: 403,
    })
    await expect(
      loadTemplates({
        incidentPath: '.github/ISSUE_TEMPLATE/incident.yml',
        highlightPath: '',
        read: () => Promise.reject(denied),
      }),
    ).rejects.toBe(denied)
  })
})
