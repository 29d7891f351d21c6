import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// No test, lint or i18n set-up here: this app exists only to be measured beside Fraud Drill.
export default defineConfig({ plugins: [sveltekit()] });
