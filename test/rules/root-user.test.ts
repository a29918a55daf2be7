import { rootUser } from '../../server/src/rules/root-user';
import { ruleTester } from '../helpers/rule-tester';

const RISK = 'Whoever breaks into the app gets root rights in the container, and clusters that require runAsNonRoot refuse to start it.';
const ADD = 'Add a USER with a non-root id.';
const IGNORE = 'Ignore root-user here';

ruleTester(rootUser, {
  valid: [
    { name: 'a numeric non-root USER', path: 'Dockerfile', code: 'FROM python:3.12-slim\nRUN useradd --uid 10001 app\nUSER 10001\nCMD ["python", "app.py"]\n' },
    { name: 'a named user with a root group', path: 'Dockerfile', code: 'FROM debian:12-slim\nUSER app:0\nCMD ["app"]\n' },
    { name: 'root for the build steps, then a user again', path: 'Dockerfile', code: 'FROM node:20-slim\nUSER root\nRUN apt-get update\nUSER node\nCMD ["node", "server.js"]\n' },
    {
      name: 'the build stage runs as root; the distroless nonroot runtime does not',
      path: 'Dockerfile',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
    { name: 'a distroless debug-nonroot tag', path: 'Dockerfile', code: 'FROM gcr.io/distroless/base-debian12:debug-nonroot\nCOPY app /app\n' },
    { name: 'Chainguard images run as nonroot', path: 'Dockerfile', code: 'FROM cgr.dev/chainguard/python:latest\nCOPY app.py /app/\nENTRYPOINT ["python", "/app/app.py"]\n' },
    { name: 'the unprivileged nginx image', path: 'Dockerfile', code: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\n' },
    { name: 'Bitnami images run as 1001', path: 'Dockerfile', code: 'FROM docker.io/bitnami/node:20\nCOPY . /app\n' },
    { name: '.NET chiseled images run as app', path: 'Dockerfile', code: 'FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\nCOPY app /app/\nENTRYPOINT ["/app/app"]\n' },
    {
      name: 'a Windows image with the backtick escape',
      path: 'Dockerfile',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hi\nCMD ["app.exe"]\n',
    },
    { name: 'a Windows base without the directive', path: 'Dockerfile', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nCOPY app/ C:/app/\nENTRYPOINT ["dotnet", "C:/app/app.dll"]\n' },
    { name: 'a Windows user', path: 'Dockerfile', code: 'FROM example/windows-base:1.0\nUSER ContainerAdministrator\nRUN setup.exe\n' },
    { name: 'the final stage inherits USER from the stage it builds on', path: 'Dockerfile', code: 'FROM python:3.12-slim AS base\nUSER 10001\nFROM base AS final\nCOPY app.py .\nCMD ["python", "app.py"]\n' },
    { name: 'USER from a variable cannot be judged', path: 'Dockerfile', code: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER $APP_UID\nENTRYPOINT ["dotnet", "app.dll"]\n' },
    { name: 'a base from an ARG without a value cannot be judged', path: 'Dockerfile', code: 'ARG BASE\nFROM $BASE\nCOPY app /app\n' },
    { name: 'a dev container is a workstation, not a deployed image', path: '.devcontainer/Dockerfile', code: 'FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN pip install ruff\n' },
    { name: 'no FROM at all', path: 'Dockerfile', code: '# nothing here yet\nARG VERSION=1\n' },
    {
      name: 'an image that installs gosu drops root in its entrypoint',
      path: 'Dockerfile',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*\nCOPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\n',
    },
    ...['postgres:16', 'docker.io/library/redis:7-alpine', 'mariadb:11'].map((image) => ({
      name: `${image}: the entrypoint hands the server to the database's own user`,
      path: 'Dockerfile',
      code: `FROM ${image}\nCOPY init.sql /docker-entrypoint-initdb.d/\n`,
    })),
    ...['memcached:1.6', 'grafana/grafana:11.1.0', 'quay.io/prometheus/node-exporter:v1.8.2'].map((image) => ({
      name: `${image} sets a non-root USER itself`,
      path: 'Dockerfile',
      code: `FROM ${image}\nCOPY config /etc/app/\n`,
    })),
    { name: 'an entrypoint that calls su-exec', path: 'Dockerfile', code: 'FROM alpine:3.20\nRUN adduser -D app\nENTRYPOINT ["su-exec", "app", "/usr/local/bin/server"]\n' },
  ],
  invalid: [
    {
      name: 'no USER: added before the CMD and the comment above it',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nCOPY app.py .\n\n# Serve on 8080.\nCMD ["flask", "run"]\n',
      errors: [
        {
          message: `The image runs as root: the final stage sets no USER, and python:3.12-slim runs as root. ${RISK} ${ADD}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 22,
          text: 'python:3.12-slim',
          fixes: ['Add USER 10001', IGNORE],
        },
      ],
      output: 'FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nCOPY app.py .\n\nUSER 10001\n# Serve on 8080.\nCMD ["flask", "run"]\n',
      fixed: {
        [IGNORE]: '# kubeready-ignore root-user\nFROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask\nCOPY app.py .\n\n# Serve on 8080.\nCMD ["flask", "run"]\n',
      },
    },
    {
      name: 'FROM scratch: a static binary still runs as user 0',
      path: 'Dockerfile',
      code: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      errors: [
        {
          message: `The image runs as root: it starts FROM scratch and sets no USER, so the binary runs as user 0. ${RISK} ${ADD}`,
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 13,
          text: 'scratch',
          fixes: ['Add USER 10001', IGNORE],
        },
      ],
      output: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nUSER 10001\nENTRYPOINT ["/app"]\n',
    },
    {
      name: 'a USER in another stage does not carry over to an unrelated final stage',
      path: 'Dockerfile',
      code: 'FROM node:20 AS build\nUSER node\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /home/node/dist /app\nCMD ["node", "/app/server.js"]\n',
      errors: [
        {
          message: `The image runs as root: the final stage sets no USER, and node:20-slim runs as root. ${RISK} ${ADD}`,
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 18,
          text: 'node:20-slim',
          fixes: ['Add USER 1000', IGNORE],
        },
      ],
      output: 'FROM node:20 AS build\nUSER node\nRUN npm ci && npm run build\nFROM node:20-slim\nCOPY --from=build /home/node/dist /app\nUSER 1000\nCMD ["node", "/app/server.js"]\n',
    },
    {
      name: 'USER root for installing, never switched back: the created user is used by its id, after the last RUN',
      path: 'Dockerfile',
      code: 'FROM debian:12-slim\nRUN useradd -r -u 1001 -g users app\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nENTRYPOINT ["/usr/local/bin/app"]\nCMD ["--serve"]\n',
      errors: [
        {
          message: `The last USER is root, so the container runs as root. ${RISK} Switch to a non-root user after the steps that need root.`,
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 10,
          text: 'root',
          fixes: ['Switch to USER 1001', IGNORE],
        },
      ],
      output:
        'FROM debian:12-slim\nRUN useradd -r -u 1001 -g users app\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 1001\nENTRYPOINT ["/usr/local/bin/app"]\nCMD ["--serve"]\n',
    },
    {
      name: 'USER 0:0 after the last RUN: replaced by the user adduser created',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -G app app\nCOPY app /usr/local/bin/app\nUSER 0:0\nCMD ["app"]\n',
      errors: [
        {
          message: `The last USER is 0:0, so the container runs as root. ${RISK} Switch to a non-root user after the steps that need root.`,
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 9,
          text: '0:0',
          fixes: ['Switch to USER app', IGNORE],
        },
      ],
      output: 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -G app app\nCOPY app /usr/local/bin/app\nUSER app\nCMD ["app"]\n',
    },
    {
      name: 'USER root and no user to switch to: no fix but Ignore',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n',
      errors: [
        {
          message: `The last USER is root, so the container runs as root. ${RISK} Switch to a non-root user after the steps that need root.`,
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 10,
          text: 'root',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'USER root inherited from the stage the final stage builds on',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim AS base\nRUN useradd --system --uid 10002 web\nUSER root\nFROM base\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n',
      errors: [
        {
          message: `The image runs as root: the final stage sets no USER and inherits USER root from stage base. ${RISK} ${ADD}`,
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 10,
          text: 'base',
          fixes: ['Add USER 10002', IGNORE],
          related: [{ line: 3, column: 6, text: 'root', message: 'USER root is set here' }],
        },
      ],
      output: 'FROM python:3.12-slim AS base\nRUN useradd --system --uid 10002 web\nUSER root\nFROM base\nCOPY app.py /app/\nUSER 10002\nCMD ["python", "/app/app.py"]\n',
    },
    {
      name: 'no CMD: added at the end of the stage, after a heredoc, in a file without a final line break',
      path: 'Dockerfile',
      code: 'ARG BASE=ubuntu:24.04\nFROM ${BASE}\nRUN <<EOF\napt-get update\nEOF',
      errors: [
        {
          message: `The image runs as root: the final stage sets no USER, and ubuntu:24.04 runs as root. ${RISK} ${ADD}`,
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 13,
          text: '${BASE}',
          fixes: ['Add USER 10001', IGNORE],
        },
      ],
      output: 'ARG BASE=ubuntu:24.04\nFROM ${BASE}\nRUN <<EOF\napt-get update\nEOF\nUSER 10001',
    },
    {
      name: 'a third-party base: its user is not known, only that an image without USER runs as root',
      path: 'Dockerfile',
      code: 'FROM example/app-base:2.1\nCOPY app /srv/app\nCMD ["/srv/app"]\n',
      errors: [
        {
          message: `The image likely runs as root: the final stage sets no USER, so it runs as the user of example/app-base:2.1, which is root unless that image sets another. ${RISK} ${ADD}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 26,
          text: 'example/app-base:2.1',
          fixes: ['Add USER 10001', IGNORE],
        },
      ],
      output: 'FROM example/app-base:2.1\nCOPY app /srv/app\nUSER 10001\nCMD ["/srv/app"]\n',
    },
    {
      name: 'nginx: the message points to the unprivileged image; CRLF line breaks are kept',
      path: 'Dockerfile',
      code: 'FROM nginx:1.27\r\nCOPY site/ /usr/share/nginx/html/\r\n',
      errors: [
        {
          message: `The image runs as root: the final stage sets no USER, and nginx:1.27 runs as root. ${RISK} Add a USER with a non-root id, or use nginxinc/nginx-unprivileged, which runs as a non-root user.`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 16,
          text: 'nginx:1.27',
          fixes: ['Add USER 10001', IGNORE],
        },
      ],
      output: 'FROM nginx:1.27\r\nCOPY site/ /usr/share/nginx/html/\r\nUSER 10001\r\n',
    },
    {
      name: 'distroless without the nonroot tag runs as root',
      path: 'Dockerfile',
      code: 'FROM --platform=$BUILDPLATFORM gcr.io/distroless/static-debian12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [
        {
          message: `The image runs as root: the final stage sets no USER, and gcr.io/distroless/static-debian12 runs as root. ${RISK} Add a USER with a non-root id, or use gcr.io/distroless/static-debian12:nonroot, which runs as a non-root user.`,
          line: 1,
          column: 32,
          endLine: 1,
          endColumn: 137,
          text: 'gcr.io/distroless/static-debian12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          fixes: ['Add USER 10001', IGNORE],
        },
      ],
      output:
        'FROM --platform=$BUILDPLATFORM gcr.io/distroless/static-debian12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nCOPY app /app\nUSER 10001\nENTRYPOINT ["/app"]\n',
    },
  ],
});
