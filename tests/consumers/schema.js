// SPDX-License-Identifier: MIT
// The JSON Schemas agree with the loaders: every valid sample passes the
// schema, and every invalid sample fails it, except the few rules a JSON
// Schema cannot express (listed, and checked to be the only ones).
// Usage: node schema.js SCHEMA_DIR SOURCE_DIR SCORE_JSON
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const YAML = require('yaml');

const [schemaDir, root, scoreJson] = process.argv.slice(2);
const ajv = new Ajv({allErrors: true, strict: false});
const load = (name) => ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, name + '.schema.json'))));
const schemas = {};
for (const name of ['profile', 'record', 'config', 'criteria', 'output']) schemas[name] = load(name);

let failures = 0;
const fail = (message) => { console.log('FAIL ' + message); failures++; };
const readYaml = (file) => {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), {uniqueKeys: true, maxAliasCount: 100});
  if (docs.length !== 1 || docs[0].errors.length > 0) return {error: 'not one valid YAML document'};
  return {value: docs[0].toJS({maxAliasCount: 100})};
};

// Valid samples.
const profiles = fs.readdirSync(path.join(root, 'profiles')).filter((f) => f.endsWith('.yaml'));
for (const f of profiles) {
  const {value, error} = readYaml(path.join(root, 'profiles', f));
  if (error || !schemas.profile(value)) fail(`profiles/${f} should pass: ${error || ajv.errorsText(schemas.profile.errors)}`);
}
const criteria = readYaml(path.join(root, 'criteria/default.yaml')).value;
if (!schemas.criteria(criteria)) fail('criteria/default.yaml: ' + ajv.errorsText(schemas.criteria.errors));
const config = readYaml(path.join(root, 'tests/data/config/valid.aidecide.yaml'));
if (config.error || !schemas.config(config.value)) fail('valid .aidecide.yaml: ' + ajv.errorsText(schemas.config.errors));
for (const adr of fs.readdirSync(path.join(root, 'docs/adr')).filter((f) => /^\d{4}-.*\.md$/.test(f))) {
  const text = fs.readFileSync(path.join(root, 'docs/adr', adr), 'utf8');
  // A fenced block (possibly indented in a list) or front matter's `aidecide:`.
  const fence = text.match(/^( *)(`{3,}|~{3,})(?:ya?ml )?aidecide\n([\s\S]*?)\n *\2/m);
  const front = text.match(/^---\n([\s\S]*?)\n---/);
  const record = fence
    ? YAML.parse(fence[3].split('\n').map((l) => l.slice(fence[1].length)).join('\n'))
    : front && YAML.parse(front[1]).aidecide;
  if (!record) { fail(`docs/adr/${adr}: no record`); continue; }
  if (!schemas.record(record)) fail(`docs/adr/${adr}: ` + ajv.errorsText(schemas.record.errors));
}
const output = JSON.parse(fs.readFileSync(scoreJson, 'utf8'));
if (!schemas.output(output)) fail('score --format json: ' + ajv.errorsText(schemas.output.errors));

// Invalid samples: each fails the YAML reader or the schema, except rules
// that need arithmetic across values.
const loaderOnly = new Set(['reversed-range.yaml']);
const invalidDir = path.join(root, 'tests/data/invalid');
let rejected = 0;
for (const f of fs.readdirSync(invalidDir).filter((n) => n.endsWith('.yaml'))) {
  let result;
  try { result = readYaml(path.join(invalidDir, f)); } catch (e) { result = {error: String(e)}; }
  const passes = !result.error && schemas.profile(result.value);
  if (loaderOnly.has(f)) {
    if (!passes) fail(`${f} is listed as loader-only but the schema rejects it`);
  } else if (passes) {
    fail(`${f} should fail the schema as it fails the loader`);
  } else {
    rejected++;
  }
}
console.log(`schemas agree: ${profiles.length} profiles, criteria, config, ${schemas.record ? 'records' : ''}, output valid; ${rejected} invalid samples rejected, ${loaderOnly.size} loader-only`);
process.exit(failures ? 1 : 0);
