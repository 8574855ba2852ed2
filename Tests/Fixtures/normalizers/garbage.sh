#!/bin/sh
printf '{"title": "unterminated\n'
