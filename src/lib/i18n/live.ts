/**
 * Live rooms' codes in words: players' names, nickname refusals, error codes and the host's actions. Kept
 * out of the i18n index so that pages without a live room (the drill above all) do not load their
 * messages.
 */
import { anonymousNumber } from '$lib/live/names';
import { m } from '$lib/paraglide/messages.js';

/** A player's name as shown: a chosen nickname as typed, an anonymous room's number in the reader's words. */
export function playerName(nickname: string): string {
	const n = anonymousNumber(nickname);
	return n === null ? nickname : m.live_playerN({ n });
}

/** Why a nickname is refused (a `NicknameProblem` code from the nickname rules). */
export function nicknameProblemText(problem: string, max = 24): string {
	switch (problem) {
		case 'empty':
			return m.nickname_empty();
		case 'too-long':
			return m.nickname_tooLong({ max });
		case 'control-character':
			return m.nickname_control();
		case 'invisible-character':
			return m.nickname_invisible();
		case 'broken-text':
			return m.nickname_broken();
		case 'nothing-visible':
			return m.nickname_nothingVisible();
		default:
			return m.live_errors_generic();
	}
}

/** What a live-session error code means for the person holding the phone or running the screen. */
export function liveErrorText(code: string, reason?: string): string {
	switch (code) {
		case 'network':
			return m.live_errors_network();
		case 'room-not-found':
			return m.live_errors_room_not_found();
		case 'room-lost':
			return m.live_errors_room_lost();
		case 'too-many-streams':
			return m.live_errors_too_many_streams();
		case 'wrong-handover':
			return m.live_errors_wrong_handover();
		case 'room-closed':
			return m.live_errors_room_closed();
		case 'rate-limited':
			return m.live_errors_rate_limited();
		case 'wrong-token':
			return m.live_errors_wrong_token();
		case 'wrong-secret':
			return m.live_errors_wrong_secret();
		case 'question-closed':
			return m.live_errors_question_closed();
		case 'already-answered':
			return m.live_errors_already_answered();
		case 'wrong-phase':
			return m.live_errors_wrong_phase();
		case 'empty-deck':
			return m.live_errors_empty_deck();
		case 'not-in-check':
			return m.live_errors_not_in_check();
		case 'no-check-forms':
			return m.live_errors_no_check_forms();
		case 'body-too-large':
			return m.live_errors_body_too_large();
		case 'nickname-taken':
			return m.live_errors_nickname_taken();
		case 'nickname-invalid':
			return nicknameProblemText(reason ?? '');
		case 'invalid-answer':
			return m.live_errors_invalid_answer();
		case 'player-not-found':
			return m.live_errors_player_not_found();
		case 'bad-request':
		case 'bad-json':
		case 'invalid-body':
		case 'unknown-field':
		case 'secret-in-url':
		case 'no-client-address':
			return m.live_errors_bad_request();
		case 'invalid-code':
			return m.live_codeBad();
		case 'internal':
			return m.live_errors_internal();
		default:
			return m.live_errors_generic();
	}
}

/** The host's buttons for each step of a live session. */
export function hostActionLabel(action: string): string {
	switch (action) {
		case 'start':
			return m.live_actions_start();
		case 'close':
			return m.live_actions_close();
		case 'reveal':
			return m.live_actions_reveal();
		case 'discuss':
			return m.live_actions_discuss();
		case 'next':
			return m.live_actions_next();
		case 'end':
			return m.live_actions_end();
		default:
			return action;
	}
}
