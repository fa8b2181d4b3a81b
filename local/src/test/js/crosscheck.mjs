#!/usr/bin/env node
// Cross-checks the Java ASL interpreter (dev.mljobs.local.asl) against the independent
// JavaScript interpreter aws-local-stepfunctions@3.0.0, and validates the project's state
// machines with asl-validator@4.0.0.
//
// Usage: node crosscheck.mjs --java RESULTS.jsonl [--statemachines DIR] CASE.json|DIR ...
//
// Cases use the format of local/src/test/resources/asl-conformance/README.md (definition, input,
// task_behaviour). RESULTS.jsonl holds one line per case from AslCrossCheckMain: the Java result.
// A case marked "js_interpreter_differs" documents a known bug of the JS interpreter: skipped.
// Exit status: 0 when every compared case agrees and every definition is valid, 1 otherwise.

// Node 20 lacks Promise.withResolvers, which aws-local-stepfunctions 3.x uses.
if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new this((a, b) => { resolve = a; reject = b; });
    return { promise, resolve, reject };
  };
}

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import aslValidatorModule from 'asl-validator';

const aslValidator = aslValidatorModule.default ?? aslValidatorModule;
const RUN_TIMEOUT_MS = 15000;

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
}

// Removes the simple paths of "expected_patterns" ($.a.b, $.a[0]): random values differ by nature.
function withoutPatterns(value, patterns) {
  const out = clone(value);
  for (const path of Object.keys(patterns ?? {})) {
    const segs = path.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? [];
    const keys = segs.map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s.slice(1)));
    let node = out;
    for (const k of keys.slice(0, -1)) node = node?.[k];
    if (node && typeof node === 'object') delete node[keys[keys.length - 1]];
  }
  return out;
}

function taskStates(def, names = []) {
  for (const [name, st] of Object.entries(def.States ?? {})) {
    if (st.Type === 'Task') names.push(name);
    for (const b of st.Branches ?? []) taskStates(b, names);
    if (st.Type === 'Map') taskStates(st.ItemProcessor ?? st.Iterator ?? {}, names);
  }
  return names;
}

// The harness rules of the conformance README: one counter per Task state name.
async function runJs(c) {
  const calls = {};
  const handlers = {};
  for (const name of taskStates(c.definition)) {
    handlers[name] = async (input) => {
      const n = (calls[name] = (calls[name] ?? 0) + 1);
      const list = c.task_behaviour?.[name];
      if (!list) return input;
      const entry = list[n - 1];
      if (!entry) throw Object.assign(new Error(`${name} called ${n} times`), { name: 'HarnessBehaviourExhausted' });
      if ('error' in entry) throw Object.assign(new Error(entry.cause ?? ''), { name: entry.error });
      return clone(entry.return);
    };
  }
  const retryIntervalOverrides = Object.fromEntries(taskStatesWithRetry(c.definition).map((n) => [n, 0]));
  const sm = new StateMachine(clone(c.definition), { validationOptions: { checkArn: false } });
  const exec = sm.run(clone(c.input), { overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides } });
  let timer;
  try {
    const timeout = new Promise((_, rej) => { timer = setTimeout(() => rej(new Error('timeout')), RUN_TIMEOUT_MS); });
    const output = await Promise.race([exec.result, timeout]);
    return { status: 'SUCCEEDED', output: output === undefined ? null : clone(output), task_calls: calls };
  } catch (err) {
    const inner = err?.name === 'ExecutionError' && err.cause ? err.cause : err;
    return { status: 'FAILED', error: inner?.name ?? String(inner), task_calls: calls };
  } finally {
    clearTimeout(timer);
  }
}

function taskStatesWithRetry(def, names = []) {
  for (const [name, st] of Object.entries(def.States ?? {})) {
    if (Array.isArray(st.Retry)) names.push(name);
    for (const b of st.Branches ?? []) taskStatesWithRetry(b, names);
    if (st.Type === 'Map') taskStatesWithRetry(st.ItemProcessor ?? st.Iterator ?? {}, names);
  }
  return names;
}

function differences(c, js, java) {
  const problems = [];
  if (js.status !== java.status) return [`status: JS ${js.status} (${js.error ?? ''}), Java ${java.status} (${java.error ?? ''})`];
  if (js.status === 'SUCCEEDED') {
    const a = withoutPatterns(js.output, c.expected_patterns);
    const b = withoutPatterns(java.output, c.expected_patterns);
    if (!deepEqual(a, b)) problems.push(`output: JS ${JSON.stringify(js.output)}, Java ${JSON.stringify(java.output)}`);
  } else if (js.error !== java.error) {
    problems.push(`error: JS ${js.error}, Java ${java.error}`);
  }
  const names = new Set([...Object.keys(js.task_calls), ...Object.keys(java.task_calls)]);
  for (const n of names) {
    if ((js.task_calls[n] ?? 0) !== (java.task_calls[n] ?? 0)) {
      problems.push(`task_calls.${n}: JS ${js.task_calls[n] ?? 0}, Java ${java.task_calls[n] ?? 0}`);
    }
  }
  return problems;
}

function collect(paths, suffix) {
  const files = [];
  for (const p of paths) {
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (f.endsWith(suffix)) files.push(join(p, f));
    } else files.push(p);
  }
  return files;
}

async function validateStateMachines(dir) {
  const files = dir ? collect([dir], '.asl.json') : [];
  if (files.length === 0) {
    console.log(`asl-validator: no statemachines/*.asl.json to validate${dir ? ` in ${dir}` : ''}`);
    return 0;
  }
  let invalid = 0;
  for (const f of files) {
    // ${Placeholders} are substituted at deploy time; any string stands in for them here.
    const text = readFileSync(f, 'utf8').replace(/\$\{[A-Za-z0-9_]+\}/g, 'arn:aws:lambda:us-east-1:123456789012:function:placeholder');
    const { isValid, errors } = await aslValidator(JSON.parse(text));
    console.log(`${isValid ? 'VALID     ' : 'INVALID   '} ${f}`);
    if (!isValid) { invalid++; console.log(`           - ${JSON.stringify(errors).slice(0, 500)}`); }
  }
  return invalid;
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args.splice(i, 2)[1]; };
  const javaFile = option('--java');
  const stateMachines = option('--statemachines');
  if (!javaFile) { console.error('usage: node crosscheck.mjs --java RESULTS.jsonl [--statemachines DIR] CASE.json|DIR ...'); process.exit(2); }
  const java = new Map(readFileSync(javaFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((r) => [r.name, r]));
  let passed = 0, failed = 0, skipped = 0;
  for (const f of collect(args, '.json')) {
    const c = JSON.parse(readFileSync(f, 'utf8'));
    if (c.js_interpreter_differs) { skipped++; console.log(`SKIP       ${c.name} (known JS interpreter difference)`); continue; }
    const { isValid, errors } = await aslValidator(c.definition);
    const problems = isValid ? [] : [`asl-validator: ${JSON.stringify(errors).slice(0, 300)}`];
    const javaResult = java.get(c.name);
    if (!javaResult) problems.push('no Java result');
    else problems.push(...differences(c, await runJs(c), javaResult));
    if (problems.length === 0) { passed++; console.log(`AGREE      ${c.name}`); }
    else { failed++; console.log(`DIFFER     ${c.name}`); for (const p of problems) console.log(`           - ${p}`); }
  }
  failed += await validateStateMachines(stateMachines);
  console.log(`crosscheck: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
