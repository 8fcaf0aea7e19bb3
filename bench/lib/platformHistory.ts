import type { EventDraft } from './historyActions';
import * as act from './historyActions';
import { HistoryWorld } from './historyWorld';
import { SeededRandom } from './seededRandom';

/** One command's events and when they were recorded. */
export interface HistoryStep {
  createdAt: number;
  events: EventDraft[];
}

const START = Date.parse('2025-01-01T00:00:00.000Z');

/** How often each kind of command happens (relative weights); downloads and uploads dominate, as on a file platform. */
const MIX = [
  ['download', 32],
  ['upload', 20],
  ['login', 7],
  ['rotate', 4],
  ['newVersion', 8],
  ['renameFile', 6],
  ['moveFile', 4],
  ['tagFile', 2],
  ['deleteFile', 5],
  ['createFolder', 6],
  ['renameFolder', 2],
  ['moveFolder', 1],
  ['register', 3],
] as const;
type Command = (typeof MIX)[number][0];
const TOTAL_WEIGHT = MIX.reduce((total, [, weight]) => total + weight, 0);

function pickCommand(world: HistoryWorld): Command {
  let roll = world.random.below(TOTAL_WEIGHT);
  for (const [command, weight] of MIX) {
    if (roll < weight) return command;
    roll -= weight;
  }
  return 'download';
}

/** The events of one command, or none when the world has nothing for it to act on yet. */
function run(world: HistoryWorld, command: Command, at: string): EventDraft[] {
  if (command === 'register' || world.users.length < 20) return act.registerUser(world, at);
  const user = command === 'login' || command === 'createFolder' || command === 'upload' ? world.activeUser()! : world.userWithFile();
  if (!user) return act.uploadFile(world, world.activeUser()!, at);
  const file = user.files.length > 0 ? world.random.pick(user.files) : undefined;
  const folder = user.folders.length > 0 ? world.random.pick(user.folders) : undefined;
  switch (command) {
    case 'login':
      return act.logIn(world, user, at);
    case 'rotate':
      return user.sessions.length > 0 ? act.rotateToken(world, user, at) : act.logIn(world, user, at);
    case 'upload':
      return act.uploadFile(world, user, at);
    case 'createFolder':
      return act.createFolder(world, user, at);
    case 'renameFolder':
      return folder ? act.renameFolder(world, folder, at) : act.createFolder(world, user, at);
    case 'moveFolder':
      return folder ? act.moveFolder(world, user, folder, at) : act.createFolder(world, user, at);
    case 'download':
      return file ? act.downloadFile(world, file, world.random.pick(world.users).id) : [];
    case 'newVersion':
      return file ? act.replaceContent(world, file) : [];
    case 'renameFile':
      return file ? act.renameFile(world, file, at) : [];
    case 'moveFile':
      return file ? act.moveFile(world, user, file, at) : [];
    case 'tagFile':
      return file ? act.tagFile(world, file) : [];
    case 'deleteFile':
      return file ? act.deleteFile(user, file, at) : [];
  }
}

/**
 * An endless, reproducible history of the platform in use: users registering and logging in, folders
 * created, renamed and moved, files uploaded, downloaded, renamed, moved, retagged, given new versions and
 * deleted, with the claim, blob and session events the commands record alongside.
 */
export function* platformHistory(seed = 20251101): Generator<HistoryStep> {
  const world = new HistoryWorld(new SeededRandom(seed));
  let clock = START;
  for (;;) {
    clock += 1 + world.random.below(400);
    const events = run(world, pickCommand(world), new Date(clock).toISOString());
    if (events.length > 0) yield { createdAt: clock, events };
  }
}
