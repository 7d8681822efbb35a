// SPDX-License-Identifier: MIT
// Validates a SARIF file against the official SARIF 2.1.0 JSON schema (as
// shipped by Microsoft's jest-sarif package) and parses a JUnit XML file with
// a real XML parser. Usage: node validate.js SARIF JUNIT
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const { XMLParser, XMLValidator } = require("fast-xml-parser");

const schemaPath = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
// The schema's language pattern is not valid in Unicode mode.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const sarif = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
if (!validate(sarif)) {
  console.error("SARIF is not valid:\n" + JSON.stringify(validate.errors, null, 2));
  process.exit(1);
}
const xml = fs.readFileSync(process.argv[3], "utf8");
const valid = XMLValidator.validate(xml);
if (valid !== true) {
  console.error("JUnit XML is not well-formed: " + JSON.stringify(valid));
  process.exit(1);
}
const junit = new XMLParser({ ignoreAttributes: false }).parse(xml);
const suites = [].concat(junit.testsuites.testsuite);
const names = new Set();
for (const suite of suites) {
  for (const c of [].concat(suite.testcase || [])) {
    const key = c["@_classname"] + "\u0000" + c["@_name"];
    if (names.has(key)) {
      console.error("JUnit test case repeated: " + key);
      process.exit(1);
    }
    names.add(key);
  }
}
console.log(`valid SARIF 2.1.0 (${sarif.runs[0].results.length} results); JUnit with ${names.size} unique test cases`);
