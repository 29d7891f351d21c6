/**
 * The scenario format, as valibot schemas. Everything under `questions/` is untrusted input written by
 * trainers; these schemas are the single description of what a valid file looks like. Objects are strict
 * so that a misspelt field name is reported instead of silently ignored.
 */
import * as v from 'valibot';
import { IdSchema } from './id';

/** Funnel stages in the order a drainage script moves through them. */
export const STAGES = ['contact', 'trust', 'private', 'small-win', 'big-loss'] as const;
export type Stage = (typeof STAGES)[number];

/** Channels a script step can arrive on; each has its own mock-up in the scenario player. */
export const CHANNELS = [
	'call',
	'sms',
	'wechat',
	'wechat-group',
	'qq-group',
	'job-ad',
	'dating-chat',
	'app',
	'email',
	'public-account',
	'in-person'
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who a step comes from: the lure's main voice, the learner, another member of a group, or an app/system. */
export const SENDERS = ['them', 'you', 'member', 'system'] as const;
export type Sender = (typeof SENDERS)[number];

export const VERDICTS = ['scam', 'legitimate'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** kebab-case ids keep question ids stable and URL-safe (the rule lives in ./id, shared with the browser). */
export { IdSchema };

/** Longest text a field may hold: a script line, an option or an explanation, never a document. */
export const MAX_TEXT_LENGTH = 1000;

/** One language of a text field; `what` names the language in the messages authors read. */
function languageText(what: 'Chinese' | 'English') {
	return v.pipe(
		v.string((issue) =>
			issue.received === 'undefined' ? `missing ${what} text` : `${what} text must be text`
		),
		v.trim(),
		v.minLength(1, `missing ${what} text`),
		v.check(
			(value) => unmatchedQuote(value) === null,
			(issue) =>
				`${what} text has an unmatched ${unmatchedQuote(String(issue.input))} (a stray quote mark?)`
		),
		v.maxLength(
			MAX_TEXT_LENGTH,
			(issue) =>
				`${what} text is ${issue.received} characters long; at most ${MAX_TEXT_LENGTH.toLocaleString('en')} are allowed`
		)
	);
}

/** Quote and bracket pairs a text must open and close alike: Chinese quotes, titles, brackets. */
const PAIRS: [string, string][] = [
	['“', '”'],
	['「', '」'],
	['《', '》'],
	['【', '】']
];

/**
 * The quote mark a text leaves unmatched, or null: an odd number of `"`, a text that opens with a `'` it
 * never closes (a leftover of YAML quoting, as in `'"Recommended stocks" friend request`), or an unpaired
 * Chinese quote or bracket.
 */
export function unmatchedQuote(text: string): string | null {
	const count = (ch: string) => text.split(ch).length - 1;
	if (count('"') % 2 === 1) return '"';
	if (text.startsWith("'") && count("'") % 2 === 1) return "'";
	for (const [open, close] of PAIRS) if (count(open) !== count(close)) return `${open}${close}`;
	return null;
}

/**
 * A text field: `{ zh, en }`, Simplified Chinese and English, both required. A bare string is refused so
 * that a half-translated bank cannot ship; each missing language is reported at its own path.
 */
export const LocalTextSchema = v.strictObject(
	{ zh: languageText('Chinese'), en: languageText('English') },
	'must be { zh, en } (both languages)'
);
export interface LocalText {
	zh: string;
	en: string;
}

/** Longest source URL accepted. */
export const MAX_URL_LENGTH = 500;

/**
 * A source URL: https only, so that a source can never become a `javascript:`, `data:` or plain-http link.
 * Whether its publisher is listed in `sources.yaml` is checked against the bank.
 */
export const SourceUrlSchema = v.pipe(
	v.string('must be a URL'),
	v.maxLength(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`),
	v.check(
		(value) => sourceUrlProblem(value) === null,
		(issue) => sourceUrlProblem(String(issue.input)) ?? 'must be an https:// URL'
	)
);

/** Why `value` cannot be a source link, or null when it is a plain https URL. */
export function sourceUrlProblem(value: string): string | null {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'must be a full https:// URL';
	}
	if (url.protocol !== 'https:')
		return `must be an https:// URL (a "${url.protocol}" link is not allowed)`;
	if (!url.hostname) return 'must be a full https:// URL with a host';
	if (url.username || url.password) return 'must not hold a user name or password';
	return null;
}

/** One entry of `questions/red-flags.yaml`. */
export const RedFlagSchema = v.strictObject({
	id: IdSchema,
	name: LocalTextSchema,
	explain: LocalTextSchema,
	safe_action: LocalTextSchema,
	/** A decisive flag alone proves a scam: a legitimate twin may never show one. */
	decisive: v.boolean('must be true or false')
});

/** One entry of `questions/lures.yaml`. */
export const LureSchema = v.strictObject({
	id: IdSchema,
	name: LocalTextSchema,
	explain: LocalTextSchema,
	safe_action: LocalTextSchema
});

/** One entry of `questions/cases.yaml`: the ten seed cases the bank is drawn from. */
export const CaseSchema = v.strictObject({
	id: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1)),
	title: LocalTextSchema,
	summary: LocalTextSchema
});

/** Kinds of publisher a scenario may cite (see `questions/sources.yaml`). */
export const PUBLISHER_KINDS = [
	'police',
	'government',
	'regulator',
	'exchange',
	'industry-body',
	'court',
	'procuratorate',
	'legislature',
	'state-media',
	'major-media',
	'company',
	'foreign-regulator'
] as const;
export type PublisherKind = (typeof PUBLISHER_KINDS)[number];

/** One entry of `questions/sources.yaml`: a publisher whose pages a scenario may cite. */
export const PublisherSchema = v.strictObject({
	host: v.pipe(
		v.string('must be a host name'),
		v.toLowerCase(),
		v.regex(
			/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/,
			'must be a host name like "mps.gov.cn" (no scheme, path or port)'
		)
	),
	name: LocalTextSchema,
	kind: v.picklist(PUBLISHER_KINDS, `must be one of: ${PUBLISHER_KINDS.join(', ')}`)
});
export type Publisher = v.InferOutput<typeof PublisherSchema>;

export const PublisherListSchema = v.pipe(
	v.array(PublisherSchema, 'must be a list of publishers'),
	v.minLength(1, 'must list at least one publisher')
);

/** A list of words or phrases per language, for the cue audit. */
const PhraseListSchema = v.strictObject({
	zh: v.pipe(
		v.array(v.pipe(v.string('must be text'), v.trim(), v.minLength(1, 'must not be empty'))),
		v.minLength(1, 'must list at least one phrase')
	),
	en: v.pipe(
		v.array(
			v.pipe(
				v.string('must be text'),
				v.trim(),
				v.minLength(1, 'must not be empty'),
				v.toLowerCase()
			)
		),
		v.minLength(1, 'must list at least one phrase')
	)
});

/** `questions/cues.yaml`: the words the cue audit's strategies look for. */
export const CueListsSchema = v.strictObject({
	action_words: PhraseListSchema,
	self_certifying: PhraseListSchema
});
export type CueLists = v.InferOutput<typeof CueListsSchema>;

export const RedFlagListSchema = v.pipe(
	v.array(RedFlagSchema, 'must be a list of red flags'),
	v.minLength(1, 'must list at least one red flag')
);
export const LureListSchema = v.pipe(
	v.array(LureSchema, 'must be a list of lure types'),
	v.minLength(1, 'must list at least one lure type')
);
export const CaseListSchema = v.pipe(
	v.array(CaseSchema, 'must be a list of cases'),
	v.minLength(1, 'must list at least one case')
);

const StepSchema = v.strictObject({
	from: v.picklist(SENDERS, `must be one of: ${SENDERS.join(', ')}`),
	speaker: v.optional(LocalTextSchema),
	channel: v.picklist(CHANNELS, `must be one of: ${CHANNELS.join(', ')}`),
	text: LocalTextSchema,
	flags: v.optional(v.array(IdSchema, 'must be a list of red-flag ids'), []),
	stage: v.picklist(STAGES, `must be one of: ${STAGES.join(', ')}`)
});

const OptionSchema = v.strictObject({
	text: LocalTextSchema,
	safe: v.boolean('must be true or false'),
	outcome: LocalTextSchema
});

const DecisionSchema = v.strictObject({
	id: IdSchema,
	/** 1-based number of the last script step the learner has seen when asked. */
	after_step: v.pipe(v.number('must be a step number'), v.integer('must be a whole number')),
	prompt: LocalTextSchema,
	options: v.pipe(
		v.array(OptionSchema, 'must be a list of options'),
		v.minLength(2, 'must offer at least 2 options'),
		// Number keys 1–4 answer a question; more options would not fit a phone screen either.
		v.maxLength(4, 'must offer at most 4 options')
	)
});

/** One scenario file in `questions/scenarios/`. */
export const ScenarioSchema = v.strictObject({
	id: IdSchema,
	title: LocalTextSchema,
	lure: IdSchema,
	verdict: v.picklist(VERDICTS, 'must be "scam" or "legitimate"'),
	case: v.nullable(
		v.pipe(v.number('must be a case number or null'), v.integer('must be a whole number'))
	),
	channels: v.pipe(
		v.array(v.picklist(CHANNELS, `must be one of: ${CHANNELS.join(', ')}`)),
		v.minLength(1, 'must list at least one channel')
	),
	persona: v.strictObject({
		name: LocalTextSchema,
		claims: LocalTextSchema
	}),
	steps: v.pipe(
		v.array(StepSchema, 'must be a list of script steps'),
		v.minLength(2, 'must have at least 2 steps'),
		v.maxLength(12, 'must have at most 12 steps (split a longer script)')
	),
	decisions: v.pipe(
		v.array(DecisionSchema, 'must be a list of decision points'),
		v.minLength(1, 'must have at least one decision point')
	),
	safe_actions: v.pipe(
		v.array(LocalTextSchema, 'must be a list of safe actions'),
		v.minLength(1, 'must list at least one safe action')
	),
	explanation: LocalTextSchema,
	sources: v.pipe(
		v.array(SourceUrlSchema, 'must be a list of URLs'),
		v.minLength(1, 'must cite at least one source')
	)
});

export type RedFlag = v.InferOutput<typeof RedFlagSchema>;
export type Lure = v.InferOutput<typeof LureSchema>;
export type SeedCase = v.InferOutput<typeof CaseSchema>;
export type Scenario = v.InferOutput<typeof ScenarioSchema>;
/**
 * A scenario as a drill shows and grades it: without what only the library shows (the seed case, the
 * channels' list, the persona, the sources), which the drill's scenario files leave out. A whole
 * scenario is one too.
 */
export type DrillScenario = Omit<Scenario, 'case' | 'channels' | 'persona' | 'sources'>;
export type Step = Scenario['steps'][number];
export type Decision = Scenario['decisions'][number];
export type DecisionOption = Decision['options'][number];

/** The checked, immutable scenario bank every other part of the app reads. */
export interface Bank {
	redFlags: readonly RedFlag[];
	lures: readonly Lure[];
	cases: readonly SeedCase[];
	scenarios: readonly Scenario[];
	/** Matched check forms (`forms.yaml`), when the bank has them: ids and their scenario ids. */
	forms?: readonly { id: string; scenarios: readonly string[] }[];
}
