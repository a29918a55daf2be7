/**
 * Restarting a crashed language server, as the language client does by default, and saying so
 * once: the first restart of a session shows one message; later restarts are only logged.
 */
import type { CloseAction, CloseHandlerResult, ErrorHandler, ErrorHandlerResult, Message } from 'vscode-languageclient/node';

/** Shown the first time the server is restarted after a crash. */
export const RESTART_MESSAGE =
  'The Kube Ready language server stopped unexpectedly and was restarted. If it keeps happening, the Kube Ready output has the details.';

/**
 * An error handler that delegates every decision to another one (the language client's default,
 * created on first use because it needs the client) and calls `notify` the first time that
 * handler decides to restart the server.
 */
export class RestartNotice implements ErrorHandler {
  private inner: ErrorHandler | undefined;
  private told = false;

  /**
   * @param create makes the handler that decides (e.g. `() => client.createDefaultErrorHandler()`)
   * @param restart the `CloseAction` value that means "restart" (`CloseAction.Restart`)
   * @param notify tells the user, with `RESTART_MESSAGE`
   */
  constructor(
    private readonly create: () => ErrorHandler,
    private readonly restart: CloseAction,
    private readonly notify: (message: string) => void,
  ) {}

  /** Whether the user has been told about a restart. */
  get hasNotified(): boolean {
    return this.told;
  }

  /** A read or write error on the connection: the inner handler decides. */
  error(error: Error, message: Message | undefined, count: number | undefined): ErrorHandlerResult | Promise<ErrorHandlerResult> {
    return this.handler().error(error, message, count);
  }

  /** The connection closed (the server exited): the inner handler decides; the first restart is announced. */
  async closed(): Promise<CloseHandlerResult> {
    const result = await this.handler().closed();
    if (result.action === this.restart && !this.told) {
      this.told = true;
      this.notify(RESTART_MESSAGE);
    }
    return result;
  }

  private handler(): ErrorHandler {
    this.inner ??= this.create();
    return this.inner;
  }
}
