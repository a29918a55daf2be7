/** Generated inputs shared by the benchmarks. */
'use strict';

/**
 * `pairs` Deployments (probes, resources, a named port) and as many Services: 41 pairs make the
 * 2,000-line file of the yaml-language-server comparison in ../shared/notes.
 */
function manifest(pairs) {
  const docs = [];
  for (let i = 0; i < pairs; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.${i}.0
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: MODE
              value: production
          readinessProbe:
            httpGet:
              path: /health
              port: http
          livenessProbe:
            httpGet:
              path: /health
              port: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector:
    app: app-${i}
  ports:
    - port: 80
      targetPort: http`);
  }
  return docs.join('\n---\n') + '\n';
}

module.exports = { manifest };
