/**
 * The runes wrapper around the quiz machine for the browser: it keeps the machine's snapshot in
 * `$state.raw`, saves the persisted snapshot and new attempts after every transition (coalescing writes),
 * and offers an unfinished drill back when the page loads. Storage failures never stop training: the
 * drill goes on in memory and `storage` says progress is not being saved.
 */
import { createActor, type Actor, type Snapshot } from 'xstate';
import { heldScenarios } from '$lib/checks/hold';
import type { SavedQuizKey } from '$lib/progress/saved-quiz';
import { DEFAULT_SETTINGS, type Settings } from '$lib/progress/settings-start';
import {
	readSavedQuiz,
	startTrainerReads,
	trainerStorage,
	type TrainerReads
} from '$lib/progress/trainer-reads';
import type { Catalog } from './catalog';
import { afterPaint, afterPaintWhenIdle } from './frame';
import type { DeckSpec } from './deck';
import { createQuizMachine, type QuizEvent, type QuizMachine, type QuizMode } from './machine';
import { newSeed } from './random';
import type { QuizSnapshot } from './view';

/** What was found in storage when the trainer opened. */
export type Offer =
	| { kind: 'none' }
	| {
			kind: 'resume';
			snapshot: Snapshot<unknown>;
			savedAt: number;
			position: number;
			total: number;
	  }
	| { kind: 'set-aside'; reason: string };

/** The longest a step waits for idle time before it is saved anyway. */
const SAVE_WITHIN_MS = 500;

export class Trainer {
	readonly catalog: Catalog;
	readonly machine: QuizMachine;
	snapshot: QuizSnapshot = $state.raw() as QuizSnapshot;
	/** Loading storage, then ready. */
	ready = $state(false);
	offer: Offer = $state.raw({ kind: 'none' });
	/** 'saved' once the latest state is in storage; 'off' when storage cannot be used. */
	storage: 'saving' | 'saved' | 'off' = $state('saved');
	settings: Settings = $state.raw(DEFAULT_SETTINGS);
	/** True when stored settings could not be read and were set aside for the defaults. */
	settingsReset = $state(false);

	#actor!: Actor<QuizMachine>;
	/** Nothing is saved until the stored drill has been read: the fresh idle machine would erase it. */
	#opened = false;
	#dirty = false;
	#writing: Promise<void> | null = null;
	/** The save waiting for the next frame, if any. */
	#scheduled: (() => void) | null = null;
	#stored = { runId: '', count: 0 };
	/** Scenarios of the check form not taken yet, kept out of the learner's drills (see checks/solo). */
	#hold: string[] = [];

	/**
	 * `key`: where the drill is saved. Presenter mode uses its own, and records no attempts: its answers are
	 * the room's, not the facilitator's own history.
	 */
	readonly #key: SavedQuizKey;
	readonly #recordAttempts: boolean;

	constructor(catalog: Catalog, options: { key?: SavedQuizKey; recordAttempts?: boolean } = {}) {
		this.catalog = catalog;
		this.#key = options.key ?? 'current';
		this.#recordAttempts = options.recordAttempts ?? true;
		this.machine = createQuizMachine(catalog);
		this.#attach(createActor(this.machine));
		// A save waits for the next frame; a page being hidden or closed may not paint one.
		if (typeof window !== 'undefined') {
			window.addEventListener('pagehide', this.#onHide);
			document.addEventListener('visibilitychange', this.#onHide);
		}
	}

	#attach(actor: Actor<QuizMachine>): void {
		this.#actor = actor;
		actor.subscribe((snapshot) => {
			this.snapshot = snapshot;
			this.#persist();
			// With whole scripts chosen, a new question's script is shown at once.
			if (this.settings.scriptPace === 'whole' && snapshot.matches({ playing: 'presenting' }))
				queueMicrotask(() => this.send({ type: 'user.showAll', at: Date.now() }));
		});
		actor.start();
		this.snapshot = actor.getSnapshot();
	}

	/**
	 * Reads the saved drill. A finished drill's results come straight back; an unfinished one is offered.
	 * `reads`: the storage reads as the page started them (see `startTrainerReads`), else started here.
	 */
	async open(reads: TrainerReads = startTrainerReads(this.#key)): Promise<void> {
		try {
			const read = await reads.settings;
			this.settings = read.settings;
			this.settingsReset = read.setAside;
			if (this.#key === 'current')
				this.#hold = heldScenarios(
					this.catalog.bank.forms ?? [],
					Object.keys(await reads.checkLog)
				);
			const saved = await readSavedQuiz(this.catalog, this.#key, reads.record);
			if (saved.status === 'set-aside') this.offer = { kind: 'set-aside', reason: saved.reason };
			if (saved.status === 'ok') {
				const value = (saved.snapshot as { value?: unknown }).value;
				const context = (saved.snapshot as { context?: { index: number; questionIds: string[] } })
					.context;
				if (value === 'results') this.#restore(saved.snapshot);
				else
					this.offer = {
						kind: 'resume',
						snapshot: saved.snapshot,
						savedAt: saved.savedAt,
						position: (context?.index ?? 0) + 1,
						total: context?.questionIds.length ?? 0
					};
			}
		} catch {
			this.storage = 'off';
		}
		this.#opened = true;
		this.ready = true;
	}

	#restore(snapshot: Snapshot<unknown>): void {
		this.#actor.stop();
		this.#attach(createActor(this.machine, { snapshot }));
		// Answers already stored need not be written again.
		const c = this.snapshot.context;
		this.#stored = { runId: c.runId, count: c.answers.length };
	}

	/** Continues the offered unfinished drill at the exact question. */
	resume(): void {
		if (this.offer.kind !== 'resume') return;
		this.#restore(this.offer.snapshot);
		this.offer = { kind: 'none' };
		this.send({ type: 'system.restored', at: Date.now() });
	}

	/** True while leaving the drill on screen would end it with answers given: worth a confirmation. */
	get hasProgress(): boolean {
		const s = this.snapshot;
		return !s.matches('idle') && !s.matches('results') && s.context.answers.length > 0;
	}

	/** The deck as it is started: drills and reviews hold back the check form not taken yet. */
	specFor(deck: DeckSpec): DeckSpec {
		return deck.kind === 'check' || this.#hold.length === 0 ? deck : { ...deck, hold: this.#hold };
	}

	/**
	 * Starts a new drill (an unfinished one is replaced). A page that fetches scenarios first passes the seed
	 * it built the deck with, so that the machine draws the same deck.
	 */
	start(deck: DeckSpec, mode: QuizMode = 'drill', seed = newSeed()): void {
		this.offer = { kind: 'none' };
		if (!this.snapshot.matches('idle') && !this.snapshot.matches('results'))
			this.send({ type: 'user.quit' });
		this.send({ type: 'user.start', deck: this.specFor(deck), mode, seed, at: Date.now() });
	}

	/** Changes how scripts unfold, and remembers the choice. */
	async setScriptPace(scriptPace: Settings['scriptPace']): Promise<void> {
		this.settings = { ...this.settings, scriptPace };
		if (scriptPace === 'whole' && this.snapshot.matches({ playing: 'presenting' }))
			this.send({ type: 'user.showAll', at: Date.now() });
		try {
			// Only the pace: the language may have been changed on this page since the settings were read.
			await (await trainerStorage()).updateSettings({ scriptPace });
		} catch {
			this.storage = 'off';
		}
	}

	/** Clears the notice about a set-aside drill. */
	dismissOffer(): void {
		this.offer = { kind: 'none' };
	}

	send(event: QuizEvent): void {
		this.#actor.send(event);
	}

	/**
	 * Schedules a save; writes are serialised and a burst of transitions costs one write. The write starts
	 * once the next frame is painted and the browser is idle (within SAVE_WITHIN_MS), so an answer's
	 * feedback, and the work that follows its paint (focus), never wait for storage; leaving or hiding the
	 * page writes at once (see saveNow).
	 */
	#persist(): void {
		if (!this.#opened) return;
		this.#dirty = true;
		if (this.storage !== 'off') this.storage = 'saving';
		this.#writing ??= new Promise<void>((resolve) => {
			const run = () => {
				if (this.#scheduled !== run) return;
				this.#scheduled = null;
				resolve(this.#flush());
			};
			this.#scheduled = run;
			afterPaintWhenIdle(run, SAVE_WITHIN_MS);
		});
		// A new answer is written as soon as its feedback is painted, not when the browser is next idle: a
		// learner who leaves straight after answering (reloads, closes the tab) would otherwise lose it, as
		// a write begun while the page goes away may never be committed.
		if (this.#scheduled && this.#answerUnsaved()) afterPaint(this.#scheduled);
	}

	/** Whether the drill holds an answer not written yet. */
	#answerUnsaved(): boolean {
		const { runId, answers } = this.snapshot.context;
		return answers.length > (runId === this.#stored.runId ? this.#stored.count : 0);
	}

	/** Starts a scheduled save now: the page is being hidden or left, and may paint no further frame. */
	saveNow(): void {
		this.#scheduled?.();
	}

	readonly #onHide = () => this.saveNow();

	async #flush(): Promise<void> {
		while (this.#dirty) {
			this.#dirty = false;
			const persisted = this.#actor.getPersistedSnapshot();
			const c = this.#actor.getSnapshot().context;
			try {
				// Loaded ahead by the page once a question is painted; a first visit reads none of it before.
				const { appendAttempts, attemptOf, saveQuiz } = await trainerStorage();
				await saveQuiz(persisted, Date.now(), this.#key);
				if (c.runId !== this.#stored.runId) this.#stored = { runId: c.runId, count: 0 };
				const fresh = this.#recordAttempts ? c.answers.slice(this.#stored.count) : [];
				await appendAttempts(
					fresh.map((a, i) => attemptOf(this.catalog, c, a, this.#stored.count + i))
				);
				this.#stored.count = c.answers.length;
				this.storage = 'saved';
			} catch {
				this.storage = 'off';
			}
		}
		this.#writing = null;
	}

	/** Resolves once every pending save has been written. */
	async settled(): Promise<void> {
		await this.#writing;
	}

	/** Writes what is pending and stops the machine (the page is going away). */
	stop(): void {
		this.saveNow();
		if (typeof window !== 'undefined') {
			window.removeEventListener('pagehide', this.#onHide);
			document.removeEventListener('visibilitychange', this.#onHide);
		}
		this.#actor.stop();
	}
}
