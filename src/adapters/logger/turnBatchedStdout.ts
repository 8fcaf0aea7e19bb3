/**
 * A log destination that collects the lines written during one turn of the event loop and hands them to
 * stdout in a single write, instead of one write (a syscall: stdout is synchronous for files and pipes)
 * per line. The batch goes out in setImmediate, or at once when the process exits, so a line logged
 * just before process.exit() (or an uncaught exception) is not lost; only SIGKILL can drop the lines of
 * the current turn.
 */
export class TurnBatchedStdout {
  private pending = '';
  private scheduled = false;
  private readonly flushNow = () => this.flush();

  constructor(private readonly out: (text: string) => void = (text) => void process.stdout.write(text)) {
    process.on('exit', this.flushNow);
  }

  write(line: string): void {
    this.pending += line;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flushNow);
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.out(text);
  }

  /** Writes what is pending and stops flushing on exit (tests that build many loggers). */
  close(): void {
    this.flush();
    process.off('exit', this.flushNow);
  }
}
