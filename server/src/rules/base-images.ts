/**
 * Shared by `root-user`, `large-base-image` and `single-stage-build`: what the final image of a
 * Dockerfile is built on, and what Kube Ready knows about well-known base images (which run as
 * a non-root user, which are Windows, which are build toolchains, which have a smaller variant).
 */
import { dockerfileImages } from '../dockerfile/images';
import type { DockerfileImage } from '../dockerfile/images';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { instructionCommands, programName } from '../dockerfile/commands';
import { baseChain, finalStage, fromImage, stageDependencies } from '../dockerfile/stage-graph';
import type { BaseImage } from '../dockerfile/stage-graph';
import type { ImageRef } from '../image';
import type { DockerfileContext } from './rule';

/** The final stage, the stages it builds on, and the image at the bottom of that chain. */
export interface FinalImage {
  stage: Stage;
  /** The final stage first, then the earlier stages it builds on with `FROM <stage>`. */
  chain: Stage[];
  base: BaseImage;
  /** A Windows image: USER, sizes and toolchains work differently there, so these rules stay quiet. */
  windows: boolean;
}

/**
 * The final image of a Dockerfile, or null when the rules about it do not apply: no stage, or a
 * dev container definition (under `.devcontainer/`), which is a workstation, not a deployable image.
 */
export function finalImage(context: DockerfileContext): FinalImage | null {
  const model = context.model;
  const stage = finalStage(model);
  if (!stage || isDevContainer(context.path)) return null;
  const facts = chainFacts(model)[stage.index];
  return { stage, chain: baseChain(model, stage), base: facts.base, windows: facts.windows };
}

/** What the chain of stages ending at a stage is built on and runs. */
interface ChainFacts {
  base: BaseImage;
  windows: boolean;
  /** A RUN command of the chain that builds a Node.js app, or null. */
  nodeBuild: string[] | null;
  /** A RUN command of the chain that runs a Java build tool, or null. */
  javaBuild: string[] | null;
}

const CHAIN_FACTS = new WeakMap<DockerfileModel, ChainFacts[]>();

/**
 * The facts of every stage's chain, by stage index, computed once per model in one pass: a stage
 * built `FROM` an earlier stage starts from that stage's facts.
 */
function chainFacts(model: DockerfileModel): ChainFacts[] {
  const cached = CHAIN_FACTS.get(model);
  if (cached) return cached;
  const images = new Map<Stage | null, DockerfileImage>(dockerfileImages(model).map((i) => [i.stage, i]));
  const facts: ChainFacts[] = [];
  for (const stage of model.stages) {
    const parent = stage.baseStage !== null && stage.baseStage < stage.index ? facts[stage.baseStage] : null;
    const base = parent ? parent.base : fromImage(stage, images.get(stage));
    const commands = runCommandWords(model, stage);
    facts.push({
      base,
      windows: (parent ? parent.windows : model.escape === '`' || isWindowsImage(base)) || usesWindowsShellOrUser(stage),
      nodeBuild: commands.find(isNodeBuild) ?? parent?.nodeBuild ?? null,
      javaBuild: commands.find((c) => JAVA_BUILD_TOOLS.has(programName(c[0]))) ?? parent?.javaBuild ?? null,
    });
  }
  CHAIN_FACTS.set(model, facts);
  return facts;
}

function isDevContainer(path: string | undefined): boolean {
  return path !== undefined && path.split(/[\\/]/).includes('.devcontainer');
}

/** The Docker Hub official image a reference names (`python` for `python`, `docker.io/library/python` or a mirror's `…/library/python`). */
export function officialName(ref: ImageRef): string | null {
  return /(?:^|\/)library\/([a-z0-9][a-z0-9._-]*)$/.exec(ref.canonical)?.[1] ?? null;
}

/** The parts of a tag between `-`, `_` and `.`: `debug-nonroot` -> debug, nonroot. */
function tagTokens(ref: ImageRef): string[] {
  return (ref.tag ?? '').toLowerCase().split(/[-_.]/);
}

/** A reference for messages: name and tag, without a digest. */
export function imageLabel(ref: ImageRef): string {
  return ref.tag === null ? ref.name : `${ref.name}:${ref.tag}`;
}

/** Chainguard images run as a non-root user, except these OS bases. */
const CHAINGUARD_ROOT_IMAGES = new Set(['wolfi-base', 'chainguard-base']);

/** Images that set a non-root USER themselves: official `memcached`, Grafana, Jenkins, and the Prometheus images. */
const NON_ROOT_IMAGES = new Set(['library/memcached', 'grafana/grafana', 'grafana/grafana-oss', 'jenkins/jenkins']);
const NON_ROOT_PREFIXES = ['prom/', 'quay.io/prometheus/'];

/**
 * True for base images known to run as a non-root user when the Dockerfile sets no USER:
 * `*:nonroot` and `*-nonroot` tags (distroless), `*-nonroot` and `*-unprivileged` images
 * (`nginxinc/nginx-unprivileged`), Chainguard images (`cgr.dev/chainguard/*`, except wolfi-base
 * and chainguard-base), Bitnami images (except `bitnami/minideb`), .NET "chiseled" images, and
 * the images of `NON_ROOT_IMAGES` and `NON_ROOT_PREFIXES`.
 */
export function runsAsNonRoot(ref: ImageRef): boolean {
  const canonical = ref.canonical;
  const last = canonical.split('/').pop() ?? '';
  if (tagTokens(ref).includes('nonroot') || /-(?:nonroot|unprivileged)$/.test(last)) return true;
  if (NON_ROOT_IMAGES.has(canonical) || NON_ROOT_PREFIXES.some((p) => canonical.startsWith(p))) return true;
  if (/^(?:cgr\.dev\/chainguard|chainguard)\//.test(canonical)) return !CHAINGUARD_ROOT_IMAGES.has(last);
  if (canonical.startsWith('bitnami/')) return last !== 'minideb';
  return canonical.startsWith('mcr.microsoft.com/dotnet/') && tagTokens(ref).includes('chiseled');
}

/** Registries whose images run as root unless their tag says otherwise (see `runsAsNonRoot`). */
const ROOT_BY_DEFAULT = ['mcr.microsoft.com/', 'gcr.io/distroless/', 'registry.access.redhat.com/', 'registry.redhat.io/'];

/**
 * True when Kube Ready knows which user the image runs as: official images, and the registries
 * of `ROOT_BY_DEFAULT`. Of another image it only knows what every image does without a USER:
 * run as root.
 */
export function knownUser(ref: ImageRef): boolean {
  return officialName(ref) !== null || ROOT_BY_DEFAULT.some((p) => ref.canonical.startsWith(p));
}

/**
 * Official database images whose entrypoint starts as root only to prepare the data folder, then
 * runs the server as its own user (with gosu or su-exec).
 */
const DROPS_ROOT_AT_START = new Set(['postgres', 'mysql', 'mariadb', 'redis', 'mongo']);

/** True for a base whose entrypoint hands the server to a non-root user by itself. */
export function dropsRootAtStart(ref: ImageRef): boolean {
  const name = officialName(ref);
  return name !== null && DROPS_ROOT_AT_START.has(name);
}

/**
 * For a base that runs as root, what else to use: the image's own non-root user (`node` has
 * uid 1000) or a non-root variant of the image.
 */
export interface NonRootOption {
  /** A user the image already has, for `USER`; null when the image has none. */
  user: string | null;
  /** A variant of the image that runs as non-root, for the message; null when none is known. */
  variant: string | null;
}

/** What Kube Ready knows about running a root base image as non-root. */
export function nonRootOption(ref: ImageRef): NonRootOption {
  const name = officialName(ref);
  if (name === 'node') return { user: '1000', variant: null };
  if (name === 'nginx') return { user: null, variant: 'nginxinc/nginx-unprivileged' };
  if (ref.canonical.startsWith('gcr.io/distroless/')) return { user: null, variant: `${ref.name}:${ref.tag === 'debug' ? 'debug-nonroot' : 'nonroot'}` };
  return { user: null, variant: null };
}

const WINDOWS_SHELLS = /^(?:.*[\\/])?(?:powershell|pwsh|cmd)(?:\.exe)?$/i;
const WINDOWS_USERS = new Set(['containeruser', 'containeradministrator']);

/** A Windows base: `mcr.microsoft.com/windows*`, or a Windows tag (`nanoserver`, `windowsservercore`, `ltsc2022`). */
function isWindowsImage(base: BaseImage): boolean {
  if (base.kind !== 'image') return false;
  const ref = base.image.occurrence.ref;
  return ref.canonical.startsWith('mcr.microsoft.com/windows') || tagTokens(ref).some((t) => t === 'nanoserver' || t === 'windowsservercore' || /^ltsc\d{4}$/.test(t));
}

/** A stage that sets a Windows shell (PowerShell, cmd) or user (ContainerUser, ContainerAdministrator). */
function usesWindowsShellOrUser(stage: Stage): boolean {
  return stage.instructions.some(
    (i) =>
      (i.keyword === 'USER' && WINDOWS_USERS.has((i.args[0]?.value ?? '').toLowerCase())) ||
      (i.keyword === 'SHELL' && WINDOWS_SHELLS.test(i.json?.[0]?.value ?? '')),
  );
}

/** A build toolchain that the final image is built on. */
export interface Toolchain {
  /** The image, as written after substitution, without digest: `golang:1.22`. */
  image: string;
  /** The build command that makes a general image a toolchain (`npm run build`), or null when the image itself is one. */
  step: string | null;
  /** The `kr-dockerfile-*` snippet that shows a multi-stage build for it. */
  snippet: string;
  /** Small images to run what it builds, for messages: `gcr.io/distroless/static-debian12 or alpine`. */
  runtime: string;
}

const NATIVE_RUNTIME = 'gcr.io/distroless/cc-debian12 or debian:bookworm-slim';
const JAVA_RUNTIME = 'a JRE image such as eclipse-temurin:21-jre';

/** Official images that exist to compile software. */
const TOOLCHAIN_IMAGES = new Set(['golang', 'rust', 'gcc', 'maven', 'gradle']);
const DOTNET_SDK = /^mcr\.microsoft\.com\/dotnet\/(?:core\/)?sdk$/;
/** Tools that build a Node.js app whatever their arguments. */
const NODE_BUILD_TOOLS = new Set(['tsc', 'webpack', 'rollup', 'esbuild', 'tsup']);
/** Tools that build a Node.js app with a `build` argument (`vite build`, `next build`). */
const NODE_BUILD_COMMANDS = new Set(['vite', 'next', 'nuxt', 'ng', 'react-scripts', 'astro', 'gatsby', 'parcel']);
const NODE_RUNNERS = new Set(['npx', 'pnpx', 'bunx']);
const JAVA_BUILD_TOOLS = new Set(['mvn', 'mvnw', 'gradle', 'gradlew', 'javac']);

/**
 * The toolchain the final image is built on, when the Dockerfile has no separate runtime stage:
 * no stage outside what the final stage needs is built on something else (a stage such as a
 * `prod` target, selected with `--target`, means the last stage is a dev or test image).
 */
export function finalToolchain(model: DockerfileModel, final: FinalImage): Toolchain | null {
  const facts = chainFacts(model);
  const toolchain = toolchainOf(facts[final.stage.index]);
  if (!toolchain) return null;
  const needed = stageDependencies(model, final.stage);
  return facts.every((f, index) => needed.has(index) || toolchainOf(f)) ? toolchain : null;
}

/** The toolchain a stage's chain runs on, or null: a compiler image, or a Node.js or JDK image that builds. */
export function stageToolchain(model: DockerfileModel, stage: Stage): Toolchain | null {
  return toolchainOf(chainFacts(model)[stage.index]);
}

/** The toolchain the final image's chain runs on: a compiler image, or a Node.js or JDK image used to build. */
export function chainToolchain(model: DockerfileModel, image: FinalImage): Toolchain | null {
  return toolchainOf(chainFacts(model)[image.stage.index]);
}

function toolchainOf(facts: ChainFacts): Toolchain | null {
  if (facts.base.kind !== 'image' || facts.windows) return null;
  const ref = facts.base.image.occurrence.ref;
  const label = imageLabel(ref);
  const name = officialName(ref);
  if (name === 'golang') return { image: label, step: null, snippet: 'kr-dockerfile-go', runtime: 'gcr.io/distroless/static-debian12 or alpine' };
  if (DOTNET_SDK.test(ref.canonical)) {
    return { image: label, step: null, snippet: 'kr-dockerfile-multistage', runtime: 'mcr.microsoft.com/dotnet/aspnet or mcr.microsoft.com/dotnet/runtime' };
  }
  if (name === 'maven' || name === 'gradle') return { image: label, step: null, snippet: 'kr-dockerfile-multistage', runtime: JAVA_RUNTIME };
  if (name !== null && TOOLCHAIN_IMAGES.has(name)) return { image: label, step: null, snippet: 'kr-dockerfile-multistage', runtime: NATIVE_RUNTIME };
  if (name === 'node' && facts.nodeBuild) {
    return { image: label, step: commandLabel(facts.nodeBuild), snippet: 'kr-dockerfile-node', runtime: 'a node -slim image that only installs production dependencies' };
  }
  const jdk = (name === 'openjdk' || name === 'eclipse-temurin') && !tagTokens(ref).includes('jre');
  if (jdk && facts.javaBuild) return { image: label, step: commandLabel(facts.javaBuild), snippet: 'kr-dockerfile-multistage', runtime: JAVA_RUNTIME };
  return null;
}

/** Longest command shown in a message. */
const MAX_COMMAND_LABEL = 40;

/** The words of each command the RUN instructions of a stage run (wrappers such as `sudo` and assignments left out). */
function runCommandWords(model: DockerfileModel, stage: Stage): string[][] {
  const commands: string[][] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'RUN') continue;
    for (const command of instructionCommands(model, instruction)?.commands ?? []) {
      if (command.argv.length > 0) commands.push(command.argv.map((w) => w.value));
    }
  }
  return commands;
}

/** A command for messages, shortened when long. */
function commandLabel(command: readonly string[]): string {
  const text = command.join(' ');
  return text.length <= MAX_COMMAND_LABEL ? text : `${text.slice(0, MAX_COMMAND_LABEL - 1)}…`;
}

/** `npm run build`, `yarn build`, `pnpm run build:prod`, `tsc`, `npx vite build`, ... */
function isNodeBuild(command: readonly string[]): boolean {
  const [program, ...rest] = [programName(command[0]), ...command.slice(1)];
  if (NODE_RUNNERS.has(program)) {
    const tool = rest.findIndex((w) => !w.startsWith('-'));
    return tool >= 0 && isNodeBuild(rest.slice(tool));
  }
  if (NODE_BUILD_TOOLS.has(program)) return true;
  if (NODE_BUILD_COMMANDS.has(program)) return rest.includes('build');
  const script = ['run', 'run-script'].includes(rest[0]) ? rest[1] : program === 'npm' ? undefined : rest[0];
  return ['npm', 'yarn', 'pnpm', 'bun'].includes(program) && script !== undefined && /^build(?::|$)/.test(script);
}

/** A smaller variant of a large base image. */
export interface SmallerVariant {
  /** What to use instead, for the message: `python:3.12-slim`, or advice such as `alpine or a distroless image`. */
  suggestion: string;
  /** Why the image is large, in a few words. */
  why: string;
  /** The new reference for a fix (name and tag), or null when none can be written from the current tag. */
  replacement: { name: string; tag: string } | null;
}

const DEBIAN_CODENAMES = new Set(['jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'forky']);
const FULL_DEBIAN = 'is the full Debian-based image, with compilers and tools the app does not need to run';

/**
 * The smaller variant of a large official base image, or null when the image is already small
 * (`slim`, `alpine`, `jre`), unknown, or not a large one.
 */
export function smallerVariant(ref: ImageRef): SmallerVariant | null {
  const name = officialName(ref);
  const tag = ref.tag && ref.tag !== 'latest' ? ref.tag : null;
  const tokens = tagTokens(ref);
  if (!name || tokens.some((t) => t === 'nanoserver' || t === 'windowsservercore')) return null;
  // A JDK stays a JDK in its slim and Alpine builds; only a JRE is small.
  if (name === 'openjdk' || name === 'eclipse-temurin') return tokens.includes('jre') ? null : jdkVariant(ref, tag, name === 'openjdk');
  if (tokens.some((t) => t === 'slim' || t.startsWith('alpine'))) return null;
  switch (name) {
    case 'python':
    case 'ruby':
    case 'perl':
      return debianVariant(ref, name, slimBeforeCodename(tag));
    case 'node':
      return debianVariant(ref, name, slimLast(tag));
    case 'debian':
      return debianBase(ref, tag);
    case 'ubuntu':
    case 'centos':
      return { suggestion: 'alpine, a distroless image, or scratch for a static binary', why: 'is a full operating system image', replacement: null };
    case 'fedora':
      return { suggestion: 'registry.fedoraproject.org/fedora-minimal, alpine, or a distroless image', why: 'is a full operating system image', replacement: null };
    case 'php':
      return phpVariant(ref, tag);
    default:
      return null;
  }
}

/** `3.12` -> `3.12-slim`, `3.12-bookworm` -> `3.12-slim-bookworm` (python, ruby and perl put `slim` before the codename). */
function slimBeforeCodename(tag: string | null): string | null {
  const match = tag ? /^(\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:-rc)?)(?:-([a-z]+))?$/.exec(tag) : null;
  if (!match) return null;
  const [, version, codename] = match;
  if (codename === undefined) return `${version}-slim`;
  return DEBIAN_CODENAMES.has(codename) ? `${version}-slim-${codename}` : null;
}

/** `20` -> `20-slim`, `lts` -> `lts-slim`, `20-bookworm` -> `20-bookworm-slim` (node puts `slim` last). */
function slimLast(tag: string | null): string | null {
  const match = tag ? /^(?:\d+(?:\.\d+)*|[a-z]+)(?:-([a-z]+))?$/.exec(tag) : null;
  if (!match) return null;
  return match[1] === undefined || DEBIAN_CODENAMES.has(match[1]) ? `${tag}-slim` : null;
}

function debianVariant(ref: ImageRef, name: string, slimTag: string | null): SmallerVariant {
  return {
    suggestion: slimTag ? `${ref.name}:${slimTag}` : `${name}:<version>-slim`,
    why: FULL_DEBIAN,
    replacement: slimTag ? { name: ref.name, tag: slimTag } : null,
  };
}

/** `debian:bookworm` -> `debian:bookworm-slim`, `debian:12` -> `debian:12-slim`. */
function debianBase(ref: ImageRef, tag: string | null): SmallerVariant {
  const slimTag = tag && /^(?:\d+(?:\.\d+)*|[a-z]+)(?:-\d{8})?$/.test(tag) && !['experimental', 'rc'].includes(tag) ? `${tag}-slim` : null;
  return {
    suggestion: slimTag ? `${ref.name}:${slimTag}` : 'debian:<release>-slim',
    why: 'is the full Debian image, with documentation and tools the app does not need to run',
    replacement: slimTag ? { name: ref.name, tag: slimTag } : null,
  };
}

/** `php:8.3` -> `php:8.3-alpine`, `php:8.3-fpm` -> `php:8.3-fpm-alpine` (the Apache variants have no Alpine build). */
function phpVariant(ref: ImageRef, tag: string | null): SmallerVariant {
  const match = tag ? /^(\d+(?:\.\d+)*(?:-rc)?)(?:-(cli|fpm|zts))?$/.exec(tag) : null;
  const alpineTag = match ? `${tag}-alpine` : null;
  return {
    suggestion: alpineTag ? `${ref.name}:${alpineTag}` : 'php:<version>-fpm-alpine',
    why: FULL_DEBIAN,
    replacement: alpineTag ? { name: ref.name, tag: alpineTag } : null,
  };
}

/**
 * A JRE instead of a JDK: `eclipse-temurin:21` or `21-jdk` -> `21-jre`, `21-jdk-jammy` ->
 * `21-jre-jammy`, `21-alpine` -> `21-jre-alpine`. The deprecated `openjdk` images become
 * `eclipse-temurin:<major>-jre`.
 */
function jdkVariant(ref: ImageRef, tag: string | null, openjdk: boolean): SmallerVariant {
  const why = 'ships the whole JDK, compiler included, where running the app needs only a JRE';
  const major = tag ? /^(\d+)(?:[._-]|$)/.exec(tag)?.[1] : undefined;
  if (openjdk) {
    const replacement = major ? { name: 'eclipse-temurin', tag: `${major}-jre` } : null;
    return { suggestion: replacement ? `eclipse-temurin:${replacement.tag}` : 'eclipse-temurin:<version>-jre', why, replacement };
  }
  let jreTag: string | null = null;
  if (tag && major) {
    const parts = tag.split('-');
    const jdk = parts.indexOf('jdk');
    if (jdk >= 0) parts[jdk] = 'jre';
    else parts.splice(1, 0, 'jre');
    jreTag = parts.join('-');
  }
  return {
    suggestion: jreTag ? `${ref.name}:${jreTag}` : `${ref.name}:<version>-jre`,
    why,
    replacement: jreTag ? { name: ref.name, tag: jreTag } : null,
  };
}
