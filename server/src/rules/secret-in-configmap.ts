/**
 * `secret-in-configmap`: a ConfigMap entry that holds a secret: its key names one (`DB_PASSWORD`,
 * `tls.key`), its value looks like a credential, or a config file stored in it sets a password
 * (`spring.datasource.password=…`). ConfigMaps are plain text to anyone allowed to read them;
 * secrets belong in Secrets. Messages never contain the value.
 */
import { Scalar } from 'yaml';
import type { Pair } from 'yaml';
import { ruleOptions } from '../config/options';
import type { Fix } from '../findings';
import type { KubeFile, Manifest } from '../kubernetes/model';
import { getMap, mapEntries, nodeSpan, stringValue } from '../kubernetes/nodes';
import type { StringValue } from '../kubernetes/nodes';
import { yamlIgnoreFix } from '../kubernetes/suppress';
import { nextLineStart } from '../text';
import { isLiteralSecret, isSecretSetting, secretLines } from './config-file-secrets';
import type { KubernetesContext, Report, Rule } from './rule';
import { credentialKind, credentialMatch, extraSecretWords, nameWords } from './secrets';
import type { ExtraSecretWords } from './secrets';

const ID = 'secret-in-configmap';

export const secretInConfigmap: Rule = {
  meta: {
    id: ID,
    title: 'Secret in a ConfigMap',
    description: 'A ConfigMap holds a password, token or private key, readable by anyone allowed to read ConfigMaps; secrets belong in Secrets.',
    defaultSeverity: 'warning',
    appliesTo: ['kubernetes'],
    fix: 'none',
  },
  checkKubernetes(context) {
    const extra = extraSecretWords(ruleOptions(context.config.ruleOptions, ID).secretWords);
    for (const manifest of context.model.manifests) {
      if (manifest.group !== '' || manifest.kind.value !== 'ConfigMap') continue;
      for (const section of ['data', 'binaryData'] as const) {
        for (const { pair } of mapEntries(getMap(manifest.node, section))) checkEntry(context, manifest, section, pair, extra);
      }
    }
  },
};

/** File names of private keys and keystores: `tls.key`, `id_ed25519`, `keystore.p12`. */
const PRIVATE_KEY_FILE = /(?:\.(?:key|p12|pfx)|(?:^|[._-])id_(?:rsa|dsa|ecdsa|ed25519)|(?:^|[._-])keystore(?:\.[a-z0-9]+)?)$/i;

/** Why a key's name marks its value as a secret, or null. */
function nameReason(key: string, value: string, extra: ExtraSecretWords): string | null {
  const multiline = /[\r\n]/.test(value);
  if (isSecretSetting(key, extra) && (multiline || isLiteralSecret(value))) return 'whose name says it holds a secret';
  if (PRIVATE_KEY_FILE.test(key) && !nameWords(key).some((w) => w === 'public' || w === 'pub')) {
    // A certificate or public key stored under a `.key` name is not a secret.
    if (/-----BEGIN /.test(value) && !/PRIVATE KEY-----/.test(value)) return null;
    return 'whose name is that of a private key file';
  }
  return null;
}

/** The advice every finding ends with: where the value belongs. */
function advice(key: string, asFile: boolean): string {
  const create = asFile ? `--from-file=${key}` : `--from-literal=${key}=…`;
  return `ConfigMaps are plain text to anyone allowed to read them. Put it in a Secret (kubectl create secret generic <name> ${create}) and reference or mount that instead.`;
}

function checkEntry(context: KubernetesContext, manifest: Manifest, section: 'data' | 'binaryData', pair: Pair<Scalar, unknown>, extra: ExtraSecretWords): void {
  const text = context.text;
  const key = String(pair.key.value);
  const value = stringValue(pair.value, text);
  if (!value || !pair.key.range) return;
  const content = section === 'binaryData' ? Buffer.from(value.value, 'base64').toString('utf8') : value.value;
  if (content.trim() === '') return;
  const where = `ConfigMap ${manifest.name?.value ?? '(unnamed)'}`;
  const multiline = /[\r\n]/.test(content);
  const byName = nameReason(key, content, extra);
  if (byName) {
    context.report({ ...nodeSpan(pair.key), message: `${where} stores ${key}, ${byName}. ${advice(key, multiline || section === 'binaryData')}` });
    return;
  }
  if (!multiline || section === 'binaryData') {
    const kind = credentialKind(content, 'kubernetes');
    if (kind) context.report({ ...valueSpan(value, section), message: `${where} stores ${kind} under ${key}. ${advice(key, section === 'binaryData')}` });
    return;
  }
  for (const report of fileSecrets(context.model, manifest, pair, value, extra)) context.report(report);
}

/** The span of a value's credential-looking part when it can be placed exactly, else the whole value. */
function valueSpan(value: StringValue, section: 'data' | 'binaryData'): { start: number; end: number } {
  const match = section === 'data' && value.content ? credentialMatch(value.value, 'kubernetes') : null;
  return match && value.content ? { start: value.content.start + match.start, end: value.content.start + match.end } : value.range;
}

/**
 * The secrets a config file stored as a multi-line value sets, one report per line. A block
 * scalar (`|`, `>`) maps line for line to the source, so each report covers the setting's name
 * (or the credential) on its line; other multi-line scalars are reported on the key.
 */
function fileSecrets(file: KubeFile, manifest: Manifest, pair: Pair<Scalar, unknown>, value: StringValue, extra: ExtraSecretWords): Report[] {
  const key = String(pair.key.value);
  const block = value.node.type === Scalar.BLOCK_LITERAL || value.node.type === Scalar.BLOCK_FOLDED;
  const bodyStart = block ? nextLineStart(file.text, value.range.start) : 0;
  const lines = block ? secretLines(file.text.slice(bodyStart, value.range.end), extra) : secretLines(value.value, extra);
  // Ignore comments cannot go inside the value: offer one above the key, which covers it all.
  const ignore: Fix | null = yamlIgnoreFix(file, ID, nodeSpan(pair.key).start, []);
  return lines.map((line) => {
    const what = line.setting ? `sets ${line.setting} in plain text` : `holds ${line.kind}`;
    const span = block ? { start: bodyStart + line.start, end: bodyStart + line.end } : nodeSpan(pair.key);
    return {
      ...span,
      message: `Line ${line.line + 1} of ${key} in ConfigMap ${manifest.name?.value ?? '(unnamed)'} ${what}. ${advice(key, true)}`,
      fixes: block && ignore ? [ignore] : [],
    };
  });
}
