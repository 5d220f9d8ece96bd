/**
 * GitHub's JSON shapes for the fake: users, labels, issues (with `pull_request` on pull requests
 * and `sub_issues_summary`), the repository and error bodies. URLs point at the fake (API under
 * `apiUrl`, web pages under `webUrl`), as GitHub's point at api.github.com and github.com.
 */
import type { Repository } from './repository';
import type { FakeGitHubIssue, FakeGitHubLabel } from './types';

/** Where the fake's addresses start; read on every render (the port is known only after listen). */
export interface Addresses {
  readonly apiUrl: () => string;
  readonly webUrl: () => string;
  readonly owner: string;
  readonly repo: string;
  readonly login: string;
}

/** The user id of the token's owner. */
export const USER_ID = 583_231;
/** The repository's id. */
export const REPOSITORY_ID = 1_296_269;
const CREATED = '2024-01-15T09:30:00Z';

/** GitHub's error body: `{message, documentation_url, status}` (status as a string), plus `errors` on 422. */
export function errorBody(status: number, message: string, docs = 'https://docs.github.com/rest', errors?: unknown[]): Record<string, unknown> {
  return { message, documentation_url: docs, status: String(status), ...(errors === undefined ? {} : { errors }) };
}

/** Renders the repository's objects. */
export class Renderer {
  constructor(private readonly at: Addresses, private readonly repository: Repository) {}

  private get repoApi(): string {
    return `${this.at.apiUrl()}/repos/${this.at.owner}/${this.at.repo}`;
  }

  /** The simple-user object of `login`. */
  user(login = this.at.login, id = USER_ID): Record<string, unknown> {
    const api = `${this.at.apiUrl()}/users/${login}`;
    return {
      login, id, node_id: `U_kgDO${id.toString(36)}`, avatar_url: `${this.at.webUrl()}/avatars/${login}`, gravatar_id: '',
      url: api, html_url: `${this.at.webUrl()}/${login}`, followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`, gists_url: `${api}/gists{/gist_id}`, starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`, organizations_url: `${api}/orgs`, repos_url: `${api}/repos`, events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`, type: 'User', site_admin: false,
    };
  }

  /** `GET /user` for the token's owner (the private-user shape). */
  authenticatedUser(): Record<string, unknown> {
    return {
      ...this.user(), name: 'Dev Example', company: null, blog: '', location: null, email: null, hireable: null, bio: null,
      public_repos: 3, public_gists: 0, followers: 1, following: 0, created_at: CREATED, updated_at: CREATED,
      private_gists: 0, total_private_repos: 1, owned_private_repos: 1, disk_usage: 1024, collaborators: 0, two_factor_authentication: true,
    };
  }

  label(label: FakeGitHubLabel): Record<string, unknown> {
    return {
      id: label.id, node_id: `LA_kwDOfake${label.id.toString(36)}`, url: `${this.repoApi}/labels/${encodeURIComponent(label.name)}`,
      name: label.name, description: label.description, color: label.color, default: label.isDefault,
    };
  }

  issue(issue: FakeGitHubIssue): Record<string, unknown> {
    const api = `${this.repoApi}/issues/${issue.number}`;
    const web = `${this.at.webUrl()}/${this.at.owner}/${this.at.repo}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`;
    const labels = issue.labels.map((name) => this.repository.label(name)).filter((l): l is FakeGitHubLabel => l !== undefined).map((l) => this.label(l));
    return {
      id: issue.id, node_id: issue.nodeId, url: api, repository_url: this.repoApi, labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`, events_url: `${api}/events`, html_url: web, number: issue.number,
      state: issue.state, state_reason: issue.stateReason, title: issue.title, body: issue.body, user: this.user(),
      labels, assignee: null, assignees: [], milestone: null, locked: false, active_lock_reason: null, comments: 0,
      closed_at: issue.closedAt, created_at: issue.createdAt, updated_at: issue.updatedAt, closed_by: issue.state === 'closed' ? this.user() : null,
      author_association: 'OWNER',
      ...(issue.pullRequest
        ? { pull_request: { url: `${this.repoApi}/pulls/${issue.number}`, html_url: web, diff_url: `${web}.diff`, patch_url: `${web}.patch`, merged_at: null }, draft: false }
        : { sub_issues_summary: this.repository.summary(issue) }),
      ...(issue.parent === null ? {} : { parent_issue_url: `${this.repoApi}/issues/${issue.parent}` }),
    };
  }

  /** `GET /repos/{owner}/{repo}` (full-repository); `push` tells whether the token may write. */
  repositoryInfo(push: boolean): Record<string, unknown> {
    const api = this.repoApi;
    const web = `${this.at.webUrl()}/${this.at.owner}/${this.at.repo}`;
    const open = [...this.repository.issues.values()].filter((i) => i.state === 'open').length;
    const template = (name: string, suffix: string): [string, string] => [`${name}_url`, `${api}/${suffix}`];
    const urls = Object.fromEntries([
      template('archive', '{archive_format}{/ref}'), template('assignees', 'assignees{/user}'), template('blobs', 'git/blobs{/sha}'),
      template('branches', 'branches{/branch}'), template('collaborators', 'collaborators{/collaborator}'), template('comments', 'comments{/number}'),
      template('commits', 'commits{/sha}'), template('compare', 'compare/{base}...{head}'), template('contents', 'contents/{+path}'),
      template('contributors', 'contributors'), template('deployments', 'deployments'), template('downloads', 'downloads'),
      template('events', 'events'), template('forks', 'forks'), template('git_commits', 'git/commits{/sha}'), template('git_refs', 'git/refs{/sha}'),
      template('git_tags', 'git/tags{/sha}'), template('hooks', 'hooks'), template('issue_comment', 'issues/comments{/number}'),
      template('issue_events', 'issues/events{/number}'), template('issues', 'issues{/number}'), template('keys', 'keys{/key_id}'),
      template('labels', 'labels{/name}'), template('languages', 'languages'), template('merges', 'merges'), template('milestones', 'milestones{/number}'),
      template('notifications', 'notifications{?since,all,participating}'), template('pulls', 'pulls{/number}'), template('releases', 'releases{/id}'),
      template('stargazers', 'stargazers'), template('statuses', 'statuses/{sha}'), template('subscribers', 'subscribers'),
      template('subscription', 'subscription'), template('tags', 'tags'), template('teams', 'teams'), template('trees', 'git/trees{/sha}'),
    ]);
    return {
      id: REPOSITORY_ID, node_id: 'R_kgDOfake1', name: this.at.repo, full_name: `${this.at.owner}/${this.at.repo}`, owner: this.user(this.at.owner, 9_919),
      private: true, html_url: web, description: 'Infrastructure', fork: false, url: api, ...urls,
      git_url: `git://127.0.0.1/${this.at.owner}/${this.at.repo}.git`, ssh_url: `git@127.0.0.1:${this.at.owner}/${this.at.repo}.git`,
      clone_url: `${web}.git`, svn_url: web, mirror_url: null, homepage: null, language: 'TypeScript', forks_count: 0, forks: 0,
      stargazers_count: 0, watchers_count: 0, watchers: 0, size: 1024, default_branch: 'main', open_issues_count: open, open_issues: open,
      is_template: false, topics: [], has_issues: true, has_projects: true, has_wiki: false, has_pages: false, has_downloads: true,
      has_discussions: false, archived: false, disabled: false, visibility: 'private', pushed_at: CREATED, created_at: CREATED, updated_at: CREATED,
      permissions: { admin: false, maintain: false, push, triage: push, pull: true }, allow_forking: false, license: null,
      network_count: 0, subscribers_count: 1,
    };
  }
}
