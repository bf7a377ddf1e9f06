#!/usr/bin/env bash
# Build the rich-text editor bundle: static/vendor/byline-editor.{js,css}
# (+ byline-editor.LICENSES.txt) from frontend/, with the locked npm packages.
# Only people changing the editor need this (Node 18+ and npm); the committed
# bundle is what Byline serves.
set -euo pipefail
cd "$(dirname "$0")/../frontend"
# Install scripts are not needed (esbuild's binary comes as a package) and stay off.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
node build.mjs
echo "Built static/vendor/byline-editor.js and byline-editor.css"
