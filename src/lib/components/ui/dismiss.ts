/**
 * Closes a popup (menu, panel) when the user clicks outside it or presses
 * Escape: a Svelte attachment for the element that holds both the button
 * and its popup, so clicking the button itself is not "outside".
 * Listens only while the popup is open.
 */
export function dismissOn(isOpen: () => boolean, close: (reason: 'escape' | 'outside') => void) {
	return (root: HTMLElement) => {
		const onPointer = (event: PointerEvent) => {
			if (isOpen() && !root.contains(event.target as Node)) close('outside');
		};
		const onKey = (event: KeyboardEvent) => {
			if (isOpen() && event.key === 'Escape') close('escape');
		};
		window.addEventListener('pointerdown', onPointer, true);
		window.addEventListener('keydown', onKey);
		return () => {
			window.removeEventListener('pointerdown', onPointer, true);
			window.removeEventListener('keydown', onKey);
		};
	};
}
