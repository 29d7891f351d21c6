/**
 * Presentation logic for lure scripts, kept out of the components: splitting a script into runs on one
 * channel (each run is drawn as one phone screen), and stable avatar colours for group members.
 */
import type { Channel, LocalText, DrillScenario, Step } from './schema';

/** Consecutive steps on one channel, with their 0-based positions in the script. */
export interface ScriptRun {
	channel: Channel;
	steps: { index: number; step: Step }[];
}

/** Splits the first `visible` steps of a script into runs of consecutive steps on the same channel. */
export function scriptRuns(scenario: DrillScenario, visible = scenario.steps.length): ScriptRun[] {
	const runs: ScriptRun[] = [];
	scenario.steps.slice(0, visible).forEach((step, index) => {
		const last = runs.at(-1);
		if (last && last.channel === step.channel) last.steps.push({ index, step });
		else runs.push({ channel: step.channel, steps: [{ index, step }] });
	});
	return runs;
}

/** Channels drawn as a conversation among several people, where each speaker needs a name and avatar. */
export function isGroupChannel(channel: Channel): boolean {
	return channel === 'wechat-group' || channel === 'qq-group';
}

/** Channels drawn as a transcript (a call, a conversation in person), where every line names its speaker. */
export function isSpokenChannel(channel: Channel): boolean {
	return channel === 'call' || channel === 'in-person';
}

/** The other side of a one-to-one run: the first named speaker who is not the learner. */
export function partnerOf(run: ScriptRun): Step['speaker'] {
	return run.steps.find(({ step }) => step.from !== 'you' && step.speaker)?.step.speaker;
}

/**
 * Whether a step is drawn with its speaker's name: always in groups and transcripts; in a one-to-one chat
 * only when someone other than the chat's partner speaks (a "teacher" brought into a private chat, an
 * app notice), so that a third person's message never sits unnamed under the partner's header.
 */
export function namesSpeaker(run: ScriptRun, step: Step): boolean {
	if (step.from === 'you' || !step.speaker) return false;
	if (isGroupChannel(run.channel) || isSpokenChannel(run.channel)) return true;
	const partner = partnerOf(run);
	return !partner || speakerKey(partner) !== speakerKey(step.speaker);
}

/**
 * Who a speaker is, the same in either language: their English name, or their Chinese one in a scenario
 * fetched in Chinese only (see `$lib/i18n/text-languages`).
 */
function speakerKey(speaker: LocalText): string {
	return (speaker as Partial<LocalText>).en ?? speaker.zh;
}

/** Distinct speakers of a run (shown in a group's header as its member count). */
export function speakersIn(run: ScriptRun): string[] {
	return [
		...new Set(run.steps.flatMap(({ step }) => (step.speaker ? [speakerKey(step.speaker)] : [])))
	];
}

/** First visible letter of a name, for an avatar. */
export function initial(name: string): string {
	const match = /[\p{L}\p{N}]/u.exec(name);
	return match ? match[0].toUpperCase() : '?';
}

/** Number of avatar palette entries in app.css (`--avatar-0` … `--avatar-5`). */
const PALETTE = 6;

/** A stable palette slot for a name, so the same member keeps the same colour on every screen. */
export function avatarSlot(name: string): number {
	let hash = 0;
	for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
	return hash % PALETTE;
}
