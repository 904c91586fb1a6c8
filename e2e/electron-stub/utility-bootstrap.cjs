// Runs in the child the stub's utilityProcess.fork starts: gives it Electron's process.parentPort (messages arrive
// as { data }, replies go through postMessage) over the Node IPC channel, then loads the module. Test-only.
const { EventEmitter } = require('node:events')

const parentPort = Object.assign(new EventEmitter(), { postMessage: (message) => process.send(message) })
Object.defineProperty(process, 'parentPort', { value: parentPort, enumerable: true })
process.on('message', (data) => parentPort.emit('message', { data }))
// Electron ends utility processes with the app
process.on('disconnect', () => process.exit(0))
const [modulePath, ...args] = process.argv.slice(2)
process.argv = [process.argv[0], modulePath, ...args]
require(modulePath)
