/**
 * `unpinned-package`: a package installed without a version by apt, apk, pip, npm or gem. Every
 * stage is checked: what a build stage installs shapes what it hands to the image.
 */
import { instructionCommands } from '../dockerfile/commands';
import type { Word } from '../dockerfile/model';
import { hasOption, packageCommands, type PackageCommand, type PackageManager } from './packages';
import type { DockerfileContext, Rule } from './rule';

export const unpinnedPackage: Rule = {
  meta: {
    id: 'unpinned-package',
    title: 'Package installed without a version',
    description: 'A RUN installs a package without naming its version, so two builds of the same Dockerfile can produce different images.',
    defaultSeverity: 'info',
    appliesTo: ['dockerfile'],
    fix: 'none',
  },
  checkDockerfile: check,
};

/** The install subcommands of each manager. */
const INSTALL_VERBS: Record<PackageManager, ReadonlySet<string>> = {
  apt: new Set(['install']),
  apk: new Set(['add']),
  pip: new Set(['install']),
  npm: new Set(['install', 'i', 'in', 'add', 'isntall']),
  gem: new Set(['install', 'i']),
};

/** Operands that name files or locations rather than registry packages. */
const PATH_LIKE = /^(?:[./~]|\.\.?$)|:\/\//;
const ARCHIVE = /\.(?:deb|apk|whl|zip|tar\.gz|tgz|tar\.bz2|gem)$/i;
/** An npm version or range: `1.2.3`, `v1`, `^1.2`, `~1.2.0`, `>=1 <2`, `=1.0.0`. */
const NPM_VERSION = /^[v=~^<>]*\d/;

function check(context: DockerfileContext): void {
  const model = context.model;
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'RUN') continue;
    for (const install of packageCommands(instructionCommands(model, instruction)?.commands ?? [])) {
      const verb = install.verb?.value;
      if (verb === undefined || !INSTALL_VERBS[install.manager].has(verb) || !installsPackages(install)) continue;
      for (const word of install.operands) {
        if (!isPackageName(install, word) || isPinned(install, word.value)) continue;
        context.report({ ...word.range, message: message(install.manager, packageName(install.manager, word.value)), aspects: [install.manager] });
      }
    }
  }
}

/** apt-cache has no install; `pip install -c constraints.txt` pins every package through the file. */
function installsPackages(install: PackageCommand): boolean {
  if (install.program === 'apt-cache') return false;
  return !(install.manager === 'pip' && hasOption(install, '-c', '--constraint'));
}

/** True when an operand names a package of the manager's registry (not a file, URL, variable or repository). */
function isPackageName(install: PackageCommand, word: Word): boolean {
  const value = word.value;
  if (!value || /[$`]/.test(word.raw) || PATH_LIKE.test(value) || ARCHIVE.test(value)) return false;
  if (install.manager === 'pip') return !value.includes('/') && !value.includes('@');
  if (install.manager === 'npm') return !value.includes(':') && (!value.includes('/') || value.startsWith('@'));
  return true;
}

function isPinned(install: PackageCommand, value: string): boolean {
  switch (install.manager) {
    case 'apt':
      return value.includes('=');
    case 'apk':
      return /[=~<>]/.test(value);
    case 'pip':
      return value.includes('==');
    case 'npm': {
      const at = value.lastIndexOf('@');
      return at > 0 && NPM_VERSION.test(value.slice(at + 1));
    }
    case 'gem':
      return hasOption(install, '-v', '--version') || /:[^:]/.test(value);
  }
}

/** The package's name without a release, tag or range (`pkg/bookworm`, `pkg@edge`, `flask>=2`, `lodash@latest`). */
function packageName(manager: PackageManager, value: string): string {
  switch (manager) {
    case 'apt':
      return value.split('/')[0];
    case 'apk':
      return value.split('@')[0];
    case 'pip':
      return value.split(/[<>=!~;\s]/)[0];
    case 'npm': {
      const at = value.lastIndexOf('@');
      return at > 0 ? value.slice(0, at) : value;
    }
    case 'gem':
      return value;
  }
}

function message(manager: PackageManager, name: string): string {
  const drift = `${name} has no pinned version: each build installs whatever is newest that day, so two builds can differ.`;
  switch (manager) {
    case 'apt':
      return `${drift} Pinning (${name}=<version>) makes builds repeatable, but Debian and Ubuntu drop old versions from their archives, which then breaks the build: pin only if you will keep the pins up to date.`;
    case 'apk':
      return `${drift} Pinning (${name}=<version>) makes builds repeatable, but Alpine drops old versions from its repositories, which then breaks the build: pin only if you will keep the pins up to date.`;
    case 'pip':
      return `${drift} Pin it (${name}==<version>), or install from a requirements file with pinned versions.`;
    case 'npm':
      return `${drift} Pin it (${name}@<version>), or install from package.json with a lockfile (npm ci).`;
    case 'gem':
      return `${drift} Pin it (${name}:<version>, or -v <version>).`;
  }
}
