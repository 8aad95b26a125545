// The contract check `./mvnw verify` runs in this module (exec-maven-plugin, phase verify):
// lints the four services' OpenAPI documents with Redocly (redocly.yaml) and Spectral (.spectral.yaml),
// validates docs/asyncapi.yaml with the AsyncAPI CLI, generates TypeScript from each OpenAPI document
// with openapi-typescript and compiles client/bookings.ts against it with tsc --strict.
// Any error fails the build. It prints what it counted, so a before/after is one run away.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
// KAIGI_CONTRACTS_ROOT: another checkout to measure (a before/after pair), the repository itself by default
const root = resolve(process.env.KAIGI_CONTRACTS_ROOT ?? join(here, ".."));
const target = join(here, "target");
const generated = join(target, "generated");
const services = ["licensing-service", "user-service", "scheduling-service", "integration-service"];
const documents = services.map((s) => join(root, s, "openapi", "openapi.yaml"));
const asyncapi = join(root, "docs", "asyncapi.yaml");
mkdirSync(generated, { recursive: true });

// No tool may call home from a build: Redocly's telemetry off; the AsyncAPI CLI reads its analytics
// switch from this file (it would otherwise write one into the home directory and send metrics).
const analytics = join(target, "asyncapi-analytics.json");
writeFileSync(analytics, JSON.stringify({ analyticsEnabled: "false", infoMessageShown: "true", userID: "kaigi-build" }));
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", ASYNCAPI_METRICS_CONFIG_PATH: analytics };

const failures = [];
const counts = {};

function run(name, args, { json = false } = {}) {
  const started = Date.now();
  const result = spawnSync(join(here, "node_modules", ".bin", name), args, { cwd: here, env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (result.error) {
    throw result.error;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[contract-checks] ${name} ${json ? "" : args.join(" ")} (${seconds} s, exit ${result.status})`);
  if (!json) {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
  }
  return result;
}

function relative(file) {
  return file.startsWith(root) ? file.slice(root.length + 1) : file;
}

// Redocly: one run per document (it prints one JSON report per file).
counts["Redocly errors"] = 0;
counts["Redocly warnings"] = 0;
for (const file of documents) {
  const result = run("redocly", ["lint", "--config", "redocly.yaml", "--format", "json", file], { json: true });
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf("{")));
  for (const problem of report.problems) {
    const where = problem.location?.[0];
    console.log(`  ${problem.severity} ${problem.ruleId} ${relative(file)}#${where?.pointer ?? ""}: ${problem.message}`);
  }
  counts["Redocly errors"] += report.totals.errors;
  counts["Redocly warnings"] += report.totals.warnings;
  if (report.totals.errors > 0 || result.status !== 0) failures.push(`Redocly: ${report.totals.errors} errors in ${relative(file)}`);
}

// Spectral: spectral:oas; severity 0 is an error, 1 a warning.
{
  const result = run("spectral", ["lint", "--ruleset", ".spectral.yaml", "--format", "json", "--quiet", ...documents], { json: true });
  const start = result.stdout.indexOf("[");
  const results = start < 0 ? [] : JSON.parse(result.stdout.slice(start));
  for (const r of results) {
    console.log(`  ${r.severity === 0 ? "error" : "warning"} ${r.code} ${relative(r.source)}#/${r.path.join("/")}: ${r.message}`);
  }
  counts["Spectral errors"] = results.filter((r) => r.severity === 0).length;
  counts["Spectral warnings"] = results.filter((r) => r.severity === 1).length;
  if (counts["Spectral errors"] > 0 || result.status !== 0) failures.push(`Spectral: ${counts["Spectral errors"]} errors`);
}

// AsyncAPI 3.x: the CLI's validation (parser + its governance rules) must find no error.
{
  const result = run("asyncapi", ["validate", asyncapi, "--fail-severity", "error", "--diagnostics-format", "json"], { json: true });
  const start = result.stdout.indexOf("[");
  let diagnostics = [];
  try {
    diagnostics = start < 0 ? [] : JSON.parse(result.stdout.slice(start, result.stdout.lastIndexOf("]") + 1));
  } catch {
    process.stdout.write(result.stdout);
  }
  for (const d of diagnostics) {
    console.log(`  ${["error", "warning", "info", "hint"][d.severity]} ${d.code} docs/asyncapi.yaml#/${(d.path ?? []).join("/")}: ${d.message}`);
  }
  counts["AsyncAPI errors"] = diagnostics.filter((d) => d.severity === 0).length;
  if (result.status !== 0) {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    failures.push(`AsyncAPI: ${counts["AsyncAPI errors"]} errors`);
  }
}

// What a generated client gets: examples on operations, required on object schemas.
{
  let operations = 0, withExamples = 0, objects = 0, withoutRequired = 0;
  for (const file of documents) {
    const doc = parse(readFileSync(file, "utf8"));
    for (const item of Object.values(doc.paths ?? {})) {
      for (const method of ["get", "put", "post", "delete", "patch"]) {
        const op = item[method];
        if (!op) continue;
        operations++;
        const contents = [op.requestBody?.content, ...Object.values(op.responses ?? {}).map((r) => r.content)].filter(Boolean);
        if (contents.some((c) => Object.values(c).some((m) => m.example !== undefined || m.examples))) withExamples++;
      }
    }
    for (const schema of Object.values(doc.components?.schemas ?? {})) {
      if (schema.properties) {
        objects++;
        if (!schema.required?.length) withoutRequired++;
      }
    }
  }
  counts["operations"] = operations;
  counts["operations with an example"] = withExamples;
  counts["object schemas"] = objects;
  counts["object schemas without required"] = withoutRequired;
}

// openapi-typescript, then tsc --strict over the generated types and the typed client.
for (const [i, service] of services.entries()) {
  const result = run("openapi-typescript", [documents[i], "--output", join(generated, `${service}.d.ts`)]);
  if (result.status !== 0) failures.push(`openapi-typescript: ${service}`);
}
if (run("tsc", ["--project", "tsconfig.json"]).status !== 0) failures.push("tsc --strict: the typed client does not compile");

console.log("[contract-checks] " + Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join(", "));
if (failures.length > 0) {
  console.error("[contract-checks] FAILED: " + failures.join("; "));
  process.exit(1);
}
console.log("[contract-checks] the OpenAPI and AsyncAPI documents pass");
