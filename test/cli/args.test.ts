/** Command-line parsing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../server/src/cli/args';

test('defaults: text, fail on errors, the current folder', () => {
  assert.deepEqual(parseArgs([]), {
    paths: ['.'],
    format: 'text',
    fix: false,
    unsafeFixes: false,
    config: null,
    failOn: 'error',
    quiet: false,
    verbose: false,
    rules: {},
    output: null,
    maxWarnings: null,
    stdin: false,
    stdinFilename: null,
    maxFileSize: 4 * 1024 * 1024,
    help: false,
    version: false,
  });
});

test('--max-warnings takes a whole number; - reads stdin, named by --stdin-filename', () => {
  assert.equal(parseArgs(['--max-warnings', '0']).maxWarnings, 0);
  assert.equal(parseArgs(['--max-warnings=12']).maxWarnings, 12);
  const stdin = parseArgs(['--stdin-filename', 'k8s/app.yaml', '-']);
  assert.deepEqual([stdin.paths, stdin.stdin, stdin.stdinFilename], [['-'], true, 'k8s/app.yaml']);
  assert.equal(parseArgs(['--', '-']).stdin, true);
  assert.deepEqual([parseArgs(['-f', 'github']).format, parseArgs(['a']).stdin], ['github', false]);
});

test('long, short and inline values; repeated --rule; -- ends the options', () => {
  const options = parseArgs(['-f', 'json', '--fail-on=warning', '-cconf.yaml', '--rule', 'latest-tag=error', '--rule=syntax = off', 'a', '--', '--fix', '-q']);
  assert.equal(options.format, 'json');
  assert.equal(options.failOn, 'warning');
  assert.equal(options.config, 'conf.yaml');
  assert.deepEqual(options.rules, { 'latest-tag': 'error', syntax: 'off' });
  assert.deepEqual(options.paths, ['a', '--fix', '-q']);
  assert.equal(options.fix, false);
  assert.equal(options.quiet, false);
});

test('flags', () => {
  const options = parseArgs(['--fix', '--unsafe-fixes', '-q', '--verbose', '-o', 'report.txt', '-h', '-v']);
  assert.deepEqual(
    [options.fix, options.unsafeFixes, options.quiet, options.verbose, options.output, options.help, options.version],
    [true, true, true, true, 'report.txt', true, true],
  );
});

test('usage errors', () => {
  const cases: [string[], string][] = [
    [['--nope'], "unknown option '--nope' (kubeready --help lists the options)"],
    [['-x'], "unknown option '-x' (kubeready --help lists the options)"],
    [['--format'], '--format needs a value (text|json|sarif|github)'],
    [['--format=yaml'], "--format must be one of text, json, sarif, github, not 'yaml'"],
    [['--fail-on', 'fatal'], "--fail-on must be one of error, warning, info, none, not 'fatal'"],
    [['--rule', 'latest-tag'], "--rule expects id=severity (for example latest-tag=error), not 'latest-tag'"],
    [['--rule', 'nope=error'], "--rule: unknown rule 'nope' (kubeready --help lists the rules)"],
    [['--fix=yes'], '--fix takes no value'],
    [['--output='], '--output needs a file name'],
    [['--unsafe-fixes'], '--unsafe-fixes works only together with --fix'],
    [['--max-warnings'], '--max-warnings needs a value (n)'],
    [['--max-warnings', '-1'], "--max-warnings must be a whole number of 0 or more, not '-1'"],
    [['--max-warnings=1.5'], "--max-warnings must be a whole number of 0 or more, not '1.5'"],
    [['--max-warnings=ten'], "--max-warnings must be a whole number of 0 or more, not 'ten'"],
    [['--max-warnings='], "--max-warnings must be a whole number of 0 or more, not ''"],
    [['-', '-'], 'the path - (stdin) can be given only once'],
    [['-', 'k8s'], 'the path - (stdin) cannot be combined with other paths'],
    [['Dockerfile', '--', '-'], 'the path - (stdin) cannot be combined with other paths'],
    [['--stdin-filename', 'Dockerfile'], '--stdin-filename works only with the path - (stdin)'],
    [['--stdin-filename=', '-'], '--stdin-filename needs a file name'],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseArgs(args), (e: unknown) => e instanceof UsageError && e.message === message, args.join(' '));
  }
});
