// Preloaded (`node --require`) into a process under test: when it exits, writes the files of
// every module it loaded to KC_LOADED_MODULES_FILE, one per line.
const fs = require('node:fs');

process.on('exit', () => {
  fs.writeFileSync(process.env.KC_LOADED_MODULES_FILE, Object.keys(require.cache).join('\n'));
});
