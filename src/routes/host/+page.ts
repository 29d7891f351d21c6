// The new-session form lives in the browser (it reads the last session's report from localStorage); the
// server only sends the shell, which stays prerendered so the page opens offline too.
export const ssr = false;
