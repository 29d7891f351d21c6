/**
 * The team report, built the same way for a live room (answers from phones) and for presenter mode (the
 * room's answer, or hands counted per option): per question, per red flag, per lure type, and the
 * most-missed scenarios. Pure; shared by server and browser.
 */
import { MIN_PAIRED, type RoomCheckReport, type StageSummary } from '$lib/checks/room';
import { wilson, type ChangeCode, type Estimate } from '$lib/checks/sdt';
import type { Bar } from '$lib/components/chart';
import { m, localText, kindHeading } from '$lib/i18n';
import { questionOf, scenarioOf, type Catalog } from '$lib/quiz/catalog';
import type { PercentRow, PlayerSummary, Report } from './protocol';

/** One asked question: how many answers it got and how many were right. */
export interface Round {
	index: number;
	questionId: string;
	answers: number;
	correct: number;
	/** People present who did not answer (counted as missed in the per-question row). */
	unanswered: number;
	/** Presenter mode: the room answered as one (no hands counted). */
	room?: boolean;
}

/** A percentage row; 0 of 0 is 0 %. */
export function percentRow(answers: number, correct: number): PercentRow {
	return { answers, correct, percent: answers === 0 ? 0 : Math.round((100 * correct) / answers) };
}

type Counts = Map<string, { answers: number; correct: number }>;

function bump(m: Counts, key: string, answers: number, correct: number): void {
	const row = m.get(key) ?? { answers: 0, correct: 0 };
	row.answers += answers;
	row.correct += correct;
	m.set(key, row);
}

function rows<K extends string>(m: Counts, key: K): (PercentRow & Record<K, string>)[] {
	return [...m].map(
		([id, r]) =>
			({ [key]: id, ...percentRow(r.answers, r.correct) }) as PercentRow & Record<K, string>
	);
}

/** Builds the report from the rounds played. */
export function teamReport(
	catalog: Catalog,
	code: string,
	players: number,
	rounds: readonly Round[],
	leaderboard: PlayerSummary[] = []
): Report {
	const flags: Counts = new Map();
	const lures: Counts = new Map();
	const scenarios: Counts = new Map();
	const questions: Report['questions'] = [];
	const missedQuestionIds: string[] = [];
	for (const round of rounds) {
		const q = questionOf(catalog, round.questionId);
		const s = scenarioOf(catalog, q);
		const { answers: n, correct: ok } = round;
		questions.push({
			index: round.index,
			questionId: q.id,
			scenarioId: q.scenarioId,
			kind: q.kind,
			...percentRow(n, ok),
			unanswered: round.unanswered,
			...(round.room ? { room: true } : {})
		});
		if (ok < n) missedQuestionIds.push(q.id);
		// A question tests the red flags of the script steps it shows.
		const shown = new Set(s.steps.slice(0, q.visibleSteps).flatMap((step) => step.flags));
		for (const f of shown) bump(flags, f, n, ok);
		bump(lures, s.lure, n, ok);
		bump(scenarios, s.id, n, ok);
	}
	return {
		code,
		players,
		questions,
		redFlags: rows(flags, 'flag').sort((a, b) => a.percent - b.percent),
		lures: rows(lures, 'lure').sort((a, b) => a.percent - b.percent),
		mostMissed: rows(scenarios, 'scenarioId')
			.map((r) => ({ ...r, missed: r.answers - r.correct }))
			.filter((r) => r.missed > 0)
			.sort((a, b) => b.missed / b.answers - a.missed / a.answers || b.missed - a.missed)
			.slice(0, 5),
		missedQuestionIds,
		leaderboard
	};
}

/** The report as CSV (one section per table), for spreadsheets. */
export function reportCsv(catalog: Catalog, report: Report): string {
	const cell = (v: string | number) => {
		const text = String(v);
		// Quote every text cell; a leading = + - @ would be run as a formula by spreadsheets.
		return typeof v === 'number'
			? text
			: `"${text.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"`;
	};
	const line = (...cells: (string | number)[]) => cells.map(cell).join(',');
	const scenarioTitle = (id: string) => {
		const s = catalog.scenario.get(id);
		return s ? localText(s.title) : id;
	};
	const out = [
		line(
			m.csv_question(),
			m.csv_scenario(),
			m.csv_kind(),
			m.csv_answers(),
			m.csv_correct(),
			m.csv_percent()
		),
		...report.questions.map((r) =>
			line(
				r.index + 1,
				scenarioTitle(r.scenarioId),
				kindHeading(r.kind),
				r.answers,
				r.correct,
				r.percent
			)
		),
		'',
		line(m.csv_redFlag(), m.csv_answers(), m.csv_correct(), m.csv_percent()),
		...report.redFlags.map((r) =>
			line(localText(catalog.flag.get(r.flag)?.name) || r.flag, r.answers, r.correct, r.percent)
		),
		'',
		line(m.csv_lureType(), m.csv_answers(), m.csv_correct(), m.csv_percent()),
		...report.lures.map((r) =>
			line(
				localText(catalog.bank.lures.find((l) => l.id === r.lure)?.name) || r.lure,
				r.answers,
				r.correct,
				r.percent
			)
		),
		'',
		line(m.csv_mostMissed(), m.csv_answers(), m.csv_missed(), m.csv_percent()),
		...report.mostMissed.map((r) =>
			line(scenarioTitle(r.scenarioId), r.answers, r.missed, r.percent)
		),
		...(report.checks ? ['', ...checkCsv(catalog, report.checks, line)] : [])
	];
	return out.join('\r\n') + '\r\n';
}

/** A share as a whole percentage, or empty. */
const pct = (x: number | null | undefined) =>
	x === null || x === undefined ? '' : Math.round(100 * x);
/** A score to two decimals, or empty. */
const fixed = (x: number | null | undefined) =>
	x === null || x === undefined ? '' : Math.round(100 * x) / 100;

/** The check sections of the CSV: one row per check, per lure type, and each player's change in d′. */
function checkCsv(
	catalog: Catalog,
	checks: RoomCheckReport,
	line: (...cells: (string | number)[]) => string
): string[] {
	const stage = (name: string, s: StageSummary | null) => {
		if (!s) return line(name);
		const sure = s.calibration.sure;
		const unsure = s.calibration.unsure;
		return line(
			name,
			s.players,
			s.answers,
			pct(s.hitRate?.value),
			pct(s.hitRate?.low),
			pct(s.hitRate?.high),
			pct(s.falseAlarmRate?.value),
			pct(s.falseAlarmRate?.low),
			pct(s.falseAlarmRate?.high),
			fixed(s.dPrime?.value),
			fixed(s.c?.value),
			sure.total ? pct(sure.right / sure.total) : '',
			unsure.total ? pct(unsure.right / unsure.total) : '',
			fixed(s.calibration.brier)
		);
	};
	return [
		line(m.csv_check_verdict(), checkVerdictText(checks)),
		line(
			m.csv_check_stage(),
			m.csv_check_players(),
			m.csv_answers(),
			m.csv_check_hitRate(),
			m.csv_check_hitLow(),
			m.csv_check_hitHigh(),
			m.csv_check_faRate(),
			m.csv_check_faLow(),
			m.csv_check_faHigh(),
			m.csv_check_dPrime(),
			m.csv_check_bias(),
			m.csv_check_sureRight(),
			m.csv_check_unsureRight(),
			m.csv_check_brier()
		),
		stage(m.room_check_before(), checks.pre),
		stage(m.room_check_after(), checks.post),
		'',
		line(
			m.csv_lureType(),
			m.csv_check_beforePct(),
			m.csv_check_beforeN(),
			m.csv_check_afterPct(),
			m.csv_check_afterN()
		),
		...checks.lures.map((l) =>
			line(
				localText(catalog.bank.lures.find((x) => x.id === l.lure)?.name) || l.lure,
				pct(l.pre?.value),
				l.preAnswers,
				pct(l.post?.value),
				l.postAnswers
			)
		),
		...(checks.changes.length > 0
			? ['', line(m.csv_check_change()), ...checks.changes.map((x) => line(fixed(x)))]
			: [])
	];
}

/** The room's before → after in plain words, from its change code. */
export function checkVerdictText(checks: Pick<RoomCheckReport, 'verdict' | 'source'>): string {
	const code: ChangeCode = checks.verdict;
	switch (code) {
		case 'sharper':
			return m.room_check_verdict_sharper();
		case 'duller':
			return m.room_check_verdict_duller();
		case 'more-suspicious':
			return m.room_check_verdict_more_suspicious();
		case 'more-trusting':
			return m.room_check_verdict_more_trusting();
		case 'no-clear-change':
			return m.room_check_verdict_no_clear_change();
		case 'too-few':
			return checks.source === 'hands'
				? m.room_check_tooFewHands()
				: m.room_check_verdict_too_few({ min: MIN_PAIRED });
	}
}

/** A share with its interval and count ("62% of 48 (likely 48–75%)"), or why there is none. */
export function checkRateText(estimate: Estimate | null, answers: number): string {
	if (!estimate || answers === 0) return m.room_check_none();
	return m.room_check_rate({
		p: Math.round(100 * estimate.value),
		n: answers,
		low: Math.round(100 * estimate.low),
		high: Math.round(100 * estimate.high)
	});
}

/** The rows of the before/after table: label, then the text before and after. */
export function checkRateRows(checks: RoomCheckReport): { label: string; cells: string[] }[] {
	const stages = [checks.pre, checks.post];
	const cell = (s: StageSummary | null, pick: (s: StageSummary) => [Estimate | null, number]) => {
		if (!s) return m.room_check_notRun();
		const [e, n] = pick(s);
		return checkRateText(e, n);
	};
	const calib =
		(k: 'sure' | 'unsure') =>
		(s: StageSummary): [Estimate | null, number] => {
			const c = s.calibration[k];
			return [wilson(c.right, c.total), c.total];
		};
	return [
		{
			label: m.room_check_hitRate(),
			cells: stages.map((s) => cell(s, (x) => [x.hitRate, x.scams]))
		},
		{
			label: m.room_check_falseAlarmRate(),
			cells: stages.map((s) => cell(s, (x) => [x.falseAlarmRate, x.answers - x.scams]))
		},
		{ label: m.room_check_sureRight(), cells: stages.map((s) => cell(s, calib('sure'))) },
		{ label: m.room_check_unsureRight(), cells: stages.map((s) => cell(s, calib('unsure'))) }
	];
}

/** A percentage bar of the report's charts; `questions` when the row counts questions, not answers. */
function percentBar(label: string, row: PercentRow, questions = false): Bar {
	const figures = { p: row.percent, correct: row.correct, answers: row.answers };
	return {
		label,
		value: row.percent,
		max: 100,
		text:
			row.answers === 0
				? m.report_notAnswered()
				: questions
					? m.report_percentQuestions(figures)
					: m.report_percentRow(figures),
		// One colour rule across the app: right answers are a good outcome, so green at any percentage.
		tone: 'good'
	};
}

/** The report's three charts: per question, per red flag, per lure type. */
export function reportBars(
	catalog: Catalog,
	report: Report
): { questions: Bar[]; flags: Bar[]; lures: Bar[] } {
	const title = (id: string) => {
		const s = catalog.scenario.get(id);
		return s ? localText(s.title) : id;
	};
	return {
		questions: report.questions.map((r) => {
			const bar = percentBar(`${r.index + 1}. ${title(r.scenarioId)} · ${kindHeading(r.kind)}`, r);
			// The room's one answer is right or wrong; "0 of 1" would read as one person.
			if (r.room) bar.text = r.correct > 0 ? m.report_roomRight() : m.report_roomWrong();
			return bar;
		}),
		// A presenter report counts these by question (see presenterReport), and says so.
		flags: report.redFlags.map((r) => {
			const f = catalog.flag.get(r.flag);
			return percentBar(f ? localText(f.name) : r.flag, r, !!report.presenter);
		}),
		lures: report.lures.map((r) => {
			const l = catalog.bank.lures.find((x) => x.id === r.lure);
			return percentBar(l ? localText(l.name) : r.lure, r, !!report.presenter);
		})
	};
}
