/**
 * The join URL phones should open. Behind a reverse proxy that is ORIGIN, the public address. On a
 * facilitator's laptop it is the machine's address on the room's network, since the laptop usually serves
 * on localhost or 0.0.0.0 and neither works from a phone; which of its addresses is the room's network
 * only the facilitator knows for sure, so every candidate is listed for the host page to offer.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { joinPath, type JoinAddress, type JoinUrlResponse } from '$lib/live/protocol';

/** Interfaces that are rarely the room's Wi-Fi: containers, VMs, VPNs and tunnels. */
const VIRTUAL =
	/^(docker|br-|veth|virbr|vmnet|vboxnet|vnic|tun|tap|wg|utun|zt|tailscale|ham|cni|flannel|lxc|lxd|podman|awdl|llw|vEthernet)/i;

/** Private (RFC 1918) IPv4 ranges, where a room's Wi-Fi lives. */
function isPrivate(address: string): boolean {
	const [a = 0, b = 0] = address.split('.').map(Number);
	return a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/**
 * The machine's non-internal IPv4 addresses with their interface names, the likeliest room network first:
 * physical interfaces before virtual ones (Docker, VPN…), private ranges before others.
 */
export function lanAddresses(
	interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()
): JoinAddress[] {
	const found: JoinAddress[] = [];
	for (const [name, list] of Object.entries(interfaces))
		for (const a of list ?? [])
			if (a.family === 'IPv4' && !a.internal) found.push({ address: a.address, interface: name });
	const rank = (a: JoinAddress) =>
		(VIRTUAL.test(a.interface) ? 2 : 0) + (isPrivate(a.address) ? 0 : 1);
	return found
		.map((a, i) => ({ a, i }))
		.sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
		.map((x) => x.a);
}

function isLoopbackName(host: string): boolean {
	const h = host.trim().toLowerCase();
	return h === 'localhost' || h === '::1' || h === '[::1]' || /^127\./.test(h);
}

/** True when HOST makes the server listen on a loopback address only: no phone can reach it. */
export function listensOnLoopbackOnly(env: NodeJS.ProcessEnv = process.env): boolean {
	return isLoopbackName(env.HOST ?? '');
}

/** ORIGIN as a URL origin, or null when it is unset or not a URL. */
function originOf(env: NodeJS.ProcessEnv): string | null {
	if (!env.ORIGIN) return null;
	try {
		return new URL(env.ORIGIN).origin;
	} catch {
		return null;
	}
}

/**
 * The join URL for `code` and the alternatives the host page offers. With ORIGIN set, phones join there.
 * Otherwise the URL is on the likeliest LAN address, plain http (adapter-node calls every request https
 * when neither ORIGIN nor PROTOCOL_HEADER is set, but a laptop serving a room speaks http), on the port
 * the request came in on. When the server listens on loopback only, no LAN URL is offered: phones cannot
 * reach it, and `reachable` says so.
 */
export function joinUrl(
	requestUrl: URL,
	code: string,
	addresses: JoinAddress[] = lanAddresses(),
	env: NodeJS.ProcessEnv = process.env
): JoinUrlResponse {
	const path = joinPath(code);
	const origin = originOf(env);
	if (origin) {
		const host = new URL(origin).host;
		return { url: `${origin}${path}`, host, source: 'origin', reachable: true, addresses: [] };
	}
	const port = requestUrl.port ? `:${requestUrl.port}` : '';
	if (listensOnLoopbackOnly(env))
		return {
			url: `http://${requestUrl.host}${path}`,
			host: requestUrl.host,
			source: 'request',
			reachable: false,
			addresses: []
		};
	const offered = addresses.map((a) => ({ ...a, url: `http://${a.address}${port}${path}` }));
	const best = offered[0];
	return best
		? {
				url: best.url,
				host: `${best.address}${port}`,
				source: 'lan',
				reachable: true,
				addresses: offered
			}
		: {
				url: `http://${requestUrl.host}${path}`,
				host: requestUrl.host,
				source: 'request',
				// No network address at all: only a request that came in over the network can be reused.
				reachable: !isLoopbackName(requestUrl.hostname),
				addresses: []
			};
}
