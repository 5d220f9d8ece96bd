import * as model from '../../src/model';

test('the public API of src/model (change deliberately)', () => {
  expect(Object.keys(model).sort()).toEqual([
    'NO_PHASE', 'PARSE_CACHE', 'PRIORITIES', 'PRIORITY_VOCABULARY', 'STATUSES', 'STATUS_VOCABULARY',
    'looksLikeStoryHeader', 'matchPriority', 'matchStatus', 'parseEpic', 'parseMarkdown', 'pointsText', 'pointsWithUnit', 'priorityEmoji', 'priorityLabel', 'progress', 'readPoints',
    'statusEmoji', 'statusLabel', 'statusReplacement', 'storyWith', 'textHasStoryHeader',
  ]);
});
