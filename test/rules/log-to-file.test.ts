import { logToFile } from '../../server/src/rules/log-to-file';
import { ruleTester } from '../helpers/rule-tester';

const LOST = 'a file inside the container: kubectl logs cannot show it, and it is lost when the container is replaced';
const IGNORE = ['Ignore log-to-file here'];

ruleTester(logToFile, {
  valid: [
    {
      name: 'output left on the streams, copied to them, or thrown away',
      path: 'Dockerfile',
      code: [
        'FROM python:3.12-slim',
        'CMD gunicorn --access-logfile - --error-logfile=/dev/stderr app:app 2>&1 > /dev/stdout',
        'ENTRYPOINT ["sh", "-c", "exec app >>/proc/self/fd/1 2>/dev/null"]',
        '',
      ].join('\n'),
    },
    {
      name: 'setup steps that write files before the app starts; reading a log is fine',
      path: 'Dockerfile',
      code: 'FROM nginx:1.27\nCMD envsubst < /etc/nginx/templates/default.conf > /etc/nginx/conf.d/default.conf && exec nginx -g "daemon off;"\nHEALTHCHECK CMD tail -n 1 /var/log/health.log\n',
    },
    {
      name: 'RUN may write build logs; CMD in a stage that does not ship never runs',
      path: 'Dockerfile',
      code: 'FROM golang:1.22 AS build\nRUN go build ./... > /tmp/build.log 2>&1 || (cat /tmp/build.log && false)\nCMD ["app", "--log-file=/var/log/app.log"]\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n',
    },
    {
      name: 'files linked to stdout or stderr, as the official nginx image does',
      path: 'Dockerfile',
      code: 'FROM debian:12\nRUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log\nVOLUME /var/log/nginx\nENV NGINX_LOG_FILE=/var/log/nginx/access.log\nCMD nginx -g "daemon off;" >> /var/log/nginx/access.log\n',
    },
    {
      name: 'the official nginx and php Apache images link their log files to stdout and stderr already',
      path: 'Dockerfile',
      code: 'FROM nginx:1.27-alpine\nCOPY nginx.conf /etc/nginx/nginx.conf\nVOLUME ["/var/log/nginx"]\n',
    },
    {
      name: 'the php Apache variant',
      path: 'Dockerfile',
      code: 'FROM php:8.3-apache-bookworm\nCOPY src/ /var/www/html/\nVOLUME /var/log/apache2\n',
    },
    {
      name: 'variables, other volumes and settings',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nENV LOG_LEVEL=debug LOG_FILE=stdout APP_LOG_PATH=$LOG_DIR/app.log\nVOLUME ["/data", "/catalog"]\nCMD app > "$LOG_FILE" --log-file ${LOG_FILE}\n',
    },
  ],
  invalid: [
    {
      name: 'a shell-form CMD appends its output to a log file; 2>&1 copies a descriptor',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nCMD gunicorn --bind 0.0.0.0:8080 app:app >> /var/log/gunicorn.log 2>&1\n',
      errors: [
        {
          message: `The output of gunicorn goes to /var/log/gunicorn.log, ${LOST}. Log to stdout and stderr instead.`,
          line: 2,
          column: 42,
          endLine: 2,
          endColumn: 66,
          text: '>> /var/log/gunicorn.log',
          fixes: IGNORE,
        },
      ],
    },
    {
      name: 'exec form: log-file options, and the script of sh -c; the last command writes any file',
      path: 'Dockerfile',
      code: [
        'FROM python:3.12-slim',
        'ENTRYPOINT ["gunicorn", "--access-logfile", "/var/log/gunicorn/access.log", "--error-logfile=/app/logs/error.txt", "app:app"]',
        'CMD ["/bin/sh", "-c", "mkdir -p /out && exec python worker.py 2> /out/errors.txt"]',
        '',
      ].join('\n'),
      errors: [
        {
          message: `--access-logfile sends the logs of gunicorn to /var/log/gunicorn/access.log, ${LOST}. Pass - (stdout) instead if the program accepts it, or drop the option.`,
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 75,
          text: '"--access-logfile", "/var/log/gunicorn/access.log"',
          fixes: IGNORE,
        },
        {
          message: `--error-logfile sends the logs of gunicorn to /app/logs/error.txt, ${LOST}. Pass - (stdout) instead if the program accepts it, or drop the option.`,
          line: 2,
          column: 77,
          endLine: 2,
          endColumn: 114,
          text: '"--error-logfile=/app/logs/error.txt"',
          fixes: IGNORE,
        },
        {
          message: `The errors of python go to /out/errors.txt, ${LOST}. Log to stdout and stderr instead.`,
          line: 3,
          column: 63,
          endLine: 3,
          endColumn: 81,
          text: '2> /out/errors.txt',
          fixes: IGNORE,
        },
      ],
    },
    {
      name: 'tee into a log, &> of a setup step into a log, over a continuation',
      path: 'Dockerfile',
      code: 'FROM node:20-slim\nCMD npm run migrate &> migrate.log \\\n && node server.js | tee -a /var/log/app/server.log\n',
      errors: [
        {
          message: `The output and errors of npm go to migrate.log, ${LOST}. Log to stdout and stderr instead.`,
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 35,
          text: '&> migrate.log',
          fixes: IGNORE,
        },
        {
          message: 'tee also copies the output into /var/log/app/server.log, a file that grows inside the container and is lost when the container is replaced; kubectl logs already shows the output. Drop the tee.',
          line: 3,
          column: 29,
          endLine: 3,
          endColumn: 52,
          text: '/var/log/app/server.log',
          fixes: IGNORE,
        },
      ],
    },
    {
      name: 'VOLUME for logs and ENV pointing at a log file, in a base stage the image is built FROM',
      path: 'Dockerfile',
      code: 'FROM ubuntu:24.04 AS base\nVOLUME ["/var/log/apache2", "/srv/data"]\nENV APP_LOG_FILE=/var/www/storage/logs/laravel.log\nFROM base\nVOLUME /app/logs/\n',
      errors: [
        {
          message: 'VOLUME /var/log/apache2 keeps log files: a sign that the app logs to files, which kubectl logs cannot show. Log to stdout and stderr, and let the cluster collect the logs.',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 27,
          text: '"/var/log/apache2"',
          fixes: IGNORE,
        },
        {
          message: `APP_LOG_FILE points the app at the log file /var/www/storage/logs/laravel.log, ${LOST}. Log to stdout and stderr instead.`,
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 51,
          text: '/var/www/storage/logs/laravel.log',
          fixes: IGNORE,
        },
        {
          message: 'VOLUME /app/logs keeps log files: a sign that the app logs to files, which kubectl logs cannot show. Log to stdout and stderr, and let the cluster collect the logs.',
          line: 5,
          column: 8,
          endLine: 5,
          endColumn: 18,
          text: '/app/logs/',
          fixes: IGNORE,
        },
      ],
    },
  ],
});
