import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/dockerfile/parser';
import { baseChain, finalStage, fromImage, stageDependencies } from '../../server/src/dockerfile/stage-graph';
import { createdUsers, isRootUser, lastUser } from '../../server/src/dockerfile/users';

/** The users the whole file creates, as `name` or `name:uid`. */
function users(text: string): string[] {
  const model = parseDockerfile(text);
  return createdUsers(model, model.stages).map((u) => (u.uid === null ? u.name : `${u.name}:${u.uid}`));
}

test('createdUsers reads the login name and the uid of useradd and adduser, whatever the option style', () => {
  assert.deepEqual(users('FROM debian:12-slim\nRUN useradd -r -u 1001 -g users app\n'), ['app:1001']);
  assert.deepEqual(users('FROM debian:12-slim\nRUN useradd --uid=10001 --create-home --shell /bin/bash web\n'), ['web:10001']);
  assert.deepEqual(users('FROM debian:12-slim\nRUN useradd -ms /bin/bash -u1002 dev\n'), ['dev:1002']);
  assert.deepEqual(users('FROM debian:12-slim\nRUN adduser --disabled-password --gecos "" --uid 1003 svc\n'), ['svc:1003']);
  assert.deepEqual(users('FROM alpine:3.20\nRUN addgroup -S app && adduser -S -D -H -G app -h /app app\n'), ['app']);
  assert.deepEqual(users('FROM alpine:3.20\nRUN ["/usr/sbin/adduser", "-D", "-u", "1004", "worker"]\n'), ['worker:1004']);
  assert.deepEqual(users('FROM debian:12-slim\nRUN <<EOF\nset -e\nsudo useradd -u 1005 ops\nEOF\n'), ['ops:1005']);
});

test('createdUsers skips what is not a new literal user', () => {
  assert.deepEqual(users('FROM debian:12-slim\nRUN useradd -u 1001 "$APP_USER"\n'), []);
  assert.deepEqual(users('FROM debian:12-slim\nRUN useradd --help\nRUN echo useradd app\n'), []);
  assert.deepEqual(users('FROM debian:12-slim\nCMD useradd app\n'), []);
  assert.deepEqual(users('FROM debian:12-slim\nRUN useradd -u abc app\n'), ['app']);
});

test('lastUser follows FROM <stage> but not unrelated stages; isRootUser looks at the user part only', () => {
  const model = parseDockerfile('FROM a:1 AS one\nUSER 1000\nFROM b:1 AS two\nUSER root:root\nFROM one\nCOPY x /x\n');
  const final = finalStage(model);
  assert.ok(final);
  const chain = baseChain(model, final);
  assert.deepEqual(chain.map((s) => s.index), [2, 0]);
  assert.equal(lastUser(chain)?.user, '1000');
  assert.equal(lastUser([model.stages[1]])?.word.value, 'root:root');
  assert.equal(lastUser([model.stages[1]])?.user, 'root');
  assert.deepEqual(['root', '0', '000', 'app', '1000', 'Root', ''].map(isRootUser), [true, true, true, false, false, false, false]);
});

test('stageDependencies follows FROM, COPY --from (by name or index) and RUN --mount from=', () => {
  const model = parseDockerfile(
    'FROM a:1 AS deps\nFROM b:1 AS tools\nFROM c:1 AS unused\nFROM deps AS build\nRUN --mount=type=cache,from=tools,target=/t make\nFROM d:1\nCOPY --from=build /out /out\nCOPY --from=0 /x /x\n',
  );
  const final = finalStage(model);
  assert.ok(final);
  assert.deepEqual([...stageDependencies(model, final)].sort(), [0, 1, 3, 4]);
});

test('fromImage tells scratch, images and unresolved references apart', () => {
  const model = parseDockerfile('ARG BASE\nFROM scratch\nFROM $BASE\n');
  assert.deepEqual(fromImage(model.stages[0], undefined), { kind: 'scratch' });
  assert.deepEqual(fromImage(model.stages[1], undefined), { kind: 'unknown' });
});
