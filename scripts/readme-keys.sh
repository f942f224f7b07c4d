#!/bin/sh
# Rewrites the README's key table from the keymap (`trailview --keys-markdown`); KeymapDocTests checks they agree.
set -eu
cd "$(dirname "$0")/.."
swift build --product trailview >/dev/null
.build/debug/trailview --keys-markdown > .build/keys.md
python3 - <<'PY'
text = open('README.md').read()
start = text.index('| Keys | Action |')
end = text.index('\n\n', start)
open('README.md', 'w').write(text[:start] + open('.build/keys.md').read().rstrip('\n') + text[end:])
PY
