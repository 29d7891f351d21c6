import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { joinUrl, lanAddresses, listensOnLoopbackOnly } from './lan';

function v4(address: string, internal = false): NetworkInterfaceInfo {
	return {
		address,
		netmask: '255.255.255.0',
		family: 'IPv4',
		mac: '00:00:00:00:00:00',
		internal,
		cidr: `${address}/24`
	};
}

/** A laptop whose first interfaces are Docker and a VPN, with the room's Wi-Fi last. */
const laptop = {
	lo: [v4('127.0.0.1', true)],
	docker0: [v4('172.17.0.1')],
	tun0: [v4('100.64.3.7')],
	wlan0: [v4('192.168.1.20')],
	eth1: [v4('203.0.113.9')]
};

const request = new URL('https://localhost:3000/host/AB2C3D');

describe('join addresses', () => {
	it('lists every non-internal IPv4 address with its interface, the Wi-Fi first', () => {
		expect(lanAddresses(laptop)).toEqual([
			{ address: '192.168.1.20', interface: 'wlan0' },
			{ address: '203.0.113.9', interface: 'eth1' },
			{ address: '172.17.0.1', interface: 'docker0' },
			{ address: '100.64.3.7', interface: 'tun0' }
		]);
	});

	it('offers them all for the host page, on plain http and the request’s port', () => {
		const r = joinUrl(request, 'AB2C3D', lanAddresses(laptop), { HOST: '0.0.0.0' });
		expect(r).toMatchObject({
			url: 'http://192.168.1.20:3000/live/AB2C3D',
			source: 'lan',
			reachable: true
		});
		expect(r.addresses.map((a) => a.url)).toContain('http://172.17.0.1:3000/live/AB2C3D');
		expect(r.addresses[0]).toMatchObject({ interface: 'wlan0' });
	});

	it('uses ORIGIN when it is set, whole (not just its scheme)', () => {
		const r = joinUrl(request, 'AB2C3D', lanAddresses(laptop), {
			ORIGIN: 'https://quiz.example.org'
		});
		expect(r).toEqual({
			url: 'https://quiz.example.org/live/AB2C3D',
			host: 'quiz.example.org',
			source: 'origin',
			reachable: true,
			addresses: []
		});
	});

	it('advertises no LAN address when the server listens on this computer only', () => {
		for (const HOST of ['127.0.0.1', 'localhost', '::1']) {
			expect(listensOnLoopbackOnly({ HOST })).toBe(true);
			const r = joinUrl(request, 'AB2C3D', lanAddresses(laptop), { HOST });
			expect(r.reachable).toBe(false);
			expect(r.addresses).toEqual([]);
			expect(r.url).not.toContain('192.168.');
		}
		expect(listensOnLoopbackOnly({})).toBe(false);
		expect(listensOnLoopbackOnly({ HOST: '0.0.0.0' })).toBe(false);
	});

	it('says phones cannot reach a machine with no network address reached on localhost', () => {
		const r = joinUrl(request, 'AB2C3D', [], {});
		expect(r).toMatchObject({ source: 'request', reachable: false });
	});
});
