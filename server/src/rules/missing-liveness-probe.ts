import { probeRule } from './probes';

export const missingLivenessProbe = probeRule({
  id: 'missing-liveness-probe',
  key: 'livenessProbe',
  title: 'Container without a liveness probe',
  description: 'A long-running container has no liveness probe, so Kubernetes cannot restart it when the app hangs.',
  why: 'if the app hangs, Kubernetes keeps the stuck container instead of restarting it. Add a livenessProbe on a health endpoint.',
});
