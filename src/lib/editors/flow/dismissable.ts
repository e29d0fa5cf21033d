import type { Action } from 'svelte/action';

/**
 * Closes a popover (a menu, a picker) on Escape and on a press outside it,
 * the way every menu on the page behaves. `<div use:dismissable={{ close: () => (open = false), toggle: button }}>`.
 */
type Close = (() => void) | { close: () => void; toggle?: HTMLElement | null };

export const dismissable: Action<HTMLElement, Close> = (element, close) => {
	let current = close;
	const run = () => (typeof current === 'function' ? current() : current.close());
	// A press on the button that opened it is that button's to handle (it closes it).
	const toggleOf = () => (typeof current === 'function' ? null : (current.toggle ?? null));
	const onKeydown = (event: KeyboardEvent) => {
		if (event.key !== 'Escape') return;
		// Escape closes this, not also whatever the page does with it (deselecting, closing a dialog).
		event.preventDefault();
		event.stopPropagation();
		run();
		toggleOf()?.focus();
	};
	const onPointerDown = (event: PointerEvent) => {
		if (!(event.target instanceof Node) || element.contains(event.target)) return;
		if (toggleOf()?.contains(event.target)) return;
		run();
	};
	// Capture: Svelte Flow's pane stops pointer events from reaching the document.
	window.addEventListener('keydown', onKeydown, { capture: true });
	document.addEventListener('pointerdown', onPointerDown, { capture: true });
	return {
		update: (next) => (current = next),
		destroy: () => {
			window.removeEventListener('keydown', onKeydown, { capture: true });
			document.removeEventListener('pointerdown', onPointerDown, { capture: true });
		}
	};
};
