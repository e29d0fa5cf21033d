export interface DismissOptions {
	/**
	 * The button that opened the popup, when the popup is not inside the same
	 * element: a press on it is its own (it toggles the popup), and Escape puts
	 * focus back on it, where a keyboard user left off.
	 */
	toggle?: () => HTMLElement | null | undefined;
	/**
	 * Escape closes only the popup: it is stopped before it reaches the page's
	 * own handlers (a canvas deselecting its shapes, a dialog closing).
	 */
	stopEscape?: boolean;
}

/**
 * Closes a popup (menu, panel) when the user clicks outside it or presses
 * Escape: a Svelte attachment for the element that holds both the button
 * and its popup, so clicking the button itself is not "outside".
 * Acts only while the popup is open.
 */
export function dismissOn(
	isOpen: () => boolean,
	close: (reason: 'escape' | 'outside') => void,
	{ toggle, stopEscape = false }: DismissOptions = {}
) {
	return (root: HTMLElement) => {
		const onPointer = (event: PointerEvent) => {
			const target = event.target as Node;
			if (!isOpen() || root.contains(target) || toggle?.()?.contains(target)) return;
			close('outside');
		};
		const onKey = (event: KeyboardEvent) => {
			if (!isOpen() || event.key !== 'Escape') return;
			if (stopEscape) {
				event.preventDefault();
				event.stopPropagation();
			}
			close('escape');
			toggle?.()?.focus();
		};
		// Capture for presses: some surfaces (Svelte Flow's pane) stop them from bubbling.
		// Capture for Escape too when it is the popup's alone, so it is stopped before the page sees it.
		window.addEventListener('pointerdown', onPointer, true);
		window.addEventListener('keydown', onKey, stopEscape);
		return () => {
			window.removeEventListener('pointerdown', onPointer, true);
			window.removeEventListener('keydown', onKey, stopEscape);
		};
	};
}
