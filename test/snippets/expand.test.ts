import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SnippetSyntaxError, bodyText, expandSnippet, parseSnippet } from './expand';

const VARS = { TM_FILENAME_BASE: 'deployment', TM_SELECTED_TEXT: '', WORKSPACE_NAME: 'shop' };

/** The expanded text alone. */
function text(body: string): string {
  return expandSnippet(body, VARS).text;
}

describe('parseSnippet', () => {
  test('reads every construct into nodes', () => {
    assert.deepEqual(parseSnippet('a $1 ${2} ${3:x${4:y}} ${5|p,q|} $NAME ${OTHER:d} $0'), [
      { type: 'text', value: 'a ' },
      { type: 'tabstop', index: 1 },
      { type: 'text', value: ' ' },
      { type: 'tabstop', index: 2 },
      { type: 'text', value: ' ' },
      {
        type: 'placeholder',
        index: 3,
        children: [
          { type: 'text', value: 'x' },
          { type: 'placeholder', index: 4, children: [{ type: 'text', value: 'y' }] },
        ],
      },
      { type: 'text', value: ' ' },
      { type: 'choice', index: 5, options: ['p', 'q'] },
      { type: 'text', value: ' ' },
      { type: 'variable', name: 'NAME', children: null },
      { type: 'text', value: ' ' },
      { type: 'variable', name: 'OTHER', children: [{ type: 'text', value: 'd' }] },
      { type: 'text', value: ' ' },
      { type: 'tabstop', index: 0 },
    ]);
  });

  test('rejects a placeholder that is never closed', () => {
    assert.throws(() => parseSnippet('image: ${1:nginx'), (e: unknown) => e instanceof SnippetSyntaxError && e.offset === 16);
  });

  test('rejects a choice that is never closed', () => {
    assert.throws(() => parseSnippet('${1|a,b}'), (e: unknown) => e instanceof SnippetSyntaxError && e.offset === 0);
  });

  test('rejects "${" without a number or name, and transforms', () => {
    assert.throws(() => parseSnippet('x ${ 1}'), (e: unknown) => e instanceof SnippetSyntaxError && e.offset === 2);
    assert.throws(() => parseSnippet('${1/(.*)/$1/}'), /transforms are not supported/);
    assert.throws(() => parseSnippet('${1x}'), /unexpected "x"/);
  });
});

describe('expandSnippet', () => {
  test('a placeholder gives its default, a bare tab stop and $0 give nothing', () => {
    assert.equal(text('name: ${1:app}$0'), 'name: app');
    assert.equal(text('a$2b'), 'ab');
  });

  test('mirrors take the value of the placeholder with the same index, wherever it is', () => {
    assert.equal(text('labels: $1\nname: ${1:web}'), 'labels: web\nname: web');
    assert.equal(text('${1|Deployment,StatefulSet|} $1'), 'Deployment Deployment');
  });

  test('the first placeholder of an index defines its value', () => {
    assert.equal(text('${1:first} ${1:second}'), 'first first');
  });

  test('nested placeholders and mirrors inside defaults expand', () => {
    assert.equal(text('${1:app} ${2:${1}-config} ${3:a ${4:b ${5:c}}}'), 'app app-config a b c');
  });

  test('a choice gives its first option; escapes inside choices are read', () => {
    assert.equal(text('${1|3.12-slim,3.13-slim|}'), '3.12-slim');
    assert.equal(text('${1|a\\,b,c|}'), 'a,b');
    assert.equal(text('${1|x\\|y,z|}'), 'x|y');
  });

  test('escaped $, } and backslash are literal; other backslashes stay', () => {
    assert.equal(text('PATH=\\$PATH'), 'PATH=$PATH');
    assert.equal(text('${1:a\\}b}'), 'a}b');
    assert.equal(text('a\\\\b'), 'a\\b');
    assert.equal(text('RUN a \\\n && b'), 'RUN a \\\n && b');
    assert.equal(text('x\\n'), 'x\\n');
  });

  test('a $ that starts no construct is text, and } outside a placeholder is text', () => {
    assert.equal(text('cost $ 5 $(date) }'), 'cost $ 5 $(date) }');
  });

  test('variables take their value, or their default when empty', () => {
    assert.equal(text('$TM_FILENAME_BASE ${WORKSPACE_NAME}'), 'deployment shop');
    assert.equal(text('${TM_SELECTED_TEXT:none}'), 'none');
    assert.equal(text('${1:${TM_FILENAME_BASE}-svc} $1'), 'deployment-svc deployment-svc');
  });

  test('unknown variables become their name, unless they have a default, and are reported', () => {
    const result = expandSnippet('$HOME ${USER:me} ${PATH}', VARS);
    assert.equal(result.text, 'HOME me PATH');
    assert.deepEqual(result.unknownVariables, ['HOME', 'PATH']);
  });

  test('reports tab stops without a default and the order of first appearance', () => {
    const result = expandSnippet('$3 ${1:a} ${2|x,y|} $4 $0 $1', VARS);
    assert.deepEqual(result.stopsWithoutDefault, [3, 4]);
    assert.deepEqual(result.stopOrder, [3, 1, 2, 4, 0]);
  });

  test('a default that refers to its own tab stop is an error, not a hang', () => {
    assert.throws(() => expandSnippet('${1:a$1}', VARS), /refers to itself/);
  });

  test('a body given as lines is joined with newlines', () => {
    assert.equal(bodyText(['a', 'b']), 'a\nb');
    assert.equal(expandSnippet(['x: ${1:1}', 'y: $1'], VARS).text, 'x: 1\ny: 1');
  });
});
