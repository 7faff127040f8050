#!/usr/bin/env node
// The Node counterpart of `microcred serve` for bench/compare-node-server.sh: a minimal
// node:http server that answers POST /credentials/verify ({"verifiableCredential": ...})
// with @digitalbazaar/vc verifyCredential (every suite, the offline loader of vc-stack.mjs:
// embedded contexts, did:key resolved locally), plus GET /healthz and GET /stats.
//
//   node bench/node/verify-server.mjs PORT [--workers N]     (default 1 process)
//
// --workers N forks N processes sharing the port (node:cluster); GET /stats counts per
// process, so the benchmark reads it only with one worker.
import cluster from 'node:cluster';
import http from 'node:http';

import {node_error, node_verify, vc_document_loader, verify_suites} from './vc-stack.mjs';

const max_body_bytes = 2 * 1024 * 1024;

function parse_args(argv) {
  const options = {port: Number(argv[0]), workers: 1};
  for (let i = 1; i < argv.length; ++i) {
    if (argv[i] === '--workers') options.workers = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!(options.port > 0) || !(options.workers >= 1)) {
    throw new Error('usage: verify-server.mjs PORT [--workers N]');
  }
  return options;
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)});
  res.end(text);
}

async function serve(port) {
  const loader = await vc_document_loader();
  const suites = verify_suites();
  const stats = {verified: 0, not_verified: 0, error: 0};
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') return send(res, 200, {status: 'ok'});
    if (req.method === 'GET' && req.url === '/stats') return send(res, 200, stats);
    if (req.url !== '/credentials/verify') return send(res, 404, {error: {code: 'not_found'}});
    if (req.method !== 'POST') return send(res, 405, {error: {code: 'method_not_allowed'}});
    const chunks = [];
    let size = 0;
    req.on('data', chunk => {
      size += chunk.length;
      if (size > max_body_bytes) {
        send(res, 413, {error: {code: 'payload_too_large'}});
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', async () => {
      let request;
      try {
        request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        ++stats.error;
        return send(res, 400, {error: {code: 'parse_error', message: error.message}});
      }
      try {
        const result = await node_verify(request.verifiableCredential, {loader, suite: suites});
        ++stats[result.verified ? 'verified' : 'not_verified'];
        send(res, 200, {verified: result.verified, errors: result.verified ? [] : [node_error(result)]});
      } catch (error) {
        ++stats.error;
        send(res, 400, {error: {code: 'invalid_argument', message: error.message}});
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1');
}

const options = parse_args(process.argv.slice(2));
if (options.workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < options.workers; ++i) cluster.fork();
} else {
  serve(options.port).catch(error => {
    console.error(`verify-server.mjs: ${error.message}`);
    process.exit(2);
  });
}
