import { aptNoInstallRecommends } from '../../server/src/rules/apt-no-install-recommends';
import { ruleTester } from '../helpers/rule-tester';

const TAIL = 'install also installs every package that these only recommend, which makes the image bigger and slower to pull. Add --no-install-recommends, and name any extra package you do need.';
const FIXES = ['Add --no-install-recommends', 'Ignore apt-no-install-recommends here'];
const ADD = 'install also installs every package that these only recommend, which makes the image bigger and slower to pull. Add --no-install-recommends, and name any extra package you do need:';
const BUILD = 'install also installs every package that these only recommend, which slows down every build of this stage. Add --no-install-recommends, and name any extra package you do need.';

ruleTester(aptNoInstallRecommends, {
  valid: [
    {
      name: 'the flag, in any place; apt as well as apt-get',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && apt --no-install-recommends install -y git \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the apt option that turns recommends off, in its spellings',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false a \\\n && apt-get install -y -oAPT::Install-Recommends=0 b \\\n && apt-get install -y --option=apt::install-recommends=no c\n',
    },
    {
      name: 'apt is configured without recommends by an earlier RUN, inherited by a stage built FROM it',
      path: 'Dockerfile',
      code: 'FROM debian:12 AS base\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99no-recommends\nFROM base\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'the configuration written by a heredoc, then the install in the same RUN',
      path: 'Dockerfile',
      code: 'FROM ubuntu:24.04\nRUN cat > /etc/apt/apt.conf.d/01norecommends <<EOF && apt-get install -y curl\nAPT::Install-Recommends "0";\nEOF\n',
    },
    {
      name: 'not an install: other subcommands, apt-cache, strings, comments, heredoc data',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN apt-get update && apt-get remove -y vim && apt-cache show curl # apt-get install curl\nRUN echo "apt-get install curl" && cat <<EOF > /notes.txt\napt-get install curl\nEOF\n',
    },
    {
      name: 'a PowerShell SHELL: the RUN is not read as a POSIX shell script',
      path: 'Dockerfile',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN apt-get install curl\n',
    },
  ],
  invalid: [
    {
      name: 'the guide example: apt-get install after apt-get update',
      path: 'Dockerfile',
      code: 'FROM python:3.12\nRUN apt-get update && apt-get install -y build-essential\n',
      errors: [{ message: `apt-get ${TAIL}`, line: 2, column: 31, endLine: 2, endColumn: 38, text: 'install', fixes: FIXES }],
      output: 'FROM python:3.12\nRUN apt-get update && apt-get install --no-install-recommends -y build-essential\n',
      fixed: {
        'Ignore apt-no-install-recommends here': 'FROM python:3.12\n# kubeready-ignore apt-no-install-recommends\nRUN apt-get update && apt-get install -y build-essential\n',
      },
    },
    {
      name: 'a backquote escape file, sudo, options before install, a word split over a continuation',
      path: 'Dockerfile',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    sudo -E apt-get -y ins`\ntall `\n      jq\n',
      errors: [{ message: `apt-get ${TAIL}`, line: 4, column: 24, endLine: 5, endColumn: 5, text: 'ins`\ntall', fixes: FIXES }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    sudo -E apt-get -y ins`\ntall --no-install-recommends `\n      jq\n',
    },
    {
      name: 'exec form: a new JSON element, spaced like the array',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "jq"]\nRUN ["apt-get","install","-y","vim"]\n',
      errors: [
        { message: `apt-get ${TAIL}`, line: 2, column: 17, endLine: 2, endColumn: 26, text: '"install"', fixes: FIXES },
        { message: `apt-get ${TAIL}`, line: 3, column: 16, endLine: 3, endColumn: 25, text: '"install"', fixes: FIXES },
      ],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "jq"]\nRUN ["apt-get","install","--no-install-recommends","-y","vim"]\n',
    },
    {
      name: 'a heredoc script: only the install without the flag; apt named as written',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt install -y jq\napt-get install -y --no-install-recommends vim\nEOF\n',
      errors: [{ message: `apt ${TAIL}`, line: 5, column: 5, endLine: 5, endColumn: 12, text: 'install', fixes: FIXES }],
      output: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\napt install --no-install-recommends -y jq\napt-get install -y --no-install-recommends vim\nEOF\n',
    },
    {
      name: 'the script of sh -c in exec form; configuration written after the install does not count',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y jq"]\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99no-recommends\n',
      errors: [{ message: `apt-get ${TAIL}`, line: 2, column: 45, endLine: 2, endColumn: 52, text: 'install', fixes: FIXES }],
      output: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install --no-install-recommends -y jq"]\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99no-recommends\n',
    },
    {
      name: 'the fix also names what curl, wget, git and gcc only recommend but builds need: CA certificates, C headers',
      path: 'Dockerfile',
      // The named package is as unpinned as the others of its install: unpinned-package would report it too.
      options: { config: { rules: { 'unpinned-package': 'off' }, ignore: [], trustedRegistries: [] } },
      code:
        'FROM debian:12\nRUN apt-get update && apt-get install -y curl git=1:2.39.5-0+deb12u2 \\\n    wget/bookworm\n' +
        'RUN ["apt-get", "install", "-y", "gcc-12"]\nRUN apt-get install -y gcc make libc6-dev\n',
      errors: [
        {
          message: `apt-get ${ADD} curl, git and wget only recommend ca-certificates, which HTTPS downloads need.`,
          line: 2,
          column: 31,
          endLine: 2,
          endColumn: 38,
          text: 'install',
          fixes: ['Add --no-install-recommends and ca-certificates', 'Ignore apt-no-install-recommends here'],
        },
        {
          message: `apt-get ${ADD} gcc-12 only recommends libc6-dev, the C headers every compile needs.`,
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 26,
          text: '"install"',
          fixes: ['Add --no-install-recommends and libc6-dev', 'Ignore apt-no-install-recommends here'],
        },
        { message: `apt-get ${TAIL}`, line: 5, column: 13, endLine: 5, endColumn: 20, text: 'install', fixes: FIXES },
      ],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl git=1:2.39.5-0+deb12u2 \\\n    wget/bookworm ca-certificates\n' +
        'RUN ["apt-get", "install", "--no-install-recommends", "-y", "gcc-12", "libc6-dev"]\nRUN apt-get install --no-install-recommends -y gcc make libc6-dev\n',
    },
    {
      name: 'ca-certificates named by an install of the stage, or of the stage it is built FROM, is there already',
      path: 'Dockerfile',
      code:
        'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n' +
        'FROM base\nRUN apt-get update && apt-get install -y curl && apt-get install -y --no-install-recommends build-essential && apt-get install -y gcc\n',
      errors: [
        { message: `apt-get ${TAIL}`, line: 4, column: 31, endLine: 4, endColumn: 38, text: 'install', fixes: FIXES },
        { message: `apt-get ${TAIL}`, line: 4, column: 120, endLine: 4, endColumn: 127, text: 'install', fixes: FIXES },
      ],
      output:
        'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n' +
        'FROM base\nRUN apt-get update && apt-get install --no-install-recommends -y curl && apt-get install -y --no-install-recommends build-essential && apt-get install --no-install-recommends -y gcc\n',
    },
    {
      name: 'a build stage the image does not ship: the recommends slow its builds down',
      path: 'Dockerfile',
      code: 'FROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y protobuf-compiler\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n',
      errors: [{ message: `apt-get ${BUILD}`, line: 2, column: 31, endLine: 2, endColumn: 38, text: 'install', fixes: FIXES }],
      output: 'FROM golang:1.22 AS build\nRUN apt-get update && apt-get install --no-install-recommends -y protobuf-compiler\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n',
    },
  ],
});
