'use strict';
// The slice of undici the extension uses, for the bundle only (esbuild maps `undici` here).
// The full package entry pulls in fetch, WebSocket, EventSource, caching, mocks and a second copy
// of the llhttp WebAssembly (~480 KB minified); the extension needs an Agent (direct or through a
// proxy), `request` and the error classes. Unit tests import the real `undici` package, which has the same API for these.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const Agent = require('undici/lib/dispatcher/agent');
const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent');
const errors = require('undici/lib/core/errors');

// What undici's own index does for the `request` method; the other api methods are left out.
Dispatcher.prototype.request = require('undici/lib/api/api-request');

module.exports = { Dispatcher, Agent, EnvHttpProxyAgent, errors };
