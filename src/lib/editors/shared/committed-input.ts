import type { Action } from 'svelte/action';

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Calls `write` with the field's value as a person types, except while an
 * input method composes: the pinyin or zhuyin shown then is not text anyone
 * meant, and a shared document must not pass it on to colleagues. The
 * composed characters are written once, when the composition ends.
 *
 * `<input use:committedInput={(value) => save(value)} />` instead of `oninput`.
 */
export const committedInput: Action<Field, (value: string) => void> = (field, write) => {
	let current = write;
	const onInput = (event: Event) => {
		if ((event as InputEvent).isComposing) return;
		current(field.value);
	};
	const onCompositionEnd = () => current(field.value);
	field.addEventListener('input', onInput);
	field.addEventListener('compositionend', onCompositionEnd);
	return {
		update: (next) => (current = next),
		destroy: () => {
			field.removeEventListener('input', onInput);
			field.removeEventListener('compositionend', onCompositionEnd);
		}
	};
};
