/**
 * Nickname rules of live rooms, shared by the phone (instant feedback) and the server (the last word).
 *
 * A nickname is shown on the projector beside everyone else's, so the rules are about what people see:
 * a name must show at least one visible character, must not hide characters that change nothing on
 * screen, and two names that look the same on the projector are the same name. Checks return problem
 * codes; the pages turn them into words.
 */

/** Nickname length, counted in user-perceived characters (an emoji with modifiers counts once). */
export const NICKNAME_MAX = 24;
/** A hard cap on code points, so a "character" glued from hundreds of combining marks is still refused. */
export const NICKNAME_MAX_CODE_POINTS = 64;

/**
 * Why a nickname is refused:
 * - `empty`: nothing left after trimming;
 * - `too-long`: over 24 characters (or 64 code points);
 * - `control-character`: control characters, line breaks, bidirectional overrides;
 * - `invisible-character`: a character that shows nothing (zero-width space, word joiner, soft hyphen,
 *   invisible separators, Hangul fillers…), which would let "Ana" and "Ana" + U+200B sit side by side;
 * - `broken-text`: an unpaired surrogate (text cut in the middle of a character);
 * - `nothing-visible`: only marks, joiners or blank symbols, so the projector would show a blank.
 */
export type NicknameProblem =
	| 'empty'
	| 'too-long'
	| 'control-character'
	| 'invisible-character'
	| 'broken-text'
	| 'nothing-visible';

/** The outcome of checking a nickname: the cleaned name and its comparison key, or why it is refused. */
export type NicknameCheck =
	{ ok: true; nickname: string; key: string } | { ok: false; problem: NicknameProblem };

/**
 * C0/C1 controls, line and paragraph separators, and the bidirectional embedding/override/isolate
 * controls (they can make a name display as something else on the projector).
 */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Lone surrogates: in a `u` regex each unpaired half is a code point of category Cs. */
const UNPAIRED = /\p{Cs}/u;

/**
 * Default-ignorable code points (Unicode's "renders as nothing" set), except the few that real names need
 * between visible characters: the zero-width joiner and non-joiner (emoji sequences, Indic and Persian
 * text), variation selectors (emoji presentation) and tag characters (subdivision flags).
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
/** Whether a default-ignorable code point is one of those real names need (see above). */
function isNeededIgnorable(cp: number): boolean {
	return (
		cp === 0x200c ||
		cp === 0x200d ||
		(cp >= 0xfe00 && cp <= 0xfe0f) ||
		(cp >= 0xe0020 && cp <= 0xe007f) ||
		(cp >= 0xe0100 && cp <= 0xe01ef)
	);
}

/** Blank-looking characters that are not default-ignorable. */
const BLANK = /[\u2800\u3164\uffa0]/u;

/** Something a person can see: a letter, digit, symbol or punctuation that is not blank. */
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

const graphemes =
	typeof Intl !== 'undefined' && 'Segmenter' in Intl
		? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
		: null;

/** How many user-perceived characters a string has (code points where Intl.Segmenter is missing). */
export function characterCount(text: string): number {
	if (!graphemes) return [...text].length;
	let n = 0;
	for (const _ of graphemes.segment(text)) n++;
	return n;
}

function hasInvisible(text: string): boolean {
	for (const ch of text) {
		if (BLANK.test(ch)) return true;
		if (IGNORABLE.test(ch) && !isNeededIgnorable(ch.codePointAt(0) ?? 0)) return true;
	}
	return false;
}

function hasVisible(text: string): boolean {
	for (const ch of text) if (VISIBLE.test(ch) && !BLANK.test(ch)) return true;
	return false;
}

/**
 * Checks a nickname: NFC-normalised and trimmed; 1–24 characters; no control, invisible or broken
 * characters; at least one visible character. Any script and emoji are allowed; markup is just text (the
 * pages render it as text, never as HTML). `key` is the skeleton used for uniqueness within a room.
 */
export function checkNickname(input: string): NicknameCheck {
	if (UNPAIRED.test(input)) return { ok: false, problem: 'broken-text' };
	const nickname = input.normalize('NFC').trim();
	if (nickname.length === 0) return { ok: false, problem: 'empty' };
	if (CONTROL.test(nickname)) return { ok: false, problem: 'control-character' };
	if (hasInvisible(nickname)) return { ok: false, problem: 'invisible-character' };
	if (characterCount(nickname) > NICKNAME_MAX || [...nickname].length > NICKNAME_MAX_CODE_POINTS)
		return { ok: false, problem: 'too-long' };
	if (!hasVisible(nickname)) return { ok: false, problem: 'nothing-visible' };
	return { ok: true, nickname, key: nicknameKey(nickname) };
}

/**
 * Letters of other scripts that are drawn like Latin letters in the projector's fonts, folded to the Latin
 * letter (a small, common subset of Unicode's confusables, lower case, applied after case folding).
 */
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map(
	Object.entries({
		// Cyrillic
		а: 'a',
		в: 'b',
		е: 'e',
		і: 'i',
		ј: 'j',
		к: 'k',
		м: 'm',
		н: 'h',
		о: 'o',
		р: 'p',
		с: 'c',
		т: 't',
		у: 'y',
		х: 'x',
		ѕ: 's',
		ԁ: 'd',
		ԛ: 'q',
		ԝ: 'w',
		// Greek
		α: 'a',
		β: 'b',
		ε: 'e',
		η: 'n',
		ι: 'i',
		κ: 'k',
		ν: 'v',
		ο: 'o',
		ρ: 'p',
		τ: 't',
		υ: 'u',
		χ: 'x',
		// Latin look-alikes
		ı: 'i',
		ɡ: 'g',
		ℓ: 'l'
	})
);

/**
 * The skeleton of a nickname, its identity within a room: compatibility-normalised (full-width and other
 * presentation forms fold to their plain letters), case-folded, with every default-ignorable character
 * removed, runs of spaces collapsed, and common look-alike letters of other scripts folded to Latin.
 * "Ana", "ANA", "Ａｎａ", "Ana" + U+200B and "Аna" (Cyrillic А) all share one skeleton; accents and the
 * vowel signs of other scripts are kept, because they show.
 */
export function nicknameKey(nickname: string): string {
	// Upper then lower folds more pairs than lower alone (e.g. the German sharp s, final sigma).
	const folded = nickname.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
	let key = '';
	for (const ch of folded) {
		if (IGNORABLE.test(ch)) continue;
		key += LOOK_ALIKES.get(ch) ?? ch;
	}
	return key.replace(/\s+/gu, ' ').trim();
}
