import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendCommandEdit, insertArgumentEdit, instructionCommands, programName, removeCommandEdit, shellOf } from '../../server/src/dockerfile/commands';
import type { InstructionCommands, ShellCommand } from '../../server/src/dockerfile/commands';
import { parseDockerfile } from '../../server/src/dockerfile/parser';
import type { DockerfileModel, Instruction } from '../../server/src/dockerfile/model';
import { applyEdits } from '../../server/src/engine';
import { allSpans, find, slice } from './helpers';

/** Joins lines with `\n`. */
function lines(...content: string[]): string {
  return content.join('\n');
}

/** A command as the tests compare it: its source text and what the model read. */
interface Described {
  argv: string[];
  text: string;
  next: ShellCommand['next'];
  nested?: true;
  errexit?: true;
  assignments?: string[];
  redirects?: Array<[op: string, fd: number | null, target: string | null]>;
}

function describe(text: string, commands: readonly ShellCommand[]): Described[] {
  return commands.map((c) => {
    const d: Described = { argv: c.argv.map((w) => w.value), text: text.slice(c.range.start, c.range.end), next: c.next };
    if (c.nested) d.nested = true;
    if (c.errexit) d.errexit = true;
    if (c.assignments.length > 0) d.assignments = c.assignments.map((a) => `${a.name}=${a.value}`);
    if (c.redirects.length > 0) d.redirects = c.redirects.map((r) => [r.op, r.fd, r.target?.value ?? null]);
    return d;
  });
}

/** The model and the commands of its `n`th instruction. */
function commandsOf(text: string, n = 1): { model: DockerfileModel; parsed: InstructionCommands; instruction: Instruction } {
  const model = parseDockerfile(text);
  const instruction = model.instructions[n];
  const parsed = instructionCommands(model, instruction);
  assert.ok(parsed, `instruction ${n} has no commands`);
  return { model, parsed, instruction };
}

/** The commands of the `n`th instruction, described. */
function read(text: string, n = 1): Described[] {
  return describe(text, commandsOf(text, n).parsed.commands);
}

test('a RUN line: commands, the operators between them, exact word ranges', () => {
  const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl || true; echo done | cat & wait\n';
  const { parsed } = commandsOf(text);
  assert.deepEqual(describe(text, parsed.commands), [
    { argv: ['apt-get', 'update'], text: 'apt-get update', next: '&&' },
    { argv: ['apt-get', 'install', '-y', 'curl'], text: 'apt-get install -y curl', next: '||' },
    { argv: ['true'], text: 'true', next: ';' },
    { argv: ['echo', 'done'], text: 'echo done', next: '|' },
    { argv: ['cat'], text: 'cat', next: '&' },
    { argv: ['wait'], text: 'wait', next: null },
  ]);
  assert.deepEqual(parsed.commands[1].words[3].range, find(text, 'curl'));
  assert.equal(parsed.form, 'shell');
  assert.deepEqual(parsed.shell, ['/bin/sh', '-c']);
  assert.equal(parsed.posix, true);
  assert.deepEqual(parsed.scripts.map((s) => s.kind), ['line']);
});

test('operators need no spaces; a line break in a script counts as ;', () => {
  assert.deepEqual(read('FROM a\nRUN a;b&&c||d|e|&f&g\n'), [
    { argv: ['a'], text: 'a', next: ';' },
    { argv: ['b'], text: 'b', next: '&&' },
    { argv: ['c'], text: 'c', next: '||' },
    { argv: ['d'], text: 'd', next: '|' },
    { argv: ['e'], text: 'e', next: '|' },
    { argv: ['f'], text: 'f', next: '&' },
    { argv: ['g'], text: 'g', next: null },
  ]);
  assert.deepEqual(read('FROM a\nRUN <<EOF\na\n\nb &&\n  c\nEOF\n'), [
    { argv: ['a'], text: 'a', next: ';' },
    { argv: ['b'], text: 'b', next: '&&' },
    { argv: ['c'], text: 'c', next: null },
  ]);
});

test('line continuations: words keep exact source ranges across lines and skipped comment lines', () => {
  const text = lines(
    'FROM debian:12',
    'RUN apt-get update \\',
    '    # a comment line inside the instruction',
    '    && apt-get install -y --no-install-recommends \\',
    '       cu\\',
    'rl \\',
    '       git=1:2.39.2-1.1 \\',
    '    && rm -rf /var/lib/apt/lists/*',
    '',
  );
  const { parsed } = commandsOf(text);
  const [update, install, rm] = parsed.commands;
  assert.deepEqual(update.argv.map((w) => w.value), ['apt-get', 'update']);
  assert.deepEqual(install.argv.map((w) => w.value), ['apt-get', 'install', '-y', '--no-install-recommends', 'curl', 'git=1:2.39.2-1.1']);
  const curl = install.argv[4];
  assert.equal(slice(text, curl.range), 'cu\\\nrl');
  assert.equal(curl.raw, 'curl');
  assert.deepEqual(install.argv[5].range, find(text, 'git=1:2.39.2-1.1'));
  assert.equal(slice(text, install.range), text.slice(find(text, 'apt-get install').start, find(text, '1.1').end));
  assert.deepEqual(rm.argv[2].range, find(text, '/var/lib/apt/lists/*'));
  assert.equal(update.next, '&&');
  assert.equal(install.next, '&&');
});

test('a backquote escape file: continuations use the backquote, and the shell still reads backslashes', () => {
  const text = lines('# escape=`', 'FROM debian:12', 'RUN apt-get update && `', '    apt-get install -y a\\ b `', '    curl', '');
  const { parsed } = commandsOf(text, 1);
  assert.deepEqual(describe(text, parsed.commands), [
    { argv: ['apt-get', 'update'], text: 'apt-get update', next: '&&' },
    { argv: ['apt-get', 'install', '-y', 'a b', 'curl'], text: 'apt-get install -y a\\ b `\n    curl', next: null },
  ]);
  assert.deepEqual(parsed.commands[1].argv[4].range, find(text, 'curl'));
});

test('quotes, escapes, substitutions and backquotes stay inside their word', () => {
  const text = 'FROM a\nRUN echo "a && b" \'c;d\' $(x && y | z) `u;v` ${V:-a b} \\&\\& "$(echo ")")" $((1<<2)) $\'e\\\'f\' <(ls; pwd)\n';
  const [echo] = commandsOf(text).parsed.commands;
  assert.deepEqual(
    echo.words.map((w) => slice(text, w.range)),
    ['echo', '"a && b"', "'c;d'", '$(x && y | z)', '`u;v`', '${V:-a b}', '\\&\\&', '"$(echo ")")"', '$((1<<2))', "$'e\\'f'", '<(ls; pwd)'],
  );
  assert.deepEqual(echo.words.slice(0, 3).map((w) => w.value), ['echo', 'a && b', 'c;d']);
  assert.equal(echo.words[6].value, '&&');
  assert.equal(echo.next, null);
});

test('comments end at the line end; # inside a word is not a comment', () => {
  assert.deepEqual(read('FROM a\nRUN apt-get install -y a#b # install it && rm -rf /\n'), [{ argv: ['apt-get', 'install', '-y', 'a#b'], text: 'apt-get install -y a#b', next: null }]);
  assert.deepEqual(read('FROM a\nRUN <<EOF\n# first\necho a # note\n  # indented\necho b\nEOF\n'), [
    { argv: ['echo', 'a'], text: 'echo a', next: ';' },
    { argv: ['echo', 'b'], text: 'echo b', next: null },
  ]);
});

test('redirections: descriptors, targets, here-strings; digits must touch the operator to be a descriptor', () => {
  const text = 'FROM a\nRUN app >out.log 2>&1 <in 2>> err.log &>all >| x 3<>rw <<<"word" a2>b 2 >c\n';
  const [command] = commandsOf(text).parsed.commands;
  assert.deepEqual(describe(text, [command]), [
    {
      argv: ['app', 'a2', '2'],
      text: text.slice(find(text, 'app').start, find(text, '>c').end),
      next: null,
      redirects: [
        ['>', null, 'out.log'],
        ['>&', 2, '1'],
        ['<', null, 'in'],
        ['>>', 2, 'err.log'],
        ['&>', null, 'all'],
        ['>|', null, 'x'],
        ['<>', 3, 'rw'],
        ['<<<', null, 'word'],
        ['>', null, 'b'],
        ['>', null, 'c'],
      ],
    },
  ]);
  assert.deepEqual(command.redirects.map((r) => slice(text, r.range)), ['>out.log', '2>&1', '<in', '2>> err.log', '&>all', '>| x', '3<>rw', '<<<"word"', '>b', '>c']);
  assert.deepEqual(read('FROM a\nRUN > /tmp/x cmd arg\n'), [{ argv: ['cmd', 'arg'], text: '> /tmp/x cmd arg', next: null, redirects: [['>', null, '/tmp/x']] }]);
});

test('assignments and wrappers: env, sudo, exec, nice, xargs, gosu; lookups and bare wrappers stay', () => {
  assert.deepEqual(
    read('FROM a\nRUN A=1 B="x y" env -i -u HOME C=3 sudo -u root -E nice -n 5 apt-get install x\n'),
    [
      {
        argv: ['apt-get', 'install', 'x'],
        text: 'A=1 B="x y" env -i -u HOME C=3 sudo -u root -E nice -n 5 apt-get install x',
        next: null,
        assignments: ['A=1', 'B=x y', 'C=3'],
      },
    ],
  );
  assert.deepEqual(read('FROM a\nRUN exec gosu app /usr/bin/tini -- python -m app\n')[0].argv, ['python', '-m', 'app']);
  assert.deepEqual(read('FROM a\nRUN cat pkgs | xargs -r -n 1 apt-get install -y\n')[1].argv, ['apt-get', 'install', '-y']);
  assert.deepEqual(read('FROM a\nRUN command -v pip\n')[0].argv, ['command', '-v', 'pip']);
  assert.deepEqual(read('FROM a\nRUN exec >>/var/log/app.log 2>&1\n')[0].argv, ['exec']);
  assert.deepEqual(read('FROM a\nRUN A=1\n'), [{ argv: [], text: 'A=1', next: null, assignments: ['A=1'] }]);
  assert.deepEqual(read('FROM a\nRUN "A=1" cmd\n')[0].argv, ['A=1', 'cmd'], 'a quoted word is not an assignment');
  assert.equal(programName('/usr/bin/apt-get'), 'apt-get');
  assert.equal(programName('C:\\Python\\python.exe'), 'python');
});

test('compound commands are looked through: if, for, while, until, case, groups, subshells, functions', () => {
  const text = lines(
    'FROM a',
    'RUN if [ -f /x ]; then apt-get install -y a; elif true; then :; else echo no; fi \\',
    ' && for p in a b; do pip install "$p"; done \\',
    ' && while read l; do echo "$l"; done < list \\',
    ' && case "$(uname -m)" in x86_64|amd64) arch=amd64 ;; (arm*) arch=arm64; echo arm ;; *) exit 1 ;; esac \\',
    ' && { echo a; echo b; } > /tmp/out \\',
    ' && (cd /src && make) \\',
    ' && f() { echo in f; } && f && ! false',
    '',
  );
  assert.deepEqual(
    read(text).map((c) => [c.argv.join(' '), c.nested ?? false, c.next]),
    [
      ['[ -f /x ]', true, ';'],
      ['apt-get install -y a', true, ';'],
      ['true', true, ';'],
      [':', true, ';'],
      ['echo no', true, ';'],
      ['pip install $p', true, ';'],
      ['read l', true, ';'],
      ['echo $l', true, ';'],
      ['', true, null],
      ['', true, ';'],
      ['echo arm', true, null],
      ['exit 1', true, null],
      ['echo a', true, ';'],
      ['echo b', true, ';'],
      ['cd /src', true, '&&'],
      ['make', true, null],
      ['echo in f', true, ';'],
      ['f', false, '&&'],
      ['false', false, null],
    ],
  );
});

test('set -e and errexit shell options are tracked; a nested set does not leak', () => {
  assert.deepEqual(
    read('FROM a\nRUN a; set -eux; b; set +e; c; set -o pipefail -o errexit; d; (set +e); e\n').map((c) => [c.argv[0], c.errexit ?? false]),
    [['a', false], ['set', false], ['b', true], ['set', true], ['c', false], ['set', false], ['d', true], ['set', true], ['e', true]],
  );
  const text = 'FROM a\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN a && b\nFROM a AS two\nRUN c\n';
  const model = parseDockerfile(text);
  assert.deepEqual(instructionCommands(model, model.instructions[2])?.commands.map((c) => c.errexit), [true, true]);
  assert.deepEqual(instructionCommands(model, model.instructions[4])?.commands.map((c) => c.errexit), [false]);
});

test('RUN <<EOF: the body is the script, with exact ranges (CRLF and <<- bodies too)', () => {
  const text = 'FROM a\nRUN <<EOF\nset -e\napt-get update\napt-get install -y \\\n  curl\nEOF\n';
  const { parsed, instruction } = commandsOf(text);
  assert.deepEqual(describe(text, parsed.commands), [
    { argv: ['set', '-e'], text: 'set -e', next: ';' },
    { argv: ['apt-get', 'update'], text: 'apt-get update', next: ';', errexit: true },
    { argv: ['apt-get', 'install', '-y', 'curl'], text: 'apt-get install -y \\\n  curl', next: null, errexit: true },
  ]);
  assert.deepEqual(parsed.commands[2].argv[3].range, find(text, 'curl'));
  assert.deepEqual(parsed.scripts.map((s) => [s.kind, s.heredoc === instruction.heredocs[0], s.errexit]), [['heredoc', true, true]]);

  const crlf = 'FROM a\r\nRUN <<-EOF\r\n\tapt-get update\r\n\t\tapt-get install -y curl\r\n\tEOF\r\n';
  const crlfCommands = commandsOf(crlf).parsed.commands;
  assert.deepEqual(describe(crlf, crlfCommands), [
    { argv: ['apt-get', 'update'], text: 'apt-get update', next: ';' },
    { argv: ['apt-get', 'install', '-y', 'curl'], text: 'apt-get install -y curl', next: null },
  ]);
  assert.deepEqual(crlfCommands[1].argv[3].range, find(crlf, 'curl'));
});

test('a heredoc body with a shebang runs its interpreter: read only when it is a POSIX shell', () => {
  assert.deepEqual(read('FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nimport os; print(os.name)\nEOF\n'), []);
  assert.deepEqual(read('FROM a\nRUN <<EOF\n#!/bin/bash -e\npip install x\nEOF\n'), [{ argv: ['pip', 'install', 'x'], text: 'pip install x', next: null, errexit: true }]);
  assert.deepEqual(read('FROM a\nRUN <<EOF\n#!/usr/bin/env -S bash -ex\npip install x\nEOF\n')[0].errexit, true);
});

test('heredocs on a command line: bodies fed to a shell are scripts, other bodies are data', () => {
  const text = 'FROM a\nRUN apt-get update && bash -e <<EOF && echo after\napt-get install -y curl\nEOF\n';
  const { parsed } = commandsOf(text);
  assert.deepEqual(describe(text, parsed.commands), [
    { argv: ['apt-get', 'update'], text: 'apt-get update', next: '&&' },
    { argv: ['bash', '-e'], text: 'bash -e <<EOF', next: '&&', redirects: [['<<', null, 'EOF']] },
    { argv: ['echo', 'after'], text: 'echo after', next: null },
    { argv: ['apt-get', 'install', '-y', 'curl'], text: 'apt-get install -y curl', next: null, errexit: true },
  ]);
  assert.deepEqual(parsed.scripts.map((s) => s.kind), ['line', 'heredoc']);
  assert.deepEqual(read('FROM a\nRUN cat <<EOF > /etc/apt/sources.list\napt-get install -y curl\nEOF\n').map((c) => c.argv), [['cat']]);
  assert.deepEqual(read('FROM a\nRUN python3 <<EOF\nimport os\nEOF\n').map((c) => c.argv), [['python3']]);
  assert.deepEqual(read('FROM a\nRUN sh -c "echo hi" <<EOF\napt-get install x\nEOF\n').map((c) => c.argv), [['sh', '-c', 'echo hi'], ['echo', 'hi']]);
});

test('a heredoc opened inside a script is data: its lines are skipped up to the marker', () => {
  assert.deepEqual(
    read('FROM a\nRUN <<EOF\ncat <<-"CONF" > /etc/x.conf\n\tapt-get install -y nothing\n\tCONF\napt-get install -y curl\nEOF\n').map((c) => c.argv),
    [['cat'], ['apt-get', 'install', '-y', 'curl']],
  );
});

test('exec form: the elements are one command; sh -c scripts inside are read with exact ranges', () => {
  const text = 'FROM a\nRUN ["apt-get", "install", "-y", "curl"]\nCMD ["/bin/sh", "-ec", "apt-get update && exec gunicorn app >> /var/log/app.log"]\n';
  const model = parseDockerfile(text);
  const run = instructionCommands(model, model.instructions[1]);
  assert.ok(run);
  assert.equal(run.form, 'exec');
  assert.deepEqual(describe(text, run.commands), [{ argv: ['apt-get', 'install', '-y', 'curl'], text: '"apt-get", "install", "-y", "curl"', next: null }]);
  assert.deepEqual(run.commands[0].words[1].range, find(text, '"install"'));
  const cmd = instructionCommands(model, model.instructions[2]);
  assert.ok(cmd);
  assert.deepEqual(describe(text, cmd.commands).slice(1), [
    { argv: ['apt-get', 'update'], text: 'apt-get update', next: '&&', errexit: true },
    { argv: ['gunicorn', 'app'], text: 'exec gunicorn app >> /var/log/app.log', next: null, errexit: true, redirects: [['>>', null, '/var/log/app.log']] },
  ]);
  assert.deepEqual(cmd.commands[2].redirects[0].target?.range, find(text, '/var/log/app.log'));
  assert.deepEqual(cmd.scripts.map((s) => s.kind), ['exec', 'inline']);
  const escaped = 'FROM a\nCMD ["sh", "-c", "echo \\"hi\\" > /var/log/x.log"]\n';
  assert.deepEqual(read(escaped).map((c) => c.argv[0]), ['sh'], 'JSON escapes: the script is not read');
});

test('sh -c in shell form: a quoted script readable as written is read; others are left alone', () => {
  const text = "FROM a\nRUN su app -s /bin/sh && sh -c 'apt-get update && apt-get install -y x' && bash -c \"echo \\\"q\\\"\"\n";
  assert.deepEqual(
    read(text).map((c) => c.argv.join(' ')),
    ['su app -s /bin/sh', 'sh -c apt-get update && apt-get install -y x', 'apt-get update', 'apt-get install -y x', 'bash -c echo "q"'],
  );
  const { parsed } = commandsOf(text);
  const x = parsed.commands[3].argv[3].range;
  assert.deepEqual([x.start, slice(text, x)], [find(text, "x'").start, 'x']);
});

test('SHELL: a non-POSIX shell is not read (shell form only); child stages inherit SHELL', () => {
  const text = lines(
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base',
    'SHELL ["powershell", "-Command"]',
    'RUN Install-Package x; apt-get install foo',
    'RUN ["cmd", "/c", "echo hi"]',
    'FROM base',
    'RUN apt-get install foo',
    'SHELL ["C:\\\\Program Files\\\\Git\\\\bin\\\\bash.exe", "-c"]',
    'RUN apt-get install foo',
    '',
  );
  const model = parseDockerfile(text);
  const run = (n: number): InstructionCommands | null => instructionCommands(model, model.instructions[n]);
  assert.deepEqual([run(2)?.posix, run(2)?.commands.length], [false, 0]);
  assert.deepEqual(run(3)?.commands.map((c) => c.argv.map((w) => w.value)), [['cmd', '/c', 'echo hi']]);
  assert.deepEqual([run(5)?.posix, run(5)?.commands.length], [false, 0]);
  assert.deepEqual(shellOf(model, model.instructions[5]), ['powershell', '-Command']);
  assert.deepEqual([run(7)?.posix, run(7)?.commands.length], [true, 1]);
});

test('CMD, ENTRYPOINT and ONBUILD triggers have commands; other instructions have none; results are cached', () => {
  const text = 'FROM a\nCMD gunicorn app > /var/log/g.log\nENTRYPOINT exec tini -- app\nONBUILD RUN pip install x\nENV A=1\n';
  const model = parseDockerfile(text);
  const [, cmd, entrypoint, onbuild, env] = model.instructions;
  assert.deepEqual(instructionCommands(model, cmd)?.commands.map((c) => c.redirects.length), [1]);
  assert.deepEqual(instructionCommands(model, entrypoint)?.commands[0].argv.map((w) => w.value), ['app']);
  assert.ok(onbuild.onbuild);
  assert.deepEqual(instructionCommands(model, onbuild.onbuild)?.commands[0].argv.map((w) => w.value), ['pip', 'install', 'x']);
  assert.equal(instructionCommands(model, onbuild), null);
  assert.equal(instructionCommands(model, env), null);
  assert.equal(instructionCommands(model, cmd), instructionCommands(model, cmd));
});

test('insertArgumentEdit: after a word in shell text (across continuations), a JSON element in exec form', () => {
  const shellText = 'FROM a\nRUN apt-get inst\\\nall -y \\\n  curl\n';
  const shell = commandsOf(shellText).parsed.commands[0];
  assert.equal(applyEdits(shellText, [insertArgumentEdit(shellText, shell, shell.argv[1], '--no-install-recommends')]), 'FROM a\nRUN apt-get inst\\\nall --no-install-recommends -y \\\n  curl\n');
  const spaced = 'FROM a\nRUN ["apt-get", "install", "curl"]\n';
  const tight = 'FROM a\nRUN ["apt-get","install","curl"]\n';
  for (const [text, expected] of [
    [spaced, 'FROM a\nRUN ["apt-get", "install", "--no-install-recommends", "curl"]\n'],
    [tight, 'FROM a\nRUN ["apt-get","install","--no-install-recommends","curl"]\n'],
  ]) {
    const exec = commandsOf(text).parsed.commands[0];
    assert.equal(applyEdits(text, [insertArgumentEdit(text, exec, exec.words[1], '--no-install-recommends')]), expected);
  }
  const inline = 'FROM a\nRUN ["sh", "-c", "apt-get install curl"]\n';
  const inner = commandsOf(inline).parsed.commands[1];
  assert.equal(applyEdits(inline, [insertArgumentEdit(inline, inner, inner.argv[1], '--no-install-recommends')]), 'FROM a\nRUN ["sh", "-c", "apt-get install --no-install-recommends curl"]\n');
});

test('appendCommandEdit: after the last command, before a trailing ; or comment; a new line in set -e heredocs', () => {
  const append = (text: string): string | null => {
    const { model, parsed } = commandsOf(text);
    const edit = appendCommandEdit(model, parsed, 'rm -rf /var/lib/apt/lists/*');
    return edit && applyEdits(text, [edit]);
  };
  const tail = ' && rm -rf /var/lib/apt/lists/*';
  assert.equal(append('FROM a\nRUN apt-get update \\\n && apt-get install -y curl \\\n    # comment line\n    git # trailing comment\n'), `FROM a\nRUN apt-get update \\\n && apt-get install -y curl \\\n    # comment line\n    git${tail} # trailing comment\n`);
  assert.equal(append('FROM a\nRUN apt-get update; apt-get install -y curl;\n'), `FROM a\nRUN apt-get update; apt-get install -y curl${tail};\n`);
  assert.equal(append('FROM a\nRUN if true; then apt-get update; fi\n'), `FROM a\nRUN if true; then apt-get update; fi${tail}\n`);
  assert.equal(append('FROM a\nRUN apt-get update && bash <<EOF\napt-get install -y x\nEOF\n'), `FROM a\nRUN apt-get update && bash <<EOF${tail}\napt-get install -y x\nEOF\n`);
  assert.equal(append('FROM a\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n'), `FROM a\nRUN <<EOF\napt-get update\napt-get install -y curl${tail}\nEOF\n`);
  assert.equal(append('FROM a\r\nRUN <<-EOF\r\n\tset -eux\r\n\tapt-get update\r\n\tEOF\r\n'), 'FROM a\r\nRUN <<-EOF\r\n\tset -eux\r\n\tapt-get update\r\n\trm -rf /var/lib/apt/lists/*\r\n\tEOF\r\n');
  assert.equal(append('FROM a\nRUN ["sh", "-c", "apt-get update"]\n'), `FROM a\nRUN ["sh", "-c", "apt-get update${tail}"]\n`);
  assert.equal(append('FROM a\nRUN ["apt-get", "update"]\n'), null, 'exec form without a script');
  assert.equal(append('FROM a\nRUN ["sh", "-c", "apt-get update", "name"]\n'), null, 'the script is not the last element');
  assert.equal(append('FROM a\nRUN apt-get update &\n'), null, 'ends in the background');
  assert.equal(append('FROM a\nRUN apt-get update &&\n'), null, 'ends with an open list');
  assert.equal(append('FROM a\nRUN <<EOF\nset -e\napt-get update\n'), null, 'unterminated heredoc');
  assert.equal(append('FROM a\nRUN <<EOF\napt-get update\n'), null, 'unterminated heredoc without set -e');
  assert.equal(append('FROM a\nRUN apt-get update; apt-get install -y curl; exit 0\n'), null, 'exit: nothing after it runs');
  assert.equal(append('FROM a\nRUN <<EOF\nset -e\napt-get update\nexec ./setup.sh\nEOF\n'), null, 'exec replaces the shell');
  assert.equal(append('FROM a\nRUN apt-get update || exit 1\n'), `FROM a\nRUN apt-get update || exit 1${tail}\n`, 'exit only when the update failed');
  assert.equal(append('FROM a\nRUN apt-get update && if [ -n "$X" ]; then exit 0; fi\n'), `FROM a\nRUN apt-get update && if [ -n "$X" ]; then exit 0; fi${tail}\n`);
});

test('removeCommandEdit: the command and its && or ; or line break, when only blanks and continuations follow', () => {
  const remove = (text: string, program: string): string | null => {
    const { model, parsed } = commandsOf(text);
    const command = parsed.commands.find((c) => c.argv.map((w) => w.value).join(' ') === program);
    assert.ok(command, program);
    const edit = removeCommandEdit(model.text, parsed, command);
    return edit && applyEdits(text, [edit]);
  };
  assert.equal(remove('FROM a\nRUN apk update \\\n && apk add x\n', 'apk update'), 'FROM a\nRUN apk add x\n');
  assert.equal(remove('FROM a\nRUN set -e; apk update; \\\n    apk add x\n', 'apk update'), 'FROM a\nRUN set -e; apk add x\n');
  assert.equal(remove('FROM a\nRUN <<EOF\n  apk update\n\n  apk add x\nEOF\n', 'apk update'), 'FROM a\nRUN <<EOF\n  apk add x\nEOF\n');
  assert.equal(remove('FROM a\nRUN ["sh", "-c", "apk update && apk add x"]\n', 'apk update'), 'FROM a\nRUN ["sh", "-c", "apk add x"]\n');
  assert.equal(remove('FROM a\nRUN apk update || true; apk add x\n', 'apk update'), null, 'joined by ||');
  assert.equal(remove('FROM a\nRUN apk add x && apk update\n', 'apk update'), null, 'the last command');
  assert.equal(remove('FROM a\nRUN if true; then apk update; fi; apk add x\n', 'apk update'), null, 'inside if');
  assert.equal(remove('FROM a\nRUN apk update \\\n    # comment\n && apk add x\n', 'apk update'), null, 'a comment line would go with it');
  assert.equal(remove('FROM a\nRUN apk update && if true; then apk add x; fi\n', 'apk update'), null, 'the next command is inside if');
});

test('bad input never throws, and every range stays inside the text', () => {
  const samples = [
    'FROM a\nRUN echo "unclosed && b\n',
    "FROM a\nRUN echo 'unclosed; b\n",
    'FROM a\nRUN echo $(unclosed && ${x\n',
    'FROM a\nRUN ) ) fi done esac } ;; & | ; && >\n',
    'FROM a\nRUN case x in\n',
    'FROM a\nRUN for\n',
    'FROM a\nRUN <<EOF\ncat <<X\nnever ends\nEOF\n',
    'FROM a\nRUN a > \nRUN 2>&\nRUN \\\n',
    'FROM a\nRUN ["sh", "-c"]\nRUN []\nCMD ["sh", "-c", ""]\n',
    `FROM a\nRUN ${'$('.repeat(20000)}x\n`,
    `FROM a\nRUN ${'"`'.repeat(20000)}\n`,
    `FROM a\nRUN ${'('.repeat(20000)}a${')'.repeat(20000)}\n`,
    `FROM a\nRUN ${'if a; then '.repeat(5000)}b\n`,
  ];
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = ['a', ' ', '\\', '\n', '"', "'", '`', '$', '(', ')', '{', '}', '|', '&', ';', '<', '>', '#', '=', '-', 'EOF', '<<', 'if', 'case', 'in', 'esac', 'sh -c '];
  for (let n = 0; n < 300; n++) {
    let body = '';
    for (let k = 0; k < 40; k++) body += alphabet[Math.floor(random() * alphabet.length)];
    samples.push(`FROM a\nRUN ${body}\nRUN <<EOF\n${body}\nEOF\nCMD ["sh", "-c", ${JSON.stringify(body)}]\n`);
  }
  for (const text of samples) {
    const model = parseDockerfile(text);
    for (const instruction of model.instructions) {
      const parsed = instructionCommands(model, instruction);
      if (!parsed) continue;
      for (const span of allSpans(parsed.scripts)) {
        assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `bad span ${JSON.stringify(span)} in ${JSON.stringify(text.slice(0, 200))}`);
      }
      const edit = appendCommandEdit(model, parsed, 'true');
      if (edit) assert.ok(edit.start >= 0 && edit.start <= text.length);
    }
  }
});
