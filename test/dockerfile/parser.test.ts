import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/dockerfile/parser';
import { shippedStages } from '../../server/src/dockerfile/stage-graph';
import type { Instruction } from '../../server/src/dockerfile/model';
import { allSpans, find, slice } from './helpers';

/** Joins lines with `\n`. */
function lines(...content: string[]): string {
  return content.join('\n');
}

function keywords(instructions: Instruction[]): string[] {
  return instructions.map((i) => i.keyword);
}

function values(words: Array<{ value: string }> | null): string[] | null {
  return words ? words.map((w) => w.value) : null;
}

test('empty, blank and comment-only files have no instructions and no errors', () => {
  for (const text of ['', '   \n\t\n', '\n\n\r\n', '# only a comment\n  # another one\n', '\uFEFF', '\uFEFF\n# x']) {
    const model = parseDockerfile(text);
    assert.deepEqual(model.instructions, [], JSON.stringify(text));
    assert.deepEqual(model.stages, []);
    assert.deepEqual(model.errors, []);
  }
});

test('comments keep their text without leading spaces, their range from # and their line', () => {
  const text = '# first\n\n  #   second  \n#\nFROM a # not a comment\n';
  const model = parseDockerfile(text);
  assert.deepEqual(model.comments, [
    { text: 'first', range: { start: 0, end: 7 }, line: 0 },
    { text: 'second  ', range: { start: 11, end: 23 }, line: 2 },
    { text: '', range: { start: 24, end: 25 }, line: 3 },
  ]);
  assert.deepEqual(values(model.instructions[0].args), ['a', '#', 'not', 'a', 'comment']);
});

test('parser directives at the top: any case, spaces around =, exact ranges', () => {
  const text = lines('# syntax=docker/dockerfile:1', '#ESCAPE = `', '# check=skip=JSONArgsRecommended', 'FROM scratch');
  const model = parseDockerfile(text);
  assert.equal(model.escape, '`');
  assert.deepEqual(model.directives, [
    { name: 'syntax', value: 'docker/dockerfile:1', range: { start: 0, end: 28 }, nameRange: { start: 2, end: 8 }, valueRange: { start: 9, end: 28 } },
    { name: 'escape', value: '`', range: { start: 29, end: 40 }, nameRange: { start: 30, end: 36 }, valueRange: { start: 39, end: 40 } },
    {
      name: 'check',
      value: 'skip=JSONArgsRecommended',
      range: { start: 41, end: 73 },
      nameRange: { start: 43, end: 48 },
      valueRange: { start: 49, end: 73 },
    },
  ]);
  assert.deepEqual(model.comments, []);
  assert.deepEqual(model.errors, []);
});

test('a directive after a comment, a blank line, an unknown directive or an instruction is a comment', () => {
  for (const text of ['# hello\n# escape=`\nFROM a', '\n# escape=`\nFROM a', '# foo=bar\n# escape=`\nFROM a', 'FROM a\n# escape=`']) {
    const model = parseDockerfile(text);
    assert.deepEqual(model.directives, [], text);
    assert.equal(model.escape, '\\');
    assert.ok(model.comments.some((c) => c.text === 'escape=`'));
    assert.deepEqual(model.errors, []);
  }
});

test('a repeated directive and an invalid escape character are errors', () => {
  const repeated = '# escape=`\n# escape=\\\nFROM a';
  const model = parseDockerfile(repeated);
  assert.equal(model.escape, '`');
  assert.equal(model.errors.length, 1);
  assert.equal(slice(repeated, model.errors[0]), '# escape=\\');

  const invalid = '# escape=x\nFROM a';
  const bad = parseDockerfile(invalid);
  assert.equal(bad.escape, '\\');
  assert.deepEqual(
    bad.errors.map((e) => [e.start, e.end]),
    [[9, 10]],
  );
});

test('escape=` (Windows): backtick continues lines, backslashes are literal', () => {
  const text = lines(
    '# escape=`',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
    'COPY C:\\src\\app\\ C:\\app\\',
    'RUN powershell -Command `',
    "    $ErrorActionPreference = 'Stop'; `   ",
    '    Write-Host C:\\done',
    'WORKDIR C:\\app',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.equal(model.escape, '`');
  assert.deepEqual(keywords(model.instructions), ['FROM', 'COPY', 'RUN', 'WORKDIR']);
  const [, copy, run, workdir] = model.instructions;
  assert.deepEqual(values(copy.args), ['C:\\src\\app\\', 'C:\\app\\']);
  assert.equal(copy.endLine, 2);
  assert.equal(run.argsText, "powershell -Command     $ErrorActionPreference = 'Stop';     Write-Host C:\\done");
  assert.equal(slice(text, run.range), text.slice(find(text, 'RUN').start, find(text, 'C:\\done').end));
  assert.deepEqual(run.range, { start: 87, end: 177 });
  assert.deepEqual(run.lineRange, run.range);
  assert.equal(run.startLine, 3);
  assert.equal(run.endLine, 5);
  assert.deepEqual(values(run.args), ['powershell', '-Command', '$ErrorActionPreference', '=', 'Stop;', 'Write-Host', 'C:\\done']);
  assert.equal(slice(text, run.args[4].range), "'Stop';");
  assert.equal(slice(text, run.args[6].range), 'C:\\done');
  assert.equal(workdir.startLine, 6);
  assert.equal(workdir.args[0].value, 'C:\\app');
});

test('continuations skip comment lines and empty lines inside them', () => {
  const text = lines(
    'FROM debian',
    'RUN apt-get update \\',
    '# a comment inside',
    '',
    '    && apt-get install -y curl \\   ',
    '  # indented comment',
    '    && rm -rf /var/lib/apt/lists/*',
    'EXPOSE 80',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.deepEqual(keywords(model.instructions), ['FROM', 'RUN', 'EXPOSE']);
  const run = model.instructions[1];
  assert.equal(run.argsText, 'apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*');
  assert.deepEqual(values(run.args), ['apt-get', 'update', '&&', 'apt-get', 'install', '-y', 'curl', '&&', 'rm', '-rf', '/var/lib/apt/lists/*']);
  assert.equal(slice(text, run.args[6].range), 'curl');
  assert.deepEqual(run.args[6].range, { start: 79, end: 83 });
  assert.equal(slice(text, run.argsRange), text.slice(find(text, 'apt-get').start, find(text, 'lists/*').end));
  assert.equal(run.startLine, 1);
  assert.equal(run.endLine, 6);
  assert.equal(slice(text, run.range)?.endsWith('/var/lib/apt/lists/*'), true);
  assert.deepEqual(
    model.comments.map((c) => [c.text, c.line]),
    [
      ['a comment inside', 2],
      ['indented comment', 5],
    ],
  );
  assert.equal(model.instructions[2].startLine, 7);
});

test('a word split by a continuation has one range across both lines', () => {
  const text = 'FROM pyt\\\nhon:3.12\n';
  const model = parseDockerfile(text);
  const image = model.stages[0].image;
  assert.deepEqual(image, { value: 'python:3.12', raw: 'python:3.12', range: { start: 5, end: 18 } });
  assert.equal(slice(text, image?.range ?? null), 'pyt\\\nhon:3.12');
});

test('a continuation at the end of the file, or before only comments, ends the instruction', () => {
  for (const text of ['FROM a\nRUN echo hi \\', 'FROM a\nRUN echo hi \\\n', 'FROM a\nRUN echo hi \\\n# trailing comment\n\n']) {
    const model = parseDockerfile(text);
    assert.deepEqual(model.errors, [], JSON.stringify(text));
    const run = model.instructions[1];
    assert.equal(run.argsText, 'echo hi');
    assert.equal(slice(text, run.range), 'RUN echo hi \\');
    assert.equal(slice(text, run.argsRange), 'echo hi');
  }
});

test('an escaped escape character at the end of a line is not a continuation', () => {
  const text = 'FROM a\nRUN echo \\\\\nRUN echo b';
  const model = parseDockerfile(text);
  assert.deepEqual(keywords(model.instructions), ['FROM', 'RUN', 'RUN']);
  assert.equal(model.instructions[1].argsText, 'echo \\\\');
});

test('heredocs: <<EOF, <<-EOF, <<"EOF", <<\'EOF\', several per instruction; bodies are not instructions', () => {
  const text = lines(
    'FROM alpine',
    'RUN <<EOF',
    'apk add curl',
    'FROM x',
    'EOF',
    'RUN <<-EOT bash',
    '\techo tabs',
    '\tEOT',
    'RUN python3 <<"PY"',
    'print("$HOME")',
    'PY',
    "COPY <<A <<'B' /dest/",
    'a body',
    'A',
    'b body',
    'B',
    'USER app',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.deepEqual(keywords(model.instructions), ['FROM', 'RUN', 'RUN', 'RUN', 'COPY', 'USER']);
  const [, plain, tabs, python, copy, user] = model.instructions;

  assert.deepEqual(plain.heredocs, [
    {
      marker: 'EOF',
      quoted: false,
      stripTabs: false,
      range: { start: 16, end: 21 },
      bodyRange: { start: 22, end: 41 },
      endRange: { start: 42, end: 45 },
      body: 'apk add curl\nFROM x',
    },
  ]);
  assert.equal(slice(text, plain.heredocs[0].range), '<<EOF');
  assert.equal(slice(text, plain.heredocs[0].endRange), 'EOF');
  assert.equal(slice(text, plain.range), 'RUN <<EOF\napk add curl\nFROM x\nEOF');
  assert.equal(slice(text, plain.lineRange), 'RUN <<EOF');
  assert.deepEqual([plain.startLine, plain.endLine], [1, 4]);

  const [tabbed] = tabs.heredocs;
  assert.equal(tabbed.marker, 'EOT');
  assert.equal(tabbed.stripTabs, true);
  assert.equal(tabbed.body, '\techo tabs');
  assert.equal(slice(text, tabbed.range), '<<-EOT');
  assert.equal(slice(text, tabbed.endRange), 'EOT');
  assert.equal(text[tabbed.endRange.start - 1], '\t');
  assert.deepEqual(values(tabs.args), ['<<-EOT', 'bash']);

  assert.deepEqual(
    python.heredocs.map((h) => [h.marker, h.quoted, slice(text, h.range), h.body]),
    [['PY', true, '<<"PY"', 'print("$HOME")']],
  );
  assert.deepEqual(values(python.args), ['python3', '<<PY']);

  assert.deepEqual(
    copy.heredocs.map((h) => [h.marker, h.quoted, slice(text, h.range), h.body, slice(text, h.endRange)]),
    [
      ['A', false, '<<A', 'a body', 'A'],
      ['B', true, "<<'B'", 'b body', 'B'],
    ],
  );
  assert.equal(slice(text, copy.range), "COPY <<A <<'B' /dest/\na body\nA\nb body\nB");
  assert.deepEqual([copy.startLine, copy.endLine], [11, 15]);
  assert.equal(user.startLine, 16);
});

test('a heredoc opened on a continued line starts after the logical line; # lines in a body are not comments', () => {
  const text = lines('FROM a', 'RUN cat <<EOF \\', '  > /etc/motd', '# not a comment', 'EOF', 'RUN <<- echo', 'ONBUILD FOO bar');
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.deepEqual(model.comments, []);
  const [, cat, dash, onbuild] = model.instructions;
  assert.equal(cat.argsText, 'cat <<EOF   > /etc/motd');
  assert.equal(cat.heredocs[0].body, '# not a comment');
  assert.equal(slice(text, cat.lineRange), 'RUN cat <<EOF \\\n  > /etc/motd');
  assert.deepEqual([cat.startLine, cat.endLine], [1, 4]);
  assert.deepEqual(dash.heredocs, [], 'a lone <<- opens nothing');
  assert.equal(onbuild.onbuild?.keyword, 'FOO', 'the builder checks ONBUILD triggers only when they run');
});

test('an empty heredoc body is an empty span at the terminator line', () => {
  const text = 'FROM a\nRUN <<EOF\nEOF\n';
  const [heredoc] = parseDockerfile(text).instructions[1].heredocs;
  assert.deepEqual(heredoc.bodyRange, { start: 17, end: 17 });
  assert.equal(heredoc.body, '');
  assert.deepEqual(heredoc.endRange, { start: 17, end: 20 });
});

test('an unterminated heredoc is an error at its token; the body runs to the end', () => {
  const text = 'FROM a\nRUN <<EOF\necho hi\nEOF \n';
  const model = parseDockerfile(text);
  const run = model.instructions[1];
  assert.deepEqual(model.errors.map((e) => slice(text, e)), ['<<EOF']);
  assert.deepEqual(model.errors[0].start, 11);
  const [heredoc] = run.heredocs;
  assert.equal(heredoc.body, 'echo hi\nEOF ');
  assert.deepEqual(heredoc.endRange, { start: text.length, end: text.length });
  assert.equal(slice(text, run.range), 'RUN <<EOF\necho hi\nEOF ');
  assert.equal(run.endLine, 3);
});

test('<< in quotes, here-strings, arithmetic shifts, non-heredoc instructions and exec form are not heredocs', () => {
  const text = lines(
    'FROM a',
    'RUN echo "<<EOF" \'<<EOF\'',
    'RUN cat <<< "here string"',
    'RUN echo $((1<<2)) && echo $(( 1 << 2 ))',
    'CMD <<EOF',
    'ENV X=<<EOF',
    'RUN ["cat", "<<EOF"]',
    'RUN cat<<EOF',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.equal(model.instructions.length, 8);
  for (const instruction of model.instructions) assert.deepEqual(instruction.heredocs, [], instruction.argsText);
});

test('exec form: JSON-unescaped values and exact ranges, quotes included', () => {
  const text = lines(
    'FROM a',
    String.raw`CMD ["echo", "say \"hi\"", "a\\b", "\u00e9"]`,
    'ENTRYPOINT [ "python", \\',
    '    "-m",   "app" ]',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  const [, cmd, entrypoint] = model.instructions;
  assert.deepEqual(cmd.json, [
    { value: 'echo', raw: '"echo"', range: { start: 12, end: 18 } },
    { value: 'say "hi"', raw: String.raw`"say \"hi\""`, range: { start: 20, end: 32 } },
    { value: 'a\\b', raw: String.raw`"a\\b"`, range: { start: 34, end: 40 } },
    { value: 'é', raw: String.raw`"\u00e9"`, range: { start: 42, end: 50 } },
  ]);
  for (const element of cmd.json ?? []) assert.equal(slice(text, element.range), element.raw);
  assert.deepEqual(values(entrypoint.json), ['python', '-m', 'app']);
  assert.equal(slice(text, entrypoint.json?.[1].range ?? null), '"-m"');
  assert.equal(entrypoint.json?.[1].range.start, find(text, '"-m"').start);
  assert.equal(entrypoint.argsText, '[ "python",     "-m",   "app" ]');
});

test('invalid JSON is shell form; a JSON array of non-strings is an error', () => {
  const text = lines('FROM a', 'CMD [a, b]', "CMD ['a']", 'CMD ["a"] extra', 'RUN ["a", 1]');
  const model = parseDockerfile(text);
  const [, a, b, c, d] = model.instructions;
  assert.equal(a.json, null);
  assert.deepEqual(values(a.args), ['[a,', 'b]']);
  assert.equal(b.json, null);
  assert.deepEqual(values(b.args), ['[a]']);
  assert.equal(c.json, null);
  assert.equal(d.json, null);
  assert.deepEqual(model.errors.map((e) => slice(text, e)), ['["a", 1]']);
});

test('exec form for HEALTHCHECK CMD, VOLUME, COPY, ADD, SHELL', () => {
  const text = lines(
    'FROM a',
    'HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]',
    'VOLUME ["/data"]',
    'COPY ["src dir", "/dest/"]',
    'ADD ["https://example.com/x.tgz", "/x"]',
    'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.deepEqual(
    model.instructions.slice(1).map((i) => values(i.json)),
    [['curl', '-f', 'http://localhost/'], ['/data'], ['src dir', '/dest/'], ['https://example.com/x.tgz', '/x'], ['/bin/bash', '-o', 'pipefail', '-c']],
  );
  const healthcheck = model.instructions[1];
  assert.equal(slice(text, healthcheck.json?.[0].range ?? null), '"curl"');
  assert.deepEqual(values(healthcheck.args.slice(0, 1)), ['CMD']);
});

test('flags before the arguments: names, values, exact ranges', () => {
  const text = lines(
    'FROM --platform=linux/amd64 python:3.12 AS builder',
    'RUN --mount=type=cache,target=/root/.cache --network=none pip install --no-cache-dir -r requirements.txt',
    'FROM scratch',
    'COPY --from=builder --chown=1000:1000 --chmod=755 --link /app /app',
    'ADD --keep-git-dir=true --checksum=sha256:abc --exclude=*.md https://example.com/repo.git /src',
    'RUN --security=insecure --mount="type=secret,id=npm" -- --not-a-flag',
    'HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD curl -f http://localhost/ || exit 1',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  const [from, run, , copy, add, secure, healthcheck] = model.instructions;

  assert.deepEqual(from.flags, [
    { name: 'platform', value: 'linux/amd64', range: { start: 5, end: 27 }, nameRange: { start: 7, end: 15 }, valueRange: { start: 16, end: 27 } },
  ]);
  assert.deepEqual(values(from.args), ['python:3.12', 'AS', 'builder']);

  assert.deepEqual(
    run.flags.map((f) => [f.name, f.value, slice(text, f.range)]),
    [
      ['mount', 'type=cache,target=/root/.cache', '--mount=type=cache,target=/root/.cache'],
      ['network', 'none', '--network=none'],
    ],
  );
  assert.deepEqual(values(run.args), ['pip', 'install', '--no-cache-dir', '-r', 'requirements.txt']);
  assert.equal(slice(text, run.argsRange), 'pip install --no-cache-dir -r requirements.txt');

  const fromFlag = copy.flags[0];
  const builderAt = find(text, 'builder', 1).start;
  assert.deepEqual(fromFlag, {
    name: 'from',
    value: 'builder',
    range: { start: builderAt - 7, end: builderAt + 7 },
    nameRange: { start: builderAt - 5, end: builderAt - 1 },
    valueRange: { start: builderAt, end: builderAt + 7 },
  });
  assert.equal(slice(text, fromFlag.valueRange), 'builder');
  assert.deepEqual(fromFlag.valueRange, { start: 181, end: 188 });
  assert.deepEqual(
    copy.flags.map((f) => [f.name, f.value]),
    [
      ['from', 'builder'],
      ['chown', '1000:1000'],
      ['chmod', '755'],
      ['link', null],
    ],
  );
  assert.equal(copy.flags[3].valueRange, null);
  assert.equal(slice(text, copy.flags[3].nameRange), 'link');
  assert.deepEqual(values(copy.args), ['/app', '/app']);

  assert.deepEqual(
    add.flags.map((f) => [f.name, f.value]),
    [
      ['keep-git-dir', 'true'],
      ['checksum', 'sha256:abc'],
      ['exclude', '*.md'],
    ],
  );
  assert.deepEqual(
    secure.flags.map((f) => [f.name, f.value, slice(text, f.valueRange)]),
    [
      ['security', 'insecure', 'insecure'],
      ['mount', 'type=secret,id=npm', '"type=secret,id=npm"'],
    ],
  );
  assert.deepEqual(values(secure.args), ['--not-a-flag']);
  assert.deepEqual(
    healthcheck.flags.map((f) => [f.name, f.value]),
    [
      ['interval', '30s'],
      ['timeout', '3s'],
      ['start-period', '5s'],
      ['retries', '3'],
    ],
  );
  assert.equal(healthcheck.argsText, 'CMD curl -f http://localhost/ || exit 1');
});

test('ENV pairs: quotes, escaped spaces, empty values, a continuation between pairs', () => {
  const text = lines('FROM a', 'ENV A="a b" B=\'c d\' C=e\\ f \\', '    D= E="" F=x\\"y');
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  const env = model.instructions[1];
  assert.deepEqual(
    env.pairs.map((p) => [p.key, p.value, slice(text, p.keyRange), slice(text, p.valueRange), slice(text, p.range), p.form]),
    [
      ['A', 'a b', 'A', '"a b"', 'A="a b"', 'equals'],
      ['B', 'c d', 'B', "'c d'", "B='c d'", 'equals'],
      ['C', 'e f', 'C', 'e\\ f', 'C=e\\ f', 'equals'],
      ['D', '', 'D', '', 'D=', 'equals'],
      ['E', '', 'E', '""', 'E=""', 'equals'],
      ['F', 'x"y', 'F', 'x\\"y', 'F=x\\"y', 'equals'],
    ],
  );
  assert.deepEqual(env.pairs[0], {
    key: 'A',
    keyRange: { start: 11, end: 12 },
    value: 'a b',
    valueRange: { start: 13, end: 18 },
    range: { start: 11, end: 18 },
    form: 'equals',
  });
  const d = env.pairs[3];
  assert.deepEqual(d.valueRange, { start: d.range.end, end: d.range.end });
  assert.equal(text[d.range.end - 1], '=');
  assert.equal(env.endLine, 2);
});

test('legacy ENV/LABEL (rest of the line is the value), ARG with and without default, quoted LABEL keys', () => {
  const text = lines(
    'FROM a',
    'ENV PATH /usr/local/bin:$PATH   ',
    'ENV GREETING   "hello"   big\\ world',
    'ARG VERSION',
    'ARG BUILD=1 OTHER',
    'LABEL "org.opencontainers.image.title"="My App" version=1.0',
    'LABEL maintainer someone@example.com',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  const [, path, greeting, version, build, label, legacyLabel] = model.instructions;
  assert.deepEqual(path.pairs, [
    {
      key: 'PATH',
      keyRange: { start: 11, end: 15 },
      value: '/usr/local/bin:$PATH',
      valueRange: { start: 16, end: 36 },
      range: { start: 11, end: 36 },
      form: 'legacy',
    },
  ]);
  assert.equal(slice(text, path.pairs[0].valueRange), '/usr/local/bin:$PATH');
  assert.deepEqual(
    greeting.pairs.map((p) => [p.key, p.value, slice(text, p.valueRange)]),
    [['GREETING', 'hello   big world', '"hello"   big\\ world']],
  );
  assert.deepEqual(version.pairs, [
    { key: 'VERSION', keyRange: { start: 80, end: 87 }, value: null, valueRange: null, range: { start: 80, end: 87 }, form: 'equals' },
  ]);
  assert.equal(slice(text, version.pairs[0].keyRange), 'VERSION');
  assert.deepEqual(
    build.pairs.map((p) => [p.key, p.value, slice(text, p.valueRange)]),
    [
      ['BUILD', '1', '1'],
      ['OTHER', null, null],
    ],
  );
  assert.deepEqual(
    label.pairs.map((p) => [p.key, p.value, slice(text, p.keyRange), slice(text, p.valueRange)]),
    [
      ['org.opencontainers.image.title', 'My App', '"org.opencontainers.image.title"', '"My App"'],
      ['version', '1.0', 'version', '1.0'],
    ],
  );
  assert.deepEqual(
    legacyLabel.pairs.map((p) => [p.key, p.value, p.form]),
    [['maintainer', 'someone@example.com', 'legacy']],
  );
});

test('ENV/LABEL/ARG syntax errors', () => {
  const text = lines('FROM a', 'ENV ONLYKEY', 'ENV A=1 B', 'LABEL =x', 'ARG =y', 'ENV');
  const model = parseDockerfile(text);
  assert.deepEqual(
    model.errors.map((e) => slice(text, e)),
    ['ONLYKEY', 'B', '=x', '=y', 'ENV'],
  );
});

test('FROM: flags, AS in any case, lower-cased stage names, baseStage only for earlier stages', () => {
  const text = lines(
    'ARG BASE=python:3.12-slim',
    'FROM --platform=$BUILDPLATFORM ${BASE} as Builder',
    'RUN pip wheel .',
    'from scratch AS Final',
    'FROM BUILDER',
    'COPY --from=final / /',
    'FROM later',
    'FROM x AS later',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.deepEqual(
    model.instructions.map((i) => [i.keyword, i.stage]),
    [
      ['ARG', -1],
      ['FROM', 0],
      ['RUN', 0],
      ['FROM', 1],
      ['FROM', 2],
      ['COPY', 2],
      ['FROM', 3],
      ['FROM', 4],
    ],
  );
  assert.deepEqual(model.globalArgs, [model.instructions[0]]);
  assert.deepEqual(
    model.stages.map((s) => [s.index, s.name, slice(text, s.nameRange), s.image?.value, s.expandedImage?.value, s.baseStage, keywords(s.instructions)]),
    [
      [0, 'builder', 'Builder', '${BASE}', 'python:3.12-slim', null, ['RUN']],
      [1, 'final', 'Final', 'scratch', 'scratch', null, []],
      [2, null, null, 'BUILDER', 'BUILDER', 0, ['COPY']],
      [3, null, null, 'later', 'later', null, []],
      [4, 'later', 'later', 'x', 'x', null, []],
    ],
  );
  assert.equal(model.stages[0].from, model.instructions[1]);
  assert.deepEqual(model.stages[0].nameRange, { start: 68, end: 75 });
});

test('FROM naming a stage through a global ARG resolves the stage', () => {
  const model = parseDockerfile(lines('ARG FLAVOR=dev', 'FROM alpine AS dev', 'FROM alpine AS prod', 'FROM ${FLAVOR}'));
  assert.equal(model.stages[2].baseStage, 0);
});

test('stage and FROM errors: argument count, invalid and duplicate names, instructions before FROM', () => {
  const cases: Array<[string, string[]]> = [
    ['FROM a AS 1bad', ['1bad']],
    ['FROM a AS x\nFROM b AS X', ['X']],
    ['FROM a b', ['a b']],
    ['FROM a AS', ['a AS']],
    ['FROM', ['FROM']],
    ['RUN x\nFROM a', ['RUN']],
    ['ARG A\nENV a=b\nFROM a', ['ENV']],
  ];
  for (const [text, expected] of cases) {
    const model = parseDockerfile(text);
    assert.deepEqual(
      model.errors.map((e) => slice(text, e)),
      expected,
      text,
    );
  }
});

test('unknown instructions are errors; instructions in any case are fine', () => {
  const ok = lines('from alpine', 'Run echo hi', 'copy . /app', 'EntryPoint ["x"]', 'wOrKdIr /app');
  const model = parseDockerfile(ok);
  assert.deepEqual(model.errors, []);
  assert.deepEqual(keywords(model.instructions), ['FROM', 'RUN', 'COPY', 'ENTRYPOINT', 'WORKDIR']);
  assert.deepEqual(
    model.instructions.map((i) => slice(ok, i.keywordRange)),
    ['from', 'Run', 'copy', 'EntryPoint', 'wOrKdIr'],
  );

  const bad = lines('FROM a', 'RUNN echo', 'foo bar');
  const badModel = parseDockerfile(bad);
  assert.deepEqual(
    badModel.errors.map((e) => [slice(bad, e), e.message]),
    [
      ['RUNN', 'Unknown instruction RUNN: the builder rejects it.'],
      ['foo', 'Unknown instruction FOO: the builder rejects it.'],
    ],
  );
});

test('argument checks the builder makes', () => {
  const text = lines(
    'FROM a',
    'COPY onlyone',
    'COPY <<EOF <<DEST',
    'x',
    'EOF',
    'y',
    'DEST',
    'SHELL /bin/sh -c',
    'HEALTHCHECK NONE extra',
    'HEALTHCHECK BAD x',
    'HEALTHCHECK CMD',
    'EXPOSE',
    'WORKDIR',
    'ONBUILD MAINTAINER me',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(
    model.errors.map((e) => slice(text, e)),
    ['onlyone', '<<DEST', '/bin/sh -c', 'NONE extra', 'BAD', 'CMD', 'EXPOSE', 'WORKDIR', 'MAINTAINER'],
  );
});

test('ONBUILD wraps an instruction parsed like any other, with exact ranges', () => {
  const text = lines('FROM a', 'ONBUILD RUN echo hi', 'ONBUILD COPY --from=build /a /b', 'onbuild run <<EOF', 'body', 'EOF', 'ONBUILD FROM x');
  const model = parseDockerfile(text);
  const [, run, copy, heredoc, from] = model.instructions;
  assert.deepEqual(run.onbuild, {
    keyword: 'RUN',
    keywordRange: { start: 15, end: 18 },
    range: { start: 15, end: 26 },
    lineRange: { start: 15, end: 26 },
    flags: [],
    args: [
      { value: 'echo', raw: 'echo', range: { start: 19, end: 23 } },
      { value: 'hi', raw: 'hi', range: { start: 24, end: 26 } },
    ],
    argsRange: { start: 19, end: 26 },
    argsText: 'echo hi',
    json: null,
    heredocs: [],
    pairs: [],
    stage: 0,
    startLine: 1,
    endLine: 1,
  });
  assert.deepEqual(values(run.args), ['RUN', 'echo', 'hi']);
  assert.equal(slice(text, run.range), 'ONBUILD RUN echo hi');
  assert.equal(copy.onbuild?.flags[0].value, 'build');
  assert.equal(slice(text, copy.onbuild?.flags[0].valueRange ?? null), 'build');
  assert.equal(heredoc.onbuild?.keyword, 'RUN');
  assert.equal(heredoc.onbuild?.heredocs[0].body, 'body');
  assert.equal(heredoc.heredocs, heredoc.onbuild?.heredocs);
  assert.equal(slice(text, heredoc.range), 'onbuild run <<EOF\nbody\nEOF');
  assert.equal(slice(text, heredoc.onbuild?.range ?? null), 'run <<EOF\nbody\nEOF');
  assert.equal(slice(text, heredoc.onbuild?.lineRange ?? null), 'run <<EOF');
  assert.equal(from.onbuild?.keyword, 'FROM');
  assert.deepEqual(model.errors.map((e) => slice(text, e)), ['FROM']);
  assert.equal(model.errors[0].start, find(text, 'FROM', 1).start);
  assert.equal(model.stages.length, 1);
});

test('CRLF line ends: offsets into the original text, no span starts or ends on a line break', () => {
  const text = 'ARG V=1\r\nFROM alpine:${V} AS base\r\nRUN echo a \\\r\n    && echo b\r\nCOPY <<EOF /x\r\nhello\r\nEOF\r\nENV K="v w"\r\n';
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.deepEqual(
    model.instructions.map((i) => [i.keyword, i.startLine, i.endLine, slice(text, i.lineRange)]),
    [
      ['ARG', 0, 0, 'ARG V=1'],
      ['FROM', 1, 1, 'FROM alpine:${V} AS base'],
      ['RUN', 2, 3, 'RUN echo a \\\r\n    && echo b'],
      ['COPY', 4, 6, 'COPY <<EOF /x'],
      ['ENV', 7, 7, 'ENV K="v w"'],
    ],
  );
  assert.equal(model.instructions[2].argsText, 'echo a     && echo b');
  const [heredoc] = model.instructions[3].heredocs;
  assert.equal(heredoc.body, 'hello');
  assert.deepEqual(heredoc.endRange, { start: 86, end: 89 });
  assert.equal(model.stages[0].expandedImage?.value, 'alpine:1');
  assert.equal(slice(text, model.instructions[4].pairs[0].valueRange), '"v w"');
  for (const span of allSpans(model)) {
    const covered = text.slice(span.start, span.end);
    assert.ok(!/^[\r\n]|[\r\n]$/.test(covered), JSON.stringify(covered));
  }
});

test('a lone \\r is a line break, like LineIndex', () => {
  const text = 'FROM a\rRUN b \\\r  c\r';
  const model = parseDockerfile(text);
  assert.deepEqual(
    model.instructions.map((i) => [i.keyword, i.argsText, i.startLine, i.endLine]),
    [
      ['FROM', 'a', 0, 0],
      ['RUN', 'b   c', 1, 2],
    ],
  );
});

test('a BOM at offset 0 belongs to no token; directives after it still count', () => {
  const withDirective = '\uFEFF# escape=`\nFROM a\n';
  const model = parseDockerfile(withDirective);
  assert.equal(model.escape, '`');
  assert.deepEqual(model.directives[0].range, { start: 1, end: 11 });
  assert.deepEqual(model.instructions[0].keywordRange, { start: 12, end: 16 });

  const plain = '\uFEFFFROM a\nRUN b';
  const plainModel = parseDockerfile(plain);
  assert.deepEqual(plainModel.errors, []);
  assert.deepEqual(plainModel.instructions[0].keywordRange, { start: 1, end: 5 });
  assert.deepEqual(plainModel.instructions[0].range, { start: 1, end: 7 });
  assert.equal(plainModel.instructions[1].startLine, 1);
  for (const span of allSpans(plainModel)) assert.ok(span.start >= 1);
});

test('tabs and trailing whitespace, no final newline', () => {
  const text = 'FROM\talpine  \t\nRUN\techo\t\thi   ';
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  const [from, run] = model.instructions;
  assert.equal(slice(text, from.range), 'FROM\talpine');
  assert.equal(from.argsText, 'alpine');
  assert.deepEqual(values(run.args), ['echo', 'hi']);
  assert.deepEqual(run.range, { start: 15, end: 27 });
  assert.equal(slice(text, run.argsRange), 'echo\t\thi');
});

test('a real-world multi-stage Python Dockerfile parses with no errors', () => {
  const text = lines(
    '# syntax=docker/dockerfile:1.7',
    'ARG PYTHON_VERSION=3.12',
    '',
    '# Build wheels in a full image',
    'FROM python:${PYTHON_VERSION}-slim AS builder',
    'WORKDIR /app',
    'ENV PIP_NO_CACHE_DIR=1 \\',
    '    PIP_DISABLE_PIP_VERSION_CHECK=1',
    'COPY requirements.txt .',
    'RUN --mount=type=cache,target=/root/.cache/pip \\',
    '    pip wheel --wheel-dir /wheels -r requirements.txt',
    '',
    'FROM python:${PYTHON_VERSION}-slim AS runtime',
    'LABEL org.opencontainers.image.source="https://github.com/example/app"',
    'RUN useradd --create-home --uid 10001 app',
    'WORKDIR /home/app',
    'COPY --from=builder /wheels /wheels',
    'RUN pip install --no-index --find-links=/wheels /wheels/* && rm -rf /wheels',
    'COPY --chown=app:app . .',
    'USER 10001',
    'EXPOSE 8000',
    'HEALTHCHECK --interval=30s --timeout=3s \\',
    '  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\')"]',
    'ENTRYPOINT ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]',
    '',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.deepEqual(
    model.directives.map((d) => [d.name, d.value]),
    [['syntax', 'docker/dockerfile:1.7']],
  );
  assert.deepEqual(
    model.comments.map((c) => [c.text, c.line]),
    [['Build wheels in a full image', 3]],
  );
  assert.deepEqual(
    model.instructions.map((i) => [i.keyword, i.stage, i.startLine, i.endLine]),
    [
      ['ARG', -1, 1, 1],
      ['FROM', 0, 4, 4],
      ['WORKDIR', 0, 5, 5],
      ['ENV', 0, 6, 7],
      ['COPY', 0, 8, 8],
      ['RUN', 0, 9, 10],
      ['FROM', 1, 12, 12],
      ['LABEL', 1, 13, 13],
      ['RUN', 1, 14, 14],
      ['WORKDIR', 1, 15, 15],
      ['COPY', 1, 16, 16],
      ['RUN', 1, 17, 17],
      ['COPY', 1, 18, 18],
      ['USER', 1, 19, 19],
      ['EXPOSE', 1, 20, 20],
      ['HEALTHCHECK', 1, 21, 22],
      ['ENTRYPOINT', 1, 23, 23],
    ],
  );
  assert.deepEqual(
    model.stages.map((s) => [s.name, s.expandedImage?.value, s.expandedImage?.unresolved, s.baseStage, s.instructions.length]),
    [
      ['builder', 'python:3.12-slim', false, null, 4],
      ['runtime', 'python:3.12-slim', false, null, 10],
    ],
  );
  const env = model.instructions[3];
  assert.deepEqual(
    env.pairs.map((p) => [p.key, p.value, p.form]),
    [
      ['PIP_NO_CACHE_DIR', '1', 'equals'],
      ['PIP_DISABLE_PIP_VERSION_CHECK', '1', 'equals'],
    ],
  );
  const copyFrom = model.instructions[10];
  assert.equal(slice(text, copyFrom.flags[0].valueRange), 'builder');
  const healthcheck = model.instructions[15];
  assert.equal(healthcheck.json?.[2].value, "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')");
  assert.equal(slice(text, healthcheck.json?.[0].range ?? null), '"python"');
});

test('a file using every instruction the builder accepts has no errors', () => {
  const text = lines(
    'ARG BASE=alpine',
    'FROM ${BASE} AS base',
    'MAINTAINER someone',
    'ARG UID=1000',
    'ENV HOME=/home/app',
    'LABEL a=b',
    'SHELL ["/bin/sh", "-c"]',
    'RUN echo hi',
    'ADD https://example.com/a.tgz /tmp/',
    'COPY --link a b /dst/',
    'VOLUME /data /cache',
    'EXPOSE 80/tcp 443',
    'USER ${UID}',
    'WORKDIR /home/app',
    'STOPSIGNAL SIGTERM',
    'HEALTHCHECK NONE',
    'ONBUILD RUN echo child',
    'ONBUILD ADD . /src',
    'CMD []',
    'ENTRYPOINT []',
  );
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.equal(model.instructions.length, 20);
});

test('shippedStages: the last stage and the stages it is built FROM, not the ones it copies from', () => {
  const stagesOf = (text: string): number[] => [...shippedStages(parseDockerfile(text))].sort();
  assert.deepEqual(stagesOf('FROM golang:1.22 AS build\nFROM alpine:3.20 AS base\nFROM base\nCOPY --from=build /app /app\n'), [1, 2]);
  assert.deepEqual(stagesOf('FROM alpine:3.20 AS a\nFROM a AS b\nFROM b\n'), [0, 1, 2]);
  assert.deepEqual(stagesOf('ARG X=1\n'), []);
});
