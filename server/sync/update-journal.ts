import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { log } from '../../src/lib/server/log';

/** An update with the seq the journaled store gave it. */
export interface NumberedUpdate {
	documentId: string;
	seq: number;
	data: Uint8Array;
}

/** A segment is sealed (new writes go to a new file) once it holds this much. */
const SEGMENT_BYTES = 4 * 1024 * 1024;
/** length (u32), crc32 of the body (u32) */
const HEADER_BYTES = 8;
const SEGMENT_NAME = /^(\d{10})\.journal$/;

/**
 * The file the sync server writes each batch of updates to before it relays
 * them, on the embedded engine: one write(2) of the whole batch, which the
 * kernel keeps through a crash of the process (the engine itself runs with
 * fsync off, so a commit there promises the same). The updates then reach the
 * database in larger batches behind the relay (journaled-store.ts); a segment
 * is deleted once all of it is in the database, and on start whatever the
 * segments still hold is stored before anything is read.
 *
 * A record is `[length u32][crc32 u32][body]`, the body
 * `[id length u16][id utf-8][seq f64][data]`, little-endian. A crash in the
 * middle of a write leaves a torn last record, which fails its checksum and is
 * dropped: its write had not returned, so nobody was told of those updates.
 *
 * `dir` null keeps nothing on disk (an in-memory database).
 */
export class UpdateJournal {
	private fd: number | null = null;
	private segment: number;
	private segmentBytes = 0;
	/** Serial of the last record of each sealed segment, oldest first. */
	private sealed: { segment: number; lastSerial: number }[] = [];
	private serial = 0;

	private constructor(
		private readonly dir: string | null,
		firstSegment: number,
		/** The segments `open` read, deleted by `discardRecovered`. */
		private leftover: number[]
	) {
		this.segment = firstSegment;
	}

	/**
	 * Opens the journal in `dir` and returns what earlier runs left in it, in
	 * the order it was written. Those segments stay until `discardRecovered`,
	 * to be called once the caller has stored what they hold.
	 */
	static open(dir: string | null): { journal: UpdateJournal; recovered: NumberedUpdate[] } {
		if (dir === null) return { journal: new UpdateJournal(null, 0, []), recovered: [] };
		fs.mkdirSync(dir, { recursive: true });
		const segments = fs
			.readdirSync(dir)
			.map((name) => SEGMENT_NAME.exec(name))
			.filter((match) => match !== null)
			.map((match) => Number(match[1]))
			.sort((a, b) => a - b);
		const recovered: NumberedUpdate[] = [];
		for (const segment of segments) {
			recovered.push(...readSegment(path.join(dir, segmentName(segment))));
		}
		const journal = new UpdateJournal(dir, (segments.at(-1) ?? 0) + 1, segments);
		return { journal, recovered };
	}

	/** Deletes the segments `open` read. */
	discardRecovered(): void {
		for (const segment of this.leftover) this.remove(segment);
		this.leftover = [];
	}

	/**
	 * Writes `updates` in one call and returns the serial of the last, to be
	 * passed to `release` once everything up to it is in the database. Throws
	 * (writing nothing that counts) when the file cannot be written.
	 */
	write(updates: NumberedUpdate[]): number {
		if (this.dir === null) return (this.serial += updates.length);
		const bytes = encode(updates);
		this.fd ??= fs.openSync(path.join(this.dir, segmentName(this.segment)), 'a');
		let written = 0;
		try {
			while (written < bytes.length) {
				written += fs.writeSync(this.fd, bytes, written, bytes.length - written);
			}
		} catch (error) {
			// Part of the batch may be in the file; the next batch goes to a fresh
			// segment, so this one's torn tail is the last thing in its file.
			this.seal();
			throw error;
		}
		this.serial += updates.length;
		this.segmentBytes += bytes.length;
		if (this.segmentBytes >= SEGMENT_BYTES) this.seal();
		return this.serial;
	}

	/** Everything written up to `serial` is in the database: the files holding only that go. */
	release(serial: number): void {
		while (this.sealed.length > 0 && this.sealed[0].lastSerial <= serial) {
			this.remove(this.sealed.shift()!.segment);
		}
		// Everything written is stored: the current segment can start again.
		if (serial === this.serial && this.fd !== null && this.segmentBytes > 0) {
			fs.ftruncateSync(this.fd, 0);
			this.segmentBytes = 0;
		}
	}

	close(): void {
		if (this.fd !== null) fs.closeSync(this.fd);
		this.fd = null;
	}

	private seal(): void {
		if (this.fd !== null) fs.closeSync(this.fd);
		this.fd = null;
		this.sealed.push({ segment: this.segment, lastSerial: this.serial });
		this.segment += 1;
		this.segmentBytes = 0;
	}

	private remove(segment: number): void {
		if (this.dir === null) return;
		try {
			fs.unlinkSync(path.join(this.dir, segmentName(segment)));
		} catch (error) {
			// Left behind, it is read again on the next start and skipped there:
			// the database already holds what it has.
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
				log.warn('could not delete a sync journal segment', { segment, error });
			}
		}
	}
}

function segmentName(segment: number): string {
	return `${String(segment).padStart(10, '0')}.journal`;
}

/** The records of `updates`, back to back in one buffer. */
function encode(updates: NumberedUpdate[]): Buffer {
	const ids = updates.map((update) => Buffer.from(update.documentId, 'utf8'));
	const bodyLengths = updates.map((update, i) => 2 + ids[i].length + 8 + update.data.length);
	const size = bodyLengths.reduce((sum, length) => sum + HEADER_BYTES + length, 0);
	const bytes = Buffer.allocUnsafe(size);
	let at = 0;
	for (let i = 0; i < updates.length; i++) {
		const id = ids[i];
		const start = at + HEADER_BYTES;
		const length = bodyLengths[i];
		bytes.writeUInt16LE(id.length, start);
		id.copy(bytes, start + 2);
		bytes.writeDoubleLE(updates[i].seq, start + 2 + id.length);
		bytes.set(updates[i].data, start + 2 + id.length + 8);
		bytes.writeUInt32LE(length, at);
		bytes.writeUInt32LE(crc32(bytes.subarray(start, start + length)), at + 4);
		at = start + length;
	}
	return bytes;
}

/** The records of one segment, up to the first that is torn or damaged. */
function readSegment(file: string): NumberedUpdate[] {
	const bytes = fs.readFileSync(file);
	const updates: NumberedUpdate[] = [];
	let at = 0;
	while (at < bytes.length) {
		const body = at + HEADER_BYTES <= bytes.length ? bodyAt(bytes, at) : null;
		const update = body ? decodeBody(body) : null;
		if (!body || !update) {
			log.warn('a sync journal segment ends in a torn record; it is ignored', {
				file,
				offset: at,
				bytes: bytes.length - at
			});
			break;
		}
		updates.push(update);
		at += HEADER_BYTES + body.length;
	}
	return updates;
}

function bodyAt(bytes: Buffer, at: number): Buffer | null {
	const length = bytes.readUInt32LE(at);
	const start = at + HEADER_BYTES;
	if (start + length > bytes.length) return null;
	const body = bytes.subarray(start, start + length);
	return crc32(body) === bytes.readUInt32LE(at + 4) ? body : null;
}

function decodeBody(body: Buffer): NumberedUpdate | null {
	if (body.length < 2) return null;
	const idLength = body.readUInt16LE(0);
	if (body.length < 2 + idLength + 8) return null;
	return {
		documentId: body.toString('utf8', 2, 2 + idLength),
		seq: body.readDoubleLE(2 + idLength),
		// A copy: the segment's buffer is not kept alive by one small update.
		data: new Uint8Array(body.subarray(2 + idLength + 8))
	};
}
