import { describe, expect, it } from 'vitest'
import { stripTitlePrefix } from '../../src/model/strip-title-prefix.js'

describe('stripTitlePrefix', () => {
  it.each([
    ['[Incident]: DNS outage', 'DNS outage'],
    ['[Incident] DNS outage', 'DNS outage'],
    ['[Incident]DNS outage', 'DNS outage'],
    ['[INC]: DNS outage', 'DNS outage'],
    ['[incident]:DNS outage', 'DNS outage'],
    ['[Highlight] Faster CI', 'Faster CI'],
    ['[SEV-1]: Routing down', 'Routing down'],
    ['Incident: DNS outage', 'DNS outage'],
    ['INC: DNS outage', 'DNS outage'],
    ['incident : DNS outage', 'DNS outage'],
    ['  [Incident]:   DNS outage  ', 'DNS outage'],
    ['[Incident]: [Incident]: DNS outage', '[Incident]: DNS outage'],
    ['DNS: resolver outage', 'DNS: resolver outage'],
    ['Incidental: fine', 'Incidental: fine'],
    ['[Two words]: kept', '[Two words]: kept'],
    ['Plain title', 'Plain title'],
    ['[Incident]: ', '[Incident]:'],
    ['[Incident]:', '[Incident]:'],
    ['Incident:', 'Incident:'],
    ['', ''],
  ])('%j becomes %j', (title, expected) => {
    expect(stripTitlePrefix(title)).toBe(expected)
  })
})
