/**
 * The "Larger text" setting applied to the page: a mark on the root element that app.css turns into a
 * larger root font size (every size in the app is in rem, so everything grows with it).
 */

/** Shows the page in larger text, or in the browser's own size. */
export function applyTextSize(larger: boolean): void {
	if (typeof document === 'undefined') return;
	if (larger) document.documentElement.dataset.textSize = 'larger';
	else delete document.documentElement.dataset.textSize;
}
