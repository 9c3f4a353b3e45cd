// One line, no stack trace, when this Node is older than package.json's
// "engines" (">=24.9"). Run by `npm install` (preinstall), `npm start`,
// `npm test` and .ci/run; plain old JavaScript so that any Node can run it.
'use strict';
var wanted = require('../package.json').engines.node; // ">=24.9"
var need = wanted
  .replace(/^>=\s*/, '')
  .split('.')
  .map(Number);
var have = process.versions.node.split('.').map(Number);
var ok = have[0] !== need[0] ? have[0] > need[0] : (have[1] || 0) >= (need[1] || 0);
if (!ok) {
  process.stderr.write('creator-payouts needs Node ' + wanted.replace('>=', '>= ') + ' (found ' + process.version + '): see README "Quick start"\n');
  process.exit(1);
}
