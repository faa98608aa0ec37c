// Loaded with `node --import ./scripts/deny-network.mjs` (or NODE_OPTIONS) by the offline test: every way
// Node can reach the network (TCP/TLS connect, DNS, UDP, fetch, http/https) throws, and each attempt is
// appended to the file named by CLAIMDESK_NETLOG with a stack, so the test can say which code path tried.
// Local IPC over a Unix socket or named pipe is not network and is allowed.
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const LOG = process.env.CLAIMDESK_NETLOG;

function denied(what, detail) {
  const line = JSON.stringify({
    what,
    detail: String(detail ?? ''),
    pid: process.pid,
    stack: new Error().stack?.split('\n').slice(2, 8),
  });
  if (LOG) appendFileSync(LOG, `${line}\n`);
  const err = new Error(`network access denied by the offline test: ${what} ${detail ?? ''}`);
  err.code = 'ENETUNREACH';
  return err;
}

function isLocalPipe(args) {
  const first = args[0];
  if (typeof first === 'string' && !/^\d+$/.test(first)) return true;
  if (Array.isArray(first)) return isLocalPipe(first);
  return typeof first === 'object' && first !== null && typeof first.path === 'string';
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  if (isLocalPipe(args)) return originalConnect.apply(this, args);
  // net.connect() passes its normalised [options, callback] pair as the first argument.
  const opts = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target =
    typeof opts === 'object' && opts !== null
      ? `${opts.host ?? 'localhost'}:${opts.port ?? ''}`
      : args.join(':');
  throw denied('net.connect', target);
};
tls.connect = (...args) => {
  throw denied('tls.connect', JSON.stringify(args[0] ?? ''));
};
for (const name of [
  'lookup',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveSrv',
  'resolveTxt',
  'reverse',
  'lookupService',
]) {
  if (typeof dns[name] === 'function') {
    dns[name] = (host) => {
      throw denied(`dns.${name}`, host);
    };
  }
  if (typeof dns.promises?.[name] === 'function') {
    dns.promises[name] = async (host) => {
      throw denied(`dns.promises.${name}`, host);
    };
  }
}
dgram.createSocket = (...args) => {
  throw denied('dgram.createSocket', JSON.stringify(args[0] ?? ''));
};
for (const [mod, label] of [
  [http, 'http'],
  [https, 'https'],
]) {
  mod.request = (...args) => {
    throw denied(
      `${label}.request`,
      typeof args[0] === 'string' ? args[0] : (args[0]?.href ?? args[0]?.host ?? ''),
    );
  };
  mod.get = mod.request;
}
globalThis.fetch = async (input) => {
  throw denied('fetch', typeof input === 'string' ? input : (input?.url ?? String(input)));
};
if (typeof globalThis.WebSocket === 'function') {
  globalThis.WebSocket = class {
    constructor(url) {
      throw denied('WebSocket', url);
    }
  };
}

// `import { lookup } from 'node:dns'` elsewhere reads the ESM export, which only follows these patches after a sync.
(await import('node:module')).syncBuiltinESMExports();
