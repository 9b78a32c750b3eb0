#!/usr/bin/env bash
# Fails when a translation is broken or incomplete, or when a source file
# with translatable strings is missing from po/POTFILES.in.
set -euo pipefail
cd "$1"

status=0

for po in po/*.po help/*/*.po; do
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
  echo "$po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*) echo "error: $po is incomplete"; status=1 ;;
  esac
done

listed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in | sort -u)
with_strings=$(grep -rlE '_\("|N_\("|C_\("|ngettext ?\(|translatable="yes"' src data \
  --include='*.c' --include='*.ui' --include='*.in' | sort -u)
missing=$(comm -23 <(echo "$with_strings") <(echo "$listed"))
if [ -n "$missing" ]; then
  echo "error: files with translatable strings missing from po/POTFILES.in:"
  echo "$missing"
  status=1
fi

# Every string in the sources must be in de.po: extract afresh and compare.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=ngettext:1,2 --keyword=g_dngettext:2,3 \
  -f po/POTFILES.in -o "$tmp/lotse.pot" 2>/dev/null
if ! msgcmp --use-untranslated po/de.po "$tmp/lotse.pot" 2> "$tmp/msgcmp.log"; then
  echo "error: po/de.po lacks strings of the sources (run ninja lotse-update-po and translate):"
  head -20 "$tmp/msgcmp.log"
  status=1
fi

# The help translation must cover the pages as they are now.
itstool -o "$tmp/help.pot" help/C/*.page help/C/legal.xml
for po in help/*/*.po; do
  if ! msgcmp "$po" "$tmp/help.pot" 2> "$tmp/help-msgcmp.log"; then
    echo "error: $po lacks paragraphs of help/C (run ninja help-lotse-update-po and translate):"
    head -20 "$tmp/help-msgcmp.log"
    status=1
  fi
done

exit $status
