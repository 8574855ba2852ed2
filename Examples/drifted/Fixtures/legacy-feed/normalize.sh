#!/bin/sh
# Turns `reference|title|salary` lines into {"normalized": {"records": [...]}, "finalized": ...}.
# Standard output must be JSON; anything on standard error is shown if the script fails.
set -eu
records=$(grep -v '^#' "$1" | grep -v '^$' | awk -F'|' '{
  gsub(/^ +| +$/, "", $1); gsub(/^ +| +$/, "", $2); gsub(/[^0-9]/, "", $3);
  printf "%s{\"reference\": \"%s\", \"title\": \"%s\", \"salary\": %s}", (NR > 1 ? ", " : ""), $1, $2, $3
}')
printf '{"normalized": {"records": [%s]}, "finalized": {"records": [%s], "source": "partner-feed"}}\n' "$records" "$records"
