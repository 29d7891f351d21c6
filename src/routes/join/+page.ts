// The join form is static: prerendered, and it only navigates to the room's player page.
export const ssr = false;
