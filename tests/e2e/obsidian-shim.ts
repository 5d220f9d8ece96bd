/**
 * `obsidian` in the browser harness: the same hand-written stand-in the jsdom tests use (DOM
 * helpers on the prototypes, `Menu` rendered as a `.menu` element, `editorLivePreviewField`).
 */
export * from '../stubs/obsidian';
