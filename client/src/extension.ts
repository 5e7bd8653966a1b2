/**
 * The Podsight extension: starts the language server and nothing else yet. No Kubernetes
 * logic lives here; the server does the work.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { PodsightInitializationOptions } from '../../server/src/protocol';
import { CONFIGURATION_SECTION } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: PodsightInitializationOptions = {};
  const clientOptions: LanguageClientOptions = {
    // Files only (and untitled YAML): the server decides per document whether it is a manifest.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: CONFIGURATION_SECTION },
    initializationOptions,
  };
  client = new LanguageClient('podsight', 'Podsight', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
