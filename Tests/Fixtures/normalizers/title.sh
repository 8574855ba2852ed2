#!/bin/sh
# A normalizer written as a shell script: prints the page's <h1> as a record.
# With an argument it reads that file, without one it reads standard input.
if [ -n "$1" ]; then page=$(cat "$1"); else page=$(cat); fi
title=$(printf '%s' "$page" | sed -n 's:.*<h1>\(.*\)</h1>.*:\1:p' | head -n 1)
if [ -n "$1" ]; then
  printf '{"normalized": {"title": "%s"}, "finalized": {"title": "%s", "source": "script"}}\n' "$title" "$title"
else
  printf '{"title": "%s"}\n' "$title"
fi
