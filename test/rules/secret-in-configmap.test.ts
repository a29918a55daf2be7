import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLiteralSecret, isSecretSetting, secretLines } from '../../server/src/rules/config-file-secrets';
import { secretInConfigmap } from '../../server/src/rules/secret-in-configmap';
import { credentialMatch } from '../../server/src/rules/secrets';
import { ruleTester } from '../helpers/rule-tester';

const configMap = (body: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop\n${body}`;

const ADVICE = 'ConfigMaps are plain text to anyone allowed to read them. Put it in a Secret (kubectl create secret generic <name>';
const literal = (key: string): string => `${ADVICE} --from-literal=${key}=…) and reference or mount that instead.`;
const fromFile = (key: string): string => `${ADVICE} --from-file=${key}) and reference or mount that instead.`;
const IGNORE = 'Ignore secret-in-configmap here';

ruleTester(secretInConfigmap, {
  valid: [
    {
      name: 'settings about secrets, empty values, references, certificates and public keys, config files without secrets',
      path: 'cm.yaml',
      code: configMap(
        'data:\n  DB_HOST: db.example.com\n  TOKEN_TTL: "3600"\n  SESSION_TOKEN_LIFETIME: 1h\n  ENABLE_TOKEN_AUTH: "true"\n  PASSWORD_MIN_LENGTH: "12"\n' +
          '  DB_PASSWORD_FILE: /run/secrets/db-password\n  DB_PASSWORD: ""\n  API_TOKEN: ${API_TOKEN}\n' +
          '  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIBszCCAVmgAwIBAgIUFakeFakeFake\n    -----END CERTIFICATE-----\n' +
          '  public.key: |\n    -----BEGIN PUBLIC KEY-----\n    MCowBQYDK2VwAyEAFakeFakeFake\n    -----END PUBLIC KEY-----\n' +
          "  postgresql.conf: |\n    # password = not-this-one\n    password_encryption = scram-sha-256\n    ssl_passphrase_command = '/usr/local/bin/get-passphrase'\n    max_connections = 100\n" +
          '  nginx.conf: |\n    location / {\n      proxy_pass http://backend;\n      fastcgi_pass php;\n    }\n' +
          '  application.properties: |\n    spring.datasource.url=jdbc:postgresql://db:5432/app\n    spring.datasource.username=app\n    spring.datasource.password=${DB_PASSWORD}\n' +
          '    app.jwt.secret=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)\n    app.api-key=<set-me>\n    management.endpoint.health.show-details=always\n' +
          '  settings.json: |\n    {"password": "", "token": "${TOKEN}", "passwordPolicy": "strict"}\n' +
          '  fluent-bit.conf: |\n    [OUTPUT]\n        Name  es\n        Host  elasticsearch.logging.svc\n        Port  9200\n' +
          '  en.json: |\n    {\n      "password": "Password",\n      "token": "Token expired, please sign in again"\n    }\n' +
          'binaryData:\n  truststore.jks: AAECAw==\n',
      ),
    },
    {
      name: 'a Secret is where secrets belong',
      path: 'secret.yaml',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop\nstringData:\n  DB_PASSWORD: not-a-real-password\n',
    },
    {
      name: 'an ignore comment above a key covers the lines of its value',
      path: 'cm.yaml',
      code: configMap('data:\n  # kubeready-ignore secret-in-configmap -- throwaway demo database\n  application.properties: |\n    spring.datasource.password=demo-not-real\n'),
    },
  ],
  invalid: [
    {
      name: 'a secret-named key, a credential-looking value, a private key file, a multi-line quoted value',
      path: 'cm.yaml',
      code: configMap(
        'data:\n  DB_PASSWORD: not-a-real-password\n  CACHE_URL: redis://default:fake-redis-pw@cache:6379/0\n' +
          '  tls.key: |\n    -----BEGIN PRIVATE KEY-----\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAAS\n    -----END PRIVATE KEY-----\n  NOTES: "line one\\npassword=oops-not-real\\n"\n',
      ),
      errors: [
        {
          message: `ConfigMap shop stores DB_PASSWORD, whose name says it holds a secret. ${literal('DB_PASSWORD')}`,
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 14,
          text: 'DB_PASSWORD',
          fixes: [IGNORE],
        },
        {
          message: `ConfigMap shop stores a URL with a password under CACHE_URL. ${literal('CACHE_URL')}`,
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 56,
          text: 'redis://default:fake-redis-pw@cache:6379/0',
          fixes: [IGNORE],
        },
        {
          message: `ConfigMap shop stores tls.key, whose name is that of a private key file. ${fromFile('tls.key')}`,
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 10,
          text: 'tls.key',
          fixes: [IGNORE],
        },
        {
          message: `Line 2 of NOTES in ConfigMap shop sets password in plain text. ${fromFile('NOTES')}`,
          line: 12,
          column: 3,
          endLine: 12,
          endColumn: 8,
          text: 'NOTES',
          fixes: [IGNORE],
        },
      ],
    },
    {
      name: 'config files as block values: each line that sets a secret, on the setting name or the credential; binaryData decoded',
      path: 'cm.yaml',
      code: configMap(
        'data:\n  application.properties: |\n    spring.datasource.url=jdbc:postgresql://db:5432/shop\n    spring.datasource.password=not-a-real-password\n    # the token below is a fake\n' +
          '    app.github-token: "ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE"\n    cache.url=redis://:fake-pw@cache:6379\n' +
          '  settings.xml: |\n    <settings><servers><server><id>nexus</id><password>not-real</password></server></servers></settings>\n' +
          '  fluent-bit.conf: |\n    [OUTPUT]\n        Name         es\n        HTTP_User    elastic\n        HTTP_Passwd  not-a-real-password\n' +
          'binaryData:\n  signing.key: c2VjcmV0\n  jwt.pem: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSQotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tCg==\n',
      ),
      errors: [
        {
          message: `Line 2 of application.properties in ConfigMap shop sets spring.datasource.password in plain text. ${fromFile('application.properties')}`,
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 31,
          text: 'spring.datasource.password',
          fixes: [IGNORE],
        },
        {
          message: `Line 4 of application.properties in ConfigMap shop sets app.github-token in plain text. ${fromFile('application.properties')}`,
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 21,
          text: 'app.github-token',
          fixes: [IGNORE],
        },
        {
          message: `Line 5 of application.properties in ConfigMap shop holds a URL with a password. ${fromFile('application.properties')}`,
          line: 11,
          column: 15,
          endLine: 11,
          endColumn: 42,
          text: 'redis://:fake-pw@cache:6379',
          fixes: [IGNORE],
        },
        {
          message: `Line 1 of settings.xml in ConfigMap shop sets password in plain text. ${fromFile('settings.xml')}`,
          line: 13,
          column: 47,
          endLine: 13,
          endColumn: 55,
          text: 'password',
          fixes: [IGNORE],
        },
        {
          message: `Line 4 of fluent-bit.conf in ConfigMap shop sets HTTP_Passwd in plain text. ${fromFile('fluent-bit.conf')}`,
          line: 18,
          column: 9,
          endLine: 18,
          endColumn: 20,
          text: 'HTTP_Passwd',
          fixes: [IGNORE],
        },
        {
          message: `ConfigMap shop stores signing.key, whose name says it holds a secret. ${fromFile('signing.key')}`,
          line: 20,
          column: 3,
          endLine: 20,
          endColumn: 14,
          text: 'signing.key',
          fixes: [IGNORE],
        },
        {
          message: `ConfigMap shop stores a private key under jwt.pem. ${fromFile('jwt.pem')}`,
          line: 21,
          column: 12,
          endLine: 21,
          endColumn: 92,
          text: 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSQotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tCg==',
          fixes: [IGNORE],
        },
      ],
      fixed: {
        // Inside a block value a comment would be text: the comment goes above the key.
        [IGNORE]: configMap(
          'data:\n  # kubeready-ignore secret-in-configmap\n  application.properties: |\n    spring.datasource.url=jdbc:postgresql://db:5432/shop\n    spring.datasource.password=not-a-real-password\n    # the token below is a fake\n' +
            '    app.github-token: "ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE"\n    cache.url=redis://:fake-pw@cache:6379\n' +
            '  settings.xml: |\n    <settings><servers><server><id>nexus</id><password>not-real</password></server></servers></settings>\n' +
            '  fluent-bit.conf: |\n    [OUTPUT]\n        Name         es\n        HTTP_User    elastic\n        HTTP_Passwd  not-a-real-password\n' +
            'binaryData:\n  signing.key: c2VjcmV0\n  jwt.pem: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSQotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tCg==\n',
        ),
      },
    },
  ],
});

test('secret settings: a setting about a secret is not one', () => {
  for (const name of ['spring.datasource.password', 'DB_PASSWORD', 'app.jwt.secret', 'encryption_key', 'HTTP_Passwd', 'client-secret']) {
    assert.equal(isSecretSetting(name), true, name);
  }
  for (const name of ['password_encryption', 'ssl_passphrase_command', 'token_lifetime', 'password-reset-interval', 'passwordPolicy', 'TOKEN_TTL', 'proxy_pass_header']) {
    assert.equal(isSecretSetting(name), false, name);
  }
});

test('literal secrets: quotes and trailing separators are read through; the rest is not a secret', () => {
  for (const value of ['hunter2', '"hunter2",', "'hunter2';", 'p@ss w0rd']) assert.equal(isLiteralSecret(value), true, value);
  for (const value of ['', '""', '${DB_PASSWORD}', '%(password)s', '{{ .Values.pw }}', 'ENC(abc)', '{cipher}abc', '$2a$10$abcdefghijk', 'true', '3600', '30s', '***', '<password>', 'https://vault.example.com/v1', '/run/secrets/db', '|', '{']) {
    assert.equal(isLiteralSecret(value), false, value);
  }
});

test('secret lines: offsets of the setting name, at most one per line, CRLF line breaks', () => {
  const text = 'a=1\r\npassword = hunter2 # x\r\n  "token": "abc", "apiKey": "def"\r\n';
  assert.deepEqual(secretLines(text), [
    { line: 1, start: 5, end: 13, setting: 'password', kind: null },
    { line: 2, start: 32, end: 37, setting: 'token', kind: null },
  ]);
});

test('credentialMatch locates the credential in a longer text', () => {
  const text = 'url = "postgres://app:pw@db/app" # note';
  const match = credentialMatch(text, 'kubernetes');
  assert.deepEqual(match, { kind: 'a URL with a password', start: 7, end: 31 });
  assert.equal(text.slice(match.start, match.end), 'postgres://app:pw@db/app');
  const key = credentialMatch('key: -----BEGIN EC PRIVATE KEY-----', 'kubernetes');
  assert.deepEqual(key, { kind: 'a private key', start: 5, end: 35 });
  assert.equal(credentialMatch('nothing here', 'kubernetes'), null);
});
