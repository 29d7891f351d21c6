/**
 * Anonymous players' names, apart from the rest of the protocol (and its schemas), so that the i18n layer
 * can word them on every page without bringing the live API's validation code along.
 */

/**
 * The name the server gives a player in an anonymous room: a number, not words, so that every screen
 * shows it in its own language ("Player 3", "玩家 3"). See `anonymousNumber`.
 */
export function anonymousName(n: number): string {
	return `#${n}`;
}

/** The player number of a name given by `anonymousName`, or null for a chosen nickname. */
export function anonymousNumber(name: string): number | null {
	const match = /^#(\d{1,5})$/.exec(name);
	return match ? Number(match[1]) : null;
}
