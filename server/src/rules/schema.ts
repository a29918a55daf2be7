/**
 * `schema`: a Kubernetes object the API server rejects for its shape: an unknown field (a typo
 * such as `livenesProbe`), a value of the wrong type (`replicas: "3"`, an unquoted number as an
 * env value), a missing required field, or a value outside the allowed ones. Built-in kinds are
 * checked against the Kubernetes schemas; custom resources against the schemas the
 * configuration names.
 */
import { schemaProblems } from '../schema/validate';
import type { Rule } from './rule';

export const schema: Rule = {
  meta: {
    id: 'schema',
    title: 'Object the API server rejects',
    description: 'An unknown field, a value of the wrong type, a missing required field or a value that is not allowed: kubectl apply fails.',
    defaultSeverity: 'error',
    appliesTo: ['kubernetes'],
    fix: 'unsafe',
  },
  checkKubernetes(context) {
    const problems = schemaProblems(context.model, { path: context.path, isPatch: context.isPatch, userSchemas: context.config.schemas ?? [] });
    for (const problem of problems) context.report(problem);
  },
};
