import { syntax } from '../../server/src/rules/syntax';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(syntax, {
  valid: [
    { name: 'a Dockerfile the builder accepts', path: 'Dockerfile', code: '# syntax=docker/dockerfile:1\nfrom alpine:3.20\nrun <<EOF\necho hi\nEOF\n' },
    { name: 'YAML that is not Kubernetes, even broken', path: 'ci.yml', code: 'on: [push\njobs:\n' },
    { name: 'a template that only parses after rendering', path: 'deploy.yaml', code: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  {{- range .Values.items }}\n  {{ .key }}: {{ .value }}\n  {{- end }}\n' },
  ],
  invalid: [
    {
      name: 'an unknown instruction',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nCOPPY . /app\n',
      errors: [
        {
          message: 'Unknown instruction COPPY: the builder rejects it.',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 6,
          text: 'COPPY',
          fixes: [],
        },
      ],
    },
    {
      name: 'a broken document among good ones',
      path: 'all.yaml',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   bad: indent\n',
      errors: [
        {
          message: 'YAML syntax error: Nested mappings are not allowed in compact mappings',
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 10,
          text: 'b',
          fixes: [],
        },
      ],
    },
  ],
});
