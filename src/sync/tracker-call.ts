/** One REST call of a tracker client (Jira's and GitHub's `request` take the same shape). */
import type { HttpRequest } from './http';
import type { AnswerShape } from './json';
import type { RequestSafety } from './retry';

/** One call of a tracker client's `request`. */
export interface TrackerCall {
  readonly method: HttpRequest['method'];
  /** Path under the client's REST root, starting with `/` (`/issue/INFRA-1`, `/repos/acme/infra/issues/1`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** `create` for POSTs that make something (never blindly retried). Default `idempotent`. */
  readonly safety?: RequestSafety;
  /** The call in plain words for error messages ("read the epic INFRA-100"). */
  readonly what: string;
  /**
   * The shape a 2xx answer must have (docs/sync.md "HTTP behaviour"): anything else means the
   * address is not the tracker (kind `notTracker`). Default: any JSON, or an empty body.
   */
  readonly expect?: AnswerShape;
}
