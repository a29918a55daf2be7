import { addInsteadOfCopy } from '../../server/src/rules/add-instead-of-copy';
import { ruleTester } from '../helpers/rule-tester';

const MESSAGE = 'ADD copies local files here, as COPY would, but it also downloads URLs and unpacks archives, so a reader must check which it does. Use COPY for plain files.';
const FIXES = ['Use COPY', 'Ignore add-instead-of-copy here'];

ruleTester(addInsteadOfCopy, {
  valid: [
    { name: 'COPY', path: 'Dockerfile', code: 'FROM alpine:3.20\nCOPY app.py /app/\n' },
    { name: 'a URL', path: 'Dockerfile', code: 'FROM alpine:3.20\nADD https://example.com/tool-1.2.bin /usr/local/bin/tool\n' },
    { name: 'a URL with a checksum', path: 'Dockerfile', code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a /a\n' },
    { name: 'a Git repository over HTTPS', path: 'Dockerfile', code: 'FROM alpine:3.20\nADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14.0 /src\n' },
    { name: 'a Git repository over SSH', path: 'Dockerfile', code: 'FROM alpine:3.20\nADD git@github.com:example/private.git /src\n' },
    { name: 'a local tar archive, unpacked', path: 'Dockerfile', code: 'FROM debian:12-slim\nADD rootfs.tar.xz /\nADD vendor.tgz /opt/\nADD ["data.tar", "/data/"]\n' },
    { name: 'a plain file next to an archive', path: 'Dockerfile', code: 'FROM alpine:3.20\nADD config.yaml release.tar.gz /opt/app/\n' },
    { name: 'a source from a variable may be a URL', path: 'Dockerfile', code: 'FROM alpine:3.20\nARG SOURCE=https://example.com/a\nADD ${SOURCE} /a\n' },
    { name: 'ADD --unpack is ADD-only', path: 'Dockerfile', code: 'FROM alpine:3.20\nADD --unpack=false bundle.bin /opt/\n' },
    { name: 'no destination: the builder reports it', path: 'Dockerfile', code: 'FROM alpine:3.20\nADD app.py\n' },
  ],
  invalid: [
    {
      name: 'every spelling of the keyword; flags COPY accepts; one pass fixes all',
      path: 'Dockerfile',
      code: 'FROM alpine:3.20\nADD app.py /app/\nadd --chown=app:app --chmod=644 --link config/ /etc/app/\nAdd ["with space.txt", "/data/"]\n',
      errors: [
        { message: MESSAGE, line: 2, column: 1, endLine: 2, endColumn: 4, text: 'ADD', fixes: FIXES },
        { message: MESSAGE, line: 3, column: 1, endLine: 3, endColumn: 4, text: 'add', fixes: FIXES },
        { message: MESSAGE, line: 4, column: 1, endLine: 4, endColumn: 4, text: 'Add', fixes: FIXES },
      ],
      output: 'FROM alpine:3.20\nCOPY app.py /app/\ncopy --chown=app:app --chmod=644 --link config/ /etc/app/\nCopy ["with space.txt", "/data/"]\n',
    },
    {
      name: 'a zip file is not unpacked by ADD',
      path: 'Dockerfile',
      code: 'FROM eclipse-temurin:21-jre\nADD build/app.zip /opt/\n',
      errors: [{ message: MESSAGE, line: 2, column: 1, endLine: 2, endColumn: 4, text: 'ADD', fixes: FIXES }],
      output: 'FROM eclipse-temurin:21-jre\nCOPY build/app.zip /opt/\n',
    },
    {
      name: 'inside ONBUILD, and a heredoc source',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nONBUILD ADD requirements.txt /app/\nADD <<EOF /etc/app.conf\nport=8080\nEOF\n',
      errors: [
        { message: MESSAGE, line: 2, column: 9, endLine: 2, endColumn: 12, text: 'ADD', fixes: FIXES },
        { message: MESSAGE, line: 3, column: 1, endLine: 3, endColumn: 4, text: 'ADD', fixes: FIXES },
      ],
      output: 'FROM python:3.12-slim\nONBUILD COPY requirements.txt /app/\nCOPY <<EOF /etc/app.conf\nport=8080\nEOF\n',
      fixed: {
        'Ignore add-instead-of-copy here': 'FROM python:3.12-slim\n# kubeready-ignore add-instead-of-copy\nONBUILD ADD requirements.txt /app/\nADD <<EOF /etc/app.conf\nport=8080\nEOF\n',
      },
    },
  ],
});
