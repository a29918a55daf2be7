/** Documents the protocol tests open. Line and column comments are 0-based, as in LSP. */

/** `latest` is at line 0, characters 12-18. */
export const DOCKERFILE_LATEST = 'FROM python:latest\n';

/**
 * A Deployment and two LoadBalancer Services:
 * - container name `web`: line 15, characters 16-19 (both probe rules);
 * - `nginx` (untagged): line 16, characters 17-22;
 * - `"s3cr3t-Value"`: line 21, characters 21-35;
 * - `LoadBalancer` of Service web: line 28, characters 8-20; of Service api: line 40, characters 8-20.
 */
export const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - containerPort: 8080
          env:
            - name: DB_PASSWORD
              value: "s3cr3t-Value"
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: LoadBalancer
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: LoadBalancer
  selector:
    app: web
  ports:
    - port: 81
      targetPort: 8080
`;

/** The secret value in `MANIFEST`, which no message or log may contain. */
export const SECRET_VALUE = 's3cr3t-Value';

/** A Deployment with nothing to report. */
export const CLEAN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
          ports:
            - containerPort: 8080
          livenessProbe:
            httpGet:
              path: /health
              port: 8080
          readinessProbe:
            httpGet:
              path: /health
              port: 8080
`;

/**
 * Three documents, the second broken:
 * - `LoadBalancer`: line 5, characters 8-20;
 * - the syntax error lies in lines 9-13 (the broken Deployment);
 * - container `c` of the Pod: line 21, characters 12-13 (both probe rules).
 */
export const BROKEN_AMONG_GOOD = `apiVersion: v1
kind: Service
metadata:
  name: a
spec:
  type: LoadBalancer
  ports:
    - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
  labels: {app: [web
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: redis:7.2
`;
