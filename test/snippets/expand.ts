/**
 * A VS Code snippet body expander for tests: parses the snippet syntax and expands it the way the
 * editor does when the user accepts every default (Tab through each stop without typing).
 *
 * Supported: `$1`, `${1}`, `${1:default}` (defaults may nest other stops and variables), choices
 * `${1|a,b|}` (the first option), `$0`, variables `$NAME`, `${NAME}`, `${NAME:default}`, escapes
 * `\$`, `\}`, `\\` (and `\,`, `\|` inside choices). A `$` that starts none of these is plain text,
 * as in the editor. A malformed `${…}`, which the editor would quietly insert as text, is an error
 * here: in a snippet file it is a mistake. Transforms (`${1/regex/format/}`) are rejected with a
 * clear error: no snippet of ours uses one, and an expander that guessed at them could hide a mistake.
 */

/** One piece of a parsed snippet. */
export type SnippetNode =
  | { type: 'text'; value: string }
  /** `$1`, `${1}`: takes the value of the stop's placeholder, if one is defined anywhere. */
  | { type: 'tabstop'; index: number }
  | { type: 'placeholder'; index: number; children: SnippetNode[] }
  | { type: 'choice'; index: number; options: string[] }
  /** `children` is null when the variable has no default (`$NAME`, `${NAME}`). */
  | { type: 'variable'; name: string; children: SnippetNode[] | null };

/** A body the editor would not read as intended; `offset` is where in the body the problem is. */
export class SnippetSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at offset ${offset})`);
    this.name = 'SnippetSyntaxError';
  }
}

/** The result of expanding a body with every default accepted. */
export interface Expansion {
  text: string;
  /** Variables the body uses that are not in the variable table (the editor inserts their names). */
  unknownVariables: string[];
  /** Tab stops (other than `$0`) that no placeholder or choice gives a default value. */
  stopsWithoutDefault: number[];
  /** Every tab stop index in order of first appearance, `0` included. */
  stopOrder: number[];
}

const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;
const INTEGER = /^[0-9]+/;

/** Joins a snippet file's `body` (a string, or lines) the way VS Code does. */
export function bodyText(body: string | readonly string[]): string {
  return typeof body === 'string' ? body : body.join('\n');
}

/** Parses a snippet body. Throws `SnippetSyntaxError` for a malformed `${…}` construct. */
export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).parseSequence(false);
}

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  /** Reads nodes up to the end (top level) or up to the `}` that closes a placeholder. */
  parseSequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      if (ch === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += ch;
          this.pos++;
        }
        continue;
      }
      if (ch === '}' && nested) {
        flush();
        return nodes;
      }
      if (ch === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
          continue;
        }
      }
      text += ch;
      this.pos++;
    }
    if (nested) throw new SnippetSyntaxError('missing "}" to close a placeholder', this.src.length);
    flush();
    return nodes;
  }

  /** At a `$`: a tab stop, placeholder, choice or variable; null when the `$` is plain text. */
  private parseDollar(): SnippetNode | null {
    const start = this.pos;
    const rest = this.src.slice(start + 1);
    const integer = INTEGER.exec(rest);
    if (integer) {
      this.pos = start + 1 + integer[0].length;
      return { type: 'tabstop', index: Number(integer[0]) };
    }
    const name = VARIABLE_NAME.exec(rest);
    if (name) {
      this.pos = start + 1 + name[0].length;
      return { type: 'variable', name: name[0], children: null };
    }
    if (rest[0] !== '{') return null;
    this.pos = start + 2;
    return this.parseBraced(start);
  }

  /** After `${`: `1}`, `1:…}`, `1|a,b|}`, `NAME}`, `NAME:…}`. */
  private parseBraced(start: number): SnippetNode {
    const rest = this.src.slice(this.pos);
    const integer = INTEGER.exec(rest);
    const name = integer ? null : VARIABLE_NAME.exec(rest);
    const head = integer ?? name;
    if (!head) throw new SnippetSyntaxError('"${" must be followed by a tab stop number or a variable name', start);
    this.pos += head[0].length;
    const after = this.src[this.pos];
    if (after === '}') {
      this.pos++;
      return integer ? { type: 'tabstop', index: Number(head[0]) } : { type: 'variable', name: head[0], children: null };
    }
    if (after === ':') {
      this.pos++;
      const children = this.parseSequence(true);
      this.pos++; // the closing `}`
      return integer ? { type: 'placeholder', index: Number(head[0]), children } : { type: 'variable', name: head[0], children };
    }
    if (after === '|' && integer) {
      this.pos++;
      return { type: 'choice', index: Number(head[0]), options: this.parseChoiceOptions(start) };
    }
    if (after === '/') throw new SnippetSyntaxError('transforms are not supported by this expander', start);
    throw new SnippetSyntaxError(`unexpected ${after === undefined ? 'end of body' : JSON.stringify(after)} in "\${${head[0]}…"`, this.pos);
  }

  /** After `${1|`: options separated by `,`, closed by `|}`. */
  private parseChoiceOptions(start: number): string[] {
    const options: string[] = [];
    let option = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos];
      const next = this.src[this.pos + 1];
      if (ch === '\\' && (next === ',' || next === '|' || next === '\\')) {
        option += next;
        this.pos += 2;
      } else if (ch === ',') {
        options.push(option);
        option = '';
        this.pos++;
      } else if (ch === '|' && next === '}') {
        options.push(option);
        this.pos += 2;
        return options;
      } else {
        option += ch;
        this.pos++;
      }
    }
    throw new SnippetSyntaxError('missing "|}" to close a choice', start);
  }
}

/**
 * Expands a body with every default accepted: a stop takes the value of the first placeholder or
 * choice with its index (in document order, nested ones included), a choice its first option,
 * `$0` nothing, a variable its value from `variables` (or its default when the value is empty or
 * the variable unknown; an unknown variable without default becomes its own name, as in VS Code).
 */
export function expandSnippet(body: string | readonly string[], variables: Readonly<Record<string, string>>): Expansion {
  const nodes = parseSnippet(bodyText(body));
  const definitions = new Map<number, SnippetNode>();
  const stopOrder: number[] = [];
  walk(nodes, (node) => {
    if (node.type === 'tabstop' || node.type === 'placeholder' || node.type === 'choice') {
      if (!stopOrder.includes(node.index)) stopOrder.push(node.index);
      if (node.type !== 'tabstop' && !definitions.has(node.index)) definitions.set(node.index, node);
    }
  });
  const unknownVariables = new Set<string>();
  const resolving = new Set<number>();

  const stopValue = (index: number): string => {
    const definition = definitions.get(index);
    if (!definition) return '';
    if (resolving.has(index)) throw new Error(`the default of tab stop $${index} refers to itself`);
    resolving.add(index);
    const value = definition.type === 'choice' ? definition.options[0] : render((definition as { children: SnippetNode[] }).children);
    resolving.delete(index);
    return value;
  };

  const render = (list: readonly SnippetNode[]): string => list.map(renderNode).join('');

  const renderNode = (node: SnippetNode): string => {
    switch (node.type) {
      case 'text':
        return node.value;
      case 'tabstop':
      case 'placeholder':
      case 'choice':
        return stopValue(node.index);
      case 'variable': {
        const known = Object.prototype.hasOwnProperty.call(variables, node.name);
        const value = known ? variables[node.name] : '';
        if (value !== '') return value;
        if (node.children) return render(node.children);
        if (known) return '';
        unknownVariables.add(node.name);
        return node.name;
      }
    }
  };

  const text = render(nodes);
  const stopsWithoutDefault = stopOrder.filter((index) => index !== 0 && !definitions.has(index));
  return { text, unknownVariables: [...unknownVariables], stopsWithoutDefault, stopOrder };
}

/** Visits every node, depth first, in document order. */
function walk(nodes: readonly SnippetNode[], visit: (node: SnippetNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if ((node.type === 'placeholder' || node.type === 'variable') && node.children) walk(node.children, visit);
  }
}
