// Build static/vendor/byline-editor.{js,css} (+ the licences of what is
// bundled). Run through `bash scripts/build-editor.sh`; the output is
// committed and is what users run, so it must be byte-for-byte reproducible.
import { build } from "esbuild";
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, "..", "static", "vendor");
const banner = "/* Byline editor bundle: built from frontend/ by scripts/build-editor.sh. Do not edit; licences in byline-editor.LICENSES.txt */";

const common = {
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
  banner: { js: banner, css: banner },
  absWorkingDir: here,
  metafile: true,
};

const js = await build({
  ...common,
  entryPoints: ["src/index.js"],
  outfile: join(out, "byline-editor.js"),
  format: "iife",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  charset: "ascii",
});
await build({
  ...common,
  entryPoints: ["src/editor.css"],
  outfile: join(out, "byline-editor.css"),
  target: ["chrome100", "firefox100", "safari15"],
});

// Licences of every npm package that ended up in the bundle.
const packages = new Set();
for (const input of Object.keys(js.metafile.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.add(m[1]);
}
const sections = [];
for (const name of [...packages].sort()) {
  const dir = join(here, "node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).sort().find((f) => /^licen[cs]e/i.test(f));
  const text = file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8").trim() : `License: ${pkg.license}`;
  sections.push(`${name} ${pkg.version} (${pkg.license})\n${"-".repeat(60)}\n${text}\n`);
}
writeFileSync(join(out, "byline-editor.LICENSES.txt"),
  "Third-party software bundled in byline-editor.js\n\n" + sections.join("\n"));
