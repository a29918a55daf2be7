/** Documents the protocol tests open. Line and column comments are 0-based, as in LSP. */

/**
 * `latest` is at line 0, characters 12-18: the only finding (a small base, a non-root user).
 */
export const DOCKERFILE_LATEST = 'FROM alpine:latest\nUSER 10001\n';

/**
 * A Deployment (with resources) and two LoadBalancer Services:
 * - container name `web`: line 15, characters 16-19 (both probe rules);
 * - `nginx` (untagged): line 16, characters 17-22;
 * - `"s3cr3t-Value"`: line 21, characters 21-35;
 * - `LoadBalancer` of Service web: line 34, characters 8-20; of Service api: line 46, characters 8-20.
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
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
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
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
`;

/**
 * Three documents, the second broken:
 * - `LoadBalancer`: line 5, characters 8-20;
 * - the syntax error lies in lines 9-13 (the broken Deployment);
 * - `Pod` (no controller): line 16, characters 6-9;
 * - container `c` of the Pod: line 21, characters 12-13 (both probe rules and missing-resources).
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

/** A Deployment whose pods (app: shop, tier: web) declare the port http (8080), for the checks across files. */
export const SHOP_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
        tier: web
    spec:
      containers:
        - name: shop
          image: shop:1.4.2
          ports:
            - name: http
              containerPort: 8080
`;

/** A Service selecting the shop pods, whose targetPort `web` none of them declares. */
export const SHOP_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
    tier: web
  ports:
    - port: 80
      targetPort: web
`;
