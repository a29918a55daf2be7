#!/usr/bin/env node
/**
 * Starts yaml-language-server (the devDependency) over stdio for the benchmarks, with two changes
 * made from outside, before it loads:
 * - its 200 ms validation delay (`validationDelayMs`, not a setting) is 0 when
 *   BENCH_NO_DELAY=1, so that both servers are timed without debounce;
 * - a network guard: any outgoing connection or DNS look-up is refused and reported on stderr as
 *   `BENCH-NETWORK-ATTEMPT <host>`. The benchmark fails when one appears, which is how it shows
 *   that the Kubernetes schema really comes from the local file and nothing is downloaded.
 */
'use strict';
const dns = require('node:dns');
const net = require('node:net');

function refuse(host) {
  process.stderr.write(`BENCH-NETWORK-ATTEMPT ${host}\n`);
  return new Error(`bench: network access refused (${host})`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  if (options && options.path !== undefined) return connect.apply(this, args); // a local pipe, not the network
  const host = `${options?.host ?? 'localhost'}:${options?.port}`;
  const error = refuse(host);
  process.nextTick(() => this.destroy(error));
  return this;
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function guardedLookup(host, ...rest) {
    const callback = rest.find((a) => typeof a === 'function');
    const error = refuse(host);
    if (callback) process.nextTick(() => callback(error));
    else return original.call(dns, host, ...rest);
  };
}

if (process.env.BENCH_NO_DELAY === '1') {
  const { SettingsState } = require('yaml-language-server/out/server/src/yamlSettings');
  // The constructor assigns `this.validationDelayMs = 200`: an accessor on the prototype takes it.
  Object.defineProperty(SettingsState.prototype, 'validationDelayMs', { get: () => 0, set: () => undefined, configurable: true });
  if (new SettingsState().validationDelayMs !== 0) {
    process.stderr.write('bench: could not remove the validation delay of yaml-language-server\n');
    process.exit(1);
  }
}
process.env.YAML_LANGUAGE_SERVER_VERSION = require('yaml-language-server/package.json').version;
require('yaml-language-server/out/server/src/server.js');
