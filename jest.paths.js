// Maps the tsconfig path aliases (@idcard/…) for jest, so the aliases live in one place: tsconfig.json.
const path = require('path');
const tsconfig = require('./tsconfig.json');

exports.pathsToModuleNameMapper = () => {
  const out = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    out[`^${alias.replace('/', '\\/')}$`] = path.join(__dirname, target);
  }
  return out;
};
