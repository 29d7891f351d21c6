// A host screen is a browser app on its room's event stream: no server rendering, and no prerendering
// because room codes are made at run time (the built server sends the shell on demand).
export const ssr = false;
export const prerender = false;
