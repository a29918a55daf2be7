import { singleStageBuild } from '../../server/src/rules/single-stage-build';
import { ruleTester } from '../helpers/rule-tester';

const SHIPS = 'so compilers, build caches and sources ship in the image you deploy: bigger pulls, slower starts, more to attack.';
const ADVICE = 'Build in a first stage and copy only the result into a small runtime stage';
const IGNORE = ['Ignore single-stage-build here'];

/** The message for a toolchain image (`step` null) or a general image that builds (`step` given). */
function message(image: string, step: string | null, snippet: string): string {
  const what = step ? `builds the app (${step}) on ${image}` : `runs on ${image}, a build toolchain`;
  return `The final stage ${what}, ${SHIPS} ${ADVICE} (snippet ${snippet}).`;
}

ruleTester(singleStageBuild, {
  valid: [
    {
      name: 'a multi-stage Go build',
      path: 'Dockerfile',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
    { name: 'node that only installs and runs', path: 'Dockerfile', code: 'FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["npm", "start"]\n' },
    { name: 'a node script that is not a build', path: 'Dockerfile', code: 'FROM node:20-slim\nRUN npm run migrate && yarn install\n' },
    {
      name: 'a heredoc written to a file is not run',
      path: 'Dockerfile',
      code: 'FROM node:20-slim\nRUN cat <<EOF > /usr/local/bin/rebuild\nnpm run build\nEOF\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'the last stage is a dev target next to a runtime stage built with --target',
      path: 'Dockerfile',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12 AS prod\nCOPY --from=build /out/app /app\nFROM golang:1.22 AS dev\nCMD ["go", "run", "."]\n',
    },
    { name: 'a JDK that only runs a jar (large-base-image’s finding)', path: 'Dockerfile', code: 'FROM eclipse-temurin:21-jdk\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n' },
    { name: 'a JRE', path: 'Dockerfile', code: 'FROM eclipse-temurin:21-jre\nRUN mvn --version || true\n' },
    { name: 'Python is not a toolchain image', path: 'Dockerfile', code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n' },
    { name: 'a dev container', path: '.devcontainer/Dockerfile', code: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1\n' },
    { name: 'a Windows SDK image', path: 'Dockerfile', code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN dotnet publish -c Release\n' },
  ],
  invalid: [
    {
      name: 'one Go stage',
      path: 'Dockerfile',
      code: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
      errors: [{ message: message('golang:1.22', null, 'kr-dockerfile-go'), line: 1, column: 6, endLine: 1, endColumn: 17, text: 'golang:1.22', fixes: IGNORE }],
    },
    {
      name: 'the .NET SDK',
      path: 'Dockerfile',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . /src\nRUN dotnet publish /src -c Release -o /app\nENTRYPOINT ["dotnet", "/app/web.dll"]\n',
      errors: [
        {
          message: message('mcr.microsoft.com/dotnet/sdk:8.0', null, 'kr-dockerfile-multistage'),
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 38,
          text: 'mcr.microsoft.com/dotnet/sdk:8.0',
          fixes: IGNORE,
        },
      ],
    },
    {
      name: 'node that builds with npm',
      path: 'Dockerfile',
      code: 'FROM node:20-alpine\nCOPY . .\nRUN npm ci && NODE_ENV=production npm run build:prod\nCMD ["node", "dist/server.js"]\n',
      errors: [{ message: message('node:20-alpine', 'npm run build:prod', 'kr-dockerfile-node'), line: 1, column: 6, endLine: 1, endColumn: 20, text: 'node:20-alpine', fixes: IGNORE }],
    },
    {
      name: 'node that builds with yarn in exec form',
      path: 'Dockerfile',
      code: 'FROM node:20-slim\nRUN ["yarn", "build"]\n',
      errors: [{ message: message('node:20-slim', 'yarn build', 'kr-dockerfile-node'), line: 1, column: 6, endLine: 1, endColumn: 18, text: 'node:20-slim', fixes: IGNORE }],
    },
    {
      name: 'node that compiles TypeScript in a heredoc script',
      path: 'Dockerfile',
      code: 'FROM node:22-slim\nRUN <<EOF\nset -e\nnpm ci\nnpx --yes tsc -p tsconfig.build.json\nEOF\n',
      errors: [
        { message: message('node:22-slim', 'npx --yes tsc -p tsconfig.build.json', 'kr-dockerfile-node'), line: 1, column: 6, endLine: 1, endColumn: 18, text: 'node:22-slim', fixes: IGNORE },
      ],
    },
    {
      name: 'the final stage builds on the Maven stage',
      path: 'Dockerfile',
      code: 'FROM maven:3.9-eclipse-temurin-21 AS build\nCOPY . /src\nRUN mvn -f /src/pom.xml -B package\nFROM build\nCMD ["java", "-jar", "/src/target/app.jar"]\n',
      errors: [{ message: message('maven:3.9-eclipse-temurin-21', null, 'kr-dockerfile-multistage'), line: 4, column: 6, endLine: 4, endColumn: 11, text: 'build', fixes: IGNORE }],
    },
    {
      name: 'a JDK image that runs Gradle; a long command is shortened',
      path: 'Dockerfile',
      code: 'FROM openjdk:17\nCOPY . /app\nRUN cd /app && ./gradlew --no-daemon --stacktrace -Pversion=1.2.3 bootJar\n',
      errors: [
        {
          message: message('openjdk:17', './gradlew --no-daemon --stacktrace -Pve…', 'kr-dockerfile-multistage'),
          line: 1,
          column: 6,
          endLine: 1,
          endColumn: 16,
          text: 'openjdk:17',
          fixes: IGNORE,
        },
      ],
    },
    {
      name: 'the build happens in an earlier stage, yet the final stage runs on the toolchain too: use a runtime image',
      path: 'Dockerfile',
      code:
        'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nCOPY . /src\nRUN dotnet publish /src -c Release -o /out\n' +
        'FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY --from=build /out /app\nENTRYPOINT ["dotnet", "/app/web.dll"]\n',
      errors: [
        {
          message:
            `The final stage runs on mcr.microsoft.com/dotnet/sdk:8.0, a build toolchain, ${SHIPS} The build already happens in stage build and the final stage copies its result: ` +
            'base the final stage on a small runtime image instead, such as mcr.microsoft.com/dotnet/aspnet or mcr.microsoft.com/dotnet/runtime.',
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 38,
          text: 'mcr.microsoft.com/dotnet/sdk:8.0',
          fixes: IGNORE,
        },
      ],
    },
    {
      name: 'the same with Go, the build stage named by its index',
      path: 'Dockerfile',
      code: 'FROM golang:1.22\nCOPY . /src\nRUN cd /src && go build -o /app .\nFROM golang:1.22-alpine\nCOPY --from=0 /app /app\nCMD ["/app"]\n',
      errors: [
        {
          message:
            `The final stage runs on golang:1.22-alpine, a build toolchain, ${SHIPS} The build already happens in stage #0 and the final stage copies its result: ` +
            'base the final stage on a small runtime image instead, such as gcr.io/distroless/static-debian12 or alpine.',
          line: 4,
          column: 6,
          endLine: 4,
          endColumn: 24,
          text: 'golang:1.22-alpine',
          fixes: IGNORE,
        },
      ],
    },
    {
      name: 'a helper stage the final stage copies from is not a runtime stage',
      path: 'Dockerfile',
      code: 'ARG RUST_VERSION=1.79\nFROM alpine:3.20 AS certs\nRUN apk add --no-cache ca-certificates\nFROM rust:${RUST_VERSION}-slim\nCOPY --from=certs /etc/ssl/certs /etc/ssl/certs\nRUN cargo build --release\n',
      errors: [
        { message: message('rust:1.79-slim', null, 'kr-dockerfile-multistage'), line: 4, column: 6, endLine: 4, endColumn: 31, text: 'rust:${RUST_VERSION}-slim', fixes: IGNORE },
      ],
    },
  ],
});
