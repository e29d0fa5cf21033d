import type { Component } from 'svelte';
import type { DocumentKind } from '$lib/model/kinds';
import FlowEditor from './flow/FlowEditor.svelte';
import FrameworkEditor from './framework/FrameworkEditor.svelte';
import RetroBoard from './retro/RetroBoard.svelte';

/** What the document page hands every editor; each takes the part it needs. */
export interface EditorProps {
	documentId: string;
	workspaceId: string;
	title: string;
	user: { id: string; name: string };
	members: { id: string; name: string }[];
	role: 'owner' | 'editor' | 'viewer';
	/** The workspace's zone: due dates turn overdue by its calendar. */
	timeZone: string;
	readOnly: boolean;
}

/**
 * The editor of each kind, for the document page. Components cannot live in
 * the model's registry (it has no DOM), so this is the one other entry a
 * new kind needs; typed by kind, it does not compile without it.
 */
export const KIND_EDITORS: { [K in DocumentKind]: Component<EditorProps> } = {
	framework: FrameworkEditor,
	flow: FlowEditor,
	retro: RetroBoard
};
