import { RETRO_CLIENT_ROOTS } from './retro/shape';

/**
 * The roots a client's own Yjs updates may write, per document kind. A kind
 * listed here keeps everything else for the server, which writes it through
 * its endpoints after checking roles, phases and limits; the sync server
 * refuses a client update that touches any other root. Kinds not listed are
 * written freely by every editor.
 */
export const clientWritableRoots: Partial<Record<string, readonly string[]>> = {
	retro: RETRO_CLIENT_ROOTS
};
