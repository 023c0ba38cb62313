/**
 * The Shipshape language server. Data flow for one keystroke: didChange (incremental) → the
 * document store applies it → the queue debounces per document → incremental reparse → the
 * engine (one traversal, every enabled rule) → diagnostics for exactly that version. Code actions
 * are built from the findings stored for the document's current version, never an older one.
 */
import path from "node:path";
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from "vscode-languageserver";
import {
  allRules,
  analyzeSource,
  forgetReuse,
  analyzeTextFile,
  docsUrl,
  isIgnored,
  ruleIds,
  type AnalyzeOptions,
  type AnyRule,
  type FileResult,
  type Finding,
  type ResolvedConfig,
} from "../../rules/src/index.js";
import { fixAllAction, FIX_ALL_KIND, quickFixes, type EditContext, type Snapshot } from "./codeActions.js";
import { configDiagnostics, configMessage, toDiagnostic } from "./diagnostics.js";
import { DocumentStore, treeOf, type OpenDocument } from "./documents.js";
import { Folders, type Folder } from "./folders.js";
import { Logger } from "./logger.js";
import { fileNameOf, relativeInside, uriOf } from "./paths.js";
import {
  ChecklistChangedNotification,
  ChecklistRequest,
  Commands,
  ReportRequest,
  RescanRequest,
  StatusNotification,
  type ReportParams,
  type ReportResult,
  type ChecklistParams,
  type ChecklistResult,
  type StatusParams,
} from "./protocol.js";
import { realScheduler, ValidationQueue, type Scheduler } from "./queue.js";
import { CONFIG_FILE, DEFAULT_SETTINGS, problemText, readSettings, settingsConfig, type Settings } from "./settings.js";
import { WorkspaceFiles } from "./workspaceView.js";
import { WorkspaceAnalyzer, type AnalyzerFolder, type Progress } from "./workspaceAnalyzer.js";
import { checklistJson, renderChecklist } from "./workspace/checklist.js";
import { toolVersion } from "./cli/version.js";

/** Findings of one document version, kept so code actions use exactly what was shown. */
interface Analysis {
  version: number;
  /** Config and dependency generation it was computed under: a change makes it stale. */
  epoch: number;
  findings: readonly Finding[];
  ms: number;
  ruleFailures: readonly string[];
  /** Sent to the client already: a re-validation that finds nothing new sends nothing. */
  published?: boolean;
}

interface ClientSupport {
  configuration: boolean;
  watchedFilesDynamic: boolean;
  configurationDynamic: boolean;
  workspaceFolders: boolean;
  showDocument: boolean;
  documentChanges: boolean;
  createFile: boolean;
}

const CONFIG_TIMEOUT_MS = 5000;

export interface ServerOptions {
  scheduler?: Scheduler;
  /** The rules to run; the registry's by default (tests hand in their own). */
  rules?: readonly AnyRule[];
  /** Ask git which files are tracked during the workspace scan (default true). */
  git?: boolean;
  /** Background analyses to warm the JIT up after the first source document (default 10; tests set 0). */
  warmUpRuns?: number;
}

/** Source files, and the files that change what other files' analysis or the checklist says. */
const WATCHED_GLOBS = [
  `**/${CONFIG_FILE}`,
  "**/package.json",
  "**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs}",
  "**/.env*",
  "**/.gitignore",
  // Read by the checklist's workspace checks only: a change refreshes the checklist, nothing is reparsed.
  "**/{Dockerfile,docker-compose.yml,docker-compose.yaml,compose.yml,compose.yaml,vercel.json,fly.toml,render.yaml,netlify.toml,Procfile,railway.json,railway.toml,.gitlab-ci.yml}",
  ".github/workflows/*.{yml,yaml}",
  "**/migrations/**",
];

/** Wire the Shipshape language server onto a connection (IPC, stdio, or a test stream). */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  new ShipshapeServer(connection, options).listen();
}

class ShipshapeServer {
  private readonly docs = new DocumentStore();
  private readonly log: Logger;
  private readonly files = new WorkspaceFiles((abs) => this.docs.byPath(abs)?.document.getText());
  private readonly folders = new Folders((root, rel) => this.files.readFile(root, rel));
  private readonly results = new Map<string, Analysis>();
  /** The last few analysis times per open document, after its first (a full parse): how early a run starts. */
  private readonly runTimes = new Map<string, number[]>();
  private readonly queue: ValidationQueue<Analysis | undefined>;
  private readonly scheduler: Scheduler;
  private warmUpLeft: number;
  private warming = false;
  /** Settings for documents outside every workspace folder, and the base for folder settings. */
  private global: Settings = DEFAULT_SETTINGS;
  /** The engine config of `global`, resolved once per settings change rather than per keystroke. */
  private globalConfig: { settings: Settings; config: ResolvedConfig } | undefined;
  private initSettings: Settings = DEFAULT_SETTINGS;
  private support: ClientSupport = {
    configuration: false,
    watchedFilesDynamic: false,
    configurationDynamic: false,
    workspaceFolders: false,
    showDocument: false,
    documentChanges: false,
    createFile: false,
  };
  private epoch = 0;
  private readonly rules: readonly AnyRule[];
  private configLoad: Promise<void> = Promise.resolve();
  private readonly skippedLogged = new Map<string, string>();
  private readonly failuresLogged = new Map<string, string>();
  private readonly settingsProblemsLogged = new Set<string>();
  /** Config files that have problems published, so that fixing them clears the list. */
  private readonly configDiagnostics = new Set<string>();
  private readonly analyzer: WorkspaceAnalyzer;
  private storageDir: string | undefined;
  private workDoneProgress = false;

  constructor(
    private readonly connection: Connection,
    options: ServerOptions,
  ) {
    this.log = new Logger(connection.console);
    this.rules = options.rules ?? allRules;
    this.scheduler = options.scheduler ?? realScheduler;
    this.warmUpLeft = options.warmUpRuns ?? WARM_UP_RUNS;
    this.queue = new ValidationQueue<Analysis | undefined>({
      delay: () => this.global.debounceMs,
      expectedRunMs: (uri) => expectedRunMs(this.runTimes.get(uri)),
      versionOf: (uri) => this.docs.get(uri)?.document.version,
      run: (uri, version) => this.validate(uri, version),
      publish: (uri, version, analysis) => this.publish(uri, version, analysis),
      onError: (uri, e) => this.log.error(`validation failed for ${uri}: ${errorText(e)}`),
      scheduler: options.scheduler,
    });
    const self = this;
    this.analyzer = new WorkspaceAnalyzer({
      folders: () => this.analyzerFolders(),
      rules: this.rules,
      version: toolVersion(),
      get storageDir() {
        return self.storageDir;
      },
      git: options.git,
      isOpen: (abs) => this.docs.byPath(abs) !== undefined,
      openFindings: (abs) => {
        const entry = this.docs.byPath(abs);
        return entry ? this.results.get(entry.uri)?.findings : undefined;
      },
      // Background work may outlive the connection (a client that leaves without shutdown).
      publishDiagnostics: (uri, diagnostics) => quietly(() => this.connection.sendDiagnostics({ uri, diagnostics })),
      checklistChanged: () => quietly(() => this.connection.sendNotification(ChecklistChangedNotification)),
      startProgress: (title) => this.startProgress(title),
      log: (level, message) => quietly(() => this.log[level](message)),
    });
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onDidOpenTextDocument(({ textDocument: d }) => this.guard("open", () => {
      const entry = this.docs.open(d.uri, d.languageId, d.version, d.text);
      this.analyzer.documentOpened(entry.fileName);
      this.onDocumentEdited(entry, 0);
    }));
    c.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => this.guard("change", () => {
      const entry = this.docs.change(d.uri, d.version, contentChanges);
      if (entry) this.onDocumentEdited(entry);
    }));
    c.onDidCloseTextDocument(({ textDocument: d }) => this.guard("close", () => this.closed(d.uri)));
    c.onDidChangeWatchedFiles(({ changes }) => this.guard("watched files", () => this.watchedFilesChanged(changes)));
    c.onDidChangeConfiguration((params) => this.guard("configuration", () => {
      // Clients without workspace/configuration push the settings themselves.
      if (!this.support.configuration) this.initSettings = readSettings((params.settings as { shipshape?: unknown } | undefined)?.shipshape, this.initSettings);
      this.reloadConfig();
    }));
    c.onCodeAction((params) => this.codeActions(params));
    c.onRequest(ChecklistRequest, (params: ChecklistParams | undefined) => this.checklist(params));
    c.onRequest(ReportRequest, (params: ReportParams | undefined) => this.report(params));
    c.onRequest(RescanRequest, async () => {
      await this.configLoad;
      await this.analyzer.rescanAll();
      return null;
    });
    c.onExecuteCommand(async (params) => {
      try {
        if (params.command === Commands.showDocs) await this.showDocs(params.arguments?.[0]);
        else if (params.command === Commands.fixAll) await this.fixAllCommand(params.arguments?.[0], params.arguments?.[1]);
      } catch (e) {
        this.log.error(`command ${params.command} failed: ${errorText(e)}`);
      }
    });
    c.onShutdown(() => {
      this.queue.dispose();
      this.analyzer.dispose();
    });
    c.listen();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  private initialize(params: InitializeParams): InitializeResult {
    const caps = params.capabilities;
    const resourceOps = caps.workspace?.workspaceEdit?.resourceOperations ?? [];
    this.support = {
      configuration: !!caps.workspace?.configuration,
      watchedFilesDynamic: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configurationDynamic: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
      workspaceFolders: !!caps.workspace?.workspaceFolders,
      showDocument: !!caps.window?.showDocument?.support,
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      createFile: resourceOps.includes("create"),
    };
    // initializationOptions: { settings?: <shipshape section> } or the section itself (e.g. { debounceMs }).
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    this.initSettings = readSettings(init && typeof init === "object" && "settings" in init ? init.settings : init);
    // The extension's storage folder (never the workspace) holds the analysis cache.
    const storage = (init as { storagePath?: unknown } | undefined)?.storagePath;
    this.storageDir = typeof storage === "string" && path.isAbsolute(storage) ? storage : undefined;
    this.workDoneProgress = !!caps.window?.workDoneProgress;
    this.global = this.initSettings;
    this.log.setLevel(this.global.logLevel);
    const folders: WorkspaceFolder[] =
      params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    this.folders.set(folders);
    this.log.info(`Shipshape server started (${this.rules.length} rules, ${folders.length} workspace folder(s))`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        // showDocs is not advertised: VS Code's client registers that command itself (it opens the
        // page in the browser); other clients send it here anyway and get window/showDocument.
        executeCommandProvider: { commands: [Commands.fixAll] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "shipshape" },
    };
  }

  private async initialized(): Promise<void> {
    const c = this.connection;
    // First, so that documents opened from now on wait for the real configuration.
    this.reloadConfig();
    try {
      if (this.support.configurationDynamic) await c.client.register(DidChangeConfigurationNotification.type, { section: "shipshape" });
      if (this.support.watchedFilesDynamic) {
        await c.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
        });
      }
      if (this.support.workspaceFolders) {
        c.workspace.onDidChangeWorkspaceFolders((e) => this.guard("workspace folders", () => {
          const removed = new Set(e.removed.map((f) => f.uri));
          this.folders.set([...this.folders.all().filter((f) => !removed.has(f.uri)), ...e.added]);
          this.reloadConfig();
        }));
      }
    } catch (e) {
      this.log.warn(`client registration failed: ${errorText(e)}`);
    }
  }

  // ---- documents ------------------------------------------------------------------------

  private onDocumentEdited(entry: OpenDocument, delay?: number): void {
    this.files.changed(entry.fileName);
    if (this.folders.configOwner(entry.fileName)) {
      // shipshape.json being edited: its text in the editor is the config.
      this.queue.schedule(entry.uri, delay);
      return;
    }
    if (entry.kind === "package-json") this.files.invalidate();
    if (entry.kind) this.queue.schedule(entry.uri, delay);
  }

  private closed(uri: string): void {
    const entry = this.docs.get(uri);
    this.docs.close(uri);
    // Other files read this one from disk again now.
    if (entry) this.files.changed(entry.fileName);
    // What the engine kept to reuse between keystrokes holds the file's last tree.
    if (entry) forgetReuse(entry.fileName);
    if (entry) this.analyzer.documentClosed(entry.fileName);
    this.queue.cancel(uri);
    this.results.delete(uri);
    this.runTimes.delete(uri);
    this.skippedLogged.delete(uri);
    this.failuresLogged.delete(uri);
    if (entry && this.folders.configOwner(entry.fileName)) {
      // Back to the file on disk; its problems (if any) are published again by the reload.
      this.reloadConfig();
      return;
    }
    if (entry?.kind === "package-json") this.files.invalidate();
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private watchedFilesChanged(changes: FileEvent[]): void {
    let config = false;
    let deps = false;
    this.analyzer.filesChanged(changes.map((ch) => ({ absPath: fileNameOf(ch.uri), created: ch.type === FileChangeType.Created, deleted: ch.type === FileChangeType.Deleted })));
    for (const ch of changes) this.files.changed(fileNameOf(ch.uri));
    for (const { uri } of changes) {
      const base = path.basename(uri);
      if (base === CONFIG_FILE) config = true;
      else if (base === "package.json") deps = true;
    }
    if (deps) {
      this.files.invalidate();
      // Open documents' results were computed with the old dependencies: stale even at the same version.
      this.epoch++;
    }
    if (config) this.reloadConfig();
    else if (deps) this.revalidateAll();
  }

  // ---- configuration --------------------------------------------------------------------

  /** Re-read settings and every folder's shipshape.json, then re-validate open documents. */
  private reloadConfig(): void {
    const previous = this.configLoad;
    this.configLoad = previous.then(() => this.loadConfig()).catch((e) => this.log.error(`loading configuration failed: ${errorText(e)}`));
    void this.configLoad.then(() => {
      this.revalidateAll();
      this.analyzer.scopeChanged();
      this.analyzer.configChanged();
    });
  }

  private async loadConfig(): Promise<void> {
    const folders = this.folders.all();
    let raws: unknown[] = [];
    if (this.support.configuration) {
      try {
        const request = this.connection.workspace.getConfiguration([
          { section: "shipshape" },
          ...folders.map((f) => ({ scopeUri: f.uri, section: "shipshape" })),
        ]);
        // Analysis waits for the configuration: a client that never answers must not stall it.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer to workspace/configuration in ${CONFIG_TIMEOUT_MS} ms`)), CONFIG_TIMEOUT_MS);
        });
        raws = await Promise.race([request, timeout]).finally(() => clearTimeout(timer));
      } catch (e) {
        this.log.warn(`could not read settings: ${errorText(e)}`);
      }
    }
    this.global = readSettings(raws[0], this.initSettings);
    this.log.setLevel(this.global.logLevel);
    this.reportSettingsProblems(this.global);
    folders.forEach((folder, i) => {
      this.folders.load(folder, raws[i + 1], this.initSettings);
      this.reportSettingsProblems(folder.settings);
      this.publishConfigProblems(folder);
    });
    this.epoch++;
  }

  /** Problems in shipshape.json: diagnostics on the file, and a warning message once per distinct set. */
  private publishConfigProblems(folder: Folder): void {
    const filePath = path.join(folder.root, CONFIG_FILE);
    const open = this.docs.byPath(filePath);
    const uri = open?.uri ?? uriOf(filePath);
    const problems = folder.file.problems;
    const text = this.files.readFile(folder.root, CONFIG_FILE) ?? "";
    const diagnostics = configDiagnostics(problems, text);
    if (problems.length > 0 || this.configDiagnostics.has(filePath)) {
      this.connection.sendDiagnostics({ uri, ...(open ? { version: open.document.version } : {}), diagnostics });
    }
    if (problems.length === 0) {
      this.configDiagnostics.delete(filePath);
      folder.shown.clear();
      return;
    }
    this.configDiagnostics.add(filePath);
    const name = this.folders.displayName(folder);
    const key = problems.map((p) => `${p.line}:${p.message}`).join("\n");
    const first = problemText(problems[0], name);
    this.log.warn(`configuration: ${problems.map((p) => problemText(p, name)).join("; ")}`);
    this.sendStatus({ state: "warning", message: first });
    if (folder.shown.has(key)) return;
    folder.shown.add(key);
    // A notification, not window/showMessageRequest: there is nothing to answer, nothing to wait for.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: configMessage(problems, name) });
  }

  private reportSettingsProblems(settings: Settings): void {
    for (const problem of settingsConfig(settings).problems) {
      if (this.settingsProblemsLogged.has(problem)) continue;
      this.settingsProblemsLogged.add(problem);
      this.log.warn(`settings (shipshape.rules / shipshape.ignore): ${problem}`);
    }
  }

  private revalidateAll(): void {
    for (const entry of this.docs.all()) {
      if (entry.kind && !this.folders.configOwner(entry.fileName)) this.queue.schedule(entry.uri, 0);
    }
  }

  // ---- analysis -------------------------------------------------------------------------

  private async validate(uri: string, version: number): Promise<Analysis | undefined> {
    await this.configLoad;
    const entry = this.docs.get(uri);
    if (!entry || entry.document.version !== version) return undefined;
    if (this.folders.configOwner(entry.fileName)) {
      // The editor's text of shipshape.json changed: reload (which re-validates everything).
      this.reloadConfig();
      return undefined;
    }
    return this.analyze(entry);
  }

  /** Findings for the document's current version, reused when already computed under the current config. */
  private analyze(entry: OpenDocument): Analysis | undefined {
    const version = entry.document.version;
    const cached = this.results.get(entry.uri);
    if (cached && cached.version === version && cached.epoch === this.epoch) return cached;
    if (!entry.kind) return undefined;
    const started = performance.now();
    const engine = this.engineInput(entry);
    if (!engine) return { version, epoch: this.epoch, findings: [], ms: 0, ruleFailures: [] };
    const { relPath, options } = engine;
    const text = entry.document.getText();
    let result: FileResult;
    if (entry.kind === "source") {
      result = analyzeSource({ fileName: entry.fileName, text, relPath, sourceFile: treeOf(entry) }, options);
    } else {
      result = analyzeTextFile({ fileName: entry.fileName, text, relPath, kind: entry.kind }, options);
    }
    const ms = performance.now() - started;
    const name = relPath ?? entry.fileName;
    if (result.skipped) {
      if (this.skippedLogged.get(entry.uri) !== result.skipped) this.log.info(`skipped ${name}: ${result.skipped}`);
      this.skippedLogged.set(entry.uri, result.skipped);
    } else this.skippedLogged.delete(entry.uri);
    for (const failure of result.ruleFailures) {
      const key = `${version}:${failure.ruleId}`;
      if (this.failuresLogged.get(`${entry.uri}#${failure.ruleId}`) === key) continue;
      this.failuresLogged.set(`${entry.uri}#${failure.ruleId}`, key);
      this.log.error(`rule ${failure.ruleId} failed on ${name} (version ${version}): ${failure.message}`);
    }
    this.log.debug(`analysed ${name} v${version} in ${ms.toFixed(1)} ms: ${result.findings.length} finding(s)${result.syntaxErrors ? `, ${result.syntaxErrors} syntax error(s)` : ""}`);
    const analysis: Analysis = { version, epoch: this.epoch, findings: result.findings, ms, ruleFailures: result.ruleFailures.map((f) => f.ruleId) };
    if (cached) {
      const times = this.runTimes.get(entry.uri) ?? [];
      times.push(ms);
      if (times.length > RUN_TIMES_KEPT) times.shift();
      this.runTimes.set(entry.uri, times);
    }
    this.results.set(entry.uri, analysis);
    return analysis;
  }

  /** The engine's options for a document; undefined when Shipshape is disabled there or the file is ignored. */
  private engineInput(entry: OpenDocument): { relPath: string | undefined; options: AnalyzeOptions } | undefined {
    const folder = this.folders.folderFor(entry.fileName);
    const settings = folder?.settings ?? this.global;
    const config: ResolvedConfig = folder?.config ?? this.configOutsideFolders();
    const relPath = folder ? relativeInside(folder.root, entry.fileName) : undefined;
    if (!settings.enable || (relPath !== undefined && isIgnored(relPath, config))) return undefined;
    const workspace = folder ? this.files.view(folder.root, entry.fileName) : undefined;
    return { relPath, options: { rules: this.rules, config, workspace } };
  }

  /**
   * Right after start-up the JIT has compiled little of the engine, and the first keystrokes cost
   * up to twice what later ones do. Once the first source document has been published, analyse
   * it again a few times in the background (results discarded), one run per turn of the event
   * loop, while nothing waits for validation: the first edit stops it for good, so it never
   * competes with typing.
   */
  private warmUp(entry: OpenDocument, firstMs: number): void {
    if (this.warmUpLeft <= 0 || this.warming || entry.kind !== "source") return;
    // A run blocks the event loop: a document whose (cold) analysis took long would keep a first
    // keystroke waiting too long. The next source document published may do instead.
    if (firstMs > WARM_UP_MAX_FIRST_MS) return;
    this.warming = true;
    let runs = 0;
    let spent = 0;
    const stop = (why: string) => {
      this.warming = false;
      this.warmUpLeft = 0;
      // Background work that may outlive the connection.
      quietly(() => this.log.debug(`JIT warm-up: ${runs} background analyses of ${path.basename(entry.fileName)} (${why})`));
    };
    const step = () => {
      if (this.docs.get(entry.uri) !== entry || !this.queue.idle()) return stop("stopped for an edit");
      const tree = entry.tree;
      const engine = tree && entry.treeVersion === entry.document.version ? this.engineInput(entry) : undefined;
      if (!tree || !engine) return stop("nothing to analyse");
      const started = performance.now();
      try {
        // No reuse: the point is to run (and so compile) all of the rules' code, not to skip it.
        analyzeSource({ fileName: entry.fileName, text: entry.document.getText(), relPath: engine.relPath, sourceFile: tree }, { ...engine.options, reuse: false });
      } catch {
        // what would fail here fails in the real analysis too, and is reported there
      }
      spent += performance.now() - started;
      runs++;
      if (--this.warmUpLeft <= 0) return stop("done");
      if (spent > WARM_UP_BUDGET_MS) return stop("time budget spent");
      this.scheduler.setTimeout(step, WARM_UP_GAP_MS);
    };
    this.scheduler.setTimeout(step, WARM_UP_GAP_MS);
  }

  private configOutsideFolders(): ResolvedConfig {
    if (this.globalConfig?.settings !== this.global) this.globalConfig = { settings: this.global, config: settingsConfig(this.global).config };
    return this.globalConfig.config;
  }

  private publish(uri: string, version: number, analysis: Analysis | undefined): void {
    const entry = this.docs.get(uri);
    if (!analysis || !entry || analysis.published) return;
    analysis.published = true;
    this.results.set(uri, analysis);
    const diagnostics = analysis.findings.map((f, i) => toDiagnostic(f, i, entry.document));
    this.connection.sendDiagnostics({ uri, version, diagnostics });
    const folder = this.folders.folderFor(entry.fileName);
    const configProblem = folder?.file.problems[0];
    const status: StatusParams = { state: "ok", lastAnalysisMs: Math.round(analysis.ms * 10) / 10, uri };
    if (configProblem) Object.assign(status, { state: "warning", message: problemText(configProblem, this.folders.displayName(folder!)) });
    else if (analysis.ruleFailures.length > 0) Object.assign(status, { state: "warning", message: `rule(s) failed: ${analysis.ruleFailures.join(", ")} (see the output channel)` });
    this.sendStatus(status);
    this.analyzer.openResultsChanged(entry.fileName, analysis.findings);
    this.warmUp(entry, analysis.ms);
  }

  private sendStatus(params: StatusParams): void {
    void this.connection.sendNotification(StatusNotification, params);
  }

  // ---- workspace scan and checklist -----------------------------------------------------

  private analyzerFolders(): AnalyzerFolder[] {
    return this.folders.all().map((f) => ({ uri: f.uri, root: f.root, config: f.config, enabled: f.settings.enable, scope: f.settings.scope }));
  }

  private async checklist(params: ChecklistParams | undefined): Promise<ChecklistResult> {
    await this.configLoad;
    const ticks = Array.isArray(params?.manualTicks) ? params!.manualTicks.filter((t): t is string => typeof t === "string") : [];
    const r = await this.analyzer.checklist(ticks);
    const fixableRules = this.rules.filter((rule) => rule.meta.fixable).map((rule) => rule.meta.id);
    return { ...checklistJson(r.checklist), folderUri: r.folder?.uri, sourceFiles: r.sourceFiles, scanning: r.scanning, partial: r.partial, fixableRules };
  }

  private async report(params: ReportParams | undefined): Promise<ReportResult> {
    await this.configLoad;
    const format = params?.format === "html" || params?.format === "json" ? params.format : "markdown";
    const ticks = Array.isArray(params?.manualTicks) ? params!.manualTicks.filter((t): t is string => typeof t === "string") : [];
    const r = await this.analyzer.checklist(ticks);
    const name = r.folder ? path.basename(r.folder.root) : undefined;
    return { text: renderChecklist(r.checklist, format, name) };
  }

  private async startProgress(title: string): Promise<Progress> {
    if (!this.workDoneProgress) return { report: () => undefined, done: () => undefined };
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      const abort = new AbortController();
      reporter.token.onCancellationRequested(() => abort.abort());
      reporter.begin(title, 0, "scanning…", true);
      return { report: (message, percentage) => reporter.report(percentage ?? 0, message), done: () => reporter.done(), signal: abort.signal };
    } catch {
      return { report: () => undefined, done: () => undefined };
    }
  }

  // ---- code actions and commands --------------------------------------------------------

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    try {
      const only = params.context.only;
      const wantsFixAll = !!only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`));
      const wantsQuickFix = !only || only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === "");
      // Fix-all may come right after typing (on save): analyse this exact version now if needed.
      if (wantsFixAll) await this.configLoad;
      const snap = this.snapshot(params.textDocument.uri, wantsFixAll);
      if (!snap) return [];
      const ctx = this.editContext(snap.uri);
      const actions: CodeAction[] = [];
      if (wantsQuickFix) actions.push(...quickFixes(snap, params.context.diagnostics, ctx));
      if (wantsFixAll) {
        const all = fixAllAction(snap, ctx);
        if (all) actions.push(all);
      }
      return actions;
    } catch (e) {
      this.log.error(`code actions failed for ${params.textDocument.uri}: ${errorText(e)}`);
      return [];
    }
  }

  /**
   * The stored analysis of the document's current version with that version's text and tree.
   * Undefined when the stored results describe another version (stale fixes are refused), unless
   * `analyseNow` asks to compute them for this version.
   */
  private snapshot(uri: string, analyseNow: boolean): Snapshot | undefined {
    const entry = this.docs.get(uri);
    if (!entry?.kind) return undefined;
    let analysis = this.results.get(uri);
    if (!analysis || analysis.version !== entry.document.version) {
      if (!analyseNow) return undefined;
      analysis = this.analyze(entry);
      if (!analysis) return undefined;
    }
    return { uri, document: entry.document, kind: entry.kind, tree: entry.kind === "source" ? treeOf(entry) : undefined, findings: analysis.findings };
  }

  private editContext(uri: string): EditContext {
    const entry = this.docs.get(uri);
    const folder = entry && this.folders.folderFor(entry.fileName);
    return {
      documentChanges: this.support.documentChanges,
      createFile: this.support.createFile,
      otherFile: (rel) => {
        if (!folder) return undefined;
        const abs = path.resolve(folder.root, rel);
        if (relativeInside(folder.root, abs) === undefined) return undefined;
        const open = this.docs.byPath(abs);
        if (open) return { uri: open.uri, text: open.document.getText(), version: open.document.version };
        return { uri: uriOf(abs), text: this.files.readFile(folder.root, rel), version: null };
      },
    };
  }

  private async showDocs(ruleId: unknown): Promise<void> {
    if (typeof ruleId !== "string" || !ruleIds.has(ruleId)) {
      this.log.warn(`show documentation: unknown rule ${JSON.stringify(ruleId)}`);
      return;
    }
    const url = docsUrl(ruleId);
    if (this.support.showDocument) {
      const r = await this.connection.window.showDocument({ uri: url, external: true });
      if (r.success) return;
    }
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Shipshape rule ${ruleId}: ${url}` });
  }

  private async fixAllCommand(uri: unknown, version: unknown): Promise<void> {
    if (typeof uri !== "string") return;
    await this.configLoad;
    const entry = this.docs.get(uri);
    if (!entry || (typeof version === "number" && version !== entry.document.version)) {
      this.log.info(`fix all: ${uri} changed since the request; nothing applied`);
      return;
    }
    const snap = this.snapshot(uri, true);
    const action = snap && fixAllAction(snap, this.editContext(uri));
    if (!action?.edit) return;
    const r = await this.connection.workspace.applyEdit({ label: "Shipshape: fix all safe problems", edit: action.edit });
    if (!r.applied) this.log.info(`fix all: the editor did not apply the edit${r.failureReason ? ` (${r.failureReason})` : ""}`);
  }

  /** Run a notification handler; an exception is logged, never fatal. */
  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log.error(`${what} handler failed: ${errorText(e)}`);
    }
  }
}

const RUN_TIMES_KEPT = 5;
/** Background analyses after the first source document is published; about 0.3 s of CPU for a 3,000-line file. */
const WARM_UP_RUNS = 10;
/** Between two of them, so that messages already read are handled first. */
const WARM_UP_GAP_MS = 1;
/** At most this much wall time in all; none for a document whose first analysis took longer than the other. */
const WARM_UP_BUDGET_MS = 500;
const WARM_UP_MAX_FIRST_MS = 1000;

/**
 * How long the next analysis of a document will take, with a margin: the slowest of its last few
 * and half as much again (a collection or a busy machine can slow one run down that much). Too
 * little and diagnostics come that much after the debounce; too much and an edit late in the pause
 * more often makes a run wasted (at most one per edit, as with no debounce at all).
 */
export function expectedRunMs(recent: readonly number[] | undefined): number {
  return recent?.length ? Math.max(...recent) * 1.5 + 2 : 0;
}

/** Send from background work that may outlive the connection: a closed connection is not an error. */
function quietly(send: () => unknown): void {
  try {
    const r = send();
    if (r instanceof Promise) r.catch(() => undefined);
  } catch {
    // the client is gone
  }
}

/** Message and first stack frame only: never document text. */
function errorText(e: unknown): string {
  if (e instanceof Error) {
    const frame = e.stack?.split("\n").find((l) => l.trim().startsWith("at "))?.trim();
    return frame ? `${e.message} (${frame})` : e.message;
  }
  return String(e);
}
