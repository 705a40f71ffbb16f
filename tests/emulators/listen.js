#!/usr/bin/env node
// Serves one of the pinned npm emulators on the loopback address only, on a
// port the kernel picks (no race for a free port), and prints
// "listening on http://127.0.0.1:PORT" once it accepts connections.
// Their own cli.js cannot do this: kinesalite's binds every interface and
// neither reports a port it did not choose itself.
//   node listen.js kinesalite|dynalite [PORT]
'use strict'
const name = process.argv[2]
const port = Number(process.argv[3] || 0)
if (name !== 'kinesalite' && name !== 'dynalite') {
  console.error('usage: node listen.js kinesalite|dynalite [PORT]')
  process.exit(2)
}
// Their own defaults otherwise (in-memory store; CREATING/DELETING/UPDATING
// last 500 ms), as their cli.js gives without flags.
const server = require(name)({})
server.on('error', (err) => { console.error(`${name}: ${err.message}`); process.exit(1) })
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`)
})
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0))
