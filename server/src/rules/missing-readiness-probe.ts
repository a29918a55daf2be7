import { probeRule } from './probes';

export const missingReadinessProbe = probeRule({
  id: 'missing-readiness-probe',
  key: 'readinessProbe',
  title: 'Container without a readiness probe',
  description: 'A long-running container has no readiness probe, so it receives traffic before it can serve it.',
  why: 'Services send it traffic as soon as it starts, before the app is ready, and during overloads. Add a readinessProbe on a health endpoint.',
});
