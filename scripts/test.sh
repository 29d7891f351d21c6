#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (npm packages from the lock file;
# Debian's Chromium and Chinese fonts, in the background), then runs formatting, lint, type checks, the
# scenario check, unit tests, the build, the server tests and the browser tests against the built app.
# Stops at the first failing stage and prints how long each stage took.
#
# The machine this runs on has two cores and most stages use one, so after the install the suite runs as
# two lanes side by side, each a chain of stages:
#   checks: prettier → scenario bank → eslint → svelte-check → unit tests (vitest: client, server)
#           → server tests (vitest: live, once the app lane has built the app) → a second browser-test run
#           (a few spec files, see E2E_SECOND)
#   app:    generated files (compiled messages, SvelteKit's types) → build → browser tests (Playwright,
#           against the build)
# Every stage of the checks lane after prettier waits for the generated files.
# SQLite's native module (better-sqlite3 has no prebuilt binary reachable here, so it compiles from source,
# the longest single step of the install) is reused from a cache outside the clone when one fits, or else
# builds in the background meanwhile; only the tests that open a database wait for it. Set
# FD_TEST_SERIAL=1 to run the same stages one after another.
set -euo pipefail
cd "$(dirname "$0")/.."
# The project's own tools (prettier, eslint, vitest, Playwright…) run from node_modules/.bin directly:
# `npx` would start npm first to find them, about 0.7 CPU s each time.
PATH="$PWD/node_modules/.bin:$PATH"

bold() { printf '\n\033[1m%s\033[0m\n' "$*"; }
now() { date +%s%N; }
SUITE_START=$(now)
# The whole machine's busy and idle CPU time so far (Linux: /proc/stat, in clock ticks), for the report.
machine_cpu() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat 2>/dev/null || true; }
SUITE_CPU=$(machine_cpu)
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/fraud-drill-test.XXXXXX")
# One line per finished stage: lane, name, start and end (ns since the suite began), exit code, CPU seconds.
TIMES="$LOGS/times"
: >"$TIMES"

# Runs one stage, timed: wall clock, and the CPU time of the stage and everything it ran (bash's `times`
# in a subshell, so that only this stage is counted). Output goes to the terminal (serial part) or to the
# lane's log.
stage() {
	local lane=$1 name=$2 start end rc=0 cpu cpu_file
	shift 2
	printf '\n\033[1m== %s\033[0m\n' "$name"
	start=$(now)
	cpu_file="$LOGS/cpu.$lane.$start"
	(
		rc=0
		"$@" || rc=$?
		# The second line of `times`: user and system CPU time of the finished children, as 1m2.345s (not
		# through a pipe: that would run `times` in a new process, which has no children yet).
		times >"$cpu_file"
		exit "$rc"
	) || rc=$?
	end=$(now)
	cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { sub(/s$/, "", $i); split($i, p, "m"); t += p[1] * 60 + p[2] }
		printf "%.0f", t }' "$cpu_file" 2>/dev/null || echo '?')
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$lane" "$name" "$((start - SUITE_START))" "$((end - SUITE_START))" "$rc" "$cpu" >>"$TIMES"
	return "$rc"
}

# The stage-times table, printed however the suite ends.
report() {
	local rc=$?
	trap - EXIT
	local total=$(($(now) - SUITE_START))
	# The install is done once the native module is built, whatever the tests said.
	if [ "$(cat "$LOGS/native.rc" 2>/dev/null)" = 0 ]; then echo "$lock_sum" >node_modules/.fd-lock-sum; fi
	bold "Stage times (wall clock; lanes overlap)"
	awk -F'\t' -v total="$total" '
		function s(ns) { return sprintf("%6.1f", ns / 1e9) }
		BEGIN { printf "  %-8s %-56s %8s %12s %9s\n", "lane", "stage", "wall", "from → to", "CPU" }
		{ printf "  %-8s %-56s %6s s %5s → %-5s %7s s%s\n", $1, $2, s($4 - $3), s($3), s($4), $6, ($5 == 0 ? "" : "  FAILED") }
		END { printf "  %-65s %6s s\n", "total", s(total) }
	' "$TIMES"
	# A stage's CPU above is what its processes reported when they ended, which leaves out most of
	# Chromium's (its renderers end with the browser). The machine's own count includes everything,
	# also whatever else ran on it meanwhile.
	# shellcheck disable=SC2086 # two numbers each
	set -- $SUITE_CPU $(machine_cpu)
	if [ $# = 4 ]; then
		local hz
		hz=$(getconf CLK_TCK)
		awk -v b="$(($3 - $1))" -v i="$(($4 - $2))" -v hz="$hz" 'BEGIN {
			printf "  the machine meanwhile: %.0f CPU s busy, %.0f s idle (%.0f%% busy)\n", b / hz, i / hz, 100 * b / (b + i) }'
	fi
	rm -rf "$LOGS"
	exit "$rc"
}
trap report EXIT

need_root() { if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; }

# Debian packages only the browser tests use: Chromium itself, and Chinese glyphs (fonts-noto-cjk; without
# them Chromium draws boxes). What is missing is installed with one apt-get, in the background beside npm ci
# and the first stages (on a fresh machine it took 25 s before anything else could start); the browser
# tests wait for it. sudo asks for its password first, in the foreground, when it needs one.
# Without the packages Debian only recommends: Chromium's pull in 90 more (a printer setup tool, Avahi,
# Samba's client libraries, upower, a terminal, Perl's web modules…), none of which a headless browser uses;
# 26 packages instead of 116 took 27-33 CPU s to install instead of 48-59, two runs each from the local
# package cache. (Of the fonts, the recommended fonts-liberation only stood in for Arial and Times New
# Roman, which the app does not name; its text is in DejaVu Sans and Noto Sans CJK either way.)
debian_packages=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || debian_packages+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' ||
	debian_packages+=(fonts-noto-cjk)
if [ ${#debian_packages[@]} -gt 0 ]; then
	need_root
	[ -z "$SUDO" ] || sudo -v
	(
		rc=0
		stage setup "Debian packages: ${debian_packages[*]} (in the background)" sh -c \
			"$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends ${debian_packages[*]} >/dev/null" ||
			rc=$?
		echo "$rc" >"$LOGS/debian.rc"
	) >"$LOGS/debian.log" 2>&1 &
else
	echo 0 >"$LOGS/debian.rc"
fi

# SQLite's compiled module is kept outside the clone, beside npm's own package cache, under a name made of
# everything it depends on (better-sqlite3's exact package from the lock file, Node's ABI, OS and CPU): a
# fresh clone reuses it after one check that it opens a database, and compiles only when none fits.
NATIVE_CACHE="${FD_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fraud-drill/native}"
native_key=$(node -e '
	const lock = require("./package-lock.json").packages["node_modules/better-sqlite3"];
	const hash = require("node:crypto").createHash("sha256").update(lock.integrity).digest("hex");
	const v = process.versions.modules;
	console.log(`better-sqlite3-${lock.version}-${hash.slice(0, 16)}-abi${v}-${process.platform}-${process.arch}`);
')
NATIVE_FILE=node_modules/better-sqlite3/build/Release/better_sqlite3.node

native_module() {
	local cached="$NATIVE_CACHE/$native_key.node"
	if [ -f "$cached" ]; then
		mkdir -p "$(dirname "$NATIVE_FILE")"
		cp "$cached" "$NATIVE_FILE"
		if node -e 'new (require("better-sqlite3"))(":memory:").close()'; then
			echo "reused $cached"
			return 0
		fi
		echo "the cached module does not load here: compiling it"
		rm -f "$NATIVE_FILE"
	fi
	# The browser tests wait for this compile (about a minute of one core), while both lanes' first stages
	# run beside it: it goes ahead of them, with a lower niceness where the suite may set one (root).
	local ahead=()
	if [ "$(id -u)" = 0 ]; then ahead=(nice -n -10); fi
	"${ahead[@]}" npm rebuild better-sqlite3 || return 1
	mkdir -p "$NATIVE_CACHE"
	cp "$NATIVE_FILE" "$cached.$$" && mv "$cached.$$" "$cached"
}

# Reinstall only when the lock file changed since the last install (or on a fresh clone). Install scripts
# are held back so that the native SQLite module can compile (when it must) beside the first stages instead
# of before them; esbuild's script runs at once (it is quick).
if [ ! -f node_modules/.fd-lock-sum ] || [ "$(cat node_modules/.fd-lock-sum)" != "$lock_sum" ]; then
	stage setup "npm ci (packages from the lock file, install scripts held back)" \
		npm ci --prefer-offline --no-audit --no-fund --ignore-scripts
	stage setup "esbuild install script" npm rebuild esbuild
	(
		rc=0
		stage setup "better-sqlite3 native module (in the background)" native_module || rc=$?
		echo "$rc" >"$LOGS/native.rc"
	) >"$LOGS/native.log" 2>&1 &
else
	echo 0 >"$LOGS/native.rc"
fi

# The generated files both lanes read (compiled messages, SvelteKit's types), written once, first in the app
# lane, while the checks lane runs prettier (which reads none of them); every other stage waits for them,
# so that no stage reads one while another rewrites it. (This is also the project's `prepare` step, held
# back with the other install scripts.)
# The messages are compiled by the build's own Vite plugin: vite.config.ts resolved as for a build, then that
# plugin's start hook alone (no server, no file watcher: a watcher saw the compiler's own first writes in
# project.inlang and compiled again for each). The plugin keeps a cache of what it compiled
# (project.inlang/cache), so the build and every vitest run find the messages up to date instead of
# compiling them again, about 10 CPU seconds each (`npm run i18n:compile`, the command-line compiler, leaves
# no such cache). NODE_ENV=production makes a message that does not compile fail this stage, as it fails
# the build.
generate() {
	svelte-kit sync &&
		NODE_ENV=production node --input-type=module -e "
			import { resolveConfig } from 'vite';
			try {
				const config = await resolveConfig({ logLevel: 'warn' }, 'build');
				const plugins = config.plugins.filter((p) => p.name.includes('paraglide'));
				if (plugins.length === 0) throw new Error('vite.config.ts has no Paraglide plugin');
				for (const plugin of plugins) {
					const hook = plugin.buildStart;
					await (typeof hook === 'function' ? hook : hook?.handler)?.call({});
				}
				// Done once the hook returns (its cache is written by then), but something the compiler
				// opened keeps the process alive for about 25 s more: on the app lane's critical path.
				process.exit(0);
			} catch (error) {
				console.error(error instanceof Error ? error.message : error);
				process.exit(1);
			}
		"
}

generate_files() {
	local rc=0
	stage app "i18n messages and svelte-kit sync" generate || rc=$?
	echo "$rc" >"$LOGS/generated.rc"
	return "$rc"
}

# Waits until an install step running in the background has ended (it writes $LOGS/<name>.rc then, as the
# lanes are subshells); if it failed, shows its output and says so.
background_done() {
	local name=$1 failed=$2
	while [ ! -f "$LOGS/$name.rc" ]; do sleep 0.5; done
	if [ "$(cat "$LOGS/$name.rc")" != 0 ]; then
		cat "$LOGS/$name.log"
		echo "$failed; its output is above." >&2
		return 1
	fi
}

# The native module built; the Debian packages installed.
native_ready() { background_done native 'The native SQLite module (better-sqlite3) did not build'; }
debian_ready() { background_done debian "Debian's ${debian_packages[*]} did not install"; }

# Waits until the app lane has written the generated files, and until it has built the app (again files
# written when those stages end).
generated_ready() {
	while [ ! -f "$LOGS/generated.rc" ]; do sleep 0.5; done
	[ "$(cat "$LOGS/generated.rc")" = 0 ]
}
build_ready() {
	while [ ! -f "$LOGS/build.rc" ]; do sleep 0.5; done
	[ "$(cat "$LOGS/build.rc")" = 0 ]
}

# svelte-check's types come from TypeScript's compiler in Go (TypeScript 7, installed beside TypeScript 6 as
# @typescript/native), through its API: less than half the CPU time of the compiler in JavaScript. The
# API, not `--tsgo`, because `--tsgo` lets an import of a .svelte file that does not exist pass (Svelte's
# own `declare module '*.svelte'` answers for it); through the API it is an error, as before. The same
# findings otherwise (a type error in a component, a module, a test, a route's data, a prop, an HTML
# attribute; the compiler's and CSS warnings). FD_SVELTE_CHECK_TS='' checks with the compiler in JavaScript.
SVELTE_CHECK_TS=${FD_SVELTE_CHECK_TS---tsgo-experimental-api}

lane_checks() {
	stage checks "prettier" prettier --check . &&
		generated_ready &&
		stage checks "scenario bank (questions:check)" npm run -s questions:check &&
		stage checks "eslint" eslint . --max-warnings 0 &&
		stage checks "svelte-check" svelte-check --tsconfig ./tsconfig.json --fail-on-warnings $SVELTE_CHECK_TS &&
		native_ready &&
		stage checks "unit tests (vitest: client, server)" vitest run --project client --project server &&
		build_ready &&
		# Server tests start the built app on 127.0.0.1 (a port of their own) with a real SQLite file.
		stage checks "server tests (vitest: live, built app)" vitest run --project live &&
		browser_tests_second
}

build_app() {
	local rc=0
	stage app "build" npm run -s build || rc=$?
	echo "$rc" >"$LOGS/build.rc"
	return "$rc"
}

# The browser tests run as two Playwright runs, each with a server of its own (port, live-room folder): the
# app lane's, from the build on, and a second one on the checks lane once its own stages are done. The
# machine is busy until the checks lane ends, but then the app lane's run alone leaves part of it idle
# (one Chromium and one test worker). The second run takes the spec files in E2E_SECOND, chosen so that
# both runs end about together (FD_E2E_SECOND overrides the list; empty: one run); every other spec file,
# a new one too, runs in the first. Either run failing fails the suite; each prints its own report.
# With svelte-check through TypeScript 7 the checks lane ends about 40 s sooner, so the second run takes a
# presenter-mode spec as well. The first run's tests share a browser context (reuseContext), which took
# about 20 s off it, so the presenter's check spec moved back to it (the second run ended 14 s after it).
# Since then the first run ended 56-57 s after the second (two runs, one a fresh machine's, one a clean
# clone's), so the offline presenter-mode spec and the header's went to the second: 30 s apart, the suite
# 421 s instead of 433 (clean clones, one run each).
E2E_SECOND=${FD_E2E_SECOND-"live.spec.ts live-check.spec.ts live-host.spec.ts host-projector.spec.ts present-end.spec.ts present.spec.ts header.spec.ts"}

# The spec files of the first run: all but the second run's.
first_specs() {
	local f
	for f in tests/e2e/*.spec.ts; do
		case " $E2E_SECOND " in *" ${f##*/} "*) ;; *) echo "$f" ;; esac
	done
}

browser_tests() {
	local specs=()
	mapfile -t specs < <(first_specs)
	stage app "browser tests (Playwright, Debian Chromium, built app)" playwright test "${specs[@]}"
}

browser_tests_second() {
	[ -n "$E2E_SECOND" ] || return 0
	debian_ready || return 1
	local specs=() f
	for f in $E2E_SECOND; do specs+=("tests/e2e/$f"); done
	# Its own port and live-room folder, and its own output folder inside test-results (which each run
	# empties as it starts).
	stage checks "browser tests, second run (${E2E_SECOND// /, })" \
		env E2E_PORT=4193 E2E_DATA=data/e2e-second \
		playwright test --output test-results/second "${specs[@]}"
}

lane_app() {
	generate_files && build_app && native_ready && debian_ready && browser_tests
}

if [ "${FD_TEST_SERIAL:-}" = 1 ]; then
	native_ready
	cat "$LOGS/native.log" 2>/dev/null || true
	debian_ready
	cat "$LOGS/debian.log" 2>/dev/null || true
	generate_files
	build_app
	lane_checks
	browser_tests
else
	# Both lanes at once, each in its own process group and writing to its own log (printed whole when the
	# lane ends, so the two never interleave); the first lane to fail stops the other.
	set -m
	for lane in checks app; do
		(
			rc=0
			"lane_$lane" >"$LOGS/$lane.log" 2>&1 || rc=$?
			echo "$rc" >"$LOGS/$lane.rc"
		) &
		echo $! >"$LOGS/$lane.pid"
	done
	# Job control was needed only to give each lane its own process group; without it, bash does not print
	# a job notice when a lane is stopped.
	set +m
	# Stops the lanes still running: Ctrl-C first (Playwright then shuts down the app server it started, which
	# runs in a process group of its own), then, if a lane has not ended after a while, SIGTERM.
	stop_lanes() {
		local lane i
		for lane in checks app; do
			[ -f "$LOGS/$lane.rc" ] || kill -INT -- "-$(cat "$LOGS/$lane.pid")" 2>/dev/null || true
		done
		for ((i = 0; i < 40; i++)); do
			kill -0 -- "-$(cat "$LOGS/checks.pid")" 2>/dev/null ||
				kill -0 -- "-$(cat "$LOGS/app.pid")" 2>/dev/null ||
				return 0
			sleep 0.5
		done
		for lane in checks app; do
			kill -TERM -- "-$(cat "$LOGS/$lane.pid")" 2>/dev/null || true
		done
	}
	trap 'stop_lanes; exit 130' INT TERM
	left="checks app"
	while [ -n "$left" ]; do
		wait -n || true
		for lane in $left; do
			[ -f "$LOGS/$lane.rc" ] || continue
			left=$(echo "$left" | sed "s/\b$lane\b//; s/^ *//; s/ *$//")
			cat "$LOGS/$lane.log"
			if [ "$(cat "$LOGS/$lane.rc")" != 0 ]; then
				stop_lanes
				wait || true
				for other in $left; do
					bold "The $other lane, until it was stopped:"
					cat "$LOGS/$other.log"
				done
				echo "The $lane lane failed (its output is further above); the other one was stopped." >&2
				exit 1
			fi
		done
	done
	wait || true
	cat "$LOGS/debian.log" "$LOGS/native.log" 2>/dev/null || true
fi
