// Child process of the bundle benchmark (plain Node, no tsx, so no loader skews the figure): times
// `import()` of the bundle's entry given as argv[2] (a file URL), with a stub `vscode` module that a
// loader hook resolves (only here: the extension host provides the real one), and prints
// {"ms": …, "exports": […]} on stdout. This is module-load time only: activate() is not called.
import { register } from 'node:module';

const stub = 'export default {}; export const EventEmitter = class {};';
register(`data:text/javascript,${encodeURIComponent(`export async function resolve(specifier, context, next) {
  return specifier === 'vscode' ? { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(stub)}`)}, shortCircuit: true } : next(specifier, context);
}`)}`);

const started = process.hrtime.bigint();
const exported = await import(process.argv[2]);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ms, exports: Object.keys(exported) }));
