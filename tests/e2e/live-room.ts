/**
 * Shared set-up for live-room browser tests: a room made through the HTTP API and opened on the host
 * screen (for tests where creating it is not the point; live.spec.ts and live-check.spec.ts create theirs
 * with the host page's form), phones in their own browser contexts (phone-sized, touch, a locale each) whose
 * console errors are collected, and joining a room by its code with a nickname.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { CreateRoomResponse, RoomOptionsInput } from '../../src/lib/live/protocol';
import { expect } from './fixtures';

/**
 * Creates a room with the live API, as the host page's form does (by default with the form's own
 * defaults: the quick deck, no timer, nicknames), and opens its host screen in `page`: the create response
 * gives the context the room's host cookie, and the host key goes where the host page keeps it.
 */
export async function hostRoom(
	page: Page,
	options: RoomOptionsInput = { deck: { kind: 'quick' } }
): Promise<string> {
	const created = await page.request.post('/api/live/rooms', { data: options });
	expect(created.status(), await created.text()).toBe(201);
	const room = (await created.json()) as CreateRoomResponse;
	await page.addInitScript(
		({ key, value }) => {
			if (!localStorage.getItem(key)) localStorage.setItem(key, value);
		},
		{
			key: `fraud-drill:live:host:${room.code}`,
			value: JSON.stringify({ secret: room.hostSecret, joinUrl: room.joinUrl })
		}
	);
	await page.goto(`/host/${room.code}`);
	await expect(page.locator('[data-room-code]')).toHaveText(room.code);
	return room.code;
}

export interface Phone {
	context: BrowserContext;
	page: Page;
	/** Console and page errors; a spec expects it empty at the end. */
	errors: string[];
	name: string;
}

/**
 * A phone-sized page in its own context and locale. Console errors are kept, except responses the spec
 * says it expects (`allow`, matched against the message: Chromium logs every 4xx response).
 */
export async function phone(
	browser: Browser,
	name: string,
	opts: { locale?: string; allow?: RegExp } = {}
): Promise<Phone> {
	const context = await browser.newContext({
		locale: opts.locale ?? 'en-US',
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error' && !(opts.allow && opts.allow.test(msg.text())))
			errors.push(msg.text());
	});
	page.on('pageerror', (err) => errors.push(err.message));
	page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
	return { context, page, errors, name };
}

/** Joins the room on the phone with its nickname and waits in the lobby (in either language). */
export async function joinRoom(p: Phone, code: string): Promise<void> {
	await p.page.goto(`/live/${code}`);
	await p.page.locator('#nickname').fill(p.name);
	await p.page.locator('form button[type=submit]').first().click();
	await expect(p.page.locator('[data-status=waiting]')).toBeVisible();
}

/** The room code shown on the host page, once the room exists. */
export async function roomCode(page: Page): Promise<string> {
	await expect(page).toHaveURL(/\/host\/[A-Z0-9]{6}$/);
	return (await page.locator('[data-room-code]').textContent())?.trim() ?? '';
}

/** True when the page does not scroll sideways. */
export function fitsWidth(page: Page): Promise<boolean> {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Closes every phone's context, after checking none logged an error. */
export async function closePhones(phones: readonly Phone[]): Promise<void> {
	for (const p of phones) {
		expect(p.errors, `${p.name}: console errors`).toEqual([]);
		await p.context.close();
	}
}
