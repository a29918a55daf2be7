import type { Config } from '../config/config';
import type { DockerfileModel } from '../dockerfile/model';
import type { FileKind, Fix, RelatedLocation, Severity } from '../findings';
import type { KubeFile } from '../kubernetes/model';
import type { ConfigFact, ConfigKind, CustomResourceFact, PodTemplateFact, ServiceFact } from '../workspace/objects';

/** What the fixes a rule offers do to a file (see `FixSafety`); `none` when it offers none but "Ignore". */
export type RuleFixSafety = 'safe' | 'unsafe' | 'none';

export interface RuleMeta {
  /** Public id: users type it in config files and ignore comments. */
  id: string;
  /** A short noun phrase for lists: "Image tagged latest". */
  title: string;
  /** One sentence: what the rule finds and why it matters (SARIF `shortDescription`, docs). */
  description: string;
  defaultSeverity: Severity;
  appliesTo: readonly FileKind[];
  fix: RuleFixSafety;
  /** False for findings that cannot be ignored (syntax errors). Defaults to true. */
  ignorable?: boolean;
}

/** What a rule reports; the engine adds the rule id, severity and the "Ignore" fix. */
export interface Report {
  start: number;
  end: number;
  message: string;
  /**
   * A severity for this finding other than the rule's default, for findings that are certain to
   * fail where the rule's others are practices. A severity set in the config still wins.
   */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /**
   * Which case of the rule this is (`apt`, `from`…), when another tool splits the rule in several
   * checks: an ignore of one of those checks silences only its cases (see compat/ids.ts `ASPECTS`).
   */
  aspects?: readonly string[];
}

/** Facts about the other files being checked (open documents in the editor, all files in a CLI run). */
export interface WorkspaceFacts {
  /** The tags other references to the same image use (canonical image name, see `ImageRef.canonical`). */
  imageTags(canonical: string): readonly string[];
  /**
   * Whether a file exists on disk (`path` as given by `RuleContext.path` joined with a name);
   * null when the face cannot tell (an untitled document, a test without a file system).
   */
  fileExists(path: string): boolean | null;
  /**
   * The objects the workspace's files define, the checked file's own included; null when the face
   * knows nothing of the workspace, and rules about other files' objects then stay quiet.
   */
  objects: WorkspaceObjects | null;
}

/**
 * Queries over the objects the workspace defines. A `namespace` of null (an object that names
 * none) meets every namespace, and every object meets it, since it lands wherever it is applied.
 */
export interface WorkspaceObjects {
  /** The pod templates of workloads (and Pods) in the namespace. */
  podTemplates(namespace: string | null): readonly PodTemplateFact[];
  /**
   * The pod templates in the namespace that `selector` may select (see `selects` in
   * rules/cross-file.ts: templates whose labels cannot be read included), in `podTemplates` order.
   */
  selectedTemplates(namespace: string | null, selector: Readonly<Record<string, string>>): readonly PodTemplateFact[];
  /** The custom resources in the namespace (their operators may make pods no file shows). */
  customResources(namespace: string | null): readonly CustomResourceFact[];
  /** True for a file a kustomize Component adds: what it refers to may come from any base. */
  inComponent(path: string | undefined): boolean;
  /** The Services of that name in the namespace. */
  services(namespace: string | null, name: string): readonly ServiceFact[];
  /** Whether any Service is defined in the namespace. */
  hasServices(namespace: string | null): boolean;
  /** The ConfigMaps (or Secrets) of that name in the namespace, kustomize-generated ones included. */
  configs(kind: ConfigKind, namespace: string | null, name: string): readonly ConfigFact[];
  /** Whether any ConfigMap (or Secret) is defined in the namespace. */
  hasConfigs(kind: ConfigKind, namespace: string | null): boolean;
}

/** Nothing known about the workspace: no tags, no file system, no objects. */
export const NO_WORKSPACE_FACTS: WorkspaceFacts = { imageTags: () => [], fileExists: () => null, objects: null };

interface RuleContext {
  text: string;
  /** The configuration that applies to this file (for rule options such as `trustedRegistries`). */
  config: Config;
  /** File path when the document has one (absolute or relative); undefined for untitled documents. */
  path: string | undefined;
  workspace: WorkspaceFacts;
  report(report: Report): void;
}

export interface DockerfileContext extends RuleContext {
  model: DockerfileModel;
}

export interface KubernetesContext extends RuleContext {
  model: KubeFile;
  /**
   * True when the file is a kustomize patch: its objects are partial, so rules that look for
   * something missing (a probe, resources) stay quiet on them.
   */
  isPatch: boolean;
}

export interface Rule {
  meta: RuleMeta;
  checkDockerfile?(context: DockerfileContext): void;
  checkKubernetes?(context: KubernetesContext): void;
}
