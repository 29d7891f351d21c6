/**
 * What clients see of a room: the host's and a player's views, tallies, reveals, the team report, and the
 * messages each session event sends to whom. Pure functions of the catalog and the machine's snapshot, so
 * replaying a room's events after a restart gives the same messages as the first time.
 */
import { roomChecks, type LuredAnswer, type PlayerChecks } from '$lib/checks/room';
import { percentRow, teamReport } from '$lib/live/report';
import type { Catalog } from '$lib/quiz/catalog';
import { questionOf } from '$lib/quiz/catalog';
import { choicesOf, grade, isMultiSelect } from '$lib/quiz/grade';
import { shownChoices } from '$lib/quiz/order';
import type {
	CheckInfo,
	CheckProgress,
	CheckReply,
	CheckStage,
	HostView,
	LiveEventMap,
	LiveEventName,
	LiveQuestion,
	PhaseUpdate,
	PlayerResult,
	PlayerSummary,
	PlayerView,
	Report,
	Reveal,
	Tally
} from '$lib/live/protocol';
import {
	checkStageOf,
	phaseOf,
	type LivePlayer,
	type SessionContext,
	type SessionEvent,
	type SessionSnapshot
} from './session-machine';

/** How many names the leaderboards show. */
export const LEADERBOARD_SIZE = 10;

/** Who a message is for. */
export type Audience = { to: 'all' } | { to: 'host' } | { to: 'player'; id: string };

/** One server-sent message, before it is written to the streams it is for. */
export type Outgoing = {
	[K in LiveEventName]: { audience: Audience; event: K; data: LiveEventMap[K] };
}[LiveEventName];

function message<K extends LiveEventName>(
	audience: Audience,
	event: K,
	data: LiveEventMap[K]
): Outgoing {
	return { audience, event, data } as Outgoing;
}

/**
 * A question as clients see it while it is open: no answer in it. `choices` are in the order to show them
 * (a decide question's options shuffled by the room's seed); tallies and answers name choices by identity.
 */
export function liveQuestion(
	catalog: Catalog,
	context: SessionContext,
	index: number
): LiveQuestion {
	const q = questionOf(catalog, context.questionIds[index] ?? '');
	const view: LiveQuestion = {
		index,
		id: q.id,
		kind: q.kind,
		scenarioId: q.scenarioId,
		visibleSteps: q.visibleSteps,
		choices: shownChoices(q, context.seed),
		multi: isMultiSelect(q)
	};
	if (q.kind === 'decide') {
		view.prompt = q.prompt;
		view.options = q.options.map((o) => o.text);
	}
	return view;
}

/** The tally of question `index` (null before it opens). */
export function tallyOf(catalog: Catalog, context: SessionContext, index: number): Tally | null {
	const book = context.answers[index];
	const counts = context.counts[index];
	if (!book || !counts) return null;
	const q = questionOf(catalog, context.questionIds[index] ?? '');
	return {
		questionIndex: index,
		choices: [...choicesOf(q)],
		counts: [...counts],
		answered: book.size,
		players: context.playerIds.length
	};
}

/** The open check's form and items, or null outside a check. */
export function checkInfo(snapshot: SessionSnapshot): CheckInfo | null {
	const stage = checkStageOf(snapshot);
	const check = stage ? snapshot.context.checks[stage] : null;
	return stage && check ? { stage, form: check.form, items: [...check.items] } : null;
}

/** How far the room is with the open check: counts only. */
export function checkProgressOf(snapshot: SessionSnapshot): CheckProgress | null {
	const stage = checkStageOf(snapshot);
	const c = snapshot.context;
	const check = stage ? c.checks[stage] : null;
	if (!stage || !check) return null;
	return {
		stage,
		items: check.items.length,
		answers: check.count,
		started: check.answers.size,
		finished: check.finished,
		players: c.playerIds.length
	};
}

/** One player's answers to a check, by item (null where not answered). */
export function checkRepliesOf(
	context: SessionContext,
	stage: CheckStage,
	playerId: string
): (CheckReply | null)[] | null {
	const check = context.checks[stage];
	if (!check) return null;
	const row = check.answers.get(playerId);
	return check.items.map((_, item) => {
		const e = row?.[item];
		return e ? { stage, item, said: e.said, confidence: e.confidence, at: e.at } : null;
	});
}

/**
 * The room's before → after, from each player's answers to the checks the session had (pairing is by
 * player, and a player is who holds the token: a phone that rejoins with it is the same player).
 */
export function checkReport(catalog: Catalog, context: SessionContext) {
	const { pre, post } = context.checks;
	if (!pre && !post) return undefined;
	const answers = (check: typeof pre, playerId: string): LuredAnswer[] | null => {
		const row = check?.answers.get(playerId);
		if (!check || !row) return null;
		return row.flatMap((e, item) => {
			const s = catalog.scenario.get(check.items[item] ?? '');
			return e && s
				? [{ truth: s.verdict, said: e.said, confidence: e.confidence, lure: s.lure }]
				: [];
		});
	};
	const players: PlayerChecks[] = context.playerIds.map((id) => ({
		pre: answers(pre, id),
		post: answers(post, id)
	}));
	return roomChecks(players, { pre: pre !== null, post: post !== null });
}

/** The phase, question and deadline every client is shown. */
export function phaseUpdate(catalog: Catalog, snapshot: SessionSnapshot, at: number): PhaseUpdate {
	const c = snapshot.context;
	const phase = phaseOf(snapshot);
	return {
		phase,
		questionIndex: c.index,
		questionCount: c.questionIds.length,
		question:
			// No question during a check: the after-check follows the last one, which is over.
			c.index >= 0 && phase !== 'report' && phase !== 'lobby' && phase !== 'check'
				? liveQuestion(catalog, c, c.index)
				: null,
		deadline: phase === 'open' ? c.deadline : null,
		check: checkInfo(snapshot),
		at
	};
}

function summary(p: LivePlayer): PlayerSummary {
	return { id: p.id, nickname: p.nickname, score: p.score };
}

/** Top scores, ties in join order; empty in anonymous rooms (nobody is ranked by name there). */
export function leaderboard(context: SessionContext, size = LEADERBOARD_SIZE): PlayerSummary[] {
	if (context.options.names === 'anonymous') return [];
	return context.playerIds
		.map((id, order) => ({ p: context.players.get(id), order }))
		.filter((x): x is { p: LivePlayer; order: number } => x.p !== undefined)
		.sort((a, b) => b.p.score - a.p.score || a.order - b.order)
		.slice(0, size)
		.map((x) => summary(x.p));
}

/** The reveal of question `index`: the right answer, the final tally and the share who got it right. */
export function revealOf(catalog: Catalog, context: SessionContext, index: number): Reveal | null {
	const tally = tallyOf(catalog, context, index);
	const book = context.answers[index];
	if (!tally || !book) return null;
	const q = questionOf(catalog, context.questionIds[index] ?? '');
	const answers = [...book.values()];
	return {
		questionIndex: index,
		expected: grade(q, []).expected,
		tally,
		percentCorrect: percentRow(answers.length, answers.filter((a) => a.correct).length).percent,
		leaderboard: leaderboard(context)
	};
}

/** A player's own result for question `index`. */
export function resultOf(context: SessionContext, index: number, playerId: string): PlayerResult {
	const answer = context.answers[index]?.get(playerId);
	return {
		questionIndex: index,
		selection: answer ? [...answer.selection] : null,
		correct: answer?.correct ?? false,
		points: answer?.points ?? 0,
		score: context.players.get(playerId)?.score ?? 0
	};
}

/** Every player's rank (1 = best; ties share the better rank), computed in one sort. */
export function ranks(context: SessionContext): Map<string, number> {
	const scores = context.playerIds
		.map((id) => context.players.get(id)?.score ?? 0)
		.sort((a, b) => b - a);
	const rankOfScore = new Map<number, number>();
	scores.forEach((s, i) => {
		if (!rankOfScore.has(s)) rankOfScore.set(s, i + 1);
	});
	return new Map(
		context.playerIds.map((id) => [id, rankOfScore.get(context.players.get(id)?.score ?? 0) ?? 1])
	);
}

/** The team report: per question, per red flag, per lure type, and the most-missed scenarios. */
export function buildReport(catalog: Catalog, context: SessionContext): Report {
	const rounds = context.answers.flatMap((book, index) => {
		if (!book) return [];
		const answers = [...book.values()];
		return [
			{
				index,
				questionId: context.questionIds[index] ?? '',
				answers: answers.length,
				correct: answers.filter((a) => a.correct).length,
				unanswered: Math.max(0, context.playerIds.length - answers.length)
			}
		];
	});
	const report = teamReport(
		catalog,
		context.code,
		context.playerIds.length,
		rounds,
		leaderboard(context)
	);
	const checks = checkReport(catalog, context);
	return checks ? { ...report, checks } : report;
}

/** The host's full view. */
export function hostView(
	catalog: Catalog,
	snapshot: SessionSnapshot,
	seq: number,
	at: number
): HostView {
	const c = snapshot.context;
	const phase = phaseOf(snapshot);
	const shown = phase === 'reveal' || phase === 'discussion';
	return {
		role: 'host',
		code: c.code,
		seq,
		options: c.options,
		questionIds: [...c.questionIds],
		...phaseUpdate(catalog, snapshot, at),
		players: c.playerIds.flatMap((id) => {
			const p = c.players.get(id);
			return p ? [summary(p)] : [];
		}),
		tally: c.index >= 0 && phase !== 'report' ? tallyOf(catalog, c, c.index) : null,
		reveal: shown ? revealOf(catalog, c, c.index) : null,
		report: phase === 'report' ? buildReport(catalog, c) : null,
		checkProgress: checkProgressOf(snapshot)
	};
}

/** One player's full view. */
export function playerView(
	catalog: Catalog,
	snapshot: SessionSnapshot,
	playerId: string,
	seq: number,
	at: number
): PlayerView {
	const c = snapshot.context;
	const phase = phaseOf(snapshot);
	const shown = phase === 'reveal' || phase === 'discussion';
	const p = c.players.get(playerId);
	const answer = c.index >= 0 ? c.answers[c.index]?.get(playerId) : undefined;
	return {
		role: 'player',
		code: c.code,
		seq,
		...phaseUpdate(catalog, snapshot, at),
		me: p ? summary(p) : { id: playerId, nickname: '', score: 0 },
		answer: answer ? [...answer.selection] : null,
		reveal: shown ? revealOf(catalog, c, c.index) : null,
		result: shown ? resultOf(c, c.index, playerId) : null,
		players: c.playerIds.length,
		final:
			phase === 'report'
				? {
						score: p?.score ?? 0,
						rank: ranks(c).get(playerId) ?? c.playerIds.length,
						players: c.playerIds.length
					}
				: null,
		checkAnswers: phase === 'check' ? checkRepliesOf(c, checkStageOf(snapshot)!, playerId) : null
	};
}

/**
 * The messages one applied event sends. Tallies are not here: the registry coalesces them, because 2,000
 * answers a question would otherwise mean 2,000 host updates.
 */
export function messagesFor(
	catalog: Catalog,
	event: SessionEvent,
	after: SessionSnapshot
): Outgoing[] {
	const c = after.context;
	const all: Audience = { to: 'all' };
	const host: Audience = { to: 'host' };
	switch (event.type) {
		case 'system.create':
			return [];
		case 'player.join': {
			const p = c.players.get(event.playerId);
			return p
				? [message(host, 'player-joined', { player: summary(p), players: c.playerIds.length })]
				: [];
		}
		case 'player.check':
			return [
				message({ to: 'player', id: event.playerId }, 'check-answered', {
					stage: event.stage,
					item: event.item,
					said: event.said,
					confidence: event.confidence,
					at: event.at
				})
			];
		case 'player.answer':
			return [
				message({ to: 'player', id: event.playerId }, 'answered', {
					questionIndex: event.questionIndex,
					selection: [...event.selection],
					at: event.at
				})
			];
		default:
			break;
	}
	const out: Outgoing[] = [message(all, 'phase', phaseUpdate(catalog, after, event.at))];
	const phase = phaseOf(after);
	if (phase === 'check') {
		// The host's count of the check starts at what it is (nothing yet, or a resumed room's).
		const progress = checkProgressOf(after);
		if (progress) out.push(message(host, 'check-progress', progress));
	}
	if (phase === 'closed') {
		const tally = tallyOf(catalog, c, c.index);
		if (tally) out.push(message(host, 'tally', tally));
	}
	if (phase === 'reveal' && event.type === 'host.reveal') {
		const reveal = revealOf(catalog, c, c.index);
		if (reveal) out.push(message(all, 'reveal', reveal));
		for (const id of c.playerIds)
			out.push(message({ to: 'player', id }, 'result', resultOf(c, c.index, id)));
	}
	if (phase === 'report') {
		out.push(message(host, 'report', buildReport(catalog, c)));
		const players = c.playerIds.length;
		const rank = ranks(c);
		for (const id of c.playerIds)
			out.push(
				message({ to: 'player', id }, 'final', {
					score: c.players.get(id)?.score ?? 0,
					rank: rank.get(id) ?? players,
					players
				})
			);
	}
	return out;
}
