// Copies the pinned npm files the site and its tests use into place.
// Run with `npm ci && npm run build` in web/ after changing package.json; the copied files are
// committed, so serving the site (make run) and running the tests never need npm or a CDN.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");

function copy(from, to, { stripSourceMap = false } = {}) {
  mkdirSync(dirname(to), { recursive: true });
  if (stripSourceMap) {
    // The map is not shipped, so drop the comment that would make devtools ask for it.
    const text = readFileSync(from, "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
    writeFileSync(to, text);
  } else {
    copyFileSync(from, to);
  }
  console.log(`${from.replace(here + "/", "")} -> ${to.replace(here + "/", "")}`);
}

const vendor = join(here, "static", "vendor");
copy(join(modules, "socket.io-client", "dist", "socket.io.min.js"), join(vendor, "socket.io.min.js"), {
  stripSourceMap: true,
});
copy(join(modules, "socket.io-client", "LICENSE"), join(vendor, "socket.io-client.LICENSE"));

const testVendor = join(here, "..", "tests", "browser", "vendor");
copy(join(modules, "axe-core", "axe.min.js"), join(testVendor, "axe.min.js"));
copy(join(modules, "axe-core", "LICENSE"), join(testVendor, "axe-core.LICENSE"));
