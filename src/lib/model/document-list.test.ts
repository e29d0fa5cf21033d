import { describe, expect, it } from 'vitest';
import { readDocumentListQuery } from './document-list';

describe('the document list query in a URL', () => {
	it('reads a shared link’s sort and filters', () => {
		const { query, invalid } = readDocumentListQuery(
			new URLSearchParams('sort=title&kind=flow&owner=abcdefghijklmnopqrst&edited=30')
		);
		expect(query).toEqual({
			sort: 'title',
			kind: 'flow',
			owner: 'abcdefghijklmnopqrst',
			editedWithinDays: 30
		});
		expect(invalid).toEqual([]);
	});

	it('treats empty values as no filter and names the values it does not know', () => {
		const { query, invalid } = readDocumentListQuery(
			new URLSearchParams('sort=&kind=memo&owner=&edited=14')
		);
		expect(query).toEqual({ sort: 'edited', kind: null, owner: null, editedWithinDays: null });
		expect(invalid).toEqual(['kind', 'edited']);
	});
});
