import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLiteralSecret } from '../../server/src/rules/config-file-secrets';
import { credentialKind, isIndirect, isPlaceholder, isPlaceholderOrIndirect, isSecretName, kebabCase, nameWords, secretReason } from '../../server/src/rules/secrets';

test('splits names into words on _ - . and camelCase', () => {
  assert.deepEqual(nameWords('DB_PASSWORD'), ['db', 'password']);
  assert.deepEqual(nameWords('dbPassword'), ['db', 'password']);
  assert.deepEqual(nameWords('AWSSecretAccessKey'), ['aws', 'secret', 'access', 'key']);
  assert.deepEqual(nameWords('app.api-key'), ['app', 'api', 'key']);
  assert.equal(kebabCase('MYSQL_ROOT_PASSWORD'), 'mysql-root-password');
});

test('secret-like names the issue lists', () => {
  for (const name of ['DB_PASSWORD', 'dbPassword', 'DBPASSWORD', 'MYSQL_ROOT_PASSWORD', 'API_KEY', 'NPM_TOKEN', 'SECRET_KEY_BASE', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'CLIENT_SECRET', 'PRIVATE_KEY', 'REDIS_PASS']) {
    assert.equal(isSecretName(name), true, name);
  }
  for (const name of ['GPG_KEY', 'PYTHON_GPG_KEY', 'PUBLIC_KEY', 'GITHUB_TOKEN_FILE', 'DB_PASSWORD_PATH', 'CERT_DIR', 'SECRETS_DIR', 'TOKENIZER_PATH', 'DB_SECRET_NAME', 'PASSWORD_MIN_LENGTH', 'DB_USERNAME', 'AUTH_URL', 'KEYCLOAK_URL', 'AUTHOR', 'NODE_VERSION', 'PRIVATE_REGISTRY', 'KEY']) {
    assert.equal(isSecretName(name), false, name);
  }
});

test('credential-looking values, whatever the name', () => {
  assert.equal(credentialKind('-----BEGIN RSA PRIVATE KEY-----\nabc', 'kubernetes'), 'a private key');
  assert.equal(credentialKind('-----BEGIN OPENSSH PRIVATE KEY-----', 'kubernetes'), 'a private key');
  assert.equal(credentialKind('AKIAABCDEFGHIJKLMNOP', 'kubernetes'), 'an AWS access key id');
  assert.equal(credentialKind('ghp_' + 'a'.repeat(36), 'kubernetes'), 'a GitHub token');
  assert.equal(credentialKind('glpat-' + 'x'.repeat(20), 'kubernetes'), 'a GitLab token');
  assert.equal(credentialKind('xoxb-1234567890-abc', 'kubernetes'), 'a Slack token');
  assert.equal(credentialKind('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'kubernetes'), 'a JSON Web Token');
  assert.equal(credentialKind('postgres://app:pw@db/app', 'kubernetes'), 'a URL with a password');
  assert.equal(credentialKind('postgres://app@db/app', 'kubernetes'), null);
  assert.equal(credentialKind('postgres://app:$(DB_PASSWORD)@db/app', 'kubernetes'), null);
  assert.equal(credentialKind('https://user:${PASS}@example.com', 'dockerfile'), null);
  assert.equal(credentialKind('https://example.com:8443/path', 'kubernetes'), null);
  assert.equal(credentialKind('-----BEGIN PUBLIC KEY-----', 'kubernetes'), null);
});

test('secretReason never returns the value', () => {
  const value = 'hunter2-not-real';
  const reason = secretReason('DB_PASSWORD', value, 'kubernetes');
  assert.equal(reason, 'its name says it holds a secret');
  assert.equal(secretReason('DB_PASSWORD', '', 'kubernetes'), null);
  assert.equal(secretReason('DB_PASSWORD', '$(PW)', 'kubernetes'), null);
  assert.equal(secretReason('DB_PASSWORD', '$PW', 'dockerfile'), null);
  assert.equal(secretReason('DB_PASSWORD', 'pa$sword', 'kubernetes'), 'its name says it holds a secret');
});

test('switches and placeholders are no secret, but look-alike real values still are', () => {
  for (const value of ['1', 'TRUE', 'no', 'off', '<your-token>', '[...]', '[YOUR TOKEN]', '***', 'xxxx', '…']) {
    assert.equal(secretReason('DB_PASSWORD', value, 'kubernetes'), null, value);
  }
  for (const value of ['["k1-abc","k2-def"]', '[abc123]', '<<not-a-tag', '12', 'yes-please', 'x1x']) {
    assert.equal(secretReason('DB_PASSWORD', value, 'kubernetes'), 'its name says it holds a secret', value);
  }
});

/** Values that are placeholders or indirections, never plain-text secrets, in env values and config files alike. */
const NOT_SECRETS = [
  'x', 'X', 'xxxx', '<>', '<your-token>', '...', '…', '[...]', '[TOKEN]', '***', '*',
  'ENC(AbC123+/=)', '{cipher}3f2a9c', 'vault:secret/data/db#password', '$2b$12$abcdefghijklmnopqrstuv', '$argon2id$v=19$m=65536',
  '{SSHA}abcdef', '{{ .Values.password }}', '{% raw %}', '${DB_PASSWORD}', '%(password)s', '#{password}', '@db.password@', '$DB_PASSWORD',
];

/** Real values (weak ones included) that a secret-named variable or setting must not hold in plain text. */
const REAL_SECRETS = ['changeme', 'hunter2', 'x1x', '<<not-a-tag', 'xy', 'pa$sword', 'ENC-looks-real'];

test('placeholders and indirections are judged by one predicate, the same for env values and config files', () => {
  for (const value of NOT_SECRETS) {
    assert.equal(isPlaceholderOrIndirect(value), true, value);
    assert.equal(secretReason('DB_PASSWORD', value, 'kubernetes'), null, value);
    assert.equal(isLiteralSecret(value), false, value);
    assert.equal(isLiteralSecret(`"${value}"`), false, value);
  }
  for (const value of REAL_SECRETS) {
    assert.equal(isPlaceholderOrIndirect(value), false, value);
    assert.equal(secretReason('DB_PASSWORD', value, 'kubernetes'), 'its name says it holds a secret', value);
    assert.equal(isLiteralSecret(value), true, value);
  }
  // Spring's {noop} marks a password stored as it is: no indirection.
  assert.equal(isPlaceholderOrIndirect('{noop}password'), false);
  assert.equal(secretReason('DB_PASSWORD', '{noop}password', 'kubernetes'), 'its name says it holds a secret');
});

test('isPlaceholder and isIndirect tell a missing value from one kept elsewhere', () => {
  assert.equal(isPlaceholder('<your-token>'), true);
  assert.equal(isIndirect('<your-token>'), false);
  assert.equal(isIndirect('ENC(abc)'), true);
  assert.equal(isPlaceholder('ENC(abc)'), false);
  assert.equal(isIndirect('{{ .Values.token }}'), true);
});

test('a URL whose password is a placeholder or an indirection holds no credential', () => {
  assert.equal(credentialKind('postgres://app:***@db:5432/app', 'kubernetes'), null);
  assert.equal(credentialKind('postgres://app:ENC(abc)@db:5432/app', 'kubernetes'), null);
  assert.equal(credentialKind('postgres://app:%(pw)s@db:5432/app', 'kubernetes'), null);
  assert.equal(credentialKind('postgres://app:changeme@db:5432/app', 'kubernetes'), 'a URL with a password');
});
