import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineInfo } from './machine';
import type { ResultRow } from './results';
import { ratioOf } from './results';

export interface BenchFailure {
  benchmark: string;
  error: string;
}

export interface Report {
  machine: MachineInfo;
  /** Benchmarks that ran, in order; `--only` narrows it. */
  benchmarks: string[];
  rows: ResultRow[];
  failures: BenchFailure[];
  durationSeconds: number;
}

export function reportPassed(report: Report): boolean {
  return report.failures.length === 0 && report.rows.every((row) => row.check?.goal === true || row.check?.pass !== false);
}

function figure(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function checkCell(row: ResultRow): string {
  if (!row.check) return '';
  if (row.check.goal) return `${row.check.requirement}: ${row.check.pass ? 'MET' : 'MISS'}`;
  return `${row.check.pass ? 'PASS' : 'FAIL'}: ${row.check.requirement}`;
}

function cells(row: ResultRow): string[] {
  const ratio = ratioOf(row);
  return [
    row.benchmark,
    figure(row.measured),
    row.baseline === null ? '' : figure(row.baseline),
    ratio === null ? '' : `${ratio.toFixed(2)}x`,
    row.unit,
    checkCell(row),
    row.notes,
  ].map((cell) => cell.replace(/\|/g, '\\|'));
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const header = ['Benchmark', 'Measured', 'Baseline', 'Ratio', 'Unit', 'Check', 'Notes'];
  const lines = [header, header.map(() => '---'), ...rows.map(cells)];
  return lines.map((line) => `| ${line.join(' | ')} |`).join('\n');
}

function markdown(report: Report): string {
  const { machine } = report;
  const failures = report.failures.map((failure) => `- **${failure.benchmark}** failed: ${failure.error}`);
  return [
    '# Filora benchmark results',
    '',
    `Run \`npm run bench\` (${report.benchmarks.join(', ')}) on ${machine.date}, ${report.durationSeconds.toFixed(0)} s, commit ${machine.commit}: **${reportPassed(report) ? 'PASS' : 'FAIL'}**.`,
    '',
    'Ratio is measured / baseline; each baseline was taken in the same run, on the same machine.',
    '',
    markdownTable(report.rows),
    '',
    ...(failures.length > 0 ? ['## Failures', '', ...failures, ''] : []),
    '## Machine',
    '',
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores`,
    `- Memory: ${machine.memoryGiB} GiB`,
    `- Node: ${machine.node}`,
    `- OS: ${machine.os}`,
    `- Load average (1 min) at start: ${machine.loadAverageAtStart}`,
    '',
  ].join('\n');
}

export async function writeReport(directory: string, report: Report): Promise<{ markdownPath: string; jsonPath: string }> {
  await mkdir(directory, { recursive: true });
  const markdownPath = join(directory, 'latest.md');
  const jsonPath = join(directory, 'latest.json');
  const rows = report.rows.map((row) => ({ ...row, ratio: ratioOf(row) }));
  await writeFile(markdownPath, markdown(report));
  await writeFile(jsonPath, `${JSON.stringify({ ...report, passed: reportPassed(report), rows }, null, 2)}\n`);
  return { markdownPath, jsonPath };
}
