/**
 * Work-done progress for a long job (the workspace index), as `$/progress` begin/report/end. The
 * job does not wait for the client to create the token: what happened meanwhile is sent once it
 * has, so begin always comes before end. Clients without `window.workDoneProgress` see nothing.
 */
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/** One job's progress (see the module comment). */
export class JobProgress {
  private reporter: WorkDoneProgressServerReporter | null = null;
  private percentage = 0;
  private finished = false;

  /** @param created the reporter the client is creating (`connection.window.createWorkDoneProgress()`) */
  constructor(created: Promise<WorkDoneProgressServerReporter>, title: string, message: string) {
    created.then(
      (reporter) => {
        reporter.begin(title, this.percentage, message, false);
        if (this.finished) reporter.done();
        else this.reporter = reporter;
      },
      () => undefined, // The client refused the token: no progress shown, the job goes on.
    );
  }

  /** The share done, 0-100; sent only when it grew. */
  report(percentage: number): void {
    if (percentage <= this.percentage) return;
    this.percentage = percentage;
    this.reporter?.report(percentage);
  }

  /** The job ended (completed or replaced by a newer one). */
  done(): void {
    if (this.finished) return;
    this.finished = true;
    this.reporter?.done();
    this.reporter = null;
  }
}
