import { plaintextSecret } from '../../server/src/rules/plaintext-secret';
import { ruleTester } from '../helpers/rule-tester';

const pod = (env: string): string =>
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n      env:\n' + env;

const K8S_TAIL = 'anyone who can read this file, its git history or the object can read it. Instead,';
const DOCKER_TAIL = 'Inject it at run time from a Kubernetes Secret; for a build step, use RUN --mount=type=secret.';

ruleTester(plaintextSecret, {
  valid: [
    {
      name: 'names that describe a secret, public keys, settings, references, valueFrom, empty values',
      path: 'pod.yaml',
      code: pod(
        [
          ['GPG_KEY', 'A035C8C19219BA821ECEA86B64E628F8D684696D'],
          ['PUBLIC_KEY', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB'],
          ['DB_PASSWORD_FILE', '/run/secrets/db-password'],
          ['TLS_KEY_PATH', '/etc/tls/tls.key'],
          ['SECRETS_DIR', '/run/secrets'],
          ['TOKENIZER_PATH', '/models/tokenizer.json'],
          ['DB_SECRET_NAME', 'db-credentials'],
          ['PASSWORD_MIN_LENGTH', '12'],
          ['SECRET_NAMESPACE', 'default'],
          ['NEW_TOKEN_LIFETIME', '720h'],
          ['TOKEN_REFRESH_INTERVAL', '5m'],
          ['SESSION_TOKEN_DURATION', '1h'],
          ['OIDC_TOKEN_AUDIENCE', 'api://orders'],
          ['TOKEN_ISSUER', 'https://auth.example.com/'],
          ['DB_USERNAME', 'app'],
          ['AUTH_URL', 'https://auth.example.com/'],
          ['DB_PASSWORD', ''],
          ['API_TOKEN', '$(TOKEN_FROM_FILE)'],
          ['DATABASE_URL', 'postgres://app:$(DB_PASSWORD)@db:5432/app'],
          ['SESSION_SECRET', '${SESSION_SECRET}'],
        ]
          .map(([name, value]) => `        - name: ${name}\n          value: "${value}"\n`)
          .join('') + '        - name: API_KEY\n          valueFrom:\n            secretKeyRef:\n              name: web-secrets\n              key: api-key\n',
      ),
    },
    {
      name: 'Dockerfile: public key, path, ARG without default, references',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D PYTHON_VERSION=3.12.4\nARG NPM_TOKEN\nENV SECRET_KEY_FILE=/run/secrets/key\nENV API_TOKEN=$API_TOKEN DB_PASSWORD=${DB_PASSWORD}\n',
    },
    {
      name: 'switches about a password are no password (1, true, yes…)',
      path: 'pod.yaml',
      code: pod('        - name: DB_ALLOW_EMPTY_PASSWORD\n          value: "1"\n        - name: DB_RANDOM_ROOT_PASSWORD\n          value: "yes"\n        - name: ADMIN_PASSWORD_RESET\n          value: "false"\n'),
    },
    {
      name: 'placeholders stand where the secret will go',
      path: 'pod.yaml',
      code: pod('        - name: API_TOKEN\n          value: "<your-api-token>"\n        - name: DB_PASSWORD\n          value: "[...]"\n        - name: SESSION_SECRET\n          value: "[SESSION SECRET]"\n        - name: ADMIN_PASSWORD\n          value: "****"\n'),
    },
    {
      name: 'a template expression is filled in later; a variable that names another variable holds no secret',
      path: 'pod.yaml',
      code: pod('        - name: DB_PASSWORD\n          value: "{{ .Values.db.password }}"\n        - name: API_TOKEN\n          value: "Bearer {{ token }}"\n        - name: API_KEY_ENV_VAR\n          value: OPENAI_API_KEY\n'),
    },
    {
      name: 'Dockerfile: an ARG default that is a placeholder',
      path: 'Dockerfile',
      code: 'FROM node:22-alpine\nARG NPM_TOKEN="[...]"\nENV GITHUB_TOKEN=xxxxxxxx\n',
    },
    {
      name: 'Dockerfile: a switch about a password is no password',
      path: 'Dockerfile',
      code: 'FROM mysql:8.4\nENV DB_ALLOW_EMPTY_PASSWORD=true\nARG SKIP_TOKEN_CHECK=1\n',
    },
    {
      name: 'Dockerfile: BuildKit\'s own secrets check is skipped on purpose (# check=skip=…)',
      path: 'Dockerfile',
      code: '# syntax=docker/dockerfile:1\n# check=skip=UndefinedVar,secretsusedinargorenv;error=true\nFROM node:22-alpine AS build\nENV AUTH_SECRET=build-only-placeholder\nARG NPM_TOKEN=placeholder\n',
    },
    {
      name: 'Dockerfile: # check=skip=all skips it too',
      path: 'Dockerfile',
      code: '# check=skip=all\nFROM node:22-alpine\nENV AUTH_SECRET=build-only-placeholder\n',
    },
    {
      name: 'ConfigMaps and Secrets are not env values',
      path: 'cm.yaml',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  DB_PASSWORD: not-a-real-password\n',
    },
  ],
  invalid: [
    {
      name: 'secret-like names in every style; the key is the name in kebab case',
      path: 'pod.yaml',
      code: pod('        - name: DB_PASSWORD\n          value: not-a-real-password\n        - name: dbPassword\n          value: "hunter2"\n        - {name: NPM_TOKEN, value: fake-npm-token}\n'),
      errors: [
        {
          message: `DB_PASSWORD holds a secret in plain text (its name says it holds a secret): ${K8S_TAIL} create a Secret outside the repository (kubectl create secret generic web-secrets --from-literal=db-password=…) and reference it with secretKeyRef.`,
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 37,
          text: 'not-a-real-password',
          fixes: ['Read DB_PASSWORD from Secret web-secrets (key db-password)', 'Ignore plaintext-secret here'],
        },
        {
          message: `dbPassword holds a secret in plain text (its name says it holds a secret): ${K8S_TAIL} create a Secret outside the repository (kubectl create secret generic web-secrets --from-literal=db-password=…) and reference it with secretKeyRef.`,
          line: 13,
          column: 18,
          endLine: 13,
          endColumn: 27,
          text: '"hunter2"',
          fixes: ['Read dbPassword from Secret web-secrets (key db-password)', 'Ignore plaintext-secret here'],
        },
        {
          message: `NPM_TOKEN holds a secret in plain text (its name says it holds a secret): ${K8S_TAIL} create a Secret outside the repository (kubectl create secret generic web-secrets --from-literal=npm-token=…) and reference it with secretKeyRef.`,
          line: 14,
          column: 36,
          endLine: 14,
          endColumn: 50,
          text: 'fake-npm-token',
          fixes: ['Read NPM_TOKEN from Secret web-secrets (key npm-token)', 'Ignore plaintext-secret here'],
        },
      ],
      output: pod(
        '        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: web-secrets\n              key: db-password\n' +
          '        - name: dbPassword\n          valueFrom:\n            secretKeyRef:\n              name: web-secrets\n              key: db-password\n' +
          '        - {name: NPM_TOKEN, valueFrom: {secretKeyRef: {name: web-secrets, key: npm-token}}}\n',
      ),
    },
    {
      name: 'credential-looking values whatever the name; an existing Secret with the key is reused',
      path: 'deploy.yaml',
      code:
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: shared\nstringData:\n  DATABASE_URL: x\n---\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          image: api:1.0\n          env:\n' +
        '            - name: DATABASE_URL\n              value: postgres://app:pw@db/app\n            - name: CONFIG\n              value: AKIAABCDEFGHIJKLMNOP\n',
      errors: [
        {
          message: `DATABASE_URL holds a secret in plain text (its value looks like a URL with a password): ${K8S_TAIL} reference the Secret shared with secretKeyRef.`,
          line: 20,
          column: 22,
          endLine: 20,
          endColumn: 46,
          text: 'postgres://app:pw@db/app',
          fixes: ['Read DATABASE_URL from Secret shared (key DATABASE_URL)', 'Ignore plaintext-secret here'],
        },
        {
          message: `CONFIG holds a secret in plain text (its value looks like an AWS access key id): ${K8S_TAIL} create a Secret outside the repository (kubectl create secret generic api-secrets --from-literal=config=…) and reference it with secretKeyRef.`,
          line: 22,
          column: 22,
          endLine: 22,
          endColumn: 42,
          text: 'AKIAABCDEFGHIJKLMNOP',
          fixes: ['Read CONFIG from Secret api-secrets (key config)', 'Ignore plaintext-secret here'],
        },
      ],
      output:
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: shared\nstringData:\n  DATABASE_URL: x\n---\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          image: api:1.0\n          env:\n' +
        '            - name: DATABASE_URL\n              valueFrom:\n                secretKeyRef:\n                  name: shared\n                  key: DATABASE_URL\n' +
        '            - name: CONFIG\n              valueFrom:\n                secretKeyRef:\n                  name: api-secrets\n                  key: config\n',
    },
    {
      name: 'Dockerfile ENV: the pair goes, the others stay; ARG: the default goes',
      path: 'Dockerfile',
      code: 'FROM node:20.15-alpine\nARG NPM_TOKEN=fake-npm-token\nENV NODE_ENV=production \\\n    DB_PASSWORD="not a real password" \\\n    PORT=8080\nENV MYSQL_ROOT_PASSWORD not-a-real-password\n',
      errors: [
        {
          message: `ARG NPM_TOKEN has a secret default (its name says it holds a secret): build arguments are kept in the image history. ${DOCKER_TAIL}`,
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 29,
          text: 'fake-npm-token',
          fixes: ['Remove the default of NPM_TOKEN (pass it with a build secret)', 'Ignore plaintext-secret here'],
        },
        {
          message: `ENV DB_PASSWORD bakes a secret into the image (its name says it holds a secret): anyone who can pull the image can read it with docker inspect. ${DOCKER_TAIL}`,
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 38,
          text: '"not a real password"',
          fixes: ['Remove DB_PASSWORD from the image (inject it at run time instead)', 'Ignore plaintext-secret here'],
        },
        {
          message: `ENV MYSQL_ROOT_PASSWORD bakes a secret into the image (its name says it holds a secret): anyone who can pull the image can read it with docker inspect. ${DOCKER_TAIL}`,
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 44,
          text: 'not-a-real-password',
          fixes: ['Remove MYSQL_ROOT_PASSWORD from the image (inject it at run time instead)', 'Ignore plaintext-secret here'],
        },
      ],
      output: 'FROM node:20.15-alpine\nARG NPM_TOKEN\nENV NODE_ENV=production \\\n    PORT=8080\n',
      fixed: {
        'Ignore plaintext-secret here':
          'FROM node:20.15-alpine\n# kubeready-ignore plaintext-secret\nARG NPM_TOKEN=fake-npm-token\nENV NODE_ENV=production \\\n    DB_PASSWORD="not a real password" \\\n    PORT=8080\nENV MYSQL_ROOT_PASSWORD not-a-real-password\n',
      },
    },
    {
      name: 'Dockerfile: a builder stage the final image does not build on keeps the secret in the file and the build cache, not in the image',
      path: 'Dockerfile',
      code: 'FROM node:22-alpine AS build\nENV AUTH_SECRET=not-a-real-secret\nARG NPM_TOKEN=not-a-real-token\nFROM build AS test\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
      errors: [
        {
          message: `ENV AUTH_SECRET sets a secret in build stage build (its name says it holds a secret): the final image does not keep it, but this file and the build cache do. ${DOCKER_TAIL}`,
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 34,
          text: 'not-a-real-secret',
          fixes: ['Remove AUTH_SECRET from the image (inject it at run time instead)', 'Ignore plaintext-secret here'],
        },
        {
          message: `ARG NPM_TOKEN sets a secret in build stage build (its name says it holds a secret): the final image does not keep it, but this file and the build cache do. ${DOCKER_TAIL}`,
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 31,
          text: 'not-a-real-token',
          fixes: ['Remove the default of NPM_TOKEN (pass it with a build secret)', 'Ignore plaintext-secret here'],
        },
      ],
      output: 'FROM node:22-alpine AS build\nARG NPM_TOKEN\nFROM build AS test\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
    {
      name: 'Dockerfile: a stage the final image builds on (FROM base) bakes the secret into the image',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim AS base\nENV API_KEY=not-a-real-key\nFROM base\nCMD ["python"]\n',
      errors: [
        {
          message: `ENV API_KEY bakes a secret into the image (its name says it holds a secret): anyone who can pull the image can read it with docker inspect. ${DOCKER_TAIL}`,
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 27,
          text: 'not-a-real-key',
          fixes: ['Remove API_KEY from the image (inject it at run time instead)', 'Ignore plaintext-secret here'],
        },
      ],
      output: 'FROM python:3.12-slim AS base\nFROM base\nCMD ["python"]\n',
    },
    {
      name: 'Dockerfile: skipping other BuildKit checks, or a check= comment below FROM (no directive), skips nothing',
      path: 'Dockerfile',
      code: '# check=skip=UndefinedVar\nFROM alpine:3.20\n# check=skip=SecretsUsedInArgOrEnv\nENV API_TOKEN=not-a-real-token\n',
      errors: [
        {
          message: `ENV API_TOKEN bakes a secret into the image (its name says it holds a secret): anyone who can pull the image can read it with docker inspect. ${DOCKER_TAIL}`,
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 31,
          text: 'not-a-real-token',
          fixes: ['Remove API_TOKEN from the image (inject it at run time instead)', 'Ignore plaintext-secret here'],
        },
      ],
      output: '# check=skip=UndefinedVar\nFROM alpine:3.20\n# check=skip=SecretsUsedInArgOrEnv\n',
    },
  ],
});
