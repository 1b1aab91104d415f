#!/usr/bin/env bash
# `npm run inspect`: the MCP Inspector CLI against the build, on the sandbox: lists the tools and
# calls one. The Inspector needs Node >= 22.19; on an older Node, npx brings Node 22 from the npm
# registry (the `node` package) for the Inspector only. The server itself runs on this machine's
# Node, by absolute path.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli.js ] || npm run build
server_node="$(command -v node)"
if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)'; then
  with_node=()
else
  with_node=(-p node@22)
fi
inspector=(npx -y "${with_node[@]}" -p @modelcontextprotocol/inspector@2 mcp-inspector --cli)
echo "== tools/list" >&2
"${inspector[@]}" "$server_node" dist/cli.js --sandbox --method tools/list | head -c 2000
echo >&2
echo "== tools/call list_timezones" >&2
"${inspector[@]}" "$server_node" dist/cli.js --sandbox --method tools/call --tool-name list_timezones | head -c 600
echo >&2
