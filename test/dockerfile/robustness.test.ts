import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArgScope, expandWord, parseDockerfile } from '../../server/src/dockerfile/parser';
import type { DockerfileModel } from '../../server/src/dockerfile/model';
import { allSpans } from './helpers';

/** A realistic Dockerfile of about `lineCount` lines: stages of ARG/ENV/RUN/COPY/heredocs/exec form. */
function generatedDockerfile(lineCount: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=python', 'ARG TAG=3.12-slim'];
  for (let stage = 0; out.length < lineCount; stage++) {
    out.push(
      `FROM \${BASE}:\${TAG} AS stage${stage}`,
      `ENV APP_HOME=/app/${stage} \\`,
      `    LANG="C.UTF-8" PATH=/app/${stage}/bin:$PATH`,
      'RUN --mount=type=cache,target=/root/.cache apt-get update \\',
      '    # refresh the index',
      '    && apt-get install -y --no-install-recommends curl \\',
      '    && rm -rf /var/lib/apt/lists/*',
      `COPY --from=stage${Math.max(stage - 1, 0)} --chown=1000:1000 /src /dst`,
      'RUN <<EOF bash',
      'set -eux',
      'echo "FROM x inside a heredoc"',
      'EOF',
      'HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]',
      `LABEL version="${stage}" description='stage ${stage}'`,
      'CMD ["python", "-m", "app"]',
      '',
    );
  }
  return out.join('\n');
}

/** Checks the invariants every model must keep, whatever the input. */
function assertWellFormed(model: DockerfileModel, text: string): void {
  for (const span of allSpans(model)) {
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `bad span ${JSON.stringify(span)}`);
  }
  let previous = -1;
  for (const instruction of model.instructions) {
    assert.ok(instruction.range.start > previous, 'instructions in order');
    assert.ok(instruction.startLine <= instruction.endLine);
    previous = instruction.range.end;
  }
}

test('a 5,000-line Dockerfile parses without errors (its speed is in npm run bench)', () => {
  const text = generatedDockerfile(5000);
  assert.ok(text.split('\n').length >= 5000);
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  assert.equal(model.stages.length, Math.ceil((text.split('\n').length - 3) / 16));
  assert.equal(model.stages[10].expandedImage?.value, 'python:3.12-slim');
  assert.equal(model.stages[10].baseStage, null);
  assertWellFormed(model, text);
});

test('pathological shapes parse to a well-formed model: one huge logical line, a huge unterminated heredoc, long lines', () => {
  const shapes = [
    'FROM a\nRUN echo \\\n' + '    && echo x \\\n'.repeat(5000) + '    && true',
    'FROM a\nRUN <<EOF\n' + 'FROM x\n'.repeat(5000),
    'FROM a\nENV ' + 'K=v '.repeat(20000),
    'FROM a\nARG ' + 'NAME '.repeat(20000),
    'FROM a\nRUN ' + '"'.repeat(20001),
    'FROM a\nCOPY ' + '<<A '.repeat(2000) + '/dst\n' + 'x\n'.repeat(2000),
    'ARG A=x\n' + 'FROM ${A}\n'.repeat(5000),
    'FROM a\n' + '# comment\n'.repeat(5000),
    'FROM a\nRUN echo \\\n' + '# comment\n\n'.repeat(5000) + 'done',
  ];
  for (const text of shapes) {
    assertWellFormed(parseDockerfile(text), text);
  }
});

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'FROM ', 'RUN ', 'COPY ', 'ADD ', 'ENV ', 'ARG ', 'LABEL ', 'ONBUILD ', 'HEALTHCHECK ', 'CMD ', 'SHELL ', 'from ', 'AS ',
  '\\', '`', '"', "'", '<<', '<<-', '<<<', 'EOF', '$', '${', '}', ':-', ':+', '#', '=', '[', ']', ',', '--', '--from=',
  '\n', '\r\n', '\r', '\t', ' ', '  ', 'a', 'x1', '\uFEFF', 'é', '\u00a0', '# escape=`\n', '# syntax=x\n', '1', '-',
];

test('random byte soup and token soup never throw and keep spans inside the text', () => {
  const next = random(20240607);
  for (let round = 0; round < 3000; round++) {
    let text = '';
    const length = Math.floor(next() * 60);
    for (let i = 0; i < length; i++) {
      text += next() < 0.7 ? PIECES[Math.floor(next() * PIECES.length)] : String.fromCharCode(Math.floor(next() * 0x3000));
    }
    const model = parseDockerfile(text);
    assertWellFormed(model, text);
    const scope = buildArgScope(model.globalArgs, text, model.escape);
    for (const instruction of model.instructions) {
      for (const word of [...instruction.args, ...(instruction.json ?? [])]) {
        const expanded = expandWord(word, scope, text, model.escape);
        assert.equal(expanded.sources.length, expanded.value.length);
      }
    }
  }
});

test('every prefix of a real Dockerfile parses without throwing', () => {
  const text = generatedDockerfile(40).replace(/\n/g, (_, at: number) => (at % 3 === 0 ? '\r\n' : '\n'));
  for (let end = 0; end <= text.length; end++) {
    const prefix = text.slice(0, end);
    assertWellFormed(parseDockerfile(prefix), prefix);
  }
});
