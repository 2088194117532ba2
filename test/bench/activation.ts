/**
 * Activation section: only a pointer. Timing `activate()` needs a running VS Code; the integration
 * rig (test/rig) starts one (code-server) but offers no timing hook, and starting it here would cost
 * about a minute and 300 MB on a first run, far more than this benchmark is worth.
 */
import type { SectionResult } from './report';

export async function activationSection(): Promise<SectionResult> {
  return {
    name: 'activation',
    title: 'Activation (VS Code)',
    figures: [{ key: 'activationMs', label: 'vscode.extensions.getExtension(...).activate()', value: 'not measured' }],
    notes: [
      'Activation time is measured by the integration rig, not here: `npm run test:integration` activates the extension in code-server (test/integration/activation.test.ts), and this benchmark does not start VS Code.',
      'The bundle section\'s require() time is the module-load part of activation that can be measured without VS Code.',
    ],
  };
}
