'use strict';
const { randomUUID } = require('node:crypto');

/** autocannon's setupRequest, loaded in its worker thread: a new Idempotency-Key for each request. */
module.exports = (request) => ({
  ...request,
  headers: { ...request.headers, 'idempotency-key': randomUUID() },
});
