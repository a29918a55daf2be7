/**
 * Dockerfile templates (`Dockerfile.template` rendered by jq, Jinja, Go templates…): the text
 * holds `{{ … }}` or `{% … %}` where the generator will write instructions and values, so it is
 * a Dockerfile only after rendering and its syntax errors are no errors.
 */
import { lineStartOf, nextLineStart } from '../text';
import type { DockerfileModel } from './model';

const TEMPLATE_MARKER = /\{\{|\{%/;

/** True when a syntax error sits on a line that holds a template marker: the file is an unrendered template. */
export function isUnrenderedTemplate(model: DockerfileModel): boolean {
  const { text } = model;
  if (!TEMPLATE_MARKER.test(text)) return false;
  return model.errors.some((error) => TEMPLATE_MARKER.test(text.slice(lineStartOf(text, error.start), nextLineStart(text, error.start))));
}
