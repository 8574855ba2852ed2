#!/bin/sh
# Never finishes, and starts a child that would keep standard output open; the child's
# process id goes next to the page so a test can check that it was killed too.
sleep 300 &
echo $! > "$(dirname "$1")/child.pid"
sleep 300
