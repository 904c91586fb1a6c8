// A stand-in for the `electron` module, so the built main process can run under plain Node where no Electron
// binary exists. It records what the shell asks of Electron; probe.mjs then checks the records. Test-only.
const { ChildProcess, fork } = require('node:child_process')
const { EventEmitter } = require('node:events')
const { join } = require('node:path')
const { pathToFileURL } = require('node:url')

const records = {
  windows: [],
  ipcHandlers: new Map(),
  permissionHandler: null,
  headersHandler: null,
  menu: null,
  loaded: [],
  // native pickers: each request is recorded with its parent window; they answer `dialogPath` (null = cancelled)
  dialogRequests: [],
  dialogPath: '/stub/picked/database.sqlite',
  // utilityProcess.fork calls, and every process this one spawned (whether ELECTRON_RUN_AS_NODE was in its env)
  utilityForks: [],
  spawns: []
}
globalThis.__electronStub = records

const spawnProcess = ChildProcess.prototype.spawn
ChildProcess.prototype.spawn = function (options) {
  const envPairs = options?.envPairs ?? []
  records.spawns.push({ file: options?.file, runAsNode: envPairs.some((p) => p.startsWith('ELECTRON_RUN_AS_NODE=')) })
  return spawnProcess.call(this, options)
}

/**
 * utilityProcess.fork as Electron's: a process running the module with process.parentPort, `spawn` (then a pid),
 * `message`, `exit` (code) and postMessage / kill, no ref or unref. Here it is a Node child of the bootstrap, with
 * exactly the env it is given (Electron adds no ELECTRON_RUN_AS_NODE).
 */
class UtilityProcess extends EventEmitter {
  constructor(modulePath, args = [], options = {}) {
    super()
    this.pid = undefined
    const output = options.stdio === 'inherit' ? 'inherit' : 'ignore'
    this.child = fork(join(__dirname, 'utility-bootstrap.cjs'), [modulePath, ...args], {
      env: options.env ?? process.env,
      cwd: options.cwd,
      execArgv: options.execArgv ?? [],
      serialization: 'advanced',
      stdio: ['ignore', output, output, 'ipc']
    })
    this.child.once('spawn', () => {
      this.pid = this.child.pid
      this.emit('spawn')
    })
    this.child.on('message', (message) => this.emit('message', message))
    this.child.once('exit', (code, signal) => {
      this.pid = undefined
      this.exitSignal = signal
      this.emit('exit', code ?? 1)
    })
  }
  postMessage(message) {
    if (this.child.connected) this.child.send(message)
  }
  kill() {
    return this.child.kill()
  }
  static fork(modulePath, args, options) {
    const record = {
      modulePath,
      serviceName: options?.serviceName,
      stdio: options?.stdio,
      runAsNode: Object.hasOwn(options?.env ?? process.env, 'ELECTRON_RUN_AS_NODE'),
      // how it ended, once it has (null while it runs)
      exitSignal: null
    }
    records.utilityForks.push(record)
    const proc = new UtilityProcess(modulePath, args, options)
    proc.child.once('exit', (code, signal) => (record.exitSignal = signal ?? `code ${code}`))
    return proc
  }
}

// QG_STUB_PACKAGED=1 plays a packaged app: app.isPackaged, and process.resourcesPath (which only Electron sets)
const packaged = process.env.QG_STUB_PACKAGED === '1'
if (packaged && !process.resourcesPath) process.resourcesPath = process.cwd()

const app = Object.assign(new EventEmitter(), {
  isPackaged: packaged,
  whenReady: () => Promise.resolve(),
  getPath: (name) => join(process.env.QUERYGENIE_DATA_DIR, `electron-${name}`),
  getVersion: () => '0.0.0-stub',
  getName: () => 'QueryGenie',
  getAppPath: () => process.cwd(),
  quit: () => {},
  setPath: () => {}
})

class WebContents extends EventEmitter {
  // the top frame; its url follows loadFile / loadURL like Electron's WebFrameMain
  mainFrame = { url: '' }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn
  }
  send(channel, ...args) {
    ;(this.sent ??= []).push([channel, ...args])
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.options = options
    this.webContents = new WebContents()
    records.windows.push(this)
  }
  loadFile(path) {
    records.loaded.push({ file: path })
    this.webContents.mainFrame.url = pathToFileURL(path).href
    return Promise.resolve()
  }
  loadURL(url) {
    records.loaded.push({ url })
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  show() {}
  static getAllWindows() {
    return records.windows
  }
  static getFocusedWindow() {
    return records.windows[0] ?? null
  }
}

const ipcMain = Object.assign(new EventEmitter(), {
  handle: (channel, fn) => records.ipcHandlers.set(channel, fn),
  removeHandler: (channel) => records.ipcHandlers.delete(channel)
})

const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => (records.permissionHandler = fn),
    webRequest: { onHeadersReceived: (fn) => (records.headersHandler = fn) }
  },
  fromPartition: () => session.defaultSession
}

// One `exports.name =` line each, so ESM named imports of this CommonJS stub resolve (cjs-module-lexer).
exports.app = app
exports.BrowserWindow = BrowserWindow
exports.ipcMain = ipcMain
exports.session = session
exports.shell = { openExternal: async () => {}, openPath: async () => '' }
exports.Menu = { buildFromTemplate: (t) => ({ template: t }), setApplicationMenu: (m) => (records.menu = m) }
exports.safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (s) => Buffer.from(s, 'utf8').reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString('utf8')
}
// showOpenDialog / showSaveDialog take an optional parent window first, as Electron's do
const dialogArgs = (args) => (args.length > 1 ? { window: args[0], options: args[1] } : { window: null, options: args[0] })
exports.dialog = {
  showOpenDialog: async (...args) => {
    const { window, options } = dialogArgs(args)
    records.dialogRequests.push({ kind: 'open', hasParent: records.windows.includes(window), options })
    return { canceled: records.dialogPath === null, filePaths: records.dialogPath === null ? [] : [records.dialogPath] }
  },
  showMessageBoxSync: (...args) => {
    const { window, options } = dialogArgs(args)
    records.dialogRequests.push({ kind: 'message', hasParent: records.windows.includes(window), options })
    return records.messageBoxChoice ?? 0
  },
  showSaveDialog: async (...args) => {
    const { window, options } = dialogArgs(args)
    records.dialogRequests.push({ kind: 'save', hasParent: records.windows.includes(window), options })
    return { canceled: records.dialogPath === null, filePath: records.dialogPath ?? '' }
  }
}
exports.autoUpdater = new EventEmitter()
exports.net = {}
exports.Notification = class {}
exports.utilityProcess = { fork: UtilityProcess.fork }
