import { readFileSync, writeFileSync } from 'node:fs';
import { MIB } from './measure';

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

export function rssBytes(pid: number): number {
  return statusField(pid, 'VmRSS');
}

/**
 * Resets the kernel's peak-RSS mark (VmHWM) of pid, so that it later tells the peak since now, including
 * spikes between two samples. Answers false where /proc/<pid>/clear_refs is not writable.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function peakRssBytes(pid: number): number {
  return statusField(pid, 'VmHWM');
}

/** Reads the RSS of pid every `intervalMs` until stopped; answers the highest value seen. */
export function sampleRss(pid: number, intervalMs = 50): { stop(): { peakBytes: number; samples: number } } {
  let peakBytes = rssBytes(pid);
  let samples = 1;
  const timer = setInterval(() => {
    try {
      peakBytes = Math.max(peakBytes, rssBytes(pid));
      samples++;
    } catch {
      // The process has gone; the stop() caller finds out through its own request failing.
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peakBytes = Math.max(peakBytes, rssBytes(pid));
      return { peakBytes, samples: samples + 1 };
    },
  };
}

export function mib(bytes: number): number {
  return bytes / MIB;
}
