/**
 * "Test connection": checks the tracker settings one step at a time (url → auth → project →
 * fields) and says which step failed, in plain words. Network goes through an injected `Http`
 * function (the plugin passes a `requestUrl` wrapper with `throw: false`; tests a loopback server).
 * The token is only ever put in the Authorization header: never in a message.
 */

/** One HTTP request as the probe makes it. */
export interface ProbeHttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** One HTTP response; header names lower case. */
export interface ProbeHttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

/** Sends a request; rejects only when the server could not be reached (any status resolves). */
export type Http = (request: ProbeHttpRequest) => Promise<ProbeHttpResponse>;

/** The steps, in the order they run. */
export type ConnectionStep = 'url' | 'auth' | 'project' | 'fields';

/** What the probe needs; `token` is the API token (Cloud) or personal access token (Data Center). */
export interface ConnectionConfig {
  readonly tracker: 'jira-cloud' | 'jira-datacenter';
  readonly siteUrl: string;
  readonly email: string;
  readonly token: string | null;
  readonly projectKey: string;
  /** Configured story points field id; "" = find it by name. */
  readonly storyPointsField: string;
}

/** The outcome of one step. */
export interface StepResult {
  readonly step: ConnectionStep;
  readonly ok: boolean;
  readonly message: string;
}

/** The outcome of a whole test: every step run (stopping at the first failure). */
export interface ConnectionReport {
  readonly ok: boolean;
  /** The first step that failed, or null when all passed. */
  readonly failedStep: ConnectionStep | null;
  readonly steps: readonly StepResult[];
  /** The story points field found (id), or null when not found or not reached. */
  readonly storyPointsField: string | null;
}

/** Anything that can test a connection. */
export interface ConnectionProbe {
  test(config: ConnectionConfig): Promise<ConnectionReport>;
}

/** Custom field names that mean "story points", lower case. */
const STORY_POINT_NAMES = ['story points', 'story point estimate', 'story points estimate'];

/** The Jira probe: REST v3 + Basic auth for Cloud, REST v2 + Bearer token for Data Center. */
export class JiraConnectionProbe implements ConnectionProbe {
  private readonly http: Http;

  constructor(options: { http: Http }) {
    this.http = options.http;
  }

  async test(config: ConnectionConfig): Promise<ConnectionReport> {
    const steps: StepResult[] = [];
    const fail = (step: ConnectionStep, message: string): ConnectionReport => {
      steps.push({ step, ok: false, message });
      return { ok: false, failedStep: step, steps, storyPointsField: null };
    };

    const base = parseBaseUrl(config.siteUrl);
    if (!base) return fail('url', 'The site URL is missing or is not an http(s) address.');
    if (!config.token) return fail('auth', 'No API token: choose or create the secret that holds it.');
    if (config.tracker === 'jira-cloud' && !config.email) return fail('auth', 'Jira Cloud needs the account email with the API token.');

    const api = `${base}/rest/api/${config.tracker === 'jira-cloud' ? '3' : '2'}`;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: config.tracker === 'jira-cloud' ? `Basic ${toBase64(`${config.email}:${config.token}`)}` : `Bearer ${config.token}`,
    };
    const get = async (path: string): Promise<ProbeHttpResponse | null> => {
      try {
        return await this.http({ url: `${api}${path}`, method: 'GET', headers });
      } catch {
        // The transport's error text may echo the request; only say that the host was unreachable.
        return null;
      }
    };

    const myself = await get('/myself');
    if (!myself) return fail('url', `Could not reach ${base}. Check the site URL and your network.`);
    if (myself.status === 404 || (myself.status < 400 && !looksLikeJson(myself))) {
      return fail('url', `${base} answered, but not as Jira: check the site URL.`);
    }
    steps.push({ step: 'url', ok: true, message: `Reached ${base}.` });
    if (myself.status === 401 || myself.status === 403) {
      return fail('auth', config.tracker === 'jira-cloud'
        ? 'Jira refused the email and API token.'
        : 'Jira refused the personal access token.');
    }
    if (myself.status >= 400) return fail('auth', `Jira answered ${myself.status} when checking the account.`);
    const who = readString(myself.text, 'displayName');
    steps.push({ step: 'auth', ok: true, message: who ? `Signed in as ${who}.` : 'Signed in.' });

    if (!config.projectKey) return fail('project', 'No project key set.');
    const project = await get(`/project/${encodeURIComponent(config.projectKey)}`);
    if (!project) return fail('project', `Could not reach ${base} when reading the project.`);
    if (project.status === 404) return fail('project', `Project ${config.projectKey} does not exist or this account cannot see it.`);
    if (project.status >= 400) return fail('project', `Jira answered ${project.status} when reading project ${config.projectKey}.`);
    steps.push({ step: 'project', ok: true, message: `Project ${config.projectKey} found.` });

    const fieldsResponse = await get('/field');
    if (!fieldsResponse) return fail('fields', `Could not reach ${base} when reading the fields.`);
    if (fieldsResponse.status >= 400) return fail('fields', `Jira answered ${fieldsResponse.status} when listing fields.`);
    const fields = readFields(fieldsResponse.text);
    const wanted = config.storyPointsField.trim();
    const found = wanted
      ? fields.find((field) => field.id === wanted)
      : fields.find((field) => STORY_POINT_NAMES.includes(field.name.trim().toLowerCase()));
    if (!found) {
      return fail('fields', wanted
        ? `Field ${wanted} does not exist: clear it to find the story points field by name.`
        : 'No story points field found by name: enter its id (customfield_…) in the settings.');
    }
    steps.push({ step: 'fields', ok: true, message: `Story points field: ${found.name} (${found.id}).` });
    return { ok: true, failedStep: null, steps, storyPointsField: found.id };
  }
}

/** One line for a person: the failed step's message, or a summary when all passed. */
export function describeReport(report: ConnectionReport): string {
  if (report.ok) return `Connection works. ${report.steps.map((s) => s.message).join(' ')}`;
  const failed = report.steps[report.steps.length - 1];
  return failed ? `${stepLabel(failed.step)} failed: ${failed.message}` : 'Connection failed.';
}

/** Label of a step as shown to the user. */
export function stepLabel(step: ConnectionStep): string {
  return { url: 'Site URL', auth: 'Sign-in', project: 'Project', fields: 'Fields' }[step];
}

function parseBaseUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

function looksLikeJson(response: ProbeHttpResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  if (type.includes('json')) return true;
  const start = response.text.trimStart()[0];
  return start === '{' || start === '[';
}

function readString(text: string, key: string): string | null {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data === 'object' && data !== null) {
      const value = (data as Record<string, unknown>)[key];
      return typeof value === 'string' ? value : null;
    }
  } catch {
    // A body that is not JSON has no name to show.
  }
  return null;
}

function readFields(text: string): { id: string; name: string }[] {
  try {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) return [];
    return data.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const { id, name } = item as Record<string, unknown>;
      return typeof id === 'string' && typeof name === 'string' ? [{ id, name }] : [];
    });
  } catch {
    return [];
  }
}

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
