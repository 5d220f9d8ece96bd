/**
 * Empty lists of the model, shared. Internal to the model (not part of its public API).
 */
/**
 * The one empty list of the model: every list a note leaves empty (a story's commits, a section's
 * criteria, …) is this frozen array, not an array of its own. A 2,000-story note has ~60,000 empty
 * lists (32 bytes each); nothing may add to a model list, and a frozen one says so at run time.
 */
export const NO_ITEMS: readonly never[] = Object.freeze([]);

/** `list`, or `NO_ITEMS` when it is empty (the list is not copied). */
export function listOrNone<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NO_ITEMS : list;
}
