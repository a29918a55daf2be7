/**
 * `large-base-image`: the final stage builds on a full OS or language image where a smaller
 * variant exists (`python:3.12` -> `python:3.12-slim`, a JDK -> a JRE, `ubuntu` -> alpine), unless
 * the `allowedImages` option lists the image.
 */
import { ruleOptions } from '../config/options';
import { instructionCommands, programName } from '../dockerfile/commands';
import type { DockerfileImage } from '../dockerfile/images';
import type { DockerfileModel, Stage } from '../dockerfile/model';
import type { Fix, RelatedLocation } from '../findings';
import type { ImageRef } from '../image';
import { chainToolchain, finalImage, imageLabel, officialName, smallerVariant } from './base-images';
import type { FinalImage, SmallerVariant } from './base-images';
import type { Rule } from './rule';

export const largeBaseImage: Rule = {
  meta: {
    id: 'large-base-image',
    title: 'Large base image',
    description: 'The final stage builds on a full OS or language image where a slim, Alpine, JRE or distroless variant would do.',
    defaultSeverity: 'info',
    appliesTo: ['dockerfile'],
    fix: 'unsafe',
  },
  checkDockerfile(context) {
    const image = finalImage(context);
    // A toolchain in the final stage is single-stage-build's finding: a slimmer toolchain is not the answer.
    if (!image || image.windows || image.base.kind !== 'image' || chainToolchain(context.model, image)) return;
    const base = image.base.image;
    const ref = base.occurrence.ref;
    const variant = ref.tag === null && ref.digest !== null ? null : smallerVariant(ref);
    if (!variant || isAllowed(ref, ruleOptions(context.config.ruleOptions, 'large-base-image').allowedImages)) return;
    const digestNote = ref.digest ? ' The digest pins this variant: pin the smaller one by its own digest.' : '';
    // Alpine has no apt: a swap would break every apt-get the image runs.
    const aptOnAlpine = /alpine/.test(variant.suggestion) && runsApt(context.model, image.chain);
    const aptNote = aptOnAlpine ? ' Alpine installs packages with apk, not apt-get: rewrite the installs as you switch.' : '';
    const fix = ref.digest || aptOnAlpine ? null : variantFix(base, variant);
    context.report({
      ...base.occurrence.range,
      message: `${imageLabel(ref)} ${variant.why}. Use a smaller base such as ${variant.suggestion}: it pulls faster, starts sooner and gives attackers less to work with.${digestNote}${aptNote}`,
      fixes: fix ? [fix] : [],
      related: finalStageLocation(image, base),
    });
  },
};

/**
 * True when an `allowedImages` entry names the image: `python` (any tag), `python:3.12`,
 * `node:20*`, `registry.example.com/base/*`. A Docker Hub image matches by its short name
 * (`python`), its path (`library/python`) or in full (`docker.io/library/python`).
 */
function isAllowed(ref: ImageRef, entries: readonly string[]): boolean {
  const official = officialName(ref);
  const names = [ref.name.toLowerCase(), ref.canonical, `docker.io/${ref.canonical}`, ...(official ? [official] : [])];
  return entries.some((entry) => {
    const slash = entry.lastIndexOf('/');
    const colon = entry.indexOf(':', slash + 1);
    const name = colon >= 0 ? entry.slice(0, colon) : entry;
    const tag = colon >= 0 ? entry.slice(colon + 1) : null;
    const namePattern = wildcard(name.toLowerCase());
    return names.some((n) => namePattern.test(n)) && (tag === null || wildcard(tag).test(ref.tag ?? 'latest'));
  });
}

/** A pattern where `*` matches any characters, as a whole-text regular expression. */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** True when a RUN of the chain runs apt-get, apt or dpkg. */
function runsApt(model: DockerfileModel, chain: readonly Stage[]): boolean {
  return chain.some((stage) =>
    stage.instructions.some((instruction) =>
      (instructionCommands(model, instruction)?.commands ?? []).some((c) => APT_PROGRAMS.has(programName(c.argv[0]?.value))),
    ),
  );
}

const APT_PROGRAMS = new Set(['apt-get', 'apt', 'dpkg']);

/** When the final stage builds on an earlier stage, where it does so. */
function finalStageLocation(image: FinalImage, base: DockerfileImage): RelatedLocation[] {
  const word = image.stage.image;
  if (base.stage === image.stage || !word) return [];
  return [{ ...word.range, message: 'The final stage builds on it here' }];
}

/**
 * "Use <image>:<tag>": rewrites the reference where FROM writes it; when the tag comes from a
 * variable and the new tag only adds a suffix, appends the suffix after the variable.
 */
function variantFix(base: DockerfileImage, variant: SmallerVariant): Fix | null {
  const { occurrence, instruction } = base;
  const ref = occurrence.ref;
  const replacement = variant.replacement;
  if (!replacement || ref.tag === null) return null;
  const title = `Use ${replacement.name}:${replacement.tag}`;
  const renamed = replacement.name !== ref.name;
  const from = renamed ? 0 : ref.tagStart;
  const written = occurrence.written(from, ref.tagEnd);
  if (written && written.start >= instruction.range.start && written.end <= instruction.range.end) {
    const newText = renamed ? `${replacement.name}:${replacement.tag}` : replacement.tag;
    return { title, safety: 'unsafe', preferred: true, edits: [{ ...written, newText }] };
  }
  const shownEnd = occurrence.shown(ref.tagStart, ref.tagEnd).end;
  if (renamed || !replacement.tag.startsWith(ref.tag) || shownEnd !== occurrence.range.end) return null;
  return { title, safety: 'unsafe', preferred: true, edits: [{ start: shownEnd, end: shownEnd, newText: replacement.tag.slice(ref.tag.length) }] };
}
