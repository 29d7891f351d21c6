/**
 * The join URL phones should open: the machine's address on the room's network, since a facilitator's
 * laptop usually serves on localhost or 0.0.0.0 and neither works from a phone.
 */
import { networkInterfaces } from 'node:os';
import { joinPath, type JoinUrlResponse } from '$lib/live/protocol';

/** The first non-internal IPv4 address of this machine, or null. */
export function lanAddress(): string | null {
	for (const list of Object.values(networkInterfaces())) {
		for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	}
	return null;
}

/**
 * The scheme phones should use. adapter-node reports https for every request unless ORIGIN or
 * PROTOCOL_HEADER is set, but a laptop serving a room over Wi-Fi speaks plain http; ORIGIN wins when set.
 */
function scheme(env: NodeJS.ProcessEnv): string {
	try {
		return env.ORIGIN ? new URL(env.ORIGIN).protocol : 'http:';
	} catch {
		return 'http:';
	}
}

/** The join URL for `code`, on the LAN address and the port the request came in on. */
export function joinUrl(
	requestUrl: URL,
	code: string,
	lan = lanAddress(),
	env: NodeJS.ProcessEnv = process.env
): JoinUrlResponse {
	const port = requestUrl.port ? `:${requestUrl.port}` : '';
	const host = lan ? `${lan}${port}` : requestUrl.host;
	return {
		url: `${scheme(env)}//${host}${joinPath(code)}`,
		host,
		source: lan ? 'lan' : 'request'
	};
}
