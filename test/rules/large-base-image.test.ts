import { largeBaseImage } from '../../server/src/rules/large-base-image';
import { ruleTester } from '../helpers/rule-tester';

const GAIN = 'it pulls faster, starts sooner and gives attackers less to work with.';
const DEBIAN_BASED = 'is the full Debian-based image, with compilers and tools the app does not need to run. Use a smaller base such as';
const JDK = 'ships the whole JDK, compiler included, where running the app needs only a JRE. Use a smaller base such as';
const FULL_OS = 'is a full operating system image. Use a smaller base such as';
const IGNORE = 'Ignore large-base-image here';

ruleTester(largeBaseImage, {
  valid: [
    { name: 'slim, Alpine and JRE variants', path: 'Dockerfile', code: 'FROM python:3.12-slim-bookworm\n' },
    { name: 'node on Alpine', path: 'Dockerfile', code: 'FROM node:20.15-alpine3.20\n' },
    { name: 'a Debian slim base', path: 'Dockerfile', code: 'FROM debian:bookworm-slim\n' },
    { name: 'a JRE', path: 'Dockerfile', code: 'FROM eclipse-temurin:21-jre-jammy\nCOPY app.jar /app.jar\n' },
    { name: 'distroless and Alpine', path: 'Dockerfile', code: 'FROM alpine:3.20 AS tools\nFROM gcr.io/distroless/python3-debian12\n' },
    { name: 'a large build stage, a slim final stage', path: 'Dockerfile', code: 'FROM python:3.12 AS build\nRUN pip wheel -w /wheels flask\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n' },
    { name: 'a Go toolchain in the final stage is single-stage-build’s finding', path: 'Dockerfile', code: 'FROM golang:1.22\nRUN go build -o /app .\n' },
    { name: 'node that builds in the final stage is single-stage-build’s finding', path: 'Dockerfile', code: 'FROM node:20\nRUN npm ci && npm run build\n' },
    { name: 'a JDK that runs Maven is single-stage-build’s finding', path: 'Dockerfile', code: 'FROM eclipse-temurin:21-jdk\nRUN ./mvnw -B package\n' },
    { name: 'a digest alone does not say which variant', path: 'Dockerfile', code: 'FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n' },
    { name: 'Windows images', path: 'Dockerfile', code: 'FROM python:3.12-windowsservercore-ltsc2022\n' },
    { name: 'not an official image', path: 'Dockerfile', code: 'FROM example/python:3.12\n' },
    { name: 'an unresolved base', path: 'Dockerfile', code: 'ARG BASE\nFROM ${BASE}\n' },
    { name: 'a dev container', path: 'project/.devcontainer/Dockerfile', code: 'FROM ubuntu:24.04\n' },
  ],
  invalid: [
    {
      name: 'python: the slim tag of the same version',
      path: 'Dockerfile',
      code: 'FROM python:3.12\nCOPY app.py /app/\n',
      errors: [
        {
          message: `python:3.12 ${DEBIAN_BASED} python:3.12-slim: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
          text: 'python:3.12',
          fixes: ['Use python:3.12-slim', IGNORE],
        },
      ],
      output: 'FROM python:3.12-slim\nCOPY app.py /app/\n',
    },
    {
      name: 'node puts slim after the Debian codename; a mirror of the official image',
      path: 'Dockerfile',
      code: 'FROM public.ecr.aws/docker/library/node:20.15-bookworm\n',
      errors: [
        {
          message: `public.ecr.aws/docker/library/node:20.15-bookworm ${DEBIAN_BASED} public.ecr.aws/docker/library/node:20.15-bookworm-slim: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 55,
          text: 'public.ecr.aws/docker/library/node:20.15-bookworm',
          fixes: ['Use public.ecr.aws/docker/library/node:20.15-bookworm-slim', IGNORE],
        },
      ],
      output: 'FROM public.ecr.aws/docker/library/node:20.15-bookworm-slim\n',
    },
    {
      name: 'the tag from an ARG shared with a build stage: the suffix goes after the variable in the final FROM only',
      path: 'Dockerfile',
      code: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION} AS build\nRUN pip wheel -w /wheels flask\nFROM python:${PYTHON_VERSION}\nCOPY --from=build /wheels /wheels\n',
      errors: [
        {
          message: `python:3.12 ${DEBIAN_BASED} python:3.12-slim: ${GAIN}`,
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 30,
          text: 'python:${PYTHON_VERSION}',
          fixes: ['Use python:3.12-slim', IGNORE],
        },
      ],
      output: 'ARG PYTHON_VERSION=3.12\nFROM python:${PYTHON_VERSION} AS build\nRUN pip wheel -w /wheels flask\nFROM python:${PYTHON_VERSION}-slim\nCOPY --from=build /wheels /wheels\n',
    },
    {
      name: 'the final stage builds on an earlier stage: reported where the image is named',
      path: 'Dockerfile',
      code: 'FROM ruby:3.3-bookworm AS base\nWORKDIR /app\nFROM base\nCOPY . .\n',
      errors: [
        {
          message: `ruby:3.3-bookworm ${DEBIAN_BASED} ruby:3.3-slim-bookworm: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 23,
          text: 'ruby:3.3-bookworm',
          fixes: ['Use ruby:3.3-slim-bookworm', IGNORE],
          related: [{ line: 3, column: 6, text: 'base', message: 'The final stage builds on it here' }],
        },
      ],
      output: 'FROM ruby:3.3-slim-bookworm AS base\nWORKDIR /app\nFROM base\nCOPY . .\n',
    },
    {
      name: 'debian releases have slim tags',
      path: 'Dockerfile',
      code: 'FROM --platform=linux/amd64 debian:bookworm-20240612\n',
      errors: [
        {
          message: 'debian:bookworm-20240612 is the full Debian image, with documentation and tools the app does not need to run. Use a smaller base such as debian:bookworm-20240612-slim: ' + GAIN,
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 53,
          text: 'debian:bookworm-20240612',
          fixes: ['Use debian:bookworm-20240612-slim', IGNORE],
        },
      ],
      output: 'FROM --platform=linux/amd64 debian:bookworm-20240612-slim\n',
    },
    {
      name: 'ubuntu has no slim variant: advice only',
      path: 'Dockerfile',
      code: 'FROM ubuntu:24.04\n',
      errors: [
        {
          message: `ubuntu:24.04 ${FULL_OS} alpine, a distroless image, or scratch for a static binary: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 18,
          text: 'ubuntu:24.04',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'fedora',
      path: 'Dockerfile',
      code: 'FROM fedora:40\n',
      errors: [
        {
          message: `fedora:40 ${FULL_OS} registry.fedoraproject.org/fedora-minimal, alpine, or a distroless image: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 15,
          text: 'fedora:40',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'latest and untagged: no version to add a suffix to',
      path: 'Dockerfile',
      code: 'FROM python:latest AS test\nFROM python\n',
      errors: [
        {
          message: `python ${DEBIAN_BASED} python:<version>-slim: ${GAIN}`,
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 12,
          text: 'python',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'a digest pins the large variant: no fix',
      path: 'Dockerfile',
      code: 'FROM node:20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      errors: [
        {
          message: `node:20 ${DEBIAN_BASED} node:20-slim: ${GAIN} The digest pins this variant: pin the smaller one by its own digest.`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 85,
          text: 'node:20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'a JDK to run a jar: the JRE of the same release',
      path: 'Dockerfile',
      code: 'FROM eclipse-temurin:21-jdk-alpine\nCOPY target/app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
      errors: [
        {
          message: `eclipse-temurin:21-jdk-alpine ${JDK} eclipse-temurin:21-jre-alpine: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 35,
          text: 'eclipse-temurin:21-jdk-alpine',
          fixes: ['Use eclipse-temurin:21-jre-alpine', IGNORE],
        },
      ],
      output: 'FROM eclipse-temurin:21-jre-alpine\nCOPY target/app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
    },
    {
      name: 'the deprecated openjdk image, slim or not, is a JDK: Eclipse Temurin’s JRE',
      path: 'Dockerfile',
      code: 'FROM openjdk:17-jdk-slim\nCOPY app.jar /app.jar\n',
      errors: [
        {
          message: `openjdk:17-jdk-slim ${JDK} eclipse-temurin:17-jre: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 25,
          text: 'openjdk:17-jdk-slim',
          fixes: ['Use eclipse-temurin:17-jre', IGNORE],
        },
      ],
      output: 'FROM eclipse-temurin:17-jre\nCOPY app.jar /app.jar\n',
    },
    {
      name: 'php: the Alpine build of the same variant; Apache has none',
      path: 'Dockerfile',
      code: 'FROM php:8.3-fpm\n',
      errors: [
        {
          message: `php:8.3-fpm ${DEBIAN_BASED} php:8.3-fpm-alpine: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
          text: 'php:8.3-fpm',
          fixes: ['Use php:8.3-fpm-alpine', IGNORE],
        },
      ],
      output: 'FROM php:8.3-fpm-alpine\n',
    },
    {
      name: 'php that installs with apt-get: no swap to Alpine, which has no apt',
      path: 'Dockerfile',
      code: 'FROM php:8.3-fpm\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*\n',
      errors: [
        {
          message: `php:8.3-fpm ${DEBIAN_BASED} php:8.3-fpm-alpine: ${GAIN} Alpine installs packages with apk, not apt-get: rewrite the installs as you switch.`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 17,
          text: 'php:8.3-fpm',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'php with Apache: advice only',
      path: 'Dockerfile',
      code: 'FROM php:8.3-apache\n',
      errors: [
        {
          message: `php:8.3-apache ${DEBIAN_BASED} php:<version>-fpm-alpine: ${GAIN}`,
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 20,
          text: 'php:8.3-apache',
          fixes: [IGNORE],
        },
      ],
    },
  ],
});
