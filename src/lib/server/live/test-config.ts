/**
 * Rooms settings for tests: limits high enough that a test never meets them by accident, a quick tally,
 * and no sweep during a test. A test that is about one setting passes it in `overrides`.
 */
import type { RoomsConfig } from './rooms';

/** The test settings, with `overrides` on top. */
export function testRoomsConfig(overrides: Partial<RoomsConfig> = {}): RoomsConfig {
	return {
		ttlMs: 60_000,
		joinLimitPerMinute: 100,
		createLimitPerMinute: 100,
		tallyIntervalMs: 10,
		sweepIntervalMs: 60_000,
		heartbeatMs: 15_000,
		streamsPerClient: 4,
		streamsPerAddress: 50,
		...overrides
	};
}
