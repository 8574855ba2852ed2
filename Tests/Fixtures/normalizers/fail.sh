#!/bin/sh
echo "starting" >&2
echo "Traceback: KeyError: 'title'" >&2
exit 3
