import { copyWithoutDockerignore } from '../../server/src/rules/copy-without-dockerignore';
import { ruleTester } from '../helpers/rule-tester';

const MESSAGE =
  'This copies the whole build context, and no .dockerignore limits it: .git, node_modules, .env files and other local leftovers end up in the image, ' +
  'making it bigger and possibly leaking secrets. Add a .dockerignore next to the Dockerfile.';
const BUILD_STAGE =
  'This copies the whole build context, and no .dockerignore limits it: .git, node_modules, .env files and other local leftovers go to the builder on every build, ' +
  'and any change to them reruns this step and every one after it. Add a .dockerignore next to the Dockerfile.';
const FIXES = ['Create .dockerignore', 'Ignore copy-without-dockerignore here'];

/** The created file, for a Dockerfile named `name`, with line break `eol`. */
function ignoreFile(name: string, eol = '\n'): string {
  const lines = [
    '# Files the image does not need. The builder leaves them out of the build context.',
    '.git',
    '.dockerignore',
    '.env',
    '.env.*',
    '*.log',
    'node_modules',
    '.venv',
    '__pycache__',
    '*.pyc',
    '.pytest_cache',
    '.idea',
    '.vscode',
    name,
  ];
  return lines.join(eol) + eol;
}

ruleTester(copyWithoutDockerignore, {
  valid: [
    { name: 'a .dockerignore next to the Dockerfile', path: 'app/Dockerfile', files: ['app/.dockerignore'], code: 'FROM python:3.12-slim\nCOPY . .\n' },
    { name: 'the ignore file BuildKit reads for Dockerfile.prod', path: 'Dockerfile.prod', files: ['Dockerfile.prod.dockerignore'], code: 'FROM node:20-slim\nCOPY . /app\n' },
    { name: 'a .containerignore (Podman, Buildah)', path: 'Containerfile', files: ['.containerignore'], code: 'FROM node:20-slim\nCOPY ./ /app\n' },
    { name: 'a .dockerignore in a parent folder, for a context above the Dockerfile', path: 'docker/web/Dockerfile', files: ['.dockerignore'], code: 'FROM nginx:1.27\nCOPY . /usr/share/nginx/html\n' },
    { name: 'the file system is unknown (an unsaved document)', path: 'Dockerfile', code: 'FROM python:3.12-slim\nCOPY . .\n' },
    { name: 'named files, and . only as the destination', path: 'Dockerfile', files: [], code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt app.py .\nCOPY src/ ./src/\n' },
    { name: 'copying from another stage', path: 'Dockerfile', files: [], code: 'FROM node:20 AS build\nWORKDIR /app\nRUN npm init -y\nFROM node:20-slim\nCOPY --from=build /app .\nCOPY --from=build . /srv\n' },
    { name: 'COPY --exclude filters what it copies', path: 'Dockerfile', files: [], code: 'FROM node:20-slim\nCOPY --exclude=node_modules --exclude=.git . /app\n' },
  ],
  invalid: [
    {
      name: 'COPY . . with no ignore file: the fix creates one, the Dockerfile stays as it is',
      path: 'Dockerfile',
      files: [],
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
      errors: [{ message: MESSAGE, line: 3, column: 6, endLine: 3, endColumn: 7, text: '.', fixes: FIXES }],
      output: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
      created: { '.dockerignore': ignoreFile('Dockerfile') },
    },
    {
      name: 'two stages copy the context (./ and exec form): one file is created for both; a build stage that does not ship slows builds',
      path: 'services/api/Dockerfile.dev',
      files: ['.git'],
      code: 'FROM node:20 AS build\nCOPY ./ /src\nRUN npm ci\nFROM node:20-slim\nADD [".", "/app"]\n',
      errors: [
        { message: BUILD_STAGE, line: 2, column: 6, endLine: 2, endColumn: 8, text: './', fixes: FIXES },
        { message: MESSAGE, line: 5, column: 6, endLine: 5, endColumn: 9, text: '"."', fixes: FIXES },
      ],
      output: 'FROM node:20 AS build\nCOPY ./ /src\nRUN npm ci\nFROM node:20-slim\nADD [".", "/app"]\n',
      created: { '.dockerignore': ignoreFile('Dockerfile.dev') },
    },
    {
      name: 'the search for a wider context stops at the repository root; CRLF line breaks',
      path: 'repo/web/Dockerfile',
      files: ['repo/.git', '.dockerignore'],
      code: 'FROM nginx:1.27\r\nCOPY . /usr/share/nginx/html\r\n',
      errors: [{ message: MESSAGE, line: 2, column: 6, endLine: 2, endColumn: 7, text: '.', fixes: FIXES }],
      output: 'FROM nginx:1.27\r\nCOPY . /usr/share/nginx/html\r\n',
      created: { '.dockerignore': ignoreFile('Dockerfile', '\r\n') },
      fixed: { 'Ignore copy-without-dockerignore here': 'FROM nginx:1.27\r\n# kubeready-ignore copy-without-dockerignore\r\nCOPY . /usr/share/nginx/html\r\n' },
    },
  ],
});
