/**
 * The Podsight extension: starts the language server and hosts the scheduling preview panel
 * (preview/). No Kubernetes logic lives here; the server does the work.
 */
import * as path from 'node:path';
import { window, type ExtensionContext } from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { PodsightInitializationOptions } from '../../server/src/protocol';
import { CONFIGURATION_SECTION, PREVIEW_COMMAND, STORED_COMMAND } from '../../server/src/protocol';
import { registerPreview } from './preview/panel';
import { trackPreviewable } from './previewContext';
import { registerStoredPreview } from './storedPreview';

let client: LanguageClient | undefined;

/**
 * If the server process dies, restart it and say so once per session; after repeated crashes
 * in a short time, stop and say that instead of looping.
 */
function restartingErrorHandler(): ErrorHandler {
  const crashes: number[] = [];
  let told = false;
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && now - crashes[0] > 3 * 60_000) crashes.shift();
      if (crashes.length > 4) {
        return { action: CloseAction.DoNotRestart, message: 'The Podsight language server stopped 5 times in 3 minutes and will not be restarted. See the Podsight output channel.' };
      }
      if (!told) {
        told = true;
        void window.showWarningMessage('The Podsight language server stopped unexpectedly and was restarted.');
      }
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: PodsightInitializationOptions = { previewCommand: PREVIEW_COMMAND, storedCommand: STORED_COMMAND };
  const clientOptions: LanguageClientOptions = {
    // Files only (and untitled YAML): the server decides per document whether it is a manifest.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: CONFIGURATION_SECTION },
    initializationOptions,
    errorHandler: restartingErrorHandler(),
  };
  client = new LanguageClient('podsight', 'Podsight', serverOptions, clientOptions);
  context.subscriptions.push(client);
  const started = client.start();
  // Registered before the client is up so a restored panel (after a reload) is claimed at once.
  registerPreview(context, client, started);
  registerStoredPreview(context, client, started);
  context.subscriptions.push(trackPreviewable());
  await started;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
