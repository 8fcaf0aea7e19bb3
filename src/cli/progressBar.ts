/** A progress bar on stderr: redrawn in place on a terminal, a line every tenth otherwise (logs, CI). */
export class ProgressBar {
  private lastTenth = -1;
  private readonly interactive: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {
    this.interactive = Boolean(stream.isTTY);
  }

  update(label: string, done: number, total: number): void {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(fraction * this.width);
    const line = `${label.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total}`;
    if (this.interactive) {
      this.stream.write(`\r${line}`);
      if (fraction === 1) this.stream.write('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== this.lastTenth) {
      this.lastTenth = tenth;
      this.stream.write(`${line}\n`);
    }
  }

  reset(): void {
    this.lastTenth = -1;
  }
}
