import { unpinnedPackage } from '../../server/src/rules/unpinned-package';
import { ruleTester } from '../helpers/rule-tester';

const DRIFT = 'has no pinned version: each build installs whatever is newest that day, so two builds can differ.';
const apt = (name: string): string =>
  `${name} ${DRIFT} Pinning (${name}=<version>) makes builds repeatable, but Debian and Ubuntu drop old versions from their archives, which then breaks the build: pin only if you will keep the pins up to date.`;
const apk = (name: string): string =>
  `${name} ${DRIFT} Pinning (${name}=<version>) makes builds repeatable, but Alpine drops old versions from its repositories, which then breaks the build: pin only if you will keep the pins up to date.`;
const pip = (name: string): string => `${name} ${DRIFT} Pin it (${name}==<version>), or install from a requirements file with pinned versions.`;
const npm = (name: string): string => `${name} ${DRIFT} Pin it (${name}@<version>), or install from package.json with a lockfile (npm ci).`;
const gem = (name: string): string => `${name} ${DRIFT} Pin it (${name}:<version>, or -v <version>).`;
const IGNORE = ['Ignore unpinned-package here'];

ruleTester(unpinnedPackage, {
  valid: [
    {
      name: 'pinned versions for every manager',
      path: 'Dockerfile',
      code: [
        'FROM debian:12',
        'RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 "git=1:2.39.*" -t bookworm-backports',
        'RUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2 "openssl>3"',
        'RUN pip install --no-cache-dir flask==3.0.3 "requests[socks]===2.32.3" \'uvicorn==0.30.*; python_version >= "3.8"\'',
        'RUN npm install -g typescript@5.4.5 @angular/cli@^17.3.0 pnpm@~9.1',
        'RUN gem install rails:7.1.3 && gem install bundler -v 2.5.10 && gem install rake --version "~> 13.0"',
        '',
      ].join('\n'),
    },
    {
      name: 'files, paths, URLs, variables and lockfiles are not registry packages',
      path: 'Dockerfile',
      code: [
        'FROM python:3.12-slim',
        'RUN apt-get install -y ./vendor/tool.deb /tmp/x.deb $EXTRA_PACKAGES ${BUILD_DEPS}',
        'RUN pip install -r requirements.txt -e . ./libs/common dist/app-1.0-py3-none-any.whl git+https://example.com/lib.git "pkg @ https://example.com/pkg.zip"',
        'RUN pip install -c constraints.txt flask requests',
        'RUN npm ci && npm install && npm install ./local-lib user/repo git+https://example.com/x.git file:../y && npm install -g ../tool.tgz',
        'RUN gem install ./vendor/x-1.0.gem && apk add --allow-untrusted /tmp/pkg.apk',
        'RUN apt-cache policy curl && apt-get remove -y vim && pip uninstall -y flask && echo "pip install flask"',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'the guide example: one finding per unpinned word, across continuations',
      path: 'Dockerfile',
      code: 'FROM python:3.12\nRUN apt-get update && apt-get install -y \\\n    build-essential \\\n    curl=7.88.1-10+deb12u5 \\\n    git/bookworm-backports\n',
      errors: [
        { message: apt('build-essential'), line: 3, column: 5, endLine: 3, endColumn: 20, text: 'build-essential', fixes: IGNORE },
        { message: apt('git'), line: 5, column: 5, endLine: 5, endColumn: 27, text: 'git/bookworm-backports', fixes: IGNORE },
      ],
    },
    {
      name: 'apk, pip ranges, npm tags and scopes, gems; exec form and heredoc scripts',
      path: 'Dockerfile',
      code: [
        'FROM node:20-alpine',
        'RUN apk add --no-cache curl "py3-pip>=24"',
        'RUN ["pip", "install", "--no-cache-dir", "flask>=2", "gunicorn"]',
        'RUN <<EOF',
        'npm install --global typescript @scope/cli lodash@latest',
        'gem install rails',
        'EOF',
        '',
      ].join('\n'),
      errors: [
        { message: apk('curl'), line: 2, column: 24, endLine: 2, endColumn: 28, text: 'curl', fixes: IGNORE },
        { message: pip('flask'), line: 3, column: 42, endLine: 3, endColumn: 52, text: '"flask>=2"', fixes: IGNORE },
        { message: pip('gunicorn'), line: 3, column: 54, endLine: 3, endColumn: 64, text: '"gunicorn"', fixes: IGNORE },
        { message: npm('typescript'), line: 5, column: 22, endLine: 5, endColumn: 32, text: 'typescript', fixes: IGNORE },
        { message: npm('@scope/cli'), line: 5, column: 33, endLine: 5, endColumn: 43, text: '@scope/cli', fixes: IGNORE },
        { message: npm('lodash'), line: 5, column: 44, endLine: 5, endColumn: 57, text: 'lodash@latest', fixes: IGNORE },
        { message: gem('rails'), line: 6, column: 13, endLine: 6, endColumn: 18, text: 'rails', fixes: IGNORE },
      ],
    },
    {
      name: 'upgrading pip itself is not pinned either; a build stage counts too',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim AS build\nRUN python -m pip install --no-cache-dir --upgrade pip==24.0 setuptools\nFROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n',
      errors: [{ message: pip('setuptools'), line: 2, column: 62, endLine: 2, endColumn: 72, text: 'setuptools', fixes: IGNORE }],
    },
  ],
});
