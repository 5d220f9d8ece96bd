/**
 * What a status rewrite writes: the user's form kept (emoji or not), the vocabulary's label.
 */
import fc from 'fast-check';
import { matchStatus, STATUSES, statusEmoji, statusReplacement } from '../../src/model';

test('with an emoji in the raw text, emoji and label', () => {
  expect(statusReplacement('📂 Open', 'done')).toBe('✅ Done');
  expect(statusReplacement('✔️ closed', 'in_progress')).toBe('🔄 In progress');
  expect(statusReplacement('Sleeping 😴', 'blocked')).toBe('⏸️ Blocked');
});

test('without an emoji, only the label', () => {
  expect(statusReplacement('Done', 'blocked')).toBe('Blocked');
  expect(statusReplacement('to do', 'cancelled')).toBe('Cancelled');
});

test('every status has a canonical emoji', () => {
  expect(STATUSES.map(statusEmoji)).toEqual(['📋', '📂', '🔄', '👀', '⏸️', '✅', '❌']);
});

test('what is written reads back as the chosen status, whatever was there', () => {
  fc.assert(fc.property(fc.string(), fc.constantFrom(...STATUSES), (raw, status) => {
    expect(matchStatus(statusReplacement(raw, status))).toEqual({ status, known: true });
  }));
});
