// Every page of the solo trainer is static: prerendered at build time, served as files, cached offline.
export const prerender = true;
// Pages render on the client only: the prerendered files are a language-neutral shell, and the client
// picks the language (the learner's choice in the settings store, else the browser's) before its first
// render. One set of files serves both languages, so the service worker's precache and offline use need
// no per-language copies, and a Chinese reader never sees an English page flash first.
export const ssr = false;
