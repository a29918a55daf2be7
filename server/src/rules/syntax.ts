import type { Rule } from './rule';

/** Reports what makes the builder or the YAML reader reject a file. */
export const syntax: Rule = {
  meta: {
    id: 'syntax',
    title: 'File cannot be read',
    description: 'The Dockerfile or YAML has a syntax error, so the builder or kubectl will reject it.',
    defaultSeverity: 'error',
    appliesTo: ['dockerfile', 'kubernetes'],
    fix: 'none',
    ignorable: false,
  },
  checkDockerfile({ model, report }) {
    for (const error of model.errors) report({ start: error.start, end: error.end, message: error.message });
  },
  checkKubernetes({ model, report }) {
    for (const error of model.errors) report({ start: error.start, end: error.end, message: error.message });
  },
};
