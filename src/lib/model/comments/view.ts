import type { EncodedAnchor } from './anchor';

/** A comment as the API and the side panel show it (dates as ISO strings). */
export interface CommentView {
	id: string;
	/** Null once its author's account is gone. */
	author: { id: string; name: string } | null;
	/** Null once deleted: the thread keeps its place, the words are gone. */
	body: string | null;
	deleted: boolean;
	/** The reader wrote it: they may edit and delete it. */
	mine: boolean;
	createdAt: string;
	editedAt: string | null;
}

export interface ThreadView {
	id: string;
	anchor: EncodedAnchor;
	/** The text the thread was made on, as it was then. */
	quote: string;
	createdAt: string;
	resolved: { at: string; by: { id: string; name: string } | null } | null;
	comments: CommentView[];
}

export interface ThreadList {
	/** The reader may start threads, reply and resolve (editors; viewers if the workspace lets them). */
	canComment: boolean;
	threads: ThreadView[];
}
