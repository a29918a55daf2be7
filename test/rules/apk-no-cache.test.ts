import { apkNoCache } from '../../server/src/rules/apk-no-cache';
import { ruleTester } from '../helpers/rule-tester';

const MESSAGE = 'apk add without --no-cache keeps the package index in /var/cache/apk, inside this layer, which makes the image bigger. Add --no-cache: apk then fetches a fresh index and keeps nothing, so apk update is not needed either.';
const FIXES = ['Add --no-cache', 'Ignore apk-no-cache here'];
const DROPPING = ['Add --no-cache and drop apk update', 'Ignore apk-no-cache here'];
const UPDATE = 'apk update downloads the package index into /var/cache/apk, where it stays in this layer and makes the image bigger. The installs here use --no-cache, which fetches a fresh index anyway: drop apk update.';

ruleTester(apkNoCache, {
  valid: [
    {
      name: 'the flag after add or before it',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl && apk --no-cache add git\n',
    },
    {
      name: 'the cache deleted in the same RUN, or kept out of the layer by a cache mount',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\nRUN --mount=type=cache,target=/var/cache/apk apk add git\nRUN --mount=type=cache,target=/etc/apk/cache apk add --update jq\n',
    },
    {
      name: 'apk add --no-network downloads nothing; apk update that an upgrade still reads',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc \\\n && apk add --no-network --virtual .run-deps so:libssl.so.3 \\\n && apk del --no-network .build-deps\nRUN apk update && apk upgrade && apk add --no-cache curl\n',
    },
    {
      name: 'a build stage that does not ship; other apk subcommands',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20 AS build\nRUN apk add build-base\nFROM alpine:3.20\nRUN apk del --purge vim && apk info\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    {
      name: 'a plain apk add',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN apk add curl\n',
      errors: [{ message: MESSAGE, line: 2, column: 9, endLine: 2, endColumn: 12, text: 'add', fixes: FIXES }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    },
    {
      name: 'apk update and a virtual package over continuations; deleting the cache in a later RUN is too late',
      path: 'Dockerfile',
      code: 'FROM python:3.12-alpine\nRUN apk update \\\n && apk add --virtual .build-deps \\\n      gcc musl-dev \\\n && pip install --no-cache-dir uwsgi==2.0.26 \\\n && apk del .build-deps\nRUN rm -rf /var/cache/apk/*\n',
      errors: [{ message: MESSAGE, line: 3, column: 9, endLine: 3, endColumn: 12, text: 'add', fixes: DROPPING }],
      output: 'FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps \\\n      gcc musl-dev \\\n && pip install --no-cache-dir uwsgi==2.0.26 \\\n && apk del .build-deps\nRUN rm -rf /var/cache/apk/*\n',
    },
    {
      name: 'apk update before installs that already use --no-cache still leaves its index: dropped, on a line of a heredoc too',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\nRUN <<EOF\nset -e\napk update\napk add --no-cache git\nEOF\n',
      errors: [
        { message: UPDATE, line: 2, column: 9, endLine: 2, endColumn: 15, text: 'update', fixes: ['Drop apk update', 'Ignore apk-no-cache here'] },
        { message: UPDATE, line: 5, column: 5, endLine: 5, endColumn: 11, text: 'update', fixes: ['Drop apk update', 'Ignore apk-no-cache here'] },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN <<EOF\nset -e\napk add --no-cache git\nEOF\n',
    },
    {
      name: 'apk update joined by || or followed by a comment line: reported, not removed; two installs: one fix drops it',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN apk update || true; apk add --no-cache curl\nRUN apk update \\\n    # tools\n && apk add --no-cache git\nRUN apk update; apk add jq; apk add yq\n',
      errors: [
        { message: UPDATE, line: 2, column: 9, endLine: 2, endColumn: 15, text: 'update', fixes: ['Ignore apk-no-cache here'] },
        { message: UPDATE, line: 3, column: 9, endLine: 3, endColumn: 15, text: 'update', fixes: ['Ignore apk-no-cache here'] },
        { message: MESSAGE, line: 6, column: 21, endLine: 6, endColumn: 24, text: 'add', fixes: DROPPING },
        { message: MESSAGE, line: 6, column: 33, endLine: 6, endColumn: 36, text: 'add', fixes: FIXES },
      ],
      output: 'FROM alpine:3.20\nRUN apk update || true; apk add --no-cache curl\nRUN apk update \\\n    # tools\n && apk add --no-cache git\nRUN apk add --no-cache jq; apk add --no-cache yq\n',
    },
    {
      name: 'a backquote escape file: the flag goes right after add, before the continuation',
      path: 'Dockerfile',
      code: '# escape=`\nFROM alpine:3.20\nRUN apk add `\n      curl `\n      git\n',
      errors: [{ message: MESSAGE, line: 3, column: 9, endLine: 3, endColumn: 12, text: 'add', fixes: FIXES }],
      output: '# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache `\n      curl `\n      git\n',
    },
    {
      name: 'exec form and a heredoc script',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "curl"]\nRUN <<EOF\nset -e\napk add git\nEOF\n',
      errors: [
        { message: MESSAGE, line: 2, column: 13, endLine: 2, endColumn: 18, text: '"add"', fixes: FIXES },
        { message: MESSAGE, line: 5, column: 5, endLine: 5, endColumn: 8, text: 'add', fixes: FIXES },
      ],
      output: 'FROM alpine:3.20\nRUN ["apk", "add", "--no-cache", "curl"]\nRUN <<EOF\nset -e\napk add --no-cache git\nEOF\n',
    },
  ],
});
