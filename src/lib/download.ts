/** Offers a JSON value to the user as a downloaded file. */
export function downloadJson(value: unknown, filename: string): void {
	downloadText(JSON.stringify(value, null, 2), filename, 'application/json');
}

/** Offers text to the user as a downloaded file. */
export function downloadText(text: string, filename: string, type: string): void {
	const blob = new Blob([text], { type });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoke later: some browsers read the URL after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
