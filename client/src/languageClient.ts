import * as vscode from "vscode";
import { CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, State, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { ChecklistChangedNotification, StatusNotification, type StatusParams } from "../../server/src/protocol.js";
import { RestartBudget } from "./crashPolicy.js";
import type { ClientLog } from "./log.js";
import { documentSelector, WATCHED_FILES } from "./selectors.js";
import type { ServerPhase } from "./statusModel.js";
import { ClientCommands } from "./commandIds.js";

const CLIENT_ID = "shipshape"; // also the settings prefix the client reads `trace.server` from
const DEBUG_PORT = 6010;

const isEnabled = () => vscode.workspace.getConfiguration("shipshape").get<boolean>("enable", true);

/** A snapshot of the `shipshape.*` settings handed to the server at start (it can pull updates). */
export function settingsSnapshot(log: ClientLog) {
  const c = vscode.workspace.getConfiguration("shipshape");
  return {
    enable: c.get<boolean>("enable", true),
    rules: c.get<Record<string, string>>("rules", {}),
    ignore: c.get<string[]>("ignore", []),
    debounceMs: c.get<number>("debounceMs", 200),
    scope: c.get<string>("scope", "workspace"),
    logLevel: log.settingLevel,
  };
}

/**
 * The controller decides what to tell the user about the server's life (one message, with a
 * Restart button); the library's own pop-ups would repeat it at every crash and restart attempt.
 * Everything still goes to the output channel.
 */
class ShipshapeLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, _showNotification?: boolean | "force"): void {
    super.error(message, data, false);
  }
}

/**
 * Owns the language client: starts it when Shipshape is enabled, restarts it on request, and
 * restarts it after a crash a bounded number of times before asking the user.
 */
export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly budget = new RestartBudget();
  /** The current client's connection closed unexpectedly at least once: the crash policy is in charge. */
  private crashSeen = false;
  /** The current client reached Running at least once (decides how a give-up is worded). */
  private everRan = false;
  // "starting" until the first start resolves, so the status item never flashes "stopped" at activation.
  private phase: ServerPhase = "starting";
  private readonly phaseEmitter = new vscode.EventEmitter<ServerPhase>();
  readonly onDidChangePhase = this.phaseEmitter.event;
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  /** The server's `shipshape/status` notifications. */
  readonly onStatus = this.statusEmitter.event;
  private readonly checklistEmitter = new vscode.EventEmitter<void>();
  /** The server's `shipshape/checklistChanged` notifications (already debounced by the server). */
  readonly onChecklistChanged = this.checklistEmitter.event;
  /** Start/stop/restart run one after another, never interleaved. */
  private pending: Promise<void> = Promise.resolve();
  /** Created once and shared by every client instance: a restart must not leak watchers. */
  private readonly watchers = WATCHED_FILES.map((glob) => vscode.workspace.createFileSystemWatcher(glob));

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: ClientLog,
  ) {}

  get currentPhase(): ServerPhase {
    return this.phase;
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  start(): Promise<void> {
    return this.serialize(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.serialize(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.serialize(async () => {
      this.budget.reset();
      await this.doStop();
      await this.doStart();
    });
  }

  /** A request to the running server; undefined when it is not running. */
  async sendRequest<R>(method: string, params: unknown): Promise<R | undefined> {
    const client = this.client;
    if (!client || this.phase !== "running") return undefined;
    return client.sendRequest<R>(method, params);
  }

  /** Follows `shipshape.enable`. */
  applyEnablement(): Promise<void> {
    return isEnabled() ? this.start() : this.stop();
  }

  private serialize(step: () => Promise<void>): Promise<void> {
    const next = this.pending.then(step, step);
    this.pending = next.catch(() => undefined);
    return next;
  }

  private setPhase(phase: ServerPhase): void {
    if (phase === this.phase) return;
    this.phase = phase;
    this.phaseEmitter.fire(phase);
  }

  private async doStart(): Promise<void> {
    if (!isEnabled()) {
      this.setPhase("disabled");
      return;
    }
    if (this.client) return;
    const client = this.createClient();
    this.client = client;
    client.onNotification(StatusNotification, (params: StatusParams) => this.statusEmitter.fire(params));
    client.onNotification(ChecklistChangedNotification, () => this.checklistEmitter.fire());
    client.onDidChangeState((e) => {
      if (e.newState === State.Starting) this.setPhase("starting");
      else if (e.newState === State.Running) {
        this.everRan = true;
        this.setPhase("running");
      }
      else if (this.phase !== "failed" && this.phase !== "disabled") this.setPhase("stopped");
    });
    this.setPhase("starting");
    try {
      await client.start();
      this.log.info(`server started (${this.context.extensionMode === vscode.ExtensionMode.Development ? "debug port " + DEBUG_PORT : "production"})`);
    } catch (error) {
      this.log.error("the Shipshape server did not start", error);
      // A server that exited during start-up went through the crash policy, which either
      // restarts it or tells the user itself.
      if (this.crashSeen || this.phase === "failed") return;
      this.setPhase("failed");
      void this.offerRestart("Shipshape's server did not start. See the output for details.");
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        // dispose() stops a running server and releases the client's listeners and providers.
        await client.dispose(2000);
      } catch (error) {
        this.log.warn("stopping the server failed", error);
      }
    }
    this.setPhase(isEnabled() ? "stopped" : "disabled");
  }

  private createClient(): LanguageClient {
    this.crashSeen = false;
    this.everRan = false;
    const module = this.context.asAbsolutePath("dist/server.js");
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", `--inspect=${DEBUG_PORT}`] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      synchronize: {
        configurationSection: "shipshape",
        fileEvents: this.watchers,
      },
      // The analysis cache lives in the extension's storage for this workspace, never in the workspace.
      initializationOptions: () => ({ ...settingsSnapshot(this.log), storagePath: (this.context.storageUri ?? this.context.globalStorageUri)?.fsPath }),
      middleware: {
        workspace: {
          // Turning Shipshape off stops this client; telling the server about it first would
          // race the shutdown and log a spurious "Client is not running" error.
          didChangeConfiguration: (sections, next) => (isEnabled() ? next(sections) : Promise.resolve()),
        },
      },
      initializationFailedHandler: (error) => {
        this.log.error("the server refused to initialise", error);
        return false;
      },
      outputChannel: this.log,
      // Problems are for the user's code: the server's own failures go to the output, unprompted.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: {
        error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
        closed: () => {
          this.crashSeen = true;
          const window = `${Math.round(this.budget.windowMs / 60_000)} minutes`;
          if (this.budget.crashed()) {
            this.log.warn(`the server stopped unexpectedly; restarting it (${this.budget.recent} of ${this.budget.maxRestarts} restarts allowed in ${window})`);
            return { action: CloseAction.Restart, handled: true };
          }
          this.log.error(`the server crashed ${this.budget.recent} times in ${window}; not restarting it`);
          this.setPhase("failed");
          void this.offerRestart(
            this.everRan
              ? "Shipshape's server crashed repeatedly and was stopped. See the output for details."
              : `Shipshape's server exits during start-up; it was given up after ${this.budget.recent} attempts. See the output for details.`,
          );
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
    };
    return new ShipshapeLanguageClient(CLIENT_ID, "Shipshape", serverOptions, clientOptions);
  }

  private async offerRestart(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, "Restart", "Show Output");
    if (choice === "Restart") await vscode.commands.executeCommand(ClientCommands.restartServer);
    else if (choice === "Show Output") this.log.show(true);
  }

  dispose(): void {
    void this.stop();
    for (const w of this.watchers) w.dispose();
    this.phaseEmitter.dispose();
    this.statusEmitter.dispose();
    this.checklistEmitter.dispose();
  }
}
