import { getContext, setContext } from 'svelte';

/** What a node component needs from the editor around it (Svelte Flow renders the nodes). */
export interface FlowEditorContext {
	editable(): boolean;
	beginResize(nodeId: string): void;
	endResize(nodeId: string, box: { x: number; y: number; width: number; height: number }): void;
	/** Selects the shape or arrow and puts the caret in its label in the properties panel. */
	editLabel(id: string): void;
}

const KEY = Symbol('flow-editor');

export const setFlowEditorContext = (context: FlowEditorContext) => setContext(KEY, context);
export const getFlowEditorContext = () => getContext<FlowEditorContext>(KEY);
