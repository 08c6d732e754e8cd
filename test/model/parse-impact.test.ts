import { describe, expect, it } from 'vitest'
import type { FieldValue } from '../../src/forms/form-template.js'
import { parseImpact } from '../../src/model/parse-impact.js'

const CHOOSE = 'choose one of None, Low, Moderate, High, Severe'

describe('parseImpact', () => {
  it.each<[FieldValue, string]>([
    [['None: no customer impact'], 'none'],
    [['Low: a few customers, minor disruption'], 'low'],
    [['Moderate: some customers or one region'], 'moderate'],
    [['High: many customers or several regions'], 'high'],
    [['Severe: fleetwide or critical path down'], 'severe'],
    ['Severe: fleetwide or critical path down', 'severe'],
    ['Severe', 'severe'],
    ['severe', 'severe'],
    ['HIGH: whatever', 'high'],
    ['  Moderate  ', 'moderate'],
    ['low impact', 'low'],
    [['none'], 'none'],
    [{ selected: ['High'], unselected: ['Low'] }, 'high'],
  ])('%j is %s', (value, impact) => {
    expect(parseImpact(value)).toEqual({ ok: true, impact })
  })

  it.each<[FieldValue, string]>([
    [null, `no level chosen; ${CHOOSE}`],
    [[], `no level chosen; ${CHOOSE}`],
    ['   ', `no level chosen; ${CHOOSE}`],
    ['Critical', `"Critical" is not an impact level; ${CHOOSE}`],
    ['Highly', `"Highly" is not an impact level; ${CHOOSE}`],
    ['Sev: 1', `"Sev: 1" is not an impact level; ${CHOOSE}`],
    [['Medium: some'], `"Medium: some" is not an impact level; ${CHOOSE}`],
    [['Low', 'High'], `"Low, High" chooses 2 levels; ${CHOOSE}`],
  ])('%j is a problem', (value, reason) => {
    expect(parseImpact(value)).toEqual({ ok: false, reason })
  })
})
