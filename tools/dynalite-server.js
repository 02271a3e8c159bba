#!/usr/bin/env node
// Starts dynalite on loopback and prints one line, "listening <port>", once it accepts connections.
// Port 0 (the default) lets the OS choose a free port, so callers never race for a fixed one.
// With --exit-with-stdin the server stops when its parent closes stdin, which also happens when the
// parent dies: no dynalite outlives the JVM or script that started it.
'use strict'
const argv = require('minimist')(process.argv.slice(2), {
  string: ['path', 'host'],
  boolean: ['exit-with-stdin'],
  default: { host: '127.0.0.1', port: 0, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }
})
const dynalite = require('dynalite')

const options = {
  createTableMs: Number(argv.createTableMs),
  deleteTableMs: Number(argv.deleteTableMs),
  updateTableMs: Number(argv.updateTableMs)
}
if (argv.path) options.path = argv.path

const server = dynalite(options)
server.on('error', (err) => {
  console.error('dynalite failed: ' + err.message)
  process.exit(1)
})
server.listen(Number(argv.port), argv.host, () => {
  console.log('listening ' + server.address().port)
})

function stop () {
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
if (argv['exit-with-stdin']) {
  process.stdin.on('end', stop)
  process.stdin.on('error', stop)
  process.stdin.resume()
}
