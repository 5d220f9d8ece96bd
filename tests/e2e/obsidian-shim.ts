/**
 * `obsidian` in the browser harness: the stand-in the jsdom tests use (tests/stubs/obsidian.ts, which
 * is the sandbox's demo/obsidian-shim plus a recording harness): DOM helpers on the prototypes,
 * `Menu` rendered as a `.menu` element, `editorLivePreviewField`.
 */
export * from '../stubs/obsidian';
