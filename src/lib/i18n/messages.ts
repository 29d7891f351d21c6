/**
 * Every UI string lives here, keyed by locale. Adding a language is a data change: add a dictionary of the
 * same shape to `dictionaries` (the type checker lists any missing key) and select it with `setLocale`.
 */
import type { LocalText } from '$lib/scenarios/schema';

const en = {
	appName: 'Fraud Drill',
	tagline: 'Spot the lure script before it reaches you.',
	skipToContent: 'Skip to content',
	nav: {
		label: 'Main',
		home: 'Home',
		library: 'Scenario library',
		train: 'Train',
		review: 'Review',
		data: 'Your data'
	},
	train: {
		title: 'Train',
		loading: 'Loading the scenarios…',
		choose: 'Choose a drill',
		intro:
			'Each scenario arrives message by message, as it would on your phone. Decide what to do, then see the red flags and the safe move.',
		quick: 'Quick 10',
		quickText: '10 mixed scenarios, scams and genuine look-alikes together. About 5 minutes.',
		full: 'Full drill',
		fullText: (n: number) => `Every question in the bank: ${n} questions.`,
		byLure: 'One lure type',
		byLureText: 'Drill one kind of script until you know it.',
		lureCount: (n: number) => `${n} questions`,
		start: 'Start',
		resumeTitle: 'Continue where you left off',
		resumeText: (position: number, total: number) => `Question ${position} of ${total}.`,
		resume: 'Continue',
		discard: 'Start something new instead',
		confirmNewTitle: 'Start a new drill?',
		confirmNewText: (position: number, total: number) =>
			`Your unfinished drill (question ${position} of ${total}) will end. The answers you gave stay in your history.`,
		confirmNew: 'Start the new drill',
		keepUnfinished: 'Keep the unfinished one',
		setAsideTitle: 'Your unfinished drill could not be continued',
		setAsideText: (reason: string) =>
			`Because ${reason}, it was set aside. Answers you gave are kept in your history.`,
		dismiss: 'OK',
		storageOff:
			'Progress is not being saved: this browser does not allow storage here (private mode or full). You can still train.',
		settingsReset:
			'Your settings could not be read, so the defaults are in use. The damaged record was set aside (see Your data).',
		pace: 'How scripts arrive',
		paces: { message: 'Message by message', whole: 'Whole script at once' },
		keys: 'Keys: 1–9 answer · Enter next / submit as sure · Shift+Enter submit as not sure · Esc pause'
	},
	quiz: {
		progress: (position: number, total: number) => `Question ${position} of ${total}`,
		score: (correct: number, answered: number) => `${correct} of ${answered} right`,
		progressLabel: 'Progress through the drill',
		nextMessage: 'Next message',
		showAll: 'Show all',
		pause: 'Pause',
		quit: 'Quit drill',
		confirmQuitTitle: 'Leave this drill?',
		confirmQuitText: (answered: number, total: number) =>
			`You have answered ${answered} of ${total}. Your answers stay in your history, but this drill ends and cannot be continued.`,
		confirmQuit: 'Leave the drill',
		keepGoing: 'Keep going',
		kinds: {
			decide: 'What do you do now?',
			flags: 'Spot the red flags',
			verdict: 'Scam or legitimate?',
			stop: 'Where should you have stopped?'
		},
		flagsHelp:
			'Tick every message that gives it away (number keys or Space on a message), then submit.',
		stopHelp: 'Pick the first message where you should have stopped (its number key).',
		verdictHelp: 'Read the whole script, then decide: scam or legitimate?',
		flagStep: (n: number) => `Red flag in message ${n}`,
		stopStep: (n: number) => `Stop at message ${n}`,
		verdictChoices: ['Scam', 'Legitimate'],
		submitSure: 'Answer — I’m sure',
		submitUnsure: 'Answer — not sure',
		enter: 'Enter',
		shiftEnter: 'Shift+Enter',
		right: 'Right',
		wrong: 'Not quite',
		youChose: 'You chose',
		rightAnswer: 'The safe answer',
		flagsHits: (n: number, total: number) => `You found ${n} of ${total} red-flag messages.`,
		flagsMissed: 'Missed messages',
		flagsFalse: 'Not red flags',
		stopAt: (n: number) => `Stop at message ${n}: the first one with a decisive red flag.`,
		itWas: (verdict: string) => `It was ${verdict}.`,
		why: 'Why',
		safeAction: 'Safe action',
		next: 'Next',
		seeResults: 'See results',
		paused: 'Paused',
		pausedText: 'Your drill is saved. Continue when you are ready.',
		resume: 'Continue'
	},
	review: {
		title: 'Review',
		intro:
			'Questions you missed, or got right without being sure, stay here until the scheduler considers them learned. Red flags come back in other scenarios, so you learn the flag, not one script.',
		loading: 'Reading your history…',
		empty: 'Nothing to review yet. Questions you miss in a drill appear here.',
		dueToday: (n: number) => (n === 1 ? '1 to review today' : `${n} to review today`),
		nothingDue: 'Nothing due today.',
		dueSplit: (fromList: number, forFlags: number) =>
			`${fromList} from your list, ${forFlags} that practise red flags you are learning.`,
		lastRetry: (fixed: number, left: number) =>
			left === 0
				? `Your last review: ${fixed} fixed, none left.`
				: `Your last review: ${fixed} fixed, ${left} still on your list.`,
		startDue: 'Review today’s questions',
		retryAll: (n: number) => `Retry all ${n} listed`,
		listed: (n: number) => (n === 1 ? '1 question on your list' : `${n} questions on your list`),
		filter: 'Lure type',
		allLures: 'All lure types',
		groupBy: 'Group by',
		byScenario: 'Scenario',
		byFlag: 'Red flag',
		noFlag: 'No red flag (genuine look-alikes)',
		yourAnswer: 'Your answer',
		rightAnswer: 'The right one',
		nothing: 'nothing',
		messages: (ns: number[]) =>
			ns.length === 1 ? `message ${ns[0]}` : `messages ${ns.join(', ')}`,
		missedTimes: (n: number) => (n === 1 ? 'missed once' : `missed ${n} times`),
		unsure: 'right but not sure',
		due: 'due',
		why: 'Why',
		safeAction: 'Safe action',
		open: 'Read the whole scenario',
		progress: 'Progress over time',
		progressIntro: (runs: number, attempts: number) =>
			`${runs} drill${runs === 1 ? '' : 's'}, ${attempts} answer${attempts === 1 ? '' : 's'} so far.`,
		byLure: 'Accuracy by lure type across your drills',
		trend: (points: number[], overall: number) =>
			`last ${points.length} drill${points.length === 1 ? '' : 's'}: ${points.join('%, ')}%; overall ${overall}%`,
		verdicts: 'Scams caught and false alarms, drill by drill',
		caught: 'Scams caught',
		falseAlarms: 'Genuine called scam',
		confidence: 'How sure you were, all drills',
		setAside: (n: number) =>
			`${n} damaged record${n === 1 ? ' was' : 's were'} found in your history and set aside. The rest is safe. You can export them on the Your data page.`
	},
	data: {
		title: 'Your data',
		intro:
			'Your progress lives only in this browser. Export it to keep a copy or move it to another device; import merges a file with what is here, without duplicates.',
		loading: 'Reading your progress…',
		summary: (attempts: number, setAside: number) =>
			`${attempts} answer${attempts === 1 ? '' : 's'} in your history · ${setAside} record${setAside === 1 ? '' : 's'} set aside`,
		export: 'Export progress',
		exportText: 'One JSON file with your history, review cards, settings and set-aside records.',
		import: 'Import progress',
		importText:
			'Choose a file exported from Fraud Drill. Nothing changes unless the whole file is valid.',
		chooseFile: 'Progress file',
		imported: (added: number, known: number) =>
			`Imported ${added} answer${added === 1 ? '' : 's'}${known > 0 ? ` (${known} already here)` : ''}.`,
		refused: (reason: string) => `Import refused: ${reason}. Your progress was not changed.`,
		reset: 'Reset progress',
		resetText:
			'Deletes your history, review cards, unfinished drill, settings and set-aside records in this browser.',
		resetConfirmTitle: 'Delete all your progress?',
		resetConfirmText: 'This cannot be undone. Export first if you may want it back.',
		resetYes: 'Yes, delete everything',
		cancel: 'Cancel',
		resetDone: 'Your progress was deleted.',
		quarantine: 'Set-aside records',
		quarantineText:
			'Records that could not be read (damaged, or from another version) are kept here instead of being thrown away.',
		quarantineNone: 'None.',
		quarantineExport: 'Export set-aside records',
		quarantineClear: 'Delete set-aside records',
		quarantineCleared: 'The set-aside records were deleted.'
	},
	live: {
		navHost: 'Team session',
		homeTitle: 'Run a team session',
		homeText:
			'Show scenarios on a projector while everyone answers on their phone over the room’s Wi-Fi. No internet needed: the laptop running Fraud Drill is the server.',
		homeHost: 'Start a team session',
		homeJoin: 'Join a session',
		loading: 'Loading…',
		// New session
		newTitle: 'New team session',
		newIntro:
			'Phones join over this machine’s network with a room code or a QR code. Answers stay anonymous on the big screen: only the counts per option are shown.',
		deck: 'Deck',
		deckFull: 'All scenarios',
		deckFullText: (n: number) => `${n} questions`,
		deckQuick: 'Quick 10',
		deckQuickText: '10 mixed scenarios, one question each',
		deckLure: 'One lure type',
		deckPick: 'Hand-picked scenarios',
		deckPickCount: (n: number) => `${n} scenario${n === 1 ? '' : 's'} chosen`,
		deckMissed: 'What my last session missed most',
		deckMissedText: (n: number) => `${n} question${n === 1 ? '' : 's'} missed last time`,
		deckMissedNone: 'No earlier session on this machine yet',
		missedLabel: 'Missed in the last session',
		lure: 'Lure type',
		scenarios: 'Scenarios',
		options: 'Options',
		timer: 'Answer timer',
		seconds: 'Seconds per question',
		scoring: 'Scoring',
		scoringModes: { correctness: 'Correct answers only', 'speed-bonus': 'Bonus for speed' },
		names: 'Players',
		nameModes: { nicknames: 'Nicknames', anonymous: 'Anonymous' },
		create: 'Create the room',
		creating: 'Creating…',
		pickOne: 'Choose at least one scenario.',
		// Host screen
		hostTitle: (code: string) => `Room ${code}`,
		noSecret:
			'This browser does not hold the host key of this room. Only the browser that created it can run it.',
		newSession: 'New session',
		roomCode: 'Room code',
		joinAt: 'Join on your phone',
		qrAlt: (url: string) => `QR code to join: ${url}`,
		players: (n: number) => (n === 1 ? '1 player' : `${n} players`),
		noPlayers: 'Waiting for players…',
		playerList: 'Players in the room',
		questionOf: (n: number, total: number) => `Question ${n} of ${total}`,
		answered: (n: number, total: number) => `${n} of ${total} answered`,
		tallyLabel: 'Answers per option',
		secondsLeft: (s: number) => `${s} s left`,
		timeUp: 'Time is up',
		discuss: 'What would you reply?',
		discussText: 'Talk it through: what would you say or do at this point, and why?',
		rightAnswer: 'The safe answer',
		percentRight: (p: number) => `${p}% got it right`,
		safeAction: 'Safe action',
		leaderboard: 'Top scores',
		points: (n: number) => `${n} points`,
		actions: {
			start: 'Start',
			close: 'Close answers',
			reveal: 'Reveal',
			discuss: 'Discuss',
			next: 'Next question',
			end: 'End and show the report'
		},
		lastNext: 'Show the report',
		keys: 'Presenter keys: → Space or Enter go to the next step.',
		streamDown: 'Connection lost, reconnecting…',
		// Join and play
		joinTitle: 'Join a team session',
		joinIntro: 'Type the room code shown on the big screen, or scan its QR code.',
		code: 'Room code',
		codeBad: 'A room code has 6 letters and digits, as on the big screen.',
		join: 'Join',
		playTitle: 'Team session',
		nickname: 'Your nickname',
		nicknameHelp: 'Shown on the big screen. Any language or emoji, up to 24 characters.',
		anonymousText: 'This session is anonymous: you get a player number instead of a name.',
		joinRoom: (code: string) => `Join room ${code}`,
		joining: 'Joining…',
		you: (name: string) => `You are ${name}`,
		score: (n: number) => `Score: ${n}`,
		waiting: 'You are in. Wait for the host to start.',
		waitingNext: 'Look at the big screen. The next question comes soon.',
		chooseOne: 'Tap your answer',
		chooseMany: 'Tap every message that gives it away, then send',
		send: 'Send answer',
		sent: 'Answer sent. Wait for the reveal.',
		closed: 'Answers are closed.',
		missedIt: 'You did not answer this one.',
		right: 'Right!',
		wrong: 'Not this time',
		gained: (n: number) => `+${n} points`,
		finalTitle: 'Session over',
		finalScore: (n: number) => `Your score: ${n}`,
		finalRank: (rank: number, players: number) => `Rank ${rank} of ${players}`,
		step: (n: number) => `Message ${n}`,
		keysPlayer: 'Number keys answer too.',
		retry: 'Try again',
		errors: {
			network: 'No connection to the session. Check the Wi-Fi, then try again.',
			'room-not-found': 'There is no session with that code. Check the code on the big screen.',
			'room-closed': 'This session has ended; new players cannot join.',
			'rate-limited': 'Too many attempts from this device. Wait a minute, then try again.',
			'wrong-token': 'Your place in this session was not found. Join again with a nickname.',
			'wrong-secret': 'This browser does not hold the host key of this room.',
			'question-closed': 'Too late: answers for this question are closed.',
			'already-answered': 'Your answer was already counted.',
			'wrong-phase': 'That cannot be done at this point of the session.',
			'empty-deck': 'That deck has no questions; choose another.',
			'body-too-large': 'That was too much text.',
			generic: 'Something went wrong.'
		}
	},
	report: {
		title: 'Team report',
		players: (players: number, questions: number) =>
			`${players} ${players === 1 ? 'person' : 'people'}, ${questions} question${questions === 1 ? '' : 's'}`,
		perQuestion: 'Per question',
		perFlag: 'By red flag',
		perLure: 'By lure type',
		mostMissed: 'Most-missed scenarios',
		noneMissed: 'Everyone got every question right.',
		percentRow: (p: number, correct: number, answers: number) =>
			answers === 0 ? 'not answered' : `${p}% (${correct} of ${answers})`,
		missedRow: (missed: number, answers: number) => `missed ${missed} of ${answers}`,
		leaderboard: 'Top scores',
		points: (n: number) => `${n} points`,
		csv: 'Download CSV',
		print: 'Print',
		reviewTeam: 'Review these with the team',
		newSession: 'New session'
	},
	present: {
		title: 'Presenter mode',
		intro:
			'One screen, no phones, no network: show each scenario on the big screen, let the room answer aloud or by hands, and record what the room chose. You get the team report at the end.',
		record: 'Record the room’s answer',
		countHands: 'Count hands per option',
		hands: (choice: string) => `Hands for ${choice}`,
		roomAnswer: 'Room answer',
		noHands: 'Enter at least one hand, or pick the room’s answer.',
		save: 'Record',
		resumeTitle: 'Continue the session',
		discuss: 'Discuss: what would you reply?'
	},
	results: {
		title: 'Results',
		score: (correct: number, total: number, pct: number) =>
			`${correct} of ${total} right (${pct}%)`,
		byLure: 'By lure type',
		scamsVsTwins: 'Scams and genuine look-alikes',
		scams: 'Questions on scams',
		twins: 'Questions on genuine look-alikes',
		verdicts: 'Scam or legitimate?',
		hits: 'Scams caught',
		misses: 'Scams missed',
		falseAlarms: 'False alarms (genuine called scam)',
		correctRejections: 'Genuine trusted',
		allScam:
			'You treated genuine services as scams. Caution is good, but a real 96110 call or 10086 text deserves your trust — verify it, then act.',
		confidence: 'How sure you were',
		sureRight: 'Sure and right',
		sureWrong: 'Sure but wrong',
		unsureRight: 'Not sure but right',
		unsureWrong: 'Not sure and wrong',
		sureWrongNote: 'Answers you were sure of but got wrong are the ones to review first.',
		missed: 'Questions you missed',
		noneMissed: 'You missed nothing. Try a full drill or another lure type.',
		open: 'Read the whole scenario',
		again: 'Same drill again, new order',
		retryMissed: 'Retry the missed ones',
		another: 'Choose another drill',
		of: (n: number, total: number) => `${n} of ${total}`,
		notAnswered: 'not answered'
	},
	home: {
		unfinished: (position: number, total: number) =>
			`You have an unfinished drill: question ${position} of ${total}.`,
		continueDrill: 'Continue it',
		title: 'Practise spotting fraud scripts',
		intro:
			'In 2021 police broke up more than 180 gangs that "drained traffic" to overseas fraud rings: fake stock teachers, callers posing as broker or China Mobile service, part-time order-billing jobs, dating-app chatters, QQ-group spam, scripted call centres and people paid to host SIM-box kit. Fraud Drill turns their scripts into short scenarios you live through and decide on.',
		uses: [
			{
				title: 'Train alone',
				text: 'On your phone or laptop, also with no network. Every answer explains the red flags and the safe move.'
			},
			{
				title: 'Run a team session',
				text: 'Show scenarios on a big screen; the room answers on phones or aloud, then sees where it went wrong.'
			},
			{
				title: 'Review what you missed',
				text: 'Missed scenarios come back, spaced out, until you spot the script at the first line.'
			}
		],
		bankFigures: (scenarios: number, scam: number, legit: number, cases: number) =>
			`${scenarios} scenarios: ${scam} scams from ${cases} real police cases, and ${legit} genuine look-alikes so you learn the difference, not just to say "scam".`,
		browse: 'Browse the scenario library',
		train: 'Start training',
		presenter: 'No phones in the room? Run a session in presenter mode on one screen →',
		due: (n: number) => (n === 1 ? '1 question to review today' : `${n} questions to review today`),
		rules: 'Three rules that stop most of these scripts',
		ruleList: [
			'Never pay to get paid, and never pay to get a job.',
			'Hang up and call the official number yourself; a caller knowing your details proves nothing.',
			'Never lend or rent your phone card, bank card or accounts — doing so makes you an accomplice.'
		],
		helpLine: 'In doubt? Call the anti-fraud line 96110. To report a crime, call 110.'
	},
	library: {
		title: 'Scenario library',
		intro:
			'Every lure script in the bank, grouped by how it reaches people. Open one to read it as it would arrive, then reveal its red flags.',
		count: (n: number) => `${n} scenario${n === 1 ? '' : 's'}`,
		scam: 'Scam',
		legitimate: 'Genuine',
		fromCase: (n: number) => `Case ${n}`,
		extra: 'Extra',
		safeAction: 'Safe action',
		channels: 'Channels'
	},
	scenario: {
		back: 'All scenarios',
		claims: 'Claims to be',
		verdict: 'Verdict',
		lure: 'Lure type',
		seedCase: 'Seed case',
		script: 'The script',
		showFlags: 'Show red flags',
		hideFlags: 'Hide red flags',
		noFlags: 'No red flags: this is how the genuine service behaves.',
		decisions: 'Decision points',
		afterStep: (n: number) => `After step ${n}`,
		safe: 'Safe',
		unsafe: 'Unsafe',
		safeActions: 'Safe actions',
		explanation: 'Why',
		sources: 'Sources',
		redFlag: 'Red flag',
		decisive: 'decisive'
	},
	script: {
		stepLabel: (n: number, who: string, channel: string) => `Step ${n}, ${who}, ${channel}`,
		you: 'You',
		system: 'Notice',
		members: (n: number) => `${n} members`,
		incomingCall: 'Call',
		flagsShown: 'Red flags in this step'
	},
	channel: {
		call: 'Phone call',
		sms: 'Text message',
		wechat: 'WeChat chat',
		'wechat-group': 'WeChat group',
		'qq-group': 'QQ group',
		'job-ad': 'Job ad',
		'dating-chat': 'Dating app',
		app: 'App screen',
		email: 'E-mail',
		'public-account': 'WeChat public account',
		'in-person': 'In person'
	},
	stage: {
		contact: 'Contact',
		trust: 'Trust',
		private: 'Private channel',
		'small-win': 'Small win',
		'big-loss': 'Big loss'
	},
	error: {
		title: 'Something went wrong',
		notFound: 'This page does not exist.',
		home: 'Back to the start'
	}
};

/** The shape every dictionary must have. */
export type Messages = typeof en;
export type Locale = 'en';

const dictionaries: Record<Locale, Messages> = { en };

let current: Locale = 'en';

/** Switches the UI language (a later language only needs a dictionary above). */
export function setLocale(locale: Locale): void {
	current = locale;
}

/** The dictionary of the current locale. */
export function messages(): Messages {
	return dictionaries[current];
}

/** Chooses the variant of a scenario text for the current locale, falling back to English. */
export function pick(text: LocalText): string {
	return (current as string) === 'zh' && text.zh ? text.zh : text.en;
}
