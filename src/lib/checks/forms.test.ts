import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shippedBank } from '$lib/quiz/test-catalog';
import { loadBankFromDisk } from '$lib/scenarios/disk';
import { checkForms, parseForms, type CheckForm } from './forms';

const bank = shippedBank();
const shipped = parseForms(parse(readFileSync('questions/forms.yaml', 'utf8')));
if (!('forms' in shipped)) throw new Error('questions/forms.yaml does not parse');
const [a, b] = shipped.forms as [CheckForm, CheckForm];

describe('check forms', () => {
	it('the shipped forms are matched item by item, balanced and disjoint', () => {
		expect(checkForms(bank, shipped.forms)).toEqual([]);
		const byId = new Map(bank.scenarios.map((s) => [s.id, s]));
		a.scenarios.forEach((id, i) => {
			const [x, y] = [byId.get(id)!, byId.get(b.scenarios[i]!)!];
			expect([x.verdict, x.lure, x.steps[0]!.channel]).toEqual([
				y.verdict,
				y.lure,
				y.steps[0]!.channel
			]);
		});
	});

	it('names an item whose partner has another verdict, lure or channel', () => {
		const swapped = [...b.scenarios];
		[swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
		const problems = checkForms(bank, [a, { id: 'b', scenarios: swapped }]);
		expect(problems.map((p) => p.path)).toEqual(['[1].scenarios[0]', '[1].scenarios[1]']);
		expect(problems[0]!.message).toMatch(/does not match/);
	});

	it('refuses a shared item, an unknown scenario, a repeated id and unequal sizes', () => {
		expect(checkForms(bank, [a, { id: 'b', scenarios: [...a.scenarios] }])[0]!.message).toMatch(
			/already in form "a"/
		);
		expect(
			checkForms(bank, [a, { id: 'b', scenarios: ['no-such-scenario', ...b.scenarios.slice(1)] }])
		).toEqual([{ path: '[1].scenarios[0]', message: 'unknown scenario "no-such-scenario"' }]);
		expect(checkForms(bank, [a, { ...b, id: 'a' }])[0]).toEqual({
			path: '[1].id',
			message: 'repeats form "a"'
		});
		expect(
			checkForms(bank, [a, { id: 'b', scenarios: b.scenarios.slice(0, 10) }]).map((p) => p.message)
		).toContainEqual(expect.stringMatching(/has 10 items/));
	});

	it('refuses a form that is not half scams', () => {
		const scams = bank.scenarios.filter((s) => s.verdict === 'scam').slice(0, 8);
		const problems = checkForms(bank, [{ id: 'x', scenarios: scams.map((s) => s.id) }]);
		expect(problems).toContainEqual({
			path: '[0].scenarios',
			message: 'has 8 scams of 8: a form is half scams, half genuine'
		});
	});

	it('reports schema problems with their paths', () => {
		expect(parseForms([{ id: 'a', scenarios: ['x'] }])).toEqual({
			problems: [
				{ path: '[0].scenarios', message: 'must list at least 8 scenarios' },
				{ path: '(file)', message: 'must define at least two forms (a before and an after)' }
			]
		});
		expect(parseForms('forms')).toEqual({
			problems: [{ path: '(file)', message: 'must be a list of forms' }]
		});
	});
});

describe('the checker', () => {
	it('checks questions/forms.yaml with the bank and names the file and item', () => {
		const dir = mkdtempSync(join(tmpdir(), 'fd-forms-'));
		cpSync('questions', dir, { recursive: true });
		expect(loadBankFromDisk(dir).ok).toBe(true);
		const broken = readFileSync(join(dir, 'forms.yaml'), 'utf8').replace(
			`- ${b.scenarios[0]}`,
			`- ${b.scenarios[6]}`
		);
		writeFileSync(join(dir, 'forms.yaml'), broken);
		const result = loadBankFromDisk(dir);
		expect(result.ok).toBe(false);
		expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toContainEqual(
			expect.stringMatching(/^\[1\]\.scenarios\[6\]: .* is already in form "b"/)
		);
		rmSync(dir, { recursive: true, force: true });
	});
});
