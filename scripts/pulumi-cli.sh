# Puts the real Pulumi CLI on PATH for offline runs, built from the Go module registry when it is missing.
#
#   source scripts/pulumi-cli.sh                 # in a bash script (after or instead of scripts/env.sh)
#   bash scripts/pulumi-cli.sh pulumi version    # run one command with the CLI on PATH
#   eval "$(bash scripts/pulumi-cli.sh)"         # print the exports, for another shell
#
# `pulumi up` for a Node.js program with dynamic resources needs three programs on PATH:
#   pulumi                          the CLI and engine      Go module github.com/pulumi/pulumi/pkg/v3
#   pulumi-language-nodejs          runs the program        Go package .../sdk/nodejs/cmd/pulumi-language-nodejs
#   pulumi-resource-pulumi-nodejs   the dynamic providers   a shell script shipped in the @pulumi/pulumi npm package
#                                                           (copied beside our built CLI, where Pulumi looks for it)
# No npm or Debian package ships the first two, so this script builds them with `go build` from the Go
# module registry, once per machine, into a cache outside the repository:
#   ${PULUMI_ISC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-sailpoint-isc}/pulumi-cli-v<version>/bin
#
# Which version:
# - Wanted: the installed @pulumi/pulumi's version (node_modules/@pulumi/pulumi/package.json), or
#   $PULUMI_CLI_VERSION when set (then nothing else is accepted).
# - A `pulumi` already on PATH is used when `pulumi version` prints exactly the wanted version and
#   `pulumi-language-nodejs` is on PATH too. An engine of another version runs the same program but may
#   plan differently, so it is not taken silently; PULUMI_CLI_ACCEPT_ANY=1 takes whatever is on PATH.
# - When the registry does not serve the wanted release (at the time of writing it refuses
#   pkg/v3 v3.260.0 and later, and every version of the language host's own module), and
#   PULUMI_CLI_VERSION is not set, the script falls back, saying so on stderr:
#     the CLI     to FALLBACK_CLI_VERSION below, the newest pkg/v3 release the registry served;
#     the host    to the package inside github.com/pulumi/pulumi/sdk/v3 at FALLBACK_LANGHOST_SDK_VERSION,
#                 the last release before the host moved into a module of its own. It runs the program
#                 with the project's own @pulumi/pulumi (the host only starts `node .../cmd/run` and
#                 forwards the program's gRPC calls), so the SDK, its serializer and the dynamic-provider
#                 plugin are still exactly the locked version.
#   The cache folder is then named after what was built: pulumi-cli-v<cli>-langhost-v<host>.
#
# How it builds: the two modules' go.mod files carry `replace` directives, which `go install m@v`
# refuses. So a throw-away wrapper module is generated: `go mod init`, then the non-local `replace`
# lines read from the release's own go.mod (as the registry serves it), then `go get -tool`, then
# `go build -ldflags "-X .../sdk/v3/go/common/version.Version=v<version>"`. Everything is built in a
# temporary folder beside the cache entry and renamed into place only when both binaries run, under
# a lock, so an interrupted or concurrent build never leaves a broken cache (the next build removes what
# an interrupted or failed one left). Nothing is written into the repository. While it builds, a line on
# stderr every 20 s ($PULUMI_CLI_PROGRESS_SECONDS) gives the step, the packages compiled so far out of
# those to compile, and the elapsed time. The first build takes 6-12 minutes on 2 cores and leaves 3.5 GB
# in Go's caches (`go env GOCACHE GOMODCACHE`; `go clean -cache -modcache` removes them): see README.md.
#
# Also exported, for fully offline runs (each only when not already set):
#   PULUMI_BACKEND_URL=file://<repo>/.pulumi-state   PULUMI_CONFIG_PASSPHRASE= (empty)
#   PULUMI_SKIP_UPDATE_CHECK=true                    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
#
# On failure it says which step failed and why, and returns (sourced) or exits (executed) non-zero.

PULUMI_CLI_FALLBACK_CLI_VERSION="3.259.0"
PULUMI_CLI_FALLBACK_LANGHOST_SDK_VERSION="3.68.0"
# What a first build costs, measured with empty Go caches on a 2-core machine (see README.md): 6.5 minutes
# with the machine otherwise idle, 12 with it busy running tests (9 minutes of CPU time in all); 128 MB in
# the cache entry, 1.8 GB in GOCACHE and 1.7 GB in GOMODCACHE.
_PCLI_COST="with empty Go caches this takes 6-12 minutes on 2 cores (more on a busy machine) and leaves 3.5 GB in Go's caches"

_pcli_log() { echo "pulumi-cli: $*" >&2; }
_pcli_fail() { echo "pulumi-cli: FAILED: $*" >&2; return 1; }

# 200 -> "3m20s".
_pcli_dur() { if [ "$1" -ge 60 ]; then echo "$(($1 / 60))m$(($1 % 60))s"; else echo "$1s"; fi; }

# Progress while a long step runs: `_pcli_progress_start LABEL KIND LOG TOTAL`, the step (in the foreground,
# so that Ctrl-C reaches it), then `_pcli_progress_stop`. Every $PULUMI_CLI_PROGRESS_SECONDS (20) seconds a
# line goes to stderr with the step's elapsed time, the whole build's, and a count read from LOG:
#   packages   `go build -v` output: one import path a line, printed as each package is compiled
#   modules    `go: downloading <module> <version>` lines
#   (empty)    no count, just the time
# The ticker runs in the background (bash makes background jobs ignore SIGINT), so it also stops by itself
# within a second once the shell that started it is gone; it holds neither stdout (our stdout is captured
# or eval'ed) nor the lock's file descriptor.
_pcli_tick_pid=""
_pcli_progress_start() {
    local label="$1" kind="$2" log="$3" total="$4" owner="$BASHPID" t0="$SECONDS"
    local every="${PULUMI_CLI_PROGRESS_SECONDS:-20}"
    _pcli_progress_stop
    {
        local i n what
        while :; do
            for ((i = 0; i < every; i++)); do
                sleep 1
                kill -0 "$owner" 2>/dev/null || exit 0
            done
            case "$kind" in
                packages)
                    n="$(grep -cv -e ' ' -e '^$' "$log" 2>/dev/null)"; what="${n:-0}${total:+/$total} packages compiled, "
                    [ -z "$total" ] || [ "${n:-0}" -lt "$total" ] || what="$total/$total packages started, compiling the last ones and linking, "
                    [ "$total" != 0 ] || what="linking, " ;;
                modules)  n="$(grep -c '^go: downloading ' "$log" 2>/dev/null)"; what="${n:-0} modules downloaded, " ;;
                *)        what="" ;;
            esac
            _pcli_log "  $label: ${what}$(_pcli_dur $((SECONDS - t0)))${_pcli_t0:+ (build $(_pcli_dur $((SECONDS - _pcli_t0))))}"
        done
    } </dev/null >/dev/null 9>&- &
    _pcli_tick_pid=$!
}
_pcli_progress_stop() {
    [ -n "$_pcli_tick_pid" ] || return 0
    kill "$_pcli_tick_pid" 2>/dev/null
    wait "$_pcli_tick_pid" 2>/dev/null
    _pcli_tick_pid=""
    return 0
}

# Downloads module@version into the module cache; prints the path of its go.mod on success, and the
# registry's answer on stderr on failure.
_pcli_download_mod() {
    local modver="$1" tmp out
    tmp="$(mktemp -d)"
    _pcli_progress_start "go mod download $modver" "" "" ""
    out="$(cd "$tmp" && GOFLAGS=-mod=mod GOWORK=off go mod download -json "$modver" 2>&1)"
    local rc=$?
    _pcli_progress_stop
    rm -rf "$tmp"
    local gomod
    gomod="$(printf '%s' "$out" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.GoMod||"")}catch(e){console.error(s.trim());process.exit(1)}})')" || return 1
    [ "$rc" -eq 0 ] && [ -n "$gomod" ] && [ -f "$gomod" ] || { echo "$out" >&2; return 1; }
    printf '%s\n' "$gomod"
}

# Prints `-replace=old[@v]=new@v` arguments for `go mod edit`, one a line, taken from a go.mod file:
# only replacements by another module version; local-path ones (`=> ../sdk`) are satisfied by requiring
# the sibling module at the same release instead.
_pcli_replaces() {
    go mod edit -json "$1" | node -e '
        let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
            for (const r of JSON.parse(s).Replace || []) {
                if (!r.New.Version) continue;
                const old = r.Old.Version ? `${r.Old.Path}@${r.Old.Version}` : r.Old.Path;
                console.log(`-replace=${old}=${r.New.Path}@${r.New.Version}`);
            }
        });'
}

# _pcli_wrapper_build DIR OUT GOMOD PACKAGE VERSION [MODULE@VERSION...]
# Generates a wrapper module in DIR (replaces copied from GOMOD, the release's own go.mod), requires
# PACKAGE@VERSION as a tool plus the extra requirements, and builds PACKAGE into OUT, logging each step
# to DIR/<step>.log and its progress to stderr.
_pcli_wrapper_build() {
    local dir="$1" out="$2" gomod="$3" pkg="$4" ldversion="$5"; shift 5
    local name reps=()
    name="$(basename "$pkg")"
    mkdir -p "$dir" || return 1
    mapfile -t reps < <(_pcli_replaces "$gomod")
    (
        local log="$dir/setup.log" t all total
        failed() { _pcli_progress_stop; echo "(last lines of $log)" >&2; tail -n 25 "$log" >&2; exit 1; }
        cd "$dir" || exit 1
        export GOFLAGS=-mod=mod GOWORK=off GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
        go mod init "pulumi-sailpoint-isc/build/$(basename "$dir")" >>"$log" 2>&1 || failed
        if [ "${#reps[@]}" -gt 0 ]; then go mod edit "${reps[@]}" >>"$log" 2>&1 || failed; fi

        log="$dir/get.log"; t=$SECONDS
        _pcli_log "$name: go get $pkg@$ldversion (downloads the modules it needs)"
        _pcli_progress_start "$name: go get" modules "$log" ""
        go get -tool "$pkg@$ldversion" "$@" >>"$log" 2>&1 || failed
        _pcli_progress_stop
        _pcli_log "$name: $(grep -c '^go: downloading ' "$log") modules downloaded in $(_pcli_dur $((SECONDS - t)))"

        log="$dir/build.log"; t=$SECONDS
        # The library packages to compile: the stale ones, not in Go's build cache for these flags (a few
        # seconds to find out). `go build -v` prints each package, the main one last, as it starts compiling
        # it; then comes the link.
        all="$(go list -deps "$pkg" 2>>"$log" | grep -cvx unsafe)"
        total="$(go list -deps -trimpath -f '{{if and .Stale (ne .Name "main")}}{{.ImportPath}}{{end}}' "$pkg" 2>>"$log" | grep -c .)"
        _pcli_log "$name: go build: $total of its $all packages to compile, the others are in Go's build cache"
        _pcli_progress_start "$name: go build" packages "$log" "$total"
        go build -v -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$ldversion" \
            -o "$out" "$pkg" >>"$log" 2>&1 || failed
        _pcli_progress_stop
        _pcli_log "$name: built in $(_pcli_dur $((SECONDS - t))) ($(grep -cv -e ' ' -e '^$' "$log") packages compiled)"
    )
}

_pcli_main() {
    local root cache sdk_version want strict
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
    # Node 22 and the locked node_modules (idempotent; quiet when already done).
    # shellcheck source=env.sh
    source "$root/scripts/env.sh" || { _pcli_fail "scripts/env.sh (Node.js and npm ci)"; return 1; }
    set +e  # env.sh turns on -e; this function handles its own errors and must not kill a sourcing shell
    cache="${PULUMI_ISC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-sailpoint-isc}"
    local sdk_dir="$root/node_modules/@pulumi/pulumi"
    sdk_version="$(node -p "require('$sdk_dir/package.json').version" 2>/dev/null)" ||
        { _pcli_fail "reading the @pulumi/pulumi version from $sdk_dir/package.json (is node_modules installed?)"; return 1; }
    [ -x "$sdk_dir/pulumi-resource-pulumi-nodejs" ] ||
        { _pcli_fail "$sdk_dir/pulumi-resource-pulumi-nodejs (the dynamic-provider plugin script) is missing"; return 1; }
    want="${PULUMI_CLI_VERSION:-$sdk_version}"; want="${want#v}"
    strict="${PULUMI_CLI_VERSION:+1}"

    local bindir=""
    # 1. A CLI already on PATH (not one of ours from an earlier source of this script).
    if command -v pulumi >/dev/null 2>&1 && command -v pulumi-language-nodejs >/dev/null 2>&1 &&
        [ "${PULUMI_CLI_BIN:-}" != "$(dirname "$(command -v pulumi)")" ]; then
        local have
        have="$(pulumi version 2>/dev/null)"; have="${have#v}"
        if [ "$have" = "$want" ] || [ "${PULUMI_CLI_ACCEPT_ANY:-}" = 1 ]; then
            _pcli_log "using pulumi v$have from PATH ($(command -v pulumi))"
            bindir="$(dirname "$(command -v pulumi)")"
        else
            _pcli_log "pulumi on PATH is v$have, not v$want: using a cached or built v$want instead"
        fi
    fi

    # 2. The cache: the exact version, then (unless a version was demanded) the fallback build.
    local exact="$cache/pulumi-cli-v$want"
    local fb="$cache/pulumi-cli-v$PULUMI_CLI_FALLBACK_CLI_VERSION-langhost-v$PULUMI_CLI_FALLBACK_LANGHOST_SDK_VERSION"
    if [ -z "$bindir" ] && [ -x "$exact/bin/pulumi" ] && [ -x "$exact/bin/pulumi-language-nodejs" ]; then
        bindir="$exact/bin"
    fi
    if [ -z "$bindir" ] && [ -z "$strict" ] && [ -x "$fb/bin/pulumi" ] && [ -x "$fb/bin/pulumi-language-nodejs" ]; then
        bindir="$fb/bin"
        _pcli_log "using the fallback build in $fb (the registry did not serve v$want when it was built)"
    fi

    # 3. Build.
    if [ -z "$bindir" ]; then
        bindir="$(_pcli_build "$cache" "$want" "$strict")" || return 1
    fi

    # The dynamic-provider plugin script ships in the @pulumi/pulumi npm package; Pulumi's own releases put it
    # beside the CLI, where the engine looks first. It resolves @pulumi/pulumi from the program's folder, so
    # one copy serves every project. Our own builds get a copy; another CLI on PATH finds it on PATH.
    case "$bindir" in
        "$cache"/*) [ -x "$bindir/pulumi-resource-pulumi-nodejs" ] || cp "$sdk_dir/pulumi-resource-pulumi-nodejs" "$bindir/" ;;
    esac
    case ":$PATH:" in *":$bindir:"*) ;; *) PATH="$bindir:$PATH" ;; esac
    if [ ! -x "$bindir/pulumi-resource-pulumi-nodejs" ]; then
        case ":$PATH:" in *":$sdk_dir:"*) ;; *) PATH="$PATH:$sdk_dir" ;; esac
    fi
    export PATH
    if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
        mkdir -p "$root/.pulumi-state"
        export PULUMI_BACKEND_URL="file://$root/.pulumi-state"
    fi
    if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
        export PULUMI_CONFIG_PASSPHRASE=""
    fi
    export PULUMI_SKIP_UPDATE_CHECK="${PULUMI_SKIP_UPDATE_CHECK:-true}"
    export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="${PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION:-true}"
    PULUMI_CLI_BIN="$bindir"; export PULUMI_CLI_BIN
    _pcli_log "ready: $(command -v pulumi) ($(pulumi version 2>/dev/null)), backend $PULUMI_BACKEND_URL"
}

# Builds into the cache; prints the bin folder. Steps are named in every failure message.
_pcli_build() {
    local cache="$1" want="$2" strict="$3"
    command -v go >/dev/null 2>&1 || { _pcli_fail "no \`go\` on PATH: the Pulumi CLI is built with Go (1.25 or later)"; return 1; }
    mkdir -p "$cache" || { _pcli_fail "creating the cache folder $cache"; return 1; }
    # One build at a time per cache (parallel test workers, two checkouts). This function runs in a
    # command substitution, so the lock is released when it returns.
    exec 9>"$cache/.pulumi-cli.lock"
    if command -v flock >/dev/null 2>&1; then
        if ! flock -n 9; then
            _pcli_log "another build holds $cache/.pulumi-cli.lock: waiting for it"
            flock 9
        fi
        # Holding the lock, no other build runs here: temporary folders are left from a build that failed
        # (kept for its logs) or was interrupted.
        local stale
        for stale in "$cache"/.pulumi-cli-v*.tmp.*; do
            [ -d "$stale" ] || continue
            _pcli_log "removing $stale ($(du -sh "$stale" 2>/dev/null | cut -f1), left by an earlier build that failed or was interrupted)"
            rm -rf "$stale"
        done
    fi
    local built candidates=("$cache/pulumi-cli-v$want")
    [ -n "$strict" ] || candidates+=("$cache/pulumi-cli-v$PULUMI_CLI_FALLBACK_CLI_VERSION-langhost-v$PULUMI_CLI_FALLBACK_LANGHOST_SDK_VERSION")
    for built in "${candidates[@]}"; do
        if [ -x "$built/bin/pulumi" ] && [ -x "$built/bin/pulumi-language-nodejs" ]; then
            _pcli_log "using $built, built by another process while this one waited"
            echo "$built/bin"; return 0
        fi
    done
    _pcli_t0=$SECONDS   # the whole build's elapsed time, shown by the progress lines
    _pcli_log "no cached pulumi v$want in $cache: building it from the Go module registry; $_PCLI_COST ($(go env GOCACHE), $(go env GOMODCACHE))"

    local cli_version="$want" cli_gomod lh_mod lh_pkg lh_version lh_gomod step err
    # The CLI release.
    step="download github.com/pulumi/pulumi/pkg/v3@v$want from the Go module registry ($(go env GOPROXY))"
    if ! cli_gomod="$(_pcli_download_mod "github.com/pulumi/pulumi/pkg/v3@v$want" 2>"$cache/.err")"; then
        err="$(cat "$cache/.err")"
        if [ -n "$strict" ]; then _pcli_fail "$step: $err"; return 1; fi
        cli_version="$PULUMI_CLI_FALLBACK_CLI_VERSION"
        _pcli_log "the registry refused pkg/v3@v$want ($err); falling back to the CLI v$cli_version"
        step="download github.com/pulumi/pulumi/pkg/v3@v$cli_version (fallback) from the Go module registry"
        cli_gomod="$(_pcli_download_mod "github.com/pulumi/pulumi/pkg/v3@v$cli_version" 2>"$cache/.err")" ||
            { _pcli_fail "$step: $(cat "$cache/.err")"; return 1; }
    fi
    # The language host: its own module at the CLI's release, else the package inside the old sdk/v3.
    lh_mod="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
    lh_pkg="$lh_mod"; lh_version="$cli_version"
    if ! lh_gomod="$(_pcli_download_mod "$lh_mod@v$cli_version" 2>"$cache/.err")"; then
        err="$(cat "$cache/.err")"
        if [ -n "$strict" ]; then _pcli_fail "download $lh_mod@v$cli_version from the Go module registry: $err"; return 1; fi
        lh_version="$PULUMI_CLI_FALLBACK_LANGHOST_SDK_VERSION"
        lh_mod="github.com/pulumi/pulumi/sdk/v3"
        lh_pkg="$lh_mod/nodejs/cmd/pulumi-language-nodejs"
        _pcli_log "the registry refused the language host module at v$cli_version ($err); falling back to $lh_pkg@v$lh_version"
        lh_gomod="$(_pcli_download_mod "$lh_mod@v$lh_version" 2>"$cache/.err")" ||
            { _pcli_fail "download $lh_mod@v$lh_version (fallback language host) from the Go module registry: $(cat "$cache/.err")"; return 1; }
    fi
    rm -f "$cache/.err"

    local name="pulumi-cli-v$cli_version"
    [ "$lh_version" = "$cli_version" ] || name="$name-langhost-v$lh_version"
    local final="$cache/$name"
    if [ -x "$final/bin/pulumi" ] && [ -x "$final/bin/pulumi-language-nodejs" ]; then
        echo "$final/bin"; return 0   # another process built it while we waited for the lock
    fi
    local tmp
    tmp="$(mktemp -d "$cache/.$name.tmp.XXXXXX")" || { _pcli_fail "creating a temporary build folder in $cache"; return 1; }
    mkdir -p "$tmp/bin"
    _pcli_log "building pulumi-language-nodejs v$lh_version, then pulumi v$cli_version, with $(go version | cut -d' ' -f3) into $final (logs in $tmp/*/*.log)"

    local sdk_pin=()
    [ "$lh_mod" = "github.com/pulumi/pulumi/sdk/v3" ] || sdk_pin=("github.com/pulumi/pulumi/sdk/v3@v$lh_version" "github.com/pulumi/pulumi/pkg/v3@v$lh_version")
    _pcli_wrapper_build "$tmp/langhost" "$tmp/bin/pulumi-language-nodejs" "$lh_gomod" "$lh_pkg" "v$lh_version" "${sdk_pin[@]}" ||
        { _pcli_fail "go build of $lh_pkg@v$lh_version (wrapper module in $tmp/langhost)"; return 1; }
    _pcli_log "built pulumi-language-nodejs v$lh_version after $(_pcli_dur $((SECONDS - _pcli_t0))); now pulumi"
    _pcli_wrapper_build "$tmp/cli" "$tmp/bin/pulumi" "$cli_gomod" "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi" "v$cli_version" \
        "github.com/pulumi/pulumi/sdk/v3@v$cli_version" ||
        { _pcli_fail "go build of github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$cli_version (wrapper module in $tmp/cli)"; return 1; }

    local got
    got="$("$tmp/bin/pulumi" version 2>&1)" && [ "${got#v}" = "$cli_version" ] ||
        { _pcli_fail "the built $tmp/bin/pulumi does not run or reports '$got', not v$cli_version"; return 1; }
    local secs=$((SECONDS - _pcli_t0))
    {
        echo "pulumi                  v$cli_version (github.com/pulumi/pulumi/pkg/v3)"
        echo "pulumi-language-nodejs  v$lh_version ($lh_pkg)"
        echo "wanted                  v$want (the installed @pulumi/pulumi, or PULUMI_CLI_VERSION)"
        echo "built with              $(go version)"
        echo "built on                $(date -u +%Y-%m-%dT%H:%M:%SZ) in ${secs}s"
    } >"$tmp/VERSIONS"
    rm -rf "$tmp/cli" "$tmp/langhost"   # wrapper modules and logs: the module and build caches keep the rest
    if ! mv -T "$tmp" "$final" 2>/dev/null; then
        rm -rf "$final" && mv -T "$tmp" "$final" || { _pcli_fail "moving $tmp to $final"; return 1; }
    fi
    _pcli_log "built pulumi v$cli_version and pulumi-language-nodejs v$lh_version in $(_pcli_dur "$secs") ($(du -sh "$final" | cut -f1) in $final)"
    local gocache gomodcache
    gocache="$(go env GOCACHE)"; gomodcache="$(go env GOMODCACHE)"
    _pcli_log "Go's caches, which only later builds need: $(du -sh "$gocache" 2>/dev/null | cut -f1) in $gocache (GOCACHE), $(du -sh "$gomodcache" 2>/dev/null | cut -f1) in $gomodcache (GOMODCACHE); \`go clean -cache -modcache\` removes them"
    echo "$final/bin"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    _pcli_main || return 1
    set -e  # as scripts/env.sh leaves it
else
    _pcli_main || exit 1
    if [ "$#" -gt 0 ]; then
        exec "$@"
    fi
    printf 'export PATH=%q\n' "$PATH"
    for _v in PULUMI_BACKEND_URL PULUMI_CONFIG_PASSPHRASE PULUMI_SKIP_UPDATE_CHECK PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION PULUMI_CLI_BIN; do
        [ -n "${!_v+set}" ] && printf 'export %s=%q\n' "$_v" "${!_v}"
    done
fi
