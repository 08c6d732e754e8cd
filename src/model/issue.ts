import * as z from 'zod'

/** The fields infra-log reads from an issue as `GET /repos/{owner}/{repo}/issues` returns it. */
export const GitHubIssueSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  created_at: z.string(),
  updated_at: z.string().optional(),
  closed_at: z.string().nullable().optional(),
  labels: z
    .array(z.union([z.string(), z.object({ name: z.string().optional() }).passthrough()]))
    .default([]),
  user: z.object({ login: z.string() }).passthrough().nullable().optional(),
  author_association: z.string().optional(),
  pull_request: z.unknown().optional(),
  /** `owner/name`, set by infra-log when it fetches from several repositories. */
  repository: z.string().optional(),
})

/** An issue as infra-log reads it. */
export type GitHubIssue = z.infer<typeof GitHubIssueSchema>

/** The names of an issue's labels, whatever shape GitHub gave them in. */
export function labelNames(issue: Pick<GitHubIssue, 'labels'>): string[] {
  return issue.labels.flatMap((label) =>
    typeof label === 'string' ? [label] : label.name === undefined ? [] : [label.name],
  )
}
