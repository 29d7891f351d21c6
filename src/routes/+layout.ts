// Every page of the solo trainer is static: prerendered at build time, served as files, cached offline.
export const prerender = true;
