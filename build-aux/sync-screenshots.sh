#!/usr/bin/env bash
# Screenshots of the sync UI (header button and popover, Server
# preferences, conflict list and resolution view) in English and German,
# light and dark, 360 px wide, over a real lotse-server with a conflict.
#
#   build-aux/sync-screenshots.sh OUTDIR
#
# Needs xvfb-run and ImageMagick's import.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${LOTSE_BUILD_DIR:-$src/_build}
out=$(realpath -m "${1:?usage: $0 OUTDIR}")
mkdir -p "$out"
work=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" LOTSE_LOCALEDIR="$build/po"
export LOTSE_CREDENTIALS=file
cli="$build/src/cli/lotse-cli"
server="$build/src/server/lotse-server"
port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"

mkdir -p "$work/server"
echo 'Geheim-2026' | "$server" --data-dir "$work/server" user add anna --role editor >/dev/null
"$server" --data-dir "$work/server" --listen "127.0.0.1:$port" 2>"$work/server.log" &
server_pid=$!
sleep 1

sync () { echo 'Geheim-2026' | "$cli" --db "$1" sync --server "$url" --user anna --password-stdin >/dev/null; }

id=$("$cli" --db "$work/a.db" add article title='Protokoll Jour fixe Programmbüro' category=note \
  body=$'Anwesend: Anna, Ben\nTOP 1: Haushalt 2027\nTOP 2: Lernreise Lissabon\nTOP 3: Verschiedenes')
project=$("$cli" --db "$work/a.db" add project title='Digitale Lehre im Verbund' acronym=DILE status=running)
"$cli" --db "$work/a.db" add project title='Lernreise Lissabon' acronym=LISS status=planned >/dev/null
sync "$work/a.db"
sync "$work/b.db"
"$cli" --db "$work/a.db" update project "$project" title='Digitale Lehre im Verbund 2027' >/dev/null
"$cli" --db "$work/b.db" update project "$project" title='Digitale Lehre (Pilotphase)' >/dev/null
"$cli" --db "$work/a.db" update article "$id" title='Protokoll JF 12. März' \
  body=$'Anwesend: Anna, Ben\nTOP 1: Haushalt 2027 – Entwurf steht\nTOP 2: Lernreise Lissabon\nTOP 3: Verschiedenes' >/dev/null
"$cli" --db "$work/b.db" update article "$id" title='Protokoll Jour fixe März' \
  body=$'Anwesend: Anna, Ben, Clara\nTOP 1: Haushalt 2027\nTOP 2: Lernreise Lissabon\nTOP 3: Verschiedenes' >/dev/null
sync "$work/a.db"
sync "$work/b.db" || true
"$cli" --db "$work/b.db" add article title='Notiz zur Lernreise' category=note >/dev/null
# The same without its device token: a device that is not connected
cp "$work/b.db" "$work/c.db"

shoot () {
  local name=$1 scene=$2 height=$3 scheme=$4
  shift 4
  xvfb-run -a -s "-screen 0 360x${height}x24" bash -c '
    "$0" "$1" "$2" 360 "$3" "$4" & pid=$!
    sleep 4
    import -window root "$5"
    kill $pid' "$build/tests/sync-preview" "$work/${db:-b}.db" "$scene" "$height" "$scheme" "$out/$name.png"
}

for lang in en de; do
  if [ $lang = de ]; then export LANGUAGE=de LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8; else export LANGUAGE=en LANG=C.UTF-8 LC_ALL=C.UTF-8; fi
  for scheme in light dark; do
    shoot "popover-conflicts-$lang-$scheme" popover 520 $scheme
    shoot "preferences-connected-$lang-$scheme" preferences 640 $scheme
    db=c shoot "preferences-connect-$lang-$scheme" preferences 640 $scheme
    shoot "conflicts-$lang-$scheme" conflicts 400 $scheme
    LOTSE_PREVIEW_TABLE=article shoot "resolve-$lang-$scheme" resolve 1240 $scheme
    db=c shoot "popover-disconnected-$lang-$scheme" popover 400 $scheme
    shoot "badge-list-$lang-$scheme" list 640 $scheme
    shoot "badge-page-$lang-$scheme" page 640 $scheme
  done
done

# A device with nothing waiting: synced
for lang in en de; do
  if [ $lang = de ]; then export LANGUAGE=de LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8; else export LANGUAGE=en LANG=C.UTF-8 LC_ALL=C.UTF-8; fi
  db=a LOTSE_PREVIEW_SYNC=1 shoot "popover-synced-$lang-light" popover 400 light
done

# A change not sent yet: pending
"$cli" --db "$work/a.db" add article title='Reisekosten Lissabon' category=note >/dev/null
for lang in en de; do
  if [ $lang = de ]; then export LANGUAGE=de LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8; else export LANGUAGE=en LANG=C.UTF-8 LC_ALL=C.UTF-8; fi
  db=a shoot "popover-pending-$lang-light" popover 400 light
done

# The administrator signed the devices out: a problem, said in plain words
"$server" --data-dir "$work/server" token revoke anna >/dev/null
for lang in en de; do
  if [ $lang = de ]; then export LANGUAGE=de LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8; else export LANGUAGE=en LANG=C.UTF-8 LC_ALL=C.UTF-8; fi
  db=a LOTSE_PREVIEW_SYNC=1 shoot "popover-error-$lang-dark" popover 440 dark
done

# The server away: offline, changes kept
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
for lang in en de; do
  if [ $lang = de ]; then export LANGUAGE=de LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8; else export LANGUAGE=en LANG=C.UTF-8 LC_ALL=C.UTF-8; fi
  LOTSE_PREVIEW_SYNC=1 shoot "popover-offline-$lang-light" popover 520 light
done
echo "screenshots in $out"
