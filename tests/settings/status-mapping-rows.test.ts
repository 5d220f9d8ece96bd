/**
 * The status mapping as table rows and back: a round trip keeps every stored mapping, blank and
 * repeated names are dropped, and moving a row never loses one.
 */
import fc from 'fast-check';
import { STATUSES } from '../../src/model/types';
import { migrateSettings } from '../../src/settings/settings';
import { moveRow, statusMappingOf, statusMappingRows } from '../../src/settings/status-mapping-rows';

const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !s.includes(','));

test('rows and back give the same mapping, for any stored mapping', () => {
  fc.assert(fc.property(fc.dictionary(fc.constantFrom(...STATUSES), fc.uniqueArray(name, { maxLength: 4, selector: (s) => s.trim() })), (raw) => {
    const { statusMapping } = migrateSettings({ statusMapping: raw });
    expect(migrateSettings({ statusMapping: statusMappingOf(statusMappingRows(statusMapping)) }).statusMapping).toEqual(statusMapping);
  }));
});

test('blank and repeated names are left out; order within a status is kept', () => {
  expect(statusMappingOf([
    { status: 'done', name: ' Shipped ' }, { status: 'open', name: '' }, { status: 'done', name: 'Done' }, { status: 'done', name: 'Shipped' },
  ])).toMatchObject({ done: ['Shipped', 'Done'], open: [] });
});

test('moving a row keeps every row', () => {
  fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), fc.nat(), fc.nat(), (rows, a, b) => {
    const from = a % rows.length;
    const moved = moveRow(rows, from, b % rows.length);
    expect([...moved].sort()).toEqual([...rows].sort());
    expect(moved[b % rows.length]).toBe(rows[from]);
  }));
});
