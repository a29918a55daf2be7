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
    {
      name: 'a key written twice covers the whole second key and names it',
      path: 'pod.yaml',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n      image: web:1.1\n',
      errors: [
        {
          message: 'YAML syntax error: the key image appears twice in this map. kubectl rejects the file; keep one of them.',
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 12,
          text: 'image',
          fixes: [],
        },
      ],
    },
    {
      name: 'a quoted key written twice in a flow map',
      path: 'cm.yaml',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {"log level": info, "log level": debug}\n',
      errors: [
        {
          message: 'YAML syntax error: the key "log level" appears twice in this map. kubectl rejects the file; keep one of them.',
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 38,
          text: '"log level"',
          fixes: [],
        },
      ],
    },
  ],
});
