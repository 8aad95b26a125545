#!/bin/sh
# Writes jp.csv beside this script from the npm package @holiday-jp/holiday_jp (MIT licence).
# Needs npm and node. Usage: ./regenerate-jp.sh [version]   (default: the version jp.csv was made from)
set -eu
version="${1:-2.5.1}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@holiday-jp/holiday_jp@$version" >/dev/null && tar xzf holiday-jp-holiday_jp-*.tgz)
node - "$work/package" > "$work/jp.csv" <<'JS'
const dir = process.argv[2];
const pkg = require(dir + "/package.json");
if (pkg.license !== "MIT") {
  throw new Error("licence is " + pkg.license + ", not MIT: check it before vendoring");
}
const all = require(dir + "/lib/holidays.js");
const holidays = all.default || all;
const lines = ["date,name_ja,name_en"];
for (const date of Object.keys(holidays).sort()) {
  const h = holidays[date];
  const fields = [h.date, h.name, h.name_en || ""];
  for (const f of fields) {
    if (/[,"\r\n]/.test(f)) {
      throw new Error(date + ": a field holds a comma, quote or line break, which jp.csv does not quote: " + f);
    }
  }
  if (h.date !== date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new Error("unexpected entry " + date + ": " + JSON.stringify(h));
  }
  lines.push(fields.join(","));
}
process.stdout.write(lines.join("\n") + "\n");
JS
mv "$work/jp.csv" "$here/jp.csv"
echo "jp.csv: $(($(wc -l < "$here/jp.csv") - 1)) holidays from @holiday-jp/holiday_jp@$version"
