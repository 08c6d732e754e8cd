import type { GitHubIssue } from '../model/issue.js'

// A fictional infrastructure team, "Northwind Cloud", over the two weeks 2024-10-30..2024-11-12.
// The US clocks go back on 2024-11-03, inside the window. Every issue ends in a known place:
// test/sample/sample-issues.test.ts lists them.

/** The as-of day the sample data set is written for. */
export const SAMPLE_AS_OF = '2024-11-12'

/** The time zone the sample team reports in. */
export const SAMPLE_TIMEZONE = 'America/New_York'

/** The sample team's repository. */
export const SAMPLE_REPOSITORY = 'northwind-cloud/platform'

/** What GitHub writes for an empty input or textarea. */
const NO_RESPONSE = '_No response_'

/** What GitHub writes for a dropdown with nothing chosen. */
const NOTHING_CHOSEN = 'None'

/** A body as GitHub renders an issue form: `### Label`, a blank line, the value, per field. */
function formBody(fields: [label: string, value: string][]): string {
  return fields.map(([label, value]) => `### ${label}\n\n${value}`).join('\n\n')
}

function incidentBody(fields: {
  started: string
  resolved?: string
  duration?: string
  impact: string
  services: string[]
  regions: string
  summary: string
  customerImpact?: string
  postmortem?: string
}): string {
  return formBody([
    ['Started', fields.started],
    ['Resolved', fields.resolved ?? NO_RESPONSE],
    ['Duration', fields.duration ?? NO_RESPONSE],
    ['Impact', fields.impact],
    [
      'Affected services',
      fields.services.length === 0 ? NOTHING_CHOSEN : fields.services.join(', '),
    ],
    ['Regions', fields.regions === '' ? NO_RESPONSE : fields.regions],
    ['What happened', fields.summary],
    ['Customer impact', fields.customerImpact ?? NO_RESPONSE],
    ['Post-mortem', fields.postmortem ?? NO_RESPONSE],
  ])
}

function highlightBody(fields: {
  who: string
  summary: string
  shipped?: string
  links?: string
}): string {
  return formBody([
    ['Who', fields.who],
    ['What shipped', fields.summary],
    ['Shipped on', fields.shipped ?? NO_RESPONSE],
    ['Links', fields.links ?? NO_RESPONSE],
  ])
}

const IMPACT = {
  none: 'None: no customer impact',
  low: 'Low: a few customers, minor disruption',
  moderate: 'Moderate: some customers or one region',
  high: 'High: many customers or several regions',
  severe: 'Severe: fleetwide or critical path down',
} as const

function issue(fields: {
  number: number
  title: string
  body: string
  labels: string[]
  login: string
  association?: string
  createdAt: string
  closedAt?: string
  updatedAt?: string
}): GitHubIssue {
  return {
    number: fields.number,
    title: fields.title,
    body: fields.body,
    html_url: `https://github.com/${SAMPLE_REPOSITORY}/issues/${fields.number}`,
    state: fields.closedAt === undefined ? 'open' : 'closed',
    created_at: fields.createdAt,
    updated_at: fields.updatedAt ?? fields.closedAt ?? fields.createdAt,
    closed_at: fields.closedAt ?? null,
    labels: fields.labels.map((name) => ({ name })),
    user: { login: fields.login },
    author_association: fields.association ?? 'MEMBER',
  }
}

/** The sample team's labelled issues, as `GET /repos/{owner}/{repo}/issues` would return them. */
export const SAMPLE_ISSUES: GitHubIssue[] = [
  // Before the window: returned by the API because a comment touched it on Oct 31.
  issue({
    number: 403,
    title: '[Incident]: Stale DNS records after a zone transfer timed out',
    labels: ['incident'],
    login: 'dvolkov',
    createdAt: '2024-10-22T17:40:00Z',
    closedAt: '2024-10-22T18:30:00Z',
    updatedAt: '2024-10-31T10:02:00Z',
    body: incidentBody({
      started: '2024-10-22 13:00 America/New_York',
      resolved: '2024-10-22 13:25 America/New_York',
      impact: IMPACT.low,
      services: ['DNS'],
      regions: 'fra',
      summary:
        'A zone transfer from the hidden primary to the fra secondaries timed out halfway, and the secondaries kept serving the previous serial for 25 minutes. The SOA serial drift check caught it. We forced a full transfer and raised the transfer timeout from 10 to 60 seconds.',
      customerImpact:
        'Customers who changed DNS records through the API in that window saw the old answers from fra.',
    }),
  }),

  // Began on Oct 29 before the window opened, ended inside it.
  issue({
    number: 412,
    title: '[Incident]: Internal CA intermediate certificate expired',
    labels: ['incident'],
    login: 'aokafor',
    createdAt: '2024-10-30T02:05:00Z',
    closedAt: '2024-10-30T15:10:00Z',
    body: incidentBody({
      started: '2024-10-29 21:50 America/New_York',
      resolved: '2024-10-30T00:35-04:00',
      impact: IMPACT.moderate,
      services: ['API', 'Authentication'],
      regions: 'sjc',
      summary:
        'The intermediate certificate that signs service-to-service mTLS certificates in sjc expired at 21:50, and every sidecar that reloaded its trust bundle after that began rejecting its peers. The 5xx-ratio alert on the internal API gateway paged the on-call engineer eight minutes later. The intermediate had been issued by hand in 2023 with a one-year lifetime and was never added to the expiry monitor. We issued a new intermediate from the offline root, pushed the bundle to sjc, and restarted the gateway sidecars one pool at a time.',
      customerImpact:
        'About a third of API requests served from sjc failed with 502 for 2h 45m. Other regions were not affected.',
    }),
  }),

  // The shortest one: four minutes.
  issue({
    number: 415,
    title: '[Incident]: BGP session flap at the ams edge',
    labels: ['incident'],
    login: 'soneill',
    createdAt: '2024-10-31T08:25:00Z',
    closedAt: '2024-10-31T10:00:00Z',
    body: incidentBody({
      started: '2024-10-31 08:12 UTC',
      duration: '4m',
      impact: IMPACT.low,
      services: ['Networking', 'Request routing'],
      regions: 'ams',
      summary:
        'One of the two transit BGP sessions on ams-edge-02 dropped three times in four minutes while the provider did unannounced work on their side of the cross-connect. The session-state alert fired on the first drop. Traffic moved to the second transit and back on each flap, and the session has been stable since the provider finished. We asked them to add us to their maintenance notices.',
      customerImpact:
        'A small number of long-lived connections to ams were reset; new connections were not affected.',
    }),
  }),

  issue({
    number: 418,
    title: '[Incident]: Runaway debug logging filled the log shipper disks',
    labels: ['incident'],
    login: 'lbrandt',
    association: 'OWNER',
    createdAt: '2024-11-01T19:02:00Z',
    closedAt: '2024-11-02T14:00:00Z',
    body: incidentBody({
      started: '2024-11-01 14:05 EDT',
      duration: '3h 20m',
      impact: IMPACT.none,
      services: ['Observability'],
      regions: 'iad, sjc',
      summary:
        'A deploy of the ingestion service went out with debug logging switched on, raising its log volume about forty-fold. The local buffers on the log shippers in iad and sjc filled their disks within the hour, and the disk-usage alert fired at 85%. We rolled the ingestion service back, truncated the buffers, and added a check that rejects `level: debug` in production manifests.',
      customerImpact:
        'No customer impact. Internal logs from the ingestion service between 14:05 and 17:25 are incomplete.',
    }),
  }),

  // A highlight from the week before the highlight window.
  issue({
    number: 419,
    title: 'Private Terraform module registry',
    labels: ['highlight'],
    login: 'praman',
    createdAt: '2024-11-01T20:15:00Z',
    closedAt: '2024-11-01T20:16:00Z',
    body: highlightBody({
      who: 'Priya Raman',
      summary:
        'Teams now publish versioned Terraform modules to an internal registry instead of pinning git commits, so a module upgrade is a version bump that review can read.',
      shipped: '2024-11-01',
      links: `- https://github.com/${SAMPLE_REPOSITORY}/pull/1371`,
    }),
  }),

  // Across the fall-back change: started on EDT, resolved in New York local time on EST.
  issue({
    number: 421,
    title: '[Incident]: Accounts database failover stalled during a storage firmware rollout',
    labels: ['incident'],
    login: 'mfernandez',
    createdAt: '2024-11-03T05:10:00Z',
    closedAt: '2024-11-04T16:00:00Z',
    body: incidentBody({
      started: '2024-11-03 00:40 EDT',
      resolved: '2024-11-03 03:10 America/New_York',
      impact: IMPACT.high,
      services: ['Databases', 'API', 'Authentication'],
      regions: 'iad',
      summary:
        'A firmware update on the iad storage arrays paused I/O on the primary volume of the accounts database for longer than the failover timeout. The replica was promoted, but the connection poolers kept sending writes to the old primary because their health check only tested reads. The write-error alert paged the database on-call at 00:46. We fenced the old primary, pointed the poolers at the new one, and paused the firmware rollout. The clocks went back an hour during the incident, so it lasted 3h 30m although the wall clock moved 2h 30m.',
      customerImpact:
        'Sign-ups, plan changes and API key creation failed in every region for most of the incident, because they all write to the accounts database in iad. Reads kept working.',
    }),
  }),

  // The longest one, about two days, also across the fall-back change.
  issue({
    number: 422,
    title: '[Incident]: Reduced CI runner capacity after a kernel update',
    labels: ['incident'],
    login: 'tkowalski',
    createdAt: '2024-11-03T14:30:00Z',
    closedAt: '2024-11-04T22:00:00Z',
    body: incidentBody({
      started: '2024-11-02 18:00 EDT',
      resolved: '2024-11-04 16:30 America/New_York',
      impact: IMPACT.low,
      services: ['CI/CD'],
      regions: 'iad',
      summary:
        'A routine kernel update on the CI runner fleet left the overlay filesystem unable to mount container layers on about 40% of hosts. Those runners kept taking jobs and failed them within seconds, so the queue looked healthy while the failure rate climbed; a developer noticed the next morning. We drained the broken hosts, pinned the previous kernel and rebuilt them over the following day. A runner now has to start a container before it rejoins the pool.',
      customerImpact:
        'Deploys through the hosted pipeline took longer and about one job in three failed until retried. No deploy was lost.',
    }),
  }),

  // No Resolved and no Duration, and the issue is closed: it ends when the issue was closed.
  issue({
    number: 424,
    title: '[Incident]: Alert routing sent storage pages nowhere',
    labels: ['incident'],
    login: 'ktanaka',
    createdAt: '2024-11-04T14:20:00Z',
    closedAt: '2024-11-04T14:52:00Z',
    body: incidentBody({
      started: '2024-11-04 09:10 America/New_York',
      impact: IMPACT.none,
      services: ['Observability'],
      regions: 'iad',
      summary:
        'A change to the alert routing rules added a label matcher that no team route matched, so alerts from the storage cluster went to the fallback receiver, which only writes a log line. An engineer spotted a firing disk alert on the dashboard that had paged nobody. We reverted the rule change and added a routing test that fails when any alert would reach the fallback receiver.',
      customerImpact: 'None. No storage alert that needed action fired while pages were lost.',
    }),
  }),

  issue({
    number: 425,
    title: '[Incident]: DNS cache poisoning alert on the ams and fra resolvers (false alarm)',
    labels: ['incident'],
    login: 'dvolkov',
    createdAt: '2024-11-05T15:31:00Z',
    closedAt: '2024-11-05T17:00:00Z',
    body: incidentBody({
      started: '2024-11-05 10:20 America/New_York',
      duration: '45m',
      impact: IMPACT.none,
      services: ['DNS'],
      regions: 'ams, fra',
      summary:
        "The DNS anomaly detector flagged possible cache poisoning on the ams and fra recursive resolvers when the answers for a partner's API domain moved to an address range we had never seen. The security on-call treated it as real: we flushed the caches and pinned the previous answers while we checked. The partner confirmed a planned move to a new hosting provider that morning, so the new answers were genuine. We unpinned the records and now subscribe to the partner's change notices.",
      customerImpact:
        'No customer impact. Resolver latency rose briefly after the cache flush and stayed within normal bounds.',
    }),
  }),

  issue({
    number: 426,
    title: 'Zero-downtime Postgres major upgrades',
    labels: ['highlight'],
    login: 'ktanaka',
    createdAt: '2024-11-06T20:30:00Z',
    closedAt: '2024-11-06T20:31:00Z',
    body: highlightBody({
      who: 'Keiko Tanaka, @mfernandez',
      summary:
        'A Postgres major-version upgrade used to need a maintenance window of up to an hour. The new runbook builds a logical replica on the new version, lets it catch up, and moves the connection poolers over in under two seconds.\n\nThe audit-log cluster went from 15 to 16 on Wednesday without a single failed request; the other clusters follow through December.',
      shipped: '2024-11-06',
      links: `- https://github.com/${SAMPLE_REPOSITORY}/pull/1398\n- https://wiki.northwind.example/runbooks/postgres-major-upgrade`,
    }),
  }),

  // Severe, with a post-mortem, and a summary that tests escaping: a fenced block with a
  // `### ` line in it, @mentions and inline HTML.
  issue({
    number: 427,
    title: '[Incident]: API requests failed everywhere after an edge config push',
    labels: ['incident', 'sev1'],
    login: 'praman',
    createdAt: '2024-11-06T21:08:00Z',
    closedAt: '2024-11-08T18:00:00Z',
    body: incidentBody({
      started: '2024-11-06T16:02-05:00',
      resolved: '2024-11-06T16:19-05:00',
      impact: IMPACT.severe,
      services: ['Request routing', 'API', 'Web dashboard'],
      regions: 'sjc, iad, ams, fra, sin',
      summary: [
        'A config push to the edge proxies rendered an empty upstream pool for the `api` route in every region, and the proxies answered <code>503</code> to every API request. The synthetic checks paged within a minute, and @northwind-cloud/edge-oncall and @soneill were on the bridge by 16:05. The template that produced the empty pool:',
        '',
        '```nginx',
        '### upstream pools',
        'upstream api {',
        '    {{ range .ApiBackends }}server {{ .Addr }};{{ end }}',
        '}',
        '```',
        '',
        'The `ApiBackends` key had been renamed to `APIBackends` in the inventory that afternoon, so the range rendered nothing and the proxies accepted an empty pool as valid. We rolled the edge config back at 16:17 and traffic recovered by 16:19.',
      ].join('\n'),
      customerImpact:
        'Brief but severe: every API request and every page of the web dashboard failed in all regions for 17 minutes. Requests retried by our SDKs after 16:19 succeeded.',
      postmortem: [
        'Root cause: the edge config template rendered an empty upstream pool after an inventory key was renamed, and nothing between the template and the proxies treated an empty pool as an error.',
        '',
        'What we are changing:',
        '',
        `- The config renderer now fails on an empty upstream pool ([#1412](https://github.com/${SAMPLE_REPOSITORY}/pull/1412)).`,
        '- Edge config goes to one region first and waits for the synthetic checks before it goes everywhere.',
        '- Renaming an inventory key needs a review from every team that reads it.',
        '',
        'Full write-up: https://wiki.northwind.example/postmortems/2024-11-06-edge-empty-pool',
      ].join('\n'),
    }),
  }),

  issue({
    number: 428,
    title: 'Anycast DNS in sin and fra',
    labels: ['highlight'],
    login: 'dvolkov',
    createdAt: '2024-11-07T14:00:00Z',
    closedAt: '2024-11-07T14:05:00Z',
    body: highlightBody({
      who: 'Dmitri Volkov',
      summary:
        'Our authoritative DNS now answers from anycast addresses in sin and fra as well as sjc, iad and ams. Resolvers in Asia-Pacific no longer cross an ocean for every uncached lookup: the median query time from Singapore fell from 180 ms to 9 ms. Each site withdraws its routes by itself when its health check fails.',
      shipped: '2024-11-07',
      links: `- https://github.com/${SAMPLE_REPOSITORY}/pull/1403`,
    }),
  }),

  // Unusable: the Impact dropdown was left empty and Started is not a time.
  issue({
    number: 429,
    title: '[Incident]: Packet loss between fra and ams',
    labels: ['incident'],
    login: 'soneill',
    createdAt: '2024-11-07T16:00:00Z',
    body: incidentBody({
      started: 'last Tuesday around lunch',
      impact: NOTHING_CHOSEN,
      services: ['Networking'],
      regions: 'fra ams',
      summary:
        'The smokeping graphs show 2-3% packet loss on the fra-ams backbone link for a while; it went away by itself. Filing it so it is on record while I find the exact times.',
    }),
  }),

  issue({
    number: 430,
    title: '[Incident]: Slow API reads in sin from a noisy neighbour',
    labels: ['incident'],
    login: 'aokafor',
    createdAt: '2024-11-08T08:30:00Z',
    closedAt: '2024-11-08T10:15:00Z',
    body: incidentBody({
      started: '2024-11-08T16:10+08:00',
      duration: '90 minutes',
      impact: IMPACT.moderate,
      services: ['API', 'Object storage'],
      regions: 'sin',
      summary:
        "A batch analytics tenant in sin started a full reindex that saturated the shared NVMe pool under the regional API cache. The p99 latency of API reads in sin rose from 80 ms to 2.4 s, and the latency SLO burn alert fired after twelve minutes. We moved the tenant's job to the isolated batch pool and lowered its I/O priority; the shared pool now has per-tenant I/O limits.",
      customerImpact:
        'API reads served from sin were slow, many over two seconds, for 90 minutes. There were no errors.',
    }),
  }),

  // Filed by someone outside the team: not published unless a maintainer confirms it.
  issue({
    number: 431,
    title: '[Incident]: uploads failing for my account!!!',
    labels: ['incident'],
    login: 'quiet-otter-42',
    association: 'NONE',
    createdAt: '2024-11-08T16:30:00Z',
    body: incidentBody({
      started: '2024-11-08 11:00 America/New_York',
      impact: IMPACT.severe,
      services: ['Object storage'],
      regions: '',
      summary:
        'All my uploads return 403 since this morning. Your status page says everything is fine. Please call me at the number on my account.',
    }),
  }),

  issue({
    number: 432,
    title: 'Automatic rotation for internal CA intermediates',
    labels: ['highlight'],
    login: 'aokafor',
    createdAt: '2024-11-08T19:00:00Z',
    closedAt: '2024-11-08T19:02:00Z',
    body: highlightBody({
      who: 'Amara Okafor',
      summary:
        'After the intermediate expiry on October 29, every intermediate of the internal CA is renewed by a job 30 days before it expires, and the new trust bundle reaches every sidecar before the signer switches over. An expiry anywhere in the chain now pages 21 days ahead.',
      shipped: '2024-11-08',
      links: `- https://github.com/${SAMPLE_REPOSITORY}/pull/1409\n- https://github.com/${SAMPLE_REPOSITORY}/issues/412`,
    }),
  }),

  issue({
    number: 433,
    title: 'BGP session health dashboard',
    labels: ['highlight'],
    login: 'soneill',
    association: 'COLLABORATOR',
    createdAt: '2024-11-09T17:00:00Z',
    closedAt: '2024-11-09T17:01:00Z',
    body: highlightBody({
      who: "Sam O'Neill",
      summary:
        "One dashboard now shows every BGP session at the edge: its state, flaps over the last day, prefixes received against the expected count, and the provider's maintenance calendar beside it. The ams flap on October 31 took ten minutes to diagnose from router logs; now it takes a glance.",
      shipped: '2024-11-09',
      links: '- https://grafana.northwind.example/d/bgp-sessions',
    }),
  }),

  issue({
    number: 434,
    title: '[Incident]: Sign-outs after the token signing key rotation',
    labels: ['incident'],
    login: 'mfernandez',
    createdAt: '2024-11-10T15:00:00Z',
    closedAt: '2024-11-10T18:00:00Z',
    body: incidentBody({
      started: '2024-11-10 09:45 EST',
      resolved: '2024-11-10 11:05 EST',
      impact: IMPACT.high,
      services: ['Authentication', 'Web dashboard', 'API'],
      regions: 'sjc, iad, ams, fra, sin',
      summary:
        'The scheduled rotation of the token signing key published the new public key, but the edge cache kept serving the old key set for its full one-hour TTL. Services that check tokens at the edge rejected every token signed with the new key, so users were signed out as their sessions refreshed. The login-failure alert fired at 09:52. We purged the key-set cache and re-enabled the old key for verification; the rotation job now publishes a new key a day before it signs with it.',
      customerImpact:
        'Many users in every region were signed out of the web dashboard, and API clients got 401 on token refresh for 80 minutes.',
    }),
  }),

  // Shipped on is empty: the day the issue was closed counts.
  issue({
    number: 435,
    title: 'Per-service log volume quotas',
    labels: ['highlight'],
    login: 'lbrandt',
    association: 'OWNER',
    createdAt: '2024-11-11T15:00:00Z',
    closedAt: '2024-11-11T19:30:00Z',
    body: highlightBody({
      who: 'Lena Brandt, Mateo Fernández',
      summary:
        'Every service now has a daily log volume quota, enforced at the shipper: past it, debug and info lines are sampled at 1% while warnings and errors still go through. With the quota in place, the disks that filled on November 1 would have stayed under 20%.',
    }),
  }),

  // Still going on as of the report: open, with no Resolved and no Duration.
  issue({
    number: 436,
    title: '[Incident]: Replication lag on the usage-metering database',
    labels: ['incident'],
    login: 'mfernandez',
    createdAt: '2024-11-12T12:45:00Z',
    body: incidentBody({
      started: '2024-11-12 07:30 America/New_York',
      impact: IMPACT.low,
      services: ['Databases', 'Web dashboard'],
      regions: 'ams',
      summary:
        'The replicas of the usage-metering database in ams have been 10 to 40 minutes behind the primary since a schema migration started building an index on the largest table. The replication-lag alert fired at 07:30. Billing reads from the primary and is correct; the usage graphs read from the replicas and are stale. We are rebuilding the index at a lower priority and moving dashboard reads to a fresh replica while it runs.',
      customerImpact:
        'Usage graphs on the web dashboard for customers in ams are up to 40 minutes behind.',
    }),
  }),

  issue({
    number: 437,
    title: 'CI runners autoscale on spot capacity',
    labels: ['highlight'],
    login: 'tkowalski',
    createdAt: '2024-11-12T16:00:00Z',
    body: highlightBody({
      who: '@tkowalski',
      summary:
        "The CI runner pool now scales between 12 and 160 hosts on spot capacity, keeping a floor of on-demand hosts for release builds. The median queue time at Monday's peak fell from 6 minutes to 40 seconds, and the pool costs about a third less than the fixed fleet it replaces. Every host starts a container before it takes a job, a lesson from the kernel update on November 2.",
      shipped: '2024-11-12',
      links: `- https://github.com/${SAMPLE_REPOSITORY}/pull/1417\n- https://github.com/${SAMPLE_REPOSITORY}/pull/1420`,
    }),
  }),
]
