// Like the app's trainer: a prerendered, language-neutral shell rendered in the browser.
export const prerender = true;
export const ssr = false;
