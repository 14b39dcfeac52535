#!/bin/sh
# Converts vega-datasets' data/sp500-2000.csv into data/sp500_daily.csv (see data/README.md):
# keeps date,open,high,low,close,volume (drops adjclose), renames date to ts, copies cells as text.
set -eu
src=${1:?usage: convert_sp500.sh path/to/sp500-2000.csv [out.csv]}
out=${2:-$(dirname "$0")/sp500_daily.csv}
head -n 1 "$src" | grep -qx 'date,open,high,low,close,adjclose,volume' || { echo "$src: unexpected header" >&2; exit 1; }
awk -F, -v OFS=, 'NR == 1 { print "ts,open,high,low,close,volume"; next } { print $1, $2, $3, $4, $5, $7 }' "$src" > "$out"
