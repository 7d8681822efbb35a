// SPDX-License-Identifier: MIT
// The editor experience, with the real YAML language server: a profile whose
// first line names aidecide's schema gets a red squiggle on a wrong answer,
// answer completions, and no complaint when it is right.
// Usage: node yaml_ls.js SCHEMA_FILE
const {spawn} = require('child_process');
const path = require('path');

const schema = 'file://' + path.resolve(process.argv[2]);
const server = spawn(process.execPath,
  [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'],
  {stdio: ['pipe', 'pipe', 'inherit']});

let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const waiters = [];

function send(message) {
  const body = Buffer.from(JSON.stringify({jsonrpc: '2.0', ...message}));
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({id, method, params});
  return new Promise((resolve) => pending.set(id, resolve));
}
function notify(method, params) { send({method, params}); }
function onMessage(m) {
  if (m.id !== undefined && pending.has(m.id)) { pending.get(m.id)(m.result); pending.delete(m.id); return; }
  if (m.id !== undefined && m.method) { send({id: m.id, result: m.method === 'workspace/configuration' ? m.params.items.map(() => null) : null}); return; }
  if (m.method === 'textDocument/publishDiagnostics') {
    diagnostics.set(m.params.uri, m.params.diagnostics);
    for (const w of waiters.splice(0)) w();
  }
}
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const header = buffer.indexOf('\r\n\r\n');
    if (header < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, header).toString())[1]);
    if (buffer.length < header + 4 + length) return;
    onMessage(JSON.parse(buffer.slice(header + 4, header + 4 + length).toString()));
    buffer = buffer.slice(header + 4 + length);
  }
});

async function diagnosticsFor(uri, text) {
  diagnostics.delete(uri);
  notify('textDocument/didOpen', {textDocument: {uri, languageId: 'yaml', version: 1, text}});
  const deadline = Date.now() + 20000;
  while (!diagnostics.has(uri)) {
    if (Date.now() > deadline) throw new Error('no diagnostics for ' + uri);
    await new Promise((r) => { waiters.push(r); setTimeout(r, 200); });
  }
  return diagnostics.get(uri);
}

function profile(sensitivity) {
  return `# yaml-language-server: $schema=${schema}\nname: Support bot\nanswers:\n` +
    `  data_sensitivity: ${sensitivity}\n  data_residency: anywhere\n  workload_mix: uniform\n` +
    `  monthly_requests: 1000000\n  tokens_in_per_request: 1000\n  tokens_out_per_request: 300\n` +
    `  traffic_pattern: steady\n  latency_budget_ms: 1000\n  connectivity: online\n` +
    `  upfront_budget_usd: 100000\n  monthly_budget_usd: 20000\n  team_mlops: basic\n` +
    `  customization: prompting\n  model_capability: strong\n  project_stage: production\n` +
    `  criticality: business\n  lock_in_tolerance: medium\n  existing_gpus: none\n`;
}

(async () => {
  let failures = 0;
  const check = (ok, what) => { if (!ok) { console.log('FAIL ' + what); failures++; } };
  await request('initialize', {processId: process.pid, rootUri: null, capabilities: {
    textDocument: {completion: {completionItem: {snippetSupport: false}}, publishDiagnostics: {}}}});
  notify('initialized', {});
  notify('workspace/didChangeConfiguration', {settings: {yaml: {validate: true, completion: true, hover: true, schemaStore: {enable: false}}}});

  const bad = await diagnosticsFor('file:///tmp/bad.yaml', profile('secret'));
  const squiggle = bad.find((d) => d.range.start.line === 3);
  check(squiggle !== undefined, 'a wrong answer gets a diagnostic on its line: ' + JSON.stringify(bad));
  check(squiggle && /public|internal|confidential/.test(squiggle.message), 'the diagnostic names the allowed answers');

  const good = await diagnosticsFor('file:///tmp/good.yaml', profile('internal'));
  check(good.length === 0, 'a valid profile has no diagnostics: ' + JSON.stringify(good));

  const completion = await request('textDocument/completion',
    {textDocument: {uri: 'file:///tmp/good.yaml'}, position: {line: 3, character: 20}});
  const labels = (completion.items || completion).map((i) => i.label);
  check(labels.includes('regulated') && labels.includes('unknown'), 'answers are offered as completions: ' + labels.join(', '));

  const hover = await request('textDocument/hover', {textDocument: {uri: 'file:///tmp/good.yaml'}, position: {line: 3, character: 4}});
  check(hover && JSON.stringify(hover.contents).includes('sensitive'), 'hover shows the question: ' + JSON.stringify(hover));

  console.log(`yaml-language-server: squiggle on a wrong answer, ${labels.length} completions, hover text; ${failures} failures`);
  server.kill();
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.log('FAIL ' + e.message); server.kill(); process.exit(1); });
