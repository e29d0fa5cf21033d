/**
 * Download file names that keep the document's own title — 客户投诉处理流程.svg,
 * not flow.svg. Only what file systems refuse is taken out: / \ : * ? " < > |
 * and control characters (Windows refuses the first nine; none allows NUL).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const REFUSED = /[/\\:*?"<>|\u0000-\u001f\u007f]+/g;

/** At most this many characters before the extension: well inside every file system's 255 bytes of UTF-8. */
const MAX_NAME_CHARACTERS = 80;

export function fileNameOf(title: string, fallback = 'download'): string {
	const name = Array.from(title.replace(REFUSED, ' ').replace(/\s+/g, ' ').trim())
		.slice(0, MAX_NAME_CHARACTERS)
		.join('')
		// Windows drops trailing dots and spaces, and a name of only dots means a folder.
		.replace(/[. ]+$/, '');
	return name || fallback;
}

/**
 * A Content-Disposition for a server download (RFC 6266 with RFC 5987's
 * filename*): browsers use the UTF-8 name; the quoted one is for clients that
 * cannot, and is `asciiFallback` whenever the real name is not plain ASCII.
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
	const asciiName = /^[\x20-\x7e]+$/.test(fileName)
		? fileName.replace(/["\\]/g, '')
		: asciiFallback;
	const encoded = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}
