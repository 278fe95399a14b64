// A V8 code cache for the CommonJS modules an app process loads (Node 20 has no
// module.enableCompileCache; Node 22 does, and there this file steps aside for it).
// The app loads about 13 MB of provider classes: compiling them is a fifth of its CPU time.
// The cache (one file per entry script in .cdktf-app/) maps each module, by path, size and mtime,
// to the code V8 produced for it last time; V8 checks the source again and rejects data that does
// not fit, and the module is then compiled as usual. CDKTF_APP_CODE_CACHE=0 switches it off.
"use strict";
const Module = require("node:module");
const vm = require("node:vm");
const { dirname, join } = require("node:path");
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");

/** Load cached code from `file` for every module compiled from now on; write it back at exit. */
function enableCodeCache(file) {
  if (process.env.CDKTF_APP_CODE_CACHE === "0") return;
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(join(dirname(file), "compile-cache"));
    return;
  }
  const cached = readCache(file);
  const produced = new Map();
  let rejected = 0;
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    let key;
    try {
      const s = statSync(filename);
      key = `${filename}|${s.size}|${s.mtimeMs}`;
    } catch {
      return compile.call(this, content, filename);
    }
    const data = cached.get(key);
    // A hashbang is valid only at the very start of a file, not inside the module wrapper.
    const source = content.startsWith("#!") ? `//${content.slice(2)}` : content;
    const script = new vm.Script(Module.wrap(source), { filename, cachedData: data });
    if (!data || script.cachedDataRejected) {
      if (data) rejected++;
      produced.set(key, script);
    }
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(this.exports, this.exports, makeRequire(this), this, filename, dirname(filename));
  };
  process.once("exit", () => {
    if (produced.size === 0 && rejected === 0) return;
    try {
      // Code for every module this run compiled (functions compiled lazily included), plus the
      // still-valid entries of the old cache.
      const entries = new Map([...cached].filter(([key]) => existsSync(key.split("|")[0])));
      for (const [key, script] of produced) entries.set(key, script.createCachedData());
      writeCache(file, entries);
    } catch {
      // A cache that cannot be written only costs the next run its speed-up.
    }
  });
}

/** `require` for a module compiled here, as Node builds it. */
function makeRequire(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/** The cache file: a JSON index line (key -> [offset, length]) and the concatenated data. */
function readCache(file) {
  const entries = new Map();
  try {
    const buffer = readFileSync(file);
    const newline = buffer.indexOf(10);
    const index = JSON.parse(buffer.subarray(0, newline).toString("utf8"));
    const base = newline + 1;
    for (const [key, [offset, length]] of Object.entries(index)) {
      entries.set(key, buffer.subarray(base + offset, base + offset + length));
    }
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  return entries;
}

function writeCache(file, entries) {
  const index = {};
  const chunks = [];
  let offset = 0;
  for (const [key, data] of entries) {
    index[key] = [offset, data.length];
    chunks.push(data);
    offset += data.length;
  }
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.concat([Buffer.from(`${JSON.stringify(index)}\n`), ...chunks]));
  renameSync(temp, file); // atomic: a process reading meanwhile sees the old or the new file
}

module.exports = { enableCodeCache };
