/**
 * The fixture workspace of the secrets tests: Dockerfiles, manifests, Helm and kustomize files,
 * configs (valid and broken) with the canaries of canaries.ts planted where secrets are written
 * in real repositories, and where they end up next to syntax errors.
 */
import { base64, CANARIES as C } from './canaries';

/** The PEM block indented for a YAML literal block scalar. */
function indented(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}

const POD_SPEC_DEFAULTS = [
  '          resources:',
  '            requests: { cpu: 100m, memory: 64Mi }',
  '            limits: { memory: 128Mi }',
].join('\n');

/** The fixture files, by path relative to the workspace folder. */
export function fixtureFiles(): Record<string, string> {
  return {
    'k8s/secret.yaml': [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: db',
      'type: Opaque',
      'data:',
      `  password: ${base64(C.secretData.value)}`,
      `  broken-base64: ${C.secretData.value}`,
      'stringData:',
      `  admin-password: ${C.secretStringData.value}`,
      `  token: ${C.secretJwt.value}`,
      '  tls.key: |',
      indented(C.secretPem.value, 4),
      `  nested: { value: ${C.secretWrongType.value} }`,
      `immutable: ${C.secretWrongType.value}`,
      '',
    ].join('\n'),
    'k8s/configmap.yaml': [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: settings',
      'data:',
      `  DB_PASSWORD: ${C.configMapPassword.value}`,
      `  AWS_SECRET_ACCESS_KEY: ${C.configMapAws.value}`,
      '  app.env: |',
      '    LOG_LEVEL=info',
      `    API_TOKEN=${C.configMapEnvFile.value}`,
      '',
    ].join('\n'),
    'k8s/deploy.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  annotations:',
      `    example.com/db-password: ${C.annotation.value}`,
      'spec:',
      '  replicas: 2',
      '  selector:',
      '    matchLabels: { app: web }',
      '  template:',
      '    metadata:',
      '      labels: { app: web }',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: nginx:latest',
      `          args: ["--password=${C.argsPassword.value}"]`,
      '          env:',
      `            - name: DB_PASSWORD`,
      `              value: ${C.envPassword.value}`,
      `            - name: AWS_ACCESS_KEY_ID`,
      `              value: ${C.envAwsKey.value}`,
      `            - &token { name: API_TOKEN, value: ${C.envAnchor.value} }`,
      '            - <<: &defaults',
      `                value: ${C.envMerge.value}`,
      '              name: SECRET_KEY',
      '            - name: SECRET_KEY',
      '              valueFrom: { secretKeyRef: { name: db, key: missing } }',
      '            - name: PORT',
      '              value: 8080',
      POD_SPEC_DEFAULTS,
      '        - name: sidecar',
      '          image: busybox',
      '          env:',
      '            - *token',
      '            - { <<: *defaults, name: PRIVATE_TOKEN }',
      '          envFrom: [{ configMapRef: { name: settings } }, { secretRef: { name: nope } }]',
      POD_SPEC_DEFAULTS,
      '',
    ].join('\n'),
    'broken/quote.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: quote', 'stringData:', `  password: "${C.brokenQuote.value}`, '  user: admin', ''].join('\n'),
    'broken/compact.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: compact', 'stringData:', `  - password: ${C.brokenCompact.value}: oops`, ''].join('\n'),
    'broken/indent.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: indent', 'stringData:', '  user: admin', `     password: ${C.brokenIndent.value}`, ' other: x', ''].join('\n'),
    'broken/alias.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: alias', 'stringData:', `  password: *${C.brokenAlias.value}`, ''].join('\n'),
    'broken/tag.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: tag', 'stringData:', `  password: !${C.brokenTag.value}`, ''].join('\n'),
    'broken/flow.yaml': ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: flow', `stringData: { password: ${C.brokenFlow.value}, user: [admin`, ''].join('\n'),
    'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
    'chart/values.yaml': `database:\n  password: ${C.helmValues.value}\n`,
    'chart/templates/secret.yaml': [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: {{ .Release.Name }}-db',
      'stringData:',
      '  password: {{ .Values.database.password | quote }}',
      `  fallback: ${C.helmTemplate.value}`,
      '',
    ].join('\n'),
    'kustomize/kustomization.yaml': [
      'resources:',
      '  - app.yaml',
      'secretGenerator:',
      '  - name: generated',
      '    literals:',
      `      - password=${C.kustomizeLiteral.value}`,
      '    envs:',
      '      - secrets.env',
      '',
    ].join('\n'),
    'kustomize/secrets.env': `API_KEY=${C.kustomizeEnvFile.value}\n`,
    'kustomize/app.yaml': [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: app',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: app:1.0',
      '      env:',
      '        - name: PASSWORD',
      '          valueFrom: { secretKeyRef: { name: generated, key: nope } }',
      '',
    ].join('\n'),
    'docker/Dockerfile': [
      'FROM python:latest',
      `ENV DB_PASSWORD=${C.dockerEnv.value}`,
      `ARG API_TOKEN=${C.dockerArg.value}`,
      `RUN curl -u admin:${C.dockerCurl.value} https://example.com/setup.sh | sh`,
      `RUN mysql --user=root --password=${C.dockerFlag.value} -e "select 1"`,
      `RUN curl -H "Authorization: Bearer ${C.dockerJwt.value}" https://example.com/`,
      `RUN echo "${C.dockerPem.value.replace(/\n/g, '\\n')}" > /root/key.pem`,
      'ADD app.tar.gz /app',
      'CMD python app.py',
      '',
    ].join('\n'),
    'docker-broken/Dockerfile': [
      'FROM alpine:3.19',
      'ENV LOG_LEVEL=info',
      `    DB_PASSWORD=${C.dockerBroken.value}`,
      `RUN --mount=type=secret,id=${C.dockerBroken.value} echo`,
      `ENV API_KEY=prefix ${C.dockerSpaced.value}`,
      'USER 10001',
      '',
    ].join('\n'),
    'hadolint-syntax/.hadolint.yaml': `ignored: [DL3008\ntrustedRegistries: [${C.hadolintSyntax.value}: x\n`,
    'hadolint-syntax/Dockerfile': 'FROM alpine:latest\nUSER 10001\n',
    'hadolint-value/.hadolint.yaml': `ignored: ${C.hadolintValue.value}\n`,
    'hadolint-value/Dockerfile': 'FROM alpine:latest\nUSER 10001\n',
    'cfg-syntax/.kubeready.yaml': `rules:\n  latest-tag: error\n  token: "${C.configSyntax.value}\n`,
    'cfg-syntax/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: a:latest\n',
    'cfg-severity/.kubeready.yaml': `rules:\n  latest-tag: ${C.configSeverity.value}\n`,
    'cfg-severity/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: a:latest\n',
    'cfg-registry/.kubeready.yaml': `trustedRegistries: ${C.configRegistry.value}\n`,
    'cfg-registry/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: a:latest\n',
    'cfg-json/.kubeready.json': `{ "rules": { "latest-tag": "error" }, "password": ${C.configJson.value}, }\n`,
    'cfg-json/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: a:latest\n',
  };
}

/** The fixture files that the engine checks (not configs, not the .env file). */
export function checkedFiles(): [string, string][] {
  return Object.entries(fixtureFiles()).filter(([file]) => !/(^|\/)\.(kubeready|hadolint)\.|\.env$/.test(file));
}

