// Preloaded into the language server by test/lsp/no-writes.test.ts: every file-system call that
// could modify a file records itself on stderr, so the test can prove none happened.
const fs = require('node:fs');
const report = (what, p) => process.stderr.write(`PODSIGHT-WRITE-ATTEMPT ${what} ${String(p)}\n`);
const isWriteFlag = (flags) => typeof flags === 'number' ? (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND)) !== 0 : typeof flags === 'string' && /[wa+]/.test(flags);
for (const name of ['open', 'openSync']) {
  const orig = fs[name];
  fs[name] = function (p, flags, ...rest) {
    if (isWriteFlag(flags)) report(name, p);
    return orig.call(this, p, flags, ...rest);
  };
}
for (const name of ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'mkdir', 'mkdirSync', 'rm', 'rmSync', 'unlink', 'unlinkSync', 'rename', 'renameSync', 'truncate', 'truncateSync', 'copyFile', 'copyFileSync']) {
  const orig = fs[name];
  fs[name] = function (p, ...rest) {
    report(name, p);
    return orig.call(this, p, ...rest);
  };
}
for (const name of ['writeFile', 'appendFile', 'open', 'mkdir', 'rm', 'unlink', 'rename', 'truncate', 'copyFile']) {
  const orig = fs.promises[name];
  fs.promises[name] = function (p, ...rest) {
    if (name !== 'open' || isWriteFlag(rest[0])) report(`promises.${name}`, p);
    return orig.call(this, p, ...rest);
  };
}
