import * as Y from 'yjs';

/**
 * Which top-level types ("roots") a client's Yjs update would change, so a
 * room can refuse writes to roots its document kind reserves for the server
 * (see src/lib/model/client-writes.ts).
 *
 * The v1 encoding names an item's parent only when the item has neither an
 * origin nor a right origin; otherwise the parent is that of its neighbour,
 * which may sit in the same update or already in the document. The answer
 * mirrors what `Y.applyUpdate` would do, so it must resolve exactly the
 * references Yjs resolves, and it only reads the document: no splitting of
 * structs, no copies, work proportional to the update (and, for deletions,
 * to the structs in the deleted ranges, as Yjs' own deletion pass).
 */

/** Yjs discards an item whose neighbour or parent is garbage collected: it changes nothing. */
const DISCARDED = Symbol('discarded');
type Resolution = string | typeof DISCARDED | null;

interface NewStructs {
	/** The structs of one client that the document does not hold yet, by clock. */
	structs: (Y.Item | Y.GC)[];
	/** The clock after the last of them (the document's state when there are none). */
	end: number;
}

/**
 * Returns the names of the roots `update` would insert into or delete from
 * when applied to `doc`, or null when the server cannot tell: the update
 * refers to items neither the document nor the update holds. Yjs would keep
 * such an update pending and apply it once the missing items arrive, so a
 * caller enforcing a policy should refuse it rather than guess.
 */
export function findRootsWrittenBy(doc: Y.Doc, update: Uint8Array): Set<string> | null {
	const { structs, ds } = Y.decodeUpdate(update);
	const store = doc.store;
	const added = collectNewStructs(store, structs);
	if (added === null) return null;

	const typeRoots = new Map<Y.AbstractType<unknown>, string | null>();
	const rootOfStored = (item: Y.Item): string | null => {
		const parent = item.parent;
		if (!(parent instanceof Y.AbstractType)) return null;
		let root = typeRoots.get(parent);
		if (root === undefined) {
			root = nameRootOf(doc, parent);
			typeRoots.set(parent, root);
		}
		return root;
	};

	/** The struct holding `id`, and whether the document already holds it; null if nothing does. */
	const findStruct = (id: Y.ID): { struct: Y.Item | Y.GC; stored: boolean } | null => {
		if (id.clock < Y.getState(store, id.client)) {
			const stored = store.clients.get(id.client)!;
			return { struct: stored[Y.findIndexSS(stored, id.clock)], stored: true };
		}
		const struct = findContaining(added.get(id.client)?.structs ?? [], id.clock);
		return struct && { struct, stored: false };
	};

	/**
	 * One step towards `item`'s root, deciding its parent as Yjs' Item.getMissing
	 * does: the left neighbour's parent, else the right neighbour's, else the
	 * parent named by id. Every reference must exist, or Yjs would wait for it.
	 * Returns the next item of this update to follow, or the answer.
	 */
	const step = (item: Y.Item, parent: unknown): Y.Item | Resolution => {
		const neighbours = [item.origin, item.rightOrigin].filter((id): id is Y.ID => id !== null);
		const references = neighbours.length > 0 ? neighbours : parent instanceof Y.ID ? [parent] : [];
		if (references.length === 0) return null;
		const targets = [];
		for (const id of references) {
			const found = findStruct(id);
			if (found === null) return null;
			targets.push(found);
		}
		if (targets.some(({ struct }) => struct instanceof Y.GC)) return DISCARDED;
		const decisive = targets[0].struct as Y.Item;
		return targets[0].stored ? rootOfStored(decisive) : decisive;
	};

	const resolved = new Map<Y.Item, Resolution>();
	/** Follows neighbour and parent references until a root name, iteratively: origin chains of typed text run long. */
	const resolve = (start: Y.Item): Resolution => {
		const path: Y.Item[] = [];
		const onPath = new Set<Y.Item>();
		let item = start;
		let result: Resolution;
		for (;;) {
			const known = resolved.get(item);
			if (known !== undefined) {
				result = known;
				break;
			}
			if (onPath.has(item)) {
				result = null; // a reference cycle: no encoder produces one
				break;
			}
			path.push(item);
			onPath.add(item);
			const parent = item.parent as unknown;
			if (typeof parent === 'string') {
				result = parent;
				break;
			}
			const next = step(item, parent);
			if (next instanceof Y.Item) {
				item = next;
				continue;
			}
			result = next;
			break;
		}
		for (const visited of path) resolved.set(visited, result);
		return result;
	};

	const roots = new Set<string>();
	for (const own of added.values()) {
		for (const struct of own.structs) {
			if (!(struct instanceof Y.Item)) continue;
			const root = resolve(struct);
			if (root === null) return null;
			if (root !== DISCARDED) roots.add(root);
		}
	}

	for (const [client, deletions] of ds.clients) {
		const state = Y.getState(store, client);
		const end = added.get(client)?.end ?? state;
		const stored = store.clients.get(client);
		for (const { clock, len } of deletions) {
			// A deletion of items nobody holds yet stays pending in Yjs and strikes
			// whatever later arrives under those ids, even the server's own writes.
			if (clock + len > end) return null;
			// Deleted items of this update are already counted with its structs.
			const storedEnd = Math.min(clock + len, state);
			if (!stored || clock >= storedEnd) continue;
			for (let i = Y.findIndexSS(stored, clock); i < stored.length; i++) {
				const struct = stored[i];
				if (struct.id.clock >= storedEnd) break;
				if (!(struct instanceof Y.Item) || struct.deleted) continue;
				const root = rootOfStored(struct);
				if (root === null) return null;
				roots.add(root);
			}
		}
	}
	return roots;
}

/**
 * Groups the update's structs by client and drops what the document already
 * holds (Yjs skips it too). Null when a client's structs leave a gap after
 * the document's state: Yjs would hold them back until the gap is filled.
 */
function collectNewStructs(
	store: Y.Doc['store'],
	structs: (Y.Item | Y.GC | Y.Skip)[]
): Map<number, NewStructs> | null {
	const byClient = new Map<number, (Y.Item | Y.GC)[]>();
	for (const struct of structs) {
		if (struct instanceof Y.Skip) continue;
		let own = byClient.get(struct.id.client);
		if (!own) byClient.set(struct.id.client, (own = []));
		own.push(struct);
	}
	const added = new Map<number, NewStructs>();
	for (const [client, own] of byClient) {
		own.sort((a, b) => a.id.clock - b.id.clock);
		let end = Y.getState(store, client);
		const fresh: (Y.Item | Y.GC)[] = [];
		for (const struct of own) {
			if (struct.id.clock + struct.length <= end) continue;
			if (struct.id.clock > end) return null;
			fresh.push(struct);
			end = struct.id.clock + struct.length;
		}
		added.set(client, { structs: fresh, end });
	}
	return added;
}

function findContaining(structs: (Y.Item | Y.GC)[], clock: number): Y.Item | Y.GC | null {
	let low = 0;
	let high = structs.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const struct = structs[mid];
		if (clock < struct.id.clock) high = mid - 1;
		else if (clock >= struct.id.clock + struct.length) low = mid + 1;
		else return struct;
	}
	return null;
}

/** The name under which `type`'s top-level ancestor is shared, or null if it is not one of `doc`'s roots. */
function nameRootOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
	let top = type;
	while (top._item !== null) {
		const parent = top._item.parent;
		if (!(parent instanceof Y.AbstractType)) return null;
		top = parent;
	}
	for (const [name, root] of doc.share) if (root === top) return name;
	return null;
}
