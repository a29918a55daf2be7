/**
 * The workspace index: what each file contributes to the checks of the other files (image tags;
 * pod templates, Services, ConfigMaps and Secrets with their offsets), and the `WorkspaceFacts` the
 * rules read, built over every file's contribution. The CLI
 * builds it over the files of a run, the language server over the workspace's files (open
 * documents win over their saved text). A contribution's `key` tells the faces whether a change to
 * one file can change the findings of the others.
 */
import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { dockerfileImages } from '../dockerfile/images';
import type { Analysis } from '../engine';
import { containerImages } from '../kubernetes/images';
import { KUSTOMIZATION_FILE_NAMES } from '../kubernetes/kustomize';
import { namespacesMeet } from '../kubernetes/objects';
import { selects } from '../rules/cross-file';
import type { WorkspaceFacts, WorkspaceObjects } from '../rules/rule';
import { componentResources, generatedConfigs } from './generators';
import { CONTROLLER_LABELS, fileObjects } from './objects';
import type { ConfigFact, ConfigKind, CustomResourceFact, FileObjects, PodTemplateFact, ServiceFact } from './objects';

export interface ImageTag {
  /** `ImageRef.canonical` of the image. */
  canonical: string;
  tag: string;
}

/** What one file tells the checks of the others. */
export interface FileContribution {
  /** The file's path as the face gave it to the engine (`SourceInput.path`); undefined for an untitled document. */
  path: string | undefined;
  /** Every tagged image reference in the file. */
  imageTags: readonly ImageTag[];
  /** The pod templates, Services, ConfigMaps and Secrets the file defines (a kustomization's generated ones). */
  objects: FileObjects;
  /**
   * Equal keys mean equal contributions, offsets included: a change that keeps the key needs no
   * re-check of other files. Empty for a file that contributes nothing.
   */
  key: string;
}

/** How a face knows more about a file than its text tells. */
export interface ContributionOptions {
  /** The file is a kustomize patch: its objects are partial and define nothing. */
  isPatch?: boolean;
}

/** What a file that defines nothing contributes. */
export const NO_OBJECTS: FileObjects = { podTemplates: [], services: [], configs: [], customResources: [], componentFiles: [] };

/** The contribution of an analysed file (nothing for a file that is not checked, but a kustomization's generators). */
export function contributionOf(analysis: Analysis | null, options: ContributionOptions = {}): FileContribution {
  const path = analysis?.path;
  const tags = analysis ? imageTags(analysis) : [];
  const objects = analysis ? definedObjects(analysis, options) : NO_OBJECTS;
  const empty = Object.values(objects).every((list: readonly unknown[]) => list.length === 0);
  const tagKey = tags.map((t) => `${t.canonical}:${t.tag}`).sort().join('\n');
  const key = empty ? tagKey : `${tagKey}\n${createHash('sha1').update(JSON.stringify(objects)).digest('base64')}`;
  return { path, imageTags: tags, objects, key };
}

function definedObjects(analysis: Analysis, options: ContributionOptions): FileObjects {
  if (analysis.kind === 'kubernetes') return options.isPatch ? NO_OBJECTS : fileObjects(analysis.model, analysis.path);
  const base = (analysis.path ?? '').split(/[\\/]/).pop() ?? '';
  if (analysis.kind === 'skipped' && (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(base)) {
    return { ...NO_OBJECTS, configs: generatedConfigs(analysis.text, analysis.path), componentFiles: componentResources(analysis.text, analysis.path) };
  }
  return NO_OBJECTS;
}

function imageTags(analysis: Analysis): ImageTag[] {
  const occurrences =
    analysis.kind === 'dockerfile'
      ? dockerfileImages(analysis.model).map((i) => i.occurrence)
      : analysis.kind === 'kubernetes'
        ? containerImages(analysis.model).map((i) => i.occurrence)
        : [];
  return occurrences.filter((o) => o.ref.tag !== null).map((o) => ({ canonical: o.ref.canonical, tag: o.ref.tag as string }));
}

/**
 * Workspace facts over the files' contributions; `fileExists` answers for the file system when
 * the face has one (the CLI and the language server pass `fs.existsSync`).
 */
export function workspaceFacts(
  contributions: Iterable<FileContribution>,
  fileExists: (path: string) => boolean | null = () => null,
): WorkspaceFacts {
  const index = new Map<string, Set<string>>();
  const all: FileContribution[] = [];
  for (const contribution of contributions) {
    all.push(contribution);
    for (const { canonical, tag } of contribution.imageTags) {
      let tags = index.get(canonical);
      if (!tags) index.set(canonical, (tags = new Set()));
      tags.add(tag);
    }
  }
  return { imageTags: (canonical) => [...(index.get(canonical) ?? [])].sort(), fileExists, objects: workspaceObjects(all) };
}

/**
 * The queries over every file's objects, indexed once: by name where rules look up by name, by
 * namespace (each namespace's list filtered once), and pod templates by label for selectors.
 */
function workspaceObjects(contributions: readonly FileContribution[]): WorkspaceObjects {
  const templates: PodTemplateFact[] = [];
  const customResources: CustomResourceFact[] = [];
  const componentFiles = new Set<string>();
  const services = new Map<string, ServiceFact[]>();
  const configs = new Map<string, ConfigFact[]>();
  for (const { objects } of contributions) {
    templates.push(...objects.podTemplates);
    customResources.push(...objects.customResources);
    for (const file of objects.componentFiles) componentFiles.add(file);
    for (const service of objects.services) addTo(services, service.name, service);
    for (const config of objects.configs) addTo(configs, `${config.kind}\u0000${config.name}`, config);
  }
  const inNamespace = <T extends { namespace: string | null }>(list: readonly T[] | undefined, namespace: string | null): T[] =>
    (list ?? []).filter((o) => namespacesMeet(o.namespace, namespace));
  const podTemplates = byNamespace(templates);
  const servicesIn = byNamespace([...services.values()].flat());
  const configsIn = byNamespace([...configs.values()].flat());
  return {
    podTemplates,
    selectedTemplates: templateSelection(templates, podTemplates),
    customResources: byNamespace(customResources),
    inComponent: (path) => path !== undefined && componentFiles.has(nodePath.resolve(path)),
    services: (namespace, name) => inNamespace(services.get(name), namespace),
    hasServices: (namespace) => servicesIn(namespace).length > 0,
    configs: (kind: ConfigKind, namespace, name) => inNamespace(configs.get(`${kind}\u0000${name}`), namespace),
    hasConfigs: (kind: ConfigKind, namespace) => configsIn(namespace).some((c) => c.kind === kind),
  };
}

function addTo<K, T>(map: Map<K, T[]>, key: K, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The objects of `list` in a namespace (see `namespacesMeet`), in order; each namespace's list is made once. */
function byNamespace<T extends { namespace: string | null }>(list: readonly T[]): (namespace: string | null) => readonly T[] {
  const lists = new Map<string | null, readonly T[]>();
  return (namespace) => {
    let found = lists.get(namespace);
    if (!found) {
      found = list.filter((o) => namespacesMeet(o.namespace, namespace));
      lists.set(namespace, found);
    }
    return found;
  };
}

/**
 * The pod templates a selector may select in a namespace (see `selects`), in workspace order.
 * Templates are indexed by label once: a selector is matched against the templates that carry
 * its rarest required label (and those whose labels cannot be read), not against every template.
 */
function templateSelection(
  templates: readonly PodTemplateFact[],
  inNamespace: (namespace: string | null) => readonly PodTemplateFact[],
): WorkspaceObjects['selectedTemplates'] {
  // Built at the first question: facts are made again after edits, often with no Service to check.
  let index: LabelIndex | null = null;
  return (namespace, selector) => {
    index ??= labelIndex(templates);
    const { byLabel, unreadable } = index;
    let rarest: readonly number[] | null = null;
    for (const [key, value] of Object.entries(selector)) {
      if (CONTROLLER_LABELS.has(key)) continue; // Present on every pod: it narrows nothing.
      const carriers = byLabel.get(`${key}\u0000${value}`) ?? [];
      if (rarest === null || carriers.length < rarest.length) rarest = carriers;
    }
    if (rarest === null) return inNamespace(namespace);
    const candidates = unreadable.length > 0 ? [...rarest, ...unreadable].sort((a, b) => a - b) : rarest;
    return candidates.map((position) => templates[position]).filter((t) => namespacesMeet(t.namespace, namespace) && selects(selector, t));
  };
}

/** Positions of pod templates in the workspace list. */
interface LabelIndex {
  /** The templates that carry each label (`key\u0000value`), in order. */
  byLabel: Map<string, number[]>;
  /** The templates whose labels cannot be read, in order. */
  unreadable: number[];
}

function labelIndex(templates: readonly PodTemplateFact[]): LabelIndex {
  const byLabel = new Map<string, number[]>();
  const unreadable: number[] = [];
  templates.forEach((template, index) => {
    if (template.labels === null) unreadable.push(index);
    else for (const [key, value] of Object.entries(template.labels)) addTo(byLabel, `${key}\u0000${value}`, index);
  });
  return { byLabel, unreadable };
}
