import { getContext, setContext } from 'svelte';

/** What a node component needs from the editor around it (Svelte Flow renders the nodes). */
export interface FlowEditorContext {
	editable(): boolean;
	/** A large flow zoomed far out: shapes not selected or dragged are drawn by the overview, not themselves. */
	overview(): boolean;
	beginResize(nodeId: string): void;
	endResize(nodeId: string, box: { x: number; y: number; width: number; height: number }): void;
	/** Selects the shape (caret in its label on the canvas) or arrow (in the properties panel). */
	editLabel(id: string): void;
	/** The shape whose label is being typed on the canvas, if any. */
	labelEditing(): string | null;
	setLabel(nodeId: string, label: string): void;
	/** Typing a label ended: Enter or Escape (`done`), Tab (`next`), Shift+Tab or focus left. */
	endLabel(nodeId: string, how: 'done' | 'next' | 'previous' | 'blur'): void;
	/** The "+" arrows: the next step, connected, on `side` of this shape. */
	addNext(nodeId: string, side: 'top' | 'right' | 'bottom' | 'left'): void;
	/** The side the flow goes on from a shape. */
	forwardSide(): 'top' | 'right' | 'bottom' | 'left';
}

const KEY = Symbol('flow-editor');

export const setFlowEditorContext = (context: FlowEditorContext) => setContext(KEY, context);
export const getFlowEditorContext = () => getContext<FlowEditorContext>(KEY);
