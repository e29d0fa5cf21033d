/** How long what people write in comments may be (characters). */
export const COMMENT_LIMITS = {
	body: 4000,
	/** The text a thread was made on, kept to show once that text is deleted. */
	quote: 500
} as const;
