#!/usr/bin/env bash
# Refreshes the vendored GraphiQL explorer assets from the npm registry.
# Police networks are closed: the gateway serves every byte of GraphiQL itself
# (embedded with include_bytes!), so nothing in the page points at a CDN.
# Usage: bash gateway/assets/refresh.sh   (needs npm; run from anywhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
GRAPHIQL=3.8.3
REACT=18.3.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "graphiql@$GRAPHIQL" "react@$REACT" "react-dom@$REACT" >/dev/null
tar xzf "graphiql-$GRAPHIQL.tgz" package/graphiql.min.js package/graphiql.min.css
cp package/graphiql.min.js package/graphiql.min.css "$here/"
rm -rf package
tar xzf "react-$REACT.tgz" package/umd/react.production.min.js
cp package/umd/react.production.min.js "$here/react.production.min.js"
rm -rf package
tar xzf "react-dom-$REACT.tgz" package/umd/react-dom.production.min.js
cp package/umd/react-dom.production.min.js "$here/react-dom.production.min.js"
printf 'graphiql %s\nreact %s\nreact-dom %s\n' "$GRAPHIQL" "$REACT" "$REACT" > "$here/VERSIONS"
echo "GraphiQL assets refreshed in $here"
