/** The Atlassian Document Format shapes sync produces and compares (a subset of the full schema). */

/** A mark on a text node: `strong`, `em`, `code`, `strike`, `link` ({href}). */
export interface AdfMark {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
}

/** Any ADF node. `text` only on `text` nodes, `content` only on containers. */
export interface AdfNode {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly content?: readonly AdfNode[];
  readonly text?: string;
  readonly marks?: readonly AdfMark[];
}

/** A whole ADF document (version 1). */
export interface AdfDoc {
  readonly version: 1;
  readonly type: 'doc';
  readonly content: readonly AdfNode[];
}

/** Wraps block nodes into a document. */
export function adfDoc(content: readonly AdfNode[]): AdfDoc {
  return { version: 1, type: 'doc', content };
}
