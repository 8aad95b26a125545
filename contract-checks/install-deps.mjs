// `npm ci` when node_modules does not hold what package-lock.json pins (a clean clone, or a changed lock),
// else nothing: npm ci deletes and reinstalls all 1,500 packages, which would cost every build about a minute.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const lock = createHash("sha256").update(readFileSync(join(here, "package-lock.json"))).digest("hex");
const stamp = join(here, "node_modules", ".kaigi-installed-lock");
if (existsSync(stamp) && readFileSync(stamp, "utf8") === lock) {
  console.log("[contract-checks] node_modules matches package-lock.json");
  process.exit(0);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: here, stdio: "inherit" });
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, lock);
