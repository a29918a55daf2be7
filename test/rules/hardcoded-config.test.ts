import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointKind } from '../../server/src/rules/endpoints';
import { hardcodedConfig } from '../../server/src/rules/hardcoded-config';
import { ruleTester } from '../helpers/rule-tester';

/** A Deployment `name` whose one container has the given env entries (indented for `env:`). */
const deployment = (name: string, env: string, namespace = ''): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${name}:1.0\n          env:\n${env}`;

/** Block env entries, one per `[name, value]`. */
const entries = (pairs: [string, string][]): string => pairs.map(([name, value]) => `            - name: ${name}\n              value: ${value}\n`).join('');

const TAIL = 'endpoints differ between environments, so each one would need its own copy of this manifest. Keep it in a ConfigMap and read it with configMapKeyRef.';
const k8s = (name: string, kind: string): string => `${name} hard-codes ${kind} in the pod spec: ${TAIL}`;
const docker = (name: string, kind: string): string =>
  `ENV ${name} bakes ${kind} into the image: endpoints differ between environments, so each one would need its own image. Set it when the container is deployed (in Kubernetes, from a ConfigMap).`;

const configMapRef = (indent: string, name: string, key: string): string =>
  `${indent}valueFrom:\n${indent}  configMapKeyRef:\n${indent}    name: ${name}\n${indent}    key: ${key}\n`;

ruleTester(hardcodedConfig, {
  valid: [
    {
      name: 'config that is not an endpoint, bind and loopback addresses, in-cluster names, references, credentials, files',
      path: 'web.yaml',
      code: deployment(
        'web',
        entries([
          ['DB_USER', 'sammy'],
          ['HOSTNAME', 'my_hostname'],
          ['LISTEN_ADDR', '0.0.0.0:8080'],
          ['ADMIN_BIND', '127.0.0.1:9000'],
          ['METRICS_URL', 'http://localhost:9090/metrics'],
          ['REDIS_HOST', 'redis'],
          ['CACHE_URL', 'redis://redis:6379/0'],
          ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://otel-collector.observability.svc.cluster.local:4317'],
          ['SEARCH_URL', 'http://search.search.svc:9200'],
          ['DB_HOST', '$(DB_SERVICE_HOST)'],
          ['API_URL', 'http://$(API_HOST):8080/v1'],
          ['DATABASE_URL', 'postgres://app:not-a-real-password@db.example.com/app'],
          ['APP_VERSION', '1.2.3.4'],
          ['JAVA_MAIN', 'com.example.App'],
          ['LOG_SERVER', 'server.log'],
          ['CONFIG_URL', 'file:///etc/app/config.yaml'],
          ['METADATA_URL', 'http://169.254.169.254/latest'],
          ['SITE_NAME', 'www.example.com'],
          ['PORT', '"8080"'],
          ['EMPTY_HOST', '""'],
        ]) + `            - name: PAYMENTS_URL\n${configMapRef('              ', 'web-config', 'PAYMENTS_URL')}`,
      ),
    },
    {
      name: 'a Service of the file, a headless Service, or a namespace the file uses, in a short name',
      path: 'web.yaml',
      code:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders\nspec:\n  ports:\n    - port: 80\n---\n' +
        deployment(
          'web',
          entries([
            ['ORDERS_URL', 'http://orders.shop'],
            ['USERS_URL', 'http://users.shop:8080'],
            ['ELASTICSEARCH_HOSTS', 'es-0.es-headless:9200,es-1.es-headless:9200'],
            ['ORDERS_REPLICA_HOST', 'orders-0.orders.shop'],
          ]),
          'shop',
        ),
    },
    {
      name: 'Dockerfile: a download URL the build reads, ENV of a stage that is not shipped, bind address, reference',
      path: 'Dockerfile',
      code:
        'FROM python:3.12-slim AS build\nENV PIP_INDEX_URL=https://pypi.internal.example.com/simple\nRUN pip install --no-cache-dir -r requirements.txt\n\n' +
        'FROM python:3.12-slim\nENV GET_PIP_URL=https://bootstrap.pypa.io/get-pip.py\nRUN curl -fsSL "${GET_PIP_URL}" -o /tmp/get-pip.py\n' +
        'ENV HOST=0.0.0.0 PORT=8080 API_URL=${API_URL} DB_HOST=db\nARG MIRROR_URL=https://mirror.example.com\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'Windows: a download URL that PowerShell ($env:NAME) or cmd (%NAME%) reads in a later RUN',
      path: 'Dockerfile',
      code:
        '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\n' +
        'ENV TOOL_URL="https://downloads.example.com/tool/2.1/tool.exe" AGENT_URL=https://downloads.example.com/agent.msi\n' +
        'RUN Invoke-WebRequest -Uri ${env:TOOL_URL} -OutFile tool.exe; `\n    Start-Process msiexec -ArgumentList "/i $ENV:AGENT_URL" -Wait\n' +
        'ENV SETUP_URL=https://downloads.example.com/setup.zip\nRUN cmd /S /C curl.exe -fsSLo setup.zip %SETUP_URL%\n',
    },
    {
      name: 'ignored with a comment above the env entry',
      path: 'web.yaml',
      code: deployment('web', '            # kubeready-ignore hardcoded-config -- the same partner API everywhere\n' + entries([['PARTNER_URL', 'https://api.partner.example.com']])),
    },
  ],
  invalid: [
    {
      name: 'the guide example: a new ConfigMap <workload>-config, in the workload namespace; one fix per pass',
      path: 'shop.yaml',
      code: deployment(
        'shop',
        entries([['DB_HOST', 'db.prod.example.com']]) +
          '            - {name: PAYMENTS_URL, value: "https://payments.example.com/v2"}\n' +
          entries([['SEARCH_NODES', '10.0.4.11:9200, 10.0.4.12:9200']]),
        'prod',
      ),
      errors: [
        {
          message: k8s('DB_HOST', 'a host name'),
          line: 14,
          column: 22,
          endLine: 14,
          endColumn: 41,
          text: 'db.prod.example.com',
          fixes: ['Move DB_HOST to ConfigMap shop-config', 'Ignore hardcoded-config here'],
        },
        {
          message: k8s('PAYMENTS_URL', 'a URL'),
          line: 15,
          column: 43,
          endLine: 15,
          endColumn: 76,
          text: '"https://payments.example.com/v2"',
          fixes: ['Move PAYMENTS_URL to ConfigMap shop-config', 'Ignore hardcoded-config here'],
        },
        {
          message: k8s('SEARCH_NODES', 'a host and port'),
          line: 17,
          column: 22,
          endLine: 17,
          endColumn: 52,
          text: '10.0.4.11:9200, 10.0.4.12:9200',
          fixes: ['Move SEARCH_NODES to ConfigMap shop-config', 'Ignore hardcoded-config here'],
        },
      ],
      // The three fixes all append the same new ConfigMap: one pass applies the first; the next
      // pass finds shop-config and adds to it.
      output:
        deployment(
          'shop',
          `            - name: DB_HOST\n${configMapRef('              ', 'shop-config', 'DB_HOST')}` +
            '            - {name: PAYMENTS_URL, value: "https://payments.example.com/v2"}\n' +
            entries([['SEARCH_NODES', '10.0.4.11:9200, 10.0.4.12:9200']]),
          'prod',
        ) + '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: prod\ndata:\n  DB_HOST: db.prod.example.com\n',
      fixed: {
        'Move PAYMENTS_URL to ConfigMap shop-config':
          deployment(
            'shop',
            entries([['DB_HOST', 'db.prod.example.com']]) +
              '            - {name: PAYMENTS_URL, valueFrom: {configMapKeyRef: {name: shop-config, key: PAYMENTS_URL}}}\n' +
              entries([['SEARCH_NODES', '10.0.4.11:9200, 10.0.4.12:9200']]),
            'prod',
          ) + '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\n  namespace: prod\ndata:\n  PAYMENTS_URL: "https://payments.example.com/v2"\n',
      },
    },
    {
      name: 'the second pass: the ConfigMap the workload already reads gets the key',
      path: 'shop.yaml',
      code:
        deployment(
          'shop',
          `            - name: DB_HOST\n${configMapRef('              ', 'shop-config', 'DB_HOST')}` + entries([['SEARCH_NODES', '10.0.4.11:9200, 10.0.4.12:9200']]),
        ) + '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\ndata:\n  DB_HOST: db.prod.example.com\n',
      errors: [
        {
          message: k8s('SEARCH_NODES', 'a host and port'),
          line: 18,
          column: 22,
          endLine: 18,
          endColumn: 52,
          text: '10.0.4.11:9200, 10.0.4.12:9200',
          fixes: ['Move SEARCH_NODES to ConfigMap shop-config', 'Ignore hardcoded-config here'],
        },
      ],
      output:
        deployment(
          'shop',
          `            - name: DB_HOST\n${configMapRef('              ', 'shop-config', 'DB_HOST')}` +
            `            - name: SEARCH_NODES\n${configMapRef('              ', 'shop-config', 'SEARCH_NODES')}`,
        ) + '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-config\ndata:\n  DB_HOST: db.prod.example.com\n  SEARCH_NODES: "10.0.4.11:9200, 10.0.4.12:9200"\n',
    },
    {
      name: 'envFrom a ConfigMap of the file (4-space style): the key is added there, or reused when it holds the same value',
      path: 'api.yaml',
      code:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: api-settings\ndata:\n    LOG_LEVEL: info\n    AUTH_URL: https://auth.example.com\n---\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n    name: api\nspec:\n    template:\n        spec:\n            containers:\n                - name: api\n                  image: api:1.0\n                  envFrom:\n                      - configMapRef:\n                            name: api-settings\n                  env:\n' +
        '                      - name: AUTH_URL\n                        value: https://auth.example.com\n                      - name: MAIL_SERVER\n                        value: smtp.mail.example.com\n',
      errors: [
        {
          message: k8s('AUTH_URL', 'a URL'),
          line: 24,
          column: 32,
          endLine: 24,
          endColumn: 56,
          text: 'https://auth.example.com',
          fixes: ['Move AUTH_URL to ConfigMap api-settings', 'Ignore hardcoded-config here'],
        },
        {
          message: k8s('MAIL_SERVER', 'a host name'),
          line: 26,
          column: 32,
          endLine: 26,
          endColumn: 53,
          text: 'smtp.mail.example.com',
          fixes: ['Move MAIL_SERVER to ConfigMap api-settings', 'Ignore hardcoded-config here'],
        },
      ],
      output:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: api-settings\ndata:\n    LOG_LEVEL: info\n    AUTH_URL: https://auth.example.com\n    MAIL_SERVER: smtp.mail.example.com\n---\n' +
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n    name: api\nspec:\n    template:\n        spec:\n            containers:\n                - name: api\n                  image: api:1.0\n                  envFrom:\n                      - configMapRef:\n                            name: api-settings\n                  env:\n' +
        '                      - name: AUTH_URL\n                        valueFrom:\n                            configMapKeyRef:\n                                name: api-settings\n                                key: AUTH_URL\n' +
        '                      - name: MAIL_SERVER\n                        valueFrom:\n                            configMapKeyRef:\n                                name: api-settings\n                                key: MAIL_SERVER\n',
    },
    {
      name: 'a ConfigMap a sibling container reads, without data yet; an init container is checked too',
      path: 'job.yaml',
      code:
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n        - name: wait\n          image: busybox:1.36\n          env:\n            - name: DB_ADDRESS\n              value: 192.168.10.5\n' +
        '      containers:\n        - name: migrate\n          image: migrate:1.0\n          envFrom:\n            - configMapRef:\n                name: migrate-env\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: migrate-env\n',
      errors: [
        {
          message: k8s('DB_ADDRESS', 'an IP address'),
          line: 14,
          column: 22,
          endLine: 14,
          endColumn: 34,
          text: '192.168.10.5',
          fixes: ['Move DB_ADDRESS to ConfigMap migrate-env', 'Ignore hardcoded-config here'],
        },
      ],
      output:
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n        - name: wait\n          image: busybox:1.36\n          env:\n' +
        `            - name: DB_ADDRESS\n${configMapRef('              ', 'migrate-env', 'DB_ADDRESS')}` +
        '      containers:\n        - name: migrate\n          image: migrate:1.0\n          envFrom:\n            - configMapRef:\n                name: migrate-env\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: migrate-env\ndata:\n  DB_ADDRESS: "192.168.10.5"\n',
    },
    {
      name: 'the ConfigMap read holds the key with another value: a new <workload>-config takes it',
      path: 'web.yaml',
      code:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  API_URL: https://api.staging.example.com\n---\n' +
        deployment('web', entries([['API_URL', 'https://api.example.com']])).replace('          env:\n', '          envFrom:\n            - configMapRef:\n                name: shared\n          env:\n'),
      errors: [
        {
          message: k8s('API_URL', 'a URL'),
          line: 23,
          column: 22,
          endLine: 23,
          endColumn: 45,
          text: 'https://api.example.com',
          fixes: ['Move API_URL to ConfigMap web-config', 'Ignore hardcoded-config here'],
        },
      ],
      output:
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  API_URL: https://api.staging.example.com\n---\n' +
        deployment('web', `            - name: API_URL\n${configMapRef('              ', 'web-config', 'API_URL')}`).replace('          env:\n', '          envFrom:\n            - configMapRef:\n                name: shared\n          env:\n') +
        '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  API_URL: "https://api.example.com"\n',
    },
    {
      name: 'no fix when <workload>-config is read but defined in another file (a new one would replace it)',
      path: 'web.yaml',
      code: deployment('web', entries([['API_URL', 'https://api.example.com']])).replace('          env:\n', '          envFrom:\n            - configMapRef:\n                name: web-config\n          env:\n'),
      errors: [
        {
          message: k8s('API_URL', 'a URL'),
          line: 16,
          column: 22,
          endLine: 16,
          endColumn: 45,
          text: 'https://api.example.com',
          fixes: ['Ignore hardcoded-config here'],
        },
      ],
    },
    {
      name: 'a kustomize patch: reported, but no fix (a ConfigMap added there would be read as a patch)',
      path: 'overlays/prod/patch.yaml',
      options: { isPatch: true },
      code: deployment('web', entries([['API_URL', 'https://api.example.com']])),
      errors: [
        {
          message: k8s('API_URL', 'a URL'),
          line: 13,
          column: 22,
          endLine: 13,
          endColumn: 45,
          text: 'https://api.example.com',
          fixes: ['Ignore hardcoded-config here'],
        },
      ],
    },
    {
      name: 'Dockerfile: ENV of the final stage and of the stage it is built FROM, both forms',
      path: 'Dockerfile',
      code:
        'FROM node:20-alpine AS base\nENV API_URL https://api.example.com/v1\n\nFROM base\nENV NODE_ENV=production DB_HOST=mydb.mycloud.com DB_USER=sammy\nCMD ["node", "server.js"]\n',
      errors: [
        { message: docker('API_URL', 'a URL'), line: 2, column: 13, endLine: 2, endColumn: 39, text: 'https://api.example.com/v1', fixes: ['Ignore hardcoded-config here'] },
        { message: docker('DB_HOST', 'a host name'), line: 5, column: 33, endLine: 5, endColumn: 49, text: 'mydb.mycloud.com', fixes: ['Ignore hardcoded-config here'] },
      ],
    },
  ],
});

test('endpointKind: what counts as an endpoint, with and without a name that says so', () => {
  const cases: [string, string, string | null][] = [
    ['DB_HOST', 'mydb.mycloud.com', 'a host name'],
    ['dbAddress', '10.0.4.11', 'an IP address'],
    ['CONFIG', 'mydb.mycloud.com', null],
    ['CONFIG', 'mydb.mycloud.com:5432', 'a host and port'],
    ['CONFIG', 'jdbc:postgresql://db.example.com:5432/shop', 'a URL'],
    ['CONFIG', 'http://[2001:db8::1]:8080/', 'a URL'],
    ['PEERS', 'a.example.com:7000 b.example.com:7000', 'a host and port'],
    ['GOPROXY', 'https://proxy.golang.org,direct', null],
    ['DB_HOST', 'localhost', null],
    ['DB_HOST', '127.0.0.53', null],
    ['API_URL', 'http://[::1]:8080', null],
    ['DB_HOST', 'db.shop.svc.cluster.local', null],
    ['DB_HOST', '1.2.3', null],
    ['DB_HOST', '300.1.1.1', null],
    ['LOG_SERVER', 'server.log', null],
    ['TIME', '10:30', null],
    ['IMAGE', 'nginx:1.27', null],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://otel-collector.observability:4317', null],
    ['REDIS_ADDR', 'redis-master.redis:6379', null],
    ['API_URL', 'https://example.com', 'a URL'],
    ['API_URL', 'https://shop.de/api', 'a URL'],
    ['DB_HOST', 'db01.internal', 'a host name'],
    ['LDAP_SERVER', 'ldap.corp:389', 'a host and port'],
  ];
  for (const [name, value, kind] of cases) assert.equal(endpointKind(name, value), kind, `${name}=${value}`);
  assert.equal(endpointKind('DB_HOST', 'db.shop', (host) => host.endsWith('.shop')), null);
});
