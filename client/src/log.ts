import * as vscode from "vscode";
import { formatArgs, formatLine, parseLogSetting, shouldLog, type LogSetting, type MessageLevel } from "./logFormat.js";

/**
 * The "Shipshape" output channel. A LogOutputChannel's level can only be changed by the user
 * through "Developer: Set Log Level", so this wraps a plain channel and filters by the
 * `shipshape.logLevel` setting instead. The language client logs into it too, and switches LSP
 * message tracing on when `logLevel` reports Trace, i.e. when `shipshape.trace.server` is on.
 */
export class ClientLog implements vscode.LogOutputChannel {
  readonly name = "Shipshape";
  private readonly channel = vscode.window.createOutputChannel(this.name, "log");
  private readonly levelEmitter = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.levelEmitter.event;
  private setting: LogSetting = "info";
  private tracing = false;
  private readonly configListener: vscode.Disposable;

  constructor() {
    this.readSettings();
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration("shipshape.logLevel") && !e.affectsConfiguration("shipshape.trace.server")) return;
      const before = this.logLevel;
      this.readSettings();
      if (this.logLevel !== before) this.levelEmitter.fire(this.logLevel);
    });
  }

  private readSettings(): void {
    const config = vscode.workspace.getConfiguration("shipshape");
    this.setting = parseLogSetting(config.get("logLevel"));
    this.tracing = config.get<string>("trace.server", "off") !== "off";
  }

  /** The configured level, as sent to the server so it does not produce what would be dropped. */
  get settingLevel(): LogSetting {
    return this.setting;
  }

  get logLevel(): vscode.LogLevel {
    if (this.tracing) return vscode.LogLevel.Trace;
    switch (this.setting) {
      case "off":
        return vscode.LogLevel.Off;
      case "error":
        return vscode.LogLevel.Error;
      case "warning":
        return vscode.LogLevel.Warning;
      case "info":
        return vscode.LogLevel.Info;
      case "debug":
        return vscode.LogLevel.Debug;
    }
  }

  private write(level: MessageLevel, message: string | Error, args: unknown[]): void {
    const show = level === "trace" ? this.tracing : shouldLog(level, this.setting);
    if (show) this.channel.appendLine(formatLine(level, formatArgs(message, args)));
  }

  trace(message: string, ...args: unknown[]): void {
    this.write("trace", message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.write("debug", message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.write("info", message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.write("warning", message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.write("error", error, args);
  }

  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(a?: boolean | vscode.ViewColumn, b?: boolean): void {
    this.channel.show(typeof a === "boolean" ? a : b);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.configListener.dispose();
    this.levelEmitter.dispose();
    this.channel.dispose();
  }
}
