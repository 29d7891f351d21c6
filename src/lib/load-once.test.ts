import { describe, expect, it, vi } from 'vitest';
import { drawnInBrowser, loadOnce } from './load-once';

describe('loadOnce', () => {
	it('fetches once and gives every caller the same result', async () => {
		const load = vi.fn(async () => ({ default: 'view' }));
		const get = loadOnce(load);
		expect(get()).toBe(get());
		await expect(get()).resolves.toEqual({ default: 'view' });
		expect(load).toHaveBeenCalledTimes(1);
	});

	it('forgets a failed fetch, so that the next call tries again', async () => {
		const load = vi
			.fn<() => Promise<string>>()
			.mockRejectedValueOnce(new Error('offline'))
			.mockResolvedValueOnce('view');
		const get = loadOnce(load);
		await expect(get()).rejects.toThrow('offline');
		await expect(get()).resolves.toBe('view');
		await expect(get()).resolves.toBe('view');
		expect(load).toHaveBeenCalledTimes(2);
	});

	it('says that browser-only code is not drawn on the server', async () => {
		await expect(drawnInBrowser()).rejects.toThrow('Drawn in the browser');
	});
});
