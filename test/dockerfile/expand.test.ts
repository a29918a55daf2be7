import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArgScope, expandWord, parseDockerfile } from '../../server/src/dockerfile/parser';
import type { CharSource, Expanded } from '../../server/src/dockerfile/model';
import type { Span } from '../../server/src/text';
import { find, slice } from './helpers';

/** The expanded image of the last FROM. */
function lastImage(text: string): Expanded {
  const model = parseDockerfile(text);
  assert.deepEqual(model.errors, []);
  const expanded = model.stages[model.stages.length - 1].expandedImage;
  assert.ok(expanded);
  return expanded;
}

/** Sources of characters written literally at `span` and shown as themselves. */
function literal(span: Span): CharSource[] {
  const out: CharSource[] = [];
  for (let at = span.start; at < span.end; at++) out.push({ shown: { start: at, end: at + 1 }, written: at });
  return out;
}

/** Sources of characters substituted by the reference at `shown`, written at `written`. */
function substituted(shown: Span, written: Span): CharSource[] {
  const out: CharSource[] = [];
  for (let at = written.start; at < written.end; at++) out.push({ shown, written: at });
  return out;
}

test('ARG TAG=latest / FROM python:${TAG}: substituted characters are shown as ${TAG}, written in the ARG', () => {
  const text = 'ARG TAG=latest\nFROM python:${TAG}';
  const expanded = lastImage(text);
  assert.deepEqual(expanded, {
    value: 'python:latest',
    unresolved: false,
    sources: [...literal(find(text, 'python:')), ...substituted(find(text, '${TAG}'), find(text, 'latest'))],
  });
  assert.deepEqual(expanded.sources[7], { shown: { start: 27, end: 33 }, written: 8 });
  assert.equal(slice(text, expanded.sources[7].shown), '${TAG}');
});

test('${V:-default} with V unset resolves to the default, written in the FROM line', () => {
  const text = 'ARG V\nFROM img:${V:-3.12}';
  const expanded = lastImage(text);
  assert.deepEqual(expanded, {
    value: 'img:3.12',
    unresolved: false,
    sources: [...literal(find(text, 'img:')), ...substituted(find(text, '${V:-3.12}'), find(text, '3.12'))],
  });
});

test('a plain $V or ${V} without a value, or an undeclared variable, is unresolved', () => {
  assert.deepEqual(lastImage('ARG V\nFROM img:$V'), { value: 'img:', unresolved: true, sources: literal({ start: 11, end: 15 }) });
  assert.deepEqual(lastImage('ARG V\nFROM img:${V}').unresolved, true);
  const undeclared = lastImage('FROM $REGISTRY/app');
  assert.equal(undeclared.value, '/app');
  assert.equal(undeclared.unresolved, true);
});

test('ARG defaults may reference earlier ARGs; quoted defaults trace inside the quotes', () => {
  const text = 'ARG REG=docker.io\nARG IMAGE=${REG}/library/python\nARG TAG="3.12"\nFROM $IMAGE:$TAG';
  const expanded = lastImage(text);
  const image = find(text, '$IMAGE');
  assert.deepEqual(expanded, {
    value: 'docker.io/library/python:3.12',
    unresolved: false,
    sources: [
      ...substituted(image, find(text, 'docker.io')),
      ...substituted(image, find(text, '/library/python')),
      ...literal(find(text, ':$TAG')).slice(0, 1),
      ...substituted(find(text, '$TAG'), find(text, '3.12')),
    ],
  });
});

test('an escaped $ is a literal $; escaped characters are not traceable', () => {
  const text = 'ARG TAG=x\nFROM img:\\$TAG';
  const expanded = lastImage(text);
  assert.equal(expanded.value, 'img:$TAG');
  assert.equal(expanded.unresolved, false);
  assert.deepEqual(expanded.sources[4], { shown: find(text, '\\$'), written: null });
  assert.deepEqual(expanded.sources.slice(5), literal(find(text, 'TAG', 1)));
});

test('an escaped character in a quoted ARG value has no written offset', () => {
  const text = 'ARG T="a\\"b"\nFROM img:$T';
  const expanded = lastImage(text);
  const shown = find(text, '$T');
  assert.equal(expanded.value, 'img:a"b');
  assert.deepEqual(expanded.sources.slice(4), [
    { shown, written: 7 },
    { shown, written: null },
    { shown, written: 10 },
  ]);
  assert.equal(text[7], 'a');
  assert.equal(text[10], 'b');
});

test('${V:+word}, ${V+word}, ${V-word} and ${V:-word} follow set / unset / empty', () => {
  assert.equal(lastImage('ARG V=1\nARG W\nFROM img:${V:+set}${W:+unset}${W+unset}').value, 'img:set');
  const empty = lastImage('ARG E=\nFROM img${E-x}${E:-y}${E+z}${E:+w}');
  assert.equal(empty.value, 'imgyz');
  assert.equal(empty.unresolved, false);
  const dangling = lastImage('ARG E\nFROM img${E-x}');
  assert.equal(dangling.value, 'imgx');
});

test('the word of ${V:-word} may itself contain variables', () => {
  const text = 'ARG D=dflt\nFROM img:${MISSING:-$D-x}';
  const expanded = lastImage(text);
  const reference = find(text, '${MISSING:-$D-x}');
  assert.deepEqual(expanded, {
    value: 'img:dflt-x',
    unresolved: false,
    sources: [...literal(find(text, 'img:')), ...substituted(reference, find(text, 'dflt')), ...substituted(reference, find(text, '-x'))],
  });
});

test('modifiers the linter does not evaluate, and bad substitutions, are unresolved', () => {
  for (const text of ['ARG V=abc\nFROM img:${V#a}', 'ARG V=abc\nFROM img:${V%c}', 'ARG V=abc\nFROM img:${V/a/b}', 'FROM img:${}', 'FROM img:${V']) {
    const model = parseDockerfile(text);
    assert.equal(model.stages[0].expandedImage?.unresolved, true, text);
  }
});

test('quotes in FROM are removed; single quotes keep $ literal', () => {
  const text = "ARG T=x\nFROM 'img:$T'";
  const expanded = lastImage(text);
  assert.equal(expanded.value, 'img:$T');
  assert.equal(expanded.unresolved, false);
  assert.deepEqual(expanded.sources, literal(find(text, 'img:$T')));
});

test('continuations inside ARG defaults and FROM words are skipped when tracing', () => {
  const text = 'ARG T=la\\\ntest\nFROM img:\\\n$T';
  const expanded = lastImage(text);
  const shown = find(text, '$T');
  assert.equal(expanded.value, 'img:latest');
  assert.deepEqual(expanded.sources.slice(4), [...substituted(shown, { start: 6, end: 8 }), ...substituted(shown, { start: 10, end: 14 })]);
  assert.equal(text.slice(6, 8) + text.slice(10, 14), 'latest');
});

test('in a backtick-escape file a backslash in an ARG default is literal', () => {
  const text = '# escape=`\nARG DIR=C:\\base\nFROM mcr.microsoft.com/${DIR}';
  assert.equal(lastImage(text).value, 'mcr.microsoft.com/C:\\base');
});

test('buildArgScope and expandWord work on any word, e.g. a stage ARG used in COPY --from', () => {
  const text = 'FROM alpine AS builder\nFROM alpine\nARG SRC=builder\nARG UNSET\nCOPY --from=${SRC} / /\nCOPY --from=$UNSET / /';
  const model = parseDockerfile(text);
  const stage = model.stages[1];
  const scope = buildArgScope(
    stage.instructions.filter((i) => i.keyword === 'ARG'),
    text,
    model.escape,
  );
  assert.deepEqual(scope.get('UNSET'), null);
  const [copy, copyUnset] = stage.instructions.filter((i) => i.keyword === 'COPY');
  const from = copy.flags[0].valueRange;
  assert.ok(from);
  const expanded = expandWord({ range: from }, scope, text, model.escape);
  assert.deepEqual(expanded, { value: 'builder', unresolved: false, sources: substituted(find(text, '${SRC}'), find(text, 'builder', 1)) });
  const unsetRange = copyUnset.flags[0].valueRange;
  assert.ok(unsetRange);
  assert.deepEqual(expandWord({ range: unsetRange }, scope, text, model.escape), { value: '', unresolved: true, sources: [] });
});
