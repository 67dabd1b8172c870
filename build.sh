#!/usr/bin/env bash
# Bootstrap of the build: find (or install) the .NET SDK that global.json pins, compile build/_build.csproj into
# .nuke/temp/build when its sources changed, and run it with every argument passed through. The build's exit code
# is this script's.
#   ./build.sh --help    targets and parameters
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMP="$ROOT/.nuke/temp"
BUILD_OUTPUT="$TEMP/build"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_MULTILEVEL_LOOKUP=0

required="$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$ROOT/global.json" | head -n 1)"

# global.json says rollForward latestFeature: any SDK of the same major.minor that is at least the pinned version.
satisfies() {
    local candidate="$1"
    [[ "${candidate%.*}" == "${required%.*}" ]] || return 1
    [[ "$(printf '%s\n%s\n' "$required" "$candidate" | sort -V | head -n 1)" == "$required" ]]
}

DOTNET=""
if command -v dotnet > /dev/null 2>&1; then
    while read -r version _; do
        if satisfies "$version"; then DOTNET="$(command -v dotnet)"; break; fi
    done < <(dotnet --list-sdks 2> /dev/null || true)
fi
if [[ -z "$DOTNET" ]]; then
    DOTNET_DIR="$TEMP/dotnet"
    if [[ ! -x "$DOTNET_DIR/dotnet" ]]; then
        echo "No .NET SDK satisfying global.json ($required, latestFeature) on PATH: installing one into $DOTNET_DIR"
        mkdir -p "$DOTNET_DIR"
        curl -fsSL https://dot.net/v1/dotnet-install.sh -o "$TEMP/dotnet-install.sh"
        bash "$TEMP/dotnet-install.sh" --jsonfile "$ROOT/global.json" --install-dir "$DOTNET_DIR" --no-path
    fi
    DOTNET="$DOTNET_DIR/dotnet"
    export DOTNET_ROOT="$DOTNET_DIR" PATH="$DOTNET_DIR:$PATH"
fi

# Recompile only when something the build is made of changed (or HEAD moved: the version comes from git).
stamp="$(
    cd "$ROOT"
    git rev-parse HEAD 2> /dev/null || true
    find build src/Todo.Contracts global.json Directory.Build.props Directory.Packages.props \
        \( -name bin -o -name obj \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -print0 \
        | sort -z | xargs -0 sha256sum
)"
stamp="$(printf '%s' "$stamp" | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$BUILD_OUTPUT/_build.dll" || "$(cat "$BUILD_OUTPUT/.stamp" 2> /dev/null)" != "$stamp" ]]; then
    rm -f "$BUILD_OUTPUT/.stamp"
    # Say something at once: on a fresh clone this compile takes about a minute before the build prints its plan.
    echo "Compiling the build (build/_build.csproj changed or never built); the plan follows."
    if ! build_log="$("$DOTNET" build "$ROOT/build/_build.csproj" -o "$BUILD_OUTPUT" -nologo -v quiet -clp:NoSummary 2>&1)"; then
        printf '%s\n' "$build_log"
        echo "The build project (build/_build.csproj) does not compile; see the errors above." >&2
        exit 1
    fi
    printf '%s' "$stamp" > "$BUILD_OUTPUT/.stamp"
fi

cd "$ROOT"
exec "$DOTNET" "$BUILD_OUTPUT/_build.dll" "$@"
