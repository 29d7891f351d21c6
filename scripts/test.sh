#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (Debian's Chromium and Chinese
# fonts, npm packages from the lock file), then runs formatting, lint, type checks, the scenario check,
# unit tests, the build and the browser tests against the built app. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
	step "Installing Chromium from Debian"
	if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Chinese glyphs for the browser tests (without them Chromium draws boxes), from Debian like Chromium.
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed'; then
	step "Installing Chinese fonts (fonts-noto-cjk) from Debian"
	if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

# Reinstall only when the lock file changed since the last install (or on a fresh clone).
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.fd-lock-sum ] || [ "$(cat node_modules/.fd-lock-sum)" != "$lock_sum" ]; then
	step "npm ci"
	npm ci --no-audit --no-fund
	echo "$lock_sum" > node_modules/.fd-lock-sum
fi

step "prettier + eslint"
npm run -s lint
step "svelte-check"
npm run -s check
step "scenario bank"
npm run -s questions:check
step "build"
npm run -s build
# Unit tests, and server tests that start the built app on 127.0.0.1 with a real SQLite file.
step "unit and server tests (vitest)"
npx vitest run
step "browser tests (Playwright, Debian Chromium, built app)"
npx playwright test
