/**
 * The storage code a trainer runs beyond its first reads: the checks of a stored drill or settings record
 * (with setting aside), and every write. The trainer loads it through one dynamic import (see
 * `trainerStorage` in ./trainer-reads): at once when there is a record to check, else once its first
 * question is painted, ahead of the first answer's save; a first visit's first question needs none of it.
 */
export { appendAttempts, attemptOf } from './attempt-record';
export { preloadStorage } from './db';
export { loadSavedQuiz, saveQuiz } from './saved-quiz';
export { settingsOf, updateSettings } from './settings';
