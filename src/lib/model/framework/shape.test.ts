import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ensureFrameworkMeta, FRAMEWORK_SCHEMA_VERSION, readFrameworkMeta } from './shape';

describe('framework meta', () => {
	it('reads an unstamped document as nulls', () => {
		expect(readFrameworkMeta(new Y.Doc())).toEqual({ schemaVersion: null, kind: null });
	});

	it('stamps a missing version and kind once', () => {
		const doc = new Y.Doc();
		expect(ensureFrameworkMeta(doc)).toBe(true);
		expect(readFrameworkMeta(doc)).toEqual({
			schemaVersion: FRAMEWORK_SCHEMA_VERSION,
			kind: 'framework'
		});
		expect(ensureFrameworkMeta(doc)).toBe(false);
	});

	it('never overwrites a version that is already there', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', 7);
		const before = Y.encodeStateVector(doc);
		ensureFrameworkMeta(doc);
		expect(readFrameworkMeta(doc).schemaVersion).toBe(7);
		expect(readFrameworkMeta(doc).kind).toBe('framework');
		expect(Y.encodeStateVector(doc)).not.toEqual(before);
	});
});
