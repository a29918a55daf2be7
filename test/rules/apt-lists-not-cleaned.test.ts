import { aptListsNotCleaned } from '../../server/src/rules/apt-lists-not-cleaned';
import { ruleTester } from '../helpers/rule-tester';

const HEAD = "update downloads package lists (often tens of megabytes) that stay in this RUN's layer; deleting them in a later RUN does not make the image smaller.";
const END = 'End this RUN with rm -rf /var/lib/apt/lists/*.';
const MOVE = 'Later RUN instructions install from these lists: move those installs into this RUN, then end it with rm -rf /var/lib/apt/lists/*.';
const FIXES = ['Delete the apt lists at the end of this RUN', 'Ignore apt-lists-not-cleaned here'];
const IGNORE = ['Ignore apt-lists-not-cleaned here'];

ruleTester(aptListsNotCleaned, {
  valid: [
    {
      name: 'the lists are deleted in the same RUN, in the usual spellings',
      path: 'Dockerfile',
      code: [
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
        'RUN apt-get update; apt-get install -y git; rm -rf /var/lib/apt/lists',
        'RUN apt update && apt install -y vim && rm -r /var/lib/apt/*',
        'RUN apt-get update && apt-get install -y jq && find /var/lib/apt/lists -type f -delete',
        '',
      ].join('\n'),
    },
    {
      name: 'a cache or tmpfs mount keeps the lists out of the layer',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y curl\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y git\n',
    },
    {
      name: 'a build stage that does not ship: only what it copies out reaches the image',
      path: 'Dockerfile',
      code: 'FROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y protobuf-compiler\nCOPY . /src\nRUN cd /src && go build -o /app\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'no update: installing from lists that an earlier layer holds creates none; update only in text',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN apt-get install -y curl\nRUN echo "apt-get update" # apt-get update\n',
    },
  ],
  invalid: [
    {
      name: 'the guide example',
      path: 'Dockerfile',
      code: 'FROM python:3.12\nRUN apt-get update && apt-get install -y build-essential\n',
      errors: [{ message: `apt-get ${HEAD} ${END}`, line: 2, column: 13, endLine: 2, endColumn: 19, text: 'update', fixes: FIXES }],
      output: 'FROM python:3.12\nRUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'cleaning in a later RUN is too late; continuations and a trailing comment',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN apt update \\\n    && apt install -y \\\n       curl # tools\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ message: `apt ${HEAD} ${END}`, line: 2, column: 9, endLine: 2, endColumn: 15, text: 'update', fixes: FIXES }],
      output: 'FROM debian:12\nRUN apt update \\\n    && apt install -y \\\n       curl && rm -rf /var/lib/apt/lists/* # tools\nRUN rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a later RUN installs from the lists: no fix, the message says to merge',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ message: `apt-get ${HEAD} ${MOVE}`, line: 2, column: 13, endLine: 2, endColumn: 19, text: 'update', fixes: IGNORE }],
    },
    {
      name: 'a base stage the image is built FROM ships; the stages built FROM it download the lists again',
      path: 'Dockerfile',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y ca-certificates\nFROM base AS tools\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN apt-get update && apt-get install -y git\n',
      errors: [
        { message: `apt-get ${HEAD} ${END}`, line: 2, column: 13, endLine: 2, endColumn: 19, text: 'update', fixes: FIXES },
        { message: `apt-get ${HEAD} ${END}`, line: 6, column: 13, endLine: 6, endColumn: 19, text: 'update', fixes: FIXES },
      ],
      output: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y ca-certificates && rm -rf /var/lib/apt/lists/*\nFROM base AS tools\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a stage built FROM the base reads the lists, even one that does not ship: no fix',
      path: 'Dockerfile',
      code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base AS test\nRUN apt-get install -y shellcheck\nFROM base\nCMD ["bash"]\n',
      errors: [{ message: `apt-get ${HEAD} ${MOVE}`, line: 2, column: 13, endLine: 2, endColumn: 19, text: 'update', fixes: IGNORE }],
    },
    {
      name: 'heredocs: a new line before the terminator under set -e, && otherwise',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y curl\nEOF\nRUN <<-EOF\n\tapt-get update\n\tapt-get install -y git\n\tEOF\n',
      errors: [
        { message: `apt-get ${HEAD} ${END}`, line: 4, column: 9, endLine: 4, endColumn: 15, text: 'update', fixes: FIXES },
        { message: `apt-get ${HEAD} ${END}`, line: 8, column: 10, endLine: 8, endColumn: 16, text: 'update', fixes: FIXES },
      ],
      output: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\nRUN <<-EOF\n\tapt-get update\n\tapt-get install -y git && rm -rf /var/lib/apt/lists/*\n\tEOF\n',
    },
    {
      name: 'a backquote escape file; the script of sh -c in exec form is extended inside its string',
      path: 'Dockerfile',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl `\n    # the tools\n    git\nRUN ["/bin/sh", "-c", "apt-get update && apt-get install -y jq"]\n',
      errors: [
        { message: `apt-get ${HEAD} ${END}`, line: 3, column: 13, endLine: 3, endColumn: 19, text: 'update', fixes: FIXES },
        { message: `apt-get ${HEAD} ${END}`, line: 7, column: 32, endLine: 7, endColumn: 38, text: 'update', fixes: FIXES },
      ],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl `\n    # the tools\n    git && rm -rf /var/lib/apt/lists/*\nRUN ["/bin/sh", "-c", "apt-get update && apt-get install -y jq && rm -rf /var/lib/apt/lists/*"]\n',
    },
    {
      name: 'a cache mount on /var/cache/apt alone does not hold the lists; exec form gets no fix',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\nRUN ["apt-get", "update"]\n',
      errors: [
        { message: `apt-get ${HEAD} ${END}`, line: 2, column: 54, endLine: 2, endColumn: 60, text: 'update', fixes: FIXES },
        { message: `apt-get ${HEAD} ${END}`, line: 3, column: 17, endLine: 3, endColumn: 25, text: '"update"', fixes: IGNORE },
      ],
      output: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN ["apt-get", "update"]\n',
    },
  ],
});
